/**
 * 部署培训登记: a village cadre, the screening team or a town official reports the campaign's
 * 动员部署 ("已部署", "部署 凉水井村 4月28日", "部署 全镇") and 培训 ("培训 12人", "培训 凉水井村 5月3日
 * 15人") — the two cells of 附件1 that no other record gives (是否专门安排部署, 培训人数). A
 * deployment recorded by mistake is withdrawn with "部署 撤回 凉水井村"; 培训人数 is a running total,
 * so sending it again corrects it. The village is implicit for village staff; the day defaults to
 * today. Everything is echoed with what was recorded before.
 *
 * While it waits, the whole command said again ("培训了十二个人" while the village or the count is
 * asked) starts it over with what that message says, instead of being read as the answer; an
 * answer that does not fit (a count where a village is asked, a question where a number is
 * asked) is not stored: the question says what it expects, with an example. The first question
 * says how to leave.
 *
 * State (v1): node ∈ village | day | people | confirm; data = { kind, voids, all, day, dayOf?, people?, villages?, correcting? }.
 *
 * @example
 *   // 培训 → 是哪个村？ → 凉水井村 → 培训了多少人？ → 十二人
 *   // → command { kind: 'field.activity.record', activity: 'training', villageCodes: ['…'], day: '2022-05-03', people: 12 }
 */
import { activityFaultText, checkActivity, type ActivityKind } from '../../domain/campaign-activity.js';
import { shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import type { ConversationState, Effect, Env, Flow, Input, StepResult } from '../types.js';
import { CORRECTION_LEAD_SOURCE } from '../understand/corrections.js';
import { findQuantities, normalize, parseCount, parseDay, parseYesNo } from '../understand/index.js';
import { choiceOf, commandOf, dayLabel, done, echo, guard, numbered, say, TEXT_PLEASE, waiting } from './common.js';
import type { FieldVillage } from './data.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '部署培训登记';
const ROLES = FIELD_ROLES.activity;
const LIST_MAX = 20;
const PEOPLE_UNITS = ['人次', '名', '人', '位'];

type Node = 'village' | 'day' | 'people' | 'confirm';
type Kind = 'deployment' | 'training';

interface Data {
  kind: Kind;
  /** 撤回: withdraw a deployment recorded by mistake. */
  voids: boolean;
  /** 全镇 / 全部: every village of the area (deployments only). */
  all: boolean;
  day: Day;
  /** “月初”, “上个月”, “上个月底”: the day was said only as a part of a month; it is asked before anything is recorded. */
  dayOf?: string;
  people?: number;
  villages?: FieldVillage[];
  /** “不对 是18个” after a count: the new count is confirmed before it replaces the village's. */
  correcting?: boolean;
}

/**
 * “不对 是18个”, “刚才说错了，应该是18人”, “人数改成18”: a count corrected in a message of its own —
 * the village's 培训人数, confirmed before it is recorded.
 */
const COUNT_CORRECTED = new RegExp(`^(?:${CORRECTION_LEAD_SOURCE}|(?:培训)?人数(?:应该是|改成|改为|是))\\s*([0-9零〇一二两三四五六七八九十百]+)\\s*(?:个人|个|人|名|位)?[。.!！]?$`);

function countCorrected(input: Input, env: Env): number | null {
  if (input.type !== 'text' || input.menuId || env.actor.sender.channel !== 'app' || !env.actor.staff || !(ROLES as readonly string[]).includes(env.actor.staff.role)) return null;
  const m = COUNT_CORRECTED.exec(normalize(input.text).trim());
  return m ? peopleIn(`${m[1]}人`) : null;
}

/**
 * A part of a month or a month alone, no day: “月初”, “这个月初”, “上个月”, “上个月底”, “月中”, “上旬”.
 * The day is asked, never taken as today (docs/GLOSSARY.md, 只说到月份的日子).
 */
const MONTH_PART = /(?:上上个?|上个?|本|这个?|当)?月(?:初|底|末|中|上旬|中旬|下旬)|(?:上上个?|上个?|本|这个?)月|上旬|中旬|下旬/;
const MONTH_PART_ALL = new RegExp(MONTH_PART.source, 'g');

/** The month “上个月…” points at (1 = last month), else this month. */
const monthsBack = (words: string) => (words.startsWith('上上') ? 2 : words.startsWith('上') ? 1 : 0);

/** An example day inside the part of the month said, for the question (“5月1日” for 月初, “4月30日” for 上个月底). */
function exampleDay(words: string, today: Day): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 - monthsBack(words), 1));
  const month = first.getUTCMonth() + 1;
  const last = new Date(Date.UTC(first.getUTCFullYear(), month, 0)).getUTCDate();
  const d = /底|末|下旬/.test(words) ? last : /中/.test(words) ? 15 : 1;
  return `${month}月${d}日`;
}

