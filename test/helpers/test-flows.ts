/**
 * Small flows used to exercise the edge (not product flows): each makes one property easy to see.
 * - tally ("记 …"): waits forever, appending every text to its state — shows order and exactly-once;
 * - slow ("慢"): answers only when the test opens its gate;
 * - boom ("炸"): throws;
 * - register ("登记"): asks two questions — for cancel / interrupt / resume / expiry;
 * - write ("写"): emits a domain command.
 */
import type { Flow, StepResult } from '../../src/flows/types.js';
import type { Command } from '../../src/flows/commands.js';

export interface Gate {
  promise: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

const say = (text: string) => ({ type: 'reply' as const, reply: { type: 'text' as const, text } });

export const tallyFlow: Flow = {
  name: 'tally',
  title: '记数',
  version: 1,
  matches: (i) => i.type === 'text' && i.text.startsWith('记'),
  start: (i, env) => {
    const items = [i.type === 'text' ? i.text : '?'];
    return { status: 'waiting', state: { flow: 'tally', v: 1, node: 'more', data: { items }, waitingSince: env.now }, effects: [say(`已记：${items.join(',')}`)] };
  },
  step: (s, i, env) => {
    if (i.type !== 'text') return { status: 'waiting', state: s, effects: [] };
    const items = [...(s.data.items as string[]), i.text];
    return { status: 'waiting', state: { ...s, data: { items }, waitingSince: env.now }, effects: [say(`已记：${items.join(',')}`)] };
  },
};

export function slowFlow(g: Gate): Flow {
  return {
    name: 'slow',
    version: 1,
    matches: (i) => i.type === 'text' && i.text === '慢',
    start: async () => {
      await g.promise;
      return { status: 'done', effects: [say('慢慢来，办好了')] };
    },
    step: () => ({ status: 'done', effects: [] }),
  };
}

export const boomFlow: Flow = {
  name: 'boom',
  version: 1,
  matches: (i) => i.type === 'text' && i.text.startsWith('炸'),
  start: () => {
    throw new Error('flow exploded for 61082119800101123X');
  },
  step: () => ({ status: 'done', effects: [] }),
};

export const registerFlow: Flow = {
  name: 'register',
  title: '登记',
  version: 1,
  matches: (i) => i.type === 'text' && i.text.trim() === '登记',
  start: (_i, env): StepResult => ({
    status: 'waiting',
    state: { flow: 'register', v: 1, node: 'name', data: {}, waitingSince: env.now },
    effects: [say('请问户主姓名？')],
  }),
  step: (s, i, env): StepResult => {
    if (i.type === 'timeout') return { status: 'waiting', state: s, effects: [say(`提醒：${String(i.key)}`)] };
    if (i.type !== 'text') return { status: 'waiting', state: s, effects: [say('请用文字回答。')] };
    if (s.node === 'name') {
      return {
        status: 'waiting',
        state: { ...s, node: 'phone', data: { name: i.text }, waitingSince: env.now },
        effects: [say('联系电话？'), { type: 'timer', key: 'nudge', dueAt: env.now + 60_000, payload: { n: 1 } }],
      };
    }
    return { status: 'done', effects: [say(`已登记：${String(s.data.name)}，${i.text}`), { type: 'cancelTimer', key: 'nudge' }] };
  },
};

export const writeFlow: Flow = {
  name: 'write',
  version: 1,
  matches: (i) => i.type === 'text' && i.text.startsWith('写'),
  start: (i) => ({
    status: 'done',
    // Kinds no real handler has (the dispatcher is tested with its own table), so outside the typed union.
    effects: [{ type: 'command', command: { kind: i.type === 'text' && i.text === '写未知' ? 'test.unknown' : 'test.write', note: 'x' } as unknown as Command }, say('写好了')],
  }),
  step: () => ({ status: 'done', effects: [] }),
};
