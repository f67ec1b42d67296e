import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/** Due-time rows (expiries, reminders) fed back to the dispatcher as timeout inputs. */
export class Timer1764300100004 implements MigrationInterface {
  name = 'Timer1764300100004';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'timer',
      [
        c.id(),
        c.str('channel', 8),
        c.str('sender', 128),
        c.str('open_kfid', 64, true),
        c.str('name', 64),
        c.json('payload', true),
        c.instant('due_at'),
        c.str('status', 12),
        c.str('claimed_by', 64, true),
        c.instant('claimed_until', true),
        c.instant('created_at'),
        c.instant('updated_at'),
        c.instant('fired_at', true),
      ],
      [
        { columns: ['channel', 'sender', 'name'], unique: true },
        { columns: ['status', 'due_at'] },
      ],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('timer');
  }
}
