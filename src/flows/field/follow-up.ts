/**
 * 帮扶跟进 (附件5) of an open subject: 纳入时间 and 风险类型 are shown from the record; the
 * measures in place are confirmed (or chosen anew, multi-select); 帮扶是否落实 and 是否达到消除标准
 * are 是/否 template cards with a text fallback. The record is stored and echoed with what needs
 * following up. Reporting the same household again the same day replaces today's record only
 * after the person sees what changes (before → after) and says 是.
 *
 * State (v1): node ∈ pick | measuresOk | measures | implemented | meetsStandard | confirm;
 * data = { candidates?, subject?, measures?, implemented?, meets?, taskId? }.
 *
 * @example
 *   // 跟进 李四 → [card 已落实帮扶措施：健康帮扶。是否如上？] → 是 → [card 帮扶是否落实？] → 是 → [card 是否达到消除标准？] → 否
 *   // → command { kind: 'field.screening.save', form: 'follow_up', answers: { subjectId: 4, measuresInPlace: ['health'], … } }
 */
import { CATEGORY, MEASURE, RISK_TYPE, type Measure } from '../../domain/catalog.js';
import { describeFault } from '../../domain/case-faults.js';
import { followUpConsequence, type FollowUpAnswers } from '../../domain/screening.js';
import { addMonths, shanghaiDay } from '../../domain/shanghai-days.js';
import { STABLE_SINCE_LABEL } from '../../domain/subject.js';
import type { ConversationState, Env, Flow, Input, StepResult } from '../types.js';
import type { Command } from '../commands.js';
import { parseMultiSelect } from '../understand/index.js';
import { answerOf, cardQuestion, commandOf, confirmReply, dayLabel, done, guard, numbered, say, STALE_CARD, TEXT_PLEASE, waiting, SCREENING_KEEP_MS } from './common.js';
import type { TodaysScreening } from './data.js';
import { nameIn } from './pick-household.js';
import { chosenSubject, findSubjects, type SubjectRef } from './pick-subject.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '帮扶跟进';
const ROLES = FIELD_ROLES.follow_up;
// The household named in a sentence (“跟踪一下郝在明家的帮扶措施落实没”, “刘君家帮扶措施都落实了 跟进一下”).
const NAMED = (rest: string) => /^[\u4e00-\u9fa5·]{2,4}?(?:家|户)/.test(rest);

type Node = 'pick' | 'measuresOk' | 'measures' | 'implemented' | 'meetsStandard' | 'confirm';

interface Data {
  candidates?: SubjectRef[];
  subject?: SubjectRef;
  measures?: Measure[];
  implemented?: boolean;
  /** 是否达到消除标准, kept while a change to today's record waits for 是. */
  meets?: boolean;
  taskId?: string;
}

const measureList = (ms: readonly Measure[]) => (ms.length ? ms.map((m) => MEASURE.label[m]).join('、') : '无');
const MEASURE_MENU = `请回复已落实的帮扶措施编号，可多选（如“5、8”）；一项都没有请回复“无”：\n${numbered(MEASURE.codes.map((m) => MEASURE.label[m]))}`;

function ask(node: Exclude<Node, 'confirm'>, data: Data, env: Env, note?: string): StepResult {
  const s = data.subject as SubjectRef;
  const notes = note ? [say(note)] : [];
  if (node === 'measures') return waiting(followUpFlow, node, data, env, [say(note ? `${note}\n${MEASURE_MENU}` : MEASURE_MENU)]);
  const q =
    node === 'measuresOk'
      ? { title: `帮扶跟进 ${s.headName}户（1/3）`, question: `已落实帮扶措施：${measureList(s.measuresDone)}。是否如上？`, buttons: [{ key: 'yes', text: '是' }, { key: 'no', text: '有变化' }], hint: '请回复“是”，有变化请回复“否”。' }
      : node === 'implemented'
        ? { title: `帮扶跟进 ${s.headName}户（2/3）`, question: '帮扶是否落实？' }
        : { title: `帮扶跟进 ${s.headName}户（3/3）`, question: '是否达到风险消除标准？' };
  const card = cardQuestion(env, { ...q, lines: [{ key: '纳入时间', value: s.includedOn }, { key: '风险类型', value: s.risks.map((r) => RISK_TYPE.label[r]).join('、') }] });
  const intro = node === 'measuresOk' && !note ? [say(`帮扶跟进（附件5）：${s.label}，${CATEGORY.label[s.category]}，${s.includedOn}纳入，风险类型：${s.risks.map((r) => RISK_TYPE.label[r]).join('、')}。`)] : [];
  return waiting(followUpFlow, node, { ...data, taskId: card.taskId }, env, [...notes, ...intro, card.effect]);
}

