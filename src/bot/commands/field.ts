/**
 * The domain commands of the field flows: kind → function(tx, command, ctx), performed by the
 * dispatcher in the transaction that also saves the conversation. Who and when come from the
 * dispatcher (`ctx.actor`, `ctx.now`), never from the command; the actor's role and jurisdiction
 * are checked again here (a household outside it is refused as if it did not exist), and the
 * casework repositories keep the who/when/why history of every change.
 *
 * - `field.screening.save` {form, campaign, householdId, answers, remark} → saveScreening (附件2–5;
 *   a same-day report by the same person overwrites; risk opens or merges a lead)
 * - `field.meeting.verdict` {householdId, screeningId, leadId, verdict, reason, confirmedSteps, publicityUntil}
 *   → 会议研判结论; 拟纳入: the confirmed earlier steps, 民主评议, 公示; 不纳入: the lead closed with the reason
 * - `field.problem.open` {category, villageCode, householdId, description, measure, deadline} → 问题清单
 * - `field.problem.rectify` {problemId, what, dataCorrected} → 对账销号
 * - `field.activity.record` {activity, villageCodes, day, people} → 动员部署 / 培训人数 reports (附件1)
 * - `field.lead.steps` {leadId, steps} → the open lead's 入户核查, 承诺授权, 信息比对 recorded in order
 *   (each only when it is not recorded yet and its turn has come)
 *
 * @example
 *   await fieldCommands['field.problem.rectify']!(tx, { kind: 'field.problem.rectify', problemId: 5, what: '已补录', dataCorrected: true }, ctx);
 */
