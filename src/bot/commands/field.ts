/** The domain commands of the field flows: kind → function(tx, command, ctx). */
import type { CommandFn } from '../dispatch/ports.js';

export const fieldCommands: Record<string, CommandFn> = {};
