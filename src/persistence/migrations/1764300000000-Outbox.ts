import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/** The durable outbox: every message the bot sends goes through a row here first. */
export class Outbox1764300000000 implements MigrationInterface {
  name = 'Outbox1764300000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'outbox',
      [
        c.id(),
        c.str('idem_key', 32),
        c.str('channel', 8),
        c.str('recipient', 128),
        c.str('open_kfid', 64, true),
        c.str('origin_msg_id', 128, true),
        c.json('payload'),
        c.str('status', 12),
        c.int('attempts', false, 0),
        c.instant('next_attempt_at'),
        c.str('claimed_by', 64, true),
        c.instant('claimed_until', true),
        c.instant('created_at'),
        c.instant('sent_at', true),
        c.text('last_error', true),
        // How many WeCom messages this row became (text split, kf merging): the per-member and
        // per-farmer limits count messages, not rows.
        c.int('parts_sent', false, 0),
        // Parts already confirmed sent, so a retry resumes after them instead of repeating them.
        c.int('parts_done', false, 0),
        // The last attempt may have reached WeCom (crash in 'sending', timeout): resend idempotently.
        c.bool('uncertain'),
        // kf rows sent together (merged) carry the id of the first row, so a retry regroups them alike.
        c.int('batch_id', true),
      ],
      [
        { columns: ['idem_key'], unique: true },
        { columns: ['status', 'next_attempt_at'] },
        { columns: ['recipient', 'status'] },
      ],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('outbox');
  }
}
