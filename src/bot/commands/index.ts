/**
 * Every domain command the flows can return, by kind. The dispatcher performs them inside the
 * transaction that also saves the conversation and the outbox rows.
 */
import { commandHandlers, type CommandHandler } from '../dispatch/ports.js';
import { caseworkCommands } from './casework.js';
import { departmentCommands } from './department.js';
import { farmerCommands } from './farmer.js';
import { fieldCommands } from './field.js';
import { officialCommands } from './official.js';

export function createCommands(): CommandHandler {
  return commandHandlers({ ...farmerCommands, ...fieldCommands, ...officialCommands, ...departmentCommands, ...caseworkCommands });
}
