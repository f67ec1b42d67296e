/**
 * Conversations through the dispatcher's router (src/bot/dispatch/router.ts) with the official
 * flows: what “取消”, “继续”, an interruption and the 30-minute expiry do to a waiting official
 * flow. The conversation is put through a JSON round trip between turns, as the store does.
 *
 * @example
 *   const talk = routedTalk(ACTORS.city, fakeData(ACTORS.city));
 *   await talk.say('新村进度');            // the ambiguity menu
 *   await talk.expire();                   // '「排查进度」已经30分钟没有回复，已自动结束。…'
 */
import { EXPIRY_TIMER, route, type Conversation } from '../../../src/bot/dispatch/router.js';
import { menuAsText } from '../../../src/bot/wecom/render.js';
import type { FlowData } from '../../../src/flows/data.js';
import type { OfficialData } from '../../../src/flows/official/data.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor, Effect, Env, Input, Reply } from '../../../src/flows/types.js';
import { T0 } from './fixtures.js';

/** A reply as the person would read it (markdown's fallback, a menu as numbered lines). */
export function readable(r: Reply): string {
  switch (r.type) {
    case 'text':
      return r.text;
    case 'markdown':
      return r.fallback;
    case 'menu':
      return menuAsText(r);
    case 'card':
      return r.fallback;
    case 'file':
    case 'image':
      return `[${r.type}:${r.fileName}]`;
    case 'card_update':
      return `[按钮改为：${r.replaceName}]`;
  }
}

export interface RoutedTalk {
  say(text: string, afterMs?: number): Promise<{ replies: string[]; effects: Effect[] }>;
  send(input: Input, afterMs?: number): Promise<{ replies: string[]; effects: Effect[] }>;
  /** The dispatcher's expiry timer firing for the current conversation version. */
  expire(): Promise<string[]>;
  /** Which flow waits now (null when none). */
  waiting(): string | null;
}

export function routedTalk(actor: Actor, data: OfficialData, start = T0): RoutedTalk {
  let stored = JSON.stringify({ state: null, prompt: null, suspended: null, version: 0 } satisfies Conversation);
  let now = start;
  let ids = 0;
  const send = async (input: Input, afterMs = 0) => {
    now += afterMs;
    const conversation = JSON.parse(stored) as Conversation;
    const env: Env = { now, tz: 'Asia/Shanghai', actor, newId: (p) => `${p}${++ids}`, data: data as unknown as FlowData };
    const r = await route({ flows, conversation, input, env, expiryMinutes: 30 });
    if (r.changed) stored = JSON.stringify({ ...r.next, version: conversation.version + 1 });
    const replies = r.effects.flatMap((e) => (e.type === 'reply' ? [readable(e.reply)] : []));
    return { replies, effects: r.effects };
  };
  return {
    say: (text, afterMs) => send({ type: 'text', text }, afterMs),
    send,
    async expire() {
      const { version } = JSON.parse(stored) as Conversation;
      return (await send({ type: 'timeout', key: EXPIRY_TIMER, payload: { version } }, 30 * 60_000)).replies;
    },
    waiting: () => (JSON.parse(stored) as Conversation).state?.flow ?? null,
  };
}
