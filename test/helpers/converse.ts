/**
 * Conversations through the router (src/bot/dispatch/router.ts), turn by turn, with the stored
 * conversation put through a JSON round trip between turns — so 取消, 继续, interruptions and the
 * expiry timer are replayed exactly as the dispatcher would, without a database. The flow-level
 * transcripts use `replay` (test/helpers/transcript.ts); this is for what the router adds.
 *
 * @example
 *   await converse(flows, { actor: gridWorker, now: MONDAY, data }, [
 *     { say: '排查 张三', waiting: 'field/general-screening:method' },
 *     { say: '取消', replies: [{ type: 'text', text: '已退出「一般户排查」。' }], waiting: null },
 *   ]);
 */
import { expect } from 'vitest';
import type { CommandHandler } from '../../src/bot/dispatch/ports.js';
import { transaction, type Database } from '../../src/persistence/db.js';
import { EXPIRY_TIMER, route, type Conversation } from '../../src/bot/dispatch/router.js';
import type { FlowData } from '../../src/flows/data.js';
import type { Actor, Effect, Env, Flow, Input } from '../../src/flows/types.js';

export interface RouteTurn {
  say?: string;
  input?: Input;
  /** The conversation's expiry timer fires (for the version it was set for). */
  expire?: boolean;
  after?: number;
  replies?: unknown[];
  commands?: unknown[];
  /** 'flow:node' of the waiting state after the turn, or null when nothing waits. */
  waiting?: string | null;
  /** 'flow:node' of the state put aside, or null. */
  suspended?: string | null;
}

export interface Setup {
  actor: Actor;
  now: number;
  data: Partial<FlowData>;
  /** Performs the commands of each turn before the next (the dispatcher's job; a database in DB-backed transcripts). */
  perform?: (commands: Array<{ kind: string } & Record<string, unknown>>, env: Env) => Promise<void>;
}

const where = (s: { flow: string; node: string } | null | undefined) => (s ? `${s.flow}:${s.node}` : null);

/** Replays the turns; returns every command the flows emitted, in order. */
export async function converse(flows: Flow[], setup: Setup, turns: RouteTurn[]): Promise<Array<Record<string, unknown>>> {
  let stored = JSON.stringify({ state: null, prompt: null, suspended: null, version: 0 } satisfies Conversation);
  let ids = 0;
  const all: Array<Record<string, unknown>> = [];
  for (const [i, turn] of turns.entries()) {
    const conversation = JSON.parse(stored) as Conversation;
    const input: Input = turn.expire ? { type: 'timeout', key: EXPIRY_TIMER, payload: { version: conversation.version } } : (turn.input ?? { type: 'text', text: turn.say ?? '' });
    const env: Env = { now: setup.now + (turn.after ?? 0), tz: 'Asia/Shanghai', actor: setup.actor, newId: (p) => `${p}${++ids}`, data: setup.data as FlowData };
    const r = await route({ flows, conversation, input, env, expiryMinutes: 30 });
    const label = `turn ${i + 1} (${JSON.stringify(input)})`;
    const of = <T extends Effect['type']>(t: T) => r.effects.filter((e): e is Extract<Effect, { type: T }> => e.type === t);
    if (turn.replies) expect(of('reply').map((e) => e.reply), label).toEqual(turn.replies);
    const commands = of('command').map((e) => e.command);
    all.push(...commands);
    if (turn.commands) expect(commands, label).toEqual(turn.commands);
    if (setup.perform && commands.length) await setup.perform(commands, env);
    const next = r.changed ? { ...r.next, version: conversation.version + 1 } : conversation;
    if (turn.waiting !== undefined) expect(where(next.state), label).toBe(turn.waiting);
    if (turn.suspended !== undefined) expect(where(next.suspended?.state), label).toBe(turn.suspended);
    stored = JSON.stringify(next);
  }
  return all;
}

/**
 * The dispatcher's part in DB-backed transcripts: each turn's commands performed by the real
 * handlers in one transaction, each with the next inbound id (from `firstInbound`), and recorded
 * in `performed`.
 *
 * @example
 *   const db = performOn(() => ds, commandHandlers(fieldCommands));
 *   await converse(flows, { actor, now, data: createFlowData(ds)(actor), perform: db.perform(actor) }, turns);
 *   db.lastInbound()   // the inbound id of the last command performed
 */
export function performOn(ds: () => Database, handler: CommandHandler, firstInbound = 1) {
  const performed: Array<{ kind: string; inboundId: number }> = [];
  let next = firstInbound;
  return {
    performed,
    lastInbound: () => next - 1,
    perform: (actor: Actor): NonNullable<Setup['perform']> => (commands, env) =>
      transaction(ds(), async (tx) => {
        for (const c of commands) {
          const inboundId = next++;
          performed.push({ kind: c.kind, inboundId });
          await handler.handle(tx, c, { actor, now: env.now, inboundId });
        }
      }),
  };
}
