/**
 * 回头看 (附件4) of an eliminated-risk subject: the six 是/否 questions of the form, then whether a
 * new risk has appeared since (the rules' 重新识别: it opens a new lead, through the whole procedure),
 * as template cards with buttons (typing 是/否, 稳定/不稳定, 落实了/没落实 works too), a note when
 * 重新标注 is needed and the new risk's details when there is one, then the
 * record is stored and echoed with what it leads to — 回退 when anything is unstable or the whole
 * household has no labour, and the written 清退 request when asked for (both due at the city by
 * the campaign's date). Reporting the same household again the same day replaces today's record
 * only after the person sees what changes (before → after) and says 是.
 *
 * State (v2): node ∈ pick | q | relabelNote | newRiskDetail | confirm; data = { candidates?, subject?, i, answers, relabelNote?, newRiskDetails?, taskId? }.
 *
 * @example
 *   // 回头看 张三 → [card 收入是否持续稳定？ 是|否] → click 是 → … → done,
 *   // command { kind: 'field.screening.save', form: 'review', answers: { subjectId: 3, incomeStable: true, … } }
 */
import { CATEGORY } from '../../domain/catalog.js';
import { reviewConsequence, type ReviewAnswers } from '../../domain/screening.js';
import { addDays, shanghaiDay } from '../../domain/shanghai-days.js';
import { REVERT_REASON_LABEL } from '../../domain/subject.js';
import { notify } from '../casework/common.js';
import { startsWithSurname } from '../understand/names.js';
import type { ConversationState, Effect, Env, Flow, Input, StepResult } from '../types.js';
import type { Command } from '../commands.js';
import { normalize, readYesNo } from '../understand/index.js';
import { answerOf, cardQuestion, commandOf, confirmReply, dayLabel, done, echo, guard, nextMeetingDay, own, say, STALE_CARD, TEXT_PLEASE, waiting, SCREENING_KEEP_MS } from './common.js';
import type { TodaysScreening } from './data.js';
import { nameIn } from './pick-household.js';
import { chosenSubject, findSubjects, type SubjectRef } from './pick-subject.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '回头看';
// A household named right after the word (“回头看霍金山家 收入稳定”, “回头看霍金山 稳定”): no space needed
// before the name; without 家/户 it ends at a space or the end, and starts with a surname.
const NAMED = (rest: string) => /^[\u4e00-\u9fa5·]{2,4}?(?:家|户)/.test(rest) || (/^[\u4e00-\u9fa5·]{2,4}(?=\s|$)/.test(rest) && startsWithSurname(rest));
const ROLES = FIELD_ROLES.review;

type Key = 'incomeStable' | 'measuresImplemented' | 'guaranteesStable' | 'eliminationStable' | 'needsRelabel' | 'needsWithdrawal' | 'newRisk';

/**
 * The six questions of 附件4, in the form's column order, with the words that echo an answer; then
 * the one the rules add (风险消除 needs “no new risk”, and a new one means 重新识别).
 */
const QUESTIONS: Array<{ key: Key; text: string; echo: string[] }> = [
  { key: 'incomeStable', text: '收入是否持续稳定？', echo: ['稳定'] },
  { key: 'measuresImplemented', text: '帮扶措施是否落实？', echo: ['落实', '到位'] },
  { key: 'guaranteesStable', text: '“三保障”及饮水安全是否持续巩固？', echo: ['巩固', '稳定', '保障'] },
  { key: 'eliminationStable', text: '风险消除是否稳定？', echo: ['稳定'] },
  { key: 'needsRelabel', text: '是否需要重新标注或备注？', echo: ['需要', '要'] },
  { key: 'needsWithdrawal', text: '是否需要清退？', echo: ['需要', '要', '清退'] },
  { key: 'newRisk', text: '是否出现新的返贫致贫风险？', echo: ['有', '出现', '风险'] },
];

interface Data {
  candidates?: SubjectRef[];
  subject?: SubjectRef;
  i: number;
  answers: Partial<Record<Key, boolean>>;
  relabelNote?: string;
  newRiskDetails?: string;
  taskId?: string;
}

