/**
 * The repository of 风险消除 / 回退 / 清退 requests (src/domain/case-request.ts). Opening and
 * deciding a request go through the domain rules and, when a decision takes effect, through the
 * subject's own rules in the same transaction (src/persistence/subjects.ts): a town approving a
 * 风险消除 eliminates the subject with the facts stored on the proposal; approving a 回退 reverts
 * it; the 清退 request, town approval and city approval are the subject's withdrawal steps. Every
 * change writes a history row; nothing is deleted.
 *
 * @example
 *   const r = await openCaseRequestRecord(tx, { kind: 'revert', … }, rules);
 *   await decideCaseRequestRecord(tx, r.id!, { level: 'town', approve: true, actor: 'zhaozhen', at, reason: '' }, subjectCfg);
 */
import { In } from 'typeorm';
import { refuse, unwrap } from '../domain/case-faults.js';
import {
  CASE_REQUEST_LABEL, decideRequest, openRequest, payloadLabel,
  type CaseDecision, type CasePayload, type CaseRequest, type CaseRequestKind, type CaseRequestStatus, type DecideInput, type Evidence, type OpenInput, type RequestRules,
} from '../domain/case-request.js';
import { shanghaiDay } from '../domain/shanghai-days.js';
import { eliminateSubject, type SubjectConfig } from '../domain/subject.js';
import { appendHistory } from './case-history.js';
import { notFound, placementColumns, placementOf, REGION_COLUMN, updateVersioned, type RegionRef } from './case-store.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { CaseRequestSchema, type CaseRequestRow } from './schemas/case-requests.js';
import { approveWithdrawalRecord, eliminateSubjectRecord, getSubject, rejectWithdrawalRecord, requestWithdrawalRecord, revertSubjectRecord, subjectPlacement } from './subjects.js';

const toRequest = (r: CaseRequestRow): CaseRequest => ({
  id: r.id, subjectId: r.subjectId, householdId: r.householdId, placement: placementOf(r), payload: r.payload as CasePayload, requestedBy: r.requestedBy, at: r.requestedAt,
  day: r.day, publicityUntil: r.publicityUntil, evidence: r.evidence as Evidence | null, status: r.status as CaseRequestStatus, decisions: r.decisions as CaseDecision[],
});

const columns = (r: CaseRequest) => ({
  kind: r.payload.kind, subjectId: r.subjectId, householdId: r.householdId, ...placementColumns(r.placement), payload: r.payload, requestedBy: r.requestedBy, requestedAt: r.at,
  day: r.day, publicityUntil: r.publicityUntil, evidence: r.evidence, status: r.status, decisions: r.decisions,
});

async function pendingOf(tx: Tx, subjectId: number, kind: CaseRequestKind): Promise<CaseRequest | null> {
  const rows = await em(tx).getRepository(CaseRequestSchema).find({ where: { subjectId, kind, status: In(['pending_town', 'pending_city']) } });
  return rows[0] ? toRequest(rows[0]) : null;
}

export interface OpenRecordInput extends Omit<OpenInput, 'householdId' | 'placement' | 'day'> {
  /** The written request's bytes (清退), base64. */
  evidenceContent?: string | null;
}

/**
 * Opens a request on a subject. A 风险消除 proposal is checked against the subject's rules now
 * (the facts and the months since 纳入), so a proposal that cannot pass is refused at once with
 * every reason; the town's approval checks them again. A 清退 request is also the subject's
 * written request (its withdrawal step 1).
 */
