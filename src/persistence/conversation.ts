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
import type { QueryDeepPartialEntity } from 'typeorm';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { ConversationSchema, type ConversationRow } from './schemas/conversation.js';
import { affected, isUniqueViolation } from './sql.js';

export type { ConversationRow };

type Channel = ConversationRow['channel'];

export async function loadConversation(tx: Tx, channel: Channel, sender: string): Promise<ConversationRow | null> {
  return em(tx).getRepository(ConversationSchema).createQueryBuilder('c').where('c.channel = :channel AND c.sender = :sender', { channel, sender }).getOne();
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
  const r = await em(tx)
    .createQueryBuilder()
    .update(ConversationSchema)
    .set({ claimedBy: me, claimedUntil: now + leaseMs })
    .where('channel = :channel AND sender = :sender', { channel, sender })
    .andWhere('(claimed_by IS NULL OR claimed_until < :now OR claimed_by = :me)', { now, me })
    .execute();
  return affected(r) === 1;
}

/** Gives the lease back (only its holder can). */
export async function releaseConversation(tx: Tx, channel: Channel, sender: string, me: string): Promise<void> {
  await em(tx)
    .createQueryBuilder()
    .update(ConversationSchema)
    .set({ claimedBy: null, claimedUntil: null })
    .where('channel = :channel AND sender = :sender AND claimed_by = :me', { channel, sender, me })
    .execute();
}

export interface ConversationWrite {
  channel: Channel;
  sender: string;
  expectedVersion: number;
  state: ConversationRow['state'];
  prompt: ConversationRow['prompt'];
  suspended: ConversationRow['suspended'];
}

/** Writes the new state if nobody changed the row since `expectedVersion`; false otherwise. */
export async function saveConversation(tx: Tx, w: ConversationWrite, now: number): Promise<boolean> {
  const r = await em(tx)
    .createQueryBuilder()
    .update(ConversationSchema)
    // JSON columns hold `unknown` values, which TypeORM's deep-partial type cannot express.
    .set({ state: w.state, prompt: w.prompt, suspended: w.suspended, version: () => 'version + 1', updatedAt: now } as QueryDeepPartialEntity<ConversationRow>)
    .where('channel = :channel AND sender = :sender AND version = :v', { channel: w.channel, sender: w.sender, v: w.expectedVersion })
    .execute();
  return affected(r) === 1;
}