function askQuestion(data: Data, env: Env, note?: string): StepResult {
  const s = data.subject as SubjectRef;
  const q = QUESTIONS[data.i]!;
  const card = cardQuestion(env, {
    title: `回头看 ${s.headName}户（${data.i + 1}/${QUESTIONS.length}）`,
    question: q.text,
    lines: [{ key: '对象类型', value: CATEGORY.label[s.category] }, ...(s.eliminatedOn ? [{ key: '消除时间', value: s.eliminatedOn }] : [])],
  });
  const intro = data.i === 0 ? [say(`回头看（附件4）：${s.label}，${CATEGORY.label[s.category]}。共${QUESTIONS.length}个问题，点按钮或回复“是”“否”。`)] : [];
  return waiting(reviewFlow, 'q', { ...data, taskId: card.taskId }, env, [...(note ? [say(note)] : []), ...intro, card.effect]);
}

async function begin(env: Env, name: string | null): Promise<StepResult> {
  const found = await findSubjects(env, 'eliminated', name, TITLE);
  if (found.kind === 'one') return askQuestion({ subject: found.subject, i: 0, answers: {} }, env);
  if (found.kind === 'many') return waiting(reviewFlow, 'pick', { candidates: found.candidates, i: 0, answers: {} }, env, [say(found.text)]);
  return found.final ? done(say(found.text)) : waiting(reviewFlow, 'pick', { candidates: [], i: 0, answers: {} }, env, [say(found.text)]);
}

function answersOf(data: Data): ReviewAnswers {
  const s = data.subject as SubjectRef;
  const a = data.answers as Record<Key, boolean>;
  return {
    subjectId: s.id, category: s.category, incomeStable: a.incomeStable, measuresImplemented: a.measuresImplemented, guaranteesStable: a.guaranteesStable,
    eliminationStable: a.eliminationStable, needsRelabel: a.needsRelabel, relabelNote: a.needsRelabel ? (data.relabelNote ?? '') : null, needsWithdrawal: a.needsWithdrawal,
    newRisk: a.newRisk, newRiskDetails: a.newRisk ? (data.newRiskDetails ?? '') : null,
  };
}

const yesNo = (b: unknown) => (b ? '是' : '否');
const answerShown = (key: Key, a: Partial<ReviewAnswers>) =>
  `${yesNo(a[key])}${key === 'needsRelabel' && a.needsRelabel ? `（${echo(a.relabelNote ?? '')}）` : key === 'newRisk' && a.newRisk ? `（${echo(a.newRiskDetails ?? '')}）` : ''}`;

/** "收入是否持续稳定：是 → 否" for each answer that today's earlier record has otherwise; all of them when it kept none. */
function changesFrom(earlier: TodaysScreening, now: ReviewAnswers): string[] {
  const was = earlier.answers as Partial<ReviewAnswers> | undefined;
  const label = (q: (typeof QUESTIONS)[number]) => q.text.replace(/？$/, '');
  if (!was) return QUESTIONS.map((q) => `${label(q)}：（原记录）→ ${answerShown(q.key, now)}`);
  return QUESTIONS.filter((q) => answerShown(q.key, was) !== answerShown(q.key, now)).map((q) => `${label(q)}：${answerShown(q.key, was)} → ${answerShown(q.key, now)}`);
}

const CONFIRM = '回复“是”或“确认”更正；回复“取消”不保存（原记录不变）。';
const NEW_RISK_ASK = '请简要说明新的风险（如：户主今年住院，自付3万多）。';

/** All six answered: saved, unless it would change today's earlier record — then shown before → after first. */
async function finish(data: Data, env: Env): Promise<StepResult> {
  const s = data.subject as SubjectRef;
  const earlier = await env.data.screenedToday(s.householdId, 'review', shanghaiDay(env.now));
  const diff = earlier ? changesFrom(earlier, answersOf(data)) : [];
  if (diff.length) return waiting(reviewFlow, 'confirm', data, env, [say(`今天已登记过${s.headName}户的回头看（附件4），本次将更正：\n${diff.join('\n')}\n${CONFIRM}`)]);
  return save(data, !!earlier, env);
}

