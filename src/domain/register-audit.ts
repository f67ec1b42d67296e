/**
 * The data-quality checks (data-quality.ts) run over the registers as they are stored: what a
 * household's records say in the checks' terms (`auditFacts`), the basis of a campaign year
 * (`auditBasis`), who answers for a finding (`problemResponsible`) and by when (`problemDeadline`).
 * Pure; `npx shouwang check` (src/bot/quality/check-command.ts) reads the records and prints or
 * opens the problems.
 *
 * Where each fact comes from: the household facts register (household-fact.ts: income of the
 * income year, 两不愁, 三保障, 饮水, 参保, relief received — the latest value from any source: the
 * roster import, 入户 screenings, department lists), with the income register as a fallback for
 * income; 在校情况 “辍学” on a member of compulsory-school age (`schoolDropout`); department
 * warnings through the leads they opened (an origin `department_warning`) — a warning below its
 * threshold opened no lead and is not a signal. What was never recorded is null (unknown), never
 * “fine”: QUALITY.INCOME_MISSING and QUALITY.GUARANTEES_MISSING say so, and `npx shouwang check`
 * reports them once per village as a data gap. 体外循环 (QUALITY.OUTSIDE_LOOP) reads relief
 * received: 临时救助 or 医疗救助, or 低保 reported by a department's list. A lead's 先行救助 does
 * not count: it is given inside the procedure.
 *
 * @example
 *   const b = auditBasis(campaign, lines, '2022-05-20');        // { ok: true, basis: { line: 6700, incomeYear: 2021, since: '2021-01-01', … } }
 *   const findings = checkRecords({ household, incomes, subjects, leads }, b.basis);
 *   problemResponsible(roster, household.placement, household.contactStaff)?.userId   // 'wangwu'
 *   problemDeadline(campaign, '2022-05-20')                      // '2022-06-05' (信息修正), or today + 7
 */
import type { Campaign } from './campaign.js';
import type { CaseCode } from './case-faults.js';
import { checkHousehold, type Finding, type QualityFacts } from './data-quality.js';
import { ageOn, householdFacts, isActive } from './household.js';
import { incomeOfFacts, latestFacts, yesNoFact, type HouseholdFact } from './household-fact.js';
import { monitoringLine, perCapitaNetIncome, type IncomeRecord, type MonitoringLines } from './income.js';
import type { Lead } from './lead.js';
import { addDays, daysBetween, type Day } from './shanghai-days.js';
import type { Subject, SubjectConfig } from './subject.js';
import type { Household, Placement, Staff } from './types.js';

/** What is stored about one household: the roster entry and its casework. */
export interface HouseholdRecords {
  household: Household;
  incomes: readonly IncomeRecord[];
  /** Every episode, any status. */
  subjects: readonly Subject[];
  /** Every lead of the household, any status. */
  leads: readonly Lead[];
  /** Every recorded fact of the household, any source (household-fact.ts). */
  facts?: readonly HouseholdFact[];
}

/** The campaign year's yardsticks for the checks. */
export interface AuditBasis {
  /** The day of the check: ages and 整户无劳动力 are taken on it. */
  asOf: Day;
  /** The calendar year whose income is judged (2022 campaign: 2021). */
  incomeYear: number;
  /** The monitoring line of the campaign year (2022: 6700). */
  line: number;
  /** Warnings and 不纳入 decisions count from this day on: 1 January of the income year. */
  since: Day;
  subjectConfig: SubjectConfig;
}

/** Checks the registers cannot feed (none since the facts register: kept for callers that filter by it). */
export const SKIPPED_CHECKS: ReadonlySet<CaseCode> = new Set<CaseCode>();

/** Findings that say a household's data is missing: `check` reports them per village, as a data gap. */
export const GAP_CHECKS: ReadonlySet<CaseCode> = new Set<CaseCode>(['QUALITY.INCOME_MISSING', 'QUALITY.GUARANTEES_MISSING']);

/** Compulsory-schooling ages, as householdFacts counts them. */
const SCHOOL_AGE = { from: 6, to: 15 };

/** The basis of `c` on `asOf`, or the year whose monitoring line is missing (never another year's line). */
export function auditBasis(c: Campaign, lines: MonitoringLines, asOf: Day): { ok: true; basis: AuditBasis } | { ok: false; missingLineYear: number } {
  const line = monitoringLine(lines, c.year);
  if (line === null) return { ok: false, missingLineYear: c.year };
  return { ok: true, basis: { asOf, incomeYear: c.incomeYear, line, since: `${c.incomeYear}-01-01`, subjectConfig: { minMonthsBeforeElimination: c.eliminationMinMonths } } };
}

