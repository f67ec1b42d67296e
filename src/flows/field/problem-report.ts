/**
 * 报问题 (附件6 问题清单): a problem found while screening — its category (one of the eight of 附件6,
 * by number or by its words), what it is, where (the village, and the household if one is
 * concerned — looked up only inside the asker's area), the measure and the deadline. The reporter
 * answers for it (责任人) until it is rectified; everything is echoed back. An answer that does
 * not fit (“确认” as the measure, “是” as the deadline) is not stored: the re-ask says what was
 * expected, with an example, and how to leave.
 *
 * State (v1): node ∈ category | what | village | household | pickHousehold | measure | deadline;
 * data = { category?, what?, village?, villages?, household?, candidates?, measure? }.
 *
 * @example
 *   // 报问题 张三户收入信息缺失 → 类型？ → 6 → 涉及哪一户？ → 张三 → 整改措施？ → 入户核实后补录 → 完成时限？ → 默认
 *   // → command { kind: 'field.problem.open', category: 'data_quality', villageCode: '…', householdId: 7, … }
 */
import { PROBLEM_CATEGORY, type ProblemCategory } from '../../domain/catalog.js';
import { shanghaiDay, addDays, type Day } from '../../domain/shanghai-days.js';
import type { ConversationState, Env, Flow, Input, StepResult } from '../types.js';
import type { Command } from '../commands.js';
import { classifyRisks, normalize, parseDay, parseYesNo } from '../understand/index.js';
import { readScreeningReports } from '../understand/screening-report.js';
import { choiceOf, commandOf, dayLabel, done, echo, guard, numbered, own, say, TEXT_PLEASE, waiting, type HouseholdRef } from './common.js';
import type { FieldVillage } from './data.js';
import { lookUp, nameIn, pickFrom } from './pick-household.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '报问题';
const ROLES = FIELD_ROLES.problem;

type Node = 'category' | 'what' | 'village' | 'household' | 'pickHousehold' | 'measure' | 'deadline';

interface Data {
  category?: ProblemCategory;
  what?: string;
  village?: FieldVillage;
  villages?: FieldVillage[];
  household?: HouseholdRef | null;
  candidates?: HouseholdRef[];
  measure?: string;
}

/** Words that name a category when no number is given ("数据有问题" → 数据质量方面). */
const CATEGORY_WORDS: Array<[RegExp, ProblemCategory]> = [
  [/两不愁|三保障|饮水|住房|义务教育|基本医疗/, 'basic_needs'],
  [/应纳未纳|体外循环/, 'missed_or_outside'],
  [/帮扶政策|政策落实|措施落实/, 'policy_implementation'],
  [/收入未|收入不稳|未稳定达标/, 'income_not_stable'],
  [/网格员|日常排查/, 'grid_management'],
  [/数据|信息有误|信息错误|录入/, 'data_quality'],
  [/信访|舆情/, 'petition_opinion'],
  [/^其他|^其它/, 'other'],
];
const NONE = /^(?:无|没有|不涉及|不涉及具体农户|否|没)$/;

/** Said with every re-ask, and with the first question of the flow. */
export const LEAVE = '回复“取消”可退出。';
const CONFIRM_WORDS = /^(?:确认|确定|提交|好|好的|行|嗯+|哦|噢|ok|收到|知道了|明白|明白了|可以|对|对的|是|是的|不是|不|否|没有|默认)$/i;

/**
 * A bare yes/no or “确认” (what one answers a card or a confirmation with): never a description, a
 * measure or a date, so it is not stored as one.
 */
export function isBareReply(t: string): boolean {
  const bare = t.replace(/[\s。.!！~，,]+$/g, '').trim();
  return bare.length <= 4 && (CONFIRM_WORDS.test(bare) || parseYesNo(bare) !== null);
}

/** A question back (“写什么？”, “怎么填”) rather than an answer. */
const QUESTION = /[?？]$|^(?:什么|怎么|咋|啥|为什么|要写|写啥|写什么)/;