import { checkActivity } from '../../domain/campaign-activity.js';
import { placementOf } from '../../domain/hierarchy.js';
import { blockingStep, nextStep, type Lead } from '../../domain/lead.js';
import type { Role } from '../../domain/roles.js';
import type { ScreeningRecord } from '../../domain/screening.js';
import { shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import type { Placement } from '../../domain/types.js';
import { FIELD_ROLES } from '../../flows/field/roles.js';
import type { StaffActor } from '../../flows/types.js';
import type { Tx } from '../../persistence/db.js';
import { recordActivity } from '../../persistence/activities.js';
import { householdPlacement } from '../../persistence/households.js';
import { decideLeadRecord, getLead, openLeadOfHousehold, recordLeadStepRecord } from '../../persistence/leads.js';
import { getProblem, openProblemRecord, rectifyProblemRecord } from '../../persistence/problems.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { getScreening, recordVerdict, saveScreening } from '../../persistence/screenings.js';
import type { CommandContext } from '../dispatch/ports.js';
import { checkedHandlers, type Handler } from './define.js';
import { risksOfNote } from '../../flows/understand/risks.js';
import { campaignCode, campaignOf, holds, leadConfigOf } from '../flow-data/field-views.js';

/** A command the actor may not perform, or one that does not make sense; the transaction rolls back. */
export class FieldCommandError extends Error {
  constructor(
    readonly code: 'FIELD.NOT_STAFF' | 'FIELD.ROLE' | 'FIELD.OUT_OF_JURISDICTION' | 'FIELD.BAD_COMMAND',
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'FieldCommandError';
  }
}

/** The staff member behind the command, if their role may do this. */
function staffFor(ctx: CommandContext, roles: readonly Role[]): StaffActor {
  const s = ctx.actor.staff;
  if (!s) throw new FieldCommandError('FIELD.NOT_STAFF', ctx.actor.sender.id);
  if (!roles.includes(s.role)) throw new FieldCommandError('FIELD.ROLE', `${s.userId} (${s.role})`);
  return s;
}

function inside(s: StaffActor, p: Placement, what: string): void {
  if (!holds(s.jurisdiction, p)) throw new FieldCommandError('FIELD.OUT_OF_JURISDICTION', `${s.userId}: ${what}`);
}

async function placementFor(tx: Tx, s: StaffActor, householdId: number): Promise<Placement> {
  const placement = await householdPlacement(tx, householdId);
  if (!placement) throw new FieldCommandError('FIELD.OUT_OF_JURISDICTION', `${s.userId}: household ${householdId}`);
  inside(s, placement, `household ${householdId}`);
  return placement;
}

const saveScreeningCommand: Handler<'field.screening.save'> = async (tx, c, ctx) => {
  const s = staffFor(ctx, FIELD_ROLES[c.form]);
  const placement = await placementFor(tx, s, c.householdId);
  const { kind: _kind, correction, day, ...screening } = c;
  // A day said for the screening (上礼拜四入的户) is never after the day it is reported, nor in another campaign's year.
  const today = shanghaiDay(ctx.now);
  if (day !== undefined && (day > today || day.slice(0, 4) !== today.slice(0, 4))) throw new FieldCommandError('FIELD.BAD_COMMAND', `screening day ${day} (reported ${today})`);
  const record: ScreeningRecord = { ...screening, ...(day !== undefined ? { day: day as Day } : {}), placement, screener: s.userId, at: ctx.now };
  await saveScreening(tx, record, leadConfigOf(await campaignOf(tx, shanghaiDay(ctx.now))), risksOfNote, correction);
};

const meetingVerdict: Handler<'field.meeting.verdict'> = async (tx, c, ctx) => {
  const s = staffFor(ctx, FIELD_ROLES.meeting);
  const cfg = leadConfigOf(await campaignOf(tx, shanghaiDay(ctx.now)));
  const by = { actor: s.userId, at: ctx.now };
  let leadId = c.leadId;
  if (c.screeningId !== null) {
    const record = await getScreening(tx, c.screeningId);
    if (!record || record.householdId !== c.householdId) throw new FieldCommandError('FIELD.BAD_COMMAND', `screening ${c.screeningId} is not of household ${c.householdId}`);
    inside(s, record.placement, `screening ${c.screeningId}`);
    const saved = await recordVerdict(tx, c.screeningId, c.verdict, s.userId, ctx.now, cfg, risksOfNote);
    leadId ??= saved.lead && 'leadId' in saved.lead ? saved.lead.leadId : null;
  }
  if (leadId === null && c.householdId !== null && c.verdict === 'propose_include') leadId = (await openLeadOfHousehold(tx, c.householdId))?.id ?? null;
  if (leadId === null) return;
  let lead = (await getLead(tx, leadId)) as Lead | null;
  if (!lead) throw new FieldCommandError('FIELD.BAD_COMMAND', `lead ${leadId}`);
  inside(s, lead.placement, `lead ${leadId}`);
  if (c.verdict === 'not_include') {
    await decideLeadRecord(tx, leadId, { decision: 'exclude', reason: `研判会不纳入：${c.reason}`, ...by });
    return;
  }
  // The cadre vouches at the meeting for the steps already done (入户核查, 承诺授权, 信息比对).
  for (const step of c.confirmedSteps) {
    if (nextStep(lead) === step) lead = await recordLeadStepRecord(tx, leadId, { step, note: '研判会上确认已完成', ...by }, cfg);
  }
  // 信息比对 runs alongside the procedure: it does not hold up 民主评议 (blockingStep).
  if (blockingStep(lead, 'village_review') !== null || lead.steps.some((s) => s.step === 'village_review')) return;
  await recordLeadStepRecord(tx, leadId, { step: 'village_review', note: `研判会拟纳入：${c.reason}`, ...by }, cfg);
  if (c.publicityUntil) await recordLeadStepRecord(tx, leadId, { step: 'publicity', note: '研判会后公示', publicityUntil: c.publicityUntil, ...by }, cfg);
};

const openProblemCommand: Handler<'field.problem.open'> = async (tx, c, ctx) => {
  const s = staffFor(ctx, FIELD_ROLES.problem);
  let placement: Placement;
  if (c.householdId !== null) {
    placement = await placementFor(tx, s, c.householdId);
    if (placement.villageCode !== c.villageCode) throw new FieldCommandError('FIELD.BAD_COMMAND', `household ${c.householdId} is not in village ${c.villageCode}`);
  } else {
    const village = placementOf(await loadRegionTree(tx), c.villageCode);
    if (!village || village.gridCode !== null) throw new FieldCommandError('FIELD.BAD_COMMAND', `not a village: ${c.villageCode}`);
    // A grid worker's problem belongs to their grid (that is where they found it, and see it again).
    placement = s.jurisdiction.level === 'grid' ? { ...village, gridCode: s.jurisdiction.code } : village;
  }
  inside(s, placement, `village ${c.villageCode}`);
  await openProblemRecord(tx, {
    category: c.category, placement, householdId: c.householdId, description: c.description, responsible: s.userId, measure: c.measure,
    deadline: c.deadline, foundBy: s.userId, at: ctx.now, source: 'manual', findingKey: null,
  });
};

const rectifyProblemCommand: Handler<'field.problem.rectify'> = async (tx, c, ctx) => {
  const s = staffFor(ctx, FIELD_ROLES.problem);
  const p = await getProblem(tx, c.problemId);
  if (!p) throw new FieldCommandError('FIELD.OUT_OF_JURISDICTION', `${s.userId}: problem ${c.problemId}`);
  inside(s, p.placement, `problem ${c.problemId}`);
  await rectifyProblemRecord(tx, c.problemId, { what: c.what, by: s.userId, at: ctx.now, dataCorrected: c.dataCorrected });
};

const leadStepsCommand: Handler<'field.lead.steps'> = async (tx, c, ctx) => {
  const s = staffFor(ctx, FIELD_ROLES.lead_visit);
  const lead = await getLead(tx, c.leadId);
  if (!lead?.householdId) throw new FieldCommandError('FIELD.OUT_OF_JURISDICTION', `${s.userId}: lead ${c.leadId}`);
  const placement = await householdPlacement(tx, lead.householdId);
  if (!placement) throw new FieldCommandError('FIELD.OUT_OF_JURISDICTION', `${s.userId}: lead ${c.leadId}`);
  inside(s, placement, `lead ${c.leadId}`);
  if (lead.status !== 'open') return;
  const cfg = leadConfigOf(await campaignOf(tx, shanghaiDay(ctx.now)));
  let steps = lead.steps;
  for (const step of c.steps) {
    // Recorded meanwhile by someone else, or not yet its turn (承诺授权 before 入户核查): left alone,
    // nothing recorded twice or out of order.
    if (steps.some((d) => d.step === step.step) || blockingStep({ steps }, step.step) !== null) continue;
    steps = (await recordLeadStepRecord(tx, c.leadId, { step: step.step, actor: s.userId, at: ctx.now, note: step.note, skipped: step.skipped }, cfg)).steps;
  }
};

const recordActivityCommand: Handler<'field.activity.record'> = async (tx, c, ctx) => {
  const s = staffFor(ctx, FIELD_ROLES.activity);
  const today = shanghaiDay(ctx.now);
  const checked = checkActivity({ kind: c.activity, day: c.day, people: c.people }, today);
  if (!checked.ok) throw new FieldCommandError('FIELD.BAD_COMMAND', checked.fault.code);
  const tree = await loadRegionTree(tx);
  const campaign = campaignCode(await campaignOf(tx, today));
  for (const code of c.villageCodes) {
    const village = placementOf(tree, code);
    if (!village || village.gridCode !== null) throw new FieldCommandError('FIELD.BAD_COMMAND', `not a village: ${code}`);
    inside(s, village, `village ${code}`);
    await recordActivity(tx, { campaign, kind: c.activity, placement: village, day: c.day, people: c.people, by: s.userId, at: ctx.now, inboundId: ctx.inboundId });
  }
};

export const fieldCommands = checkedHandlers(
  {
    'field.screening.save': saveScreeningCommand,
    'field.meeting.verdict': meetingVerdict,
    'field.problem.open': openProblemCommand,
    'field.problem.rectify': rectifyProblemCommand,
    'field.activity.record': recordActivityCommand,
    'field.lead.steps': leadStepsCommand,
  },
  (kind, issues) => new FieldCommandError('FIELD.BAD_COMMAND', `${kind}: ${issues}`),
);
