/**
 * The official flows, in the order they are tried (the more specific words first: a chart or a
 * ranking names progress words too). Appended to the registry as one block.
 */
import type { Flow } from '../types.js';
import { progressFlow } from './progress.js';

export const officialFlows: Flow[] = [progressFlow];
