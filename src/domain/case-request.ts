/**
 * Requests that change a monitoring subject after 纳入, each decided by the level that owns it:
 * - 风险消除 (elimination): proposed by the village with the facts it found (asked in the
 *   conversation, stored with the proposal), published (公示 ≥ the campaign's days), approved by the
 *   town after the 公示 ends;
 * - 回退 (revert): asked for by a 回头看 that found the elimination unstable or 整户无劳动力, decided
 *   by the town;
 * - 清退 (withdrawal): a written request (a photo or file kept as evidence) by the campaign's
 *   deadline, decided by the town and then approved by the city.
 * A request that is returned (退回) or refused keeps its reason; nothing is removed. One pending
 * request of a kind per subject.
 *
 * @example
 *   const r = openRequest(null, { kind: 'revert', subjectId: 3, … }, { today: '2022-05-12', rollbackBy: '2022-05-25', publicityMinDays: 5 });
 *   decideRequest(r.value, { level: 'town', approve: true, actor: 'zhaozhen', at, reason: '' }, '2022-05-13');
 *   // { ok: true, value: { status: 'approved', decisions: [{ level: 'town', approve: true, … }] } }
 */
import { WITHDRAWAL_REASON, type WithdrawalReason } from './catalog.js';
import { ok, refuse, type Outcome } from './case-faults.js';
import type { ActorRef } from './lead.js';
import { daysBetween, isDay, type Day } from './shanghai-days.js';
import type { EliminationFacts, EliminationMode, NaturalCause, RevertReason } from './subject.js';
import { ELIMINATION_MODE_LABEL, REVERT_REASON_LABEL } from './subject.js';
import type { Placement } from './types.js';

export type CaseRequestKind = 'elimination' | 'revert' | 'withdrawal';
export const CASE_REQUEST_LABEL: Record<CaseRequestKind, string> = { elimination: '风险消除', revert: '回退', withdrawal: '清退' };

/** pending_town → approved | pending_city (清退) → approved; returned (退回/不同意) at either level. */
export type CaseRequestStatus = 'pending_town' | 'pending_city' | 'approved' | 'returned';
export const CASE_REQUEST_STATUS_LABEL: Record<CaseRequestStatus, string> = { pending_town: '待镇街审核', pending_city: '待市级审批', approved: '已批准', returned: '已退回' };

export type Level = 'town' | 'city';
export const LEVEL_LABEL: Record<Level, string> = { town: '镇街', city: '市乡村振兴局' };

export type CasePayload =
  | { kind: 'elimination'; mode: EliminationMode; cause: NaturalCause | null; facts: EliminationFacts; note: string }
  | { kind: 'revert'; reason: RevertReason; note: string }
  | { kind: 'withdrawal'; reason: WithdrawalReason; note: string };

/** The written request of a 清退, as sent in the chat: the WeCom media id and what was kept of it. */
export interface Evidence {
  mediaId: string;
  msgType: 'image' | 'file';
  fileName: string;
  bytes: number;
  sha256: string;
}

export interface CaseDecision {
  level: Level;
  approve: boolean;
  actor: ActorRef;
  at: number;
  day: Day;
  reason: string;
}

export interface OpenInput {
  subjectId: number;
  householdId: number;
  placement: Placement;
  payload: CasePayload;
  requestedBy: ActorRef;
  at: number;
  day: Day;
  /** Elimination only: the last day of its 公示. */
  publicityUntil: Day | null;
  evidence: Evidence | null;
}

export interface CaseRequest extends OpenInput {
  id: number | null;
  status: CaseRequestStatus;
  decisions: CaseDecision[];
}

export interface RequestRules {
  /** 回退/清退 written requests are due by this day (seed: 05-25). */
  rollbackBy: Day;
  /** 公示 at least this many days, both ends counted. */
  publicityMinDays: number;
}

export const isPending = (r: Pick<CaseRequest, 'status'>): boolean => r.status === 'pending_town' || r.status === 'pending_city';

