/**
 * Routing one input through the conversation, as a pure-ish function of (conversation, input,
 * env, flows): no database, no clock. The dispatcher loads the conversation, calls `route`,
 * and writes what it returns in one transaction.
 *
 * Rules (SPEC.md §3): “取消/退出” leaves the waiting flow; a different command (or a click on
 * another flow's card) while one waits starts it and keeps the waiting one aside for “继续” (a
 * command that finishes at once leaves the waiting one in place); otherwise the waiting flow gets
 * the input; with nothing waiting the first
 * matching flow starts; nothing matched → a helpful answer (never silence for a person's text).
 * One flow can be put aside at a time: interrupting twice keeps the most recent one.
 *
 * @example
 *   const r = await route({ flows, conversation: { state: null, prompt: null, suspended: null, version: 0 }, input, env, expiryMinutes: 30 });
 *   // r.next.state (null or the waiting state), r.effects (replies, timers, commands), r.touched
 */
import { fallbackReplies } from '../../flows/help.js';
import type { ConversationState, Effect, Env, Flow, Input, Reply, StepResult } from '../../flows/types.js';
import { commandWord, texts } from './texts.js';

/** The dispatcher's own timer: the conversation expires when it fires unchanged. */
export const EXPIRY_TIMER = 'expiry';
/** Flow timers are stored under this prefix so they can never collide with the dispatcher's. */
export const FLOW_TIMER_PREFIX = 'f:';

export interface Suspended {
  state: ConversationState;
  prompt: Reply[];
}

export interface Conversation {
  state: ConversationState | null;
  /** The replies that asked the waiting question. */
  prompt: Reply[] | null;
  suspended: Suspended | null;
  version: number;
}

export interface Routed {
  next: Omit<Conversation, 'version'>;
  /** Whether next differs from the conversation (then it is written, version + 1). */
  changed: boolean;
  /** Whether a person acted on the conversation (then its expiry moves). */
  touched: boolean;
  /** Effects, with flow timer keys already namespaced. */
  effects: Effect[];
}

export interface RouteArgs {
  flows: Flow[];
  conversation: Conversation;
  input: Input;
  env: Env;
  expiryMinutes: number;
}

const reply = (r: Reply): Effect => ({ type: 'reply', reply: r });
const text = (t: string): Effect => reply({ type: 'text', text: t });

/** Appends a note to the last text reply (one message reads better than two), or adds it. */
export function withNote(effects: Effect[], note: string): Effect[] {
  for (let i = effects.length - 1; i >= 0; i--) {
    const e = effects[i]!;
    if (e.type === 'reply' && e.reply.type === 'text') {
      const copy = effects.slice();
      copy[i] = reply({ type: 'text', text: `${e.reply.text}\n${note}` });
      return copy;
    }
  }
  return [...effects, text(note)];
}

function repliesOf(effects: Effect[]): Reply[] {
  return effects.flatMap((e) => (e.type === 'reply' ? [e.reply] : []));
}

/** Namespaces a flow's timer keys and remembers which flow set them. */
function ownEffects(effects: Effect[], flow: Flow): Effect[] {
  return effects.map((e) => {
    if (e.type === 'timer') return { type: 'timer', key: `${FLOW_TIMER_PREFIX}${e.key}`, dueAt: e.dueAt, payload: { flow: flow.name, data: e.payload ?? null } };
    if (e.type === 'cancelTimer') return { type: 'cancelTimer', key: `${FLOW_TIMER_PREFIX}${e.key}` };
    return e;
  });
}

/**
 * A button pressed on the card that asked the waiting question: the card then shows
 * what was pressed (“已选：是”) instead of buttons that could be pressed again. Cards sent in other
 * ways (a binding to confirm) are updated by their flow, which says so with its own `card_update`.
 */
function pressedCard(input: Input, conversation: Omit<Conversation, 'version'>, effects: Effect[]): Effect[] {
  if (input.type !== 'card' || !input.responseCode) return [];
  if (effects.some((e) => e.type === 'reply' && e.reply.type === 'card_update')) return [];
  // Only the waiting question's card: a put-aside flow's card does not reach its flow (it is stale).
  const card = (conversation.prompt ?? []).find((r): r is Extract<Reply, { type: 'card' }> => r.type === 'card' && r.card.taskId === input.taskId);
  const button = card?.card.buttons.find((b) => b.key === input.eventKey);
  return button ? [reply({ type: 'card_update', responseCode: input.responseCode, replaceName: `已选：${button.text}` })] : [];
}

