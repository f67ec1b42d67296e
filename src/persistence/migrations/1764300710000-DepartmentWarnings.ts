import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/**
 * 部门筛查预警: `department_warning` keeps every warning row a department sent that was imported
 * — the ones that opened or joined a risk lead and the ones below their department's threshold
 * (recorded as seen) — keyed by a digest of department + ID number + day + reason, so a list sent
 * again opens nothing new. `warning_threshold` holds the configured amount thresholds (a row
 * overrides the built-in default of its department; a null amount means "no threshold").
 * Append-only apart from the threshold's value, whose changes go to `history`.
 */
export class DepartmentWarnings1764300710000 implements MigrationInterface {
  name = 'DepartmentWarnings1764300710000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'department_warning',
      [
        c.id(), c.str('warning_key', 64), c.str('department', 24), c.day('warned_on'),
        c.str('id_number', 18), c.str('name', 64), c.str('town_name', 64), c.str('village_name', 64),
        c.text('reason'), c.instant('amount_fen', true), c.text('remark'),
        c.int('household_id', true), c.str('city_code', 32, true), c.str('town_code', 32, true), c.str('village_code', 32, true), c.str('grid_code', 48, true),
        c.str('outcome', 16), c.int('lead_id', true),
        c.str('file_name', 255), c.str('actor', 128), c.int('inbound_id', true), c.instant('created_at'),
      ],
      [{ columns: ['warning_key'], unique: true }, { columns: ['department', 'warned_on'] }, { columns: ['lead_id'] }, { columns: ['id_number'] }],
    );
    await createTable(
      qr,
      'warning_threshold',
      [c.id(), c.str('department', 24), c.instant('min_fen', true), c.str('amount_label', 16), c.instant('created_at'), c.instant('updated_at')],
      [{ columns: ['department'], unique: true }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('warning_threshold');
    await qr.dropTable('department_warning');
  }
}
