/**
 * 监测对象 (monitoring subjects): 纳入 from an included lead → 风险消除 (帮扶消除 / 自然消除) →
 * 回退 back to open, or 重新识别 as a new episode through a new lead; 清退 is terminal after a
 * written request, town approval and city approval, in that order. Every change appends an event
 * (who, when, why); nothing is removed.
 *
 * @example
 *   const s = includeSubject({ lead, memberIds, risks, measures, actor: 'zhangsan', at, previous: null, otherOpenMemberships: [] });
 *   eliminateSubject(s.value, { mode: 'assisted', cause: null, actor, at, note: '' }, facts, DEFAULT_SUBJECT_CONFIG);
 *   // refused with ELIM.TOO_SOON if fewer than 6 months have passed since 纳入
 */
import { DEPARTMENT, LEAD_SOURCE, MEASURE, RISK_TYPE, WITHDRAWAL_REASON, type Category, type Department, type LeadSource, type RiskType, type WithdrawalReason } from './catalog.js';
import { ok, refuse, refuseAll, type Fault, type Outcome } from './case-faults.js';
import type { ActorRef, Lead } from './lead.js';
import { isWithinLine } from './income.js';
import { maskIdNumber } from './privacy.js';
import { MAX_RISKS, plannedMeasures, riskEntriesOf, validateMeasures, validateRisks, type MeasureEntry, type RiskEntry } from './risk-profile.js';
import { addMonths, isDay, shanghaiDay, type Day } from './shanghai-days.js';

export interface SubjectConfig {
  /** Months between 纳入 and the earliest 风险消除 (DOMAIN: at least 6 months of stable income). */
  minMonthsBeforeElimination: number;
}
export const DEFAULT_SUBJECT_CONFIG: SubjectConfig = { minMonthsBeforeElimination: 6 };

/** open = 风险未消除; eliminated = 风险消除; withdrawn = 已清退 (terminal). */
export type SubjectStatus = 'open' | 'eliminated' | 'withdrawn';
export const SUBJECT_STATUS_LABEL: Record<SubjectStatus, string> = { open: '风险未消除', eliminated: '风险消除', withdrawn: '已清退' };

/** 帮扶消除 / 自然消除. */
export type EliminationMode = 'assisted' | 'natural';
export const ELIMINATION_MODE_LABEL: Record<EliminationMode, string> = { assisted: '帮扶消除', natural: '自然消除' };

/** Why a risk went away by itself (自然消除). */
export type NaturalCause = 'member_died' | 'member_left' | 'household_dissolved';

/** 回退 reasons found by a 回头看: unstable elimination, or 整户无劳动力. */
export type RevertReason = 'unstable' | 'no_labour';
export const REVERT_REASON_LABEL: Record<RevertReason, string> = { unstable: '风险消除不稳定', no_labour: '整户无劳动力' };

export type SubjectEventKind =
  | 'include' | 'eliminate' | 'revert' | 'risks_updated' | 'measures_updated' | 'risk_found'
  | 'withdrawal_request' | 'withdrawal_town_approval' | 'withdrawal_city_approval' | 'withdrawal_rejected';

export interface SubjectEvent {
  kind: SubjectEventKind;
  actor: ActorRef;
  at: number;
  day: Day;
  /** Why, in words or as a code (reason code, lead id). */
  reason: string;
  note: string;
}

export interface Approval {
  actor: ActorRef;
  at: number;
  day: Day;
  note: string;
}

export interface Withdrawal {
  reason: WithdrawalReason;
  note: string;
  /** Date of the written request (书面申请). */
  requestedOn: Day;
  requestedBy: ActorRef;
  town: Approval | null;
  city: Approval | null;
}

export interface Elimination {
  mode: EliminationMode;
  cause: NaturalCause | null;
  day: Day;
  actor: ActorRef;
  at: number;
  note: string;
}

export interface Subject {
  id: number | null;
  householdId: number;
  leadId: number | null;
  /** 1 for the first inclusion; each 重新识别 is a new subject with the next episode number. */
  episode: number;
  previousSubjectId: number | null;
  category: Category;
  includedOn: Day;
  status: SubjectStatus;
  /** ID numbers of the members at inclusion (one person, one open subject household). */
  memberIds: string[];
  risks: RiskEntry[];
  measures: MeasureEntry[];
  elimination: Elimination | null;
  withdrawal: Withdrawal | null;
  /** Included because of the epidemic (附件1 其中因疫情纳入), as recorded by whoever included it; absent = no. */
  epidemic?: boolean;
  events: SubjectEvent[];
}