export async function route(args: RouteArgs): Promise<Routed> {
  const { flows, input, env } = args;
  const byName = new Map(flows.map((f) => [f.name, f]));
  const title = (s: ConversationState) => byName.get(s.flow)?.title ?? s.flow;
  // A state whose flow is gone or changed version is dropped on purpose, and the user told.
  const usable = (s: ConversationState | null) => !!s && byName.get(s.flow)?.version === s.v;

  let { state, prompt, suspended } = args.conversation;
  let effects: Effect[] = [];
  let touched = false;
  if (state && !usable(state)) {
    effects.push(text(texts.reset(title(state))));
    state = null;
    prompt = null;
  }
  if (suspended && !usable(suspended.state)) suspended = null;

  /** Takes a flow's result: its effects, and the waiting state or none. */
  const apply = (r: StepResult, flow: Flow) => {
    touched = true;
    effects.push(...ownEffects(r.effects, flow));
    if (r.status === 'waiting') {
      // The prompt is what asked the current question: a re-ask or reminder at the same state
      // does not replace it.
      const same = !!state && !!prompt && JSON.stringify(r.state) === JSON.stringify(state);
      state = r.state;
      if (!same) prompt = repliesOf(r.effects);
      return;
    }
    state = null;
    prompt = null;
    if (r.status === 'failed' && repliesOf(r.effects).length === 0) effects.push(text(texts.flowFailed(r.error.code)));
    if (suspended) effects = withNote(effects, texts.pendingNote(title(suspended.state)));
  };

  if (input.type === 'timeout') {
    if (input.key === EXPIRY_TIMER) {
      const v = (input.payload as { version?: number } | null)?.version;
      const current = state ?? suspended?.state ?? null;
      if (current && v === args.conversation.version) {
        effects.push(text(texts.expired(title(current), args.expiryMinutes)));
        state = null;
        prompt = null;
        suspended = null;
      }
    } else if (input.key.startsWith(FLOW_TIMER_PREFIX)) {
      const p = (input.payload ?? {}) as { flow?: string; data?: unknown };
      const flow = state && p.flow === state.flow ? byName.get(state.flow) : undefined;
      if (state && flow) apply(await flow.step(state, { type: 'timeout', key: input.key.slice(FLOW_TIMER_PREFIX.length), payload: p.data ?? undefined }, env), flow);
    }
  } else {
    const word = input.type === 'text' ? commandWord(input.text) : null;
    if (word === 'cancel') {
      touched = true;
      if (state) {
        effects.push(text(texts.cancelled(title(state))));
        state = null;
        prompt = null;
        if (suspended) effects = withNote(effects, texts.pendingNote(title(suspended.state)));
      } else if (suspended) {
        effects.push(text(texts.cancelled(title(suspended.state))));
        suspended = null;
      } else {
        effects.push(text(texts.nothingToCancel));
      }
    } else if (word === 'resume' && (state || suspended)) {
      touched = true;
      if (state) {
        effects.push(text(texts.alreadyIn(title(state))), ...(prompt ?? []).map(reply));
      } else if (suspended) {
        state = suspended.state;
        prompt = suspended.prompt;
        suspended = null;
        effects.push(text(texts.resumed(title(state))), ...prompt.map(reply));
      }
    } else if (word === 'resume') {
      touched = true;
      effects.push(text(texts.nothingToResume));
    } else if (state) {
      const waiting: ConversationState = state;
      const active = byName.get(waiting.flow)!;
      // A text command, or a click on another flow's card (e.g. a binding to confirm), may interrupt.
      const other = input.type === 'text' || input.type === 'card' ? flows.find((f) => f.name !== waiting.flow && f.matches(input, env)) : undefined;
      if (other) {
        const r = await other.start(input, env);
        if (r.status === 'waiting') {
          // The new command waits too: the old one is put aside for “继续”.
          const aside: Suspended = { state: waiting, prompt: prompt ?? [] };
          apply(r, other);
          suspended = aside;
          effects = withNote(effects, texts.suspendedNote(title(waiting)));
        } else {
          // It finished at once (e.g. 帮助): the waiting flow stays where it was.
          touched = true;
          effects.push(...ownEffects(r.effects, other));
          if (r.status === 'failed' && repliesOf(r.effects).length === 0) effects.push(text(texts.flowFailed(r.error.code)));
          effects = withNote(effects, texts.stillInNote(title(waiting)));
        }
      } else {
        apply(await active.step(waiting, input, env), active);
      }
    } else {
      const flow = flows.find((f) => f.matches(input, env));
      if (flow) apply(await flow.start(input, env), flow);
      else {
        const replies = fallbackReplies(input, env);
        if (replies.length) touched = true;
        effects.push(...replies.map(reply));
      }
    }
  }

  // The pressed card changes first, then the next question comes.
  effects = [...pressedCard(input, args.conversation, effects), ...effects];
  const next = { state, prompt, suspended };
  const before = { state: args.conversation.state, prompt: args.conversation.prompt, suspended: args.conversation.suspended };
  // A timer firing is not the person answering: it does not move the expiry (a change of state
  // still re-arms it, because the expiry is tied to the conversation's version).
  return { next, changed: JSON.stringify(next) !== JSON.stringify(before), touched: touched && input.type !== 'timeout', effects };
}
