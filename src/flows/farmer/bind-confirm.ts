/**
 * The grid worker's side of 绑定: confirm or refuse a farmer's request to be linked to a household,
 * by the card's buttons or in words ("确认绑定 BD12", "确认绑定 BD12 H0001" when no household
 * matched, "拒绝绑定 BD12 不是本村的"). Only a grid worker or village cadre whose jurisdiction
 * covers the request may decide (the read port answers nothing otherwise, with the same words as
 * for an unknown reference). The decision is stored with who and when (command
 * `farmer.decide_binding`) and the farmer is told through 微信客服.
 *
 * @example
 *   bindConfirmFlow.start({ type: 'card', taskId: 'bind-BD12-1', eventKey: 'confirm' }, env)
 *   // done: '已确认：编号BD12，张三绑定到户主张三家（户编号H0001）。' + a kf message to the farmer
 */
import { maskText } from '../../domain/privacy.js';
import { type Role, POLICY } from '../../domain/roles.js';
import { notRegistered } from '../help.js';
import { normalize } from '../understand/index.js';
import type { Effect, Env, Flow, Input, StepResult } from '../types.js';
import { shortDay, text } from './common.js';
import type { BindingView } from './data.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';

const NAME = 'farmer/bind-confirm';
const DECIDERS: readonly Role[] = POLICY.decide_binding;

export const CONFIRM_TEXTS = {
  notFound: (ref: string) => `没有找到编号${ref}的绑定申请，或它不在您的辖区。`,
  role: '只有网格员或村干部可以确认绑定申请。',
  decided: (ref: string, how: string, day: string) => `编号${ref}的绑定申请已于${day}${how}，不用再处理。`,
  needCode: (ref: string) => `这个申请没有自动匹配到户。核实后请回复“确认绑定 ${ref} 户编号”。`,
  codeNotFound: (code: string) => `没有找到户编号${code}的农户，或它不在您的辖区。`,
  confirmed: (ref: string, name: string, head: string, code: string) => `已确认：编号${ref}，${name}绑定到户主${head}家（户编号${code}）。`,
  rejected: (ref: string) => `已退回编号${ref}的绑定申请，已通知农户。`,
  farmerConfirmed: (ref: string) => `您的家庭绑定已核实通过（编号${ref}）。以后发“查询进度”就能看到您家事项的进度。`,
  farmerRejected: (ref: string, reason: string) => `您的家庭绑定申请（编号${ref}）没有通过核实：${reason}。如有疑问请联系村里的网格员，也可以重新申请。`,
  usage: '请回复“确认绑定 编号”或“拒绝绑定 编号 原因”，例如：确认绑定 BD12。',
};

type Decision = { ref: string; decision: 'confirm'; code: string | null } | { ref: string; decision: 'reject'; reason: string };

const CARD_TASK = /^bind-([A-Za-z0-9]+)-\d+$/;
const TEXT_COMMAND = /^(确认|同意|拒绝|驳回|退回)绑定\s*([A-Za-z0-9]+)?\s*(.*)$/;

function decisionOf(input: Input): Decision | 'usage' | null {
  if (input.type === 'card') {
    const m = CARD_TASK.exec(input.taskId);
    if (!m) return null;
    const ref = m[1] as string;
    return input.eventKey === 'confirm' ? { ref, decision: 'confirm', code: null } : { ref, decision: 'reject', reason: '与户籍信息不符' };
  }
  if (input.type !== 'text') return null;
  const m = TEXT_COMMAND.exec(normalize(input.text));
  if (!m) return null;
  if (!m[2]) return 'usage';
  const ref = m[2].toUpperCase();
  const rest = (m[3] ?? '').trim();
  if (m[1] === '确认' || m[1] === '同意') return { ref, decision: 'confirm', code: rest.split(/\s+/)[0] || null };
  return { ref, decision: 'reject', reason: rest || '与户籍信息不符' };
}

const toFarmer = (v: BindingView, message: string): Effect => ({
  type: 'send',
  to: { channel: 'kf', id: v.farmer.externalUserId, ...(v.farmer.openKfId ? { openKfId: v.farmer.openKfId } : {}) },
  reply: { type: 'text', text: message },
});

/** The pressed card shows the outcome instead of its buttons (only for a press that carries a code). */
const pressed = (input: Input, label: string): Effect[] =>
  input.type === 'card' && input.responseCode ? [{ type: 'reply', reply: { type: 'card_update', responseCode: input.responseCode, replaceName: label } }] : [];

async function decide(input: Input, env: Env): Promise<StepResult> {
  const staff = env.actor.staff;
  if (!staff) return { status: 'done', effects: [{ type: 'reply', reply: notRegistered(env) }] };
  if (!DECIDERS.includes(staff.role)) return { status: 'done', effects: [text(CONFIRM_TEXTS.role)] };
  const d = decisionOf(input);
  if (d === null || d === 'usage') return { status: 'done', effects: [text(CONFIRM_TEXTS.usage)] };
  const view = await env.data.bindingForStaff(d.ref);
  if (!view) return { status: 'done', effects: [text(CONFIRM_TEXTS.notFound(d.ref))] };
  if (view.status !== 'pending') {
    const how = view.status === 'confirmed' ? '确认' : view.status === 'rejected' ? '退回' : '被新的申请替代';
    return { status: 'done', effects: [text(CONFIRM_TEXTS.decided(view.ref, how, view.decidedAt ? shortDay(shanghaiDay(view.decidedAt)) : '')), ...pressed(input, `已${how}`)] };
  }
  if (d.decision === 'reject') {
    const reason = maskText(d.reason);
    return {
      status: 'done',
      effects: [
        { type: 'command', command: { kind: 'farmer.decide_binding', ref: view.ref, decision: 'reject', householdId: null, reason } },
        text(CONFIRM_TEXTS.rejected(view.ref)),
        toFarmer(view, CONFIRM_TEXTS.farmerRejected(view.ref, reason)),
        ...pressed(input, '已退回'),
      ],
    };
  }
  let household = view.household;
  if (d.code) {
    const found = await env.data.householdForStaff(d.code);
    if (!found) return { status: 'done', effects: [text(CONFIRM_TEXTS.codeNotFound(d.code))] };
    household = { id: found.id, code: found.code, headName: found.headName };
  }
  if (!household) return { status: 'done', effects: [text(CONFIRM_TEXTS.needCode(view.ref))] };
  return {
    status: 'done',
    effects: [
      { type: 'command', command: { kind: 'farmer.decide_binding', ref: view.ref, decision: 'confirm', householdId: household.id, reason: '' } },
      text(CONFIRM_TEXTS.confirmed(view.ref, view.name, household.headName, household.code)),
      toFarmer(view, CONFIRM_TEXTS.farmerConfirmed(view.ref)),
      ...pressed(input, '已确认'),
    ],
  };
}

export const bindConfirmFlow: Flow = {
  name: NAME,
  title: '确认绑定',
  version: 1,
  matches: (input, env) => env.actor.sender.channel === 'app' && decisionOf(input) !== null,
  start: decide,
  step: (_state, input, env) => decide(input, env),
};
