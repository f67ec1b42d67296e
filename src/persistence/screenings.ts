/**
 * The screening-record repository (附件2–5). Saving a record validates it, overwrites the same
 * screener's record of the same household, form and campaign made the same Shanghai day (a
 * correction, with the earlier state kept in the history), and opens or merges a risk lead when the
 * record found risk — once, not again on each correction — or, for a household already an open
 * monitoring subject, adds the risk to the subject (`admitFindRecord`).
 *
 * @example
 *   const r = await saveScreening(tx, record, DEFAULT_LEAD_CONFIG);
 *   // { id: 12, kind: 'inserted', lead: { kind: 'opened', leadId: 4 } }
 *   await coverageForRoster(tx, '2022', roster)   // per grid / village / town / city
 */
import { MoreThanOrEqual } from 'typeorm';
import { unwrap, CaseError } from '../domain/case-faults.js';
import { coverage, type CoverageCell, type RosterEntry } from '../domain/coverage.js';
import type { RiskType } from '../domain/catalog.js';
import type { ActorRef, LeadConfig, RiskReader } from '../domain/lead.js';
import { correctionTarget, leadOriginFromScreening, recordDay, SCREENING_FORM_LABEL, validateScreening, VERDICT_LABEL, type ScreeningForm, type ScreeningRecord, type Verdict } from '../domain/screening.js';
import type { Day } from '../domain/shanghai-days.js';
import { appendHistory } from './case-history.js';
import { notFound, placementColumns, placementOf, REGION_COLUMN, updateVersioned, type RegionRef } from './case-store.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { q } from './sql.js';
import { admitFindRecord } from './finds.js';
import { getSubject } from './subjects.js';
import { keepScreenedOf } from './screened-households.js';
import { ScreeningSchema, type ScreeningRow } from './schemas/casework.js';

/** A stored record: the form's fields plus its id and Shanghai day. */
export type StoredScreening = ScreeningRecord & { id: number; day: Day };

export interface SavedScreening {
  id: number;
  kind: 'inserted' | 'corrected';
  /**
   * The lead the record opened or merged into, if it found risk for the first time — or, for a
   * household that is already an open subject, the subject the risk was added to.
   */
  lead: { kind: 'opened' | 'merged'; leadId: number } | { kind: 'subject'; subjectId: number; added: RiskType[] } | null;
}

function fromRow(r: ScreeningRow): StoredScreening {
  return { id: r.id, day: r.day, form: r.form, campaign: r.campaign, householdId: r.householdId, placement: placementOf(r), screener: r.screener, at: r.at, remark: r.remark, answers: r.answers } as StoredScreening;
}

/** Whether the record, as stored, stands for a found risk (附件3 是, or 附件2 研判 拟纳入). */
function riskFound(r: ScreeningRecord): boolean {
  return leadOriginFromScreening(r) !== null;
}

function columns(r: ScreeningRecord) {
  const subjectId = r.form === 'review' || r.form === 'follow_up' ? r.answers.subjectId : null;
  return { form: r.form, campaign: r.campaign, householdId: r.householdId, subjectId, ...placementColumns(r.placement), screener: r.screener, at: r.at, day: recordDay(r), riskFound: riskFound(r), answers: r.answers, remark: r.remark };
}

async function openLeadFor(tx: Tx, r: ScreeningRecord, cfg: LeadConfig, risksOf: RiskReader, by?: { actor: ActorRef; at: number }): Promise<SavedScreening['lead']> {
  const origin = leadOriginFromScreening(r);
  if (!origin) return null;
  const res = await admitFindRecord(tx, { householdId: r.householdId, declarant: null, placement: r.placement, origin: by ? { ...origin, ...by } : origin, risks: risksOf(origin.note) }, cfg);
  if (res.kind === 'subject') return { kind: 'subject', subjectId: res.subject.id as number, added: res.added };
  return { kind: res.kind, leadId: res.lead.id as number };
}