const VOID = /撤回|作废|撤销|登记错了|记错了|未部署|没有部署|没部署/;
const ALL = /全镇|全街道?|全部|所有村|各村|全乡|全市/;
const DAY_WORDS = /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?|\d{1,2}[-/.月]\d{1,2}[日号]?|[零〇一二两三四五六七八九十]{1,3}月[零〇一二两三四五六七八九十廿卅]{1,3}[日号]?|(?:大?前|昨|今|当)[天日]|(?:上|本|这)?(?:周|星期|礼拜)[一二三四五六日天1-7]/g;
const NOISE = /撤回|作废|撤销|登记错了|记错了|未部署|没有部署|没部署|全镇|全街道?|全部|所有村|各村|全乡|全市|共计|共|累计|合计|总共|一共|已经|已|了|工作|业务|人员|干部|开展|召开|会议|人次|[0-9零〇一二两三四五六七八九十百]+\s*(?:名|人|位)|在|于|是|的/g;

/** The place the text names, once days, counts and command words are taken out ("凉水井村", "凉水井"). */
function placeWords(rest: string): string {
  return normalize(rest).replace(/个(人|$)/g, '人').replace(DAY_WORDS, ' ').replace(/(?:上个?月|本月|这个?月)?[0-9零〇一二两三四五六七八九十廿卅]{1,3}[日号]/g, ' ').replace(MONTH_PART_ALL, ' ').replace(NOISE, ' ').replace(/[\s,，、:：。.]+/g, ' ').trim().split(' ')[0] ?? '';
}

/** "培训了15人", "部署全镇": a number, 全… or 撤回 may follow the command word directly. */
// A count, 全(镇), 撤回, or the day it was held (“昨天培训了12人” reaches here as “12人 昨天”, “上礼拜三开了部署会” as “上礼拜三”).
// “培训已完成 20人”, “部署已完成”: the command word, then that it is done.
const DONE_FIRST = /^(?:已经?|都|也)?(?:完成|搞完|做完|弄完|结束|开完|搞好|做好)了?(?:[\s,，。]+|$)/;
const LOOSE = (rest: string) => {
  const done = DONE_FIRST.exec(rest);
  const after = done ? rest.slice(done[0].length) : rest;
  return (done !== null && after === '') || /^(?:[0-9零〇一二两三四五六七八九十]|全|撤回|大前天|昨天|前天|上个?(?:周|星期|礼拜)[一二三四五六日天])/.test(after) || MONTH_PART.test(after);
};

/** A day said first (“三月十五号已部署”, “3.15培训了20个人”, “5月3日 培训 12人”, “前天培训了 来了二十三个”). */
const LEADING_DAY = /^(?:(?:\d{4}|\d{2})[-/.年])?\d{1,2}[-/.月]\d{1,2}[日号]?(?!\d)|^[零〇一二两三四五六七八九十]{1,3}月[零〇一二两三四五六七八九十廿卅]{1,3}[日号]?|^(?:大前天|前天|昨天|今天)(?![\u4e00-\u9fa5]{0,2}(?:要|准备|打算))/;

function commandKind(input: Input, env: Env): { kind: Kind; rest: string; dayWords?: string } | null {
  // The day said before the command word is the day of the activity, not lost with the words before it.
  const t = input.type === 'text' && !input.menuId ? normalize(input.text).trim() : '';
  const first = LEADING_DAY.exec(t);
  if (first) {
    const after = commandKindOf({ type: 'text', text: t.slice(first[0].length).replace(/^[\s,，:：]+/, '') }, env);
    if (after) return { ...after, dayWords: first[0] };
  }
  return commandKindOf(input, env);
}

function commandKindOf(input: Input, env: Env): { kind: Kind; rest: string } | null {
  const d = commandOf(input, env, ['deployment'], LOOSE);
  if (d) return { kind: 'deployment', rest: d.rest };
  const t = commandOf(input, env, ['training'], LOOSE);
  return t ? { kind: 'training', rest: t.rest } : null;
}

function villageQuestion(data: Data): string {
  const what = data.kind === 'training' ? '培训' : data.voids ? '撤回部署登记' : '部署';
  const all = data.kind === 'deployment' && !data.voids ? '；全部村都已部署请回复“全部”' : '';
  return data.villages?.length ? `登记哪个村的${what}？请回复序号或村名${all}：\n${numbered(data.villages.map((v) => v.name))}` : `登记哪个村的${what}？请回复村名${all}。`;
}

