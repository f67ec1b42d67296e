import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/** The inbound log: every authentic callback message/event, stored before the HTTP ack. */
export class InboundMessage1764300100000 implements MigrationInterface {
  name = 'InboundMessage1764300100000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'inbound_message',
      [
        c.id(),
        c.str('dedupe_key', 191),
        c.str('kind', 12),
        c.str('channel', 8),
        c.str('sender', 128),
        c.str('open_kfid', 64, true),
        c.str('msg_type', 32),
        c.json('message'),
        c.str('status', 12),
        c.int('attempts', false, 0),
        c.str('claimed_by', 64, true),
        c.instant('claimed_until', true),
        c.instant('received_at'),
        c.instant('processed_at', true),
        c.text('error', true),
        c.json('outbox_ids', true),
        c.text('passive_reply', true),
      ],
      [
        { columns: ['dedupe_key'], unique: true },
        { columns: ['channel', 'sender', 'status'] },
        { columns: ['status', 'claimed_until'] },
      ],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('inbound_message');
  }
}
