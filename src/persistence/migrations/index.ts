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
import { InboundMessage17643001000000 } from './17643001000000-InboundMessage.js';
import { CallbackNonce17643001000001 } from './17643001000001-CallbackNonce.js';
import { Conversation17643001000002 } from './17643001000002-Conversation.js';
import { KfCursor17643001000003 } from './17643001000003-KfCursor.js';
import { Timer17643001000004 } from './17643001000004-Timer.js';
import { FarmerDoor1764300500000 } from './1764300500000-FarmerDoor.js';

export const migrations: Array<new () => MigrationInterface> = [
  Outbox1764300000000,
  CaseHistory1764300400000,
  RiskLeads1764300401000,
  MonitoringSubjects1764300402000,
  ScreeningRecords1764300403000,
  Problems1764300404000,
  InboundMessage17643001000000,
  CallbackNonce17643001000001,
  Conversation17643001000002,
  KfCursor17643001000003,
  Timer17643001000004,
  FarmerDoor1764300500000,
];