/** 附件4 rows are about an eliminated subject of the household, 附件5 rows about an open one. */
async function checkSubjectOfRecord(tx: Tx, r: ScreeningRecord): Promise<void> {
  if (r.form !== 'review' && r.form !== 'follow_up') return;
  const s = await getSubject(tx, r.answers.subjectId);
  if (!s || s.householdId !== r.householdId) throw new CaseError([{ code: 'SCREENING.SUBJECT_MISMATCH' }]);
  const want = r.form === 'review' ? 'eliminated' : 'open';
  if (s.status !== want) throw new CaseError([{ code: r.form === 'review' ? 'SCREENING.SUBJECT_NOT_ELIMINATED' : 'SCREENING.SUBJECT_NOT_OPEN' }]);
}

/**
 * Saves (or corrects) a record of 附件2–5 and opens or merges a lead when it found risk (or adds the
 * risk to the household's open subject, `risksOf` reading its types from the record's words).
 * `why`, the person's own words when they corrected the record in a message of its own (“不对，是电话问的”),
 * joins the history's reason.
 */
export async function saveScreening(tx: Tx, r: ScreeningRecord, cfg: LeadConfig, risksOf: RiskReader = () => [], why?: string): Promise<SavedScreening> {
  unwrap(validateScreening(r));
  await checkSubjectOfRecord(tx, r);
  const repo = em(tx).getRepository(ScreeningSchema);
  const day = recordDay(r);
  const same = await repo.find({ where: { campaign: r.campaign, householdId: r.householdId, form: r.form, screener: r.screener, day } });
  const targetId = correctionTarget(same.map((s) => ({ id: s.id, form: s.form as ScreeningForm, campaign: s.campaign, householdId: s.householdId, screener: s.screener, day: s.day })), r);
  const label = SCREENING_FORM_LABEL[r.form];
  if (targetId !== null) {
    const before = same.find((s) => s.id === targetId) as ScreeningRow;
    await updateVersioned(tx, ScreeningSchema, targetId, before.version, { ...columns(r), updatedAt: r.at });
    await appendHistory(tx, { entity: 'screening_record', entityId: targetId, actor: r.screener, at: r.at, reason: `同日更正：${label}${why ? `（${why}）` : ''}`, before: fromRow(before), after: { ...r, id: targetId, day } });
    await keepScreenedOf(tx, [r.householdId]);
    const lead = before.riskFound ? null : await openLeadFor(tx, r, cfg, risksOf);
    return { id: targetId, kind: 'corrected', lead };
  }
  const saved = await repo.save({ ...columns(r), version: 1, createdAt: r.at, updatedAt: r.at });
  await keepScreenedOf(tx, [r.householdId]);
  await appendHistory(tx, { entity: 'screening_record', entityId: saved.id, actor: r.screener, at: r.at, reason: `登记：${label}`, before: null, after: { ...r, id: saved.id, day } });
  return { id: saved.id, kind: 'inserted', lead: await openLeadFor(tx, r, cfg, risksOf) };
}

/**
 * Records the 研判会 verdict (会议研判结论) on a 附件2 record; 拟纳入 opens or merges the lead,
 * dated the screening day (see leadOriginFromScreening).
 */
export async function recordVerdict(tx: Tx, id: number, verdict: Verdict, actor: ActorRef, at: number, cfg: LeadConfig, risksOf: RiskReader = () => []): Promise<SavedScreening> {
  const row = await em(tx).getRepository(ScreeningSchema).findOne({ where: { id } });
  if (!row) throw notFound('排查');
  const before = fromRow(row);
  if (before.form !== 'key_group') throw new CaseError([{ code: 'SCREENING.VERDICT_FORM' }]);
  const after: StoredScreening = { ...before, answers: { ...before.answers, verdict } };
  await updateVersioned(tx, ScreeningSchema, id, row.version, { answers: after.answers, riskFound: riskFound(after), updatedAt: at });
  await appendHistory(tx, { entity: 'screening_record', entityId: id, actor, at, reason: `会议研判：${VERDICT_LABEL[verdict]}`, before, after });
  const lead = row.riskFound ? null : await openLeadFor(tx, after, cfg, risksOf, { actor, at });
  return { id, kind: 'corrected', lead };
}

