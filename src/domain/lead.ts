/**
 * 风险线索 (risk leads) and the 识别认定 procedure (seed 四(二), DOMAIN.md "Identification").
 *
 * A lead is found by 农户自主申报, 干部排查 or 部门筛查预警 on a calendar day; the nine steps follow
 * in order (信息比对 may be recorded as skipped with a reason); the outcome is 纳入 in one of the
 * three categories or 不纳入 with a written reason. One household has at most one open lead:
 * later finds merge into it. Every function is pure and returns a new lead.
 *
 * @example
 *   const opened = admitLead(null, { householdId: 7, declarant: null, placement, origin }, DEFAULT_LEAD_CONFIG);
 *   // { ok: true, value: { kind: 'opened', lead: { discoveredOn: '2022-05-20', deadline: '2022-06-04', … } } }
 *   recordStep(opened.value.lead, { step: 'home_visit', actor: 'wangwu', at, note: '已入户' }, DEFAULT_LEAD_CONFIG);
 */
import { HOUSEHOLD_TYPE, LEAD_STEP, CATEGORY, type Category, type Department, type HouseholdType, type LeadSource, type LeadStep, type RiskType } from './catalog.js';
import { ok, refuse, refuseAll, type Fault, type Outcome } from './case-faults.js';
import { addDays, daysBetween, isDay, shanghaiDay, type Day } from './shanghai-days.js';
import type { Placement } from './types.js';

export interface LeadConfig {
  /** Days from discovery to the completed decision (seed: 15). */
  deadlineDays: number;
  /** Shortest 公示 in days, both ends counted (DOMAIN: ≥ 5). */
  publicityMinDays: number;
  /** "Due soon" means at most this many days left. */
  dueSoonDays: number;
}

export const DEFAULT_LEAD_CONFIG: LeadConfig = { deadlineDays: 15, publicityMinDays: 5, dueSoonDays: 3 };

/** Who did something: a staff UserID, `kf:<external_userid>` for a farmer, `system:<job>` for imports. */
export type ActorRef = string;

/** A farmer who declared without being on the roster (人户分离, 应纳尽纳): linked to a household later. */
export interface Declarant {
  name: string;
  /** The last 4–6 characters of the ID number, never the whole number; '' when the farmer could not give it. */
  idTail: string;
  villageCode: string;
  /**
   * The declaration's reference number, required when there is no ID tail: two declarants of the
   * same name in one village without ID tails are never merged by the name alone.
   */
  ref?: string;
}

/** One find of the risk: the opening one, and every later one merged into the lead. */
export interface LeadOrigin {
  source: LeadSource;
  department: Department | null;
  foundOn: Day;
  note: string;
  actor: ActorRef;
  at: number;
}

export interface LeadStepRecord {
  step: LeadStep;
  actor: ActorRef;
  at: number;
  day: Day;
  note: string;
  /** Only 信息比对, when the comparison was already done (e.g. for a new 低保 household). */
  skipped: boolean;
  /** 公示 only: its last day. */
  publicityUntil: Day | null;
}

/** 先行救助 given to a 突发严重困难 case before the procedure ends. */
export interface Relief {
  what: string;
  amountYuan: number | null;
  actor: ActorRef;
  at: number;
  day: Day;
}

export type LeadOutcome =
  | { decision: 'include'; category: Category; note: string; actor: ActorRef; at: number; day: Day; late: boolean }
  | { decision: 'exclude'; reason: string; actor: ActorRef; at: number; day: Day; late: boolean };

/** open → included | not_included; `merged` when absorbed into another open lead of the same household. */
export type LeadStatus = 'open' | 'included' | 'not_included' | 'merged';

export const LEAD_STATUS_LABEL: Record<LeadStatus, string> = { open: '办理中', included: '已纳入', not_included: '不纳入', merged: '已合并' };

export interface Lead {
  id: number | null;
  householdId: number | null;
  declarant: Declarant | null;
  placement: Placement;
  discoveredOn: Day;
  deadline: Day;
  /** Suspected 突发严重困难: relief may be given first. */
  suddenHardship: boolean;
  status: LeadStatus;
  origins: LeadOrigin[];
  steps: LeadStepRecord[];
  reliefs: Relief[];
  outcome: LeadOutcome | null;
  mergedIntoId: number | null;
}

