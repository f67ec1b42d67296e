/**
 * The department warnings (部门筛查预警) in the order the registry lists them: a file (or the
 * question how to send one), the template, the progress.
 */
import type { Flow } from '../types.js';
import { warningFileFlow } from './warning-file.js';
import { warningProgressFlow } from './warning-progress.js';
import { warningTemplateFlow } from './warning-template.js';

export const departmentFlows: Flow[] = [warningFileFlow, warningTemplateFlow, warningProgressFlow];
