/**
 * Runs the dialogues of ./dialogs.items.ts as the dispatcher would: the real router and flows,
 * the persistence-backed read port on a scratch database (the corpus village of
 * test/corpus/field.roster.ts), every command performed by the real handlers, the conversation
 * stored as JSON between turns, and the timers the flows and the router set (the expiry, a
 * declaration's reminder and hand-over) fired when a silence passes their due time. Each dialogue
 * speaks on its own day with a fresh conversation; a farmer has their own 微信客服 id.
 *
 * Verdicts, worst first:
 * - silent_misrecord: something stored that the person did not say — another value, a record
 *   after 取消, a risk type the person took back, a household not meant;
 * - stuck: what must be stored is not, and a question still waits after the person has answered
 *   everything they know;
 * - wrong: what must be stored is missing (a field lost, nothing stored), or a reply that must
 *   say something does not;
 * - asked: stored right, but the person had to answer a question they had already answered (or a
 *   question they had not been asked to answer in the script);
 * - right.
 *
 * @example
 *   const results = await runDialogues('sqlite');
 *   results.filter((r) => r.verdict === 'silent_misrecord')
 */
import { METHOD, parseScreening } from '../../corpus/field.corpus.js';
import { route, EXPIRY_TIMER, keepMsOf, type Conversation } from '../../../src/bot/dispatch/router.js';
import { createCommands } from '../../../src/bot/commands/index.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import { PROBLEM_CATEGORY, type RiskType } from '../../../src/domain/catalog.js';
import { addDays, shanghaiDay, type Day } from '../../../src/domain/shanghai-days.js';
import { openDatabase } from '../../../src/persistence/data-source.js';
import { transaction, type Database } from '../../../src/persistence/db.js';
import { declarationsOf } from '../../../src/persistence/farmer.js';
import { FarmerBindingSchema } from '../../../src/persistence/schemas/farmer.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor, Effect, Env, Input, Reply } from '../../../src/flows/types.js';
import { createScratchDatabase, orm } from '../../helpers/db.js';
import { performOn } from '../../helpers/converse.js';
import { seedCorpusVillage, speaker } from '../../corpus/field.roster.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { staffMember } from '../../helpers/people.js';
import { DIALOGUES, type Dialogue } from './dialogs.items.js';

