/**
 * Fixtures for the casework tests: fixed places, Shanghai wall-clock instants, and leads walked
 * through the procedure step by step (no clock, no randomness).
 */
import { LEAD_STEP } from '../../src/domain/catalog.js';
import { unwrap } from '../../src/domain/case-faults.js';
import { admitLead, DEFAULT_LEAD_CONFIG, recordStep, type Lead, type LeadOrigin } from '../../src/domain/lead.js';
import { addDays, startOfShanghaiDay, type Day } from '../../src/domain/shanghai-days.js';
import type { ProgressInput } from '../../src/domain/progress.js';
import type { Subject } from '../../src/domain/subject.js';
import type { Placement } from '../../src/domain/types.js';
import type { Tx } from '../../src/persistence/db.js';
import { admitLeadRecord, decideLeadRecord, recordLeadStepRecord } from '../../src/persistence/leads.js';

export const CITY = '610821';
export const TOWN_A = '610821101';
export const TOWN_B = '610821102';
export const placeA1: Placement = { cityCode: CITY, townCode: TOWN_A, villageCode: '610821101001', gridCode: '610821101001-01' };
export const placeA2: Placement = { cityCode: CITY, townCode: TOWN_A, villageCode: '610821101002', gridCode: null };
export const placeB1: Placement = { cityCode: CITY, townCode: TOWN_B, villageCode: '610821102001', gridCode: '610821102001-01' };

/** A subject as 附件1's statistics read it (`ProgressInput.subjects`): open, no events, id = household × 10. */
export function progressSubject(householdId: number, category: Subject['category'], includedOn: Day, over: Partial<ProgressInput['subjects'][number]> = {}): ProgressInput['subjects'][number] {
  return { id: householdId * 10, householdId, category, includedOn, status: 'open', events: [], withdrawal: null, ...over };
}

/** The instant of `hh:mm` Shanghai time on `day`. */
export function at(day: Day, hh = 10, mm = 0): number {
  return startOfShanghaiDay(day) + (hh * 60 + mm) * 60_000;
}

export function origin(foundOn: Day, extra: Partial<LeadOrigin> = {}): LeadOrigin {
  return { source: 'cadre_screening', department: null, foundOn, note: '户主住院', actor: 'wangwu', ...extra, at: extra.at ?? at(foundOn) };
}

export function openLead(householdId: number | null, foundOn: Day, extra: Partial<LeadOrigin> = {}): Lead {
  const r = admitLead(null, { householdId, declarant: householdId === null ? { name: '李四', idTail: '1234', villageCode: placeA1.villageCode } : null, placement: placeA1, origin: origin(foundOn, extra) }, DEFAULT_LEAD_CONFIG);
  return unwrap(r).lead;
}

/** Day offset (from discovery) and hour of each step in `walkAllSteps`: 公示 runs days 2–6. */
export const WALK: Record<string, [number, number]> = {
  home_visit: [1, 9], consent: [1, 10], data_comparison: [1, 11], village_review: [1, 15],
  publicity: [2, 9], town_review: [7, 9], city_approval: [8, 9], announcement: [9, 9], system_entry: [10, 9],
};

/** Walks a lead through every step (see WALK) and returns it ready for a decision. */
export function walkAllSteps(lead: Lead, opts: { skipComparison?: boolean } = {}): Lead {
  let l = lead;
  for (const step of LEAD_STEP.codes) {
    const [offset, hour] = WALK[step] as [number, number];
    const day = addDays(lead.discoveredOn, offset);
    const skipped = step === 'data_comparison' && !!opts.skipComparison;
    const publicityUntil = step === 'publicity' ? addDays(day, 4) : null;
    l = unwrap(recordStep(l, { step, actor: 'cadre1', at: at(day, hour), note: skipped ? '新纳入低保时已比对' : '', skipped, publicityUntil }, DEFAULT_LEAD_CONFIG));
  }
  return l;
}

/** A lead of `householdId` opened, walked through every step and decided 纳入, in the database. */
export async function includedLeadRecord(tx: Tx, householdId: number, foundOn: Day = '2022-05-01', placement: Placement = placeA1): Promise<Lead> {
  const { lead } = await admitLeadRecord(tx, { householdId, declarant: null, placement, origin: origin(foundOn) }, DEFAULT_LEAD_CONFIG);
  for (const step of LEAD_STEP.codes) {
    const [offset, hour] = WALK[step] as [number, number];
    const day = addDays(foundOn, offset);
    await recordLeadStepRecord(tx, lead.id as number, { step, actor: 'cadre1', at: at(day, hour), note: '', publicityUntil: step === 'publicity' ? addDays(day, 4) : null }, DEFAULT_LEAD_CONFIG);
  }
  return decideLeadRecord(tx, lead.id as number, { decision: 'include', category: 'marginal', householdType: 'general', note: '', actor: 'city1', at: at(addDays(foundOn, 11)) });
}
