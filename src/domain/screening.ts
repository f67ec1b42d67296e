/**
 * The screening and review records, field for field with the seed's attachments:
 *   附件2 key-group households (对象类型 1–10, 家庭情况, 排查人, 会议研判结论 拟纳入/不纳入, 备注),
 *   附件3 general households (排查方式, 近期是否发生风险 + details, 是否基本了解防返贫政策, 排查员, 备注),
 *   附件4 回头看 of eliminated subjects, 附件5 follow-up of open subjects.
 * 序号, 镇街, 行政村, 户主姓名, 家庭人口 and 联系电话 come from the household register when a form
 * is printed, so they are not stored twice here.
 *
 * @example
 *   const r: ScreeningRecord = { form: 'general', campaign: '2022-concentrated', householdId: 7, placement,
 *     screener: 'wangwu', at, remark: '', answers: { method: 'home_visit', riskFound: true, riskDetails: '户主住院', knowsPolicy: true } };
 *   validateScreening(r)          // ok
 *   leadOriginFromScreening(r)    // { source: 'cadre_screening', foundOn: '2022-05-20', note: '户主住院', … }
 */
import { KEY_GROUP, type Category, type KeyGroup, type Measure, type RiskType, type ScreeningMethod, SCREENING_METHOD } from './catalog.js';
import { ok, refuseAll, type Fault, type Outcome } from './case-faults.js';
import type { ActorRef, LeadOrigin } from './lead.js';
import { MAX_RISKS } from './risk-profile.js';
import { isDay, shanghaiDay, type Day } from './shanghai-days.js';
import type { RevertReason } from './subject.js';
import type { Placement } from './types.js';

export type ScreeningForm = 'key_group' | 'general' | 'review' | 'follow_up';
export const SCREENING_FORM_LABEL: Record<ScreeningForm, string> = {
  key_group: '排查台账（十类人群和特殊对象）',
  general: '排查台账（一般户）',
  review: '已消除风险监测对象台账',
  follow_up: '未消除风险监测对象台账',
};

/** 附件2 家庭情况: the four topics the form asks to record in detail, with amounts where known (yuan). */
export interface FamilySituation {
  income: string;
  annualIncomeYuan: number | null;
  schooling: string;
  schoolingCostYuan: number | null;
  illness: string;
  illnessCostYuan: number | null;
  disaster: string;
  disasterLossYuan: number | null;
}

/** 会议研判结论 (filled at the village 研判会; null until then). */
export type Verdict = 'propose_include' | 'not_include';
export const VERDICT_LABEL: Record<Verdict, string> = { propose_include: '拟纳入', not_include: '不纳入' };

export interface KeyGroupAnswers {
  /** 对象类型, multi-select 1–10. */
  groups: KeyGroup[];
  family: FamilySituation;
  verdict: Verdict | null;
  /**
   * Whether the screening team found a risk, and what (shown on the 研判会 agenda; the meeting
   * still judges every key-group household). Absent on records made before it was asked.
   */
  riskFound?: boolean | null;
  riskDetails?: string | null;
}

export interface GeneralAnswers {
  method: ScreeningMethod;
  /** 近期是否发生风险. */
  riskFound: boolean;
  /** Required when riskFound (the form: "如选是在备注栏详细记录风险情况"). */
  riskDetails: string | null;
  /** 是否基本了解防返贫政策. */
  knowsPolicy: boolean;
}

/** 附件4, one row per eliminated subject. */
export interface ReviewAnswers {
  subjectId: number;
  /** 对象类型 (1 脱贫不稳定户, 2 边缘易致贫户, 3 突发严重困难户). */
  category: Category;
  incomeStable: boolean;
  measuresImplemented: boolean;
  /** “三保障”及饮水安全持续巩固是否持续稳定. */
  guaranteesStable: boolean;
  eliminationStable: boolean;
  /** 是否需要重新标注或备注, with what to change when 是. */
  needsRelabel: boolean;
  relabelNote: string | null;
  needsWithdrawal: boolean;
  /**
   * A new risk since the elimination (no column of 附件4: the rules' 重新识别 — the record opens a
   * new lead of the household, through the whole procedure). Absent on records made before it was asked.
   */
  newRisk?: boolean;
  newRiskDetails?: string | null;
}

