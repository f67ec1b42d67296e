import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/**
 * The shared, append-only history: one row per change of a register or campaign record, with the
 * changed fields before and after, who made the change, when and why.
 */
export class History1764300300000 implements MigrationInterface {
  name = 'History1764300300000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'history',
      [
        c.id(),
        c.str('entity', 32),
        c.str('entity_id', 64),
        c.str('actor', 128),
        c.instant('at'),
        c.text('reason'),
        // "before"/"after" are reserved words in MySQL; the _json suffix avoids quoting everywhere.
        c.json('before_json', true),
        c.json('after_json', true),
      ],
      [{ columns: ['entity', 'entity_id'] }, { columns: ['at'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('history');
  }
}
