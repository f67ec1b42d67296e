/**
 * Every migration, in order. Schema changes happen only here (never `synchronize` outside tests).
 * Append new migrations at the end; never edit one that has shipped.
 */
import type { MigrationInterface } from 'typeorm';
import { Outbox1764300000000 } from './1764300000000-Outbox.js';
import { History1764300300000 } from './1764300300000-History.js';
import { Regions1764300300100 } from './1764300300100-Regions.js';
import { Households1764300300200 } from './1764300300200-Households.js';
import { StaffCampaigns1764300300300 } from './1764300300300-StaffCampaigns.js';

export const migrations: Array<new () => MigrationInterface> = [
  Outbox1764300000000,
  History1764300300000,
  Regions1764300300100,
  Households1764300300200,
  StaffCampaigns1764300300300,
];