/**
 * Reads the risk types a find's note names (the understanding of messages, outside the domain);
 * the repositories that store a find take one so a find for an open subject adds its risk types.
 */
export type RiskReader = (note: string) => RiskType[];

export interface LeadInput {
  householdId: number | null;
  declarant: Declarant | null;
  placement: Placement;
  origin: LeadOrigin;
  suddenHardship?: boolean;
  /**
   * The risk types the find names, as the caller read them. A lead reads them from its notes at
   * 市级审批; a find for a household that is already an open subject adds them to the subject
   * (`addFoundRisk`, src/domain/subject.ts) instead of opening a lead.
   */
  risks?: readonly RiskType[];
}

/** The key under which a household (or an unregistered declarant) has at most one open lead. */
export function leadKey(l: Pick<Lead, 'householdId' | 'declarant'>): string {
  if (l.householdId !== null) return `h:${l.householdId}`;
  const d = l.declarant as Declarant;
  return `u:${d.villageCode}:${d.name}:${d.idTail ? d.idTail.toUpperCase() : `ref:${d.ref ?? ''}`}`;
}

function checkOrigin(o: LeadOrigin): Fault[] {
  if (!isDay(o.foundOn)) return [{ code: 'LEAD.BAD_DAY', params: { day: String(o.foundOn) } }];
  const faults: Fault[] = [];
  if (o.foundOn > shanghaiDay(o.at)) faults.push({ code: 'LEAD.FOUND_IN_FUTURE', params: { day: o.foundOn } });
  if (o.source === 'department_warning' && !o.department) faults.push({ code: 'LEAD.DEPARTMENT_REQUIRED' });
  return faults;
}

function checkSubject(input: LeadInput): Fault[] {
  if (input.householdId !== null) return [];
  const d = input.declarant;
  if (!d) return [{ code: 'LEAD.SUBJECT_REQUIRED' }];
  const tailOk = d.idTail === '' ? !!d.ref?.trim() : /^[0-9Xx]{4,6}$/.test(d.idTail);
  if (!d.name.trim() || !tailOk || !d.villageCode) return [{ code: 'LEAD.DECLARANT_INVALID' }];
  return [];
}

/**
 * Opens a lead, or merges the find into the household's open lead (`existing`, found by
 * `leadKey`). A merge appends the source and note; the clock keeps running from the earliest find,
 * because the 15 days count from the day the risk was first known, whoever knew it.
 */
export function admitLead(existing: Lead | null, input: LeadInput, cfg: LeadConfig): Outcome<{ kind: 'opened' | 'merged'; lead: Lead }> {
  const faults = [...checkSubject(input), ...checkOrigin(input.origin)];
  if (faults.length) return refuseAll(faults);
  if (existing && existing.status === 'open') {
    const discoveredOn = input.origin.foundOn < existing.discoveredOn ? input.origin.foundOn : existing.discoveredOn;
    const lead: Lead = {
      ...existing,
      origins: [...existing.origins, input.origin],
      suddenHardship: existing.suddenHardship || !!input.suddenHardship,
      discoveredOn,
      deadline: addDays(discoveredOn, cfg.deadlineDays),
    };
    return ok({ kind: 'merged', lead });
  }
  const lead: Lead = {
    id: null,
    householdId: input.householdId,
    declarant: input.householdId === null ? input.declarant : null,
    placement: input.placement,
    discoveredOn: input.origin.foundOn,
    deadline: addDays(input.origin.foundOn, cfg.deadlineDays),
    suddenHardship: !!input.suddenHardship,
    status: 'open',
    origins: [input.origin],
    steps: [],
    reliefs: [],
    outcome: null,
    mergedIntoId: null,
  };
  return ok({ kind: 'opened', lead });
}

const ORDER = LEAD_STEP.codes;

/** The step the procedure expects next (null when all nine are recorded). */
export function nextStep(lead: Lead): LeadStep | null {
  const done = new Set(lead.steps.map((s) => s.step));
  return ORDER.find((s) => !done.has(s)) ?? null;
}

/** Steps not yet recorded, in order. */
export function missingSteps(lead: Lead): LeadStep[] {
  const done = new Set(lead.steps.map((s) => s.step));
  return ORDER.filter((s) => !done.has(s));
}