function dayQuestion(data: Data, env: Env): string {
  const what = data.kind === 'training' ? '培训' : '部署';
  return `“${data.dayOf ?? ''}”是哪一天${what}的？请回复具体日期（如“${exampleDay(data.dayOf ?? '', shanghaiDay(env.now))}”），登记按这一天计。`;
}

/** The day answered to the day question; a bare day number (“3号”, “3”) is in the month that was said. */
function dayAnswered(t: string, data: Data, today: Day): Day | null {
  const bare = /^([0-9零〇一二两三四五六七八九十廿卅]{1,3})[日号]?$/.exec(t.replace(/[\s。.!！]+/g, ''));
  const back = monthsBack(data.dayOf ?? '');
  if (bare) return parseDay(`${back === 2 ? '上上个月' : back === 1 ? '上个月' : '本月'}${bare[1] as string}号`, today) as Day | null;
  return parseDay(t, today) as Day | null;
}

/** Said with the first question of the conversation only. */
const LEAVE = '（回复“取消”可退出）';

function ask(node: Node, data: Data, env: Env, note?: string, first = false): StepResult {
  const q = node === 'village' ? villageQuestion(data) : node === 'day' ? dayQuestion(data, env) : `截至${dayLabel(data.day)}，共培训了多少人？请回复人数（如“12人”）。`;
  const lines = [...(note ? [note] : []), q, ...(first ? [LEAVE] : [])];
  return waiting(activityFlow, node, data, env, [say(lines.join('\n'))]);
}

async function proceed(data: Data, env: Env, note?: string, first = false): Promise<StepResult> {
  if (data.all && data.kind === 'deployment' && !data.voids) {
    data = { ...data, villages: await env.data.fieldVillages() };
  } else if (data.villages?.length !== 1) {
    if (data.villages && data.villages.length > 1) return ask('village', { ...data, all: false }, env, note, first);
    const mine = await env.data.fieldVillages();
    if (mine.length > 1) return ask('village', { ...data, all: false, villages: mine.length <= LIST_MAX ? mine : [] }, env, note, first);
    data = { ...data, all: false, villages: mine };
  }
  if (!data.villages?.length) return done(say('您的辖区内没有村，无法登记部署或培训。请联系管理员核对人员名单。'));
  if (data.dayOf) return ask('day', data, env, note, first);
  if (data.kind === 'training' && data.people === undefined) return ask('people', data, env, note, first);
  if (data.correcting) return confirmCount(data, env, first);
  return finish(data, env);
}

/** “要把凉水井村的培训人数从15人改为18人吗？”: a correction said on its own is confirmed first. */
async function confirmCount(data: Data, env: Env, first: boolean, note?: string): Promise<StepResult> {
  const [v] = data.villages ?? [];
  const trained = v ? (await env.data.villageActivities([v.code], shanghaiDay(env.now))).get(v.code)?.trained : null;
  const next: Data = { ...data, ...(trained ? { day: trained.day } : {}) };
  const q = trained
    ? `要把${v?.name ?? ''}的培训人数从${trained.people}人改为${data.people}人吗（截至${dayLabel(trained.day)}）？请回复“是”或“否”。`
    : `要登记${v?.name ?? ''}培训人数${data.people}人（截至${dayLabel(data.day)}）吗？请回复“是”或“否”。`;
  return waiting(activityFlow, 'confirm', next, env, [say([...(note ? [note] : []), q, ...(first ? [LEAVE] : [])].join('\n'))]);
}

const verb = (kind: ActivityKind) => (kind === 'training' ? '培训' : kind === 'deployment' ? '动员部署' : '撤回部署登记');

