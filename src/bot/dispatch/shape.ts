/**
 * Small rewrites of what comes in and goes out, the same for every flow, so that no flow has to
 * repeat them: a typed number picks the item of the menu that was shown ("1", "二"), a
 * one-character typo of a farmer's menu item is read as that item ("申保困难"), the first time a
 * question is asked it says how to leave, and a "choose from 1 to 1" never reaches a person.
 *
 * @example
 *   pickFromMenu({ type: 'text', text: '2' }, [FARMER_MENU])   // { type: 'text', text: '查询进度', menuId: 'progress' }
 */
import type { Effect, Input, Reply } from '../../flows/types.js';
import { oneTypoApart, texts, typedNumber } from './texts.js';

type Menu = Extract<Reply, { type: 'menu' }>;

/** The last menu among the replies, if any. */
export function lastMenu(replies: readonly Reply[] | null | undefined): Menu | null {
  const menus = (replies ?? []).filter((r): r is Menu => r.type === 'menu');
  return menus[menus.length - 1] ?? null;
}

export type Picked = { kind: 'item'; input: Input; n: number } | { kind: 'out_of_range'; n: number; max: number } | { kind: 'none' };

/** A typed number read against the menu that was shown: the item (as a click), or out of range. */
export function pickFromMenu(input: Input, menu: Menu | null): Picked {
  if (input.type !== 'text' || input.menuId || !menu || menu.items.length === 0) return { kind: 'none' };
  const n = typedNumber(input.text);
  if (n === null) return { kind: 'none' };
  const item = menu.items[n - 1];
  if (!item) return { kind: 'out_of_range', n, max: menu.items.length };
  return { kind: 'item', n, input: { type: 'text', text: item.label, menuId: item.id } };
}

/** A menu item typed with one character wrong ("申保困难" → 申报困难), as a click. */
export function pickByTypo(input: Input, menu: Menu | null): Input | null {
  if (input.type !== 'text' || input.menuId || !menu) return null;
  const t = input.text.trim().replace(/[。.!！~～\s]+$/u, '');
  const hits = menu.items.filter((i) => i.label !== t && oneTypoApart(t, i.label));
  return hits.length === 1 ? { type: 'text', text: hits[0]!.label, menuId: hits[0]!.id } : null;
}

type Card = Extract<Reply, { type: 'card' }>;

/** A button's label or a typed text without what does not tell them apart: spaces, brackets, end punctuation. */
const labelOf = (t: string) => t.replace(/[\s[\]【】「」“”"'‘’]/gu, '').replace(/[。.!！~～,，]+$/u, '');

/**
 * The label of a button of the card that asked the waiting question, typed instead of pressed
 * (“都已完成”, “【不纳入】”: a client that shows the card's text version, or a person who types what
 * they read): as that button pressed. Only a whole label — words around it are the flow's to read.
 */
export function pressedByText(input: Input, prompt: readonly Reply[] | null | undefined): Input | null {
  if (input.type !== 'text' || input.menuId) return null;
  const typed = labelOf(input.text);
  if (!typed) return null;
  const cards = (prompt ?? []).filter((r): r is Card => r.type === 'card');
  const hits = cards.flatMap((c) => c.card.buttons.filter((b) => labelOf(b.text) === typed).map((b) => ({ taskId: c.card.taskId, key: b.key })));
  return hits.length === 1 ? { type: 'card', taskId: hits[0]!.taskId, eventKey: hits[0]!.key } : null;
}

/** Whether a reply already says how to leave. */
const saysHowToLeave = (r: Reply): boolean => /取消/.test(r.type === 'text' ? r.text : r.type === 'menu' ? `${r.head}${r.tail ?? ''}` : r.type === 'markdown' ? r.fallback : r.type === 'card' ? r.fallback : '');

/**
 * The question's replies with how to leave added to the last text or menu (unless one says it
 * already); a question asked by a card alone gets it on the card (its text and its fallback).
 */
export function withLeaveHint(effects: Effect[]): Effect[] {
  const asks = effects.filter((e): e is Extract<Effect, { type: 'reply' }> => e.type === 'reply');
  if (asks.length === 0 || asks.some((e) => saysHowToLeave(e.reply))) return effects;
  const hint = texts.leaveHint;
  for (const kinds of [['text', 'menu'], ['card']]) {
    for (let i = effects.length - 1; i >= 0; i--) {
      const e = effects[i]!;
      if (e.type !== 'reply' || !kinds.includes(e.reply.type)) continue;
      const r = e.reply;
      const copy = effects.slice();
      if (r.type === 'text') copy[i] = { type: 'reply', reply: { type: 'text', text: `${r.text}\n${hint}` } };
      else if (r.type === 'menu') copy[i] = { type: 'reply', reply: { ...r, tail: r.tail ? `${r.tail}\n${hint}` : hint } };
      else if (r.type === 'card') copy[i] = { type: 'reply', reply: { ...r, card: { ...r.card, desc: r.card.desc ? `${r.card.desc}\n${hint}` : hint }, fallback: `${r.fallback}\n${hint}` } };
      return copy;
    }
  }
  return effects;
}

/** "请回复1到1之间的序号" is no choice: said plainly instead. */
export function plainWords(effects: Effect[]): Effect[] {
  const fix = (t: string) => t.replace(/请回复1到1之间的序号/g, '只有1项，请回复“1”');
  return effects.map((e) => {
    if ((e.type === 'reply' || e.type === 'send') && e.reply.type === 'text' && /1到1之间/.test(e.reply.text)) return { ...e, reply: { type: 'text', text: fix(e.reply.text) } };
    return e;
  });
}
