/**
 * Accepting one authentic callback: its replay-guard pair and its inbound row in ONE transaction
 * (so a retry of a message whose row failed to commit is never refused as a replay), with a
 * deadline: a database that does not answer in time is treated like one that is away, and the
 * caller spools the message instead (src/bot/inbound/spool.ts).
 *
 * @example
 *   const r = await acceptCallback(db, { item, receivedAt: now, nonce: { timestamp, nonce, signature } }, 2000);
 *   if (r === 'replayed_nonce') … 403;   else r.row is stored (r.created: first time)
 */
import { recordNonce } from '../../persistence/callback-nonce.js';
import { transaction, type Database } from '../../persistence/db.js';
import { storeInbound, type InboundRow } from '../../persistence/inbound.js';
import { withRetry } from '../../persistence/sql.js';
import type { SpoolEntry } from './spool.js';

export type Accepted = { row: InboundRow; created: boolean } | 'replayed_nonce';

/** The deadline passed; the transaction may still finish later (its dedupe key makes that harmless). */
export class AcceptTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`database did not accept the message within ${ms} ms`);
  }
}

export function storeAccepted(db: Database, e: SpoolEntry): Promise<Accepted> {
  return transaction(db, async (tx) => {
    const seen = await recordNonce(tx, e.nonce.timestamp, e.nonce.nonce, e.nonce.signature, e.receivedAt);
    if (seen === 'conflict') return 'replayed_nonce' as const;
    return storeInbound(tx, e.item, e.receivedAt);
  });
}

/** Stores the entry, retrying lock conflicts briefly; rejects with `AcceptTimeout` after `deadlineMs`. */
export function acceptCallback(db: Database, e: SpoolEntry, deadlineMs: number): Promise<Accepted> {
  const work = withRetry(() => storeAccepted(db, e), { attempts: 4, pauseMs: 25, maxPauseMs: 200 });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AcceptTimeout(deadlineMs)), deadlineMs);
  });
  // A late failure of the abandoned work is nobody's business any more.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
