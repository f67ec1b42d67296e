import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { c, createTable } from './helpers.js';

const key = (col: TableColumnOptions): TableColumnOptions => ({ ...col, isPrimary: true });

/**
 * The screened households of a campaign's window kept as rows (src/persistence/screened-households.ts):
 * `screened_window` lists the kept (campaign, first day of the window) pairs, `screened_household`
 * holds one row per household screened on or after that day, with the household's placement, type
 * and 家庭人口 copied; `screened_count` adds those rows up per village, grid ('' for none), type
 * and first day, so a town's 集中排查对象 is a few thousand counters. The household index serves
 * the recount of a household's rows at every write; the place index lists a village's rows (the few
 * households screened under another village). No rows are built here: the first progress answer
 * of a window builds them.
 */
export class ScreenedHouseholds1765200000000 implements MigrationInterface {
  name = 'ScreenedHouseholds1765200000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'screened_window', [key(c.str('campaign', 32)), key(c.day('window_from'))]);
    await createTable(
      qr,
      'screened_household',
      [
        key(c.str('campaign', 32)),
        key(c.day('window_from')),
        key(c.int('household_id')),
        c.str('city_code', 32),
        c.str('town_code', 32),
        c.str('village_code', 32),
        c.str('grid_code', 32, true),
        c.str('type', 12),
        c.int('people', true),
        c.day('first_day', true),
        c.int('elsewhere', false, 0),
      ],
      [
        { name: 'ix_screened_place', columns: ['campaign', 'window_from', 'village_code', 'elsewhere', 'grid_code', 'type', 'town_code', 'city_code', 'first_day', 'people'] },
        { name: 'ix_screened_household', columns: ['household_id'] },
      ],
    );
    await createTable(qr, 'screened_count', [
      key(c.str('campaign', 32)),
      key(c.day('window_from')),
      key(c.str('village_code', 32)),
      key(c.str('grid_code', 32)),
      key(c.str('type', 12)),
      key(c.str('town_code', 32)),
      key(c.str('city_code', 32)),
      key(c.day('first_day')),
      c.int('households', false, 0),
      c.int('people', false, 0),
    ]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('screened_count');
    await qr.dropTable('screened_household');
    await qr.dropTable('screened_window');
  }
}
