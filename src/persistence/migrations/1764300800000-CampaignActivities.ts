import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/**
 * 动员部署 and 培训 as villages report them (附件1: 是否专门安排部署, 培训人数). Append-only: a
 * correction is a later row (a withdrawn deployment, a new running total of people trained).
 */
export class CampaignActivities1764300800000 implements MigrationInterface {
  name = 'CampaignActivities1764300800000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'campaign_activity',
      [
        c.id(), c.str('campaign', 32), c.str('kind', 16),
        c.str('city_code', 32), c.str('town_code', 32), c.str('village_code', 32),
        c.day('day'), c.int('people', true), c.str('recorded_by', 128), c.instant('recorded_at'), c.int('inbound_id', true), c.instant('created_at'),
      ],
      [{ columns: ['campaign', 'village_code'] }, { columns: ['campaign', 'town_code'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('campaign_activity');
  }
}