function question(node: Node, data: Data, env: Env, correctionsBy: Day | null): string {
  switch (node) {
    case 'category':
      return `问题属于哪一类？请回复序号：\n${numbered(PROBLEM_CATEGORY.codes.map((c) => PROBLEM_CATEGORY.label[c]))}`;
    case 'what':
      return '具体是什么问题？请简要说明。';
    case 'village':
      return data.villages?.length ? `是哪个村的问题？请回复序号或村名：\n${numbered(data.villages.map((v) => v.name))}` : '是哪个村的问题？请回复村名。';
    case 'household':
      return '涉及哪一户？请回复户主姓名；不涉及具体农户请回复“无”。';
    case 'pickHousehold':
      return '请回复序号选择是哪一户。';
    case 'measure':
      return '整改措施？（如：入户核实后补录收入信息；暂不确定请回复“待定”）';
    case 'deadline':
      return `完成时限？请回复日期（如“6月5日”）${correctionsBy && correctionsBy >= shanghaiDay(env.now) ? `；回复“默认”按信息修正截止日${dayLabel(correctionsBy)}` : ''}。`;
  }
}

/** Asks at `node`; after a `note` (an answer that did not fit) and on the flow's first question, says how to leave. */
async function ask(node: Node, data: Data, env: Env, note?: string, first = false): Promise<StepResult> {
  const by = node === 'deadline' ? (await env.data.fieldCampaign(shanghaiDay(env.now))).correctionsBy : null;
  const lines = [...(note ? [note] : []), question(node, data, env, by), ...(note || first ? [LEAVE] : [])];
  return waiting(problemReportFlow, node, data, env, [say(lines.join('\n'))]);
}

/**
 * The household a description names, by any name of the asker's area (head or member), in the
 * problem's village: one, several of the same name (asked by number), or null when it names
 * none or more than one person.
 */
async function householdNamed(what: string, village: FieldVillage, env: Env): Promise<HouseholdRef[] | null> {
  const reading = readScreeningReports(what, await env.data.fieldRoster());
  const names = [...new Set(reading.reports.flatMap((r) => r.names.filter((n) => n.ids.length > 0).map((n) => n.said)))];
  if (names.length !== 1) return null;
  const found = await lookUp(env, names[0] as string);
  const inVillage = (found.kind === 'one' ? [found.household] : found.kind === 'many' ? found.candidates : []).filter((h) => h.villageCode === village.code);
  return inVillage.length ? inVillage : null;
}

async function proceed(data: Data, env: Env, first = false, note?: string): Promise<StepResult> {
  if (!data.category) return ask('category', data, env, undefined, first);
  if (!data.what) return ask('what', data, env, undefined, first);
  if (!data.village) {
    const villages = await env.data.fieldVillages();
    if (villages.length === 1) data = { ...data, village: villages[0] };
    else return ask('village', { ...data, villages: villages.length <= 20 ? villages : [] }, env, undefined, first);
  }
  if (data.household === undefined) {
    // The description names the household (“王在田家房子漏雨了”): taken, and said, rather than asked.
    const named = data.what ? await householdNamed(data.what, data.village as FieldVillage, env) : null;
    if (named?.length === 1) return proceed({ ...data, household: named[0] as HouseholdRef }, env, first, `涉及${(named[0] as HouseholdRef).label}。`);
    if (named && named.length > 1) return waiting(problemReportFlow, 'pickHousehold', { ...data, candidates: named }, env, [say(`问题里说的户，${(data.village as FieldVillage).name}有${named.length}户对得上：\n${numbered(named.map((h) => h.label))}\n请回复序号。${LEAVE}`)]);
    return ask('household', data, env, undefined, first);
  }
  if (!data.measure) return ask('measure', data, env, note, first);
  return ask('deadline', data, env, note, first);
}

