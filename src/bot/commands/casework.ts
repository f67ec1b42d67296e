/**
 * The domain commands of the casework flows: kind → function(tx, command, ctx), performed by the
 * dispatcher in the transaction that also saves the conversation. Who and when come from the
 * dispatcher; the actor's role and jurisdiction are checked again here; the repositories keep the
 * who/when/why history of every change.
 *
 * - `casework.lead.town_review` {leadId, approve, reason} → 镇街审核 recorded, or the lead returned
 *   to the village (a history row with the reason; the lead stays open)
 * - `casework.lead.city_decide` {leadId, include, category, epidemic, reason} → 市级审批, 公告,
 *   系统录入, the lead decided 纳入 and the monitoring subject created (members, risks read from the
 *   finds, the measures that answer them planned); or 不予纳入 with the reason
 * - `casework.request.open` {subjectId, payload, publicityUntil, evidence?, evidenceContent?} → a
 *   风险消除 proposal or a 清退 written request (docs/CASEWORK.md)
 * - `casework.request.decide` {requestId, level, approve, reason} → the town's or the city's decision
 * - `casework.lead.comparison` {leadId} → 信息比对 recorded (it runs alongside the procedure)
 * - `casework.revert.request` {subjectId, reason, note} → the 回退 a 回头看 asks for (nothing when
 *   one is already pending)
 *
 * @example
 *   await caseworkCommands['casework.lead.town_review']!(tx, { kind: 'casework.lead.town_review', leadId: 3, approve: true, reason: '' }, ctx);
 */
import type { CasePayload } from '../../domain/case-request.js';
import { plannedMeasures, riskEntriesOf } from '../../domain/risk-profile.js';
import { rolesThatMay, type Ability } from '../../domain/roles.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import type { Placement } from '../../domain/types.js';
import type { StaffActor } from '../../flows/types.js';
import { appendHistory } from '../../persistence/case-history.js';
import { caseRequestsOfSubjects, decideCaseRequestRecord, getCaseRequest, openCaseRequestRecord } from '../../persistence/case-requests.js';
import type { Tx } from '../../persistence/db.js';
import { getHousehold } from '../../persistence/households.js';
import { decideLeadRecord, getLead, recordLeadStepRecord } from '../../persistence/leads.js';
import { includeSubjectRecord, subjectPlacement } from '../../persistence/subjects.js';
import type { CommandContext } from '../dispatch/ports.js';
import { checkedHandlers, type Handler, type KindsOf } from './define.js';
import { caseCampaignOf, leadRisks } from '../flow-data/casework.js';
import { campaignOf, holds, leadConfigOf } from '../flow-data/field-views.js';

/** A command the actor may not perform, or one that does not make sense; the transaction rolls back. */
export class CaseworkCommandError extends Error {
  constructor(
    readonly code: 'CASEWORK.NOT_STAFF' | 'CASEWORK.ROLE' | 'CASEWORK.OUT_OF_JURISDICTION' | 'CASEWORK.BAD_COMMAND',
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'CaseworkCommandError';
  }
}

function staffIn(ctx: CommandContext, ability: Ability, p: Placement, what: string): StaffActor {
  const s = ctx.actor.staff;
  if (!s) throw new CaseworkCommandError('CASEWORK.NOT_STAFF', ctx.actor.sender.id);
  if (!rolesThatMay(ability).includes(s.role)) throw new CaseworkCommandError('CASEWORK.ROLE', `${s.userId} (${s.role})`);
  if (!holds(s.jurisdiction, p)) throw new CaseworkCommandError('CASEWORK.OUT_OF_JURISDICTION', `${s.userId}: ${what}`);
  return s;
}

async function leadFor(tx: Tx, leadId: number) {
  const lead = await getLead(tx, leadId);
  if (!lead) throw new CaseworkCommandError('CASEWORK.BAD_COMMAND', `lead ${leadId}`);
  return lead;
}

const townReview: Handler<'casework.lead.town_review'> = async (tx, c, ctx) => {
  const lead = await leadFor(tx, c.leadId);
  const s = staffIn(ctx, 'town_review', lead.placement, `lead ${c.leadId}`);
  const cfg = leadConfigOf(await campaignOf(tx, shanghaiDay(ctx.now)));
  if (c.approve) {
    await recordLeadStepRecord(tx, c.leadId, { step: 'town_review', actor: s.userId, at: ctx.now, note: '镇街审核同意' }, cfg);
    return;
  }
  if (c.reason.trim().length < 2) throw new CaseworkCommandError('CASEWORK.BAD_COMMAND', 'a return needs its reason');
  // The lead stays open at the town's step: the village corrects what the town found, the town reviews again.
  await appendHistory(tx, { entity: 'risk_lead', entityId: c.leadId, actor: s.userId, at: ctx.now, reason: `镇街审核退回：${c.reason.trim()}`, before: lead, after: lead });
};

