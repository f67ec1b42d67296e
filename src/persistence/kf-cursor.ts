/**
 * The kf/sync_msg cursor per 微信客服 account. A sync holds the row's lease while it pulls, so two
 * instances never pull the same account at once; the cursor is saved after every page.
 *
 * @example
 *   const held = await transaction(db, (tx) => claimKfCursor(tx, 'wkAbc', me, now, 60_000));
 *   if (held) { ...; await transaction(db, (tx) => saveKfCursor(tx, 'wkAbc', me, next, now)); }
 */
import type { Tx } from './db.js';
import { em } from './orm.js';
import { KfCursorSchema } from './schemas/kf-cursor.js';
import { affected, isUniqueViolation } from './sql.js';

/** Takes the account's lease; returns the saved cursor (null at the very start) or false when someone else holds it. */
export async function claimKfCursor(tx: Tx, openKfid: string, me: string, now: number, leaseMs: number): Promise<{ cursor: string | null } | false> {
  const repo = em(tx).getRepository(KfCursorSchema);
  if (!(await repo.findOne({ where: { openKfid } }))) {
    try {
      await repo.insert({ openKfid, nextCursor: null, claimedBy: null, claimedUntil: null, updatedAt: now });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  const r = await em(tx)
    .createQueryBuilder()
    .update(KfCursorSchema)
    .set({ claimedBy: me, claimedUntil: now + leaseMs })
    .where('open_kfid = :openKfid', { openKfid })
    .andWhere('(claimed_by IS NULL OR claimed_until < :now OR claimed_by = :me)', { now, me })
    .execute();
  if (affected(r) !== 1) return false;
  const row = await repo.findOne({ where: { openKfid } });
  return { cursor: row?.nextCursor ?? null };
}

/** Saves the cursor after a page and renews the lease; false when the lease was lost (then the caller must stop). */
export async function saveKfCursor(tx: Tx, openKfid: string, me: string, cursor: string, now: number, leaseMs = 60_000): Promise<boolean> {
  const r = await em(tx)
    .createQueryBuilder()
    .update(KfCursorSchema)
    .set({ nextCursor: cursor, updatedAt: now, claimedUntil: now + leaseMs })
    .where('open_kfid = :openKfid AND claimed_by = :me', { openKfid, me })
    .execute();
  return affected(r) === 1;
}

export async function releaseKfCursor(tx: Tx, openKfid: string, me: string): Promise<void> {
  await em(tx).createQueryBuilder().update(KfCursorSchema).set({ claimedBy: null, claimedUntil: null }).where('open_kfid = :openKfid AND claimed_by = :me', { openKfid, me }).execute();
}

export async function getKfCursor(tx: Tx, openKfid: string): Promise<string | null> {
  return (await em(tx).getRepository(KfCursorSchema).findOne({ where: { openKfid } }))?.nextCursor ?? null;
}
