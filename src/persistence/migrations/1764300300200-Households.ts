import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { c, createTable } from './helpers.js';

/** Amounts in fen: BIGINT so no household total can overflow. */
const fen = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: false, default: 0 });

/** Households (户), their members (one row per person, ID number unique across the register) and income. */
export class Households1764300300200 implements MigrationInterface {
  name = 'Households1764300300200';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'households',
      [
        c.id(),
        c.str('code', 64),
        c.str('head_name', 64),
        c.str('city_code', 32),
        c.str('town_code', 32),
        c.str('village_code', 32),
        c.str('grid_code', 32, true),
        c.str('type', 12),
        c.int('alleviation_year', true),
        c.bool('dibao'),
        c.bool('tekun'),
        c.json('key_groups'),
        c.str('phone', 32, true),
        c.str('contact_staff', 64, true),
        c.instant('created_at'),
        c.instant('updated_at'),
      ],
      [{ columns: ['code'], unique: true }, { columns: ['village_code'] }, { columns: ['town_code'] }, { columns: ['grid_code'] }],
    );
    await createTable(
      qr,
      'members',
      [
        c.id(),
        c.int('household_id'),
        c.str('id_number', 18),
        c.str('name', 64),
        c.str('relation', 32),
        c.str('labour', 8),
        c.str('health', 16),
        c.str('schooling', 16),
        c.str('phone', 32, true),
        c.day('left_on', true),
        c.str('left_reason', 255, true),
        c.instant('created_at'),
        c.instant('updated_at'),
      ],
      [{ columns: ['id_number'], unique: true }, { columns: ['household_id'] }],
    );
    await createTable(
      qr,
      'income_records',
      [
        c.id(),
        c.int('household_id'),
        c.day('period_from'),
        c.day('period_to'),
        fen('wage_fen'),
        fen('business_fen'),
        fen('property_fen'),
        fen('transfer_fen'),
        fen('business_cost_fen'),
        c.instant('created_at'),
        c.instant('updated_at'),
      ],
      [{ columns: ['household_id', 'period_from', 'period_to'], unique: true }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('income_records');
    await qr.dropTable('members');
    await qr.dropTable('households');
  }
}
