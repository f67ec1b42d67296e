/**
 * The conversation store: one row per (channel, sender) holding the waiting flow's state.
 * Writes are conditional on `version` (never read-then-write races); the row's lease lets one
 * server instance at a time process that sender's messages.
 *
 * @example
 *   const conv = await loadConversation(tx, 'app', 'zhangsan');
 *   const ok = await saveConversation(tx, { channel: 'app', sender: 'zhangsan', expectedVersion: conv.version,
 *                                           state: next, prompt, suspended: null }, now);
 *   if (!ok) throw new Error('changed meanwhile');   // roll the transaction back and retry
 */
import { atCommit, type Tx } from './db.js';
import { em } from './orm.js';
import { ConversationSchema, type ConversationRow } from './schemas/conversation.js';
import { execute, isUniqueViolation, jsonText, readInt, readIntOrNull, readJson, readStrOrNull } from './sql.js';

export type { ConversationRow };

type Channel = ConversationRow['channel'];

export async function loadConversation(tx: Tx, channel: Channel, sender: string): Promise<ConversationRow | null> {
  const [sql, params] = loadStatement(channel, sender);
  return conversationOf(await em(tx).query(sql, params));
}

/** The statement of `loadConversation` (for `batch`); its rows are read with `conversationOf`. */
export function loadStatement(channel: Channel, sender: string): [string, unknown[]] {
  return ['SELECT id, channel, sender, state, prompt, suspended, recall, version, claimed_by, claimed_until, updated_at FROM conversation WHERE channel = ? AND sender = ?', [channel, sender]];
}

export function conversationOf(rows: Array<Record<string, unknown>>): ConversationRow | null {
  const r = rows[0];
  if (!r) return null;
  return {
    id: readInt(r.id),
    channel: r.channel as Channel,
    sender: String(r.sender),
    state: readJson(r.state) as ConversationRow['state'],
    prompt: readJson(r.prompt) as ConversationRow['prompt'],
    suspended: readJson(r.suspended) as ConversationRow['suspended'],
    recall: readJson(r.recall) as ConversationRow['recall'],
    version: readInt(r.version),
    claimedBy: readStrOrNull(r.claimed_by),
    claimedUntil: readIntOrNull(r.claimed_until),
    updatedAt: readInt(r.updated_at),
  };
}

/** Makes sure the row exists (empty state, version 0). */
export async function ensureConversation(tx: Tx, channel: Channel, sender: string, now: number): Promise<void> {
  if (await loadConversation(tx, channel, sender)) return;
  try {
    await em(tx).getRepository(ConversationSchema).insert({
      channel,
      sender,
      state: null,
      prompt: null,
      suspended: null,
      recall: null,
      version: 0,
      claimedBy: null,
      claimedUntil: null,
      updatedAt: now,
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
}

/**
 * Takes (or renews) the processing lease of this sender. True when `me` holds it afterwards.
 * The row must exist (ensureConversation).
 */
export async function claimConversation(tx: Tx, channel: Channel, sender: string, me: string, now: number, leaseMs: number): Promise<boolean> {
  return (await execute(tx, ...claimStatement(channel, sender, me, now, leaseMs))) === 1;
}

/** The statement of `claimConversation` (for `oneTrip`): it matched one row when the lease was taken. */
export function claimStatement(channel: Channel, sender: string, me: string, now: number, leaseMs: number): [string, unknown[]] {
  return [
    'UPDATE conversation SET claimed_by = ?, claimed_until = ? WHERE channel = ? AND sender = ? AND (claimed_by IS NULL OR claimed_until < ? OR claimed_by = ?)',
    [me, now + leaseMs, channel, sender, now, me],
  ];
}

/**
 * Extends the lease only while `me` holds it: a renewal committed after the lane was given back
 * (it may wait on the row lock of the commit that gave it back) must not take it again.
 */
export async function renewConversation(tx: Tx, channel: Channel, sender: string, me: string, now: number, leaseMs: number): Promise<boolean> {
  return (await execute(tx, 'UPDATE conversation SET claimed_until = ? WHERE channel = ? AND sender = ? AND claimed_by = ?', [now + leaseMs, channel, sender, me])) === 1;
}

/**
 * Takes (or renews) the lease like `claimConversation`, creating the row first when this sender
 * has none: one statement when the row exists (the usual case), the look and the insert only
 * when the lease was not taken.
 */
export async function claimLane(tx: Tx, channel: Channel, sender: string, me: string, now: number, leaseMs: number): Promise<boolean> {
  if (await claimConversation(tx, channel, sender, me, now, leaseMs)) return true;
  const exists: unknown[] = await em(tx).query('SELECT 1 FROM conversation WHERE channel = ? AND sender = ?', [channel, sender]);
  if (exists.length > 0) return false;
  await ensureConversation(tx, channel, sender, now);
  return claimConversation(tx, channel, sender, me, now, leaseMs);
}

/**
 * Gives the lease back (only its holder can). `withCommit`: the statement goes to the server with
 * the transaction's COMMIT (`atCommit`), for a release that is the transaction's last word.
 */
export async function releaseConversation(tx: Tx, channel: Channel, sender: string, me: string, opts: { withCommit?: boolean } = {}): Promise<void> {
  const release = ['UPDATE conversation SET claimed_by = NULL, claimed_until = NULL WHERE channel = ? AND sender = ? AND claimed_by = ?', [channel, sender, me]] as const;
  if (opts.withCommit) await atCommit(tx, ...release);
  else await execute(tx, ...release);
}

export interface ConversationWrite {
  channel: Channel;
  sender: string;
  expectedVersion: number;
  state: ConversationRow['state'];
  prompt: ConversationRow['prompt'];
  suspended: ConversationRow['suspended'];
  /** Left out: the row's recall is left as it is. */
  recall?: ConversationRow['recall'];
}

/**
 * Writes the new state if nobody changed the row since `expectedVersion`; false otherwise. Plain
 * SQL: it runs in the commit of nearly every message.
 */
export async function saveConversation(tx: Tx, w: ConversationWrite, now: number): Promise<boolean> {
  const recall = w.recall === undefined ? '' : ', recall = ?';
  const n = await execute(
    tx,
    `UPDATE conversation SET state = ?, prompt = ?, suspended = ?${recall}, version = version + 1, updated_at = ? WHERE channel = ? AND sender = ? AND version = ?`,
    [jsonText(w.state), jsonText(w.prompt), jsonText(w.suspended), ...(w.recall === undefined ? [] : [jsonText(w.recall)]), now, w.channel, w.sender, w.expectedVersion],
  );
  return n === 1;
}