/** 附件5, one row per open subject. */
export interface FollowUpAnswers {
  subjectId: number;
  includedOn: Day;
  risks: RiskType[];
  /** 已落实帮扶措施. */
  measuresInPlace: Measure[];
  /** 帮扶是否落实. */
  assistanceImplemented: boolean;
  /** 是否达到消除标准. */
  meetsEliminationStandard: boolean;
}

interface Base {
  campaign: string;
  householdId: number;
  placement: Placement;
  /** 排查人 / 排查员 (UserID). */
  screener: ActorRef;
  at: number;
  /**
   * The day the screening was made, when it was said to be another than the day it is reported
   * (“上礼拜四入的户”); else the Asia/Shanghai day of `at` (`recordDay`).
   */
  day?: Day;
  remark: string;
}

/** The record's own day: the one said, else the day it was reported. */
export const recordDay = (r: Pick<Base, 'at' | 'day'>): Day => r.day ?? shanghaiDay(r.at);

export type ScreeningRecord =
  | (Base & { form: 'key_group'; answers: KeyGroupAnswers })
  | (Base & { form: 'general'; answers: GeneralAnswers })
  | (Base & { form: 'review'; answers: ReviewAnswers })
  | (Base & { form: 'follow_up'; answers: FollowUpAnswers });

const amountFaults = (f: FamilySituation): Fault[] =>
  [f.annualIncomeYuan, f.schoolingCostYuan, f.illnessCostYuan, f.disasterLossYuan].some((v) => v !== null && (!Number.isFinite(v) || v < 0)) ? [{ code: 'SCREENING.AMOUNT_INVALID' }] : [];

/** Checks a record against its form's rules (required-when fields, option lists). */
export function validateScreening(r: ScreeningRecord): Outcome<ScreeningRecord> {
  const faults: Fault[] = [];
  switch (r.form) {
    case 'general': {
      const a = r.answers;
      if (!(a.method in SCREENING_METHOD.label)) faults.push({ code: 'SCREENING.METHOD_INVALID' });
      if (a.riskFound && !a.riskDetails?.trim()) faults.push({ code: 'SCREENING.RISK_DETAILS_REQUIRED' });
      break;
    }
    case 'key_group': {
      const a = r.answers;
      if (a.groups.length === 0) faults.push({ code: 'SCREENING.GROUPS_REQUIRED' });
      if (a.groups.some((g) => !(g in KEY_GROUP.label))) faults.push({ code: 'SCREENING.GROUP_INVALID' });
      if (new Set(a.groups).size !== a.groups.length) faults.push({ code: 'SCREENING.GROUP_DUPLICATE' });
      if (!a.family.income.trim()) faults.push({ code: 'SCREENING.FAMILY_INCOME_REQUIRED' });
      if (a.riskFound && !a.riskDetails?.trim()) faults.push({ code: 'SCREENING.RISK_DETAILS_REQUIRED' });
      faults.push(...amountFaults(a.family));
      break;
    }
    case 'review':
      if (r.answers.needsRelabel && !r.answers.relabelNote?.trim()) faults.push({ code: 'SCREENING.RELABEL_NOTE_REQUIRED' });
      if (r.answers.newRisk && !r.answers.newRiskDetails?.trim()) faults.push({ code: 'SCREENING.RISK_DETAILS_REQUIRED' });
      break;
    case 'follow_up': {
      const a = r.answers;
      if (!isDay(a.includedOn)) faults.push({ code: 'SCREENING.INCLUDED_ON_INVALID' });
      if (a.risks.length === 0 || a.risks.length > MAX_RISKS) faults.push({ code: 'SCREENING.RISKS_COUNT', params: { max: MAX_RISKS } });
      break;
    }
  }
  return faults.length ? refuseAll(faults) : ok(r);
}

