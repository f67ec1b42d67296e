/**
 * The outbox repository. `enqueueOutbound` is called inside the transaction that produced the
 * messages, so a message exists exactly when the change that caused it was committed.
 */
import { randomBytes } from 'node:crypto';
import { isMysql, type Database, type Tx } from './db.js';
import { asTx, dataSourceOf, em } from './orm.js';
import { carriesBytes, storeMedia, type StoredMediaReply } from './media.js';
import { OutboxSchema, type OutboxRow } from './schemas/outbox.js';
import { insertMany, insertReturningIds, isUniqueViolation, q, selectIn, sqlBool, withRetry } from './sql.js';

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

/**
 * Stores the items as pending sends; returns their ids in order. A file or image keeps its bytes
 * in `outbox_media` and the row only a reference (see media.ts). An item whose key is already
 * stored (or repeated in `items`) is not stored again: its existing id is returned.
 *
 * Items without bytes go in one multi-row INSERT (see `storeOutbound`), in the items' order, which
 * is also the order of the ids (each recipient's sends go in id order); the ids come from the
 * INSERT itself, or are read back by key when some key was stored before.
 */
export async function enqueueOutbound(tx: Tx, items: OutboundItem[], now: number): Promise<number[]> {
  if (items.length === 0) return [];
  if (!items.some((i) => carriesBytes(i.payload))) {
    // Rows without bytes and with new keys (the usual case: a message's replies): one INSERT,
    // its ids known from it. A key stored before fails it; then one INSERT leaving out the keys
    // already stored, and one read of the ids.
    const keys = items.map((i) => i.idemKey ?? randomBytes(16).toString('hex'));
    if (new Set(keys).size === keys.length) {
      try {
        const ids = await insertReturningIds(tx, 'outbox', BULK_COLUMNS, rowsOf(items, keys, now));
        if (ids) return ids;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
    return idsOf(tx, await insertRows(tx, items, now, keys));
  }
  const ids: number[] = [];
  const repo = em(tx).getRepository(OutboxSchema);
  for (const item of items) {
    const idemKey = item.idemKey ?? randomBytes(16).toString('hex');
    const existing = await repo.findOne({ where: { idemKey } });
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    const saved = await repo.save({
      idemKey,
      ...fresh(item, now),
      payload: carriesBytes(item.payload) ? await storedMedia(tx, item.payload, now) : item.payload,
    });
    ids.push(saved.id);
  }
  return ids;
}

/**
 * `enqueueOutbound` for callers that do not need the ids (the scheduled jobs): a job's thousands
 * of rows (the morning reminders) go in multi-row INSERTs that leave out keys already stored by
 * themselves (the unique key on `idem_key`), with no look-up before and no read-back after.
 */
export async function storeOutbound(tx: Tx, items: OutboundItem[], now: number): Promise<void> {
  if (items.length > 0 && !items.some((i) => carriesBytes(i.payload))) await insertRows(tx, items, now);
  else await enqueueOutbound(tx, items, now);
}

/** The columns of a new pending row, but its key and payload. */
const fresh = (item: OutboundItem, now: number) => ({
  channel: item.channel,
  recipient: item.recipient,
  openKfid: item.openKfid ?? null,
  originMsgId: item.originMsgId ?? null,
  status: 'pending' as const,
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

const BULK_COLUMNS = ['idem_key', 'channel', 'recipient', 'open_kfid', 'origin_msg_id', 'payload', 'status', 'attempts', 'next_attempt_at', 'created_at', 'parts_sent', 'parts_done', 'uncertain'];

/** The rows of `items` inserted, a stored or repeated key skipped by the unique index; returns the keys in order. */
const rowsOf = (items: OutboundItem[], keys: readonly string[], now: number) =>
  items.map((item, i) => [keys[i], item.channel, item.recipient, item.openKfid ?? null, item.originMsgId ?? null, JSON.stringify(item.payload), 'pending', 0, now, now, 0, 0, sqlBool(false)]);

async function insertRows(tx: Tx, items: OutboundItem[], now: number, keys = items.map((i) => i.idemKey ?? randomBytes(16).toString('hex'))): Promise<string[]> {
  await insertMany(tx, 'outbox', BULK_COLUMNS, rowsOf(items, keys, now), { skipDuplicateOf: 'idem_key' });
  return keys;
}

/** The ids of the rows stored under `keys`, in order. */
async function idsOf(tx: Tx, keys: readonly string[]): Promise<number[]> {
  // MariaDB compares the keys without case (its collation), SQLite exactly: match as the unique index does.
  const same = isMysql(tx) ? (k: string) => k.toLowerCase() : (k: string) => k;
  const rows = await selectIn<{ id: number | string; idem_key: string }>(tx, `SELECT ${q('id')} AS id, ${q('idem_key')} AS idem_key FROM ${q('outbox')}`, 'idem_key', [...new Set(keys)]);
  const ids = new Map(rows.map((r) => [same(r.idem_key), Number(r.id)]));
  return keys.map((k) => ids.get(same(k)) as number);
}

async function storedMedia(tx: Tx, p: { type: 'file' | 'image'; fileName: string; contentBase64: string }, now: number): Promise<StoredMediaReply> {
  const content = Buffer.from(p.contentBase64, 'base64');
  return { type: p.type, fileName: p.fileName, mediaRef: await storeMedia(tx, content, now), bytes: content.length };
}

// --- outbound ---
// The sender's side of the outbox (src/bot/outbox/sender.ts). A row goes
// pending → sending (claimed, with a lease) → sent | failed | dropped, or back to pending with a
// later next_attempt_at. Per recipient only the lowest non-terminal row (the head) may be
// claimed, so each person's messages go out in id order and one instance at a time sends to them.

export interface ClaimOptions {
  /** This sender instance (claimed_by). */
  owner: string;
  now: number;
  /** How long the claim holds; a row still 'sending' after it is uncertain. */
  leaseMs: number;
  /** Heads (recipients) claimed per call. */
  limit: number;
  /** kf: at most this many rows merged into one batch. */
  maxBatch?: number;
}

/** Rows to send together: one app row, or a kf head with the rows merged after it (id order). */
export interface ClaimedBatch {
  head: OutboxRow;
  rows: OutboxRow[];
}

const LIVE = ['pending', 'sending'];

/** The heads that are due and unclaimed, in id order. */
async function dueHeads(tx: Tx, now: number, limit: number): Promise<Array<{ id: number; status: string }>> {
  const rows: Array<{ id: number | string; status: string }> = await em(tx).query(
    `SELECT o.id AS id, o.status AS status FROM outbox o
     WHERE o.status IN ('pending', 'sending') AND o.channel IN ('app', 'kf')
       AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until < ?)
       AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.channel = o.channel AND p.recipient = o.recipient
                       AND p.status IN ('pending', 'sending') AND p.id < o.id)
     ORDER BY o.id LIMIT ?`,
    [now, now, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), status: r.status }));
}

/**
 * Takes one row if it is still as we saw it (status unchanged, due, claim free): the affected
 * row count says whether this instance won. A row found 'sending' (its lease expired) may have
 * reached WeCom already, so it becomes `uncertain`.
 */
async function takeRow(tx: Tx, id: number, prevStatus: string, opts: ClaimOptions, extra: { batchId?: number; followerOf?: boolean } = {}): Promise<boolean> {
  const set: Record<string, unknown> = { status: 'sending', claimedBy: opts.owner, claimedUntil: opts.now + opts.leaseMs };
  if (prevStatus === 'sending') set.uncertain = true;
  if (extra.batchId !== undefined) set.batchId = extra.batchId;
  const qb = em(tx)
    .createQueryBuilder()
    .update(OutboxSchema)
    .set(set)
    .where('id = :id AND status = :prev', { id, prev: prevStatus })
    .andWhere('(claimed_until IS NULL OR claimed_until < :now)', { now: opts.now });
  if (!extra.followerOf) qb.andWhere('next_attempt_at <= :now', { now: opts.now });
  const r = await qb.execute();
  return (r.affected ?? 0) === 1;
}

/**
 * Claims due heads safely across several sender instances and marks them 'sending' with a
 * lease before anything is sent. MariaDB/MySQL: the rows are locked with
 * `SELECT … FOR UPDATE SKIP LOCKED` in a transaction first; SQLite (one writer): the
 * conditional update alone decides.
 */
export async function claimOutbound(db: Database, opts: ClaimOptions): Promise<ClaimedBatch[]> {
  const candidates = await dueHeads(db.manager, opts.now, opts.limit);
  if (candidates.length === 0) return [];
  let won: number[] = [];
  if (isMysql(db)) {
    // Two senders claiming neighbouring rows can deadlock on MariaDB; the claim is safe to redo.
    won = await withRetry(() => dataSourceOf(db).transaction(async (m) => {
      const tx = asTx(m);
      const locked: Array<{ id: number | string }> = await em(tx).query(
        `SELECT id FROM outbox WHERE id IN (${candidates.map(() => '?').join(',')}) AND status IN ('pending', 'sending')
           AND (claimed_until IS NULL OR claimed_until < ?) FOR UPDATE SKIP LOCKED`,
        [...candidates.map((c) => c.id), opts.now],
      );
      const ids = new Set(locked.map((l) => Number(l.id)));
      const taken: number[] = [];
      for (const c of candidates) if (ids.has(c.id) && (await takeRow(tx, c.id, c.status, opts))) taken.push(c.id);
      return taken;
    }));
  } else {
    // SQLite has one writer and each UPDATE is atomic; no transaction, so the claim never nests
    // inside another transaction on the same connection.
    for (const c of candidates) if (await takeRow(db.manager, c.id, c.status, opts)) won.push(c.id);
  }
  const batches: ClaimedBatch[] = [];
  for (const id of won) {
    const head = await em(db.manager).getRepository(OutboxSchema).findOneByOrFail({ id });
    batches.push({ head, rows: head.channel === 'kf' ? await claimKfFollowers(db.manager, head, opts) : [head] });
  }
  return batches;
}

/**
 * The rows merged with a kf head. A head claimed before keeps its batch (same rows, same
 * rendering, same msgids on a resend); a new head takes the contiguous due rows after it.
 */
async function claimKfFollowers(tx: Tx, head: OutboxRow, opts: ClaimOptions): Promise<OutboxRow[]> {
  // No transaction needed: followers are never heads, so only the head's owner reaches for them,
  // and each conditional update is atomic on its own.
  const repo = em(tx).getRepository(OutboxSchema);
  {
    const rows = [head];
    if (head.batchId === head.id) {
      const followers = await em(tx).getRepository(OutboxSchema).find({ where: { batchId: head.id }, order: { id: 'ASC' } });
      for (const f of followers) {
        if (f.id === head.id || !LIVE.includes(f.status)) continue;
        if (await takeRow(tx, f.id, f.status, opts, { followerOf: true })) rows.push(await repo.findOneByOrFail({ id: f.id }));
      }
      return rows;
    }
    await em(tx).getRepository(OutboxSchema).update({ id: head.id }, { batchId: head.id });
    head.batchId = head.id;
    const next = await em(tx)
      .getRepository(OutboxSchema)
      .createQueryBuilder('o')
      .where('o.channel = :ch AND o.recipient = :r AND o.id > :id AND o.status IN (:...live)', { ch: 'kf', r: head.recipient, id: head.id, live: LIVE })
      .orderBy('o.id', 'ASC')
      .limit((opts.maxBatch ?? 10) - 1)
      .getMany();
    for (const f of next) {
      // Contiguous only: a later row must not overtake one that is waiting.
      if (f.status !== 'pending' || f.nextAttemptAt > opts.now || f.batchId !== null || f.openKfid !== head.openKfid) break;
      if (!(await takeRow(tx, f.id, 'pending', opts, { batchId: head.id, followerOf: true }))) break;
      rows.push({ ...f, status: 'sending', batchId: head.id });
    }
    return rows;
  }
}

/** Records that the first `partsDone` parts of a row are confirmed sent. */
export async function markOutboundProgress(tx: Tx, id: number, partsDone: number): Promise<void> {
  await em(tx).getRepository(OutboxSchema).update({ id }, { partsDone });
}

/** The rows were delivered; `partsSent[i]` messages for `ids[i]` (the limits count them). */
export async function markOutboundSent(tx: Tx, rows: Array<{ id: number; partsSent: number }>, now: number, note: string | null = null): Promise<void> {
  for (const r of rows) {
    await em(tx).getRepository(OutboxSchema).update({ id: r.id }, { status: 'sent', sentAt: now, partsSent: r.partsSent, claimedBy: null, claimedUntil: null, uncertain: false, lastError: note });
  }
}

/** A failed try: back to pending at `nextAttemptAt`; `uncertain` when it may have reached WeCom. */
export async function markOutboundRetry(tx: Tx, ids: number[], opts: { nextAttemptAt: number; error: string; uncertain: boolean }): Promise<void> {
  const set: Record<string, unknown> = { status: 'pending', nextAttemptAt: opts.nextAttemptAt, lastError: opts.error, claimedBy: null, claimedUntil: null, attempts: () => 'attempts + 1' };
  if (opts.uncertain) set.uncertain = true;
  if (ids.length) await em(tx).createQueryBuilder().update(OutboxSchema).set(set).where('id IN (:...ids)', { ids }).execute();
}

/** Terminal: 'failed' (gave up) or 'dropped' (WeCom would not deliver it, e.g. kf after 48 h). */
export async function markOutboundFinal(tx: Tx, ids: number[], status: 'failed' | 'dropped', reason: string): Promise<void> {
  if (ids.length) await em(tx).getRepository(OutboxSchema).update(ids, { status, lastError: reason, claimedBy: null, claimedUntil: null });
}

/** Not now (rate limit): back to pending without counting a try. */
export async function deferOutbound(tx: Tx, ids: number[], nextAttemptAt: number, reason: string): Promise<void> {
  if (ids.length) await em(tx).getRepository(OutboxSchema).update(ids, { status: 'pending', nextAttemptAt, lastError: reason, claimedBy: null, claimedUntil: null });
}

/** Extends every claim `owner` still holds (a heartbeat while a batch is being sent). */
export async function renewOutbound(tx: Tx, owner: string, until: number): Promise<void> {
  await em(tx).getRepository(OutboxSchema).update({ claimedBy: owner, status: 'sending' }, { claimedUntil: until });
}

/** Gives back every claim of `owner` (graceful shutdown); returns how many rows. */
export async function releaseOutbound(tx: Tx, owner: string): Promise<number> {
  const r = await em(tx).getRepository(OutboxSchema).update({ claimedBy: owner, status: 'sending' }, { status: 'pending', claimedBy: null, claimedUntil: null });
  return r.affected ?? 0;
}

/** App messages sent to `recipient` since `since`: when and how many (for the per-member limit). */
export async function appSendsSince(tx: Tx, recipient: string, since: number): Promise<Array<{ sentAt: number; parts: number }>> {
  const rows = await em(tx)
    .getRepository(OutboxSchema)
    .createQueryBuilder('o')
    .where("o.channel = 'app' AND o.recipient = :r AND o.status = 'sent' AND o.sent_at > :since AND o.parts_sent > 0", { r: recipient, since })
    .orderBy('o.sent_at', 'ASC')
    .getMany();
  return rows.map((r) => ({ sentAt: r.sentAt ?? 0, parts: r.partsSent }));
}

/** kf messages sent to a farmer at or after `since` (the farmer's last message). */
export async function kfPartsSince(tx: Tx, recipient: string, openKfid: string, since: number): Promise<number> {
  const rows = await em(tx)
    .getRepository(OutboxSchema)
    .createQueryBuilder('o')
    .where("o.channel = 'kf' AND o.recipient = :r AND o.open_kfid = :k AND o.status = 'sent' AND o.sent_at >= :since", { r: recipient, k: openKfid, since })
    .getMany();
  return rows.reduce((n, r) => n + r.partsSent, 0);
}

// --- edge ---

/**
 * Hands a pending row to the callback's passive reply: pending → passive, only if nobody has
 * started sending it and no earlier reply to the same person still waits for the sender (after a
 * database outage, the replies to the spooled messages): a passive answer would overtake it, so
 * the row goes out through the sender, in order. True when this call made the change (then the
 * outbox sender never sends it).
 */
export async function markPassive(tx: Tx, id: number): Promise<boolean> {
  const ahead: unknown[] = await em(tx).query(
    `SELECT 1 FROM outbox o JOIN outbox p ON p.channel = o.channel AND p.recipient = o.recipient
       AND p.id < o.id AND p.status IN ('pending', 'sending')
     WHERE o.id = ? LIMIT 1`,
    [id],
  );
  if (ahead.length > 0) return false;
  const r = await em(tx).createQueryBuilder().update(OutboxSchema).set({ status: 'passive', sentAt: null }).where("id = :id AND status = 'pending'", { id }).execute();
  return (r.affected ?? 0) === 1;
}

/** The rows with these ids, in id order. */
export async function findOutbox(tx: Tx, ids: number[]): Promise<OutboxRow[]> {
  if (ids.length === 0) return [];
  return em(tx).getRepository(OutboxSchema).createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).orderBy('o.id', 'ASC').getMany();
}

/**
 * Holds pending rows back until `until` (their next_attempt_at): a reply that may still go out
 * passively in the callback answer is not taken by the outbox sender meanwhile.
 */
export async function holdOutbound(tx: Tx, ids: number[], until: number): Promise<void> {
  if (ids.length === 0) return;
  await em(tx).createQueryBuilder().update(OutboxSchema).set({ nextAttemptAt: until }).where("id IN (:...ids) AND status = 'pending'", { ids }).execute();
}
