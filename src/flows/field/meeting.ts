/**
 * 研判会 (the Thursday village meeting): the cadre gets the agenda — key-group households screened
 * and not yet judged, and open leads not yet through 民主评议 — and records, household by household,
 * the verdict 拟纳入 / 不纳入 (or 暂缓) with its reason. Each verdict is written as it is given:
 * - 拟纳入 records the 会议研判结论 on the 附件2 record (opening the lead if there was none) and,
 *   when the cadre confirms 入户核查、承诺授权、信息比对 are done, the lead's 民主评议 and, if
 *   wanted, the start of its 公示 (≥ 5 days);
 * - 不纳入 records the conclusion and closes the lead with the written reason;
 * - 暂缓 leaves the household for the next meeting.
 *
 * State (v1): node ∈ verdict | reason | steps | publicity;
 * data = { items, i, verdict?, reason?, confirmed?, taskId?, tally, publicityDays, village, recorded? }.
 * The verdicts recorded are remembered for a day after the meeting: “会开完了” is told them and what
 * is still on the agenda, “公示贴出去了” the 公示 dates recorded (field/meeting-talk reads those words).
 *
 * @example
 *   // 村干部: 研判会 → agenda + [card 研判 张三户（1/2）拟纳入|不纳入|暂缓] → 不纳入 收入稳定
 *   // → command { kind: 'field.meeting.verdict', householdId: 7, leadId: 3, verdict: 'not_include', reason: '收入稳定', … }
 */
