/**
 * 防止返贫监测帮扶集中排查工作进度统计表 (附件1): per village, rolled up to town and city, computed
 * from the records. This is the ONE calculation: the flows' answers and the xlsx form both call
 * `computeProgress` and lay out its rows with `PROGRESS_COLUMNS`.
 *
 * ── Reading of the seed's garbled header ────────────────────────────────────────────────────
 * The text extraction flattened a three-level header into five tab-separated lines and gave every
 * named cell of line 4 the same two-column span, so spans cannot be trusted; the unit line (line 5)
 * can: it reads 是/否, 人数, then seven 户数/人数 pairs, then twelve 户数.
 *
 *   garbled cell (line)                  → our column(s)
 *   镇街, 行政村 (2)                      → townCode, villageCode (row labels)
 *   是否专门安排部署 (4) + 是/否 (5)        → deployed
 *   参与集中排查的各级部门总人数 (4) + 人数  → staff: distinct people who recorded a screening
 *   集中排查对象 (2) + 1st 户数/人数 pair   → screened (households / people screened)
 *   其中： (3) → 脱贫户 (4), 2nd pair       → screenedAlleviated (of the screened: 户类型 脱贫户)
 *   其中： (3) → 监测对象 (4), 3rd pair     → screenedSubjects (of the screened: 监测对象, open or 风险消除)
 *   集中排查结果 (3) → 纳入边缘易致贫户数 (4), 4th pair → includedMarginal
 *   集中排查结果 → 纳入脱贫不稳定户数, 5th pair → includedUnstable
 *   集中排查结果 → 纳入突发严重困难户数, 6th pair → includedSudden
 *   集中排查结果 → 其中因纳入 (4), 7th pair → includedCovid (see below)
 *   “回头看”情况 (2) → 总数, 回退, 清退 (4), 户数 → reviewTotal, reverted, withdrawn
 *   问题整改 (3) → 排查问题总数, 问题整改数, 补正数据 (4) → problemsFound, problemsRectified, dataCorrections
 *   培训人数 (3)                           → trained (people trained, as the village last reported it)
 * Twelve 户数 cells remain after the seven pairs but only seven columns follow (3 回头看, 3 问题整改,
 * 1 培训人数): the extraction padded the unit line to the table's width. We keep the seven, and
 * give 问题整改 the unit 个数 (problems are counted, not households) and 培训人数 the unit 人数.
 * Above village level 是否专门安排部署 shows "deployed villages / villages".
 *
 * "其中因纳入" lost the word between 因 and 纳入. We read it as 其中因疫情纳入 — "of the households
 * newly included above, those included because of COVID-19": (1) it sits inside 集中排查结果 right
 * after the three 纳入 columns and carries the same 户数/人数 pair, so it is a sub-count of them;
 * (2) 2022 added key group ⑧ (因新冠肺炎疫情影响生产及就业) to the screening, and COVID has no risk
 * type of its own in the national system (DOMAIN.md), so a report that wanted the number needed a
 * column, whereas illness, disability or disaster are already visible as risk types. It is counted
 * as a newly included household whose 附件2 record this campaign has 对象类型 ⑧.
 *
 * Window: "this campaign" is [window.from, window.to]; a household counts once however often it
 * was screened. Town and city rows add households and people; `staff` are people, so they are
 * distinct across villages (one official screening in two villages is one person). 培训人数 is
 * what each village reports as the number of its people trained so far (a later report replaces
 * an earlier one: it is a running total, not a session); towns and the city add the villages.
 *
 * @example
 *   const report = computeProgress(input);
 *   report.city.screened          // { households: 1820, people: 5313 }
 *   PROGRESS_COLUMNS.map((c) => c.value(report.towns[0]))   // the cells of one xlsx row
 */
import { latestTrainings } from './campaign-activity.js';
import type { Category, HouseholdType, KeyGroup } from './catalog.js';
import type { Problem } from './problem.js';
import { dayWithin, type Day } from './shanghai-days.js';
import type { Subject } from './subject.js';

export interface HouseholdsPeople {
  households: number;
  people: number;
}

