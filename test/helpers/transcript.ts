/**
 * Transcript tests (goflow style): a conversation as data — inputs in, expected replies and
 * status out — replayed turn by turn through a flow, with the state put through a JSON round
 * trip between turns exactly as the conversation store does.
 *
 * @example
 *   await replay(helpFlow, { actor: gridWorker, now: T0 }, [
 *     { say: '帮助', status: 'done', replies: [{ type: 'text', text: expect.stringMatching(/^您好/) }] },
 *   ]);
 */
import { expect } from 'vitest';
import type { FlowData } from '../../src/flows/data.js';
import type { Actor, ConversationState, Effect, Env, Flow, Input, Reply, StepResult } from '../../src/flows/types.js';

export interface Turn {
  /** A text input, or any input. */
  say?: string;
  input?: Input;
  /** Moves the clock for this turn (ms since the start). */
  after?: number;
  status: 'waiting' | 'done' | 'failed' | 'not-matched';
  /** Expected replies to the sender (asymmetric matchers allowed). */
  replies?: unknown[];
  /** Expected fields of the state after the turn (waiting only). */
  state?: Partial<ConversationState>;
  /** Expected messages to other people (`send` effects). */
  sends?: unknown[];
  /** Expected domain commands (`command` effects, their `command` objects). */
  commands?: unknown[];
  /** Expected timers set or cancelled (`timer` / `cancelTimer` effects). */
  timers?: unknown[];
}

export interface Setup {
  actor: Actor;
  now: number;
  tz?: string;
  /** The read port the flow sees (an in-memory fake, or the persistence-backed one on a test database). */
  data?: Partial<FlowData>;
}

export async function replay(flow: Flow, setup: Setup, turns: Turn[]): Promise<void> {
  let stored: string | null = null;
  let ids = 0;
  for (const [i, turn] of turns.entries()) {
    const input: Input = turn.input ?? { type: 'text', text: turn.say ?? '' };
    const env: Env = { now: setup.now + (turn.after ?? 0), tz: setup.tz ?? 'Asia/Shanghai', actor: setup.actor, newId: (p) => `${p}${++ids}`, data: (setup.data ?? {}) as FlowData };
    const where = `turn ${i + 1} (${JSON.stringify(input)})`;
    if (stored === null && !flow.matches(input, env)) {
      expect(turn.status, where).toBe('not-matched');
      continue;
    }
    const r: StepResult = stored === null ? await flow.start(input, env) : await flow.step(JSON.parse(stored) as ConversationState, input, env);
    expect(r.status, where).toBe(turn.status);
    const replies: Reply[] = r.effects.flatMap((e) => (e.type === 'reply' ? [e.reply] : []));
    if (turn.replies) expect(replies, where).toEqual(turn.replies);
    const of = <T extends Effect['type']>(t: T) => r.effects.filter((e): e is Extract<Effect, { type: T }> => e.type === t);
    if (turn.sends) expect(of('send').map((e) => ({ to: e.to, reply: e.reply })), where).toEqual(turn.sends);
    if (turn.commands) expect(of('command').map((e) => e.command), where).toEqual(turn.commands);
    if (turn.timers) expect(r.effects.filter((e) => e.type === 'timer' || e.type === 'cancelTimer'), where).toEqual(turn.timers);
    if (r.status === 'waiting') {
      if (turn.state) expect(r.state, where).toMatchObject(turn.state);
      stored = JSON.stringify(r.state);
    } else stored = null;
  }
}
