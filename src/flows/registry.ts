/**
 * The one list of flows, in priority order: when no flow is waiting, the first whose `matches`
 * is true starts. Every flow listed here must have a transcript test in test/flows/<name>.test.ts
 * (test/flows/registry.test.ts fails otherwise).
 */
import { farmerFlows, welcomeFlow } from './farmer/index.js';
import { helpFlow } from './help.js';
import type { Flow } from './types.js';

// The farmers' welcome answers a poster's QR code (enter_session with a village scene) before
// help answers every other entry.
export const flows: Flow[] = [welcomeFlow, helpFlow, ...farmerFlows];
