/**
 * The monitoring-subject repository. Each change runs the rules of src/domain/subject.ts, appends
 * its events (subject_event) and a history row, and keeps `subject_member.open_key` in step with
 * the status, so the database itself holds "one person, one open subject household".
 *
 * @example
 *   const s = await includeSubjectRecord(tx, { leadId, memberIds, risks, measures, actor: 'city1', at: now });
 *   await eliminateSubjectRecord(tx, s.id!, { mode: 'assisted', cause: null, actor, at, note: '' }, facts, cfg);
 *   await subjectsDueReview(tx, { level: 'village', code: '610821101001' }, '2022');
 */
import { In } from 'typeorm';
import { CATEGORY, WITHDRAWAL_REASON, type Category, type WithdrawalReason } from '../domain/catalog.js';
import { unwrap } from '../domain/case-faults.js';
import type { ActorRef } from '../domain/lead.js';
import type { MeasureEntry, RiskEntry } from '../domain/risk-profile.js';
import {
  addFoundRisk, approveWithdrawal, eliminateSubject, foundBy, ELIMINATION_MODE_LABEL, includeSubject, rejectWithdrawal, requestWithdrawal, REVERT_REASON_LABEL, revertSubject, updateMeasures, updateRisks,
  type EliminateInput, type Elimination, type FoundRisk, type RiskAdded, type EliminationFacts, type Membership, type RevertReason, type Subject, type SubjectConfig, type SubjectEventKind, type SubjectStatus, type Withdrawal,
} from '../domain/subject.js';
import type { Day } from '../domain/shanghai-days.js';
import type { Placement } from '../domain/types.js';
import { appendHistory } from './case-history.js';
import { notFound, placementColumns, placementOf, REGION_COLUMN, updateVersioned, type RegionRef } from './case-store.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { getLead } from './leads.js';
import { ScreeningSchema, SubjectEventSchema, SubjectMemberSchema, SubjectSchema, type SubjectRow } from './schemas/casework.js';

interface Loaded {
  subject: Subject;
  placement: Placement;
  version: number;
}

async function hydrate(tx: Tx, rows: SubjectRow[]): Promise<Loaded[]> {
  if (rows.length === 0) return [];
  const events = await em(tx).getRepository(SubjectEventSchema).find({ where: { subjectId: In(rows.map((r) => r.id)) }, order: { subjectId: 'ASC', seq: 'ASC' } });
  return rows.map((r) => ({
    version: r.version,
    placement: placementOf(r),
    subject: {
      id: r.id,
      householdId: r.householdId,
      leadId: r.leadId,
      episode: r.episode,
      previousSubjectId: r.previousSubjectId,
      category: r.category as Category,
      includedOn: r.includedOn,
      status: r.status as SubjectStatus,
      memberIds: r.memberIds as string[],
      risks: r.risks as RiskEntry[],
      measures: r.measures as MeasureEntry[],
      elimination: r.elimination as Elimination | null,
      withdrawal: r.withdrawal as Withdrawal | null,
      epidemic: !!r.epidemic,
      events: events.filter((e) => e.subjectId === r.id).map((e) => ({ kind: e.kind as SubjectEventKind, actor: e.actor, at: e.at, day: e.day, reason: e.reason, note: e.note })),
    },
  }));
}

const columns = (s: Subject) => ({
  householdId: s.householdId, leadId: s.leadId, episode: s.episode, previousSubjectId: s.previousSubjectId, category: s.category, includedOn: s.includedOn,
  status: s.status, risks: s.risks, measures: s.measures, elimination: s.elimination, withdrawal: s.withdrawal, memberIds: s.memberIds, epidemic: !!s.epidemic,
});

async function load(tx: Tx, id: number): Promise<Loaded> {
  const row = await em(tx).getRepository(SubjectSchema).findOne({ where: { id } });
  if (!row) throw notFound('监测对象');
  return (await hydrate(tx, [row]))[0] as Loaded;
}

/** Members of other open subject households among `idNumbers`. */
async function openMemberships(tx: Tx, idNumbers: string[], exceptSubjectId: number | null): Promise<Membership[]> {
  if (idNumbers.length === 0) return [];
  const rows = await em(tx).getRepository(SubjectMemberSchema).find({ where: { openKey: In(idNumbers) } });
  const others = rows.filter((r) => r.subjectId !== exceptSubjectId);
  if (others.length === 0) return [];
  const subjects = await em(tx).getRepository(SubjectSchema).find({ where: { id: In(others.map((r) => r.subjectId)) } });
  return others.map((r) => ({ idNumber: r.idNumber, householdId: subjects.find((s) => s.id === r.subjectId)?.householdId ?? -1 }));
}