export type DialogueVerdict = 'right' | 'asked' | 'wrong' | 'silent_misrecord' | 'stuck';
export interface DialogueResult {
  id: string;
  role: Dialogue['role'];
  verdict: DialogueVerdict;
  /** Questions the person answered beyond the script's answers (a confirmation and a check of a name typed wrong not counted). */
  extra: number;
  problems: string[];
  transcript: string[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 2022-04-01 09:00 Asia/Shanghai; dialogue i speaks on day i. */
export const START = Date.UTC(2022, 3, 1, 1, 0, 0);

const VILLAGES = { LSJ: '610821101201', MJG: '610821101202', SM: '610821101203' } as const;
const VILLAGE_WORDS = { LSJ: '高家堡镇凉水井村', MJG: '高家堡镇马家沟村', SM: '高家堡镇石门村' } as const;
const CODE: Record<string, RiskType> = {
  I: 'illness', D: 'disability', S: 'schooling', N: 'natural_disaster', A: 'accident', F: 'industry_failure',
  E: 'unstable_employment', L: 'lack_of_labour', H: 'housing_safety', W: 'drinking_water', O: 'other',
};
// The summary or echo to confirm, and a name typed wrong checked back, are questions that must be asked.
const CONFIRM_NODES = new Set(['confirm', 'sounds']);

export const readable = (r: Reply): string => {
  switch (r.type) {
    case 'text':
      return r.text;
    case 'menu':
      return [r.head, ...r.items.map((i, n) => `${n + 1}. ${i.label}`), ...(r.tail ? [r.tail] : [])].join('\n');
    case 'card':
      return `${r.fallback} [${r.card.buttons.map((b) => b.text).join('|')}]`;
    case 'markdown':
      return r.fallback;
    default:
      return `[${r.type}]`;
  }
};


/** What the person answers at `node`, from `knows` or what the expectation implies (null: nothing to say). */
function knownAnswer(d: Dialogue, node: string, lastReply: string, prompt: Reply[]): Input | null {
  const say = (text: string): Input => ({ type: 'text', text });
  const known = d.knows?.[node];
  if (d.role === 'farmer') {
    if (known) return say(known);
    const decl = d.declared;
    const bound = d.bound;
    switch (node) {
      case 'story':
        return say('家里有人生病住院了');
      case 'name':
        return say(decl?.name ?? bound?.name ?? '');
      case 'id':
        if (decl) return say(decl.id ?? (decl.tail ? `后四位${decl.tail}` : '没有'));
        return bound ? say(bound.id ?? `后四位${bound.tail}`) : null;
      case 'phone':
        return say(decl?.phone ?? '没有');
      case 'village':
        return say(VILLAGE_WORDS[decl?.village ?? 'LSJ']);
      case 'confirm':
        return say('对');
      case 'fix':
        return say('不用改，提交');
      default:
        return null;
    }
  }
  const recs = (d.screenings ?? []).map(parseScreening);
  // With several households the question names which one.
  const rec = recs.find((r) => lastReply.startsWith(`${r.head}户`) || lastReply.includes(`\n${r.head}户：`)) ?? recs[0];
  if (known) return say(known);
  switch (node) {
    case 'confirm':
      return say('是');
    case 'name':
    case 'pick':
      return rec ? say(rec.head) : null;
    case 'sounds': {
      const card = prompt.find((r): r is Extract<Reply, { type: 'card' }> => r.type === 'card');
      const button = card?.card.buttons.find((b) => b.text.startsWith(rec?.head ?? '\u0000'));
      return button && card ? { type: 'card', taskId: card.card.taskId, eventKey: button.key } : rec ? say(rec.head) : null;
    }
    case 'method':
      return rec ? say(Object.entries(METHOD).find(([, v]) => v === rec.method)?.[0] ?? '其他') : null;
    case 'risk':
      return rec ? say(rec.risk ? `有，${rec.detail ?? '家里有困难'}` : '没有') : null;
    case 'riskDetail':
      return rec ? say(rec.detail ?? '家里有困难') : null;
    case 'policy':
      return rec ? say(rec.policy ? '了解' : '不了解') : null;
    case 'people':
      return d.activity?.people !== undefined ? say(`${d.activity.people}人`) : null;
    case 'village':
      return say('凉水井村');
    case 'category':
      return d.problem ? say(String(PROBLEM_CATEGORY.codes.indexOf(d.problem.category as never) + 1)) : null;
    case 'what':
      return d.problem ? say(d.problem.what) : null;
    case 'household':
      return d.problem ? say(d.problem.household ?? '无') : null;
    case 'measure':
      return say('入户核实');
    case 'deadline':
      return say('默认');
    default:
      return null;
  }
}

interface Turn {
  delay: number;
  node: string | null;
  aside: boolean;
  input: Input;
  expect: RegExp | null;
  raw: string;
}

function parseTurn(raw: string): Turn {
  let s = raw;
  let delay = MINUTE;
  const gap = /^\+(\d+)([dhm]) /.exec(s);
  if (gap) {
    delay = Number(gap[1]) * (gap[2] === 'd' ? DAY : gap[2] === 'h' ? HOUR : MINUTE);
    s = s.slice(gap[0].length);
  }
  let expect: RegExp | null = null;
  const want = / => \/(.+)\/$/.exec(s);
  if (want) {
    // `.` spans the lines of a reply.
    expect = new RegExp(want[1] as string, 's');
    s = s.slice(0, want.index);
  }
  const tagged = /^(\w+)> /.exec(s);
  const node = tagged ? (tagged[1] as string) : null;
  if (tagged) s = s.slice(tagged[0].length);
  const aside = s.startsWith('~');
  if (aside) s = s.slice(1);
  let input: Input;
  if (s === '@enter') input = { type: 'event', event: 'enter_session', scene: VILLAGES.LSJ };
  else if (s === '@image') input = { type: 'file', msgType: 'image', mediaId: 'media-image' };
  else if (s === '@voice') input = { type: 'file', msgType: 'voice', mediaId: 'media-voice' };
  else input = { type: 'text', text: s };
  return { delay, node, aside, input, expect, raw };
}

/** A reply that did not understand the words it echoes. */
const NOT_UNDERSTOOD = /没太明白“|没有找到“[^”]*”这个地方/;

/** The town official of the corpus town (高家堡镇) who asks the official dialogues' questions. */
const OFFICIAL = staffMember('zj01', '赵磊', 'town_official', 'town', '610821101');
/** The city bureau's official (神木市) who asks the dialogues marked `city`. */
const CITY_OFFICIAL = staffMember('sj01', '李娜', 'city_bureau', 'city', '610821');

function actorOf(d: Dialogue): Actor {
  if (d.role === 'farmer') return { sender: { channel: 'kf', id: `wmDialog${d.id}`, openKfId: 'wkVillage' }, staff: null };
  if (d.role === 'official') {
    const o = d.city ? CITY_OFFICIAL : OFFICIAL;
    return { sender: { channel: 'app', id: o.userId }, staff: { userId: o.userId, name: o.name, role: o.role, jurisdiction: o.jurisdiction } };
  }
  return speaker(d.role === 'grid' ? 'grid' : 'cadre');
}

interface Timer {
  key: string;
  dueAt: number;
  payload: unknown;
}

type Command = { kind: string } & Record<string, unknown>;

/** Holds one dialogue as the dispatcher would; returns what was performed and said. */
async function hold(d: Dialogue, start: number, ds: Database, perform: (actor: Actor) => (cs: Command[], e: Env) => Promise<void>) {
  const actor = actorOf(d);
  const data = createFlowData(ds)(actor);
  let conversation: Conversation = { state: null, prompt: null, suspended: null, version: 0 };
  const timers = new Map<string, Timer>();
  const commands: Command[] = [];
  const transcript: string[] = [];
  const problems: string[] = [];
  let now = start;
  let ids = 0;
  let extra = 0;
  let lastReply = '';

  const deliver = async (input: Input, at: number): Promise<string> => {
    const env: Env = { now: at, tz: 'Asia/Shanghai', actor, newId: (p) => `${p}${d.id}${++ids}`, data };
    const r = await route({ flows, conversation, input, env, expiryMinutes: 30 });
    const cs = r.effects.filter((e): e is Extract<Effect, { type: 'command' }> => e.type === 'command').map((e) => e.command as Command);
    if (cs.length) await perform(actor)(cs, env);
    commands.push(...cs.map((c) => ({ ...c, performedAt: at })));
    for (const e of r.effects) {
      if (e.type === 'timer') timers.set(e.key, { key: e.key, dueAt: e.dueAt, payload: e.payload });
      else if (e.type === 'cancelTimer') timers.delete(e.key);
    }
    const version = r.changed ? conversation.version + 1 : conversation.version;
    conversation = JSON.parse(JSON.stringify({ ...r.next, version })) as Conversation;
    if (r.touched || r.changed) {
      if (conversation.state || conversation.suspended) timers.set(EXPIRY_TIMER, { key: EXPIRY_TIMER, dueAt: at + keepMsOf(flows, [conversation.state, conversation.suspended?.state], 30 * MINUTE), payload: { version } });
      else timers.delete(EXPIRY_TIMER);
    }
    const said = r.effects.flatMap((e) => (e.type === 'reply' ? [readable(e.reply)] : []));
    const sent = r.effects.flatMap((e) => (e.type === 'send' ? [`→${e.to.id}: ${readable(e.reply)}`] : []));
    const shown = input.type === 'text' ? input.text : input.type === 'timeout' ? `(timer ${input.key})` : `(${input.type}${'msgType' in input ? ` ${input.msgType}` : ''})`;
    transcript.push(`> ${shown}`, ...said.map((s) => `< ${s}`), ...sent.map((s) => `  ${s.slice(0, 80)}`), ...cs.map((c) => `  [${c.kind}]`));
    lastReply = said.join('\n');
    return lastReply;
  };

  /** Fires the timers due by `until`, in order, as the sweeper would. */
  const fireDue = async (until: number) => {
    for (;;) {
      const due = [...timers.values()].filter((t) => t.dueAt <= until).sort((a, b) => a.dueAt - b.dueAt)[0];
      if (!due) return;
      timers.delete(due.key);
      await deliver({ type: 'timeout', key: due.key, payload: due.payload }, due.dueAt);
    }
  };

  const waitingNode = () => conversation.state?.node ?? null;

  /** The person answers a question they know the answer to; true when they could. */
  const answerKnown = async (counts: boolean): Promise<boolean> => {
    const node = waitingNode();
    if (!node) return false;
    const input = knownAnswer(d, node, lastReply, conversation.prompt ?? []);
    if (!input) return false;
    if (counts && !CONFIRM_NODES.has(node)) extra += 1;
    now += MINUTE;
    await fireDue(now);
    await deliver(input, now);
    return true;
  };

  for (const raw of d.turns) {
    const t = parseTurn(raw);
    // Answering a question the bot asks first (one it should not need to ask again).
    for (let i = 0; t.node && i < 3; i++) {
      const node = waitingNode();
      if (!node || node === t.node) break;
      if (!(await answerKnown(true))) break;
    }
    now += t.delay;
    await fireDue(now);
    const reply = await deliver(t.input, now);
    if (t.expect && !t.expect.test(reply)) problems.push(`W reply to “${raw}” lacks ${t.expect}`);
    // The person's own words echoed back do not satisfy an expectation: a reply that did not
    // understand them, or took them for a place that does not exist, fails it.
    else if (t.expect && NOT_UNDERSTOOD.test(reply)) problems.push(`W reply to “${raw}” did not understand it`);
  }
  for (let i = 0; i < 6 && conversation.state; i++) if (!(await answerKnown(true))) break;
  return { commands, transcript, problems, extra, waiting: conversation.state ? `${conversation.state.flow}:${conversation.state.node}` : null };
}

function dayOf(spec: string | undefined, today: Day): Day {
  if (!spec || spec === 'today') return today;
  if (/^[+-]\d+$/.test(spec)) return addDays(today, Number(spec));
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  if (spec === 'lastFri') return addDays(today, -weekday - 2);
  const lastWeek = /^lastWeek([1-7])$/.exec(spec);
  if (lastWeek) return addDays(today, -weekday - 7 + Number(lastWeek[1]));
  const dom = /^d(\d{1,2})$/.exec(spec);
  if (dom) {
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const n = Number(dom[1]);
    const [yy, mm] = n <= d ? [y, m] : m === 1 ? [y - 1, 12] : [y, m - 1];
    return `${yy}-${String(mm).padStart(2, '0')}-${String(n).padStart(2, '0')}` as Day;
  }
  return spec as Day;
}

async function judge(d: Dialogue, held: Awaited<ReturnType<typeof hold>>, start: number, ds: Database, w: { ids: Map<string, number> }): Promise<string[]> {
  // S silent misrecord, W wrong (missing), R reply.
  const out = [...held.problems];
  const head = (id: unknown) => [...w.ids.entries()].find(([, v]) => v === id)?.[0] ?? `#${String(id)}`;
  if (d.role === 'farmer') {
    const externalId = `wmDialog${d.id}`;
    if (d.declared !== undefined) {
      const rows = await transaction(ds, (tx) => declarationsOf(tx, externalId));
      const e = d.declared;
      if (!e) {
        if (rows.length) out.push(`S declaration stored (${rows[0]!.declarantName}) after the farmer left`);
      } else if (rows.length === 0) out.push('W no declaration stored');
      else {
        const r = rows[0]!;
        if (rows.length > 1) out.push(`S ${rows.length} declarations`);
        if (r.declarantName !== e.name) out.push(`S name “${r.declarantName}” ≠ “${e.name}”`);
        if (e.id) {
          if (r.idNumber === e.id) void 0;
          else if (r.idNumber) out.push(`S ID ${r.idNumber} ≠ ${e.id}`);
          else out.push(`W ID lost (tail ${r.idTail ?? '-'})`);
        }
        if (e.tail && r.idTail !== e.tail) out.push(`${r.idTail ? 'S' : 'W'} ID tail ${r.idTail ?? '-'} ≠ ${e.tail}`);
        if (e.noId && (r.idNumber || r.idTail)) out.push(`S ID ${r.idNumber ?? r.idTail} stored though the farmer had none`);
        if (e.phone === null && r.phone) out.push(`S phone ${r.phone} stored though none was given`);
        if (e.phone && r.phone !== e.phone) out.push(`${r.phone ? 'S' : 'W'} phone ${r.phone ?? '-'} ≠ ${e.phone}`);
        const village = VILLAGES[e.village ?? 'LSJ'];
        if (r.villageCode !== village) out.push(`S village ${r.villageCode} ≠ ${village}`);
        const risks = (r.risks as Array<{ riskType: RiskType }>).map((x) => x.riskType);
        for (const group of e.risks.split('+')) if (!group.split('|').some((c) => risks.includes(CODE[c] as RiskType))) out.push(`W risk ${group} not recorded (${risks.join(',')})`);
        for (const c of (e.notRisks ?? '').split('+').filter(Boolean)) if (risks.includes(CODE[c] as RiskType)) out.push(`S risk ${c} recorded though taken back`);
      }
    }
    if (d.bound !== undefined) {
      const rows = await transaction(ds, (tx) => orm(tx).getRepository(FarmerBindingSchema).find({ where: { externalUserId: externalId }, order: { id: 'DESC' } }));
      const e = d.bound;
      if (!e) {
        if (rows.length) out.push('S binding stored after the farmer left');
      } else if (rows.length === 0) out.push('W no binding request stored');
      else {
        const r = rows[0]!;
        if (r.name !== e.name) out.push(`S binding name “${r.name}” ≠ “${e.name}”`);
        if (e.id && r.idNumber !== e.id) out.push(`${r.idNumber ? 'S' : 'W'} binding ID ${r.idNumber ?? '-'} ≠ ${e.id}`);
        if (e.tail && r.idTail !== e.tail) out.push(`S binding tail ${r.idTail} ≠ ${e.tail}`);
      }
    }
    return out;
  }
  if (d.screenings) {
    const saved = new Map<number, Record<string, unknown>>();
    for (const c of held.commands) if (c.kind === 'field.screening.save') saved.set(c.householdId as number, c);
    const days = new Map<string, string>();
    const recs = d.screenings.map((line) => {
      const at = / @(\S+)$/.exec(line);
      const rec = parseScreening(at ? line.slice(0, at.index) : line);
      if (at) days.set(rec.head, at[1] as string);
      return rec;
    });
    const today = shanghaiDay(start);
    for (const rec of recs) {
      const s = saved.get(w.ids.get(rec.head) as number);
      if (!s) {
        out.push(`W ${rec.head}: no record`);
        continue;
      }
      const a = s.answers as { method: string; riskFound: boolean; riskDetails: string | null; knowsPolicy: boolean };
      if (a.method !== rec.method || a.riskFound !== rec.risk || a.knowsPolicy !== rec.policy) out.push(`S ${rec.head}: stored ${a.method}/${a.riskFound ? '有' : '无'}/${a.knowsPolicy ? '知' : '不知'}`);
      if (rec.detail && !(a.riskDetails ?? '').includes(rec.detail)) out.push(`W ${rec.head}: detail “${a.riskDetails ?? ''}” lacks ${rec.detail}`);
      // The record's day: the one the command carries, else the day it was saved on.
      const spec = days.get(rec.head);
      const stored = (s.day as string | undefined) ?? shanghaiDay(s.performedAt as number);
      if (spec && stored !== dayOf(spec, today)) out.push(`S ${rec.head}: stored on ${stored}, said ${dayOf(spec, today)}`);
    }
    for (const id of saved.keys()) if (!recs.some((r) => w.ids.get(r.head) === id)) out.push(`S unexpected record of ${head(id)}`);
  }
  if (d.activity !== undefined) {
    const acts = held.commands.filter((c) => c.kind === 'field.activity.record');
    const e = d.activity;
    const last = acts.at(-1);
    if (!e) {
      if (last) out.push(`S activity recorded after the cadre left: ${JSON.stringify(last)}`);
    } else if (!last) out.push('W no activity recorded');
    else {
      const today = shanghaiDay(start);
      if (last.activity !== e.kind) out.push(`S activity ${String(last.activity)} ≠ ${e.kind}`);
      if (e.people !== undefined && last.people !== e.people) out.push(`S people ${String(last.people)} ≠ ${e.people}`);
      const day = dayOf(e.day, today);
      if (last.day !== day) out.push(`S day ${String(last.day)} ≠ ${day}`);
    }
  }
  if (d.problem !== undefined) {
    const opened = held.commands.filter((c) => c.kind === 'field.problem.open');
    const e = d.problem;
    if (!e) {
      if (opened.length) out.push('S problem opened after the cadre left');
    } else if (opened.length === 0) out.push('W no problem opened');
    else {
      const p = opened.at(-1)!;
      if (p.category !== e.category) out.push(`S category ${String(p.category)} ≠ ${e.category}`);
      const hid = e.household ? w.ids.get(e.household) : null;
      if ((p.householdId ?? null) !== (hid ?? null)) out.push(`S household ${head(p.householdId)} ≠ ${e.household ?? '-'}`);
      if (!String(p.description).includes(e.what)) out.push(`W description “${String(p.description)}” lacks ${e.what}`);
    }
  }
  return out;
}

function verdictOf(problems: string[], extra: number, waiting: string | null): DialogueVerdict {
  if (problems.some((p) => p.startsWith('S '))) return 'silent_misrecord';
  if (problems.length && waiting) return 'stuck';
  if (problems.length) return 'wrong';
  return extra > 0 ? 'asked' : 'right';
}

/** Holds every dialogue (or `only`) on a scratch database of `engine`. */
export async function runDialogues(engine: 'sqlite' | 'mariadb' = 'sqlite', only: readonly Dialogue[] = DIALOGUES): Promise<DialogueResult[]> {
  const scratch = await createScratchDatabase(engine);
  const ds = await openDatabase(scratch.url);
  try {
    const w = await seedCorpusVillage(ds);
    await transaction(ds, (tx) => saveStaff(tx, [OFFICIAL, CITY_OFFICIAL], { actor: 'import', at: START, reason: '测试数据' }));
    const onDb = performOn(() => ds, createCommands());
    const out: DialogueResult[] = [];
    for (const d of only) {
      const start = START + DIALOGUES.indexOf(d) * DAY;
      const held = await hold(d, start, ds, onDb.perform);
      const problems = await judge(d, held, start, ds, w);
      if (held.waiting && !problems.length) problems.push(`left waiting at ${held.waiting}`);
      out.push({ id: d.id, role: d.role, verdict: verdictOf(problems, held.extra, held.waiting), extra: held.extra, problems, transcript: held.transcript });
    }
    return out;
  } finally {
    await ds.destroy();
    await scratch.drop();
  }
}

/** Counts of each verdict, by role and in all. */
export function tally(results: readonly DialogueResult[]): Record<string, Record<DialogueVerdict, number>> {
  const zero = (): Record<DialogueVerdict, number> => ({ right: 0, asked: 0, wrong: 0, silent_misrecord: 0, stuck: 0 });
  const out: Record<string, Record<DialogueVerdict, number>> = { all: zero() };
  for (const r of results) {
    out[r.role] ??= zero();
    out[r.role]![r.verdict] += 1;
    out.all![r.verdict] += 1;
  }
  return out;
}