/** A person already counted in another open subject household. */
export interface Membership {
  idNumber: string;
  householdId: number;
}

const event = (kind: SubjectEventKind, actor: ActorRef, at: number, reason: string, note: string): SubjectEvent => ({ kind, actor, at, day: shanghaiDay(at), reason, note });

function membersTaken(memberIds: string[], householdId: number, others: Membership[]): Fault[] {
  const mine = new Set(memberIds);
  return others
    .filter((m) => m.householdId !== householdId && mine.has(m.idNumber))
    .map((m) => ({ code: 'SUBJECT.MEMBER_IN_OTHER_SUBJECT' as const, params: { id: maskIdNumber(m.idNumber) } }));
}

export interface IncludeInput {
  lead: Lead;
  memberIds: string[];
  risks: RiskEntry[];
  measures: MeasureEntry[];
  actor: ActorRef;
  at: number;
  /** The household's latest subject, if any (its episode is continued by 重新识别). */
  previous: Subject | null;
  /** Members of other open subject households, for the one-person-one-household rule. */
  otherOpenMemberships: Membership[];
  /** The inclusion was caused by the epidemic (key group ⑧ alone does not say so). */
  epidemic?: boolean;
}

/** 纳入: creates the subject from a lead whose outcome was 纳入. */
export function includeSubject(input: IncludeInput): Outcome<Subject> {
  const { lead, previous } = input;
  if (lead.status !== 'included' || lead.outcome?.decision !== 'include' || lead.householdId === null) return refuse('SUBJECT.LEAD_NOT_INCLUDED');
  const faults: Fault[] = [];
  if (previous && previous.householdId !== lead.householdId) faults.push({ code: 'SUBJECT.OTHER_HOUSEHOLD' });
  if (previous && previous.status === 'open') faults.push({ code: 'SUBJECT.ALREADY_OPEN' });
  // 家庭人口 is at least one, and each person is counted once (户不漏人, nobody twice).
  if (input.memberIds.length === 0) faults.push({ code: 'SUBJECT.NO_MEMBERS' });
  const repeated = [...new Set(input.memberIds.filter((id, i) => input.memberIds.indexOf(id) !== i))];
  faults.push(...repeated.map((id) => ({ code: 'SUBJECT.MEMBER_REPEATED' as const, params: { id: maskIdNumber(id) } })));
  faults.push(...membersTaken(input.memberIds, lead.householdId, input.otherOpenMemberships));
  const risks = validateRisks(input.risks);
  if (!risks.ok) faults.push(...risks.faults);
  const measures = validateMeasures(input.measures);
  if (!measures.ok) faults.push(...measures.faults);
  if (faults.length) return refuseAll(faults);
  const reason = previous ? `重新识别（线索${lead.id ?? ''}）` : `纳入（线索${lead.id ?? ''}）`;
  return ok({
    id: null,
    householdId: lead.householdId,
    leadId: lead.id,
    episode: previous ? previous.episode + 1 : 1,
    previousSubjectId: previous?.id ?? null,
    category: lead.outcome.category,
    includedOn: lead.outcome.day,
    status: 'open',
    memberIds: [...input.memberIds],
    risks: input.risks,
    measures: input.measures,
    elimination: null,
    withdrawal: null,
    epidemic: !!input.epidemic,
    events: [event('include', input.actor, input.at, reason, lead.outcome.note)],
  });
}

/** Register facts an elimination is judged on (computed by the registers, passed in). */
export interface EliminationFacts {
  wholeHouseholdNoLabour: boolean;
  /** Per-capita net income of the period under review, yuan; null when not recorded. */
  perCapitaIncome: number | null;
  /** The monitoring line of that year (2022 Shaanxi: 6700). */
  incomeLine: number;
  /** 义务教育、基本医疗、住房安全 all secured. */
  threeGuaranteesSecured: boolean;
  drinkingWaterSafe: boolean;
  /** Identified risks still present. */
  risksRemaining: RiskType[];
}

export interface EliminateInput {
  mode: EliminationMode;
  cause: NaturalCause | null;
  actor: ActorRef;
  at: number;
  note: string;
}

const guardLive = (s: Subject): Outcome<never> | null => (s.status === 'withdrawn' ? refuse('SUBJECT.WITHDRAWN') : null);

