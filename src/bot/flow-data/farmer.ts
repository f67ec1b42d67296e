/**
 * The farmer part of the flows' read port, for one actor. A farmer (微信客服) reads the public
 * place names, their own profile, their own declarations and binding; a staff member reads the
 * binding requests and households their jurisdiction covers (the access policy decides,
 * src/domain/access.ts). Routing a case reads the register but its answer goes only into the
 * notices, never to the farmer.
 *
 * @example
 *   const data = farmerData(db, actor);
 *   await data.routeFarmerCase({ name: '张三', idTail: '1234', idNumber: null, villageCode: '610821101201' });
 */
import { decideAccess, type Viewer } from '../../domain/access.js';
import { responsibleStaff } from '../../domain/farmer-routing.js';
import { placementOf, type RegionTree } from '../../domain/hierarchy.js';
import { isActive } from '../../domain/household.js';
import { DEFAULT_LEAD_CONFIG, type Lead } from '../../domain/lead.js';
import { addDays, shanghaiDay } from '../../domain/shanghai-days.js';
import type { Household, Placement } from '../../domain/types.js';
import type { BindingView, CaseWorker, DeclarationProgress, DeclarationStage, FarmerContacts, FarmerData, FarmerRoute, HouseholdCase } from '../../flows/farmer/data.js';
import type { Actor } from '../../flows/types.js';
import { demoLineYears, getMonitoringLines } from '../../persistence/campaigns.js';
import { readOnly, type Database, type Tx } from '../../persistence/db.js';
import { boundHouseholdOf, declarationsOf, entryVillageOf, getBindingByRef } from '../../persistence/farmer.js';
import type { Binding } from '../../domain/farmer-binding.js';
import { findHouseholdByCode, getHousehold, listHouseholds } from '../../persistence/households.js';
import { openSubjectOfHousehold } from '../../persistence/subjects.js';
import { getLead, leadsOfHousehold } from '../../persistence/leads.js';
import { loadRegions, loadRegionTree } from '../../persistence/regions.js';
import type { FarmerDeclarationRow } from '../../persistence/schemas/farmer.js';
import { listStaff } from '../../persistence/staff.js';
import { getWarningThresholds } from '../../persistence/warnings.js';
import { viewerOf } from './viewer.js';

/** Settings of the farmers' answers (configuration, not code). */
export interface FarmerSettings {
  visitWithinDays: number;
  deadlineDays: number;
}

export const DEFAULT_FARMER_SETTINGS: FarmerSettings = { visitWithinDays: 3, deadlineDays: DEFAULT_LEAD_CONFIG.deadlineDays };

/** The lead a declaration ended up in (a merged lead points to the one that absorbed it). */
async function finalLead(tx: Tx, id: number | null): Promise<Lead | null> {
  if (id === null) return null;
  let lead = await getLead(tx, id);
  for (let hops = 0; lead?.status === 'merged' && lead.mergedIntoId !== null && hops < 5; hops++) lead = await getLead(tx, lead.mergedIntoId);
  return lead;
}

function stageOf(lead: Lead): DeclarationStage {
  const o = lead.outcome;
  if (o?.decision === 'include') return { kind: 'included', category: o.category, day: o.day };
  if (o?.decision === 'exclude') return { kind: 'not_included', reason: o.reason, day: o.day };
  const last = lead.steps[lead.steps.length - 1];
  return last ? { kind: 'step', step: last.step, day: last.day } : { kind: 'received' };
}

/**
 * What a farmer may see of one of their declarations. The lead's progress is shown when one of
 * the farmer's own declarations opened it (a second declaration joining it shows the same
 * progress as the first), or when the farmer is bound to its household; a declaration that joined
 * somebody else's open lead shows only "received" (that lead is not the farmer's to follow).
 */
function progressOf(row: FarmerDeclarationRow, lead: Lead | null, own: { boundHouseholdId: number | null; openedLeads: ReadonlySet<number> }, s: FarmerSettings): DeclarationProgress {
  const declaredOn = shanghaiDay(row.createdAt);
  const visible = !!lead && (own.openedLeads.has(lead.id as number) || (own.boundHouseholdId !== null && lead.householdId === own.boundHouseholdId));
  const workers = row.workers as CaseWorker[];
  const handler = workers.find((w) => w.role === 'grid_worker') ?? workers[0] ?? null;
  return {
    ref: row.ref,
    declaredOn,
    villageCode: row.villageCode,
    riskTypes: (row.risks as Array<{ riskType: DeclarationProgress['riskTypes'][number] }>).map((r) => r.riskType),
    declarantName: row.declarantName,
    stage: row.subjectId !== null ? { kind: 'added_to_subject', day: declaredOn } : visible && lead ? stageOf(lead) : { kind: 'received' },
    deadline: visible && lead ? lead.deadline : addDays(declaredOn, s.deadlineDays),
    handler: handler ? { name: handler.name, role: handler.role } : null,
  };
}

