/** Every TypeORM EntitySchema of the application. Domain classes stay free of ORM decorators. */
import type { EntitySchema } from 'typeorm';
import { OutboxSchema } from './outbox.js';
import { caseworkSchemas } from './casework.js';
import { InboundSchema } from './inbound.js';
import { CallbackNonceSchema } from './callback-nonce.js';
import { ConversationSchema } from './conversation.js';
import { KfCursorSchema } from './kf-cursor.js';
import { TimerSchema } from './timer.js';
import { HistorySchema } from './history.js';
import { RegionSchema } from './regions.js';
import { HouseholdSchema, IncomeSchema, MemberSchema } from './households.js';
import { CampaignSchema, MonitoringLineSchema, StaffSchema } from './staff.js';
import { farmerSchemas } from './farmer.js';
import { WeeklyConfirmationSchema } from './official.js';
import { warningSchemas } from './warnings.js';
import { CampaignActivitySchema } from './activities.js';
import { CaseRequestSchema } from './case-requests.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const schemas: Array<EntitySchema<any>> = [
  OutboxSchema,
  ...caseworkSchemas,
  InboundSchema,
  CallbackNonceSchema,
  ConversationSchema,
  KfCursorSchema,
  TimerSchema,
  HistorySchema,
  RegionSchema,
  HouseholdSchema,
  MemberSchema,
  IncomeSchema,
  StaffSchema,
  CampaignSchema,
  MonitoringLineSchema,
  ...farmerSchemas,
  WeeklyConfirmationSchema,
  ...warningSchemas,
  CampaignActivitySchema,
  CaseRequestSchema,
];