/**
 * The day a subject's income has had to be stable since: its 纳入, or its latest 回退 — a 回退
 * says the elimination was not stable, so the campaign's months start again from it (a second
 * 风险消除 a few weeks after a 回退 is the 风险消除简单化 the audit names).
 */
export interface StableSince {
  day: Day;
  after: 'include' | 'revert';
}
export const STABLE_SINCE_LABEL: Record<StableSince['after'], string> = { include: '纳入', revert: '回退' };

export function stableSince(s: Pick<Subject, 'includedOn' | 'events'>): StableSince {
  const reverts = s.events.filter((e) => e.kind === 'revert' && e.day > s.includedOn).map((e) => e.day).sort();
  const last = reverts.at(-1);
  return last ? { day: last, after: 'revert' } : { day: s.includedOn, after: 'include' };
}

/**
 * Why a subject may not be marked 风险消除 on `day` with these facts (empty when it may): 整户无劳动力,
 * unknown income or income not above the line (`isWithinLine`), unsecured 三保障 or 饮水, a risk
 * still present, fewer than the campaign's months since `since` (its 纳入 day, or `stableSince`). A dissolved household (自然消除,
 * nobody left) is exempt from the household checks, which would have nothing to measure. The
 * village's proposal and the town's approval ask the same question.
 */
export function eliminationFaults(since: Day | StableSince, cause: NaturalCause | null, facts: EliminationFacts, day: Day, cfg: SubjectConfig): Fault[] {
  const faults: Fault[] = [];
  if (cause === 'household_dissolved') return faults;
  if (facts.wholeHouseholdNoLabour) faults.push({ code: 'ELIM.NO_LABOUR' });
  if (facts.perCapitaIncome === null) faults.push({ code: 'ELIM.INCOME_UNKNOWN' });
  else if (isWithinLine(facts.perCapitaIncome, facts.incomeLine)) faults.push({ code: 'ELIM.BELOW_LINE', params: { income: facts.perCapitaIncome, line: facts.incomeLine } });
  if (!facts.threeGuaranteesSecured) faults.push({ code: 'ELIM.GUARANTEES_UNSOLVED' });
  if (!facts.drinkingWaterSafe) faults.push({ code: 'ELIM.WATER_UNSAFE' });
  if (facts.risksRemaining.length) faults.push({ code: 'ELIM.RISK_REMAINS', params: { risks: facts.risksRemaining.map((r) => RISK_TYPE.label[r]).join('、') } });
  const from: StableSince = typeof since === 'string' ? { day: since, after: 'include' } : since;
  const earliest = addMonths(from.day, cfg.minMonthsBeforeElimination);
  if (day < earliest) faults.push({ code: 'ELIM.TOO_SOON', params: { earliest, months: cfg.minMonthsBeforeElimination, since: STABLE_SINCE_LABEL[from.after] } });
  return faults;
}

/**
 * 风险消除. Refused (all reasons at once) for 整户无劳动力, unknown or not-above-the-line income,
 * unsecured 三保障 or 饮水, a risk still present, or fewer than the minimum months since 纳入 or
 * the latest 回退 (`stableSince`).
 * A dissolved household (自然消除, nobody left) is exempt from the household checks, which would
 * have nothing to measure.
 */
export function eliminateSubject(s: Subject, input: EliminateInput, facts: EliminationFacts, cfg: SubjectConfig): Outcome<Subject> {
  const dead = guardLive(s);
  if (dead) return dead;
  if (s.status !== 'open') return refuse('SUBJECT.NOT_OPEN');
  if (input.mode === 'natural' && !input.cause) return refuse('ELIM.NATURAL_CAUSE_REQUIRED');
  if (input.mode === 'assisted' && input.cause) return refuse('ELIM.CAUSE_NOT_NATURAL');
  const day = shanghaiDay(input.at);
  const faults = eliminationFaults(stableSince(s), input.cause, facts, day, cfg);
  if (faults.length) return refuseAll(faults);
  const elimination: Elimination = { mode: input.mode, cause: input.cause, day, actor: input.actor, at: input.at, note: input.note };
  return ok({ ...s, status: 'eliminated', elimination, events: [...s.events, event('eliminate', input.actor, input.at, input.mode + (input.cause ? `:${input.cause}` : ''), input.note)] });
}

