/**
 * Every migration, in order. Schema changes happen only here (never `synchronize` outside tests).
 * Append new migrations at the end; never edit one that has shipped.
 */
import type { MigrationInterface } from 'typeorm';
import { Outbox1764300000000 } from './1764300000000-Outbox.js';

export const migrations: Array<new () => MigrationInterface> = [
  Outbox1764300000000,
];
