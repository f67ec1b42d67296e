/**
 * The risk-lead repository: every change goes through the domain rules in src/domain/lead.ts,
 * is saved with a version check, and appends a history row. The database refuses a second open
 * lead for one household (unique `open_key`); when two finds race, one transaction fails and is
 * retried by the caller, and the retry merges.
 *
 * @example
 *   const { kind, lead } = await admitLeadRecord(tx, { householdId: 7, declarant: null, placement, origin }, cfg);
 *   await recordLeadStepRecord(tx, lead.id!, { step: 'home_visit', actor: 'wangwu', at: now, note: '已入户' }, cfg);
 *   await leadsInRegion(tx, { level: 'town', code: '610821101' }, { state: 'overdue', now });
 */
import { In, LessThan, LessThanOrEqual, Between } from 'typeorm';
import { LEAD_SOURCE, LEAD_STEP, CATEGORY, type Department, type LeadSource, type LeadStep } from '../domain/catalog.js';
import { CaseError, unwrap } from '../domain/case-faults.js';
import {
  absorbLead, admitLead, decideLead, leadKey, linkHousehold, recordRelief, recordStep,
  type ActorRef, type Declarant, type Decision, type Lead, type LeadConfig, type LeadInput, type LeadOutcome, type LeadStatus, type Relief, type StepInput,
} from '../domain/lead.js';
import { leadClock, type LeadClock } from '../domain/lead-clock.js';
import { addDays, shanghaiDay, type Day } from '../domain/shanghai-days.js';
import type { Placement } from '../domain/types.js';
import { appendHistory } from './case-history.js';
import { notFound, placementColumns, placementOf, REGION_COLUMN, updateVersioned, type RegionRef } from './case-store.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { RiskLeadOriginSchema, RiskLeadSchema, RiskLeadStepSchema, SubjectSchema, type RiskLeadOriginRow, type RiskLeadRow, type RiskLeadStepRow } from './schemas/casework.js';

interface Loaded {
  lead: Lead;
  version: number;
}

/** Ids per IN (…) when hydrating many leads (a city's open leads can be 100,000). */
const HYDRATE_CHUNK = 500;

async function hydrate(tx: Tx, rows: RiskLeadRow[]): Promise<Loaded[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const origins = new Map<number, RiskLeadOriginRow[]>();
  const steps = new Map<number, RiskLeadStepRow[]>();
  const add = <T extends { leadId: number }>(into: Map<number, T[]>, list: T[]) => {
    for (const x of list) {
      const l = into.get(x.leadId);
      if (l) l.push(x);
      else into.set(x.leadId, [x]);
    }
  };
  for (let i = 0; i < ids.length; i += HYDRATE_CHUNK) {
    const chunk = ids.slice(i, i + HYDRATE_CHUNK);
    add(origins, await em(tx).getRepository(RiskLeadOriginSchema).find({ where: { leadId: In(chunk) }, order: { leadId: 'ASC', seq: 'ASC' } }));
    add(steps, await em(tx).getRepository(RiskLeadStepSchema).find({ where: { leadId: In(chunk) }, order: { leadId: 'ASC', at: 'ASC', id: 'ASC' } }));
  }
  return rows.map((r) => ({
    version: r.version,
    lead: {
      id: r.id,
      householdId: r.householdId,
      declarant: r.declarant as Declarant | null,
      placement: placementOf(r),
      discoveredOn: r.discoveredOn,
      deadline: r.deadline,
      suddenHardship: !!r.suddenHardship,
      status: r.status as LeadStatus,
      origins: (origins.get(r.id) ?? []).map((o) => ({ source: o.source as LeadSource, department: o.department as Department | null, foundOn: o.foundOn, note: o.note, actor: o.actor, at: o.at })),
      steps: (steps.get(r.id) ?? []).map((s) => ({ step: s.step as LeadStep, actor: s.actor, at: s.at, day: s.day, note: s.note, skipped: !!s.skipped, publicityUntil: s.publicityUntil })),
      reliefs: r.reliefs as Relief[],
      outcome: r.outcome as LeadOutcome | null,
      mergedIntoId: r.mergedIntoId,
    },
  }));
}

function columns(l: Lead): Omit<RiskLeadRow, 'id' | 'version' | 'createdAt' | 'updatedAt'> {
  return {
    householdId: l.householdId,
    declarant: l.declarant,
    ...placementColumns(l.placement),
    discoveredOn: l.discoveredOn,
    deadline: l.deadline,
    suddenHardship: l.suddenHardship,
    status: l.status,
    outcome: l.outcome,
    reliefs: l.reliefs,
    mergedIntoId: l.mergedIntoId,
    openKey: l.status === 'open' ? leadKey(l) : null,
  };
}

