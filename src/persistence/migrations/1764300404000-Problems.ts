import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/**
 * 问题清单 and their rectification (对账销号). `open_finding_key` is set while a problem opened by a
 * check is open, and unique, so re-running the checks never opens the same problem twice.
 */
export class Problems1764300404000 implements MigrationInterface {
  name = 'Problems1764300404000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'problem',
      [
        c.id(), c.str('category', 32),
        c.str('city_code', 32), c.str('town_code', 32), c.str('village_code', 32), c.str('grid_code', 48, true),
        c.int('household_id', true), c.text('description'), c.str('responsible', 128), c.text('measure'), c.day('deadline'),
        c.str('status', 12), c.day('found_on'), c.str('found_by', 128), c.str('source', 8),
        c.str('finding_key', 190, true), c.str('open_finding_key', 190, true), c.json('rectification', true),
        c.int('version', false, 1), c.instant('created_at'), c.instant('updated_at'),
      ],
      [
        { columns: ['open_finding_key'], unique: true },
        { columns: ['village_code', 'status'] },
        { columns: ['town_code', 'status'] },
      ],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('problem');
  }
}
