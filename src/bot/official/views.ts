/**
 * The official flows' views, built from `placeReport` (sources.ts) and the casework reads: every
 * 附件1 number in a view is a cell of that one report. Reads only; the port (flow-data/official.ts)
 * checks access and opens the transaction.
 *
 * @example
 *   const pr = await placeReport(tx, tree, '610821101', day);
 *   progressViewOf(pr, tree)                       // ProgressView: the town's 小计, its villages, no grids
 *   await reportingViewOf(tx, tree, '610821101', reportWeek(now, pr.campaign))
 */
import { LEAD_SOURCE, LEAD_STEP } from '../../domain/catalog.js';
import { pathCodes, type RegionTree } from '../../domain/hierarchy.js';
import { DEFAULT_LEAD_CONFIG, type Lead } from '../../domain/lead.js';
import { problemCounts } from '../../domain/problem.js';
import type { HouseholdsPeople, ProgressRow } from '../../domain/progress.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { expectedCoverage, supervisionTargets, type VillageFigures } from '../../domain/supervision.js';
import { countsForWeek, type ReportWeek } from '../../domain/weekly-report.js';
import type { Confirmation, LeadLine, OverdueView, PlaceProgress, ProgressView, ReportingView, SupervisionView } from '../../flows/official/data.js';
import type { Tx } from '../../persistence/db.js';
import { leadsInRegion } from '../../persistence/leads.js';
import { headNames } from '../../persistence/official-reads.js';
import { problemsInVillages } from '../../persistence/problems.js';
import { latestConfirmations, type WeeklyConfirmationRow } from '../../persistence/weekly-reports.js';
import { placeIn, villagesUnder, type PlaceReport } from './sources.js';

const rosterOf = (pr: PlaceReport, code: string): HouseholdsPeople => pr.roster.get(code) ?? { households: 0, people: 0 };

const partOf = (pr: PlaceReport, tree: RegionTree, row: ProgressRow, code: string): PlaceProgress => ({ place: placeIn(tree, code)!, row, roster: rosterOf(pr, code) });

/** 附件1 of the place with its towns (city) or villages (town), and a village's grid coverage. */
export function progressViewOf(pr: PlaceReport, tree: RegionTree): ProgressView {
  const { place, report } = pr;
  const parts =
    place.level === 'city' ? report.towns.map((t) => partOf(pr, tree, t, t.townCode as string)) : place.level === 'town' ? report.villages.map((v) => partOf(pr, tree, v, v.villageCode as string)) : [];
  // The report's screenings in its window, laid over the register's grids (counted with the report).
  const grids: ProgressView['grids'] =
    place.level === 'village' ? pr.grids.map((g) => ({ code: g.code, name: tree.byCode.get(g.code)?.name ?? g.code, screened: g.screened, roster: g.households })) : [];
  return { reportDay: pr.window.to, total: { place, row: pr.total, roster: rosterOf(pr, place.code) }, parts, grids };
}

/** The confirmation that stands for the week (the rule: src/domain/weekly-report.ts), or null. */
export const confirmationOf = (r: WeeklyConfirmationRow | undefined, week: ReportWeek): Confirmation | null =>
  r && countsForWeek(r.confirmedAt, week) ? { byName: r.confirmedByName, at: r.confirmedAt } : null;

/** Who has reported for the week: every village under `code`, and each town's own confirmation. */
export async function reportingViewOf(tx: Tx, tree: RegionTree, code: string, week: ReportWeek): Promise<ReportingView> {
  const villages = villagesUnder(tree, code);
  const townCodes = [...new Set(villages.map((v) => pathCodes(tree, v.code)[1] as string))];
  const ofVillages = await latestConfirmations(tx, week.week, 'village', villages.map((v) => v.code));
  const ofTowns = await latestConfirmations(tx, week.week, 'town', townCodes);
  return {
    week: week.week,
    deadline: week.deadline,
    villages: villages.map((v) => ({ place: placeIn(tree, v.code)!, town: placeIn(tree, v.parentCode as string)!, confirmed: confirmationOf(ofVillages.get(v.code), week) })),
    towns: townCodes.map((t) => ({ place: placeIn(tree, t)!, confirmed: confirmationOf(ofTowns.get(t), week) })),
  };
}

function leadLine(lead: Lead, daysLeft: number, tree: RegionTree, heads: ReadonlyMap<number, string>): LeadLine {
  const last = lead.steps.at(-1);
  return {
    id: lead.id as number,
    village: placeIn(tree, lead.placement.villageCode)!,
    who: (lead.householdId !== null ? heads.get(lead.householdId) : undefined) ?? lead.declarant?.name ?? '（未登记）',
    source: LEAD_SOURCE.label[lead.origins[0]?.source ?? 'cadre_screening'],
    discoveredOn: lead.discoveredOn,
    deadline: lead.deadline,
    daysLeft,
    lastStep: last ? LEAD_STEP.label[last.step] : null,
  };
}

/** Open leads past their deadline, and those due within the warning window, under a place. */
export async function overdueViewOf(tx: Tx, tree: RegionTree, pr: PlaceReport, now: number): Promise<OverdueView> {
  const region = { level: pr.place.level, code: pr.place.code };
  const dueSoonDays = DEFAULT_LEAD_CONFIG.dueSoonDays;
  const overdue = await leadsInRegion(tx, region, { state: 'overdue', now });
  const soon = await leadsInRegion(tx, region, { state: 'due_soon', now, withinDays: dueSoonDays });
  // 户主 of the listed leads' households only.
  const heads = await headNames(tx, [...overdue, ...soon].flatMap((l) => (l.lead.householdId === null ? [] : [l.lead.householdId])));
  // Most overdue first (the repository gives the soonest deadline first, which is the same order).
  return {
    today: shanghaiDay(now),
    dueSoonDays,
    overdue: overdue.map((l) => leadLine(l.lead, l.clock.daysLeft, tree, heads)),
    dueSoon: soon.map((l) => leadLine(l.lead, l.clock.daysLeft, tree, heads)),
  };
}

/** The 督导 targets among the villages of the report (rules: src/domain/supervision.ts). */
export async function supervisionViewOf(tx: Tx, pr: PlaceReport, tree: RegionTree): Promise<SupervisionView> {
  // The ledger as it stands (open / overdue now), not only the window's finds.
  const ledger = await problemsInVillages(tx, pr.report.villages.map((v) => v.villageCode as string));
  const problems = new Map(problemCounts(ledger, pr.window.to).map((c) => [c.villageCode, c]));
  const figures: VillageFigures[] = pr.report.villages.map((row) => {
    const code = row.villageCode as string;
    return { code, row, roster: rosterOf(pr, code), subjects: pr.subjectHouseholds.get(code) ?? 0, openProblems: problems.get(code)?.open ?? 0, overdueProblems: problems.get(code)?.overdue ?? 0 };
  });
  const expected = expectedCoverage(pr.window, pr.campaign.milestones.screening);
  return {
    reportDay: pr.window.to,
    villages: Object.fromEntries(pr.report.villages.map((v) => [v.villageCode as string, placeIn(tree, v.villageCode as string)!])),
    targets: supervisionTargets(figures, expected),
    expected,
  };
}
