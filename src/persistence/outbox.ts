/**
 * The outbox repository. `enqueueOutbound` is called inside the transaction that produced the
 * messages, so a message exists exactly when the change that caused it was committed.
 */
import { randomBytes } from 'node:crypto';
import type { Tx } from './db.js';
import { OutboxSchema, type OutboxRow } from './schemas/outbox.js';

export interface OutboundItem {
  channel: OutboxRow['channel'];
  recipient: string;
  openKfid?: string | null;
  originMsgId?: string | null;
  /** The message, as JSON (a flows `Reply`). */
  payload: unknown;
  /** Deterministic key when the caller has one (re-enqueueing the same key is a no-op). */
  idemKey?: string;
}

/** Stores the items as pending sends; returns their ids in order. */
export async function enqueueOutbound(tx: Tx, items: OutboundItem[], now: number): Promise<number[]> {
  const ids: number[] = [];
  const repo = tx.getRepository(OutboxSchema);
  for (const item of items) {
    const idemKey = item.idemKey ?? randomBytes(16).toString('hex');
    const existing = await repo.findOne({ where: { idemKey } });
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    const saved = await repo.save({
      idemKey,
      channel: item.channel,
      recipient: item.recipient,
      openKfid: item.openKfid ?? null,
      originMsgId: item.originMsgId ?? null,
      payload: item.payload,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      claimedBy: null,
      claimedUntil: null,
      createdAt: now,
      sentAt: null,
      lastError: null,
      partsSent: 0,
      partsDone: 0,
      uncertain: false,
      batchId: null,
    });
    ids.push(saved.id);
  }
  return ids;
}