/** The level that decides a pending request next. */
export const levelOf = (r: Pick<CaseRequest, 'status'>): Level | null => (r.status === 'pending_town' ? 'town' : r.status === 'pending_city' ? 'city' : null);

/** One line on what is asked, for cards and notices (no personal data). */
export function payloadLabel(p: CasePayload): string {
  if (p.kind === 'elimination') return `风险消除（${ELIMINATION_MODE_LABEL[p.mode]}）`;
  if (p.kind === 'revert') return `回退（${REVERT_REASON_LABEL[p.reason]}）`;
  return `清退（${WITHDRAWAL_REASON.label[p.reason]}）`;
}

/**
 * Opens a request. `pending` is the subject's pending request of the same kind, if any. 回退 and
 * 清退 after the campaign's deadline are refused with the deadline; 清退 needs its written
 * request; 风险消除 needs a 公示 of at least the campaign's days. The subject's own rules
 * (elimination facts, months since 纳入) are checked by the subject, not here.
 */
export function openRequest(pending: CaseRequest | null, input: OpenInput, rules: RequestRules): Outcome<CaseRequest> {
  const kind = input.payload.kind;
  if (pending && isPending(pending)) return refuse('REQUEST.PENDING', { kind: CASE_REQUEST_LABEL[kind] });
  if (kind !== 'elimination' && input.day > rules.rollbackBy) return refuse('REQUEST.AFTER_DEADLINE', { deadline: rules.rollbackBy, today: input.day });
  if (kind === 'withdrawal' && !input.evidence) return refuse('REQUEST.EVIDENCE_REQUIRED');
  if (kind === 'withdrawal' && input.payload.kind === 'withdrawal' && input.payload.reason === 'other' && !input.payload.note.trim()) return refuse('SUBJECT.WITHDRAWAL_NOTE_REQUIRED');
  let publicityUntil: Day | null = null;
  if (kind === 'elimination') {
    if (!input.publicityUntil || !isDay(input.publicityUntil)) return refuse('LEAD.PUBLICITY_END_REQUIRED');
    const days = daysBetween(input.day, input.publicityUntil) + 1;
    if (days < rules.publicityMinDays) return refuse('LEAD.PUBLICITY_TOO_SHORT', { days, min: rules.publicityMinDays });
    publicityUntil = input.publicityUntil;
  }
  return ok({ id: null, ...input, publicityUntil, evidence: kind === 'withdrawal' ? input.evidence : null, status: 'pending_town', decisions: [] });
}

export interface DecideInput {
  level: Level;
  approve: boolean;
  actor: ActorRef;
  at: number;
  reason: string;
}

/**
 * The town's or the city's decision. A 风险消除 waits for the end of its 公示; the town decides
 * 风险消除 and 回退 for good, a 清退 goes on to the city. Returning needs a reason.
 */
export function decideRequest(r: CaseRequest, d: DecideInput, today: Day): Outcome<CaseRequest> {
  const level = levelOf(r);
  if (!level) return refuse('REQUEST.NOT_PENDING', { status: CASE_REQUEST_STATUS_LABEL[r.status] });
  if (level !== d.level) return refuse('REQUEST.WRONG_LEVEL', { level: LEVEL_LABEL[level] });
  if (!d.approve && !d.reason.trim()) return refuse('REQUEST.RETURN_REASON_REQUIRED');
  if (r.publicityUntil && today <= r.publicityUntil) return refuse('REQUEST.PUBLICITY_NOT_OVER', { until: r.publicityUntil });
  const decision: CaseDecision = { level: d.level, approve: d.approve, actor: d.actor, at: d.at, day: today, reason: d.reason.trim() };
  const status: CaseRequestStatus = !d.approve ? 'returned' : r.payload.kind === 'withdrawal' && level === 'town' ? 'pending_city' : 'approved';
  return ok({ ...r, status, decisions: [...r.decisions, decision] });
}
