/**
 * Routing one input through the conversation, as a pure-ish function of (conversation, input,
 * env, flows): no database, no clock. The dispatcher loads the conversation, calls `route`,
 * and writes what it returns in one transaction.
 *
 * Rules (SPEC.md §3): “取消/退出” leaves the waiting flow; “继续” (or words that refer back, “俺回来了，
 * 刚才说到哪了”) asks the waiting question again; a different command or question (or a click on
 * another flow's card) while one waits starts it: one that finishes at once (a question answered)
 * is followed by the waiting question again, with one line saying so; one that waits too keeps
 * the waiting one aside for “继续”. Otherwise the waiting flow gets the input; with nothing
 * waiting the first matching flow starts; nothing matched → a helpful answer (never silence for a
 * person's text). One flow can be put aside at a time: interrupting twice keeps the most recent one.
 *
 * Also, the same for every flow: a typed number picks the item of the menu shown (“1”, “二”, “第一个”); a
 * one-character typo of a farmer's menu item is read as that item; courtesy words (谢谢, 在吗,
 * 辛苦了, 等一下 — the waiting question is not asked again after it; 好的 and 收到 when nothing
 * waits) get one line, not the menu; the first time a flow
 * asks, it says how to leave; each flow may keep its conversation longer than the default
 * (`Flow.keepMs`: a farmer's unfinished declaration is a draft for days). The last answer a flow
 * asked to remember (Effect `remember`) is kept as `recall` until its time runs out, and, with nothing
 * waiting, that flow's `followUp` reads a message before any flow's `matches` (“凉水井村的呢” after a
 * town's 超期线索: docs/OFFICIALS.md); while a flow waits, a follow-up that could not answer its question
 * is read the same way and answered like a question asked in between. Any other flow's answer replaces
 * it; a question asked back that waits (“导出哪一张表？”) does not.
 *
 * @example
 *   const r = await route({ flows, conversation: { state: null, prompt: null, suspended: null, version: 0 }, input, env, expiryMinutes: 30 });
 *   // r.next.state (null or the waiting state), r.effects (replies, timers, commands), r.touched
 */
import { QUESTION_MENU_ID } from '../../flows/farmer/person.js';
import { looksLikeQuestion } from '../../flows/farmer/questions.js';
import { withoutPadding } from '../../flows/understand/padding.js';
import { answersWaiting, type WaitingQuestion } from '../../flows/understand/official-followup.js';
import { dayOf } from '../../domain/calendar.js';
import { FARMER_MENU, fallbackReplies } from '../../flows/help.js';
import { parseYesNo } from '../../flows/understand/index.js';
import type { ConversationState, Effect, Env, Flow, Input, Recall, Reply, StepResult } from '../../flows/types.js';
import { lastMenu, pickByTypo, pickFromMenu, plainWords, pressedByText, withLeaveHint } from './shape.js';
import { commandWord, courtesyOf, NEVER_AN_ANSWER, refersBack, sinceWords, spanWords, texts } from './texts.js';

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
  /** The replies that asked the waiting question; with nothing waiting, the last menu shown (for a typed “1”). */
  prompt: Reply[] | null;
  suspended: Suspended | null;
  /**
   * The last answer a flow asked to be remembered (Effect `remember`), for a follow-up that names
   * only what changed (“凉水井村的呢”); absent in rows written before it was kept.
   */
  recall?: Recall | null;
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
  /** The default life of a waiting conversation (a flow's `keepMs` overrides it). */
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

/**
 * The question that waits, as a follow-up is weighed against it (understand/official-followup.ts): the
 * choices it offers (a menu's items, a card's buttons, numbered lines) and the sentences that ask.
 */