/**
 * 信息比对 runs alongside the procedure (seed: 同步开展): it may be recorded at any point and does
 * not hold up 民主评议 or 公示, but 镇街审核 and everything after it wait for it.
 */
export const PARALLEL_STEP: LeadStep = 'data_comparison';
const WAITS_FOR_PARALLEL = ORDER.indexOf('town_review');

/** The missing step that keeps `step` from being recorded now, or null when it may be. */
export function blockingStep(lead: Pick<Lead, 'steps'>, step: LeadStep): LeadStep | null {
  if (step === PARALLEL_STEP) return null;
  const done = new Set(lead.steps.map((s) => s.step));
  const at = ORDER.indexOf(step);
  return ORDER.slice(0, at).find((s) => !done.has(s) && (s !== PARALLEL_STEP || at >= WAITS_FOR_PARALLEL)) ?? null;
}

export interface StepInput {
  step: LeadStep;
  actor: ActorRef;
  at: number;
  note: string;
  skipped?: boolean;
  publicityUntil?: Day | null;
}

/** Records the next step of the procedure, in order; 信息比对 may be recorded as skipped with a reason. */
export function recordStep(lead: Lead, input: StepInput, cfg: LeadConfig): Outcome<Lead> {
  if (lead.status !== 'open') return refuse('LEAD.CLOSED', { status: LEAD_STATUS_LABEL[lead.status] });
  const label = LEAD_STEP.label[input.step];
  if (lead.steps.some((s) => s.step === input.step)) return refuse('LEAD.STEP_REPEATED', { step: label });
  const expected = blockingStep(lead, input.step);
  if (expected !== null) return refuse('LEAD.STEP_OUT_OF_ORDER', { step: label, expected: LEAD_STEP.label[expected] });
  const skipped = !!input.skipped;
  if (skipped && input.step !== 'data_comparison') return refuse('LEAD.SKIP_NOT_ALLOWED', { step: label });
  if (skipped && !input.note.trim()) return refuse('LEAD.SKIP_REASON_REQUIRED');
  const day = shanghaiDay(input.at);
  if (day < lead.discoveredOn) return refuse('LEAD.STEP_BEFORE_DISCOVERY', { step: label, day, discoveredOn: lead.discoveredOn });
  const previous = lead.steps[lead.steps.length - 1];
  // 信息比对 runs alongside: it may be dated before steps recorded after it was done.
  if (previous && input.step !== PARALLEL_STEP && input.at < previous.at) return refuse('LEAD.STEP_BEFORE_PREVIOUS', { step: label, previous: LEAD_STEP.label[previous.step] });
  let publicityUntil: Day | null = null;
  if (input.step === 'publicity') {
    if (!input.publicityUntil || !isDay(input.publicityUntil)) return refuse('LEAD.PUBLICITY_END_REQUIRED');
    const days = daysBetween(day, input.publicityUntil) + 1;
    if (days < cfg.publicityMinDays) return refuse('LEAD.PUBLICITY_TOO_SHORT', { days, min: cfg.publicityMinDays });
    publicityUntil = input.publicityUntil;
  }
  if (input.step === 'town_review') {
    const until = lead.steps.find((s) => s.step === 'publicity')?.publicityUntil;
    if (until && day <= until) return refuse('LEAD.PUBLICITY_NOT_OVER', { until });
  }
  const rec: LeadStepRecord = { step: input.step, actor: input.actor, at: input.at, day, note: input.note, skipped, publicityUntil };
  return ok({ ...lead, steps: [...lead.steps, rec] });
}

/** Links a lead of an unregistered declarant to the household found for them. */
export function linkHousehold(lead: Lead, householdId: number, placement: Placement, otherOpenLead: Lead | null): Outcome<Lead> {
  if (lead.status !== 'open') return refuse('LEAD.CLOSED', { status: LEAD_STATUS_LABEL[lead.status] });
  if (lead.householdId !== null) return refuse('LEAD.ALREADY_LINKED');
  if (otherOpenLead && otherOpenLead.status === 'open') return refuse('LEAD.HOUSEHOLD_HAS_OPEN_LEAD');
  return ok({ ...lead, householdId, placement });
}

