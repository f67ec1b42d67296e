import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/**
 * The weekly reporting of villages and towns: `weekly_confirmation` holds a village's “本周上报”
 * or a town's “周报” confirmation for a report week, with the 附件1 cells confirmed, who, when and
 * the message that caused it. Append-only: a correction is a later row of the same week.
 */
export class OfficialReports1764300600000 implements MigrationInterface {
  name = 'OfficialReports1764300600000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'weekly_confirmation',
      [
        c.id(), c.str('level', 8), c.str('region_code', 32), c.str('week', 8),
        c.str('confirmed_by', 128), c.str('confirmed_by_name', 64), c.instant('confirmed_at'), c.int('inbound_id', true),
        c.json('figures'), c.instant('created_at'),
      ],
      [{ columns: ['week', 'level', 'region_code'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('weekly_confirmation');
  }
}