function waitingQuestion(prompt: readonly Reply[] | null): WaitingQuestion {
  const lines = (prompt ?? []).flatMap((r) => {
    if (r.type === 'text') return r.text.split('\n');
    if (r.type === 'markdown') return r.fallback.split('\n');
    if (r.type === 'menu') return [...r.head.split('\n'), ...(r.tail ? [r.tail] : [])];
    if (r.type === 'card') return [r.card.title, ...(r.card.desc ? [r.card.desc] : [])];
    return [];
  });
  const choices = (prompt ?? []).flatMap((r) => (r.type === 'menu' ? r.items.map((i) => i.label) : r.type === 'card' ? r.card.buttons.map((b) => b.text) : []));
  const numbered = lines.flatMap((l) => {
    const m = /^\s*(?:\d{1,2}|[一二三四五六七八九十])[.、．)）]\s*(.+)$/.exec(l);
    return m ? [m[1] as string] : [];
  });
  const asks = lines.filter((l) => /[？?]|请.{0,6}(?:回复|发|说|选)/.test(l)).join('\n');
  // Numbered lines are choices only when the question asks to pick one (a report's numbered lines are not).
  return { choices: [...choices, ...(/序号|哪一个|哪个|选/.test(asks) ? numbered : [])], asks };
}

function repliesOf(effects: Effect[]): Reply[] {
  return effects.flatMap((e) => (e.type === 'reply' ? [e.reply] : []));
}

/** Namespaces a flow's timer keys and remembers which flow set them; `remember` is the router's (see `recallOf`). */
function ownEffects(effects: Effect[], flow: Flow): Effect[] {
  return effects.flatMap((e): Effect[] => {
    if (e.type === 'timer') return [{ type: 'timer', key: `${FLOW_TIMER_PREFIX}${e.key}`, dueAt: e.dueAt, payload: { flow: flow.name, data: e.payload ?? null } }];
    if (e.type === 'cancelTimer') return [{ type: 'cancelTimer', key: `${FLOW_TIMER_PREFIX}${e.key}` }];
    if (e.type === 'remember') return [];
    return [e];
  });
}

