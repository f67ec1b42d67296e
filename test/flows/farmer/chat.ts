/**
 * A farmer's conversation through the real router and registry, on the in-memory port
 * (fixtures.ts): each turn's replies as the farmer reads them (a menu as its head, items and
 * tail), the notices to staff, the commands, and what waits after it. The conversation goes
 * through JSON between turns, as the store does.
 */
import { route, type Conversation } from '../../../src/bot/dispatch/router.js';
import type { FlowData } from '../../../src/flows/data.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor, Effect, Env, Input, Reply } from '../../../src/flows/types.js';
import { fakeData, farmer, T0, type FakeOptions } from './fixtures.js';

export interface Said {
  read: string[];
  sends: Array<{ to: string; text: string }>;
  commands: Array<{ kind: string } & Record<string, unknown>>;
  /** 'flow:node' waiting after the turn, or null. */
  waiting: string | null;
  suspended: string | null;
  menus: Array<Extract<Reply, { type: 'menu' }>>;
}

export const readable = (r: Reply): string =>
  r.type === 'text' ? r.text : r.type === 'menu' ? [r.head, ...r.items.map((i, n) => `${n + 1}. ${i.label}`), ...(r.tail ? [r.tail] : [])].join('\n') : `[${r.type}]`;

export type Line = string | Input | { after: number; input: Input | string };

/** A chat that can go on turn by turn; `at` is the clock (ms after T0) of the next turn. */
export function chat(o: FakeOptions = {}, actor: Actor = farmer) {
  let conversation: Conversation = { state: null, prompt: null, suspended: null, version: 0 };
  let ids = 0;
  let at = 0;
  return {
    get conversation() {
      return conversation;
    },
    async say(line: Line): Promise<Said> {
      const timed = typeof line === 'object' && 'after' in line ? line : { after: 60_000, input: line };
      at += timed.after;
      const input: Input = typeof timed.input === 'string' ? { type: 'text', text: timed.input } : timed.input;
      const env: Env = { now: T0 + at, tz: 'Asia/Shanghai', actor, newId: (p) => `${p}${++ids}`, data: fakeData(actor, o) as unknown as FlowData };
      const r = await route({ flows, conversation, input, env, expiryMinutes: 30 });
      conversation = JSON.parse(JSON.stringify({ ...r.next, version: conversation.version + (r.changed ? 1 : 0) })) as Conversation;
      const replies = r.effects.flatMap((e: Effect) => (e.type === 'reply' ? [e.reply] : []));
      return {
        read: replies.map(readable),
        menus: replies.filter((x): x is Extract<Reply, { type: 'menu' }> => x.type === 'menu'),
        sends: r.effects.flatMap((e) => (e.type === 'send' && e.reply.type === 'text' ? [{ to: e.to.id, text: e.reply.text }] : [])),
        commands: r.effects.flatMap((e) => (e.type === 'command' ? [e.command] : [])),
        waiting: r.next.state ? `${r.next.state.flow}:${r.next.state.node}` : null,
        suspended: r.next.suspended ? `${r.next.suspended.state.flow}:${r.next.suspended.state.node}` : null,
      };
    },
    /** A flow timer of the waiting (or put-aside) flow fires. */
    async fire(key: string, flow = 'farmer/declare', after = 0): Promise<Said> {
      return this.say({ after, input: { type: 'timeout', key: `f:${key}`, payload: { flow, data: null } } });
    },
  };
}

/** Says every line, returning what each turn gave. */
export async function talk(lines: Line[], o: FakeOptions = {}, actor: Actor = farmer): Promise<Said[]> {
  const c = chat(o, actor);
  const out: Said[] = [];
  for (const l of lines) out.push(await c.say(l));
  return out;
}
