/**
 * Every migration, in order. Schema changes happen only here (never `synchronize` outside tests).
 * Append new migrations at the end; never edit one that has shipped.
 */
import type { MigrationInterface } from 'typeorm';
import { Outbox1764300000000 } from './1764300000000-Outbox.js';
import { CaseHistory1764300400000 } from './1764300400000-CaseHistory.js';
import { RiskLeads1764300401000 } from './1764300401000-RiskLeads.js';
import { MonitoringSubjects1764300402000 } from './1764300402000-MonitoringSubjects.js';
import { ScreeningRecords1764300403000 } from './1764300403000-ScreeningRecords.js';
import { Problems1764300404000 } from './1764300404000-Problems.js';

export const migrations: Array<new () => MigrationInterface> = [
  Outbox1764300000000,
  CaseHistory1764300400000,
  RiskLeads1764300401000,
  MonitoringSubjects1764300402000,
  ScreeningRecords1764300403000,
  Problems1764300404000,
];
