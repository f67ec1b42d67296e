import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/** The callback replay guard: (timestamp, nonce) → signature. */
export class CallbackNonce1764300100001 implements MigrationInterface {
  name = 'CallbackNonce1764300100001';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'callback_nonce',
      [c.id(), c.str('timestamp', 16), c.str('nonce', 64), c.str('signature', 64), c.instant('seen_at')],
      [{ columns: ['timestamp', 'nonce'], unique: true }, { columns: ['seen_at'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('callback_nonce');
  }
}
