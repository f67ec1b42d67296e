/**
 * 风险消除 proposed by the village: “风险消除 张三” (or “自然消除 张三”). The cadre is asked, one
 * question at a time, for the facts the rule needs — never assumed from the register: 帮扶消除 or
 * 自然消除 (and why), the household's per-capita net income, 两不愁三保障, 饮水安全, whether the
 * risks are gone, whether the household has labour. The answers are checked against the rule at
 * once (income strictly above the campaign's line, at least the campaign's months since 纳入, not
 * 整户无劳动力 …) and a proposal that cannot pass is refused with every reason, nothing stored.
 * Otherwise the 公示 is set (≥ the campaign's days) and the proposal is stored with its facts;
 * the town decides after the 公示 (镇街审核).
 *
 * State (v1): node ∈ pick | mode | cause | income | guarantees | water | risks | labour | publicity;
 * data = { subjects?, subject?, mode?, cause?, facts…, campaign, taskId? }.
 *
 * @example
 *   // 村干部: 风险消除 孙七 → [帮扶消除|自然消除] → 帮扶消除 → 收入？ 9000 → 是 → 是 → 是 → 有 → 公示到…？ 是
 *   // → command { kind: 'casework.request.open', subjectId: 4, payload: { kind: 'elimination', mode: 'assisted', facts: { perCapitaIncome: 9000, … } }, publicityUntil: '2022-05-13' }
 */