/** What a wrong answer at each node is told: what was expected, with an example. */
const EXPECTED = {
  category: (n: number) => `请回复1到${n}之间的序号，比如：6（数据质量方面）。`,
  what: '请用一句话说清楚是什么问题，比如：张三户2021年收入信息缺失。',
  household: '请回复户主姓名，比如：张三；不涉及具体农户请回复“无”。',
  pick: (n: number) => (n === 1 ? '请回复序号1。' : `请回复1到${n}之间的序号，比如：1。`),
  measure: '请写明怎么整改，比如：入户核实后补录收入信息；暂不确定请回复“待定”。',
  deadline: (withDefault: boolean) => `请回复完成时限的日期，比如：6月5日${withDefault ? '；按信息修正截止日请回复“默认”' : ''}。`,
};

async function finish(data: Data, deadline: Day, env: Env): Promise<StepResult> {
  const { category, what, village: v, measure } = data;
  if (!category || !what || !v || data.household === undefined || !measure) return proceed(data, env);
  const h = data.household;
  const command: Command = { kind: 'field.problem.open', category, villageCode: v.code, householdId: h?.id ?? null, description: what, measure, deadline };
  const lines = [
    '已登记问题（附件6 问题清单）：',
    `类型：${PROBLEM_CATEGORY.label[category]}`,
    `地点：${v.name}${h ? `，${h.label}` : ''}`,
    `具体问题：${echo(what)}`,
    `整改措施：${echo(measure)}`,
    `完成时限：${dayLabel(deadline)}`,
    `责任人：${env.actor.staff?.name ?? ''}（您本人）`,
    '整改完成后请发送“整改”销号；登记有误请联系镇街干部更正。',
    // A household's hardship told as a problem is also a risk: the ledger alone opens no lead.
    ...(h && classifyRisks(what).length ? [`如${h.headName}户因此有返贫致贫风险，请另发“排查 ${h.headName} …”登记，才会生成风险线索提交研判会。`] : []),
  ];
  return done({ type: 'command', command }, say(lines.join('\n')));
}

async function answer(node: Node, data: Data, text: string, env: Env): Promise<StepResult> {
  const t = normalize(text);
  switch (node) {
    case 'category': {
      const n = choiceOf(t, PROBLEM_CATEGORY.codes.length);
      const category = n !== null ? PROBLEM_CATEGORY.codes[n - 1] : CATEGORY_WORDS.find(([re]) => re.test(t))?.[1];
      return category ? proceed({ ...data, category }, env) : ask('category', data, env, `没看懂“${echo(t)}”是哪一类。${EXPECTED.category(PROBLEM_CATEGORY.codes.length)}`);
    }
    case 'what':
      if (isBareReply(t)) return ask('what', data, env, `“${echo(t)}”不是问题的说明。${EXPECTED.what}`);
      return t.length >= 4 ? proceed({ ...data, what: own(text) }, env) : ask('what', data, env, `请多写几个字。${EXPECTED.what}`);
    case 'village': {
      const n = data.villages?.length ? choiceOf(t, data.villages.length) : null;
      const found = n !== null ? [data.villages![n - 1]!] : await env.data.fieldVillages(t);
      if (found.length === 1) return proceed({ ...data, village: found[0] }, env);
      if (found.length === 0) return ask('village', data, env, `在您的辖区内没有找到“${echo(t)}”。`);
      return ask('village', { ...data, villages: found }, env, `“${echo(t)}”对得上${found.length}个村。`);
    }
    case 'household': {
      if (NONE.test(t)) return proceed({ ...data, household: null }, env);
      const name = nameIn(t);
      if (!name) return ask('household', data, env, `没看到姓名。${EXPECTED.household}`);
      const found = await lookUp(env, name);
      const village = data.village as FieldVillage;
      if (found.kind === 'none') return ask('household', data, env, found.text);
      const inVillage = (found.kind === 'one' ? [found.household] : found.candidates).filter((h) => h.villageCode === village.code);
      if (inVillage.length === 0) return ask('household', data, env, `${village.name}没有找到“${name}”户。`);
      if (inVillage.length === 1) return proceed({ ...data, household: inVillage[0] }, env);
      return waiting(problemReportFlow, 'pickHousehold', { ...data, candidates: inVillage }, env, [say(`${village.name}有${inVillage.length}户对得上“${name}”：\n${numbered(inVillage.map((h) => h.label))}\n请回复序号。${LEAVE}`)]);
    }
    case 'pickHousehold': {
      const chosen = pickFrom(t, data.candidates ?? []);
      return chosen ? proceed({ ...data, household: chosen, candidates: undefined }, env) : ask('pickHousehold', data, env, EXPECTED.pick(data.candidates?.length ?? 0));
    }
    case 'measure':
      if (isBareReply(t) || QUESTION.test(t)) return ask('measure', data, env, `“${echo(t)}”不是整改措施。${EXPECTED.measure}`);
      return t.length >= 2 ? proceed({ ...data, measure: own(text) }, env) : ask('measure', data, env, `请多写几个字。${EXPECTED.measure}`);
    case 'deadline': {
      const today = shanghaiDay(env.now);
      const { correctionsBy } = await env.data.fieldCampaign(shanghaiDay(env.now));
      // Only the word offered means the default: a bare “是” or “好” names no date.
      const wantsDefault = /^(?:默认|按默认|就按默认)$/.test(t);
      const day = wantsDefault ? (correctionsBy >= today ? correctionsBy : addDays(today, 7)) : parseDay(t, today);
      if (!day) return ask('deadline', data, env, `“${echo(t)}”不是日期。${EXPECTED.deadline(correctionsBy >= today)}`);
      if (day < today) return ask('deadline', data, env, `完成时限${dayLabel(day)}已经过去了。`);
      return finish(data, day, env);
    }
  }
}