export interface ProgressInput {
  window: { from: Day; to: Day };
  /** Every village to report, even one with no records yet. */
  villages: Array<{ cityCode: string; townCode: string; villageCode: string }>;
  roster: Array<{ householdId: number; villageCode: string; type: HouseholdType; people: number }>;
  /** 专门安排部署: a recorded deployment meeting of the village. */
  deployments: Array<{ villageCode: string; day: Day }>;
  /** Every screening record (any of 附件2–5) with its screener and day. */
  screenings: Array<{ householdId: number; villageCode: string; screener: string; day: Day }>;
  /**
   * 附件2 对象类型 per household, from this campaign's key-group records. Not counted: 其中因疫情纳入
   * reads the inclusion's own mark (`Subject.epidemic`), a ⑧ tag does not say the inclusion was
   * caused by the epidemic. Kept in the input for the callers that gather it; to be dropped with them.
   */
  keyGroups: Array<{ householdId: number; groups: KeyGroup[] }>;
  subjects: Array<Pick<Subject, 'householdId' | 'category' | 'includedOn' | 'status' | 'events' | 'withdrawal' | 'epidemic'> & { id: number | null }>;
  /** 附件4 rows: subjects reviewed (回头看). */
  reviews: Array<{ subjectId: number; householdId: number; day: Day }>;
  problems: Array<Pick<Problem, 'placement' | 'foundOn' | 'status' | 'rectification'>>;
  /** 培训人数 reported by a village on a day (running totals; the latest report in the window counts). */
  trainings: Array<{ villageCode: string; people: number; day: Day }>;
}

export interface ProgressRow {
  level: 'village' | 'town' | 'city';
  cityCode: string;
  townCode: string | null;
  villageCode: string | null;
  /** 是否专门安排部署: every village of the row has deployed. */
  deployed: boolean;
  villages: number;
  deployedVillages: number;
  staff: number;
  screened: HouseholdsPeople;
  screenedAlleviated: HouseholdsPeople;
  screenedSubjects: HouseholdsPeople;
  includedMarginal: HouseholdsPeople;
  includedUnstable: HouseholdsPeople;
  includedSudden: HouseholdsPeople;
  includedCovid: HouseholdsPeople;
  reviewTotal: number;
  reverted: number;
  withdrawn: number;
  problemsFound: number;
  problemsRectified: number;
  dataCorrections: number;
  trained: number;
}

export interface ProgressReport {
  villages: ProgressRow[];
  towns: ProgressRow[];
  city: ProgressRow;
}

/**
 * One village's counts while summing (also what src/persistence/progress-sql.ts fills from grouped
 * queries). `staff` is a set so people are counted once across villages.
 */
export interface VillageTally {
  villages: number;
  deployedVillages: number;
  staff: Set<string>;
  trained: number;
  counts: Omit<ProgressRow, 'level' | 'cityCode' | 'townCode' | 'villageCode' | 'deployed' | 'villages' | 'deployedVillages' | 'staff' | 'trained'>;
}

const hp = (): HouseholdsPeople => ({ households: 0, people: 0 });
export const newTally = (): VillageTally => ({
  villages: 0, deployedVillages: 0, staff: new Set(), trained: 0,
  counts: { screened: hp(), screenedAlleviated: hp(), screenedSubjects: hp(), includedMarginal: hp(), includedUnstable: hp(), includedSudden: hp(), includedCovid: hp(), reviewTotal: 0, reverted: 0, withdrawn: 0, problemsFound: 0, problemsRectified: 0, dataCorrections: 0 },
});

const INCLUDED_KEY: Record<Category, 'includedMarginal' | 'includedUnstable' | 'includedSudden'> = {
  marginal: 'includedMarginal',
  unstable_alleviated: 'includedUnstable',
  sudden_hardship: 'includedSudden',
};

const HP_KEYS = ['screened', 'screenedAlleviated', 'screenedSubjects', 'includedMarginal', 'includedUnstable', 'includedSudden', 'includedCovid'] as const;
const N_KEYS = ['reviewTotal', 'reverted', 'withdrawn', 'problemsFound', 'problemsRectified', 'dataCorrections'] as const;

function addHp(acc: VillageTally, key: (typeof HP_KEYS)[number], people: number): void {
  acc.counts[key].households += 1;
  acc.counts[key].people += people;
}

