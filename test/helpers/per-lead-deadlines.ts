/**
 * The 15-day clock's reminder items as the job built them before it read set-based: the open
 * leads city by city through `leadsInRegion`, one household read per lead, and the whole roster
 * scanned per lead. Kept as the reference the set-based build (src/bot/jobs/lead-deadlines.ts)
 * must agree with (test/bot/jobs/reminders-set-based.test.ts), and as the baseline of
 * bench/reminders.ts.
 */
import { LEAD_STEP } from '../../src/domain/catalog.js';
import type { RegionTree } from '../../src/domain/hierarchy.js';
import type { Lead } from '../../src/domain/lead.js';
import { may } from '../../src/domain/roles.js';
import type { Placement, Staff } from '../../src/domain/types.js';
import type { DeadlineItem } from '../../src/flows/field/deadline-reminders.js';
import type { Tx } from '../../src/persistence/db.js';
import { getHousehold } from '../../src/persistence/households.js';
import { leadsInRegion } from '../../src/persistence/leads.js';
import { loadRegionTree } from '../../src/persistence/regions.js';
import { listStaff } from '../../src/persistence/staff.js';

/** Who answers for a household, by scans of the roster (the rule of src/domain/farmer-routing.ts). */
function responsibleByScan(roster: readonly Staff[], tree: RegionTree, p: Placement, contactStaff: string | null): Staff[] {
  const active = roster.filter((s) => s.active);
  const at = (role: Staff['role'], level: Staff['jurisdiction']['level'], code: string | null) =>
    code === null ? [] : active.filter((s) => s.role === role && s.jurisdiction.level === level && s.jurisdiction.code === code);
  const contact = contactStaff ? active.filter((s) => s.userId === contactStaff) : [];
  const gridsOfVillage = new Set((tree.children.get(p.villageCode) ?? []).map((r) => r.code));
  const gridWorkers =
    contact.length > 0
      ? contact
      : at('grid_worker', 'grid', p.gridCode).length > 0
        ? at('grid_worker', 'grid', p.gridCode)
        : [...at('grid_worker', 'village', p.villageCode), ...active.filter((s) => s.role === 'grid_worker' && s.jurisdiction.level === 'grid' && gridsOfVillage.has(s.jurisdiction.code))];
  const found = [...gridWorkers, ...at('village_cadre', 'village', p.villageCode)];
  const chosen = found.length > 0 ? found : at('town_official', 'town', p.townCode);
  const seen = new Set<string>();
  return chosen.filter((s) => !seen.has(s.userId) && seen.add(s.userId));
}

function nextStepLabel(lead: Lead): string | null {
  const done = new Set(lead.steps.map((s) => s.step));
  const next = LEAD_STEP.codes.find((c) => !done.has(c));
  return next ? LEAD_STEP.label[next] : null;
}

export async function perLeadDeadlineItems(tx: Tx, now: number, dueSoonDays: number): Promise<DeadlineItem[]> {
  const tree = await loadRegionTree(tx);
  const roster = await listStaff(tx);
  const items: DeadlineItem[] = [];
  const itemOf = async (lead: Lead): Promise<DeadlineItem> => {
    const household = lead.householdId === null ? null : await getHousehold(tx, lead.householdId);
    const p = lead.placement;
    const responsible = responsibleByScan(roster, tree, p, household?.contactStaff ?? null).map((s) => s.userId);
    const town = roster.filter((s) => s.active && may(s.role, 'escalate_overdue') && s.jurisdiction.level === 'town' && s.jurisdiction.code === p.townCode).map((s) => s.userId);
    return {
      lead: { name: household?.headName ?? lead.declarant?.name ?? '（未登记）', villageName: tree.byCode.get(p.villageCode)?.name ?? p.villageCode, deadline: lead.deadline, nextStep: nextStepLabel(lead) },
      responsible,
      town,
    };
  };
  for (const city of tree.children.get(null) ?? []) {
    for (const { lead } of await leadsInRegion(tx, { level: 'city', code: city.code }, { state: 'due_soon', now, withinDays: dueSoonDays })) items.push(await itemOf(lead));
    for (const { lead } of await leadsInRegion(tx, { level: 'city', code: city.code }, { state: 'overdue', now })) items.push(await itemOf(lead));
  }
  return items;
}