/** “报个问题”, “上报一下问题”, “反映个问题”: asking for a problem to be reported, anywhere in a sentence. */
// Never “没报问题的村” (an official's question about villages that reported none).
export const PROBLEM_ASKED = /(?<![没未不零])(?:上报|报|反映)(?:个|一个|一下)?问题(?!的)/;

/**
 * A problem told and asked to be reported in one message (“王在田家房子漏雨了 报个问题”) by staff
 * who report problems: the description without the asking words, or null.
 */
function problemToldFirst(input: Input, env: Env): string | null {
  if (input.type !== 'text' || env.actor.sender.channel !== 'app' || !env.actor.staff) return null;
  if (!(ROLES as readonly string[]).includes(env.actor.staff.role)) return null;
  const t = normalize(input.text);
  if (!PROBLEM_ASKED.test(t)) return null;
  const what = t.replace(PROBLEM_ASKED, ' ').replace(/(?:帮我|给我|我想|我要|想|要)\s*$/, '').replace(/^[\s,，。]+|[\s,，。!！~]+$/g, '').trim();
  return what.length >= 4 ? what : null;
}

export const problemReportFlow: Flow = {
  name: 'field/problem-report',
  title: TITLE,
  version: 1,
  // A slip said in a sentence (“贺永胜家的收入填错了”) is the problem itself: the whole message is its rest.
  // So is a problem told first and then asked to be reported (“王在田家房子漏雨了 报个问题”).
  matches: (input, env) => commandOf(input, env, ['problem_report'], (rest, t) => rest === t) !== null || problemToldFirst(input, env) !== null,
  async start(input: Input, env: Env) {
    const refused = guard(env, ROLES, TITLE);
    if (refused) return refused;
    const rest = commandOf(input, env, ['problem_report'], (r, t) => r === t)?.rest ?? problemToldFirst(input, env) ?? '';
    return proceed(rest.length >= 4 ? { what: rest } : {}, env, true);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const data = state.data as unknown as Data;
    if (input.type !== 'text') return ask(state.node as Node, data, env, TEXT_PLEASE);
    return answer(state.node as Node, data, input.text, env);
  },
};