/** Every household of a village, page by page (a village holds hundreds, not millions). */
async function householdsOfVillage(tx: Tx, villageCode: string): Promise<Household[]> {
  const all: Household[] = [];
  for (let afterId = 0; ; ) {
    const page = await listHouseholds(tx, { level: 'village', code: villageCode }, { limit: 500, afterId });
    all.push(...page);
    if (page.length < 500) return all;
    afterId = (page[page.length - 1] as Household).id;
  }
}

/** The one household with an active member of this name and ID (or ID tail); null when none or several. */
export function matchHousehold(households: readonly Household[], who: { name: string; idTail: string | null; idNumber: string | null }): Household | null {
  const tail = who.idTail?.toUpperCase() ?? null;
  const fits = households.filter((h) =>
    h.members.some((m) => isActive(m) && m.name === who.name.trim() && (who.idNumber ? m.idNumber === who.idNumber.toUpperCase() : tail !== null && m.idNumber.toUpperCase().endsWith(tail))),
  );
  return fits.length === 1 ? (fits[0] as Household) : null;
}

async function route(tx: Tx, tree: RegionTree, who: { name: string; idTail: string | null; idNumber: string | null; villageCode: string }): Promise<FarmerRoute | null> {
  if (tree.byCode.get(who.villageCode)?.level !== 'village') return null;
  const village = placementOf(tree, who.villageCode) as Placement;
  const household = who.idTail || who.idNumber ? matchHousehold(await householdsOfVillage(tx, who.villageCode), who) : null;
  const placement = household?.placement ?? village;
  const workers = responsibleStaff(await listStaff(tx), tree, placement, household?.contactStaff ?? null).map((s): CaseWorker => ({ userId: s.userId, name: s.name, role: s.role }));
  const subject = household ? await openSubjectOfHousehold(tx, household.id) : null;
  return {
    placement, householdId: household?.id ?? null, household: household ? { code: household.code, headName: household.headName } : null, workers,
    openSubject: subject ? { risks: subject.risks.map((r) => r.type) } : null,
  };
}

/** The people looking after a village (or a household in it): grid worker(s) first, with their working phones. */
async function contactsOf(tx: Tx, tree: RegionTree, villageCode: string, household: Household | null): Promise<FarmerContacts | null> {
  if (tree.byCode.get(villageCode)?.level !== 'village') return null;
  const placement = household?.placement ?? (placementOf(tree, villageCode) as Placement);
  const people = responsibleStaff(await listStaff(tx), tree, placement, household?.contactStaff ?? null).map((s) => ({ userId: s.userId, name: s.name, role: s.role, phone: s.phone }));
  return { villageCode, people };
}

/**
 * The binding request `ref` with the household it matched, when `actor` may decide it: staff whose
 * jurisdiction may change that household (or, with no match, covers the village), or who were told
 * about the request. Null otherwise — the same answer as for an unknown reference.
 */
export async function decidableBinding(tx: Tx, actor: Actor, ref: string): Promise<{ binding: Binding; matched: Household | null } | null> {
  const viewer = await viewerOf(tx, actor);
  const binding = viewer ? await getBindingByRef(tx, ref.trim().toUpperCase()) : null;
  if (!viewer || !binding) return null;
  const matched = binding.matchedHouseholdId ? await getHousehold(tx, binding.matchedHouseholdId) : null;
  if (matched) return decideAccess(viewer, 'write', { kind: 'household', householdId: matched.id, placement: matched.placement }).allowed ? { binding, matched } : null;
  const told = (binding.workers as CaseWorker[]).some((w) => w.userId === viewer.staff.userId);
  const village = placementOf(await loadRegionTree(tx), binding.villageCode);
  const covered = !!village && decideAccess(viewer, 'write', { kind: 'declaration', declaredBy: binding.externalUserId, placement: village }).allowed;
  return told || covered ? { binding, matched: null } : null;
}

/** A household (by id or 户编号) when `actor` may change it; else null. */
export async function writableHousehold(tx: Tx, actor: Actor, which: { id: number } | { code: string }): Promise<Household | null> {
  const viewer = await viewerOf(tx, actor);
  if (!viewer) return null;
  const h = 'id' in which ? await getHousehold(tx, which.id) : await findHouseholdByCode(tx, which.code.trim());
  if (!h) return null;
  return decideAccess(viewer, 'write', { kind: 'household', householdId: h.id, placement: h.placement }).allowed ? h : null;
}

