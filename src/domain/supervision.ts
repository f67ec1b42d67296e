/**
 * The city's 通报 (ranking of towns, or of a town's villages) and its 督导 targets (SPEC.md §2.6,
 * seed 五(五)): villages reporting zero problems, villages whose 三类人员 counts look abnormal,
 * slow villages, and villages with unfinished rectification. Pure: the numbers come in from the
 * one calculation of 附件1 (`computeProgress`) and the problem ledger; nothing is counted twice.
 *
 * Ranking (通报): screening coverage (households screened ÷ households on the roster) first, then the
 * share of found problems already rectified; equal places share a rank (1, 1, 3). A place with no
 * roster has no coverage and ranks last.
 *
 * 督导 rules (thresholds are configuration, `SupervisionRules`):
 * - zero problems: no problem found in the campaign window (排查问题总数 = 0) — a village that found
 *   nothing was probably not looked at closely;
 * - abnormal 三类人员: monitoring-subject households (open or risk eliminated, not 清退) per roster
 *   household. None at all in a village of at least `abnormalMinRoster` households (应纳未纳?), or a
 *   share above `abnormalHighFactor` × the share of all the villages compared (优亲厚友?), with at
 *   least `abnormalHighMin` households;
 * - slow: coverage more than `slowShortfall` below the expected coverage — expected grows evenly
 *   from the start of the window to the screening deadline (100% from then on);
 * - unfinished rectification: problems still open (overdue ones first).
 *
 * @example
 *   rankPlaces([{ code: 'T1', row: t1, roster: { households: 400, people: 1200 } }, …])
 *   // [{ code: 'T1', rank: 1, coverage: 0.8, rectification: 0.5 }, …]
 *   expectedCoverage({ from: '2022-04-25', to: '2022-05-13' }, '2022-05-31')   // 19/37 ≈ 0.51
 */
import type { HouseholdsPeople, ProgressRow } from './progress.js';
import { daysBetween, type Day } from './shanghai-days.js';

export interface RankInput {
  code: string;
  row: ProgressRow;
  roster: HouseholdsPeople;
}

export interface RankedPlace {
  code: string;
  /** 1 = best; equal places share a rank. */
  rank: number;
  /** Screened households ÷ roster households (0–1), null without a roster. */
  coverage: number | null;
  /** Rectified ÷ found problems (0–1), null when none were found. */
  rectification: number | null;
}

/** Households screened ÷ households on the roster; null when the roster is empty. */
export function coverageOf(row: Pick<ProgressRow, 'screened'>, roster: HouseholdsPeople): number | null {
  return roster.households === 0 ? null : Math.min(1, row.screened.households / roster.households);
}

/** Rectified ÷ found; null when nothing was found. */
export function rectificationOf(row: Pick<ProgressRow, 'problemsFound' | 'problemsRectified'>): number | null {
  return row.problemsFound === 0 ? null : row.problemsRectified / row.problemsFound;
}

// null sorts after every number (no roster, nothing found).
const desc = (a: number | null, b: number | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);

/** The 通报 order of the places (see the module comment). */
export function rankPlaces(items: readonly RankInput[]): RankedPlace[] {
  const scored = items.map((i) => ({ code: i.code, coverage: coverageOf(i.row, i.roster), rectification: rectificationOf(i.row) }));
  scored.sort((a, b) => desc(a.coverage, b.coverage) || desc(a.rectification, b.rectification) || a.code.localeCompare(b.code));
  const out: RankedPlace[] = [];
  scored.forEach((s, i) => {
    const prev = out[i - 1];
    const tie = prev !== undefined && prev.coverage === s.coverage && prev.rectification === s.rectification;
    out.push({ ...s, rank: tie ? prev.rank : i + 1 });
  });
  return out;
}

export interface SupervisionRules {
  /** A village of at least this many roster households with no 三类人员 at all is abnormal. */
  abnormalMinRoster: number;
  /** A share of 三类人员 above this multiple of the compared villages' share is abnormal … */
  abnormalHighFactor: number;
  /** … when the village has at least this many subject households. */
  abnormalHighMin: number;
  /** Slow: coverage more than this (0–1) below the expected coverage. */
  slowShortfall: number;
}

export const DEFAULT_SUPERVISION_RULES: SupervisionRules = { abnormalMinRoster: 50, abnormalHighFactor: 3, abnormalHighMin: 3, slowShortfall: 0.2 };

/**
 * The coverage expected on `window.to` if screening advanced evenly from `window.from` to the
 * screening deadline (both days counted): 0–1, and 1 from the deadline on.
 */
export function expectedCoverage(window: { from: Day; to: Day }, screeningDeadline: Day): number {
  const total = daysBetween(window.from, screeningDeadline) + 1;
  const done = daysBetween(window.from, window.to) + 1;
  if (total <= 0 || done >= total) return 1;
  return Math.max(0, done / total);
}

export interface VillageFigures extends RankInput {
  /** Monitoring-subject households (open or risk eliminated; not 清退). */
  subjects: number;
  /** Problems of the ledger still open, and of those past their deadline. */
  openProblems: number;
  overdueProblems: number;
}

export interface SupervisionTargets {
  zeroProblem: string[];
  abnormal: Array<{ code: string; subjects: number; roster: number; kind: 'none' | 'high' }>;
  slow: Array<{ code: string; coverage: number; expected: number }>;
  unrectified: Array<{ code: string; open: number; overdue: number }>;
}

/** The 督导 targets among `villages` (see the module comment), each list in a stable order. */
export function supervisionTargets(villages: readonly VillageFigures[], expected: number, rules: SupervisionRules = DEFAULT_SUPERVISION_RULES): SupervisionTargets {
  const totalRoster = villages.reduce((n, v) => n + v.roster.households, 0);
  const totalSubjects = villages.reduce((n, v) => n + v.subjects, 0);
  const reference = totalRoster === 0 ? 0 : totalSubjects / totalRoster;
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);

  const abnormal: SupervisionTargets['abnormal'] = [];
  const slow: SupervisionTargets['slow'] = [];
  for (const v of villages) {
    const roster = v.roster.households;
    if (v.subjects === 0 && roster >= rules.abnormalMinRoster) abnormal.push({ code: v.code, subjects: 0, roster, kind: 'none' });
    else if (roster > 0 && reference > 0 && v.subjects >= rules.abnormalHighMin && v.subjects / roster > rules.abnormalHighFactor * reference) {
      abnormal.push({ code: v.code, subjects: v.subjects, roster, kind: 'high' });
    }
    const coverage = coverageOf(v.row, v.roster);
    if (coverage !== null && coverage < expected - rules.slowShortfall) slow.push({ code: v.code, coverage, expected });
  }
  return {
    zeroProblem: villages.filter((v) => v.row.problemsFound === 0).map((v) => v.code).sort(),
    abnormal: abnormal.sort(byCode),
    slow: slow.sort((a, b) => a.coverage - b.coverage || byCode(a, b)),
    unrectified: villages
      .filter((v) => v.openProblems > 0)
      .map((v) => ({ code: v.code, open: v.openProblems, overdue: v.overdueProblems }))
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open || byCode(a, b)),
  };
}
