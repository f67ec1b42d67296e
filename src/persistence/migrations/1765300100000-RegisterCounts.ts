import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { c, createTable } from './helpers.js';

const key = (col: TableColumnOptions): TableColumnOptions => ({ ...col, isPrimary: true });

/**
 * The household register kept as counters (src/persistence/register-counts.ts): `register_count`
 * holds, per village, grid ('' for none), household type, town and city, the households on the
 * register, their 家庭人口 added up and how many of them are not counted yet (people NULL). The key
 * is in the order of the households' register index, so a town's counters are one range per
 * village. The existing register is counted once here, in one statement.
 */
export class RegisterCounts1765300100000 implements MigrationInterface {
  name = 'RegisterCounts1765300100000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'register_count', [
      key(c.str('village_code', 32)),
      key(c.str('grid_code', 32)),
      key(c.str('type', 12)),
      key(c.str('town_code', 32)),
      key(c.str('city_code', 32)),
      c.int('households', false, 0),
      c.int('people', false, 0),
      c.int('uncounted', false, 0),
    ]);
    await qr.query(
      `INSERT INTO register_count (village_code, grid_code, type, town_code, city_code, households, people, uncounted)
       SELECT village_code, COALESCE(grid_code, ''), type, town_code, city_code, COUNT(*), SUM(COALESCE(people, 0)), SUM(CASE WHEN people IS NULL THEN 1 ELSE 0 END)
         FROM households GROUP BY village_code, COALESCE(grid_code, ''), type, town_code, city_code`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('register_count');
  }
}
