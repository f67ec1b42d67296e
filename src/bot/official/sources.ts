/**
 * Where the officials' numbers come from — ONE call, `placeReport`, used by the chat answers, the
 * xlsx export, the charts, the weekly jobs and `npx shouwang export`: the region tree gives the
 * villages of the place, and the database counts 附件1 with grouped queries
 * (`progressByQueries`, src/persistence/progress-sql.ts: the numbers of `computeProgress`, the
 * domain's reference calculation, without loading a city's records). Along come the register's
 * counts per village and town, the households with a subject per village, and the grids' coverage.
 *
 * The campaign of a day is the stored configuration of its year, or the seed's 2022 calendar
 * moved to that year; its records carry the code `String(year)` (the field flows store the same).
 * The window of the campaign's statistics runs from the Monday of the week of the mobilization
 * deadline (the plan is issued that week: 2022-04-25 for 2022) to the report day.
 *
 * 是否专门安排部署 and 培训人数 come from the villages' reports (“已部署”, “培训 12人”, the
 * register of src/persistence/activities.ts), read by the rules of src/domain/campaign-activity.ts.
 *
 * @example
 *   const pr = await placeReport(tx, tree, '610821101', '2022-05-13');
 *   pr.total.screened.households            // the 附件1 cell of 高家堡镇's 小计
 */
import type { Campaign } from '../../domain/campaign.js';
import { progressActivities } from '../../domain/campaign-activity.js';
import { campaignCode, campaignOf } from '../flow-data/field-views.js';
import { addDays, isoWeekday } from '../../domain/calendar.js';
import { pathCodes, type RegionTree } from '../../domain/hierarchy.js';
import { computeProgress, type HouseholdsPeople, type ProgressReport, type ProgressRow } from '../../domain/progress.js';
import type { Day } from '../../domain/shanghai-days.js';
import type { Region } from '../../domain/types.js';
import type { Place } from '../../flows/official/data.js';
import { placeOf } from '../../flows/official/place.js';
import { activitiesOfVillages } from '../../persistence/activities.js';
import type { Tx } from '../../persistence/db.js';
import { progressByQueries, type GridCoverage } from '../../persistence/progress-sql.js';

/**
 * The campaign of a day, and the code on its records: the field's (one rule for the whole bot:
 * the stored configuration of the day's year, or the 2022 calendar moved to that year).
 */
export { campaignOf as campaignOn, campaignCode } from '../flow-data/field-views.js';

/** The statistics window of the campaign on a report day (see the file comment). */
export function campaignWindow(c: Campaign, reportDay: Day): { from: Day; to: Day } {
  const m = c.milestones.mobilization;
  return { from: addDays(m, 1 - isoWeekday(m)), to: reportDay };
}

/** The villages under a region (the region itself when it is one), in code order. */
export function villagesUnder(tree: RegionTree, code: string): Region[] {
  return [...tree.byCode.values()].filter((r) => r.level === 'village' && pathCodes(tree, r.code).includes(code)).sort((a, b) => a.code.localeCompare(b.code));
}

/** A region as the flows name it; null for grids and unknown codes. */
export function placeIn(tree: RegionTree, code: string): Place | null {
  const r = tree.byCode.get(code);
  return r ? placeOf(r, [...tree.byCode.values()]) : null;
}

/** Region names by code, for the forms. */
export const namesOf = (tree: RegionTree): Map<string, string> => new Map([...tree.byCode.values()].map((r) => [r.code, r.name]));

export interface PlaceReport {
  place: Place;
  campaign: Campaign;
  window: { from: Day; to: Day };
  /** The place's own row (village row, town 小计, city 合计). */
  total: ProgressRow;
  report: ProgressReport;
  /** Households and people on the register, by the place's code and those of its villages and towns. */
  roster: Map<string, HouseholdsPeople>;
  /** Households with a monitoring subject not withdrawn, by village. */
  subjectHouseholds: Map<string, number>;
  /** Each grid's households and those screened in the window (households without a grid left out). */
  grids: GridCoverage[];
}

function emptyRow(level: ProgressRow['level'], path: string[]): ProgressRow {
  const zero = computeProgress({ window: { from: '2000-01-01', to: '2000-01-01' }, villages: [], roster: [], deployments: [], screenings: [], keyGroups: [], subjects: [], reviews: [], problems: [], trainings: [] }).city;
  return { ...zero, level, cityCode: path[0] ?? '', townCode: path[1] ?? null, villageCode: path[2] ?? null };
}

/** 附件1 of a place (city, town or village) and everything below it, on a report day: the one call. */
export async function placeReport(tx: Tx, tree: RegionTree, code: string, reportDay: Day): Promise<PlaceReport> {
  const place = placeIn(tree, code);
  if (!place) throw new Error(`OFFICIAL.UNKNOWN_PLACE: ${code}`);
  const campaign = await campaignOf(tx, reportDay);
  const window = campaignWindow(campaign, reportDay);
  const villages = villagesUnder(tree, code).map((v) => {
    const [cityCode, townCode] = pathCodes(tree, v.code);
    return { cityCode: cityCode as string, townCode: townCode as string, villageCode: v.code };
  });
  const counts = await progressByQueries(tx, {
    campaign: campaignCode(campaign),
    window,
    villages,
    node: { level: place.level, code },
    ...progressActivities(await activitiesOfVillages(tx, campaignCode(campaign), villages.map((v) => v.villageCode))),
  });
  const { report } = counts;
  const row = place.level === 'city' ? (villages.length ? report.city : undefined) : place.level === 'town' ? report.towns.find((t) => t.townCode === code) : report.villages.find((v) => v.villageCode === code);
  return { place, campaign, window, total: row ?? emptyRow(place.level, pathCodes(tree, code)), report, roster: counts.roster, subjectHouseholds: counts.subjectHouseholds, grids: counts.grids };
}