async function setMembersOpen(tx: Tx, subjectId: number, open: boolean): Promise<void> {
  const repo = em(tx).getRepository(SubjectMemberSchema);
  for (const m of await repo.find({ where: { subjectId } })) await repo.update({ id: m.id }, { openKey: open ? m.idNumber : null });
}

async function persist(tx: Tx, before: Loaded, after: Subject, actor: ActorRef, at: number, reason: string): Promise<Subject> {
  const id = before.subject.id as number;
  await updateVersioned(tx, SubjectSchema, id, before.version, { ...columns(after), updatedAt: at });
  for (const [i, e] of after.events.slice(before.subject.events.length).entries()) {
    await em(tx).getRepository(SubjectEventSchema).save({ subjectId: id, seq: before.subject.events.length + i, ...e });
  }
  if ((before.subject.status === 'open') !== (after.status === 'open')) await setMembersOpen(tx, id, after.status === 'open');
  await appendHistory(tx, { entity: 'monitoring_subject', entityId: id, actor, at, reason, before: before.subject, after });
  return after;
}

export interface IncludeRecordInput {
  leadId: number;
  memberIds: string[];
  risks: RiskEntry[];
  measures: MeasureEntry[];
  actor: ActorRef;
  at: number;
  /** Caused by the epidemic (附件1 其中因疫情纳入). */
  epidemic?: boolean;
}

/** 纳入 (or 重新识别 when the household had a subject before) from a lead decided 纳入. */
export async function includeSubjectRecord(tx: Tx, input: IncludeRecordInput): Promise<Subject> {
  const lead = await getLead(tx, input.leadId);
  if (!lead) throw notFound('线索');
  const previousRow = lead.householdId === null ? null : await em(tx).getRepository(SubjectSchema).findOne({ where: { householdId: lead.householdId }, order: { episode: 'DESC' } });
  const previous = previousRow ? ((await hydrate(tx, [previousRow]))[0] as Loaded).subject : null;
  const others = await openMemberships(tx, input.memberIds, null);
  const s = unwrap(includeSubject({ ...input, lead, previous, otherOpenMemberships: others }));
  const saved = await em(tx).getRepository(SubjectSchema).save({ ...columns(s), ...placementColumns(lead.placement), version: 1, createdAt: input.at, updatedAt: input.at });
  const stored = { ...s, id: saved.id };
  for (const [i, e] of stored.events.entries()) await em(tx).getRepository(SubjectEventSchema).save({ subjectId: saved.id, seq: i, ...e });
  for (const idNumber of new Set(input.memberIds)) await em(tx).getRepository(SubjectMemberSchema).save({ subjectId: saved.id, idNumber, openKey: idNumber });
  const reason = `${previous ? '重新识别' : '纳入'}：${CATEGORY.label[s.category]}`;
  await appendHistory(tx, { entity: 'monitoring_subject', entityId: saved.id, actor: input.actor, at: input.at, reason, before: null, after: stored });
  return stored;
}

export async function getSubject(tx: Tx, id: number): Promise<Subject | null> {
  const row = await em(tx).getRepository(SubjectSchema).findOne({ where: { id } });
  return row ? ((await hydrate(tx, [row]))[0] as Loaded).subject : null;
}

/** Every episode of a household, first first. */
export async function subjectsOfHousehold(tx: Tx, householdId: number): Promise<Subject[]> {
  return (await hydrate(tx, await em(tx).getRepository(SubjectSchema).find({ where: { householdId }, order: { episode: 'ASC' } }))).map((l) => l.subject);
}

/** Every episode of each of `householdIds`, first first; a household never identified is absent. */
export async function subjectsOfHouseholds(tx: Tx, householdIds: readonly number[]): Promise<Map<number, Subject[]>> {
  const out = new Map<number, Subject[]>();
  if (householdIds.length === 0) return out;
  const rows = await em(tx).getRepository(SubjectSchema).find({ where: { householdId: In([...householdIds]) }, order: { householdId: 'ASC', episode: 'ASC' } });
  for (const { subject } of await hydrate(tx, rows)) out.set(subject.householdId, [...(out.get(subject.householdId) ?? []), subject]);
  return out;
}

export async function eliminateSubjectRecord(tx: Tx, id: number, input: EliminateInput, facts: EliminationFacts, cfg: SubjectConfig): Promise<Subject> {
  const before = await load(tx, id);
  return persist(tx, before, unwrap(eliminateSubject(before.subject, input, facts, cfg)), input.actor, input.at, `风险消除：${ELIMINATION_MODE_LABEL[input.mode]}`);
}

