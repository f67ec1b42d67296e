/**
 * The one list of flows, in priority order: when no flow is waiting, the first whose `matches`
 * is true starts. Every flow listed here must have a transcript test in test/flows/<name>.test.ts
 * (test/flows/registry.test.ts fails otherwise).
 */
import { helpFlow } from './help.js';
import { officialFlows } from './official/index.js';
import type { Flow } from './types.js';

export const flows: Flow[] = [helpFlow, ...officialFlows];