/** Numbers typed for 对象类型 (1–10) to key-group codes; null when one is out of range. */
export function keyGroupsFromNumbers(ns: number[]): KeyGroup[] | null {
  const out = ns.map((n) => KEY_GROUP.codes[n - 1]);
  return out.every((g): g is KeyGroup => g !== undefined) ? out : null;
}

function familySummary(f: FamilySituation): string {
  return [f.income, f.schooling, f.illness, f.disaster].map((s) => s.trim()).filter(Boolean).join('；');
}

/**
 * The lead a screening opens (or merges into), or null. 附件3 with 近期发生风险 = 是 opens on the
 * screening day; 附件2 opens when the 研判会 says 拟纳入 — also dated the screening day, because
 * the risk was found then and the meeting only judged it (the earlier date keeps the 15-day
 * clock honest).
 */
export function leadOriginFromScreening(r: ScreeningRecord): LeadOrigin | null {
  const base = { source: 'cadre_screening' as const, department: null, foundOn: recordDay(r), actor: r.screener, at: r.at };
  if (r.form === 'general' && r.answers.riskFound) return { ...base, note: r.answers.riskDetails ?? '' };
  if (r.form === 'key_group' && r.answers.verdict === 'propose_include') return { ...base, note: familySummary(r.answers.family) };
  // 回头看 finding a new risk: 重新识别, a new lead of the household (the eliminated subject stays as it is).
  if (r.form === 'review' && r.answers.newRisk) return { ...base, note: r.answers.newRiskDetails ?? '' };
  return null;
}

/** What is kept of a stored record to decide whether a new one corrects it. */
export interface StoredScreeningKey {
  id: number;
  form: ScreeningForm;
  campaign: string;
  householdId: number;
  screener: ActorRef;
  day: Day;
}

/**
 * The stored record a new one overwrites: the same form, household, campaign and screener on the
 * same Shanghai day (a correction). Anything else is a new record (another screener, another day).
 */
export function correctionTarget(existing: StoredScreeningKey[], r: ScreeningRecord): number | null {
  const day = recordDay(r);
  const hit = existing.find((e) => e.form === r.form && e.campaign === r.campaign && e.householdId === r.householdId && e.screener === r.screener && e.day === day);
  return hit ? hit.id : null;
}

export interface ReviewConsequence {
  /** 回退 is due, and why. */
  revert: RevertReason | null;
  /** 是否需要清退 = 是: a written 清退 request should follow. */
  withdrawalCandidate: boolean;
  relabel: boolean;
}

/** What a 回头看 leads to: any unstable answer, or 整户无劳动力, means 回退. */
export function reviewConsequence(a: ReviewAnswers, facts: { wholeHouseholdNoLabour: boolean }): ReviewConsequence {
  const unstable = !a.incomeStable || !a.measuresImplemented || !a.guaranteesStable || !a.eliminationStable;
  return {
    revert: unstable ? 'unstable' : facts.wholeHouseholdNoLabour ? 'no_labour' : null,
    withdrawalCandidate: a.needsWithdrawal,
    relabel: a.needsRelabel,
  };
}

/** What a 附件5 row leads to: an elimination candidate (still subject to the guards), or a follow-up warning. */
export function followUpConsequence(a: FollowUpAnswers): { eliminationCandidate: boolean; warnings: Fault[] } {
  const warnings: Fault[] = [];
  if (!a.assistanceImplemented) warnings.push({ code: 'SCREENING.ASSISTANCE_NOT_IMPLEMENTED' });
  if (a.measuresInPlace.length === 0) warnings.push({ code: 'SCREENING.NO_MEASURES' });
  return { eliminationCandidate: a.meetsEliminationStandard && a.assistanceImplemented, warnings };
}
