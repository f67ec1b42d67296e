/**
 * The dispatcher: for one claimed inbound row, resolves the actor, loads the conversation,
 * routes the input (router.ts), and writes everything in ONE transaction — the conversation
 * (conditional on its version), the domain commands, the outbox rows, the timers, and the row's
 * own `done` mark. If anything throws, nothing is written.
 *
 * The flows run outside the transaction (they may be slow and must not hold locks); the write
 * then only succeeds if the conversation is still at the version that was read.
 *
 * @example
 *   const d = new Dispatcher({ flows, staff, commands: commandHandlers(), tz: 'Asia/Shanghai' });
 *   const outcome = await d.dispatch(db, row, instanceId, now);   // { status: 'done', outboxIds } | { status: 'conflict' }
 */
import type { FlowData } from '../../flows/data.js';
import type { Actor, Effect, Env, Flow, Reply, Sender } from '../../flows/types.js';
import { transaction, type Database, type Tx } from '../../persistence/db.js';
import { completeStatement, type InboundRow } from '../../persistence/inbound.js';
import { loadConversation, saveConversation, type ConversationRow } from '../../persistence/conversation.js';
import { enqueueOutbound, holdOutbound, type OutboundItem } from '../../persistence/outbox.js';
import { cancelTimer, scheduleTimer } from '../../persistence/timer.js';
import { batch, withRetry } from '../../persistence/sql.js';
import type { KfMessage } from '../wecom/api-types.js';
import { inputOf } from '../inbound/parse.js';
import type { CommandHandler, StaffDirectory } from './ports.js';
import { EXPIRY_TIMER, keepMsOf, route, type Conversation, type Routed } from './router.js';

export interface DispatcherDeps {
  flows: Flow[];
  staff: StaffDirectory;
  commands: CommandHandler;
  /** The flows' read port for one actor (src/bot/flow-data). */
  data: (actor: Actor) => FlowData;
  tz: string;
  /** How long a waiting conversation lives without an answer (default 30 min; a flow's `keepMs` may be longer). */
  expiryMs?: number;
  /**
   * App replies to the sender wait this long before the outbox sender may take them (default
   * 2 s, just over the callback's reply budget), so the passive answer gets the first chance.
   */
  passiveHoldMs?: number;
  /** Fresh ids for flows (reference numbers, task ids). Default: derived from the inbound row, so a retry gets the same ids. */
  newId?: (row: InboundRow, prefix: string, n: number) => string;
}

/** `flow`: the flow that took the input (null for a one-shot command), for the latency metric. */
export type DispatchOutcome = { status: 'done'; outboxIds: number[]; flow?: string | null } | { status: 'conflict' };

/** kf: at most 5 replies per farmer message (WECOM.md). */
const KF_MAX_REPLIES = 5;

class Conflict extends Error {}

export class Dispatcher {
  private readonly expiryMs: number;

  constructor(private readonly deps: DispatcherDeps) {
    this.expiryMs = deps.expiryMs ?? 30 * 60_000;
  }

  /**
   * `stored`: the conversation as read in the transaction that claimed the row (the processor's);
   * left out, it is read here. A stale one only costs a conflict: the commit checks its version.
   */
  /**
   * `stored`: see above. `andThen`: runs last inside the commit's transaction (the processor looks
   * for the lane's next row there and gives the lane back when it is empty), not after a conflict;
   * it runs `completion` (the row's `completeStatement`) first, in the same round trip, and says
   * whether it matched (the claim held).
   */
  async dispatch(db: Database, row: InboundRow, me: string, now: number, stored?: ConversationRow | null, andThen?: (tx: Tx, completion: readonly [string, readonly unknown[]]) => Promise<boolean>): Promise<DispatchOutcome> {
    // An authentic message without a sender (never seen in practice) has nobody to answer.
    if (!row.sender) return this.commit(db, row, me, now, null, andThen);
    const sender: Sender = { channel: row.channel, id: row.sender, ...(row.openKfid ? { openKfId: row.openKfid } : {}) };
    const actor: Actor = { sender, staff: row.channel === 'app' ? await this.deps.staff.find(row.sender) : null };
    const found = stored === undefined ? await transaction(db, (tx) => loadConversation(tx, row.channel, row.sender)) : stored;
    const conversation: Conversation = {
      state: (found?.state as Conversation['state']) ?? null,
      prompt: (found?.prompt as Reply[] | null) ?? null,
      suspended: (found?.suspended as Conversation['suspended']) ?? null,
      recall: (found?.recall as Conversation['recall']) ?? null,
      version: found?.version ?? 0,
    };
    let n = 0;
    const newId = this.deps.newId ?? ((r: InboundRow, prefix: string, i: number) => `${prefix}${r.id}x${i}`);
    const env: Env = { now, tz: this.deps.tz, actor, newId: (prefix) => newId(row, prefix, ++n), data: this.deps.data(actor) };
    const routed = await route({ flows: this.deps.flows, conversation, input: inputOf(row), env, expiryMinutes: Math.round(this.expiryMs / 60_000) });
    return this.commit(db, row, me, now, { conversation, routed, actor }, andThen);
  }

  private async commit(
    db: Database,
    row: InboundRow,
    me: string,
    now: number,
    plan: { conversation: Conversation; routed: Routed; actor: Actor } | null,
    andThen?: (tx: Tx, completion: readonly [string, readonly unknown[]]) => Promise<boolean>,
  ): Promise<DispatchOutcome> {
    try {
      const outboxIds = await withRetry(() =>
        transaction(db, async (tx) => {
          const ids = plan ? await this.write(tx, row, now, plan) : [];
          const done = completeStatement(row.id, me, { status: 'done', outboxIds: ids }, now);
          const completed = andThen ? await andThen(tx, done) : (await batch(tx, [done]))[0]!.affected === 1;
          if (!completed) throw new Conflict('claim lost');
          return ids;
        }),
      );
      return { status: 'done', outboxIds, flow: (plan?.routed.next.state ?? plan?.conversation.state)?.flow ?? null };
    } catch (e) {
      if (e instanceof Conflict) return { status: 'conflict' };
      throw e;
    }
  }