import { LEAD_STEP, type LeadStep } from '../../domain/catalog.js';
import { addDays, daysBetween, shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import type { ConversationState, Effect, Env, Flow, Input, Recall, StepResult } from '../types.js';
import type { Command } from '../commands.js';
import { normalize, parseDay, parseYesNo } from '../understand/index.js';
import { WORK_QUESTION } from '../understand/intents.js';
import { headNamedFirst } from '../understand/names.js';
import { agendaItemLines, agendaText } from './agenda.js';
import { meetingTalk } from './meeting-talk.js';
import { answerOf, cardQuestion, commandOf, dayLabel, done, echo, guard, isoWeekdayOf, nextMeetingDay, own, say, STALE_CARD, TEXT_PLEASE, waiting } from './common.js';
import type { AgendaItem } from './data.js';
import { FIELD_ROLES } from './roles.js';
import { notify } from '../casework/common.js';

const TITLE = '研判会';
const ROLES = FIELD_ROLES.meeting;
/** The steps that must be behind a lead before its 民主评议. */
const BEFORE_REVIEW: LeadStep[] = LEAD_STEP.codes.slice(0, LEAD_STEP.codes.indexOf('village_review'));

type Node = 'verdict' | 'reason' | 'steps' | 'publicity';
type Verdict = 'propose_include' | 'not_include';

interface Data {
  items: AgendaItem[];
  i: number;
  verdict?: Verdict;
  reason?: string;
  confirmed?: boolean;
  /** 信息比对 not yet done: 民主评议 goes on, the comparison is recorded later (before 镇街审核). */
  comparisonPending?: boolean;
  taskId?: string;
  tally: { include: number; exclude: number; skip: number };
  /** The campaign's shortest 公示 in days (its settings, not a constant). */
  publicityDays: number;
  village: string;
  /** What this meeting recorded so far, household by household (absent in states saved before it was kept). */
  recorded?: Recorded[];
}

/** One household's verdict as recorded at this meeting: 拟纳入 (its 公示 from/until, or none yet), 拟纳入 awaiting its steps, 不纳入, 暂缓. */
interface Recorded {
  headName: string;
  verdict: 'include' | 'include_later' | 'exclude' | 'skip';
  publicity: { from: Day; until: Day } | null;
}

/** The meeting's verdicts, kept after it for “会开完了”, “公示贴出去了” (field/meeting-talk words): a day. */
const RECALL_MS = 24 * 3_600_000;

const missingSteps = (item: AgendaItem): LeadStep[] => BEFORE_REVIEW.filter((s) => !(item.lead?.stepsDone ?? []).includes(s));
const defaultUntil = (env: Env, data: Data): Day => addDays(shanghaiDay(env.now), data.publicityDays - 1);

function ask(node: Node, data: Data, env: Env, lead: Effect[] = []): StepResult {
  const item = data.items[data.i]!;
  const head = `${item.headName}户（${data.i + 1}/${data.items.length}）`;
  if (node === 'reason') {
    const q = data.verdict === 'not_include' ? '不纳入的理由？（必填，如：收入稳定，医疗费用已报销大部分）' : '拟纳入的理由？（如：因病自付3万多，人均收入低于监测线）';
    return waiting(meetingFlow, node, data, env, [...lead, say(q)]);
  }
  const q =
    node === 'verdict'
      ? { title: `研判 ${head}`, question: '研判结论？', buttons: [{ key: 'include', text: '拟纳入' }, { key: 'exclude', text: '不纳入' }, { key: 'skip', text: '暂缓' }], hint: '请回复“拟纳入”“不纳入”或“暂缓”，可带理由，如“不纳入 收入稳定”。' }
      : node === 'steps'
        ? { title: `研判 ${head}`, question: `${missingSteps(item).map((s) => LEAD_STEP.label[s]).join('、')}都已完成吗？`, buttons: [{ key: 'yes', text: '都已完成' }, { key: 'no', text: '还没有' }, ...(missingSteps(item).includes('data_comparison') && missingSteps(item).length > 1 ? [{ key: 'partial', text: '比对未完成' }] : [])], hint: '都已完成请回复“是”（以您的名义登记），还没有请回复“否”，只差信息比对请回复“比对未完成”。' }
        : { title: `研判 ${head}`, question: `今天起公示到${dayLabel(defaultUntil(env, data))}？`, buttons: [{ key: 'yes', text: `公示${data.publicityDays}天` }, { key: 'no', text: '稍后登记' }], hint: `按${data.publicityDays}天公示请回复“是”，公示到别的日期请回复日期（如“5月20日”），稍后登记请回复“否”。` };
  const card = cardQuestion(env, { ...q, lines: agendaItemLines(item, shanghaiDay(env.now)).slice(0, 2).map((l, k) => ({ key: k === 0 ? '情况' : '线索', value: l.replace(/^· /, '').slice(0, 26) })) });
  const intro = node === 'verdict' ? [say([`第${data.i + 1}户：${item.headName}户（${item.size}口人）`, ...agendaItemLines(item, shanghaiDay(env.now))].join('\n'))] : [];
  return waiting(meetingFlow, node, { ...data, taskId: card.taskId }, env, [...lead, ...intro, card.effect]);
}

/** Writes the verdict of the current household and moves on. */
async function record(data: Data, publicityUntil: Day | null, env: Env): Promise<StepResult> {
  const item = data.items[data.i]!;
  const include = data.verdict === 'propose_include';
  const confirmed = include && (missingSteps(item).length === 0 || !!data.confirmed);
  const command: Command = {
    kind: 'field.meeting.verdict',
    householdId: item.householdId,
    screeningId: item.screening?.id ?? null,
    leadId: item.lead?.id ?? null,
    verdict: include ? 'propose_include' : 'not_include',
    reason: data.reason ?? '',
    confirmedSteps: confirmed ? missingSteps(item).filter((s) => !(data.comparisonPending && s === 'data_comparison')) : [],
    publicityUntil: confirmed ? publicityUntil : null,
  };
  let said: string;
  if (!include) said = `已记录：${item.headName}户不纳入（理由：${echo(data.reason ?? '')}）。${item.lead ? '该户风险线索已办结。' : ''}`;
  else if (!confirmed) said = `已记录：${item.headName}户拟纳入（理由：${echo(data.reason ?? '')}）。还需完成${missingSteps(item).map((s) => LEAD_STEP.label[s]).join('、')}后再民主评议，该户留到下次研判会。`;
  else said = `已记录：${item.headName}户拟纳入（理由：${echo(data.reason ?? '')}），已登记民主评议${publicityUntil ? `，公示到${dayLabel(publicityUntil)}` : '；公示开始后请登记'}。${data.comparisonPending ? `信息比对完成后请发送“信息比对 ${item.headName}”登记，镇街审核前须完成。` : ''}`;
  const tally = { ...data.tally, ...(include ? { include: data.tally.include + 1 } : { exclude: data.tally.exclude + 1 }) };
  // The town reviews after the 公示: its officials are told now, the card comes with “镇街审核” once it ends.
  const told = include && confirmed && publicityUntil && item.householdId !== null ? (await env.data.caseContacts(item.householdId)).town : [];
  const notice = told.length && publicityUntil ? notify(told, env, `${item.headName}户经${data.village}研判会拟纳入，公示到${dayLabel(publicityUntil)}；公示期满无异议后请发送“镇街审核”审核。`) : [];
  const entry: Recorded = { headName: item.headName, verdict: !include ? 'exclude' : confirmed ? 'include' : 'include_later', publicity: confirmed && publicityUntil ? { from: shanghaiDay(env.now), until: publicityUntil } : null };
  return next({ items: data.items, i: data.i, tally, publicityDays: data.publicityDays, village: data.village, recorded: [...(data.recorded ?? []), entry] }, env, [{ type: 'command', command }, say(said), ...notice]);
}

function next(data: Data, env: Env, effects: Effect[]): StepResult {
  const i = data.i + 1;
  if (i < data.items.length) return ask('verdict', { items: data.items, i, tally: data.tally, publicityDays: data.publicityDays, village: data.village, recorded: data.recorded ?? [] }, env, effects);
  const t = data.tally;
  const kept: Effect = { type: 'remember', data: { day: shanghaiDay(env.now), village: data.village, recorded: data.recorded ?? [] }, keepMs: RECALL_MS };
  return done(...effects, say(`本次研判会记录完毕：拟纳入${t.include}户，不纳入${t.exclude}户，暂缓${t.skip}户。已记录的结论如需更正，请联系镇街干部。`), kept);
}

const VERDICT_WORDS: Array<[RegExp, 'include' | 'exclude' | 'skip']> = [
  // Inclusion denied in any of the ways it is said (不能纳入, 没纳入, 不符合纳入条件, 纳入不了, 够不上, 没必要纳入):
  // never read as the 纳入 in it.
  [/(?:不|没|未)(?:予|同意|建议|用|需要?|需|能|应该?|考虑|够|太)?(?:符合|满足|够)?(?:条件)?纳入|纳入不了|(?:不|没)(?:够|符合|满足)(?:纳入)?(?:的)?条件|够不上|(?:没|没有)必要纳入|不纳(?!入)/, 'exclude'],
  [/(?:拟|同意|建议|可以|应该?|定了?|决定)?纳入/, 'include'],
  [/暂缓|跳过|下次再议|下次再说|下次|下周再议|再议|待定|先放(?:一放|放|着)|放一放|缓一缓/, 'skip'],
];

/**
 * The verdict said anywhere in the words (“贺永胜家的事 会上定了 纳入 因病”), the earliest first;
 * `at`/`end`: where its words are in `t`.
 */
function verdictIn(t: string): { key: 'include' | 'exclude' | 'skip'; at: number; end: number } | null {
  let best: { key: 'include' | 'exclude' | 'skip'; at: number; end: number } | null = null;
  for (const [re, key] of VERDICT_WORDS) {
    const m = re.exec(t);
    if (m && (!best || m.index < best.at)) best = { key, at: m.index, end: m.index + m[0].length };
  }
  return best;
}

/** The agenda's household named in the words (its head's name), when it is not the one asked about. */
function namedElsewhere(data: Data, t: string): number | null {
  const named = data.items.map((item, k) => ({ item, k })).filter(({ item }) => item.headName.length >= 2 && t.includes(item.headName));
  if (named.length !== 1 || named[0]!.k === data.i) return null;
  return named[0]!.k;
}

/**
 * A household named at the start of the words (“冯文斌家研判了 拟纳入”) that is not on the agenda:
 * its verdict must not land on the household asked about. A name is two or three characters from
 * a surname (`headNamedFirst`), followed by 家/户 or 的线索/情况.
 */
function namedOffAgenda(data: Data, t: string): string | null {
  const name = headNamedFirst(t, '家|户|那户|那家|这户|这家|的(?:线索|情况|事)');
  if (!name || data.items.some((item) => item.headName === name || item.headName.startsWith(name))) return null;
  return name;
}

/**
 * The reason: what was said around the verdict (“石秀英家 儿子残疾常年吃药 同意纳入 因残因病” →
 * “儿子残疾常年吃药，因残因病”), without the household's name, the talk of the meeting (“会上定了”)
 * and the words that only introduce a reason (“理由是”).
 */
function reasonOf(t: string, verdict: { at: number; end: number }, heads: string[]): string {
  const edges = (x: string) => x.replace(/^[\s:：,，。、;；]+|[\s:：,，。、;；]+$/g, '').replace(/^(?:理由|原因)(?:是|为)?[:：]?\s*/, '');
  const after = edges(t.slice(verdict.end));
  let before = t.slice(0, verdict.at);
  for (const h of heads) before = before.split(h).join(' ');
  before = edges(
    before
      .replace(/^\s*(?:这)?[家户]?的?(?:事情?|情况)?/, '')
      .replace(/(?:会上|会议上?|研判会上?|大家|村里|村委会?)?(?:已经|都)?(?:定了|定下来了?|商量了|研究了|讨论了|决定了?|同意了?)\s*$/, ''),
  );
  return [before, after].filter((x) => x.length >= 2).join('，');
}

function onVerdict(data: Data, input: Input, env: Env): StepResult | Promise<StepResult> {
  let key: string | null = null;
  let reason = '';
  let current = data;
  if (input.type === 'card') {
    if (input.taskId !== data.taskId) return ask('verdict', data, env, [say(STALE_CARD)]);
    key = input.eventKey;
  } else if (input.type === 'text') {
    // The verdict words are Chinese (normalizing leaves them alone): read them off the person's own words.
    const t = own(input.text);
    const found = verdictIn(t);
    const other = namedElsewhere(data, t);
    const offAgenda = found && other === null ? namedOffAgenda(data, t) : null;
    if (offAgenda) {
      const heads = data.items.slice(data.i).map((item) => `${item.headName}户`).join('、');
      return ask('verdict', data, env, [say(`${offAgenda}户不在${data.village}这次研判会的名单上（待研判：${heads}），没有记录。名单外的户请先排查登记或报风险线索，下次研判会再研判。`)]);
    }
    // Another household of the agenda named with its verdict: that one is judged now, the one
    // asked about comes next.
    if (other !== null && found) {
      const items = [...data.items];
      const [moved] = items.splice(other, 1);
      items.splice(data.i, 0, moved!);
      current = { ...data, items };
    }
    if (found) {
      key = found.key;
      reason = reasonOf(t, found, current.items.map((x) => x.headName));
    }
  } else return ask('verdict', data, env, [say(TEXT_PLEASE)]);
  if (key === 'skip') return next({ ...current, tally: { ...current.tally, skip: current.tally.skip + 1 }, recorded: [...(current.recorded ?? []), { headName: current.items[current.i]!.headName, verdict: 'skip', publicity: null }] }, env, [say(`${current.items[current.i]!.headName}户暂缓，留到下次研判会。`)]);
  if (key !== 'include' && key !== 'exclude') return ask('verdict', data, env, [say('没看懂。')]);
  const withVerdict: Data = { ...current, verdict: key === 'include' ? 'propose_include' : 'not_include' };
  const lead = current === data ? [] : [say(`好的，先记${current.items[current.i]!.headName}户。`)];
  if (reason.length < 2) return ask('reason', withVerdict, env, lead);
  return withLead(afterReason({ ...withVerdict, reason }, env), lead);
}

/** `effects` said before what `result` says. */
async function withLead(result: StepResult | Promise<StepResult>, effects: Effect[]): Promise<StepResult> {
  const r = await result;
  return effects.length ? { ...r, effects: [...effects, ...r.effects] } : r;
}

function afterReason(data: Data, env: Env): StepResult | Promise<StepResult> {
  if (data.verdict === 'not_include') return record(data, null, env);
  if (missingSteps(data.items[data.i]!).length) return ask('steps', data, env);
  return ask('publicity', data, env);
}

function onPublicity(data: Data, input: Input, env: Env): StepResult | Promise<StepResult> {
  const today = shanghaiDay(env.now);
  if (input.type === 'text') {
    const day = parseDay(input.text, today);
    if (day) {
      const days = daysBetween(today, day) + 1;
      if (days < data.publicityDays) return ask('publicity', data, env, [say(`公示期只有${Math.max(days, 0)}天，至少需要${data.publicityDays}天。`)]);
      return record(data, day, env);
    }
  }
  const a = answerOf(input, data.taskId ?? '', ['公示']);
  if (a === 'stale') return ask('publicity', data, env, [say(STALE_CARD)]);
  if (a === null) return ask('publicity', data, env, [say('没看懂。')]);
  return record(data, a === 'yes' ? defaultUntil(env, data) : null, env);
}

/**
 * The meeting the agenda is for: today on the meeting's weekday or when the cadre says it is
 * being held now (“研判会开始了”); otherwise the coming one (asked on a Monday, “这礼拜研判会
 * 要研究哪些户” is about Thursday's).
 */
function meetingLabelDay(input: Input, env: Env, meeting: { weekday: number; time: string }): Day {
  const today = shanghaiDay(env.now);
  const now = input.type === 'text' && /开始|开了|召开|现在开|正在开|开会/.test(own(input.text));
  if (now || isoWeekdayOf(today) === meeting.weekday) return today;
  return nextMeetingDay(env.now, meeting);
}

/** A question about the meeting (“要研究哪些户”, “名单出来没”), not the meeting opened or being held. */
function asksOnly(input: Input): boolean {
  if (input.type !== 'text') return false;
  const t = own(input.text);
  return WORK_QUESTION.test(t) && !/开始|开了|召开|现在开|正在开|开会了|在开|记录|登记/.test(t);
}

const RECORDED_WORDS: Record<Recorded['verdict'], string> = { include: '拟纳入', include_later: '拟纳入（待补齐核查步骤后再民主评议）', exclude: '不纳入', skip: '暂缓' };

/**
 * Right after a meeting (its verdicts remembered): “研判会结束了 都研究完了”, “会开完了” is told what
 * it recorded and what is still on the agenda; “公示贴出去了 到15号”, the 公示 dates recorded at it.
 * Nothing is recorded from these words.
 */
async function followUp(recall: Recall, input: Input, env: Env): Promise<StepResult | null> {
  const said = meetingTalk(input, env);
  const kept = recall.data as { day?: Day; village?: string; recorded?: Recorded[] };
  if ((said !== 'over' && said !== 'posted') || !kept.day || !Array.isArray(kept.recorded)) return null;
  const recorded = kept.recorded;
  // Still remembered after this answer: “公示贴出去了” may follow “会开完了”.
  const again: Effect = { type: 'remember', data: recall.data, keepMs: Math.max(0, recall.until - env.now) };
  const inPublicity = recorded.filter((r) => r.publicity);
  if (said === 'posted') {
    if (inPublicity.length === 0) return null;
    const lines = inPublicity.map((r) => `${r.headName}户：${dayLabel(r.publicity!.from)}起公示到${dayLabel(r.publicity!.until)}`);
    return done(say(`${dayLabel(kept.day)}研判会上登记的公示：\n${lines.join('\n')}\n公示日期以会上登记的为准，这条消息没有记录任何内容；公示期满无异议后由镇街审核。`), again);
  }
  const today = shanghaiDay(env.now);
  const items = await env.data.meetingAgenda(today);
  const lines = recorded.map((r) => `${r.headName}户${RECORDED_WORDS[r.verdict]}${r.publicity ? `，公示到${dayLabel(r.publicity.until)}` : ''}`);
  const village = kept.village ?? '本村';
  const left = items.length ? `还在研判会名单上的${items.length}户：${items.map((x) => `${x.headName}户`).join('、')}，下次研判会再研判。` : `${village}研判会名单上已没有待研判的户。`;
  return done(say(`${dayLabel(kept.day)}研判会已记录${recorded.length}户：${lines.length ? lines.join('；') : '无'}。\n${left}`), again);
}

export const meetingFlow: Flow = {
  name: 'field/meeting',
  title: TITLE,
  version: 1,
  // “研判会开始了”, “研判会咋弄”: the meeting itself, said without a space after the word.
  matches: (input, env) => commandOf(input, env, ['meeting'], (rest) => /^(?:开始|开了|开|召开|现在开|咋弄|怎么弄|咋开|怎么开|名单)/.test(rest)) !== null,
  // A verdict that names a household and its risk (“贺永胜家 纳入 因病”) also reads like a
  // screening report: while a verdict is asked, words with a verdict are the meeting's, and so is
  // a reason that names the household it is asked for (“贺永胜家老人住院自付两万”).
  keeps: (state, input) => {
    if (input.type !== 'text') return false;
    const data = state.data as unknown as Data;
    if (state.node === 'verdict') return verdictIn(own(input.text)) !== null;
    return state.node === 'reason' && own(input.text).includes(data.items[data.i]?.headName ?? '\u0000');
  },
  async start(input: Input, env: Env) {
    const refused = guard(env, ROLES, TITLE);
    if (refused) return refused;
    const today = shanghaiDay(env.now);
    const [items, villages, campaign] = await Promise.all([env.data.meetingAgenda(today), env.data.fieldVillages(), env.data.fieldCampaign(today)]);
    const village = villages[0]?.name ?? '本村';
    const day = meetingLabelDay(input, env, campaign.meeting);
    if (items.length === 0) return done(say(agendaText(village, day, items, today)));
    // The coming meeting's households asked before its day (“这周四研判会要研究哪些户”): the list,
    // and how to record at the meeting — no verdict is asked of a meeting not yet held.
    if (day !== today && asksOnly(input)) return done(say(agendaText(village, day, items, today)));
    return ask('verdict', { items, i: 0, tally: { include: 0, exclude: 0, skip: 0 }, publicityDays: campaign.publicityMinDays, village, recorded: [] }, env, [say(agendaText(village, day, items, today).replace(/\n会上请发送.*$/, '\n下面逐户记录结论。'))]);
  },
  followUp,
  async step(state: ConversationState, input: Input, env: Env) {
    const data = state.data as unknown as Data;
    switch (state.node as Node) {
      case 'verdict':
        return onVerdict(data, input, env);
      case 'reason': {
        const t = input.type === 'text' ? normalize(input.text) : '';
        if (t.length < 2 || (data.verdict === 'not_include' && parseYesNo(t) !== null)) return ask('reason', data, env, [say('请写明理由。')]);
        return afterReason({ ...data, reason: own(input.type === 'text' ? input.text : '') }, env);
      }
      case 'steps': {
        // 信息比对 runs alongside (seed: 同步): “比对未完成” lets 民主评议 and 公示 go on without it.
        const partial = input.type === 'text' && /比对(?:还)?(?:未|没)(?:有)?(?:完成|做)/.test(own(input.text));
        const a = partial ? 'partial' : answerOf(input, data.taskId ?? '', ['完成'], ['yes', 'no', 'partial']);
        if (a === 'stale') return ask('steps', data, env, [say(STALE_CARD)]);
        if (a === null) return ask('steps', data, env, [say('没看懂。')]);
        if (a === 'partial') return ask('publicity', { ...data, confirmed: true, comparisonPending: true }, env);
        return a === 'yes' ? ask('publicity', { ...data, confirmed: true }, env) : record({ ...data, confirmed: false }, null, env);
      }
      case 'publicity':
        return onPublicity(data, input, env);
    }
  },
};
