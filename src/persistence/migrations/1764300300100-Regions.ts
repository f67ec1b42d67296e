import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/**
 * The hierarchy 市 → 镇街 → 行政村 → 网格 with the other names people use for each node. Aliases are
 * a JSON list on the node, so changing them is an update with history, never a delete.
 */
export class Regions1764300300100 implements MigrationInterface {
  name = 'Regions1764300300100';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'regions',
      [
        c.id(),
        c.str('code', 32),
        c.str('name', 64),
        c.str('level', 8),
        c.str('parent_code', 32, true),
        c.json('aliases'),
        // City nodes only: the levels the city names (JSON list); null = all four.
        c.json('levels', true),
        c.instant('created_at'),
        c.instant('updated_at'),
      ],
      [{ columns: ['code'], unique: true }, { columns: ['parent_code'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('regions');
  }
}
