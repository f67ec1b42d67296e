/** Every TypeORM EntitySchema of the application. Domain classes stay free of ORM decorators. */
import type { EntitySchema } from 'typeorm';
import { OutboxSchema } from './outbox.js';
import { HistorySchema } from './history.js';
import { RegionSchema } from './regions.js';
import { HouseholdSchema, IncomeSchema, MemberSchema } from './households.js';
import { CampaignSchema, MonitoringLineSchema, StaffSchema } from './staff.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const schemas: Array<EntitySchema<any>> = [
  OutboxSchema,
  HistorySchema,
  RegionSchema,
  HouseholdSchema,
  MemberSchema,
  IncomeSchema,
  StaffSchema,
  CampaignSchema,
  MonitoringLineSchema,
];
