/**
 * What `npx shouwang jobs` reads: the system jobs' timer rows (senders `system:…`) and the outbox
 * rows a job run added.
 *
 * @example
 *   await systemTimers(tx)          // [{ sender: 'system:lead-deadlines', name: 'lead-deadlines', dueAt, status: 'pending', … }]
 *   const mark = await lastOutboxId(tx); … ; await outboxAfter(tx, mark)
 */
import { Like, MoreThan } from 'typeorm';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { OutboxSchema, type OutboxRow } from './schemas/outbox.js';
import { TimerSchema, type TimerRow } from './schemas/timer.js';

/** Every system job's timer row, whatever its status, by name. */
export async function systemTimers(tx: Tx): Promise<TimerRow[]> {
  return em(tx).getRepository(TimerSchema).find({ where: { sender: Like('system:%') }, order: { name: 'ASC' } });
}

export async function lastOutboxId(tx: Tx): Promise<number> {
  const [last] = await em(tx).getRepository(OutboxSchema).find({ select: { id: true }, order: { id: 'DESC' }, take: 1 });
  return last?.id ?? 0;
}

export async function outboxAfter(tx: Tx, id: number): Promise<OutboxRow[]> {
  return em(tx).getRepository(OutboxSchema).find({ where: { id: MoreThan(id) }, order: { id: 'ASC' } });
}

/**
 * When the next system job's timer falls due after `after` (null: none pending). The sweeper
 * wakes at that instant instead of at its next round. A few rows, read through the timer's
 * unique key (channel, sender, name).
 */
export async function nextSystemTimerDue(tx: Tx, after: number): Promise<number | null> {
  const rows: Array<{ due: number | string | null }> = await em(tx).query(
    "SELECT MIN(`due_at`) AS due FROM `timer` WHERE `channel` = 'app' AND `sender` LIKE 'system:%' AND `status` = 'pending' AND `due_at` > ?",
    [after],
  );
  const due = rows[0]?.due;
  return due === null || due === undefined ? null : Number(due);
}
