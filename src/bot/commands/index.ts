/**
 * Every domain command the flows can return, by kind (declared in src/flows/commands.ts). The
 * dispatcher performs them inside the transaction that also saves the conversation and the outbox
 * rows. The table is typed to cover every kind: a command without a handler is a compile error.
 */
import type { CommandKind } from '../../flows/commands.js';
import { commandHandlers, type CommandFn, type CommandHandler } from '../dispatch/ports.js';
import { caseworkCommands } from './casework.js';
import { departmentCommands } from './department.js';
import { farmerCommands } from './farmer.js';
import { fieldCommands } from './field.js';
import { officialCommands } from './official.js';

const ALL: Record<CommandKind, CommandFn> = { ...farmerCommands, ...fieldCommands, ...officialCommands, ...departmentCommands, ...caseworkCommands };

export function createCommands(): CommandHandler {
  return commandHandlers(ALL);
}
