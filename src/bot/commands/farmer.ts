/** The domain commands of the farmer flows: kind → function(tx, command, ctx). */
import type { CommandFn } from '../dispatch/ports.js';

export const farmerCommands: Record<string, CommandFn> = {};