import { rolesThatMay } from '../../domain/roles.js';
import { describeFault } from '../../domain/case-faults.js';
import { RISK_TYPE } from '../../domain/catalog.js';
import { addDays, daysBetween, shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import { eliminationFaults, type EliminationFacts, type EliminationMode, type NaturalCause } from '../../domain/subject.js';
import type { ConversationState, Effect, Env, Flow, Input, StepResult } from '../types.js';
import { parseAmount, parseChineseNumber, parseDay } from '../understand/index.js';
import { answerOf, cardQuestion, choiceOf, dayLabel, done, guard, numbered, own, say, STALE_CARD, TEXT_PLEASE, waiting } from '../field/common.js';
import { caseHousehold, casework, notify } from './common.js';
import type { CaseCampaign, CaseSubject } from './data.js';

const TITLE = '风险消除';
type Node = 'pick' | 'mode' | 'cause' | 'income' | 'guarantees' | 'water' | 'risks' | 'labour' | 'publicity';

interface Data {
  campaign: CaseCampaign;
  subjects?: CaseSubject[];
  subject?: CaseSubject;
  mode?: EliminationMode;
  cause?: NaturalCause | null;
  income?: number;
  guarantees?: boolean;
  water?: boolean;
  risksGone?: boolean;
  taskId?: string;
}

const CAUSES: Array<{ key: NaturalCause; text: string }> = [
  { key: 'member_died', text: '成员去世' }, { key: 'member_left', text: '成员迁出' }, { key: 'household_dissolved', text: '整户消亡' },
];

const QUESTIONS: Record<'guarantees' | 'water' | 'risks' | 'labour', string> = {
  guarantees: '两不愁三保障（吃穿、义务教育、基本医疗、住房安全）都有保障吗？',
  water: '饮水安全有保障吗？',
  risks: '',
  labour: '家里有劳动力吗？（整户无劳动力的不能风险消除）',
};

function ask(node: Node, data: Data, env: Env, lead: Effect[] = []): StepResult {
  const s = data.subject;
  const title = s ? `风险消除 ${s.headName}户` : TITLE;
  const card = (question: string, buttons?: Array<{ key: string; text: string }>, hint?: string) => {
    const c = cardQuestion(env, { title, question, ...(buttons ? { buttons } : {}), ...(hint ? { hint } : {}) });
    return waiting(eliminateFlow, node, { ...data, taskId: c.taskId }, env, [...lead, c.effect]);
  };
  switch (node) {
    case 'pick':
      return waiting(eliminateFlow, node, data, env, [...lead, say(`对得上的监测对象有${data.subjects!.length}户：\n${numbered(data.subjects!.map(caseHousehold))}\n请回复序号。`)]);
    case 'mode':
      return card('帮扶消除还是自然消除？', [{ key: 'assisted', text: '帮扶消除' }, { key: 'natural', text: '自然消除' }], '请回复“帮扶消除”或“自然消除”。');
    case 'cause':
      return card('自然消除的原因？', CAUSES, '请回复“成员去世”“成员迁出”或“整户消亡”。');
    case 'income':
      return waiting(eliminateFlow, node, data, env, [...lead, say(`${data.campaign.year - 1}年家庭人均纯收入多少元？（监测线${data.campaign.incomeLine}元，请按核实的数填，如“9200”）`)]);
    case 'risks':
      return card(`原有风险（${s!.risks.map((r) => RISK_TYPE.label[r]).join('、') || '无记录'}）都已消除吗？`);
    case 'publicity': {
      const until = addDays(shanghaiDay(env.now), data.campaign.publicityMinDays - 1);
      return card(`今天起公示到${dayLabel(until)}（${data.campaign.publicityMinDays}天）？`, [{ key: 'yes', text: `公示${data.campaign.publicityMinDays}天` }, { key: 'no', text: '取消申请' }], '按此公示请回复“是”，公示到别的日期请回复日期（如“5月20日”）。');
    }
    default:
      return card(QUESTIONS[node]);
  }
}

function facts(data: Data): EliminationFacts {
  return {
    wholeHouseholdNoLabour: data.subject!.noLabour,
    perCapitaIncome: data.income ?? null,
    incomeLine: data.campaign.incomeLine,
    threeGuaranteesSecured: !!data.guarantees,
    drinkingWaterSafe: !!data.water,
    risksRemaining: data.risksGone ? [] : data.subject!.risks,
  };
}

/** After the last fact: refuse with every reason, or set the 公示. */
function judge(data: Data, env: Env): StepResult {
  const s = data.subject!;
  const faults = eliminationFaults(s.since ?? s.includedOn, data.cause ?? null, facts(data), shanghaiDay(env.now), { minMonthsBeforeElimination: data.campaign.eliminationMinMonths });
  if (faults.length) return done(say(`${s.headName}户现在还不能申请风险消除：\n${faults.map((f) => `· ${describeFault(f)}`).join('\n')}\n未提交申请。条件具备后请再发“风险消除 ${s.headName}”。`));
  return ask('publicity', data, env);
}

async function propose(data: Data, until: Day, env: Env): Promise<StepResult> {
  const s = data.subject!;
  const f = facts(data);
  const payload = { kind: 'elimination' as const, mode: data.mode ?? 'assisted', cause: data.cause ?? null, facts: f, note: '' };
  const who = await env.data.caseContacts(s.householdId);
  const text = `${caseHousehold(s)}申请风险消除（${data.mode === 'natural' ? '自然消除' : '帮扶消除'}），公示到${dayLabel(until)}；公示期满无异议后请镇街审核（发送“镇街审核”）。`;
  return done(
    { type: 'command', command: { kind: 'casework.request.open', subjectId: s.id, payload, publicityUntil: until } },
    say(`已提交：${text}\n核实的情况：人均纯收入${f.perCapitaIncome ?? '—'}元，三保障${f.threeGuaranteesSecured ? '有保障' : '—'}，饮水${f.drinkingWaterSafe ? '安全' : '—'}。`),
    ...notify([...who.village, ...who.town], env, text),
  );
}

async function onAnswer(node: Node, data: Data, input: Input, env: Env): Promise<StepResult> {
  if (node === 'pick') {
    const n = input.type === 'text' ? choiceOf(input.text, data.subjects!.length) : null;
    return n ? ask('mode', { ...data, subject: data.subjects![n - 1], subjects: undefined }, env) : ask('pick', data, env, [say('请回复序号。')]);
  }
  if (node === 'income') {
    if (input.type !== 'text') return ask(node, data, env, [say(TEXT_PLEASE)]);
    const a = parseAmount(input.text) ?? parseChineseNumber(input.text.replace(/元$/, '').trim());
    return a ? ask('guarantees', { ...data, income: a.value }, env) : ask(node, data, env, [say('没看懂金额，请回复数字，如“9200”。')]);
  }
  if (node === 'publicity' && input.type === 'text') {
    const today = shanghaiDay(env.now);
    const day = parseDay(input.text, today);
    if (day) {
      const days = daysBetween(today, day) + 1;
      if (days < data.campaign.publicityMinDays) return ask(node, data, env, [say(`公示期只有${Math.max(days, 0)}天，至少需要${data.campaign.publicityMinDays}天。`)]);
      return propose(data, day, env);
    }
  }
  const keys = node === 'mode' ? ['assisted', 'natural'] : node === 'cause' ? CAUSES.map((c) => c.key) : ['yes', 'no'];
  let a: string | 'stale' | null;
  if (input.type === 'text' && (node === 'mode' || node === 'cause')) {
    const t = own(input.text);
    a = node === 'mode' ? (/帮扶/.test(t) ? 'assisted' : /自然/.test(t) ? 'natural' : null) : (CAUSES.find((c) => t.includes(c.text.slice(2)))?.key ?? null);
  } else a = answerOf(input, data.taskId ?? '', ['有', '保障', '安全', '消除', '公示'], keys);
  if (a === 'stale') return ask(node, data, env, [say(STALE_CARD)]);
  if (a === null) return ask(node, data, env, [say('没看懂。')]);
  switch (node) {
    case 'mode':
      return a === 'natural' ? ask('cause', { ...data, mode: 'natural' }, env) : ask('income', { ...data, mode: 'assisted', cause: null }, env);
    case 'cause':
      return a === 'household_dissolved' ? ask('publicity', { ...data, cause: a }, env) : ask('income', { ...data, cause: a as NaturalCause }, env);
    case 'guarantees':
      return ask('water', { ...data, guarantees: a === 'yes' }, env);
    case 'water':
      return ask('risks', { ...data, water: a === 'yes' }, env);
    case 'risks':
      return ask('labour', { ...data, risksGone: a === 'yes' }, env);
    case 'labour':
      return judge({ ...data, subject: { ...data.subject!, noLabour: a === 'no' } }, env);
    default:
      return a === 'yes' ? propose(data, addDays(shanghaiDay(env.now), data.campaign.publicityMinDays - 1), env) : done(say('已取消，未提交风险消除申请。'));
  }
}

export const eliminateFlow: Flow = {
  name: 'casework/eliminate',
  title: TITLE,
  version: 1,
  matches: (input, env) => ['风险消除', '申请风险消除', '自然消除'].includes(casework(input, env)?.word ?? ''),
  async start(input: Input, env: Env) {
    const refused = guard(env, rolesThatMay('propose_case'), TITLE);
    if (refused) return refused;
    const c = casework(input, env)!;
    if (!c.rest) return done(say('请带上户主姓名，如“风险消除 张三”。'));
    const campaign = await env.data.caseCampaign(shanghaiDay(env.now));
    const subjects = await env.data.caseSubjects(c.rest, ['open']);
    if (subjects.length === 0) return done(say(`在您的辖区内没有找到“${c.rest}”户风险未消除的监测对象。`));
    const data: Data = { campaign, ...(subjects.length > 1 ? { subjects } : { subject: subjects[0] }) };
    if (!data.subject) return ask('pick', data, env);
    if (c.word === '自然消除') return ask('cause', { ...data, mode: 'natural' }, env);
    return ask('mode', data, env, [say(`${caseHousehold(data.subject)}申请风险消除，请逐项核实。`)]);
  },
  step: (state: ConversationState, input: Input, env: Env) => onAnswer(state.node as Node, state.data as unknown as Data, input, env),
};