/** The income record of `year`: its period ends in that year; the longest such period, then the latest. */
export function incomeOfYear(incomes: readonly IncomeRecord[], year: number): IncomeRecord | null {
  const days = (r: IncomeRecord) => daysBetween(r.period.from, r.period.to);
  const inYear = incomes.filter((r) => r.period.to.startsWith(`${year}-`));
  return inYear.sort((a, b) => days(b) - days(a) || b.period.to.localeCompare(a.period.to))[0] ?? null;
}

/** The facts the checks read, from the stored records (unknowns as the file comment says). */
export function auditFacts(r: HouseholdRecords, b: AuditBasis): QualityFacts {
  const h = r.household;
  const facts = householdFacts(h, { asOf: b.asOf, schoolAge: SCHOOL_AGE });
  const recorded = r.facts ?? [];
  const latestFact = latestFacts(recorded);
  const latest = [...r.subjects].sort((x, y) => x.episode - y.episode).at(-1) ?? null;
  const income = incomeOfFacts(recorded, b.incomeYear) ?? incomeOfYear(r.incomes, b.incomeYear);
  const relief = latestFact.get('relief_dibao');
  const recent = (day: Day) => day >= b.since;
  const schoolAge = (idNumber: string) => {
    const age = ageOn(idNumber, b.asOf);
    // A 辍学 mark on a member whose ID gives no age still counts: the mark is what was recorded.
    return age === null || (age >= SCHOOL_AGE.from && age <= SCHOOL_AGE.to);
  };
  return {
    household: h,
    perCapitaIncome: income && facts.size > 0 ? perCapitaNetIncome(income, facts.size) : null,
    incomeLine: b.line,
    guarantees: {
      basicNeeds: yesNoFact(latestFact, 'basic_needs'),
      education: yesNoFact(latestFact, 'education'),
      medical: yesNoFact(latestFact, 'medical'),
      housing: yesNoFact(latestFact, 'housing'),
      water: yesNoFact(latestFact, 'water'),
    },
    wholeHouseholdNoLabour: facts.noLabour,
    subject: latest,
    hasOpenLead: r.leads.some((l) => l.status === 'open'),
    // A written reason for not monitoring: a 不纳入 with its reason, or a 清退 approved by the city
    // (its written request and reason are on file) — of this campaign's period, as for warnings.
    exclusionRecorded:
      r.leads.some((l) => l.status === 'not_included' && l.outcome?.decision === 'exclude' && l.outcome.reason.trim() !== '' && recent(l.outcome.day)) ||
      (latest?.status === 'withdrawn' && !!latest.withdrawal?.city && recent(latest.withdrawal.city.day)),
    uninsuredMember: yesNoFact(latestFact, 'insured') === false,
    schoolDropout: h.members.some((m) => isActive(m) && m.schooling === 'dropout' && schoolAge(m.idNumber)),
    departmentWarning: r.leads.some((l) => l.origins.some((o) => o.source === 'department_warning' && recent(o.foundOn))),
    // 低保 counts as relief received when a department's list reports it (a new grant); the
    // roster's 是否低保 is the household's standing, already key group ④.
    reliefReceived: yesNoFact(latestFact, 'relief_temporary') === true || yesNoFact(latestFact, 'relief_medical') === true || (relief?.source === 'department' && relief.value === 'yes'),
  };
}

/** The household checks on stored records, without the checks the registers cannot feed. */
export function checkRecords(r: HouseholdRecords, b: AuditBasis): Finding[] {
  return checkHousehold(auditFacts(r, b), b.subjectConfig).filter((f) => !SKIPPED_CHECKS.has(f.code));
}

/**
 * Who answers for a household's problem: its 联系干部, else a grid worker of its grid, else a
 * village cadre of its village (active staff only, the first by UserID); null when nobody is on
 * the roster there.
 */
export function problemResponsible(roster: readonly Staff[], p: Placement, contactStaff: string | null): Staff | null {
  const active = [...roster].filter((s) => s.active).sort((a, b) => a.userId.localeCompare(b.userId));
  const contact = contactStaff ? active.find((s) => s.userId === contactStaff) : undefined;
  const at = (role: Staff['role'], level: Staff['jurisdiction']['level'], code: string | null) =>
    code === null ? undefined : active.find((s) => s.role === role && s.jurisdiction.level === level && s.jurisdiction.code === code);
  return contact ?? at('grid_worker', 'grid', p.gridCode) ?? at('village_cadre', 'village', p.villageCode) ?? null;
}

/** 完成时限 of a problem found on `today`: the campaign's 信息修正 day while it is still ahead, else a week. */
export function problemDeadline(c: Campaign, today: Day): Day {
  return c.milestones.corrections > today ? c.milestones.corrections : addDays(today, 7);
}