async function save(data: Data, earlier: boolean, env: Env): Promise<StepResult> {
  const s = data.subject as SubjectRef;
  const answers = answersOf(data);
  const campaign = await env.data.fieldCampaign(shanghaiDay(env.now));
  const command: Command = { kind: 'field.screening.save', form: 'review', campaign: campaign.code, householdId: s.householdId, answers, remark: '' };
  const c = reviewConsequence(answers, { wholeHouseholdNoLabour: s.noLabour });
  const by = dayLabel(campaign.rollbackRequestsBy);
  const lines = [
    earlier ? '已更正今天的回头看（附件4），原记录已留档：' : '已登记回头看（附件4）：',
    `户主：${s.label}，${CATEGORY.label[s.category]}`,
    ...QUESTIONS.map((q) => `${q.text.replace(/？$/, '')}：${answerShown(q.key, answers)}`),
  ];
  const effects: Effect[] = [{ type: 'command', command }];
  const today = shanghaiDay(env.now);
  if (c.revert && today <= campaign.rollbackRequestsBy) {
    // The 回退 itself is the town's decision: the 回头看 files the request (once; a pending one stands).
    effects.push({ type: 'command', command: { kind: 'casework.revert.request', subjectId: s.id, reason: c.revert, note: `回头看：${REVERT_REASON_LABEL[c.revert]}` } });
    lines.push(`结论：${REVERT_REASON_LABEL[c.revert]}，应回退为“风险未消除”。已提交回退申请，待镇街审核；回退后请落实帮扶措施。`);
    const who = await env.data.caseContacts(s.householdId);
    effects.push(...notify([...who.village, ...who.town], env, `${s.headName}户回头看发现${REVERT_REASON_LABEL[c.revert]}，已申请回退为“风险未消除”，请镇街审核（发送“镇街审核”）。`));
  } else if (c.revert) lines.push(`结论：${REVERT_REASON_LABEL[c.revert]}，应回退为“风险未消除”。回退书面申请须在${by}前报送，已过截止日，本次不能申请回退，请报镇街处理。`);
  else if (!answers.newRisk) lines.push('结论：风险消除稳定，维持“风险消除”。');
  if (answers.newRisk) {
    const meeting = dayLabel(nextMeetingDay(env.now, campaign.meeting));
    const lead = await env.data.openLeadOf(s.householdId);
    lines.push(
      lead && !earlier
        ? `出现新的风险：该户已有未办结的风险线索（${dayLabel(lead.deadline)}前完成认定），本次情况一并提交本村${meeting}研判会。`
        : `出现新的风险：按重新识别办理，已生成风险线索，提交本村${meeting}研判会研判，${dayLabel(addDays(today, campaign.identificationLimitDays))}前完成认定。`,
    );
  }
  if (c.withdrawalCandidate) lines.push(today <= campaign.rollbackRequestsBy ? `需要清退：请村干部于${by}前发送“清退 ${s.headName}”并附书面申请，经镇街审核、市级审批后清退。` : `需要清退：清退书面申请须在${by}前报送，已过截止日。`);
  lines.push(`如需更正：今天内重新发送“回头看 ${s.headName}”，确认后新记录替换本条，原记录留档。`);
  return done(...effects, say(lines.join('\n')));
}

async function onPick(data: Data, input: Input, env: Env): Promise<StepResult> {
  const repeat = (note: string) => waiting(reviewFlow, 'pick', data, env, [say(note)]);
  if (input.type !== 'text') return repeat(TEXT_PLEASE);
  const chosen = chosenSubject(input.text, data.candidates ?? []);
  if (!chosen) return repeat(data.candidates?.length ? `请回复1到${data.candidates.length}之间的序号，或户主姓名。` : '请回复户主姓名。');
  if ('subject' in chosen) return askQuestion({ subject: chosen.subject, i: 0, answers: {} }, env);
  return begin(env, chosen.name);
}

