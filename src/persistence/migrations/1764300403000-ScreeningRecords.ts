import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/** The rows of 附件2–5: common columns for the queries, the form's own answers as JSON. */
export class ScreeningRecords1764300403000 implements MigrationInterface {
  name = 'ScreeningRecords1764300403000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'screening_record',
      [
        c.id(), c.str('form', 12), c.str('campaign', 32), c.int('household_id'), c.int('subject_id', true),
        c.str('city_code', 32), c.str('town_code', 32), c.str('village_code', 32), c.str('grid_code', 48, true),
        c.str('screener', 128), c.instant('at'), c.day('day'), c.bool('risk_found'), c.json('answers'), c.text('remark'),
        c.int('version', false, 1), c.instant('created_at'), c.instant('updated_at'),
      ],
      [
        { columns: ['campaign', 'household_id', 'form'] },
        { columns: ['campaign', 'village_code'] },
        { columns: ['campaign', 'town_code'] },
        { columns: ['subject_id'] },
      ],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('screening_record');
  }
}