/** Computes 附件1 for every village, town and the city from the records. */
export function computeProgress(input: ProgressInput): ProgressReport {
  const { from, to } = input.window;
  const inWindow = (d: Day): boolean => dayWithin(d, from, to);
  const perVillage = new Map<string, VillageTally>(input.villages.map((v) => [v.villageCode, newTally()]));
  const acc = (villageCode: string): VillageTally | undefined => perVillage.get(villageCode);
  const household = new Map(input.roster.map((h) => [h.householdId, h]));

  tallyActivities(perVillage, input);
  const screenedIds = new Set<number>();
  for (const s of input.screenings) {
    if (!inWindow(s.day)) continue;
    acc(s.villageCode)?.staff.add(s.screener);
    screenedIds.add(s.householdId);
  }
  const subjectOf = new Map<number, ProgressInput['subjects'][number]>();
  for (const s of input.subjects) if (s.status !== 'withdrawn' || !subjectOf.has(s.householdId)) subjectOf.set(s.householdId, s);
  for (const id of screenedIds) {
    const h = household.get(id);
    const a = h && acc(h.villageCode);
    if (!h || !a) continue;
    addHp(a, 'screened', h.people);
    if (h.type === 'alleviated') addHp(a, 'screenedAlleviated', h.people);
    const s = subjectOf.get(id);
    if (s && s.status !== 'withdrawn') addHp(a, 'screenedSubjects', h.people);
  }
  for (const s of input.subjects) {
    const h = household.get(s.householdId);
    const a = h && acc(h.villageCode);
    if (!h || !a) continue;
    if (inWindow(s.includedOn)) {
      addHp(a, INCLUDED_KEY[s.category], h.people);
      // 其中因疫情纳入: the inclusion was recorded as caused by the epidemic (a ⑧ tag alone does not say so).
      if (s.epidemic) addHp(a, 'includedCovid', h.people);
    }
    if (s.events.some((e) => e.kind === 'revert' && inWindow(e.day))) a.counts.reverted += 1;
    // 清退 counts the written requests of the campaign still standing (a rejected one is cleared).
    if (s.withdrawal && inWindow(s.withdrawal.requestedOn)) a.counts.withdrawn += 1;
  }
  const reviewed = new Map<number, number>();
  for (const r of input.reviews) if (inWindow(r.day)) reviewed.set(r.subjectId, r.householdId);
  for (const householdId of reviewed.values()) {
    const h = household.get(householdId);
    const a = h && acc(h.villageCode);
    if (a) a.counts.reviewTotal += 1;
  }
  for (const p of input.problems) {
    const a = acc(p.placement.villageCode);
    if (!a || !inWindow(p.foundOn)) continue;
    a.counts.problemsFound += 1;
    if (p.status === 'rectified' && p.rectification && p.rectification.day <= to) {
      a.counts.problemsRectified += 1;
      if (p.rectification.dataCorrected) a.counts.dataCorrections += 1;
    }
  }
  return rollUpProgress(input.villages, perVillage);
}

/** Each village counts as one village, 部署 (a meeting by the report day) and its latest 培训人数 of the window. */
export function tallyActivities(perVillage: Map<string, VillageTally>, input: Pick<ProgressInput, 'window' | 'deployments' | 'trainings'>): void {
  const { from, to } = input.window;
  const deployed = new Set(input.deployments.filter((d) => d.day <= to).map((d) => d.villageCode));
  for (const [code, a] of perVillage) {
    a.villages = 1;
    if (deployed.has(code)) a.deployedVillages = 1;
  }
  for (const [villageCode, t] of latestTrainings(input.trainings.filter((x) => dayWithin(x.day, from, to)))) {
    const a = perVillage.get(villageCode);
    if (a) a.trained = t.people;
  }
}

function merge(into: VillageTally, a: VillageTally): void {
  into.villages += a.villages;
  into.deployedVillages += a.deployedVillages;
  a.staff.forEach((x) => into.staff.add(x));
  into.trained += a.trained;
  for (const k of HP_KEYS) {
    into.counts[k].households += a.counts[k].households;
    into.counts[k].people += a.counts[k].people;
  }
  for (const k of N_KEYS) into.counts[k] += a.counts[k];
}

function row(level: ProgressRow['level'], cityCode: string, townCode: string | null, villageCode: string | null, a: VillageTally): ProgressRow {
  return {
    level, cityCode, townCode, villageCode,
    deployed: a.villages > 0 && a.deployedVillages === a.villages,
    villages: a.villages, deployedVillages: a.deployedVillages,
    staff: a.staff.size, trained: a.trained,
    ...structuredClone(a.counts),
  };
}

/** The village rows in town and code order, their towns' 小计 and the city's 合计, from each village's tally. */
export function rollUpProgress(villages: ProgressInput['villages'], perVillage: Map<string, VillageTally>): ProgressReport {
  const sorted = [...villages].sort((x, y) => x.townCode.localeCompare(y.townCode) || x.villageCode.localeCompare(y.villageCode));
  const towns = new Map<string, VillageTally>();
  const city = newTally();
  const cityCode = sorted[0]?.cityCode ?? '';
  for (const v of sorted) {
    const a = perVillage.get(v.villageCode) as VillageTally;
    const t = towns.get(v.townCode) ?? newTally();
    merge(t, a);
    towns.set(v.townCode, t);
    merge(city, a);
  }
  return {
    villages: sorted.map((v) => row('village', v.cityCode, v.townCode, v.villageCode, perVillage.get(v.villageCode) as VillageTally)),
    towns: [...towns.entries()].map(([code, a]) => row('town', cityCode, code, null, a)),
    city: row('city', cityCode, null, null, city),
  };
}