/** 回退: an eliminated subject back to open, when a 回头看 finds instability or 整户无劳动力. */
export function revertSubject(s: Subject, input: { reason: RevertReason; actor: ActorRef; at: number; note: string }, otherOpenMemberships: Membership[]): Outcome<Subject> {
  const dead = guardLive(s);
  if (dead) return dead;
  if (s.status !== 'eliminated') return refuse('SUBJECT.NOT_ELIMINATED');
  const taken = membersTaken(s.memberIds, s.householdId, otherOpenMemberships);
  if (taken.length) return refuseAll(taken);
  return ok({ ...s, status: 'open', elimination: null, events: [...s.events, event('revert', input.actor, input.at, input.reason, input.note)] });
}

/** Replaces the risk list (validated). */
export function updateRisks(s: Subject, risks: RiskEntry[], actor: ActorRef, at: number, note: string): Outcome<Subject> {
  const dead = guardLive(s);
  if (dead) return dead;
  const v = validateRisks(risks);
  if (!v.ok) return v;
  return ok({ ...s, risks, events: [...s.events, event('risks_updated', actor, at, '', note)] });
}

/**
 * A new risk found for a household that is already an open subject (风险未消除): by the farmer's
 * own declaration, a department's warning or a cadre's screening. The household is not identified
 * again (no lead, no 15-day clock); the find is added to the subject.
 */
export interface FoundRisk {
  source: LeadSource;
  department: Department | null;
  foundOn: Day;
  /** The risk types the find names, as whoever recorded it read them; may be empty. */
  risks: readonly RiskType[];
  /** The find's own words (masked by the caller). */
  note: string;
  actor: ActorRef;
  at: number;
}

export interface RiskAdded {
  subject: Subject;
  /** Risk types new to the subject, now in its 风险类型 (main risk unchanged, first stays first). */
  added: RiskType[];
  /** Risk types new to the subject that did not fit (at most five per household). */
  overflow: RiskType[];
  /** Measures planned (尚未实施) for the added risk types that nothing listed answers yet. */
  planned: MeasureEntry[];
}

/** Where a find came from, in words: 农户自主申报, 部门筛查预警（医保）, 干部排查. */
export const foundBy = (f: Pick<FoundRisk, 'source' | 'department'>): string =>
  LEAD_SOURCE.label[f.source] + (f.department ? `（${DEPARTMENT.label[f.department]}）` : '');

/** The risk types of a find that a subject does not list yet, once each, in the find's order. */
export function newRiskTypes(listed: readonly Pick<RiskEntry, 'type'>[], found: readonly RiskType[]): RiskType[] {
  const have = new Set(listed.map((r) => r.type));
  return [...new Set(found)].filter((t) => !have.has(t));
}

/**
 * What the reporter and the helpers read when a find went to an open subject: no new lead, the
 * risk types added (null: not known yet, e.g. before a list is written), who follows up.
 */
export function riskAddedWords(added: readonly RiskType[] | null): string {
  const what = added === null ? '已将新发现的风险补充到该户'
    : added.length ? `已将新发现的风险“${added.map((t) => RISK_TYPE.label[t]).join('、')}”补充到该户的风险类型`
    : '风险类型已包含，本次情况已记入该户帮扶记录';
  return `该户已是监测对象（风险未消除），不再新开线索，${what}，请帮扶责任人跟进落实措施。`;
}

/**
 * 新发现风险 of an open subject: the risk types the find names that the subject does not list yet
 * are added after the existing ones (up to five in all), the measures that answer them are planned,
 * and a `risk_found` event keeps who, when, the source and the find's words — also when the find
 * names no new type (the facts are recorded all the same). Only an open subject: an eliminated one
 * goes through a new lead (重新识别), a withdrawn one too.
 */