export async function getScreening(tx: Tx, id: number): Promise<StoredScreening | null> {
  const row = await em(tx).getRepository(ScreeningSchema).findOne({ where: { id } });
  return row ? fromRow(row) : null;
}

/** Records of a region in a campaign, optionally of one form, by household then time (what the forms print). */
export async function screeningsInRegion(tx: Tx, campaign: string, region: RegionRef, form?: ScreeningForm): Promise<StoredScreening[]> {
  const rows = await em(tx).getRepository(ScreeningSchema).find({
    where: { campaign, [REGION_COLUMN[region.level]]: region.code, ...(form ? { form } : {}) },
    order: { householdId: 'ASC', at: 'ASC', id: 'ASC' },
  });
  return rows.map(fromRow);
}

/** One screener's records of a form saved (or corrected) since `since`, whatever their own day, oldest first. */
export async function screenerRecordsSince(tx: Tx, screener: string, form: ScreeningForm, since: number): Promise<StoredScreening[]> {
  return (await em(tx).getRepository(ScreeningSchema).find({ where: { screener, form, at: MoreThanOrEqual(since) }, order: { at: 'ASC', id: 'ASC' } })).map(fromRow);
}

export async function screeningsOfHousehold(tx: Tx, householdId: number, campaign: string): Promise<StoredScreening[]> {
  return (await em(tx).getRepository(ScreeningSchema).find({ where: { householdId, campaign }, order: { at: 'ASC', id: 'ASC' } })).map(fromRow);
}

/**
 * The households of a village with no record of the campaign in the window (what 附件1 counts as
 * not yet screened), by grid then id: one statement through the (campaign, household, day) index.
 */
export async function unscreenedInVillage(tx: Tx, villageCode: string, campaign: string, window: { from: Day; to: Day }): Promise<Array<{ id: number; headName: string; gridCode: string | null }>> {
  const rows: Array<Record<string, unknown>> = await em(tx).query(
    `SELECT h.${q('id')} AS id, h.${q('head_name')} AS head_name, h.${q('grid_code')} AS grid_code FROM ${q('households')} h
      WHERE h.${q('village_code')} = ? AND NOT EXISTS (SELECT 1 FROM ${q('screening_record')} s
            WHERE s.${q('campaign')} = ? AND s.${q('household_id')} = h.${q('id')} AND s.${q('day')} >= ? AND s.${q('day')} <= ?)
      ORDER BY h.${q('grid_code')}, h.${q('id')}`,
    [villageCode, campaign, window.from, window.to],
  );
  return rows.map((r) => ({ id: Number(r.id), headName: String(r.head_name), gridCode: r.grid_code === null || r.grid_code === undefined ? null : String(r.grid_code) }));
}

/** Households of `householdIds` with at least one record in the campaign (checked in batches). */
export async function screenedAmong(tx: Tx, campaign: string, householdIds: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (let i = 0; i < householdIds.length; i += 500) {
    const batch = householdIds.slice(i, i + 500);
    const rows = await em(tx).getRepository(ScreeningSchema).createQueryBuilder('s').select('DISTINCT s.household_id', 'h').where('s.campaign = :campaign', { campaign }).andWhere('s.household_id IN (:...batch)', { batch }).getRawMany<{ h: number | string }>();
    rows.forEach((r) => found.add(Number(r.h)));
  }
  return found;
}

/**
 * Screened / roster counts of households and people for every grid, village, town and the city of
 * the roster (the registers pass the roster; unscreened = households − screenedHouseholds).
 */
export async function coverageForRoster(tx: Tx, campaign: string, roster: RosterEntry[]): Promise<CoverageCell[]> {
  return coverage(roster, await screenedAmong(tx, campaign, roster.map((h) => h.householdId)));
}
