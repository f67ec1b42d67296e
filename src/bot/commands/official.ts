/** The domain commands of the official flows: kind → function(tx, command, ctx). */
import type { CommandFn } from '../dispatch/ports.js';

export const officialCommands: Record<string, CommandFn> = {};