async function onAnswer(data: Data, input: Input, env: Env): Promise<StepResult> {
  const q = QUESTIONS[data.i]!;
  if (input.type !== 'text' && input.type !== 'card') return askQuestion(data, env, TEXT_PLEASE);
  // “有，老汉又住院了”: the new risk and its details in one answer.
  const said = q.key === 'newRisk' && input.type === 'text' ? readYesNo(input.text, { echo: q.echo }) : null;
  if (said?.answer === 'yes' && said.rest.trim().length >= 2) return finish({ ...data, answers: { ...data.answers, newRisk: true }, newRiskDetails: own(said.rest), i: data.i + 1 }, env);
  const a = said?.answer ?? answerOf(input, data.taskId ?? '', q.echo);
  if (a === 'stale') return askQuestion(data, env, STALE_CARD);
  if (a === null) return askQuestion(data, env, '没看懂，请点按钮或回复“是”“否”。');
  const answers = { ...data.answers, [q.key]: a === 'yes' };
  const next: Data = { ...data, answers, i: data.i + 1 };
  if (q.key === 'needsRelabel' && a === 'yes') return waiting(reviewFlow, 'relabelNote', next, env, [say('请写明需要重新标注或备注的内容（如：风险类型应为因病）。')]);
  if (q.key === 'newRisk' && a === 'yes') return waiting(reviewFlow, 'newRiskDetail', next, env, [say(NEW_RISK_ASK)]);
  return next.i < QUESTIONS.length ? askQuestion(next, env) : finish(next, env);
}

export const reviewFlow: Flow = {
  name: 'field/review',
  title: TITLE,
  // v2: the seventh question (a new risk) and its details.
  version: 2,
  // A half-finished report is kept (a visit, lunch, the night): SCREENING_KEEP_MS.
  keepMs: SCREENING_KEEP_MS,
  about: (state) => {
    const name = (state.data as { subject?: { headName: string } }).subject?.headName;
    return name ? `${name}户` : null;
  },
  matches: (input, env) => commandOf(input, env, ['review'], NAMED) !== null,
  async start(input: Input, env: Env) {
    const refused = guard(env, ROLES, TITLE);
    if (refused) return refused;
    const rest = commandOf(input, env, ['review'], NAMED)?.rest ?? '';
    // “张三 稳定”: the name is the first word when the whole is none.
    return begin(env, rest ? (nameIn(rest) ?? nameIn(rest.split(/\s+/)[0] ?? '')) : null);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const data = state.data as unknown as Data;
    if (state.node === 'pick') return onPick(data, input, env);
    if (state.node === 'confirm') {
      if (input.type === 'text' && commandOf(input, env, ['review'], NAMED)) return reviewFlow.start(input, env);
      const yes = input.type === 'text' ? confirmReply(input.text) : null;
      if (yes === 'yes') return save(data, true, env);
      if (yes === 'no') return done(say('好的，没有保存，今天的原记录不变。'));
      return waiting(reviewFlow, 'confirm', data, env, [say(`请回复“是”更正，或回复“取消”不保存。`)]);
    }
    if (state.node === 'newRiskDetail') {
      const t = input.type === 'text' ? normalize(input.text) : '';
      if (t.length < 2 || answerOf(input, '', []) !== null) return waiting(reviewFlow, 'newRiskDetail', data, env, [say(`请用文字说明是什么风险。${NEW_RISK_ASK}`)]);
      const next = { ...data, newRiskDetails: own(input.type === 'text' ? input.text : '') };
      return next.i < QUESTIONS.length ? askQuestion(next, env) : finish(next, env);
    }
    if (state.node === 'relabelNote') {
      const t = input.type === 'text' ? normalize(input.text) : '';
      if (t.length < 2) return waiting(reviewFlow, 'relabelNote', data, env, [say('请用文字写明需要重新标注或备注的内容。')]);
      const next = { ...data, relabelNote: own(input.type === 'text' ? input.text : '') };
      return next.i < QUESTIONS.length ? askQuestion(next, env) : finish(next, env);
    }
    return onAnswer(data, input, env);
  },
};