export async function revertSubjectRecord(tx: Tx, id: number, input: { reason: RevertReason; actor: ActorRef; at: number; note: string }): Promise<Subject> {
  const before = await load(tx, id);
  const others = await openMemberships(tx, before.subject.memberIds, id);
  return persist(tx, before, unwrap(revertSubject(before.subject, input, others)), input.actor, input.at, `回退：${REVERT_REASON_LABEL[input.reason]}`);
}

export async function updateSubjectRisksRecord(tx: Tx, id: number, risks: RiskEntry[], actor: ActorRef, at: number, note: string): Promise<Subject> {
  const before = await load(tx, id);
  return persist(tx, before, unwrap(updateRisks(before.subject, risks, actor, at, note)), actor, at, '更新风险类型');
}

export async function updateSubjectMeasuresRecord(tx: Tx, id: number, measures: MeasureEntry[], actor: ActorRef, at: number, note: string): Promise<Subject> {
  const before = await load(tx, id);
  return persist(tx, before, unwrap(updateMeasures(before.subject, measures, actor, at, note)), actor, at, '更新帮扶措施');
}

/** The household's open subject (风险未消除), if any — at most one. */
export async function openSubjectOfHousehold(tx: Tx, householdId: number): Promise<Subject | null> {
  const row = await em(tx).getRepository(SubjectSchema).findOne({ where: { householdId, status: 'open' }, order: { episode: 'DESC' } });
  return row ? ((await hydrate(tx, [row]))[0] as Loaded).subject : null;
}

/** 新发现风险 of an open subject (`addFoundRisk`): risk types added, measures planned, the find kept as an event. */
export async function addFoundRiskRecord(tx: Tx, id: number, f: FoundRisk): Promise<RiskAdded> {
  const before = await load(tx, id);
  const r = unwrap(addFoundRisk(before.subject, f));
  const subject = await persist(tx, before, r.subject, f.actor, f.at, `新发现风险：${foundBy(f)}`);
  return { ...r, subject };
}

export async function requestWithdrawalRecord(tx: Tx, id: number, input: { reason: WithdrawalReason; note: string; requestedOn: Day; actor: ActorRef; at: number }): Promise<Subject> {
  const before = await load(tx, id);
  return persist(tx, before, unwrap(requestWithdrawal(before.subject, input)), input.actor, input.at, `清退申请：${WITHDRAWAL_REASON.label[input.reason]}`);
}

export async function approveWithdrawalRecord(tx: Tx, id: number, level: 'town' | 'city', input: { actor: ActorRef; at: number; note: string }): Promise<Subject> {
  const before = await load(tx, id);
  const after = unwrap(approveWithdrawal(before.subject, level, input));
  return persist(tx, before, after, input.actor, input.at, level === 'town' ? '清退：镇街审核同意' : '清退：市级审批同意');
}

export async function rejectWithdrawalRecord(tx: Tx, id: number, input: { actor: ActorRef; at: number; reason: string }): Promise<Subject> {
  const before = await load(tx, id);
  return persist(tx, before, unwrap(rejectWithdrawal(before.subject, input)), input.actor, input.at, `不同意清退：${input.reason}`);
}

/** Subjects of a region, optionally of one status, by household then episode. */
export async function subjectsInRegion(tx: Tx, region: RegionRef, status?: SubjectStatus): Promise<Subject[]> {
  const rows = await em(tx).getRepository(SubjectSchema).find({ where: { [REGION_COLUMN[region.level]]: region.code, ...(status ? { status } : {}) }, order: { householdId: 'ASC', episode: 'ASC' } });
  return (await hydrate(tx, rows)).map((l) => l.subject);
}

/** Eliminated subjects of a region with no 回头看 (附件4) record in the campaign yet. */
export async function subjectsDueReview(tx: Tx, region: RegionRef, campaign: string): Promise<Subject[]> {
  const eliminated = await subjectsInRegion(tx, region, 'eliminated');
  if (eliminated.length === 0) return [];
  const reviewed = await em(tx).getRepository(ScreeningSchema).find({ where: { campaign, form: 'review', subjectId: In(eliminated.map((s) => s.id as number)) } });
  const done = new Set(reviewed.map((r) => r.subjectId));
  return eliminated.filter((s) => !done.has(s.id));
}

/** Region codes of a subject (for routing its reminders). */
export async function subjectPlacement(tx: Tx, id: number): Promise<Placement> {
  return (await load(tx, id)).placement;
}

/** Every subject (all episodes, all statuses) of the given villages. */
export async function subjectsInVillages(tx: Tx, villageCodes: string[]): Promise<Subject[]> {
  if (villageCodes.length === 0) return [];
  const rows = await em(tx).getRepository(SubjectSchema).find({ where: { villageCode: In(villageCodes) }, order: { id: 'ASC' } });
  return (await hydrate(tx, rows)).map((l) => l.subject);
}