async function finish(data: Data, env: Env): Promise<StepResult> {
  const kind: ActivityKind = data.kind === 'training' ? 'training' : data.voids ? 'deployment_void' : 'deployment';
  const today = shanghaiDay(env.now);
  const checked = checkActivity({ kind, day: data.day, people: data.people ?? null }, today);
  if (!checked.ok) {
    if (checked.fault.code === 'ACTIVITY.FUTURE_DAY') return done(say(`${dayLabel(data.day)}还没到，只能登记已经开展的${verb(kind)}。请改正日期后重新发送。`));
    return ask('people', { ...data, people: undefined }, env, activityFaultText(checked.fault));
  }
  const villages = data.villages ?? [];
  const standing = await env.data.villageActivities(villages.map((v) => v.code), today);
  const known = villages.flatMap((v) => {
    const now = standing.get(v.code);
    return now ? [{ v, now }] : [];
  });
  if (kind === 'training') {
    const [one] = known;
    if (!one) return done(say('没有找到这个村，或不在您的辖区内。'));
    const before = one.now.trained ? `原登记为${one.now.trained.people}人（${dayLabel(one.now.trained.day)}）。` : '';
    return record(kind, [one.v], data, [
      `已登记：${one.v.name}培训人数${data.people}人（截至${dayLabel(data.day)}）。${before}`,
      '附件1“培训人数”按各村最新登记计；人数有误，再发一次“培训 N人”即可更正。',
    ]);
  }
  if (kind === 'deployment_void') {
    const withdrawn = known.filter((s) => s.now.deployedOn !== null);
    if (withdrawn.length === 0) return done(say(`${villages.map((v) => v.name).join('、')}没有动员部署登记，无需撤回。`));
    return record(kind, withdrawn.map((s) => s.v), data, [`已撤回${withdrawn.map((s) => `${s.v.name}（原登记${dayLabel(s.now.deployedOn as Day)}部署）`).join('、')}的动员部署登记。`, '附件1“是否专门安排部署”将显示“否”，部署后请重新登记。']);
  }
  const fresh = known.filter((s) => s.now.deployedOn === null);
  const earlier = known.filter((s) => s.now.deployedOn !== null);
  const already = earlier.length ? `${earlier.length === 1 ? earlier[0]!.v.name : `另有${earlier.length}个村`}已于${earlier.length === 1 ? dayLabel(earlier[0]!.now.deployedOn as Day) : '此前'}登记过部署${fresh.length ? '，未重复登记' : '，无需重复登记'}。` : '';
  if (fresh.length === 0) return done(say(`${already}日期有误请先发送“部署 撤回${villages.length === 1 ? ` ${villages[0]!.name}` : ''}”，再重新登记。`));
  const names = fresh.length <= 5 ? fresh.map((s) => s.v.name).join('、') : `${fresh.slice(0, 5).map((s) => s.v.name).join('、')}等${fresh.length}个村`;
  return record(kind, fresh.map((s) => s.v), data, [`已登记：${names}于${dayLabel(data.day)}专门安排部署集中排查工作。${already}`, '附件1“是否专门安排部署”将显示“是”；登记有误请发送“部署 撤回 村名”。']);
}

function record(kind: ActivityKind, villages: FieldVillage[], data: Data, lines: string[]): StepResult {
  const command: Effect = { type: 'command', command: { kind: 'field.activity.record', activity: kind, villageCodes: villages.map((v) => v.code), day: data.day, people: kind === 'training' ? (data.people ?? null) : null } };
  return done(command, say(lines.join('\n')));
}

/**
 * Every count of people said (“来了十二个 走了两个” → 12, 2; “一场十个 一场八个” → 10, 8). Of several, none
 * is chosen or added up: the flow asks — unless the later one corrects the earlier
 * (“十五个人 不对 是十三个”), which is then the count.
 */
function countsSaid(text: string): { counts: number[]; corrected: boolean } {
  const t = normalize(text).replace(/个(?=人|$|[\s,，。;；!！])/g, '人');
  const counts = findQuantities(t)
    .filter((q) => Number.isInteger(q.quantity.value) && PEOPLE_UNITS.some((u) => t.startsWith(u, q.end)))
    .map((q) => q.quantity.value);
  return { counts, corrected: new RegExp(CORRECTION_LEAD_SOURCE).test(t) };
}

function trainedCount(rest: string, input: Input): number | null {
  const { counts, corrected } = countsSaid(rest);
  if (new Set(counts).size > 1) return corrected ? (counts.at(-1) as number) : null;
  return peopleIn(rest) ?? cameAtEnd(input);
}

/** “…来了十六个”, “参加了20”: who came, said last — the count is the training's even without 人. */
function cameAtEnd(input: Input): number | null {
  const m = input.type === 'text' ? /(?:来了|到了|参加了?|参训了?)\s*([0-9零〇一二两三四五六七八九十百]+)\s*(?:个人|个|人|名|位)?[。.!！]?$/.exec(normalize(input.text)) : null;
  return m ? peopleIn(`${m[1]}人`) : null;
}

function peopleIn(text: string): number | null {
  // "十二个人", "12个": the measure word before the unit is common in speech.
  const c = parseCount(normalize(text).replace(/个(人|$)/g, '人'), PEOPLE_UNITS);
  if (c) return c.value;
  const bare = normalize(text).replace(/[。.!]+$/, '').trim();
  return /^\d+$/.test(bare) ? Number(bare) : null;
}

