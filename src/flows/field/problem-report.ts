/**
 * 报问题 (附件6 问题清单): a problem found while screening — its category (one of the eight of 附件6,
 * by number or by its words), what it is, where (the village, and the household if one is
 * concerned — looked up only inside the asker's area), the measure and the deadline. The reporter
 * answers for it (责任人) until it is rectified; everything is echoed back.
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
import { normalize, parseDay, parseYesNo } from '../understand/index.js';
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

async function ask(node: Node, data: Data, env: Env, note?: string): Promise<StepResult> {
  const by = node === 'deadline' ? (await env.data.fieldCampaign(shanghaiDay(env.now))).correctionsBy : null;
  const q = question(node, data, env, by);
  return waiting(problemReportFlow, node, data, env, [say(note ? `${note}\n${q}` : q)]);
}

async function proceed(data: Data, env: Env, note?: string): Promise<StepResult> {
  if (!data.category) return ask('category', data, env, note);
  if (!data.what) return ask('what', data, env, note);
  if (!data.village) {
    const villages = await env.data.fieldVillages();
    if (villages.length === 1) data = { ...data, village: villages[0] };
    else return ask('village', { ...data, villages: villages.length <= 20 ? villages : [] }, env, note);
  }
  if (data.household === undefined) return ask('household', data, env, note);
  if (!data.measure) return ask('measure', data, env, note);
  return ask('deadline', data, env, note);
}

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
  ];
  return done({ type: 'command', command }, say(lines.join('\n')));
}

async function answer(node: Node, data: Data, text: string, env: Env): Promise<StepResult> {
  const t = normalize(text);
  switch (node) {
    case 'category': {
      const n = choiceOf(t, PROBLEM_CATEGORY.codes.length);
      const category = n !== null ? PROBLEM_CATEGORY.codes[n - 1] : CATEGORY_WORDS.find(([re]) => re.test(t))?.[1];
      return category ? proceed({ ...data, category }, env) : ask('category', data, env, `请回复1到${PROBLEM_CATEGORY.codes.length}之间的序号。`);
    }
    case 'what':
      return t.length >= 4 ? proceed({ ...data, what: own(text) }, env) : ask('what', data, env, '请多写几个字，说清楚是什么问题。');
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
      if (!name) return ask('household', data, env, '没看到姓名。');
      const found = await lookUp(env, name);
      const village = data.village as FieldVillage;
      if (found.kind === 'none') return ask('household', data, env, found.text);
      const inVillage = (found.kind === 'one' ? [found.household] : found.candidates).filter((h) => h.villageCode === village.code);
      if (inVillage.length === 0) return ask('household', data, env, `${village.name}没有找到“${name}”户。`);
      if (inVillage.length === 1) return proceed({ ...data, household: inVillage[0] }, env);
      return waiting(problemReportFlow, 'pickHousehold', { ...data, candidates: inVillage }, env, [say(`${village.name}有${inVillage.length}户对得上“${name}”：\n${numbered(inVillage.map((h) => h.label))}\n请回复序号。`)]);
    }
    case 'pickHousehold': {
      const chosen = pickFrom(t, data.candidates ?? []);
      return chosen ? proceed({ ...data, household: chosen, candidates: undefined }, env) : ask('pickHousehold', data, env, `请回复1到${data.candidates?.length ?? 0}之间的序号。`);
    }
    case 'measure':
      return t.length >= 2 ? proceed({ ...data, measure: own(text) }, env) : ask('measure', data, env, '请写明整改措施，暂不确定请回复“待定”。');
    case 'deadline': {
      const today = shanghaiDay(env.now);
      const { correctionsBy } = await env.data.fieldCampaign(shanghaiDay(env.now));
      const wantsDefault = /^(?:默认|按默认|就按默认)$/.test(t) || parseYesNo(t) === 'yes';
      const day = wantsDefault ? (correctionsBy >= today ? correctionsBy : addDays(today, 7)) : parseDay(t, today);
      if (!day) return ask('deadline', data, env, '没看懂日期。');
      if (day < today) return ask('deadline', data, env, `完成时限${dayLabel(day)}已经过去了。`);
      return finish(data, day, env);
    }
  }
}

export const problemReportFlow: Flow = {
  name: 'field/problem-report',
  title: TITLE,
  version: 1,
  matches: (input, env) => commandOf(input, env, ['problem_report']) !== null,
  async start(input: Input, env: Env) {
    const refused = guard(env, ROLES, TITLE);
    if (refused) return refused;
    const rest = commandOf(input, env, ['problem_report'])?.rest ?? '';
    return proceed(rest.length >= 4 ? { what: rest } : {}, env);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const data = state.data as unknown as Data;
    if (input.type !== 'text') return ask(state.node as Node, data, env, TEXT_PLEASE);
    return answer(state.node as Node, data, input.text, env);
  },
};