async function begin(env: Env, name: string | null): Promise<StepResult> {
  const found = await findSubjects(env, 'open', name, '跟进');
  if (found.kind === 'one') return ask('measuresOk', { subject: found.subject }, env);
  if (found.kind === 'many') return waiting(followUpFlow, 'pick', { candidates: found.candidates }, env, [say(found.text)]);
  return found.final ? done(say(found.text)) : waiting(followUpFlow, 'pick', { candidates: [] }, env, [say(found.text)]);
}

function answersOf(data: Data, meets: boolean): FollowUpAnswers {
  const s = data.subject as SubjectRef;
  return { subjectId: s.id, includedOn: s.includedOn, risks: s.risks, measuresInPlace: data.measures ?? [], assistanceImplemented: !!data.implemented, meetsEliminationStandard: meets };
}

const yes = (b: unknown) => (b ? '是' : '否');

/** "帮扶是否落实：是 → 否" for each answer today's earlier record has otherwise; all of them when it kept none. */
function changesFrom(earlier: TodaysScreening, now: FollowUpAnswers): string[] {
  const was = earlier.answers as Partial<FollowUpAnswers> | undefined;
  const shown = (a: Partial<FollowUpAnswers>): Array<[string, string]> => [
    ['已落实帮扶措施', measureList(a.measuresInPlace ?? [])],
    ['帮扶是否落实', yes(a.assistanceImplemented)],
    ['是否达到消除标准', yes(a.meetsEliminationStandard)],
  ];
  const after = shown(now);
  if (!was) return after.map(([k, v]) => `${k}：（原记录）→ ${v}`);
  return shown(was).flatMap(([k, v], i) => (v === after[i]![1] ? [] : [`${k}：${v} → ${after[i]![1]}`]));
}

/** All answered: saved, unless it would change today's earlier record — then shown before → after first. */
async function finish(data: Data, meets: boolean, env: Env): Promise<StepResult> {
  const s = data.subject as SubjectRef;
  const earlier = await env.data.screenedToday(s.householdId, 'follow_up', shanghaiDay(env.now));
  const diff = earlier ? changesFrom(earlier, answersOf(data, meets)) : [];
  if (diff.length) {
    const text = `今天已登记过${s.headName}户的帮扶跟进（附件5），本次将更正：\n${diff.join('\n')}\n回复“是”或“确认”更正；回复“取消”不保存（原记录不变）。`;
    return waiting(followUpFlow, 'confirm', { ...data, meets }, env, [say(text)]);
  }
  return save(data, meets, !!earlier, env);
}

async function save(data: Data, meets: boolean, earlier: boolean, env: Env): Promise<StepResult> {
  const s = data.subject as SubjectRef;
  const answers = answersOf(data, meets);
  const campaign = await env.data.fieldCampaign(shanghaiDay(env.now));
  const command: Command = { kind: 'field.screening.save', form: 'follow_up', campaign: campaign.code, householdId: s.householdId, answers, remark: '' };
  const c = followUpConsequence(answers);
  const lines = [
    earlier ? '已更正今天的帮扶跟进（附件5），原记录已留档：' : '已登记帮扶跟进（附件5）：',
    `户主：${s.label}，${CATEGORY.label[s.category]}`,
    `纳入时间：${s.includedOn}`,
    `风险类型：${s.risks.map((r) => RISK_TYPE.label[r]).join('、')}`,
    `已落实帮扶措施：${measureList(answers.measuresInPlace)}`,
    `帮扶是否落实：${yes(answers.assistanceImplemented)}`,
    `是否达到消除标准：${yes(meets)}`,
    ...c.warnings.map((w) => `提醒：${describeFault(w)}`),
  ];
  if (c.eliminationCandidate) {
    const since = s.since ?? { day: s.includedOn, after: 'include' as const };
    const earliest = addMonths(since.day, campaign.eliminationMinMonths);
    lines.push(`可按程序申请风险消除（核实、评议公示、审核、审批）；收入需稳定超过监测线，${STABLE_SINCE_LABEL[since.after]}满${campaign.eliminationMinMonths}个月（${dayLabel(earliest)}起）方可消除。`);
  }
  lines.push(`如需更正：今天内重新发送“跟进 ${s.headName}”，确认后新记录替换本条，原记录留档。`);
  return done({ type: 'command', command }, say(lines.join('\n')));
}