const cityDecide: Handler<'casework.lead.city_decide'> = async (tx, c, ctx) => {
  const lead = await leadFor(tx, c.leadId);
  const s = staffIn(ctx, 'city_approve', lead.placement, `lead ${c.leadId}`);
  const cfg = leadConfigOf(await campaignOf(tx, shanghaiDay(ctx.now)));
  const by = { actor: s.userId, at: ctx.now };
  if (!c.include) {
    if (c.reason.trim().length < 2) throw new CaseworkCommandError('CASEWORK.BAD_COMMAND', 'a refusal needs its reason');
    await decideLeadRecord(tx, c.leadId, { decision: 'exclude', reason: `市级审批不予纳入：${c.reason.trim()}`, ...by });
    return;
  }
  const h = lead.householdId === null ? null : await getHousehold(tx, lead.householdId);
  if (!h || !c.category) throw new CaseworkCommandError('CASEWORK.BAD_COMMAND', `lead ${c.leadId}: household and category required`);
  await recordLeadStepRecord(tx, c.leadId, { step: 'city_approval', note: '市级审批同意', ...by }, cfg);
  await recordLeadStepRecord(tx, c.leadId, { step: 'announcement', note: '市乡村振兴局公告', ...by }, cfg);
  await recordLeadStepRecord(tx, c.leadId, { step: 'system_entry', note: '录入监测对象', ...by }, cfg);
  await decideLeadRecord(tx, c.leadId, { decision: 'include', category: c.category, householdType: h.type, note: c.epidemic ? '因疫情影响纳入' : '', ...by });
  const types = leadRisks(lead);
  const risks = riskEntriesOf(types, lead.origins[0]?.note ?? '');
  const memberIds = h.members.filter((m) => !m.left).map((m) => m.idNumber);
  await includeSubjectRecord(tx, { leadId: c.leadId, memberIds, risks, measures: plannedMeasures(types), epidemic: c.epidemic, ...by });
};

const openRequest: Handler<'casework.request.open'> = async (tx, c, ctx) => {
  const placement = await subjectPlacement(tx, c.subjectId);
  const s = staffIn(ctx, 'propose_case', placement, `subject ${c.subjectId}`);
  const campaign = await caseCampaignOf(tx, shanghaiDay(ctx.now));
  if (c.payload.kind === 'withdrawal' && (!c.evidence || !c.evidenceContent)) throw new CaseworkCommandError('CASEWORK.BAD_COMMAND', 'a 清退 needs its written request');
  await openCaseRequestRecord(
    tx,
    { subjectId: c.subjectId, payload: c.payload as CasePayload, requestedBy: s.userId, at: ctx.now, publicityUntil: c.publicityUntil, evidence: c.evidence ?? null, evidenceContent: c.evidenceContent ?? null },
    { rollbackBy: campaign.rollbackBy, publicityMinDays: campaign.publicityMinDays },
    { minMonthsBeforeElimination: campaign.eliminationMinMonths },
  );
};

const decideRequest: Handler<'casework.request.decide'> = async (tx, c, ctx) => {
  const r = await getCaseRequest(tx, c.requestId);
  if (!r) throw new CaseworkCommandError('CASEWORK.BAD_COMMAND', `request ${c.requestId}`);
  const s = staffIn(ctx, c.level === 'town' ? 'town_review' : 'city_approve', r.placement, `request ${c.requestId}`);
  const campaign = await caseCampaignOf(tx, shanghaiDay(ctx.now));
  await decideCaseRequestRecord(tx, c.requestId, { level: c.level, approve: c.approve, actor: s.userId, at: ctx.now, reason: c.reason }, { minMonthsBeforeElimination: campaign.eliminationMinMonths });
};

const requestRevert: Handler<'casework.revert.request'> = async (tx, c, ctx) => {
  const placement = await subjectPlacement(tx, c.subjectId);
  const s = staffIn(ctx, 'request_revert', placement, `subject ${c.subjectId}`);
  if ((await caseRequestsOfSubjects(tx, [c.subjectId])).some((r) => r.payload.kind === 'revert' && (r.status === 'pending_town' || r.status === 'pending_city'))) return;
  const campaign = await caseCampaignOf(tx, shanghaiDay(ctx.now));
  await openCaseRequestRecord(
    tx,
    { subjectId: c.subjectId, payload: { kind: 'revert', reason: c.reason, note: c.note }, requestedBy: s.userId, at: ctx.now, publicityUntil: null, evidence: null },
    { rollbackBy: campaign.rollbackBy, publicityMinDays: campaign.publicityMinDays },
    { minMonthsBeforeElimination: campaign.eliminationMinMonths },
  );
};

/** 信息比对 recorded when it is done, alongside the procedure (before 镇街审核). */
const recordComparison: Handler<'casework.lead.comparison'> = async (tx, c, ctx) => {
  const lead = await leadFor(tx, c.leadId);
  const s = staffIn(ctx, 'record_comparison', lead.placement, `lead ${c.leadId}`);
  const cfg = leadConfigOf(await campaignOf(tx, shanghaiDay(ctx.now)));
  await recordLeadStepRecord(tx, c.leadId, { step: 'data_comparison', actor: s.userId, at: ctx.now, note: '信息比对已完成' }, cfg);
};

export const caseworkCommands = checkedHandlers<KindsOf<'casework'>>(
  {
    'casework.lead.comparison': recordComparison,
    'casework.lead.town_review': townReview,
    'casework.lead.city_decide': cityDecide,
    'casework.request.open': openRequest,
    'casework.request.decide': decideRequest,
    'casework.revert.request': requestRevert,
  },
  (kind, issues) => new CaseworkCommandError('CASEWORK.BAD_COMMAND', `${kind}: ${issues}`),
);
