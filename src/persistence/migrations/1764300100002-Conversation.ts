import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/** Conversation state per (channel, sender), versioned, with the per-sender processing lease. */
export class Conversation1764300100002 implements MigrationInterface {
  name = 'Conversation1764300100002';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'conversation',
      [
        c.id(),
        c.str('channel', 8),
        c.str('sender', 128),
        c.json('state', true),
        c.json('prompt', true),
        c.json('suspended', true),
        c.int('version', false, 0),
        c.str('claimed_by', 64, true),
        c.instant('claimed_until', true),
        c.instant('updated_at'),
      ],
      [{ columns: ['channel', 'sender'], unique: true }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('conversation');
  }
}
