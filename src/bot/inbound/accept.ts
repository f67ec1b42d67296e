/**
 * Accepting one authentic callback: its replay-guard pair and its inbound row in ONE transaction
 * (so a retry of a message whose row failed to commit is never refused as a replay) — on MariaDB a
 * new message's in one round trip (`storeFirstSeen`, src/persistence/inbound.ts) — with a
 * deadline: a database that does not answer in time is treated like one that is away, and the
 * caller spools the message instead (src/bot/inbound/spool.ts).
 *
 * @example
 *   const r = await acceptCallback(db, { item, receivedAt: now, nonce: { timestamp, nonce, signature } }, 2000);
 *   if (r === 'replayed_nonce') … 403;   else r.row is stored (r.created: first time)
 */
import { recordNonce } from '../../persistence/callback-nonce.js';
import { claimConversation } from '../../persistence/conversation.js';
import { transaction, type Database } from '../../persistence/db.js';
import { storeFirstSeen, storeInbound, type InboundRow } from '../../persistence/inbound.js';
import { isUniqueViolation, withRetry } from '../../persistence/sql.js';
import type { SpoolEntry } from './spool.js';

/** `leased`: the sender's lane was taken for `lane.me` in the same transaction (see `acceptCallback`). */
export type Accepted = { row: InboundRow; created: boolean; leased?: boolean } | 'replayed_nonce';

/** Who takes a new message's lane when it is stored, and for how long (the processor's lease). */
export interface LaneLease {
  me: string;
  leaseMs: number;
}

/** The deadline passed; the transaction may still finish later (its dedupe key makes that harmless). */
export class AcceptTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`database did not accept the message within ${ms} ms`);
  }
}

/**
 * With `lane`, a new message of a person whose lane nobody holds takes that lane for `lane.me` in
 * the same transaction (one statement; only when their conversation row exists): this process's
 * worker then waits out the settling window holding it, and another instance's sweeper does not
 * take the fresh message meanwhile.
 */
export async function storeAccepted(db: Database, e: SpoolEntry, lane?: LaneLease): Promise<Accepted> {
  // A new message (nearly all of them) in one round trip; a retry or a replay fails it on a unique
  // key and is told apart step by step below.
  try {
    const { row, leased } = await storeFirstSeen(db, e.nonce, e.item, e.receivedAt, lane);
    return { row, created: true, ...(leased !== undefined ? { leased } : {}) };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  return transaction(db, async (tx) => {
    const seen = await recordNonce(tx, e.nonce.timestamp, e.nonce.nonce, e.nonce.signature, e.receivedAt);
    if (seen === 'conflict') return 'replayed_nonce' as const;
    const stored = await storeInbound(tx, e.item, e.receivedAt);
    const { row, created } = stored;
    if (!lane || !created || row.kind === 'kf_sync' || !row.sender) return stored;
    return { row, created, leased: await claimConversation(tx, row.channel, row.sender, lane.me, e.receivedAt, lane.leaseMs) };
  });
}

/** Stores the entry, retrying lock conflicts briefly; rejects with `AcceptTimeout` after `deadlineMs`. */
export function acceptCallback(db: Database, e: SpoolEntry, deadlineMs: number, lane?: LaneLease): Promise<Accepted> {
  const work = withRetry(() => storeAccepted(db, e, lane), { attempts: 4, pauseMs: 25, maxPauseMs: 200 });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AcceptTimeout(deadlineMs)), deadlineMs);
  });
  // A late failure of the abandoned work is nobody's business any more.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