async function onPick(data: Data, input: Input, env: Env): Promise<StepResult> {
  const repeat = (note: string) => waiting(followUpFlow, 'pick', data, env, [say(note)]);
  if (input.type !== 'text') return repeat(TEXT_PLEASE);
  const chosen = chosenSubject(input.text, data.candidates ?? []);
  if (!chosen) return repeat(data.candidates?.length ? `请回复1到${data.candidates.length}之间的序号，或户主姓名。` : '请回复户主姓名。');
  if ('subject' in chosen) return ask('measuresOk', { subject: chosen.subject }, env);
  return begin(env, chosen.name);
}

export const followUpFlow: Flow = {
  name: 'field/follow-up',
  title: TITLE,
  version: 1,
  // A half-finished report is kept (a visit, lunch, the night): SCREENING_KEEP_MS.
  keepMs: SCREENING_KEEP_MS,
  about: (state) => {
    const name = (state.data as { subject?: { headName: string } }).subject?.headName;
    return name ? `${name}户` : null;
  },
  matches: (input, env) => commandOf(input, env, ['followup'], NAMED) !== null,
  async start(input: Input, env: Env) {
    const refused = guard(env, ROLES, TITLE);
    if (refused) return refused;
    const rest = commandOf(input, env, ['followup'], NAMED)?.rest ?? '';
    // “郝在明家的帮扶措施落实没”: the household named before 家/户, the rest is the question.
    const head = /^([\u4e00-\u9fa5·]{2,4}?)(?:家|户)/.exec(rest)?.[1];
    return begin(env, rest ? (head ?? nameIn(rest)) : null);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const node = state.node as Node;
    const data = state.data as unknown as Data;
    if (node === 'pick') return onPick(data, input, env);
    if (node === 'confirm') {
      if (input.type === 'text' && commandOf(input, env, ['followup'])) return followUpFlow.start(input, env);
      const said = input.type === 'text' ? confirmReply(input.text) : null;
      if (said === 'yes') return save(data, !!data.meets, true, env);
      if (said === 'no') return done(say('好的，没有保存，今天的原记录不变。'));
      return waiting(followUpFlow, 'confirm', data, env, [say('请回复“是”更正，或回复“取消”不保存。')]);
    }
    if (node === 'measures') {
      if (input.type !== 'text') return ask(node, data, env, TEXT_PLEASE);
      const picked = parseMultiSelect(input.text, MEASURE.codes.length);
      if (!picked.ok) return ask(node, data, env, picked.message);
      return ask('implemented', { ...data, measures: picked.values.map((n) => MEASURE.codes[n - 1] as Measure) }, env);
    }
    if (input.type !== 'text' && input.type !== 'card') return ask(node, data, env, TEXT_PLEASE);
    const a = answerOf(input, data.taskId ?? '', node === 'measuresOk' ? ['如上', '一样', '对'] : node === 'implemented' ? ['落实', '到位'] : ['达到', '达标']);
    if (a === 'stale') return ask(node, data, env, STALE_CARD);
    if (a === null) return ask(node, data, env, '没看懂，请点按钮或回复“是”“否”。');
    if (node === 'measuresOk') return a === 'yes' ? ask('implemented', { ...data, measures: (data.subject as SubjectRef).measuresDone }, env) : ask('measures', data, env);
    if (node === 'implemented') return ask('meetsStandard', { ...data, implemented: a === 'yes' }, env);
    return finish(data, a === 'yes', env);
  },
};
