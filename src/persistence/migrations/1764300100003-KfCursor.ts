import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/** kf/sync_msg cursor per 微信客服 account. */
export class KfCursor1764300100003 implements MigrationInterface {
  name = 'KfCursor1764300100003';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'kf_cursor',
      [c.id(), c.str('open_kfid', 64), c.str('next_cursor', 255, true), c.str('claimed_by', 64, true), c.instant('claimed_until', true), c.instant('updated_at')],
      [{ columns: ['open_kfid'], unique: true }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('kf_cursor');
  }
}
