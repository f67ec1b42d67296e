/**
 * Every migration, in order. Schema changes happen only here (never `synchronize` outside tests).
 * Append new migrations at the end; never edit one that has shipped. Class names end in a
 * 13-digit timestamp (TypeORM orders by it).
 */
import type { MigrationInterface } from 'typeorm';
import { Outbox1764300000000 } from './1764300000000-Outbox.js';
import { InboundMessage1764300100000 } from './1764300100000-InboundMessage.js';
import { CallbackNonce1764300100001 } from './1764300100001-CallbackNonce.js';
import { Conversation1764300100002 } from './1764300100002-Conversation.js';
import { KfCursor1764300100003 } from './1764300100003-KfCursor.js';
import { Timer1764300100004 } from './1764300100004-Timer.js';
import { History1764300300000 } from './1764300300000-History.js';
import { Regions1764300300100 } from './1764300300100-Regions.js';
import { Households1764300300200 } from './1764300300200-Households.js';
import { StaffCampaigns1764300300300 } from './1764300300300-StaffCampaigns.js';
import { RiskLeads1764300401000 } from './1764300401000-RiskLeads.js';
import { MonitoringSubjects1764300402000 } from './1764300402000-MonitoringSubjects.js';
import { ScreeningRecords1764300403000 } from './1764300403000-ScreeningRecords.js';
import { Problems1764300404000 } from './1764300404000-Problems.js';
import { FarmerDoor1764300500000 } from './1764300500000-FarmerDoor.js';
import { OfficialReports1764300600000 } from './1764300600000-OfficialReports.js';
import { DepartmentWarnings1764300710000 } from './1764300710000-DepartmentWarnings.js';
import { CampaignActivities1764300800000 } from './1764300800000-CampaignActivities.js';
import { RegsHouseholdFacts1764300900000 } from './1764300900000-regs-HouseholdFacts.js';
import { PipeInboundOrder1764301300000 } from './1764301300000-pipe-InboundOrder.js';
import { CasesCaseRequests1764301100000 } from './1764301100000-cases-CaseRequests.js';
import { Pipe2OutboxMedia1764301400000 } from './1764301400000-pipe2-OutboxMedia.js';
import { ProgressIndexes1764400000000 } from './1764400000000-ProgressIndexes.js';
import { HouseholdPeople1764400100000 } from './1764400100000-HouseholdPeople.js';
import { DeclarationSubject1764400200000 } from './1764400200000-DeclarationSubject.js';
import { ScreenedHouseholds1765200000000 } from './1765200000000-ScreenedHouseholds.js';
import { ConversationRecall1765300000000 } from './1765300000000-ConversationRecall.js';
import { RegisterCounts1765300100000 } from './1765300100000-RegisterCounts.js';

export const migrations: Array<new () => MigrationInterface> = [
  Outbox1764300000000,
  InboundMessage1764300100000,
  CallbackNonce1764300100001,
  Conversation1764300100002,
  KfCursor1764300100003,
  Timer1764300100004,
  History1764300300000,
  Regions1764300300100,
  Households1764300300200,
  StaffCampaigns1764300300300,
  RiskLeads1764300401000,
  MonitoringSubjects1764300402000,
  ScreeningRecords1764300403000,
  Problems1764300404000,
  FarmerDoor1764300500000,
  OfficialReports1764300600000,
  DepartmentWarnings1764300710000,
  CampaignActivities1764300800000,
  RegsHouseholdFacts1764300900000,
  PipeInboundOrder1764301300000,
  CasesCaseRequests1764301100000,
  Pipe2OutboxMedia1764301400000,
  ProgressIndexes1764400000000,
  HouseholdPeople1764400100000,
  DeclarationSubject1764400200000,
  ScreenedHouseholds1765200000000,
  ConversationRecall1765300000000,
  RegisterCounts1765300100000,
];