async function load(tx: Tx, id: number): Promise<Loaded> {
  const row = await em(tx).getRepository(RiskLeadSchema).findOne({ where: { id } });
  if (!row) throw notFound('线索');
  return (await hydrate(tx, [row]))[0] as Loaded;
}

async function findOpen(tx: Tx, key: string): Promise<Loaded | null> {
  const row = await em(tx).getRepository(RiskLeadSchema).findOne({ where: { openKey: key } });
  return row ? ((await hydrate(tx, [row]))[0] as Loaded) : null;
}

async function appendChildren(tx: Tx, id: number, before: Lead | null, after: Lead): Promise<void> {
  const newOrigins = after.origins.slice(before?.origins.length ?? 0);
  const base = before?.origins.length ?? 0;
  for (const [i, o] of newOrigins.entries()) await em(tx).getRepository(RiskLeadOriginSchema).save({ leadId: id, seq: base + i, ...o });
  for (const s of after.steps.slice(before?.steps.length ?? 0)) await em(tx).getRepository(RiskLeadStepSchema).save({ leadId: id, ...s });
}

async function insert(tx: Tx, lead: Lead, actor: ActorRef, at: number, reason: string): Promise<Lead> {
  const saved = await em(tx).getRepository(RiskLeadSchema).save({ ...columns(lead), version: 1, createdAt: at, updatedAt: at });
  const stored = { ...lead, id: saved.id };
  await appendChildren(tx, saved.id, null, stored);
  await appendHistory(tx, { entity: 'risk_lead', entityId: saved.id, actor, at, reason, before: null, after: stored });
  return stored;
}

async function persist(tx: Tx, before: Loaded, after: Lead, actor: ActorRef, at: number, reason: string): Promise<Lead> {
  const id = before.lead.id as number;
  await updateVersioned(tx, RiskLeadSchema, id, before.version, { ...columns(after), updatedAt: at });
  await appendChildren(tx, id, before.lead, after);
  await appendHistory(tx, { entity: 'risk_lead', entityId: id, actor, at, reason, before: before.lead, after });
  return after;
}

/** Opens a lead or merges the find into the open one (no subject check: see `admitLeadRecord`). */
export async function openOrMergeLead(tx: Tx, input: LeadInput, cfg: LeadConfig): Promise<{ kind: 'opened' | 'merged'; lead: Lead }> {
  const { actor, at, source } = input.origin;
  const existing = await findOpen(tx, leadKey(input));
  const r = unwrap(admitLead(existing?.lead ?? null, input, cfg));
  if (r.kind === 'opened') return { kind: 'opened', lead: await insert(tx, r.lead, actor, at, `新线索：${LEAD_SOURCE.label[source]}`) };
  return { kind: 'merged', lead: await persist(tx, existing as Loaded, r.lead, actor, at, `并入线索：${LEAD_SOURCE.label[source]}`) };
}

/**
 * Opens a lead, or merges the find into the household's (or declarant's) open lead. A household
 * that is already an open monitoring subject (风险未消除) is refused (`LEAD.HOUSEHOLD_MONITORED`):
 * it is not identified again — a find for it goes through `admitFindRecord` (src/persistence/finds.ts).
 */
export async function admitLeadRecord(tx: Tx, input: LeadInput, cfg: LeadConfig): Promise<{ kind: 'opened' | 'merged'; lead: Lead }> {
  if (input.householdId !== null && (await em(tx).getRepository(SubjectSchema).exists({ where: { householdId: input.householdId, status: 'open' } }))) {
    throw new CaseError([{ code: 'LEAD.HOUSEHOLD_MONITORED' }]);
  }
  return openOrMergeLead(tx, input, cfg);
}

export async function getLead(tx: Tx, id: number): Promise<Lead | null> {
  const row = await em(tx).getRepository(RiskLeadSchema).findOne({ where: { id } });
  return row ? ((await hydrate(tx, [row]))[0] as Loaded).lead : null;
}

/** The open lead of a household, if any. */
export async function openLeadOfHousehold(tx: Tx, householdId: number): Promise<Lead | null> {
  return (await findOpen(tx, `h:${householdId}`))?.lead ?? null;
}

export async function recordLeadStepRecord(tx: Tx, id: number, input: StepInput, cfg: LeadConfig): Promise<Lead> {
  const before = await load(tx, id);
  const after = unwrap(recordStep(before.lead, input, cfg));
  const label = LEAD_STEP.label[input.step];
  return persist(tx, before, after, input.actor, input.at, input.skipped ? `跳过${label}：${input.note}` : `登记${label}`);
}

