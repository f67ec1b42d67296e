/**
 * Every migration, in order. Schema changes happen only here (never `synchronize` outside tests).
 * Append new migrations at the end; never edit one that has shipped.
 */
import type { MigrationInterface } from 'typeorm';

export const migrations: Array<new () => MigrationInterface> = [];