export function farmerData(db: Database, actor: Actor, settings: FarmerSettings = DEFAULT_FARMER_SETTINGS): FarmerData {
  const farmerId = actor.sender.channel === 'kf' ? actor.sender.id : null;
  const read = <T>(fn: (tx: Tx) => Promise<T>) => readOnly(db, fn);
  return {
    farmerPlaces: () => read(async (tx) => (await loadRegions(tx)).filter((r) => r.level === 'town' || r.level === 'village')),

    farmerProfile: () =>
      read(async (tx) => {
        if (!farmerId) return { entryVillage: null, bound: null };
        const binding = await boundHouseholdOf(tx, farmerId);
        const household = binding?.householdId ? await getHousehold(tx, binding.householdId) : null;
        return {
          entryVillage: await entryVillageOf(tx, farmerId),
          bound: household && binding
            ? { householdId: household.id, villageCode: household.placement.villageCode, headName: household.headName, name: binding.name, idTail: binding.idTail }
            : null,
        };
      }),

    farmerContacts: (villageCode) =>
      read(async (tx) => {
        const tree = await loadRegionTree(tx);
        if (villageCode) return contactsOf(tx, tree, villageCode, null);
        if (!farmerId) return null;
        const binding = await boundHouseholdOf(tx, farmerId);
        const household = binding?.householdId ? await getHousehold(tx, binding.householdId) : null;
        if (household) return contactsOf(tx, tree, household.placement.villageCode, household);
        const latest = (await declarationsOf(tx, farmerId))[0];
        const village = latest?.villageCode ?? (await entryVillageOf(tx, farmerId));
        return village ? contactsOf(tx, tree, village, null) : null;
      }),

    routeFarmerCase: (who) => read(async (tx) => route(tx, await loadRegionTree(tx), who)),

    myDeclarations: () =>
      read(async (tx) => {
        if (!farmerId) return [];
        const bound = await boundHouseholdOf(tx, farmerId);
        const out: DeclarationProgress[] = [];
        const rows = await declarationsOf(tx, farmerId);
        // Each declaration's lead, followed through merges; the leads this farmer opened (and that
        // were not merged into another) are theirs to follow.
        const leads: Array<Lead | null> = [];
        for (const row of rows) leads.push(await finalLead(tx, row.leadId));
        const openedLeads = new Set(rows.flatMap((row, i) => (row.leadKind === 'opened' && row.leadId !== null && leads[i]?.id === row.leadId ? [row.leadId] : [])));
        rows.forEach((row, i) => out.push(progressOf(row, leads[i] ?? null, { boundHouseholdId: bound?.householdId ?? null, openedLeads }, settings)));
        return out;
      }),

    myHouseholdCases: () =>
      read(async (tx) => {
        if (!farmerId) return [];
        const bound = await boundHouseholdOf(tx, farmerId);
        const household = bound?.householdId ? await getHousehold(tx, bound.householdId) : null;
        if (!household) return [];
        const viewer: Viewer = { kind: 'farmer', externalUserId: farmerId, boundHouseholdId: household.id };
        if (!decideAccess(viewer, 'read', { kind: 'household', householdId: household.id, placement: household.placement }).allowed) return [];
        // The farmer's own declarations already show their leads.
        const own = new Set<number>();
        for (const row of await declarationsOf(tx, farmerId)) {
          const lead = await finalLead(tx, row.leadId);
          if (lead?.id) own.add(lead.id);
        }
        const leads = (await leadsOfHousehold(tx, household.id)).filter((l) => l.status !== 'merged' && l.id !== null && !own.has(l.id));
        return leads.reverse().map((l): HouseholdCase => ({ source: l.origins[0]?.source ?? 'cadre_screening', foundOn: l.discoveredOn, stage: stageOf(l), deadline: l.deadline }));
      }),

    farmerPolicyFacts: () =>
      read(async (tx) => ({
        lines: await getMonitoringLines(tx), demoLineYears: await demoLineYears(tx), visitWithinDays: settings.visitWithinDays, deadlineDays: settings.deadlineDays,
        suddenHintMinYuan: (await getWarningThresholds(tx)).medical_insurance?.minYuan,
      })),

    bindingForStaff: (ref) =>
      read(async (tx): Promise<BindingView | null> => {
        const found = await decidableBinding(tx, actor, ref);
        if (!found) return null;
        const { binding: b, matched } = found;
        return {
          ref: b.ref, status: b.status, farmer: { externalUserId: b.externalUserId, openKfId: b.openKfId }, name: b.name, idTail: b.idTail, villageCode: b.villageCode,
          household: matched ? { id: matched.id, code: matched.code, headName: matched.headName } : null, decidedBy: b.decidedBy, decidedAt: b.decidedAt,
        };
      }),

    householdForStaff: (code) =>
      read(async (tx) => {
        const h = await writableHousehold(tx, actor, { code });
        return h ? { id: h.id, code: h.code, headName: h.headName, placement: h.placement } : null;
      }),
  };
}
