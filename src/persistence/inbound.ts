/**
 * The inbound log repository. Every authentic input is stored once (unique `dedupe_key`) before
 * the HTTP acknowledgement; processing claims rows one sender ("lane") at a time, in id order.
 *
 * @example
 *   const { row, created } = await transaction(db, (tx) => storeInbound(tx, item, now));
 *   if (await transaction(db, (tx) => claimInbound(tx, row.id, me, now, 60_000))) { ... }
 */
import { nonceStatement } from './callback-nonce.js';
import { claimLane, claimStatement, conversationOf, loadStatement, type ConversationRow } from './conversation.js';
import { isMysql, type Database, type Tx } from './db.js';
import { em } from './orm.js';
import { InboundSchema, type InboundKind, type InboundRow, type InboundStatus } from './schemas/inbound.js';
import { batch, execute, insertReturningId, isUniqueViolation, oneTrip, readInt, readIntOrNull, readJson, readStrOrNull } from './sql.js';

export type { InboundKind, InboundRow, InboundStatus };

export interface NewInbound {
  dedupeKey: string;
  kind: InboundKind;
  channel: InboundRow['channel'];
  sender: string;
  openKfid?: string | null;
  msgType: string;
  message: Record<string, unknown>;
  /** When the person wrote it (epoch ms); default: when it was stored. See InboundRow.orderAt. */
  orderAt?: number;
  /** Tie-break within `orderAt` (the MsgId, zero-padded); default ''. */
  orderKey?: string;
}

/** The messages of one sender (or, `sync`, the kf pulls of one open_kfid), processed in order. */
export interface Lane {
  channel: InboundRow['channel'];
  sender: string;
  sync: boolean;
}

/**
 * Reads a row by unique key. `latest` makes it a locking read on MySQL, which sees rows other
 * transactions committed after ours began (a plain read sees our snapshot only).
 */
async function findByKey(tx: Tx, dedupeKey: string, latest = false): Promise<InboundRow | null> {
  const qb = em(tx).getRepository(InboundSchema).createQueryBuilder('i').where('i.dedupe_key = :k', { k: dedupeKey });
  // FOR UPDATE rather than a shared lock: TypeORM writes MySQL 8's "FOR SHARE", which MariaDB refuses.
  if (latest && isMysql(tx)) qb.setLock('pessimistic_write');
  return qb.getOne();
}

/**
 * Stores the input unless its dedupe key is already there; returns the row and whether it is new.
 * The INSERT comes first (one statement for a new message); a message stored before — a WeCom
 * retry, or another instance between — fails it on the unique key and is read back with a lock.
 */
