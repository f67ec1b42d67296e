/**
 * The grid-worker corpus (field.items.ts) run through the real field flows: the router, the
 * persistence-backed read port on a scratch database seeded with the corpus village, and the real
 * field commands. Each item is sent as the first message of a fresh conversation (on its own
 * day, so no earlier record interferes); when the bot asks, the worker answers as the item's
 * expectation says (the right name, card button or value), and the one confirmation of several
 * households is answered “是” only when the echo shows exactly what was meant. What was stored
 * is then compared with the expectation.
 *
 * Verdicts: correct (stored as expected, nothing asked but the confirmation of several), asked
 * (a question first, then stored as expected), wrong (an echo that showed something else, or no
 * record after the questions), silent_misrecord (stored something else without asking: another
 * household, another value, a household dropped or put into 备注), not_understood (no flow took it).
 *
 * @example
 *   const results = await runFieldCorpus();          // SQLite scratch database
 *   results.filter((r) => r.verdict === 'silent_misrecord')   // []
 */
import { fieldCommands } from '../../src/bot/commands/field.js';
import { route, type Conversation } from '../../src/bot/dispatch/router.js';
import { commandHandlers } from '../../src/bot/dispatch/ports.js';
import { createFlowData } from '../../src/bot/flow-data/index.js';
import { openDatabase } from '../../src/persistence/data-source.js';
import { flows } from '../../src/flows/registry.js';
import type { Actor, Effect, Env, Input, Reply } from '../../src/flows/types.js';
import { createScratchDatabase } from '../helpers/db.js';
import { performOn } from '../helpers/converse.js';
import { FIELD_ITEMS, type CorpusItem } from './field.items.js';
import { seedCorpusVillage, speaker } from './field.roster.js';
import type { ItemResult, Verdict } from './types.js';

export const METHOD: Record<string, string> = { 入户: 'home_visit', 电话: 'phone', 微信: 'wechat', 其他: 'other' };
const DAY = 86_400_000;
/** 2022-03-01 09:00 Asia/Shanghai; item i speaks on day i. */
const START = Date.UTC(2022, 2, 1, 1, 0, 0);

/** One expected screening: 户主, way, risk (有/无), policy known (知/不知), and the risk's details after “|”. */
export interface Rec {
  head: string;
  method: string;
  risk: boolean;
  policy: boolean;
  detail?: string;
}

function parseExpected(s: string): { ask: string | null; recs: Rec[] } {
  const ask = /^\?(\w+)\s+/.exec(s);
  const recs = (ask ? s.slice(ask[0].length) : s).split(' ; ').map(parseScreening);
  return { ask: ask?.[1] ?? null, recs };
}

/** “张三 入户 无 知|details” → the screening it stands for. */
export function parseScreening(r: string): Rec {
  const [main, detail] = r.split('|');
  const [head, method, risk, policy] = (main as string).trim().split(/\s+/) as [string, string, string, string];
  return { head, method: METHOD[method] as string, risk: risk === '有', policy: policy === '知', ...(detail ? { detail } : {}) };
}

const textOf = (r: Reply): string => (r.type === 'text' ? r.text : r.type === 'card' ? r.fallback : r.type === 'markdown' ? r.fallback : '');

interface World {
  ids: Map<string, number>;
  names: Map<number, string[]>;
}

/** The worker's answer to the question at `node`, from what they meant (null: no sensible answer). */
function answerFor(node: string, prompt: Reply[], state: Record<string, unknown>, rec: Rec, w: World): Input | null {
  const id = w.ids.get(rec.head) as number;
  const mine = w.names.get(id) ?? [];
  switch (node) {
    case 'name':
      return { type: 'text', text: rec.head };
    case 'sounds': {
      const card = prompt.find((r): r is Extract<Reply, { type: 'card' }> => r.type === 'card');
      const button = card?.card.buttons.find((b) => mine.includes(b.text));
      return button && card ? { type: 'card', taskId: card.card.taskId, eventKey: button.key } : { type: 'text', text: rec.head };
    }
    case 'pick': {
      const lines = prompt.map(textOf).join('\n').split('\n');
      const hit = lines.find((l) => new RegExp(`^\\d+\\. ${rec.head}户`).test(l));
      return hit ? { type: 'text', text: (hit.match(/^\d+/) as RegExpMatchArray)[0] } : null;
    }
    case 'method':
      return { type: 'text', text: Object.entries(METHOD).find(([, v]) => v === rec.method)?.[0] ?? '其他' };
    case 'risk':
      return { type: 'text', text: rec.risk ? `有，${rec.detail ?? '家里有困难'}` : '没有' };
    case 'riskDetail':
      return { type: 'text', text: rec.detail ?? '家里有困难' };
    case 'policy':
      return { type: 'text', text: rec.policy ? '了解' : '不了解' };
    default:
      void state;
      return null;
  }
}

/** Whether the confirmation echo shows every meant household with the meant values, and no other. */
function echoMatches(text: string, recs: Rec[]): boolean {
  const rows = text.split('\n').filter((l) => /户（.*）：/.test(l));
  if (rows.length !== recs.length) return false;
  return recs.every((r) => rows.some((row) => row.startsWith(`${r.head}户`) || (/^\d+\. /.test(row) && row.replace(/^\d+\. /, '').startsWith(`${r.head}户`)) ? rowFits(row, r) : false));
}

function rowFits(row: string, r: Rec): boolean {
  const label = Object.entries(METHOD).find(([, v]) => v === r.method)?.[0] as string;
  return row.includes(`：${label}；`) && row.includes(`近期风险：${r.risk ? '是' : '否'}`) && row.includes(`了解政策：${r.policy ? '是' : '否'}`);
}

