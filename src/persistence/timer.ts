/**
 * Timers are rows, not sleeps: a flow (or the dispatcher) schedules a key for a sender; when it
 * falls due the sweeper fires it — in the same transaction that stores the resulting `timeout`
 * input — so across several instances each timer fires exactly once.
 *
 * @example
 *   await scheduleTimer(tx, { channel: 'app', sender: 'zhangsan', name: 'expiry', dueAt, payload: { v: 3 } }, now);
 *   const fired = await fireDueTimers(tx, me, now, 50);   // then store one inbound row per fired timer
 */
import type { QueryDeepPartialEntity } from 'typeorm';
import { isMysql, type Tx } from './db.js';
import { em } from './orm.js';
import { TimerSchema, type TimerRow } from './schemas/timer.js';
import { affected, execute, isUniqueViolation, jsonText } from './sql.js';

export type { TimerRow };

export interface TimerSpec {
  channel: TimerRow['channel'];
  sender: string;
  openKfid?: string | null;
  name: string;
  dueAt: number;
  payload?: unknown;
}

/** Schedules the timer, or moves it (new due time and payload) if the key exists. */
export async function scheduleTimer(tx: Tx, spec: TimerSpec, now: number): Promise<void> {
  if (spec.name.length > 64) throw new Error(`timer name too long: ${spec.name}`);
  // Plain SQL: a conversation's expiry timer moves with nearly every message.
  const move = () =>
    execute(
      tx,
      `UPDATE timer SET due_at = ?, payload = ?, status = 'pending', claimed_by = NULL, claimed_until = NULL, fired_at = NULL, updated_at = ? WHERE channel = ? AND sender = ? AND name = ?`,
      [spec.dueAt, jsonText(spec.payload), now, spec.channel, spec.sender, spec.name],
    );
  if ((await move()) === 1) return;
  try {
    await em(tx).getRepository(TimerSchema).insert({
      // (payload is JSON of any shape; TypeORM's deep-partial type cannot express `unknown`)
      channel: spec.channel,
      sender: spec.sender,
      openKfid: spec.openKfid ?? null,
      name: spec.name,
      payload: spec.payload ?? null,
      dueAt: spec.dueAt,
      status: 'pending',
      claimedBy: null,
      claimedUntil: null,
      createdAt: now,
      updatedAt: now,
      firedAt: null,
    } as QueryDeepPartialEntity<TimerRow>);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    await move();
  }
}

/** Cancels a pending timer (kept as a row, status cancelled). */
export async function cancelTimer(tx: Tx, channel: TimerRow['channel'], sender: string, name: string, now: number): Promise<void> {
  await execute(tx, "UPDATE timer SET status = 'cancelled', updated_at = ? WHERE channel = ? AND sender = ? AND name = ? AND status = 'pending'", [now, channel, sender, name]);
}

/**
 * Claims and fires up to `limit` due timers. On MariaDB the candidates are locked with
 * SKIP LOCKED so two sweepers take different rows; on SQLite the transaction holds the write lock.
 * Each row is marked fired by a conditional update, so a row is returned by one caller only.
 * Store the resulting inputs in the same transaction.
 */
export async function fireDueTimers(tx: Tx, me: string, now: number, limit: number): Promise<TimerRow[]> {
  const qb = em(tx)
    .getRepository(TimerSchema)
    .createQueryBuilder('t')
    .where("t.status = 'pending' AND t.due_at <= :now", { now })
    .orderBy('t.due_at', 'ASC')
    .addOrderBy('t.id', 'ASC')
    .take(limit);
  if (isMysql(tx)) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
  const due = await qb.getMany();
  const fired: TimerRow[] = [];
  for (const t of due) {
    const r = await em(tx)
      .createQueryBuilder()
      .update(TimerSchema)
      .set({ status: 'fired', claimedBy: me, claimedUntil: now, firedAt: now, updatedAt: now })
      .where("id = :id AND status = 'pending' AND due_at = :dueAt", { id: t.id, dueAt: t.dueAt })
      .execute();
    if (affected(r) === 1) fired.push({ ...t, status: 'fired', claimedBy: me, claimedUntil: now, firedAt: now });
  }
  return fired;
}

export async function findTimer(tx: Tx, channel: TimerRow['channel'], sender: string, name: string): Promise<TimerRow | null> {
  return em(tx).getRepository(TimerSchema).findOne({ where: { channel, sender, name } });
}
