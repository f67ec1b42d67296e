/**
 * 绑定: a farmer (微信客服 external_userid) asks to be linked to their household; a grid worker or
 * village cadre confirms it (naming the household when none matched) or refuses it with a reason.
 * A farmer is bound to one household at a time: a newly confirmed binding supersedes the earlier
 * one. Nothing is deleted; every change keeps who and when (SPEC §1: verification is name +
 * ID-card tail + confirmation by the grid worker).
 *
 * @example
 *   const b = unwrap(requestBinding({ ref: 'BD1', externalUserId: 'wm1', openKfId: 'wk', name: '张三', idNumber: null, idTail: '1234', villageCode: 'v1', matchedHouseholdId: 7, requestedAt: now }));
 *   unwrap(decideBinding(b, { decision: 'confirm', householdId: 7, actor: 'wangwu', at: now, reason: '' }))
 *   // { …, status: 'confirmed', householdId: 7, decidedBy: 'wangwu' }
 */
import { ok, refuse, type Outcome } from './case-faults.js';

export type BindingStatus = 'pending' | 'confirmed' | 'rejected' | 'superseded';

export const BINDING_STATUS_LABEL: Record<BindingStatus, string> = { pending: '待核实', confirmed: '已确认', rejected: '已退回', superseded: '已被新的绑定替代' };

export interface Binding {
  id: number | null;
  ref: string;
  externalUserId: string;
  openKfId: string | null;
  /** As the farmer gave them. */
  name: string;
  idNumber: string | null;
  idTail: string;
  villageCode: string;
  /** The household that matched name + ID tail + village when the request came in. */
  matchedHouseholdId: number | null;
  /** The household confirmed by the grid worker (set only when confirmed). */
  householdId: number | null;
  status: BindingStatus;
  requestedAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string;
}

export type BindingRequest = Pick<Binding, 'ref' | 'externalUserId' | 'openKfId' | 'name' | 'idNumber' | 'idTail' | 'villageCode' | 'matchedHouseholdId' | 'requestedAt'>;

/** A new request; refused without a name, an ID tail (4–6) or a village. */
export function requestBinding(r: BindingRequest): Outcome<Binding> {
  if (!r.name.trim() || !/^[0-9Xx]{4,6}$/.test(r.idTail) || !r.villageCode || !r.ref || !r.externalUserId) return refuse('BINDING.INVALID');
  return ok({ ...r, id: null, idTail: r.idTail.toUpperCase(), householdId: null, status: 'pending', decidedBy: null, decidedAt: null, reason: '' });
}

export type BindingDecision =
  | { decision: 'confirm'; householdId: number | null; actor: string; at: number; reason?: string }
  | { decision: 'reject'; reason: string; actor: string; at: number };

/** Confirms (with the household) or refuses (with a reason) a pending request. */
export function decideBinding(b: Binding, d: BindingDecision): Outcome<Binding> {
  if (b.status !== 'pending') return refuse('BINDING.NOT_PENDING', { status: BINDING_STATUS_LABEL[b.status] });
  if (d.decision === 'confirm') {
    if (d.householdId === null) return refuse('BINDING.HOUSEHOLD_REQUIRED');
    return ok({ ...b, status: 'confirmed', householdId: d.householdId, decidedBy: d.actor, decidedAt: d.at, reason: d.reason ?? '' });
  }
  if (!d.reason.trim()) return refuse('BINDING.REASON_REQUIRED');
  return ok({ ...b, status: 'rejected', decidedBy: d.actor, decidedAt: d.at, reason: d.reason.trim() });
}

/** An earlier binding of the same farmer, replaced by a newer one (who and when go to the history). */
export function supersede(b: Binding, byRef: string): Binding {
  return { ...b, status: 'superseded', reason: `${b.reason ? `${b.reason}；` : ''}被${byRef}替代` };
}