export async function openCaseRequestRecord(tx: Tx, input: OpenRecordInput, rules: RequestRules, subjectCfg: SubjectConfig): Promise<CaseRequest> {
  const subject = await getSubject(tx, input.subjectId);
  if (!subject) throw notFound('监测对象');
  const placement = await subjectPlacement(tx, input.subjectId);
  const day = shanghaiDay(input.at);
  const pending = await pendingOf(tx, input.subjectId, input.payload.kind);
  const r = unwrap(openRequest(pending, { ...input, householdId: subject.householdId, placement, day }, rules));
  const p = input.payload;
  if (p.kind === 'elimination') unwrap(eliminateSubject(subject, { mode: p.mode, cause: p.cause, actor: input.requestedBy, at: input.at, note: p.note }, p.facts, subjectCfg));
  if (p.kind === 'revert' && subject.status !== 'eliminated') unwrap(refuse('REQUEST.NOT_ELIMINATED'));
  if (p.kind === 'withdrawal') await requestWithdrawalRecord(tx, input.subjectId, { reason: p.reason, note: p.note, requestedOn: day, actor: input.requestedBy, at: input.at });
  const saved = await em(tx).getRepository(CaseRequestSchema).save({ ...columns(r), evidenceContent: input.evidenceContent ?? null, version: 1, createdAt: input.at, updatedAt: input.at });
  const stored = { ...r, id: saved.id };
  await appendHistory(tx, { entity: 'case_request', entityId: saved.id, actor: input.requestedBy, at: input.at, reason: `申请${payloadLabel(p)}`, before: null, after: stored });
  return stored;
}

export async function getCaseRequest(tx: Tx, id: number): Promise<CaseRequest | null> {
  const row = await em(tx).getRepository(CaseRequestSchema).findOne({ where: { id } });
  return row ? toRequest(row) : null;
}

/**
 * A decision by the town or the city. When it takes effect, the subject changes in the same
 * transaction: 风险消除 with the proposal's facts, 回退 with its reason, 清退 town/city approval
 * (or its rejection, which clears the subject's pending withdrawal).
 */
export async function decideCaseRequestRecord(tx: Tx, id: number, d: DecideInput, subjectCfg: SubjectConfig): Promise<CaseRequest> {
  const row = await em(tx).getRepository(CaseRequestSchema).findOne({ where: { id } });
  if (!row) throw notFound('申请');
  const before = toRequest(row);
  const after = unwrap(decideRequest(before, d, shanghaiDay(d.at)));
  const p = before.payload;
  const by = { actor: d.actor, at: d.at };
  if (p.kind === 'withdrawal') {
    if (d.approve) await approveWithdrawalRecord(tx, before.subjectId, d.level, { ...by, note: d.reason });
    else await rejectWithdrawalRecord(tx, before.subjectId, { ...by, reason: d.reason });
  } else if (d.approve && p.kind === 'elimination') {
    await eliminateSubjectRecord(tx, before.subjectId, { mode: p.mode, cause: p.cause, ...by, note: p.note }, p.facts, subjectCfg);
  } else if (d.approve && p.kind === 'revert') {
    await revertSubjectRecord(tx, before.subjectId, { reason: p.reason, ...by, note: p.note });
  }
  await updateVersioned(tx, CaseRequestSchema, id, row.version, { status: after.status, decisions: after.decisions, updatedAt: d.at });
  const verb = d.approve ? '同意' : '退回';
  await appendHistory(tx, { entity: 'case_request', entityId: id, actor: d.actor, at: d.at, reason: `${d.level === 'town' ? '镇街' : '市级'}${verb}${CASE_REQUEST_LABEL[p.kind]}${d.reason ? `：${d.reason}` : ''}`, before, after });
  return after;
}

/** Pending requests of a region waiting for `level`, oldest first. */
export async function pendingCaseRequests(tx: Tx, region: RegionRef, level: 'town' | 'city'): Promise<CaseRequest[]> {
  const rows = await em(tx).getRepository(CaseRequestSchema).find({ where: { [REGION_COLUMN[region.level]]: region.code, status: level === 'town' ? 'pending_town' : 'pending_city' }, order: { id: 'ASC' } });
  return rows.map(toRequest);
}

/** Every request on these subjects (all statuses), oldest first. */
export async function caseRequestsOfSubjects(tx: Tx, subjectIds: readonly number[]): Promise<CaseRequest[]> {
  if (subjectIds.length === 0) return [];
  return (await em(tx).getRepository(CaseRequestSchema).find({ where: { subjectId: In([...subjectIds]) }, order: { id: 'ASC' } })).map(toRequest);
}

/** The kept bytes of a 清退 written request (base64), for an auditor; null when none. */
export async function caseRequestEvidence(tx: Tx, id: number): Promise<{ evidence: Evidence; contentBase64: string | null } | null> {
  const row = await em(tx).getRepository(CaseRequestSchema).findOne({ where: { id } });
  if (!row || !row.evidence) return null;
  return { evidence: row.evidence as Evidence, contentBase64: row.evidenceContent };
}