/** What a flow's answer leaves to be remembered: its last `remember`, or null (the answer before is forgotten). */
function recallOf(effects: readonly Effect[], flow: Flow, now: number): Recall | null {
  const kept = effects.filter((e): e is Extract<Effect, { type: 'remember' }> => e.type === 'remember').at(-1);
  return kept ? { flow: flow.name, v: flow.version, data: kept.data, at: now, until: now + kept.keepMs } : null;
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

/** A state without its clock: two states asking the same question compare equal. */
const questionOf = (s: ConversationState) => ({ flow: s.flow, v: s.v, node: s.node, data: s.data });

/** How long a conversation with these states is kept (the longest of their flows' keep times). */
export function keepMsOf(flows: readonly Flow[], states: ReadonlyArray<ConversationState | null | undefined>, fallbackMs: number): number {
  const byName = new Map(flows.map((f) => [f.name, f]));
  return Math.max(fallbackMs, ...states.map((s) => (s ? (byName.get(s.flow)?.keepMs ?? 0) : 0)));
}

/** The waiting question again, after a line that says which errand it belongs to. */
function askedAgain(line: string, prompt: readonly Reply[]): Effect[] {
  const [first, ...rest] = prompt;
  if (first?.type === 'text') return [text(`${line}\n${first.text}`), ...rest.map(reply)];
  if (first?.type === 'menu') return [reply({ ...first, head: `${line}\n${first.head}` }), ...rest.map(reply)];
  return [text(line), ...prompt.map(reply)];
}

/** Puts a line before the first text reply (or adds it): the waiting question keeps its own words. */
function withLead(effects: Effect[], line: string): Effect[] {
  const i = effects.findIndex((e) => e.type === 'reply' && e.reply.type === 'text');
  if (i < 0) return [text(line), ...effects];
  const copy = effects.slice();
  const e = copy[i] as Extract<Effect, { type: 'reply' }>;
  copy[i] = reply({ type: 'text', text: `${line}\n${(e.reply as Extract<Reply, { type: 'text' }>).text}` });
  return copy;
}

/** A short yes or no and nothing else: “没有没有”, “对的”, “嗯”, “👍”. */
export function isBareYesNo(text: string): boolean {
  const t = text.replace(/[\s，,。.!！~～]+/gu, '');
  return Array.from(t).length <= 6 && parseYesNo(t) !== null;
}

export async function route(args: RouteArgs): Promise<Routed> {
  const { flows, env } = args;
  let input = args.input;
  const byName = new Map(flows.map((f) => [f.name, f]));
  const title = (s: ConversationState) => byName.get(s.flow)?.title ?? s.flow;
  // A state whose flow is gone or changed version is dropped on purpose, and the user told.
  const usable = (s: ConversationState | null) => !!s && byName.get(s.flow)?.version === s.v;
  const farmer = env.actor.sender.channel === 'kf';

  let { state, prompt, suspended } = args.conversation;
  // The answer remembered, while it lasts and its flow is the same version.
  const kept = args.conversation.recall ?? null;
  let recall: Recall | null = kept && kept.until > env.now && byName.get(kept.flow)?.version === kept.v ? kept : null;
  let effects: Effect[] = [];
  let touched = false;
  if (state && !usable(state)) {
    effects.push(text(texts.reset(title(state))));
    state = null;
    prompt = null;
  }
  if (suspended && !usable(suspended.state)) suspended = null;

  /** Takes a flow's result: its effects, and the waiting state or none. `fresh`: the flow just started. */
  const apply = (r: StepResult, flow: Flow, fresh = false) => {
    touched = true;
    // A person's message answered: what it leaves to remember replaces the answer before (a timer's
    // work does not, nor a question asked back that waits: “导出哪一张表？” keeps 超期线索 for “那凉水井村呢”).
    if (input.type !== 'timeout' && (r.status !== 'waiting' || r.effects.some((e) => e.type === 'remember'))) recall = recallOf(r.effects, flow, env.now);
    const own = ownEffects(r.effects, flow);
    if (r.status === 'waiting') {
      // The prompt is what asked the current question: a re-ask or reminder at the same question
      // (an answer that did not fit changes nothing but the time), or a step that says nothing
      // (a timer's work), does not replace it.
      const same = !!state && !!prompt && JSON.stringify(questionOf(r.state)) === JSON.stringify(questionOf(state));
      const asked = repliesOf(r.effects);
      state = r.state;
      if (!same && (asked.length > 0 || !prompt)) prompt = asked;
      // Everyone is told how to leave the first time a flow asks (later questions of the same run are not).
      effects.push(...(fresh ? withLeaveHint(own) : own));
      return;
    }
    effects.push(...own);
    state = null;
    prompt = null;
    if (r.status === 'failed' && repliesOf(r.effects).length === 0) effects.push(text(texts.flowFailed(r.error.code)));
    if (suspended) effects = withNote(effects, texts.pendingNote(title(suspended.state)));
  };

  /** Another flow's result while `waiting` waits: a question answered, then the waiting question again. */
  const aside = (r: StepResult, other: Flow, waiting: ConversationState) => {
    if (r.status === 'waiting') {
      // The new errand waits too: the old one is put aside for “继续”.
      const put: Suspended = { state: waiting, prompt: prompt ?? [] };
      apply(r, other, true);
      suspended = put;
      effects = withNote(effects, texts.suspendedNote(title(waiting)));
      return;
    }
    touched = true;
    recall = recallOf(r.effects, other, env.now);
    effects.push(...ownEffects(r.effects, other));
    if (r.status === 'failed' && repliesOf(r.effects).length === 0) effects.push(text(texts.flowFailed(r.error.code)));
    effects.push(...askedAgain(texts.backTo(title(waiting)), prompt ?? []));
  };

  // A typed number (“1”, “一”, “第一个”) picks from the menu that asked the waiting question or,
  // with nothing waiting, from the last menu shown (a farmer's main menu when none is remembered).
  // A staff flow reads its own numbered list (an item's label may read as a new request there), so
  // it gets the number as plain digits. A number out of range is the waiting flow's to answer.
  const menu = state ? lastMenu(prompt) : (lastMenu(args.conversation.prompt) ?? (farmer ? FARMER_MENU : null));
  const read = pickFromMenu(input, menu);
  const picked = read.kind === 'out_of_range' && state ? ({ kind: 'none' } as const) : read;
  if (picked.kind === 'item') input = state && !farmer ? { type: 'text', text: String(picked.n) } : picked.input;
  // A button of the waiting question's card typed out (“都已完成”) is that button pressed.
  if (state && !farmer) input = pressedByText(input, prompt) ?? input;

  if (input.type === 'timeout') {
    if (input.key === EXPIRY_TIMER) {
      const v = (input.payload as { version?: number } | null)?.version;
      const current = state ?? suspended?.state ?? null;
      if (current && v === args.conversation.version) {
        const keep = keepMsOf(flows, [state, suspended?.state], args.expiryMinutes * 60_000);
        effects.push(text(texts.expired(title(current), spanWords(keep))));
        state = null;
        prompt = null;
        suspended = null;
      }
    } else if (input.key.startsWith(FLOW_TIMER_PREFIX)) {
      const p = (input.payload ?? {}) as { flow?: string; data?: unknown };
      const fired: Input = { type: 'timeout', key: input.key.slice(FLOW_TIMER_PREFIX.length), payload: p.data ?? undefined };
      const flow = state && p.flow === state.flow ? byName.get(state.flow) : undefined;
      const asideFlow = !flow && suspended && p.flow === suspended.state.flow ? byName.get(suspended.state.flow) : undefined;
      if (state && flow) apply(await flow.step(state, fired, env), flow);
      else if (suspended && asideFlow) {
        // A put-aside errand's timer still does its work (e.g. a draft handed to the grid worker),
        // but does not speak to a person busy with another errand: “继续” brings it back.
        const r = await asideFlow.step(suspended.state, fired, env);
        effects.push(...ownEffects(r.effects, asideFlow).filter((e) => e.type !== 'reply'));
        suspended = r.status === 'waiting' ? { state: r.state, prompt: suspended.prompt } : null;
      }
    }
  } else if (picked.kind === 'out_of_range') {
    touched = true;
    effects.push(text(texts.noSuchItem(picked.n, picked.max)), ...(state && prompt ? prompt.map(reply) : []));
  } else {
    const said = input.type === 'text' && !input.menuId ? input.text : null;
    const word = said !== null ? commandWord(said) : null;
    const courtesy = said !== null ? courtesyOf(said) : null;
    // Loose words that refer back are a farmer's; staff resume with “继续”, or with such words when
    // they come back to an errand kept past the default expiry (“早上好 昨天拓永胜家那个还没报完”).
    // (A farmer's declaration, kept for days, has its own reminders and words: declare-draft.ts.)
    const longLeft = !farmer && !!state && env.now - state.waitingSince >= args.expiryMinutes * 60_000;
    const back = (farmer || longLeft) && said !== null && word === null && (state || suspended) ? refersBack(said) : false;
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
    } else if ((word === 'resume' || back) && (state || suspended)) {
      touched = true;
      if (state) {
        const line = longLeft ? texts.backAfter(title(state), byName.get(state.flow)?.about?.(state) ?? null, sinceWords(state.waitingSince, env.now)) : texts.alreadyIn(title(state));
        effects.push(text(line), ...(prompt ?? []).map(reply));
        // Taken up again: the errand is no longer one left for hours.
        if (longLeft) state = { ...state, waitingSince: env.now };
      } else if (suspended) {
        state = suspended.state;
        prompt = suspended.prompt;
        suspended = null;
        effects.push(text(texts.resumed(title(state))), ...prompt.map(reply));
      }
    } else if (word === 'resume') {
      touched = true;
      effects.push(text(texts.nothingToResume));
    } else if (courtesy && (!state || NEVER_AN_ANSWER.includes(courtesy))) {
      touched = true;
      effects.push(text(texts[courtesy]));
      // Asked to wait, the question stays unasked until the person comes back to it.
      if (state && courtesy !== 'wait') effects.push(...askedAgain(texts.backTo(title(state)), prompt ?? []));
    } else if (state) {
      const waiting: ConversationState = state;
      const active = byName.get(waiting.flow)!;
      // A text command or question, or a click on another flow's card (e.g. a binding to confirm), may interrupt.
      // A bare yes or no (“没有没有”, “是滴”, “👍”) answers the waiting question; it starts nothing else.
      const may = ((input.type === 'text' && !isBareYesNo(input.text)) || input.type === 'card') && !active.keeps?.(waiting, input, env);
      // A follow-up of the answer remembered (“那凉水井村呢”) that is no answer to the waiting question
      // (“高家堡镇的呢” picks from a list that names 高家堡镇) is answered like a question asked in between.
      const recalled = may && recall && said !== null ? byName.get(recall.flow) : undefined;
      const fits = !!recalled?.followUp && said !== null && answersWaiting(said, waitingQuestion(prompt), dayOf(env.now));
      const followed = recall && recalled?.followUp && !fits ? await recalled.followUp(recall, input, env) : null;
      const other = may && !followed ? flows.find((f) => f.name !== waiting.flow && (f.interrupts ?? f.matches).call(f, input, env)) : undefined;
      if (followed && recalled) aside(followed, recalled, waiting);
      else if (other) aside(await other.start(input, env), other, waiting);
      else {
        // Come back to an errand kept past the default expiry (a half-finished screening): where they were is said first.
        const left = !farmer && env.now - waiting.waitingSince >= args.expiryMinutes * 60_000;
        const before = effects.length;
        apply(await active.step(waiting, input, env), active);
        const about = active.about?.(waiting) ?? null;
        // Unless the flow's own reply already names it (“刚才高志明户的排查先放着…”).
        const named = !!about && repliesOf(effects.slice(before)).some((r) => r.type === 'text' && r.text.includes(about));
        if (left && !named) effects = [...effects.slice(0, before), ...withLead(effects.slice(before), texts.backAfter(title(waiting), about, sinceWords(waiting.waitingSince, env.now)))];
      }
    } else {
      // Words that refer back with nothing open: a farmer is shown where their declarations stand.
      const first = farmer && said !== null && refersBack(said) ? { type: 'text' as const, text: said, menuId: 'progress' } : input;
      // A request no flow takes as it came is read again without what pads it (a greeting, @名字,
      // 嗯/那个, 【】 and emoji: understand/padding.ts).
      const plain = said !== null && first === input ? withoutPadding(said) : said;
      // A follow-up of the answer remembered (“凉水井村的呢” after a town's 超期线索) is that flow's, before any other reading.
      const recalled = recall && said !== null ? byName.get(recall.flow) : undefined;
      const followed = recall && recalled?.followUp ? await recalled.followUp(recall, first, env) : null;
      const taken = followed ? undefined : flows.find((f) => f.matches(first, env));
      const asked = taken || plain === said || plain === null ? first : { type: 'text' as const, text: plain };
      const flow = followed ? undefined : (taken ?? (asked === first ? undefined : flows.find((f) => f.matches(asked, env))));
      const typo = flow || followed ? null : pickByTypo(asked, menu);
      const typoFlow = typo ? flows.find((f) => f.matches(typo, env)) : undefined;
      if (followed && recalled) apply(followed, recalled, true);
      else if (flow) apply(await flow.start(asked, env), flow, true);
      else if (typo && typoFlow) apply(await typoFlow.start(typo, env), typoFlow, true);
      else if (farmer && said !== null && looksLikeQuestion(said)) {
        // A farmer's question nobody understood goes to a person, never to the menu.
        const q: Input = { type: 'text', text: said, menuId: QUESTION_MENU_ID };
        const person = flows.find((f) => f.matches(q, env));
        if (person) apply(await person.start(q, env), person, true);
      } else {
        const replies = fallbackReplies(input, env);
        if (replies.length) touched = true;
        effects.push(...replies.map(reply));
      }
    }
  }

  // With nothing waiting, the last menu shown is remembered so that a typed “1” picks from it.
  if (!state) {
    const shown = lastMenu(repliesOf(effects));
    prompt = shown ? [shown] : input.type === 'timeout' ? (args.conversation.state ? null : args.conversation.prompt) : null;
  }
  // The pressed card changes first, then the next question comes.
  effects = plainWords([...pressedCard(args.input, args.conversation, effects), ...effects]);
  const next = { state, prompt, suspended, recall };
  const before = { state: args.conversation.state, prompt: args.conversation.prompt, suspended: args.conversation.suspended, recall: args.conversation.recall ?? null };
  // A timer firing is not the person answering: it does not move the expiry (a change of state
  // still re-arms it, because the expiry is tied to the conversation's version).
  return { next, changed: JSON.stringify(next) !== JSON.stringify(before), touched: touched && input.type !== 'timeout', effects };
}