/**
 * Absorbs `other` into `target` (both open, e.g. a declarant's lead linked to a household that
 * already had one): origins, steps stay with the target, the earliest discovery wins, and `other`
 * is closed as merged — never deleted.
 */
export function absorbLead(target: Lead, other: Lead, cfg: LeadConfig): Outcome<{ target: Lead; other: Lead }> {
  if (target.status !== 'open') return refuse('LEAD.CLOSED', { status: LEAD_STATUS_LABEL[target.status] });
  if (other.status !== 'open') return refuse('LEAD.CLOSED', { status: LEAD_STATUS_LABEL[other.status] });
  if (target.id !== null && target.id === other.id) return refuse('LEAD.MERGE_SELF');
  const discoveredOn = other.discoveredOn < target.discoveredOn ? other.discoveredOn : target.discoveredOn;
  return ok({
    target: {
      ...target,
      origins: [...target.origins, ...other.origins],
      reliefs: [...target.reliefs, ...other.reliefs],
      suddenHardship: target.suddenHardship || other.suddenHardship,
      discoveredOn,
      deadline: addDays(discoveredOn, cfg.deadlineDays),
    },
    other: { ...other, status: 'merged', mergedIntoId: target.id },
  });
}

/** Records relief given first to a suspected 突发严重困难 case (the clock keeps running). */
export function recordRelief(lead: Lead, relief: Omit<Relief, 'day'>): Outcome<Lead> {
  if (lead.status !== 'open') return refuse('LEAD.CLOSED', { status: LEAD_STATUS_LABEL[lead.status] });
  if (!lead.suddenHardship) return refuse('LEAD.RELIEF_NOT_SUDDEN');
  if (!relief.what.trim()) return refuse('LEAD.RELIEF_WHAT_REQUIRED');
  return ok({ ...lead, reliefs: [...lead.reliefs, { ...relief, day: shanghaiDay(relief.at) }] });
}

/** The household type each category requires (突发严重困难户 accepts either). */
export const CATEGORY_REQUIRES: Record<Category, HouseholdType | null> = {
  unstable_alleviated: 'alleviated',
  marginal: 'general',
  sudden_hardship: null,
};

/** Whether a category fits the household type; the fault explains a mismatch. */
export function checkCategory(category: Category, householdType: HouseholdType): Fault | null {
  const required = CATEGORY_REQUIRES[category];
  if (required === null || required === householdType) return null;
  return { code: 'LEAD.CATEGORY_MISMATCH', params: { category: CATEGORY.label[category], required: HOUSEHOLD_TYPE.label[required], actual: HOUSEHOLD_TYPE.label[householdType] } };
}

export type Decision =
  | { decision: 'include'; category: Category; householdType: HouseholdType; note: string; actor: ActorRef; at: number }
  | { decision: 'exclude'; reason: string; actor: ActorRef; at: number };

/**
 * Closes the lead. 纳入 needs every step recorded, a linked household and a category that fits its
 * 户类型; 不纳入 needs a written reason and may come at any step. A decision after the deadline is
 * accepted (the case must still be closed) but marked late.
 */
export function decideLead(lead: Lead, d: Decision): Outcome<Lead> {
  if (lead.status !== 'open') return refuse('LEAD.CLOSED', { status: LEAD_STATUS_LABEL[lead.status] });
  const day = shanghaiDay(d.at);
  const late = day > lead.deadline;
  if (d.decision === 'exclude') {
    if (!d.reason.trim()) return refuse('LEAD.REASON_REQUIRED');
    return ok({ ...lead, status: 'not_included', outcome: { decision: 'exclude', reason: d.reason.trim(), actor: d.actor, at: d.at, day, late } });
  }
  const faults: Fault[] = [];
  const missing = missingSteps(lead);
  if (missing.length) faults.push({ code: 'LEAD.STEPS_INCOMPLETE', params: { missing: missing.map((s) => LEAD_STEP.label[s]).join('、') } });
  if (lead.householdId === null) faults.push({ code: 'LEAD.HOUSEHOLD_UNKNOWN' });
  const mismatch = checkCategory(d.category, d.householdType);
  if (mismatch) faults.push(mismatch);
  if (faults.length) return refuseAll(faults);
  return ok({ ...lead, status: 'included', outcome: { decision: 'include', category: d.category, note: d.note, actor: d.actor, at: d.at, day, late } });
}
