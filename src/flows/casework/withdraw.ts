/**
 * 清退 requested by the village: “清退 张三”. A request after the campaign's deadline for 回退/清退
 * written requests (2022: 05-25) is refused with the deadline. Otherwise the cadre picks the
 * reason (信息比对不符, 优亲厚友/虚报, 重复纳入, 其他), describes the case, and sends the written
 * request as a photo or a file; the bot fetches and keeps it as evidence (media id, bytes, digest)
 * and files the request, which the town decides and the city approves. Nothing is deleted: a
 * withdrawn subject stays on record as 已清退.
 *
 * State (v1): node ∈ pick | reason | note | evidence; data = { campaign, subjects?, subject?, reason?, note?, taskId? }.
 *
 * @example
 *   // 村干部: 清退 张三 → [信息比对不符|优亲厚友/虚报|重复纳入|其他] → 优亲厚友/虚报 → 情况？ → (photo)
 *   // → command { kind: 'casework.request.open', subjectId: 5, payload: { kind: 'withdrawal', reason: 'favouritism', note }, evidence: { mediaId, … } }
 */
import { rolesThatMay } from '../../domain/roles.js';
import { WITHDRAWAL_REASON, type WithdrawalReason } from '../../domain/catalog.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import type { ConversationState, Effect, Env, Flow, Input, StepResult } from '../types.js';
import { answerOf, cardQuestion, choiceOf, dayLabel, done, echo, guard, numbered, own, say, STALE_CARD, waiting } from '../field/common.js';
import { caseHousehold, casework, notify } from './common.js';
import type { CaseCampaign, CaseSubject } from './data.js';

const TITLE = '清退';
type Node = 'pick' | 'reason' | 'note' | 'evidence';

interface Data {
  campaign: CaseCampaign;
  subjects?: CaseSubject[];
  subject?: CaseSubject;
  reason?: WithdrawalReason;
  note?: string;
  taskId?: string;
}

function ask(node: Node, data: Data, env: Env, lead: Effect[] = []): StepResult {
  switch (node) {
    case 'pick':
      return waiting(withdrawFlow, node, data, env, [...lead, say(`对得上的监测对象有${data.subjects!.length}户：\n${numbered(data.subjects!.map(caseHousehold))}\n请回复序号。`)]);
    case 'reason': {
      const c = cardQuestion(env, {
        title: `清退 ${data.subject!.headName}户`,
        question: '清退原因？',
        buttons: WITHDRAWAL_REASON.codes.map((k) => ({ key: k, text: WITHDRAWAL_REASON.label[k] })),
        hint: `请回复：${WITHDRAWAL_REASON.codes.map((k) => `“${WITHDRAWAL_REASON.label[k]}”`).join('、')}。`,
      });
      return waiting(withdrawFlow, node, { ...data, taskId: c.taskId }, env, [...lead, c.effect]);
    }
    case 'note':
      return waiting(withdrawFlow, node, data, env, [...lead, say(`请简要写明情况${data.reason === 'other' ? '（必填）' : '（如：家庭成员有财政供养人员；没有可回复“无”）'}。`)]);
    case 'evidence':
      return waiting(withdrawFlow, node, data, env, [...lead, say('清退须有书面申请：请把村里出具的清退申请书拍照或以文件发过来。')]);
  }
}

async function file(data: Data, input: Extract<Input, { type: 'file' }>, env: Env): Promise<StepResult> {
  if (input.msgType !== 'image' && input.msgType !== 'file') return ask('evidence', data, env, [say('请发送照片或文件（不收语音、视频）。')]);
  const kept = await env.data.keepEvidence({ mediaId: input.mediaId, msgType: input.msgType, fileName: input.fileName ?? null });
  if (!kept.ok) return ask('evidence', data, env, [say(kept.message)]);
  const s = data.subject!;
  const payload = { kind: 'withdrawal' as const, reason: data.reason!, note: data.note ?? '' };
  const who = await env.data.caseContacts(s.householdId);
  const text = `${caseHousehold(s)}申请清退（${WITHDRAWAL_REASON.label[data.reason!]}${data.note ? `：${echo(data.note)}` : ''}），书面申请已留存；请镇街审核（发送“镇街审核”），再报市级审批。`;
  return done(
    { type: 'command', command: { kind: 'casework.request.open', subjectId: s.id, payload, publicityUntil: null, evidence: kept.evidence, evidenceContent: kept.contentBase64 } },
    say(`已提交：${text}`),
    ...notify([...who.village, ...who.town], env, text),
  );
}

async function onAnswer(node: Node, data: Data, input: Input, env: Env): Promise<StepResult> {
  if (node === 'evidence') {
    if (input.type === 'file') return file(data, input, env);
    return ask('evidence', data, env, [say('还没有收到书面申请。')]);
  }
  if (node === 'pick') {
    const n = input.type === 'text' ? choiceOf(input.text, data.subjects!.length) : null;
    return n ? ask('reason', { ...data, subject: data.subjects![n - 1], subjects: undefined }, env) : ask('pick', data, env, [say('请回复序号。')]);
  }
  if (node === 'note') {
    const t = input.type === 'text' ? own(input.text) : '';
    const none = /^(无|没有|没)$/.test(t);
    if (!t || (none && data.reason === 'other')) return ask('note', data, env, [say('请写明情况。')]);
    return ask('evidence', { ...data, note: none ? '' : t }, env);
  }
  let key: string | 'stale' | null;
  if (input.type === 'text') {
    const t = own(input.text);
    key = WITHDRAWAL_REASON.codes.find((k) => t.startsWith(WITHDRAWAL_REASON.label[k]) || t.startsWith(WITHDRAWAL_REASON.label[k].slice(0, 4))) ?? null;
  } else key = answerOf(input, data.taskId ?? '', [], WITHDRAWAL_REASON.codes);
  if (key === 'stale') return ask('reason', data, env, [say(STALE_CARD)]);
  if (key === null) return ask('reason', data, env, [say('没看懂。')]);
  return ask('note', { ...data, reason: key as WithdrawalReason }, env);
}

export const withdrawFlow: Flow = {
  name: 'casework/withdraw',
  title: TITLE,
  version: 1,
  matches: (input, env) => ['清退', '申请清退'].includes(casework(input, env)?.word ?? ''),
  async start(input: Input, env: Env) {
    const refused = guard(env, rolesThatMay('propose_case'), TITLE);
    if (refused) return refused;
    const today = shanghaiDay(env.now);
    const campaign = await env.data.caseCampaign(today);
    if (today > campaign.rollbackBy) return done(say(`回退、清退书面申请须在${dayLabel(campaign.rollbackBy)}前报送，今天已过截止日，不能再申请清退。确有错误纳入的，请报镇街按程序处理。`));
    const rest = casework(input, env)!.rest;
    if (!rest) return done(say('请带上户主姓名，如“清退 张三”。'));
    const subjects = await env.data.caseSubjects(rest, ['open', 'eliminated']);
    if (subjects.length === 0) return done(say(`在您的辖区内没有找到“${rest}”户的监测对象。`));
    const data: Data = { campaign, ...(subjects.length > 1 ? { subjects } : { subject: subjects[0] }) };
    return ask(data.subject ? 'reason' : 'pick', data, env, data.subject ? [say(`${caseHousehold(data.subject)}申请清退。`)] : []);
  },
  step: (state: ConversationState, input: Input, env: Env) => onAnswer(state.node as Node, state.data as unknown as Data, input, env),
};