export async function storeInbound(tx: Tx, item: NewInbound, now: number): Promise<{ row: InboundRow; created: boolean }> {
  const row = newRow(item, now);
  try {
    row.id = await insertReturningId(tx, ...insertStatement(row));
    return { row, created: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const existing = await findByKey(tx, item.dedupeKey, true);
    if (!existing) throw e;
    return { row: existing, created: false };
  }
}

/**
 * The usual case of a callback in ONE round trip (`oneTrip`): its replay-guard pair, its new row
 * and, with `lane`, the sender's lane lease for `lane.me` (taken only when nobody holds it) in one
 * transaction. Throws the unique-key violation when the pair or the message was seen before (a
 * WeCom retry): nothing is kept then, and the caller takes the step-by-step way (`recordNonce`,
 * `storeInbound`), which tells a retry from a replay.
 */
export async function storeFirstSeen(
  db: Database,
  nonce: { timestamp: string; nonce: string; signature: string },
  item: NewInbound,
  now: number,
  lane?: { me: string; leaseMs: number },
): Promise<{ row: InboundRow; leased?: boolean }> {
  const row = newRow(item, now);
  const claim = lane && row.kind !== 'kf_sync' && row.sender ? claimStatement(row.channel, row.sender, lane.me, now, lane.leaseMs) : null;
  const [, inserted, claimed] = await oneTrip(db, [nonceStatement(nonce.timestamp, nonce.nonce, nonce.signature, now), insertStatement(row), ...(claim ? [claim] : [])]);
  row.id = inserted!.insertId;
  return claimed ? { row, leased: claimed.affected === 1 } : { row };
}

function newRow(item: NewInbound, now: number): InboundRow {
  if (item.dedupeKey.length > 191) throw new Error(`dedupe key too long: ${item.dedupeKey.length}`);
  return {
    id: 0,
    dedupeKey: item.dedupeKey,
    kind: item.kind,
    channel: item.channel,
    sender: item.sender,
    openKfid: item.openKfid ?? null,
    msgType: item.msgType,
    message: item.message,
    status: 'pending',
    attempts: 0,
    claimedBy: null,
    claimedUntil: null,
    receivedAt: now,
    processedAt: null,
    error: null,
    outboxIds: null,
    passiveReply: null,
    orderAt: item.orderAt ?? now,
    orderKey: (item.orderKey ?? '').slice(0, 32),
  };
}

function insertStatement(row: InboundRow): [string, unknown[]] {
  return [
    'INSERT INTO inbound_message (dedupe_key, kind, channel, sender, open_kfid, msg_type, message, status, attempts, received_at, order_at, order_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [row.dedupeKey, row.kind, row.channel, row.sender, row.openKfid, row.msgType, JSON.stringify(row.message), row.status, 0, row.receivedAt, row.orderAt, row.orderKey],
  ];
}

/** The columns of a row as `rowOf` reads them. */
const COLUMNS =
  'id, dedupe_key, kind, channel, sender, open_kfid, msg_type, message, status, attempts, claimed_by, claimed_until, received_at, processed_at, error, outbox_ids, passive_reply, order_at, order_key';

/** A row read with plain SQL (`SELECT ${COLUMNS}`), as the schema's repository would return it. */
function rowOf(r: Record<string, unknown>): InboundRow {
  return {
    id: readInt(r.id),
    dedupeKey: String(r.dedupe_key),
    kind: r.kind as InboundKind,
    channel: r.channel as InboundRow['channel'],
    sender: String(r.sender),
    openKfid: readStrOrNull(r.open_kfid),
    msgType: String(r.msg_type),
    message: readJson(r.message) as Record<string, unknown>,
    status: r.status as InboundStatus,
    attempts: readInt(r.attempts),
    claimedBy: readStrOrNull(r.claimed_by),
    claimedUntil: readIntOrNull(r.claimed_until),
    receivedAt: readInt(r.received_at),
    processedAt: readIntOrNull(r.processed_at),
    error: readStrOrNull(r.error),
    outboxIds: readJson(r.outbox_ids) as number[] | null,
    passiveReply: readStrOrNull(r.passive_reply),
    orderAt: readInt(r.order_at),
    orderKey: String(r.order_key ?? ''),
  };
}

export async function getInbound(tx: Tx, id: number): Promise<InboundRow | null> {
  const rows: Array<Record<string, unknown>> = await em(tx).query(`SELECT ${COLUMNS} FROM inbound_message WHERE id = ?`, [id]);
  return rows[0] ? rowOf(rows[0]) : null;
}

export interface NextInLane {
  row: InboundRow;
  busy: boolean;
  /** When to look again (epoch ms), when known. */
  readyAt?: number;
  /** Busy only because it arrived less than `settleMs` ago. */
  settling?: boolean;
}

/**
 * The first unfinished row of the lane in the order its sender wrote them (`order_at`, `order_key`,
 * then id), or null. `busy` is true when the lane must wait, never skip ahead: the row is being
 * processed by another instance whose lease still holds, it was given back with a retry time, or
 * it arrived less than `settleMs` ago (an earlier message of the same person may still be on its
 * way). `readyAt` then says when to look again (epoch ms), when that is known.
 */
export async function nextInLane(tx: Tx, lane: Lane, me: string, now: number, settleMs = 0): Promise<NextInLane | null> {
  const [sql, params] = nextStatement(lane);
  return laneHeadOf(await em(tx).query(sql, params), me, now, settleMs);
}

function nextStatement(lane: Lane): [string, unknown[]] {
  return [
    `SELECT ${COLUMNS} FROM inbound_message
      WHERE channel = ? AND sender = ? AND kind ${lane.sync ? '=' : '<>'} 'kf_sync' AND status IN ('pending', 'processing')
      ORDER BY order_at, order_key, id LIMIT 1`,
    [lane.channel, lane.sender],
  ];
}

function laneHeadOf(rows: Array<Record<string, unknown>>, me: string, now: number, settleMs: number): NextInLane | null {
  if (!rows[0]) return null;
  const row = rowOf(rows[0]);
  if (row.status === 'processing') {
    const leased = row.claimedBy !== me && (row.claimedUntil ?? 0) >= now;
    return leased ? { row, busy: true, readyAt: (row.claimedUntil ?? now) + 1 } : { row, busy: false };
  }
  // A pending row given back with a retry time (claimed_until) waits until then.
  if ((row.claimedUntil ?? 0) > now) return { row, busy: true, readyAt: row.claimedUntil ?? now };
  const settled = row.receivedAt + settleMs;
  return settled > now ? { row, busy: true, readyAt: settled, settling: true } : { row, busy: false };
}

/**
 * `claimLane` and then `nextInLane` of a message lane, in one round trip when the sender's
 * conversation row exists (the usual case): the UPDATE takes the row's lock before the look, as
 * the processor needs (src/bot/inbound/processor.ts). `lost`: another instance holds the lane.
 * `first`: a statement that must match one row (the finished row's `completeStatement`) goes
 * ahead in the same round trip; `unmatched` when it did not (the caller rolls back).
 */
export async function takeLaneAndLook(
  tx: Tx,
  lane: Lane,
  me: string,
  now: number,
  leaseMs: number,
  settleMs = 0,
  first?: readonly [string, readonly unknown[]],
): Promise<'lost' | 'unmatched' | { next: NextInLane | null }> {
  const results = await batch(tx, [...(first ? [first] : []), claimStatement(lane.channel, lane.sender, me, now, leaseMs), nextStatement(lane)]);
  if (first && results.shift()!.affected !== 1) return 'unmatched';
  const [claimed, head] = results;
  if (claimed!.affected === 1) return { next: laneHeadOf(head!.rows, me, now, settleMs) };
  // No lease: either somebody else holds it, or the sender has no conversation row yet.
  if (!(await claimLane(tx, lane.channel, lane.sender, me, now, leaseMs))) return 'lost';
  return { next: await nextInLane(tx, lane, me, now, settleMs) };
}

/**
 * `claimInbound` of a message lane's row and, when claimed, its conversation, in one round trip
 * (the read is simply not used when the claim failed).
 */
export async function claimAndRead(tx: Tx, lane: Lane, id: number, me: string, now: number, leaseMs: number): Promise<{ conversation: ConversationRow | null } | null> {
  const [claimed, read] = await batch(tx, [claimInboundStatement(id, me, now, leaseMs), loadStatement(lane.channel, lane.sender)]);
  return claimed!.affected === 1 ? { conversation: conversationOf(read!.rows) } : null;
}

/** Claims a row for processing (pending, or processing with an expired lease). True when claimed. */
export async function claimInbound(tx: Tx, id: number, me: string, now: number, leaseMs: number): Promise<boolean> {
  return (await execute(tx, ...claimInboundStatement(id, me, now, leaseMs))) === 1;
}

function claimInboundStatement(id: number, me: string, now: number, leaseMs: number): [string, unknown[]] {
  return [
    `UPDATE inbound_message SET status = 'processing', claimed_by = ?, claimed_until = ?, attempts = attempts + 1
      WHERE id = ? AND ((status = 'pending' AND (claimed_until IS NULL OR claimed_until <= ?)) OR (status = 'processing' AND (claimed_until < ? OR claimed_by = ?)))`,
    [me, now + leaseMs, id, now, now, me],
  ];
}

/** Extends the claim of a row still being processed by `me` (a heartbeat); true when it still holds. */
export async function renewInbound(tx: Tx, id: number, me: string, until: number): Promise<boolean> {
  return (await execute(tx, "UPDATE inbound_message SET claimed_until = ? WHERE id = ? AND status = 'processing' AND claimed_by = ?", [until, id, me])) === 1;
}

/**
 * Finishes a claimed row; only the holder of the claim can. Call it in the transaction that
 * wrote the row's effects: when it returns false, roll that transaction back.
 */
export async function completeInbound(tx: Tx, id: number, me: string, result: Completion, now: number): Promise<boolean> {
  return (await execute(tx, ...completeStatement(id, me, result, now))) === 1;
}

export interface Completion {
  status: 'done' | 'failed';
  error?: string | null;
  outboxIds: number[];
}

/** The statement of `completeInbound` (to go with the look at the lane, `takeLaneAndLook`): it matches one row when the claim held. */
export function completeStatement(id: number, me: string, result: Completion, now: number): [string, unknown[]] {
  return [
    "UPDATE inbound_message SET status = ?, error = ?, outbox_ids = ?, processed_at = ?, claimed_until = NULL WHERE id = ? AND status = 'processing' AND claimed_by = ?",
    [result.status, result.error ?? null, JSON.stringify(result.outboxIds), now, id, me],
  ];
}

/**
 * Gives a claimed row back (pending again), e.g. after a lock conflict, a failed kf pull or at
 * shutdown; `retryAt` (epoch ms) holds it (and its lane) back until then.
 */
export async function releaseInbound(tx: Tx, id: number, me: string, error: string | null = null, retryAt: number | null = null): Promise<void> {
  await execute(tx, "UPDATE inbound_message SET status = 'pending', claimed_by = NULL, claimed_until = ?, error = ? WHERE id = ? AND status = 'processing' AND claimed_by = ?", [retryAt, error, id, me]);
}

/** Lanes with work nobody holds: pending rows, or processing rows whose lease expired; oldest first. */
export async function openLanes(tx: Tx, now: number, limit = 100): Promise<Lane[]> {
  const rows: Array<{ channel: Lane['channel']; sender: string; kind: string }> = await em(tx).query(
    `SELECT channel, sender, kind, MIN(id) AS first_id FROM inbound_message
      WHERE (status = 'pending' AND (claimed_until IS NULL OR claimed_until <= ?)) OR (status = 'processing' AND claimed_until < ?)
      GROUP BY channel, sender, kind ORDER BY first_id LIMIT ?`,
    [now, now, limit],
  );
  const lanes = new Map<string, Lane>();
  for (const r of rows) {
    const lane: Lane = { channel: r.channel, sender: r.sender, sync: r.kind === 'kf_sync' };
    lanes.set(`${lane.channel}\u0000${lane.sender}\u0000${lane.sync}`, lane);
  }
  return [...lanes.values()];
}

/** Records the passive reply given for a row. */
export async function setPassiveReply(tx: Tx, id: number, content: string): Promise<void> {
  await em(tx).createQueryBuilder().update(InboundSchema).set({ passiveReply: content }).where('id = :id', { id }).execute();
}

/** The newest stored message (not event) from a farmer to a 微信客服 account, or null. */
export async function latestKfMessage(tx: Tx, openKfid: string, externalUserId: string): Promise<InboundRow | null> {
  return em(tx)
    .getRepository(InboundSchema)
    .createQueryBuilder('i')
    .where("i.channel = 'kf' AND i.kind = 'message' AND i.sender = :s AND i.open_kfid = :k", { s: externalUserId, k: openKfid })
    .orderBy('i.id', 'DESC')
    .getOne();
}