  private async write(tx: Tx, row: InboundRow, now: number, plan: { conversation: Conversation; routed: Routed; actor: Actor }): Promise<number[]> {
    const { conversation, routed, actor } = plan;
    const lane = { channel: row.channel, sender: row.sender };
    let version = conversation.version;
    if (routed.changed) {
      const ok = await saveConversation(tx, { ...lane, expectedVersion: conversation.version, ...routed.next }, now);
      if (!ok) throw new Conflict('conversation changed meanwhile');
      version += 1;
    }
    const items: OutboundItem[] = [];
    for (const e of routed.effects) {
      if (e.type === 'command') await this.deps.commands.handle(tx, e.command, { actor, now, inboundId: row.id });
      else if (e.type === 'timer') await scheduleTimer(tx, { ...lane, openKfid: row.openKfid, name: e.key, dueAt: e.dueAt, payload: e.payload ?? null }, now);
      else if (e.type === 'cancelTimer') await cancelTimer(tx, lane.channel, lane.sender, e.key, now);
      // Kept by the router in the conversation (routed.next.recall), never left among the effects.
      else if (e.type === 'remember') continue;
      else items.push(this.outbound(row, e, items.length));
    }
    if (routed.touched || routed.changed) {
      const open = routed.next.state || routed.next.suspended;
      const keep = keepMsOf(this.deps.flows, [routed.next.state, routed.next.suspended?.state], this.expiryMs);
      if (open) await scheduleTimer(tx, { ...lane, openKfid: row.openKfid, name: EXPIRY_TIMER, dueAt: now + keep, payload: { version } }, now);
      // An idle conversation has no expiry pending (it is cancelled in the transaction that closes it).
      else if (conversation.state || conversation.suspended) await cancelTimer(tx, lane.channel, lane.sender, EXPIRY_TIMER, now);
    }
    const capped = capKfReplies(items);
    const ids = await enqueueOutbound(tx, capped, now);
    await holdForPassive(tx, row, capped, ids, this.deps.passiveHoldMs ?? 2000, now);
    return ids;
  }

  /** An outbox row for a reply (to the sender) or a send (to someone else). */
  private outbound(row: InboundRow, e: Extract<Effect, { type: 'reply' | 'send' }>, index: number): OutboundItem {
    // Deterministic keys: re-processing the same row can never enqueue a second copy.
    const idemKey = `in${row.id}-${index}`;
    if (e.type === 'send') {
      return { channel: e.to.channel, recipient: e.to.id, openKfid: e.to.openKfId ?? null, originMsgId: null, payload: e.reply, idemKey };
    }
    if (row.channel === 'kf') {
      const m = row.message as unknown as KfMessage;
      // A welcome_code (enter_session) lets the sender answer before the farmer has written anything.
      const welcomeCode = index === 0 && m.event?.event_type === 'enter_session' ? m.event.welcome_code : undefined;
      return { channel: 'kf', recipient: row.sender, openKfid: row.openKfid, originMsgId: m.msgid ?? null, payload: welcomeCode ? { ...e.reply, welcomeCode } : e.reply, idemKey };
    }
    return { channel: 'app', recipient: row.sender, openKfid: null, originMsgId: null, payload: e.reply, idemKey };
  }
}

/**
 * Holds back the app reply to the sender of a person's message (see `passiveHoldMs`) — only when it
 * can be passive: exactly one reply to the sender, plain text (src/bot/inbound/passive.ts). Anything
 * else (markdown, a card, a file, several replies) goes out at once.
 */
export async function holdForPassive(tx: Tx, row: InboundRow, items: OutboundItem[], ids: number[], holdMs: number, now: number): Promise<void> {
  if (holdMs <= 0 || row.channel !== 'app' || (row.kind !== 'message' && row.kind !== 'event')) return;
  const toSender = ids.filter((_, i) => items[i]?.channel === 'app' && items[i]?.recipient === row.sender);
  const only = items.find((i) => i.channel === 'app' && i.recipient === row.sender);
  if (toSender.length === 1 && (only?.payload as Reply | undefined)?.type === 'text') await holdOutbound(tx, toSender, now + holdMs);
}

/**
 * kf allows 5 replies per farmer message; more would be refused (errcode 95xxx, type 6). Extra
 * text replies are folded into the fifth rather than lost.
 */
export function capKfReplies(items: OutboundItem[]): OutboundItem[] {
  const kf = items.filter((i) => i.channel === 'kf' && i.originMsgId);
  if (kf.length <= KF_MAX_REPLIES) return items;
  const keep = new Set(kf.slice(0, KF_MAX_REPLIES - 1));
  const rest = kf.slice(KF_MAX_REPLIES - 1);
  const restTexts = rest.map((i) => i.payload as Reply);
  if (!restTexts.every((r) => r.type === 'text')) return items.filter((i) => !rest.slice(1).includes(i));
  const merged: OutboundItem = { ...rest[0]!, payload: { type: 'text', text: restTexts.map((r) => (r as { text: string }).text).join('\n\n') } };
  return items.flatMap((i) => (keep.has(i) || !kf.includes(i) ? [i] : i === rest[0] ? [merged] : []));
}
