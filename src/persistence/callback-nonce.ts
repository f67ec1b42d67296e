/**
 * The callback replay guard. WeCom retries a callback with the same (timestamp, nonce) AND the
 * same signature; the same pair with another signature is somebody replaying parts of an old
 * request, and is refused.
 *
 * @example
 *   const seen = await transaction(db, (tx) => recordNonce(tx, ts, nonce, sig, now));
 *   if (seen === 'conflict') ctx.throw(403);
 */
import { isMysql, type Tx } from './db.js';
import { em } from './orm.js';
import { CallbackNonceSchema } from './schemas/callback-nonce.js';
import { execute, isUniqueViolation } from './sql.js';

export type NonceCheck = 'new' | 'retry' | 'conflict';

export async function recordNonce(tx: Tx, timestamp: string, nonce: string, signature: string, now: number): Promise<NonceCheck> {
  // `latest`: a locking read on MySQL sees the row another transaction just committed.
  const find = async (latest: boolean) => {
    const qb = em(tx).getRepository(CallbackNonceSchema).createQueryBuilder('n').where('n.timestamp = :timestamp AND n.nonce = :nonce', { timestamp, nonce });
    if (latest && isMysql(tx)) qb.setLock('pessimistic_write');
    return qb.getOne();
  };
  const compare = (sig: string): NonceCheck => (sig === signature.toLowerCase() ? 'retry' : 'conflict');
  // The INSERT first: one statement for a new pair (the usual case); a pair seen before fails it
  // on the unique key and is read back with a lock.
  try {
    await execute(tx, ...nonceStatement(timestamp, nonce, signature, now));
    return 'new';
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const row = await find(true);
    if (!row) throw e;
    return compare(row.signature);
  }
}

/** The INSERT of a new pair (for `oneTrip`): it fails on the unique key when the pair was seen before. */
export function nonceStatement(timestamp: string, nonce: string, signature: string, now: number): [string, unknown[]] {
  return ['INSERT INTO callback_nonce (`timestamp`, nonce, signature, seen_at) VALUES (?, ?, ?, ?)', [timestamp, nonce, signature.toLowerCase(), now]];
}

/** Deletes pairs seen before `olderThan` (outside the clock-skew window they are refused anyway). */
export async function pruneNonces(tx: Tx, olderThan: number): Promise<number> {
  const r = await em(tx).createQueryBuilder().delete().from(CallbackNonceSchema).where('seen_at < :olderThan', { olderThan }).execute();
  return r.affected ?? 0;
}
