/**
 * 动员部署 and 培训 of the campaign (seed 三(一): "全面动员部署……对镇村干部、驻村工作队、网格员、
 * 信息员等进行业务培训，确保……培训全覆盖"), as the villages report them. They feed two cells of 附件1:
 * 是否专门安排部署 and 培训人数.
 *
 * A report is one record, never changed:
 * - `deployment`: the village held its own deployment (a meeting, an arrangement) on `day`;
 * - `deployment_void`: a deployment recorded by mistake is withdrawn (the latest of the two counts);
 * - `training`: the number of the village's people trained so far, as of `day` — a running total,
 *   so a later report replaces an earlier one (and corrects it).
 *
 * @example
 *   checkActivity({ kind: 'training', day: '2022-05-03', people: 12 }, '2022-05-09')   // { ok: true }
 *   progressActivities(records)   // { deployments: [{ villageCode, day }], trainings: [{ villageCode, people, day }] }
 */
import type { ProgressInput } from './progress.js';
import type { Day } from './shanghai-days.js';

export type ActivityKind = 'deployment' | 'deployment_void' | 'training';

export interface ActivityRecord {
  id: number;
  kind: ActivityKind;
  villageCode: string;
  day: Day;
  /** 培训人数 for a training; null otherwise. */
  people: number | null;
  recordedBy: string;
  recordedAt: number;
}

/** The most people one village can report as trained (a typo guard: "120" for "12" passes, "1200" does not). */
export const MAX_TRAINED_PER_VILLAGE = 500;

export type ActivityFault =
  | { code: 'ACTIVITY.FUTURE_DAY'; day: Day }
  | { code: 'ACTIVITY.PEOPLE_RANGE'; people: number }
  | { code: 'ACTIVITY.PEOPLE_MISSING' };

/** Whether a report may be recorded on `today`: no day in the future, a sensible number of people. */
export function checkActivity(a: { kind: ActivityKind; day: Day; people: number | null }, today: Day): { ok: true } | { ok: false; fault: ActivityFault } {
  if (a.day > today) return { ok: false, fault: { code: 'ACTIVITY.FUTURE_DAY', day: a.day } };
  if (a.kind !== 'training') return { ok: true };
  if (a.people === null) return { ok: false, fault: { code: 'ACTIVITY.PEOPLE_MISSING' } };
  if (!Number.isInteger(a.people) || a.people < 0 || a.people > MAX_TRAINED_PER_VILLAGE) return { ok: false, fault: { code: 'ACTIVITY.PEOPLE_RANGE', people: a.people } };
  return { ok: true };
}

/** The Chinese reason of a fault, for the reply. */
export function activityFaultText(f: ActivityFault): string {
  switch (f.code) {
    case 'ACTIVITY.FUTURE_DAY':
      return '日期还没到，只能登记已经开展的部署或培训。';
    case 'ACTIVITY.PEOPLE_MISSING':
      return '请写明培训了多少人。';
    case 'ACTIVITY.PEOPLE_RANGE':
      return `培训人数应为0到${MAX_TRAINED_PER_VILLAGE}之间的整数（一个村的累计人数）。`;
  }
}

const byRecordOrder = (a: ActivityRecord, b: ActivityRecord) => a.recordedAt - b.recordedAt || a.id - b.id;

/** What 附件1 takes from the reports: each village's standing deployment, and every training report. */
export function progressActivities(records: ActivityRecord[]): Pick<ProgressInput, 'deployments' | 'trainings'> {
  const standing = new Map<string, ActivityRecord>();
  const sorted = [...records].sort(byRecordOrder);
  for (const r of sorted) if (r.kind !== 'training') standing.set(r.villageCode, r);
  return {
    deployments: [...standing.values()].filter((r) => r.kind === 'deployment').map((r) => ({ villageCode: r.villageCode, day: r.day })),
    trainings: sorted.filter((r) => r.kind === 'training').map((r) => ({ villageCode: r.villageCode, people: r.people ?? 0, day: r.day })),
  };
}

/**
 * The 培训人数 that counts for each village: its latest report by day (a later report of the same
 * day replaces an earlier one). The one rule, for 附件1 and for the echo of a new report.
 */
export function latestTrainings(trainings: ProgressInput['trainings']): Map<string, { people: number; day: Day }> {
  const out = new Map<string, { people: number; day: Day }>();
  for (const t of trainings) {
    const best = out.get(t.villageCode);
    if (!best || t.day >= best.day) out.set(t.villageCode, { people: t.people, day: t.day });
  }
  return out;
}

/** Where one village stands: its deployment day (null: none standing) and its latest 培训人数 report. */
export interface VillageActivity {
  deployedOn: Day | null;
  trained: { people: number; day: Day } | null;
}

/** Where each of these villages stands, from all their reports. */
export function villageActivities(records: ActivityRecord[], villageCodes: readonly string[]): Map<string, VillageActivity> {
  const { deployments, trainings } = progressActivities(records);
  const deployedOn = new Map(deployments.map((d) => [d.villageCode, d.day]));
  const trained = latestTrainings(trainings);
  return new Map(villageCodes.map((code) => [code, { deployedOn: deployedOn.get(code) ?? null, trained: trained.get(code) ?? null }]));
}
