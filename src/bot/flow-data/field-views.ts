/**
 * What the field port and commands share: whose area a staff member sees (the access policy's
 * `visibleScope`), households as the field flows show them, region names, and the campaign of a day.
 *
 * @example
 *   const node = fieldScope(actor);                      // { level: 'grid', code: '…' } or null (farmer, department)
 *   const view = householdView(h, tree, '2022-05-09');   // { headName, villageName, size, noLabour, keyGroups, … }
 */
import { covers, visibleScope } from '../../domain/access.js';
import { defaultCampaignOf, type Campaign } from '../../domain/campaign.js';
import type { RegionTree } from '../../domain/hierarchy.js';
import { householdFacts, keyGroupsOf } from '../../domain/household.js';
import { monitoringLine, type MonitoringLines } from '../../domain/income.js';
import { DEFAULT_LEAD_CONFIG, type LeadConfig } from '../../domain/lead.js';
import type { Jurisdiction } from '../../domain/roles.js';
import type { Day } from '../../domain/shanghai-days.js';
import type { Household, Placement } from '../../domain/types.js';
import type { FieldCampaign, FieldHousehold } from '../../flows/field/data.js';
import type { Actor } from '../../flows/types.js';
import { getCampaign } from '../../persistence/campaigns.js';
import type { Tx } from '../../persistence/db.js';

/**
 * The region a staff member may list (their jurisdiction), or null for someone who sees no
 * households: a farmer, a 行业部门 (they see only their own warnings), someone not on the roster.
 * The directory hands the dispatcher active staff only.
 */
export function fieldScope(actor: Actor): Jurisdiction | null {
  const s = actor.staff;
  if (!s) return null;
  const scope = visibleScope({ kind: 'staff', staff: { userId: s.userId, role: s.role, jurisdiction: s.jurisdiction, active: true, department: null } });
  return scope.kind === 'node' ? scope.jurisdiction : null;
}

/** Whether the node holds this placement (the household is in the asker's area). */
export function holds(node: Jurisdiction, p: Placement): boolean {
  return covers(node, p);
}

export function regionName(tree: RegionTree, code: string | null): string | null {
  return code === null ? null : (tree.byCode.get(code)?.name ?? null);
}

export function householdView(h: Household, tree: RegionTree, asOf: Day, matchedName: string | null = null): FieldHousehold {
  const facts = householdFacts(h, { asOf });
  return {
    id: h.id,
    headName: h.headName,
    matchedMember: matchedName !== null && matchedName !== h.headName ? matchedName : null,
    villageCode: h.placement.villageCode,
    villageName: regionName(tree, h.placement.villageCode) ?? h.placement.villageCode,
    gridName: regionName(tree, h.placement.gridCode),
    size: facts.size,
    phone: h.phone,
    type: h.type,
    keyGroups: keyGroupsOf(h),
    noLabour: facts.noLabour,
  };
}

/**
 * The campaign of `day`'s year: the stored configuration, or else the seed's 2022 calendar moved
 * to that year (the rhythm — Thursday 研判会, 05-25 requests, 06-05 corrections — is the same each
 * year until the province says otherwise).
 */
export async function campaignOf(tx: Tx, day: Day): Promise<Campaign> {
  const year = Number(day.slice(0, 4));
  const stored = await getCampaign(tx, year);
  if (stored) return stored;
  return defaultCampaignOf(year);
}

/** The code stored on the campaign's records ('2022'). */
export const campaignCode = (c: Campaign): string => String(c.year);

/** The campaign as the field flows see it; `lines` give key group ②'s line of the campaign year. */
export function fieldCampaign(c: Campaign, lines?: MonitoringLines): FieldCampaign {
  const line = lines ? monitoringLine(lines, c.year) : null;
  return {
    ...(line === null ? {} : { keyGroupBasis: { incomeYear: c.incomeYear, line } }),
    code: campaignCode(c),
    name: c.name,
    meeting: { weekday: c.weekly.reviewMeeting.weekday, time: c.weekly.reviewMeeting.time },
    rollbackRequestsBy: c.milestones.rollbackRequests,
    correctionsBy: c.milestones.corrections,
    identificationLimitDays: c.identificationLimitDays,
    publicityMinDays: c.publicityMinDays,
    eliminationMinMonths: c.eliminationMinMonths,
  };
}

/** The lead rules of the campaign (15 days, 公示 ≥ 5 days). */
export function leadConfigOf(c: Campaign): LeadConfig {
  return { ...DEFAULT_LEAD_CONFIG, deadlineDays: c.identificationLimitDays, publicityMinDays: c.publicityMinDays };
}