export const activityFlow: Flow = {
  name: 'field/activity',
  title: TITLE,
  version: 1,
  matches: (input, env) => commandKind(input, env) !== null || countCorrected(input, env) !== null,
  start: (input: Input, env: Env) => begin(input, env, true),
  async step(state: ConversationState, input: Input, env: Env) {
    const data = state.data as unknown as Data;
    const node = state.node as Node;
    if (input.type !== 'text') return ask(node, data, env, TEXT_PLEASE);
    // The command said again in full replaces the question instead of answering it.
    if (commandKind(input, env)) return begin(input, env, false);
    const t = normalize(input.text);
    if (node === 'confirm') {
      const yes = parseYesNo(t);
      if (yes === 'yes') return finish({ ...data, correcting: false }, env);
      if (yes === 'no') return done(say('好的，没有改。'));
      return confirmCount(data, env, false, '请回复“是”改为新的人数，或回复“否”不改。');
    }
    if (node === 'day') {
      const day = dayAnswered(t, data, shanghaiDay(env.now));
      if (day === null) return ask('day', data, env, `没看懂日期“${echo(t)}”。`);
      if (day > shanghaiDay(env.now)) return ask('day', data, env, `${dayLabel(day)}还没到，只能登记已经开展的${data.kind === 'training' ? '培训' : '部署'}。`);
      const { dayOf: _said, ...rest } = data;
      return proceed({ ...rest, day }, env);
    }
    if (node === 'people') {
      const n = peopleIn(t);
      return n === null ? ask('people', data, env, `没看懂人数“${echo(t)}”。这里只要一个数，比如“12人”。`) : finish({ ...data, people: n }, env);
    }
    if (data.kind === 'deployment' && !data.voids && ALL.test(t)) return proceed({ ...data, all: true }, env);
    const n = data.villages?.length ? choiceOf(t, data.villages.length) : null;
    // A count or a number out of range is no village: nothing is looked up, the question says what it wants.
    if (n === null && (peopleIn(t) !== null || /^\d+$/.test(t))) return ask('village', data, env, `这里要回复村名${data.villages?.length ? `或1到${data.villages.length}的序号` : ''}，比如：${data.villages?.[0]?.name ?? '凉水井村'}。`);
    const found = n !== null ? [data.villages![n - 1]!] : await env.data.fieldVillages(placeWords(t) || t);
    if (found.length === 1) return proceed({ ...data, villages: found }, env);
    if (found.length === 0) return ask('village', data, env, `在您的辖区内没有找到“${echo(t)}”。`);
    return ask('village', { ...data, villages: found }, env, `“${echo(t)}”对得上${found.length}个村。`);
  },
};

/** Starts from a command; `first`: the conversation's first question (it says how to leave). */
async function begin(input: Input, env: Env, first: boolean): Promise<StepResult> {
  const refused = guard(env, ROLES, TITLE);
  if (refused) return refused;
  const corrected = commandKind(input, env) ? null : countCorrected(input, env);
  if (corrected !== null) return proceed({ kind: 'training', voids: false, all: false, day: shanghaiDay(env.now), people: corrected, correcting: true }, env, undefined, first);
  const { kind, rest: said, dayWords } = commandKind(input, env) as { kind: Kind; rest: string; dayWords?: string };
  // “已完成” after the command word says it was held, no place or count.
  const rest = normalize(said).trim().replace(DONE_FIRST, '');
  const today = shanghaiDay(env.now);
  const t = normalize(rest);
  const voids = kind === 'deployment' && VOID.test(t);
  const saidDay = (dayWords ? parseDay(dayWords, today) : null) ?? parseDay(t, today);
  const part = saidDay === null && !voids ? MONTH_PART.exec(t) : null;
  const data: Data = { kind, voids, all: kind === 'deployment' && !voids && ALL.test(t), day: (saidDay as Day | null) ?? today, ...(part ? { dayOf: part[0] } : {}) };
  const people = kind === 'training' ? trainedCount(t, input) : null;
  if (people !== null) data.people = people;
  const place = placeWords(rest);
  if (place && !data.all) {
    const found = await env.data.fieldVillages(place);
    if (found.length === 0) return proceed(data, env, `在您的辖区内没有找到“${echo(place)}”。`, first);
    return proceed({ ...data, villages: found }, env, found.length > 1 ? `“${echo(place)}”对得上${found.length}个村。` : undefined, first);
  }
  return proceed(data, env, undefined, first);
}