type Saved = { householdId: number; answers: { method: string; riskFound: boolean; riskDetails: string | null; knowsPolicy: boolean }; remark: string };

/** What differs between the stored records and the meant ones; empty when they agree. */
function compare(saved: Saved[], recs: Rec[], w: World): string[] {
  const problems: string[] = [];
  // A name of another household in 备注 is a household dropped there; the record's own members may be named.
  const otherNames = (id: number) => [...w.names.entries()].filter(([h]) => h !== id).flatMap(([, n]) => n);
  for (const r of recs) {
    const s = saved.filter((x) => x.householdId === w.ids.get(r.head));
    if (s.length !== 1) {
      problems.push(`${r.head}: ${s.length} records`);
      continue;
    }
    const a = (s[0] as Saved).answers;
    if (a.method !== r.method || a.riskFound !== r.risk || a.knowsPolicy !== r.policy) problems.push(`${r.head}: stored ${JSON.stringify(a)}`);
    if (r.detail && !(a.riskDetails ?? '').includes(r.detail)) problems.push(`${r.head}: detail "${a.riskDetails}" lacks ${r.detail}`);
  }
  for (const s of saved) {
    if (!recs.some((r) => w.ids.get(r.head) === s.householdId)) problems.push(`unexpected household ${s.householdId}`);
    const named = otherNames(s.householdId).filter((n) => s.remark.includes(n));
    if (named.length) problems.push(`备注 holds ${named.join('、')}: "${s.remark}"`);
  }
  return problems;
}

async function runItem(item: CorpusItem, i: number, w: World, env: (actor: Actor, now: number) => Env, perform: (cs: Array<{ kind: string } & Record<string, unknown>>, e: Env) => Promise<void>): Promise<ItemResult> {
  const [id, who, text, expected] = item;
  const { ask, recs } = parseExpected(expected);
  const actor = speaker(who === 'g' ? 'grid' : 'cadre');
  const now = START + i * DAY;
  let conversation: Conversation = { state: null, prompt: null, suspended: null, version: 0 };
  const saved: Saved[] = [];
  let asked: string | null = null;
  let input: Input = { type: 'text', text };
  const result = (verdict: Verdict, firstMessage: boolean, detail?: string): ItemResult => ({ id, role: 'field', text, verdict, firstMessage, ...(detail ? { detail } : {}) });
  for (let turn = 0; turn < 8; turn++) {
    const e = env(actor, now + turn * 60_000);
    const r = await route({ flows, conversation, input, env: e, expiryMinutes: 30 });
    const commands = r.effects.filter((x): x is Extract<Effect, { type: 'command' }> => x.type === 'command').map((x) => x.command);
    if (commands.length) await perform(commands, e);
    saved.push(...(commands.filter((c) => c.kind === 'field.screening.save') as unknown as Saved[]));
    conversation = { ...r.next, version: conversation.version + 1 };
    const replies = r.effects.filter((x): x is Extract<Effect, { type: 'reply' }> => x.type === 'reply').map((x) => x.reply);
    const state = conversation.state;
    if (!state || state.flow !== 'field/general-screening') {
      if (saved.length === 0) return result(turn === 0 ? 'not_understood' : 'wrong', false, replies.map(textOf).join(' / ').slice(0, 120));
      const problems = compare(saved, recs, w);
      if (problems.length) return result('silent_misrecord', false, problems.join('; '));
      return asked ? result('asked', false, `asked ${asked}${ask && ask !== asked ? ` (expected ${ask})` : ''}`) : result('correct', true);
    }
    if (state.node === 'confirm') {
      const echo = replies.map(textOf).join('\n');
      if (!echoMatches(echo, recs)) return result('wrong', false, `echo: ${echo.slice(0, 160)}`);
      input = { type: 'text', text: '是' };
      continue;
    }
    asked ??= state.node;
    const next = answerFor(state.node, conversation.prompt ?? [], state.data, recs[0] as Rec, w);
    if (!next) return result('wrong', false, `no answer for ${state.node}: ${replies.map(textOf).join(' / ').slice(0, 120)}`);
    // With several households the question names which one: answer for that one.
    const named = recs.find((rec) => replies.map(textOf).join('\n').startsWith(`${rec.head}户`) || replies.map(textOf).join('\n').includes(`\n${rec.head}户：`));
    input = named && named !== recs[0] ? (answerFor(state.node, conversation.prompt ?? [], state.data, named, w) as Input) : next;
  }
  return result('wrong', false, 'too many turns');
}

/** Runs every item (or `items`); `engine` picks the scratch database (SQLite by default). */
export async function runFieldCorpus(engine: 'sqlite' | 'mariadb' = 'sqlite', items: readonly CorpusItem[] = FIELD_ITEMS): Promise<ItemResult[]> {
  const scratch = await createScratchDatabase(engine);
  const ds = await openDatabase(scratch.url);
  try {
    const w = await seedCorpusVillage(ds);
    const data = createFlowData(ds);
    const onDb = performOn(() => ds, commandHandlers(fieldCommands));
    const env = (actor: Actor, now: number): Env => ({ now, tz: 'Asia/Shanghai', actor, newId: (p) => `${p}${now}`, data: data(actor) });
    const out: ItemResult[] = [];
    for (const [i, item] of items.entries()) {
      const actor = speaker(item[1] === 'g' ? 'grid' : 'cadre');
      out.push(await runItem(item, i, w, env, (cs, e) => onDb.perform(actor)(cs, e)));
    }
    return out;
  } finally {
    await ds.destroy();
    await scratch.drop();
  }
}