export function addFoundRisk(s: Subject, f: FoundRisk): Outcome<RiskAdded> {
  const dead = guardLive(s);
  if (dead) return dead;
  if (s.status !== 'open') return refuse('SUBJECT.RISK_FOUND_NOT_OPEN');
  if (!isDay(f.foundOn)) return refuse('LEAD.BAD_DAY', { day: String(f.foundOn) });
  const fresh = newRiskTypes(s.risks, f.risks);
  const room = Math.max(0, MAX_RISKS - s.risks.length);
  const added = fresh.slice(0, room);
  const overflow = fresh.slice(room);
  const planned = plannedMeasures(added, s.measures);
  const labels = (ts: readonly RiskType[]) => ts.map((t) => RISK_TYPE.label[t]).join('、');
  const note = [
    `发现日期${f.foundOn}`,
    added.length ? `补充风险类型：${labels(added)}` : '风险类型已包含，未新增',
    ...(overflow.length ? [`风险类型已满${MAX_RISKS}项，未补充：${labels(overflow)}`] : []),
    ...(planned.length ? [`计划帮扶措施：${planned.map((m) => MEASURE.label[m.measure]).join('、')}`] : []),
    f.note,
  ].join('；');
  return ok({
    subject: {
      ...s,
      risks: [...s.risks, ...riskEntriesOf(added, f.note)],
      measures: [...s.measures, ...planned],
      events: [...s.events, event('risk_found', f.actor, f.at, foundBy(f), note)],
    },
    added,
    overflow,
    planned,
  });
}

/** Replaces the measure list (validated); see `measureWarnings` for what to point out. */
export function updateMeasures(s: Subject, measures: MeasureEntry[], actor: ActorRef, at: number, note: string): Outcome<Subject> {
  const dead = guardLive(s);
  if (dead) return dead;
  const v = validateMeasures(measures);
  if (!v.ok) return v;
  return ok({ ...s, measures, events: [...s.events, event('measures_updated', actor, at, '', note)] });
}

/** 清退, step 1: the written request (reason code from the catalog; 其他 needs a note). */
export function requestWithdrawal(s: Subject, input: { reason: WithdrawalReason; note: string; requestedOn: Day; actor: ActorRef; at: number }): Outcome<Subject> {
  const dead = guardLive(s);
  if (dead) return dead;
  if (s.withdrawal) return refuse('SUBJECT.WITHDRAWAL_PENDING');
  if (!(input.reason in WITHDRAWAL_REASON.label)) return refuse('SUBJECT.WITHDRAWAL_REASON_INVALID');
  if (input.reason === 'other' && !input.note.trim()) return refuse('SUBJECT.WITHDRAWAL_NOTE_REQUIRED');
  if (!isDay(input.requestedOn) || input.requestedOn > shanghaiDay(input.at)) return refuse('SUBJECT.REQUEST_DATE_INVALID', { day: String(input.requestedOn) });
  const withdrawal: Withdrawal = { reason: input.reason, note: input.note, requestedOn: input.requestedOn, requestedBy: input.actor, town: null, city: null };
  return ok({ ...s, withdrawal, events: [...s.events, event('withdrawal_request', input.actor, input.at, input.reason, input.note)] });
}

/** 清退, steps 2 and 3: town approval, then city approval (which makes it final). */
export function approveWithdrawal(s: Subject, level: 'town' | 'city', input: { actor: ActorRef; at: number; note: string }): Outcome<Subject> {
  const dead = guardLive(s);
  if (dead) return dead;
  const w = s.withdrawal;
  if (!w) return refuse('SUBJECT.NO_WITHDRAWAL_REQUEST');
  if (w[level]) return refuse('SUBJECT.APPROVAL_REPEATED');
  if (level === 'city' && !w.town) return refuse('SUBJECT.TOWN_APPROVAL_FIRST');
  const day = shanghaiDay(input.at);
  if (day < w.requestedOn) return refuse('SUBJECT.APPROVAL_BEFORE_REQUEST');
  const approval: Approval = { actor: input.actor, at: input.at, day, note: input.note };
  const kind = level === 'town' ? 'withdrawal_town_approval' : 'withdrawal_city_approval';
  return ok({
    ...s,
    status: level === 'city' ? 'withdrawn' : s.status,
    withdrawal: { ...w, [level]: approval },
    events: [...s.events, event(kind, input.actor, input.at, w.reason, input.note)],
  });
}

/** A town or the city turns a 清退 request down (reason required); the subject stays as it was. */
export function rejectWithdrawal(s: Subject, input: { actor: ActorRef; at: number; reason: string }): Outcome<Subject> {
  const dead = guardLive(s);
  if (dead) return dead;
  if (!s.withdrawal) return refuse('SUBJECT.NO_WITHDRAWAL_REQUEST');
  if (!input.reason.trim()) return refuse('SUBJECT.REJECTION_REASON_REQUIRED');
  return ok({ ...s, withdrawal: null, events: [...s.events, event('withdrawal_rejected', input.actor, input.at, input.reason, '')] });
}