export async function decideLeadRecord(tx: Tx, id: number, d: Decision): Promise<Lead> {
  const before = await load(tx, id);
  const after = unwrap(decideLead(before.lead, d));
  const reason = d.decision === 'include' ? `认定纳入：${CATEGORY.label[d.category]}` : `不纳入：${d.reason}`;
  return persist(tx, before, after, d.actor, d.at, reason);
}

export async function recordLeadReliefRecord(tx: Tx, id: number, relief: Omit<Relief, 'day'>): Promise<Lead> {
  const before = await load(tx, id);
  return persist(tx, before, unwrap(recordRelief(before.lead, relief)), relief.actor, relief.at, `先行救助：${relief.what}`);
}

/**
 * Links a declarant's lead to the household found for them. If that household already has an
 * open lead, this one is absorbed into it (never two open leads); the surviving lead is returned.
 */
export async function linkLeadToHousehold(tx: Tx, id: number, householdId: number, placement: Placement, actor: ActorRef, at: number, cfg: LeadConfig): Promise<Lead> {
  const before = await load(tx, id);
  const other = await findOpen(tx, `h:${householdId}`);
  if (other && other.lead.id !== id) {
    const r = unwrap(absorbLead(other.lead, before.lead, cfg));
    // The absorbed lead keeps its household link too, so its history reads as one story.
    await persist(tx, before, { ...r.other, householdId, placement }, actor, at, `关联农户${householdId}，并入线索${other.lead.id}`);
    return persist(tx, other, r.target, actor, at, `并入线索${id}`);
  }
  return persist(tx, before, unwrap(linkHousehold(before.lead, householdId, placement, null)), actor, at, `关联农户${householdId}`);
}

export interface LeadWithClock {
  lead: Lead;
  clock: LeadClock;
}

/** Open leads of a region: all, overdue, or due within `withinDays` days (not yet overdue); soonest deadline first. */
export async function leadsInRegion(tx: Tx, region: RegionRef, q: { state: 'open' | 'overdue' | 'due_soon'; now: number; withinDays?: number }): Promise<LeadWithClock[]> {
  const today = shanghaiDay(q.now);
  const deadline = q.state === 'overdue' ? LessThan(today) : q.state === 'due_soon' ? Between(today, addDays(today, q.withinDays ?? 3)) : undefined;
  const rows = await em(tx).getRepository(RiskLeadSchema).find({
    where: { status: 'open', [REGION_COLUMN[region.level]]: region.code, ...(deadline ? { deadline } : {}) },
    order: { deadline: 'ASC', id: 'ASC' },
  });
  return (await hydrate(tx, rows)).map(({ lead }) => ({ lead, clock: leadClock(lead, q.now, { dueSoonDays: q.withinDays ?? 3 }) }));
}

/**
 * The agenda of a village's 研判会 on `meetingDay`: open leads found by then that have not had
 * their 民主评议 yet, soonest deadline first.
 */
export async function leadsForMeeting(tx: Tx, villageCode: string, meetingDay: Day): Promise<Lead[]> {
  return leadsForMeetingIn(tx, { level: 'village', code: villageCode }, meetingDay);
}

/** `leadsForMeeting` for every village of a region at once (the Thursday push: a city in one read). */
export async function leadsForMeetingIn(tx: Tx, region: RegionRef, meetingDay: Day): Promise<Lead[]> {
  const rows = await em(tx).getRepository(RiskLeadSchema).find({ where: { status: 'open', [REGION_COLUMN[region.level]]: region.code, discoveredOn: LessThanOrEqual(meetingDay) }, order: { deadline: 'ASC', id: 'ASC' } });
  return (await hydrate(tx, rows)).map((l) => l.lead).filter((l) => !l.steps.some((s) => s.step === 'village_review'));
}

/** Leads of each of `householdIds` (all statuses), oldest first; a household without leads is absent. */
export async function leadsOfHouseholds(tx: Tx, householdIds: readonly number[]): Promise<Map<number, Lead[]>> {
  const out = new Map<number, Lead[]>();
  if (householdIds.length === 0) return out;
  const rows = await em(tx).getRepository(RiskLeadSchema).find({ where: { householdId: In([...householdIds]) }, order: { id: 'ASC' } });
  for (const { lead } of await hydrate(tx, rows)) out.set(lead.householdId as number, [...(out.get(lead.householdId as number) ?? []), lead]);
  return out;
}

/** Leads of one household, oldest first (all statuses). */
export async function leadsOfHousehold(tx: Tx, householdId: number): Promise<Lead[]> {
  const rows = await em(tx).getRepository(RiskLeadSchema).find({ where: { householdId }, order: { id: 'ASC' } });
  return (await hydrate(tx, rows)).map((l) => l.lead);
}
