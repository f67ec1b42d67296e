/**
 * 附件1 recounted from every stored record: gathers the campaign's screenings, subjects, 回头看 and
 * problems of the villages asked for, and hands them to the reference calculation, `computeProgress`.
 * The roster, deployment meetings and trainings come from the registers, passed in. The officials'
 * numbers are counted by the database instead (src/persistence/progress-sql.ts, through
 * `placeReport`); this full load is the recount the tests hold those queries to — it keeps a whole
 * city's records in memory, so it is not for a city on the message path.
 *
 * @example
 *   const report = await progressReport(tx, { campaign: '2022', window: { from: '2022-04-29', to: '2022-05-27' }, villages, roster, deployments, trainings });
 *   report.towns.map((t) => PROGRESS_COLUMNS.map((c) => c.value(t)))   // the xlsx rows
 */
import { In } from 'typeorm';
import { computeProgress, type ProgressInput, type ProgressReport } from '../domain/progress.js';
import type { KeyGroupAnswers, ReviewAnswers } from '../domain/screening.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { problemsInVillages } from './problems.js';
import { ScreeningSchema } from './schemas/casework.js';
import { subjectsInVillages } from './subjects.js';

export interface ProgressSources {
  campaign: string;
  window: ProgressInput['window'];
  villages: ProgressInput['villages'];
  roster: ProgressInput['roster'];
  deployments: ProgressInput['deployments'];
  trainings: ProgressInput['trainings'];
}

/** The input of `computeProgress`, read from the database. */
export async function progressInputFromRecords(tx: Tx, src: ProgressSources): Promise<ProgressInput> {
  const codes = src.villages.map((v) => v.villageCode);
  const rows = codes.length ? await em(tx).getRepository(ScreeningSchema).find({ where: { campaign: src.campaign, villageCode: In(codes) }, order: { id: 'ASC' } }) : [];
  return {
    window: src.window,
    villages: src.villages,
    roster: src.roster,
    deployments: src.deployments,
    trainings: src.trainings,
    screenings: rows.map((r) => ({ householdId: r.householdId, villageCode: r.villageCode, screener: r.screener, day: r.day })),
    keyGroups: rows.filter((r) => r.form === 'key_group').map((r) => ({ householdId: r.householdId, groups: (r.answers as KeyGroupAnswers).groups })),
    reviews: rows.filter((r) => r.form === 'review').map((r) => ({ subjectId: (r.answers as ReviewAnswers).subjectId, householdId: r.householdId, day: r.day })),
    subjects: await subjectsInVillages(tx, codes),
    problems: await problemsInVillages(tx, codes),
  };
}

/** 附件1 for the villages asked for, rolled up to their towns and the city. */
export async function progressReport(tx: Tx, src: ProgressSources): Promise<ProgressReport> {
  return computeProgress(await progressInputFromRecords(tx, src));
}
