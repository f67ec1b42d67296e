import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/**
 * The append-only history of casework changes (leads, subjects, screenings, problems): who, when,
 * why, before and after. Kept apart from the registers' `history` table until the two are joined.
 */
export class CaseHistory1764300400000 implements MigrationInterface {
  name = 'CaseHistory1764300400000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'case_history',
      [c.id(), c.str('entity', 32), c.int('entity_id'), c.str('actor', 128), c.instant('at'), c.text('reason'), c.json('before_state', true), c.json('after_state', true)],
      [{ columns: ['entity', 'entity_id'] }, { columns: ['at'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('case_history');
  }
}
