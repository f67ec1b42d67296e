import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/**
 * household_fact: what is known about a household beyond its roster (income, 两不愁三保障, 饮水,
 * 参保, relief received), one row per value with its source and as-of day. Append-only: a new
 * value is a new row, so the history of every value is the table itself.
 */
export class RegsHouseholdFacts1764300900000 implements MigrationInterface {
  name = 'RegsHouseholdFacts1764300900000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'household_fact',
      [
        c.id(),
        c.int('household_id'),
        c.str('fact_key', 32),
        c.text('value'),
        c.str('source', 16),
        c.str('source_ref', 255),
        c.day('as_of'),
        c.str('recorded_by', 128),
        c.instant('recorded_at'),
      ],
      [{ columns: ['household_id', 'fact_key'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('household_fact');
  }
}
