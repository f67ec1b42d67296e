/**
 * The field part of the flows' read port, for one actor, on the registers and the casework.
 * Every answer is cut to the actor's jurisdiction (the access policy's `visibleScope`): households,
 * leads, subjects and problems outside it are simply absent, so a flow can only ever say "not found
 * in your grid". A farmer, a 行业部门 or someone not on the roster sees nothing here.
 *
 * @example
 *   const data = fieldData(db, actor);
 *   await data.findHouseholds('张三')                         // households of the actor's grid only
 *   await data.screenedToday(7, 'general', '2022-05-09')      // { id: 12, riskFound: false } or null
 */
import { villageActivities } from '../../domain/campaign-activity.js';
import { resolveRegion } from '../../domain/region-names.js';
import type { Jurisdiction } from '../../domain/roles.js';
import { leadOriginFromScreening, type ScreeningForm } from '../../domain/screening.js';
import type { Day } from '../../domain/shanghai-days.js';
import type { Household } from '../../domain/types.js';
import { stableSince } from '../../domain/subject.js';
import { CHECK_STEPS, type CheckStep, type FieldData, type FieldLead, type FieldProblem, type FieldRoster, type FieldSubject, type FieldVillage } from '../../flows/field/data.js';
import type { Actor } from '../../flows/types.js';
import { activitiesOfVillages } from '../../persistence/activities.js';
import { getMonitoringLines } from '../../persistence/campaigns.js';
import { readOnly, type Database, type Tx } from '../../persistence/db.js';
import { householdIdsByName } from '../../persistence/household-names.js';
import { getHousehold, householdNamesIn, listHouseholds } from '../../persistence/households.js';
import { leadsInRegion, leadsOfHousehold, openLeadOfHousehold } from '../../persistence/leads.js';
import type { Lead } from '../../domain/lead.js';
import { nextStep } from '../../domain/lead.js';
import { problemsInRegion } from '../../persistence/problems.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { screenedAmong, screenerRecordsSince, screeningsInRegion, screeningsOfHousehold } from '../../persistence/screenings.js';
import { subjectsDueReview, subjectsInRegion } from '../../persistence/subjects.js';
import { derivedKeyGroupsOf } from './casework.js';
import { villageAgenda } from './field-agenda.js';
import { campaignCode, campaignOf, fieldCampaign, fieldScope, holds, householdView, regionName } from './field-views.js';

const NAMES_MAX = 10;
const PAGE = 500;

/** The household if it lies in the node; null otherwise (as if it did not exist). */
async function visibleIn(tx: Tx, node: Jurisdiction, id: number): Promise<Household | null> {
  const h = await getHousehold(tx, id);
  return h && holds(node, h.placement) ? h : null;
}

async function fieldLead(tx: Tx, l: Lead): Promise<FieldLead> {
  const h = l.householdId === null ? null : await getHousehold(tx, l.householdId);
  return {
    id: l.id as number, householdId: l.householdId ?? 0, headName: h?.headName ?? l.declarant?.name ?? '', discoveredOn: l.discoveredOn, deadline: l.deadline,
    nextStep: nextStep(l), note: l.origins[0]?.note ?? '',
    pending: pendingChecks(l),
  };
}

/** The steps before 民主评议 the lead has not recorded yet. */
const pendingChecks = (l: Lead): CheckStep[] => CHECK_STEPS.filter((step) => !l.steps.some((done) => done.step === step));

/** Ids (ascending, at most `limit`) of the households whose head or an active member is named `name`, as householdIdsByName. */
function namedIn(households: FieldRoster['households'], name: string, limit = 20): number[] {
  return households.filter((h) => h.headName === name || h.members.includes(name)).map((h) => h.id).sort((a, b) => a - b).slice(0, limit);
}

/** The villages of a node: its own village (grid, village), or those below it (town, city). */
function villagesOf(tree: Awaited<ReturnType<typeof loadRegionTree>>, node: Jurisdiction): FieldVillage[] {
  const at = tree.byCode.get(node.code);
  if (!at) return [];
  if (node.level === 'grid') {
    const v = at.parentCode ? tree.byCode.get(at.parentCode) : undefined;
    return v ? [{ code: v.code, name: v.name }] : [];
  }
  if (node.level === 'village') return [{ code: at.code, name: at.name }];
  const out: FieldVillage[] = [];
  const walk = (code: string) => {
    for (const r of tree.children.get(code) ?? []) {
      if (r.level === 'village') out.push({ code: r.code, name: r.name });
      else if (r.level === 'town') walk(r.code);
    }
  };
  walk(node.code);
  return out;
}

export function fieldData(db: Database, actor: Actor): FieldData {
  const node = fieldScope(actor);
  const me = actor.staff?.userId ?? '';
  const read = <T>(empty: T, fn: (tx: Tx, node: Jurisdiction) => Promise<T>): Promise<T> => (node ? readOnly(db, (tx) => fn(tx, node)) : Promise.resolve(empty));
  let roster: Promise<FieldRoster> | undefined;
  // One message asks about the same household several times (found by name, then screened today?,
  // its open lead, its key groups): read once per message. The flow's own writes are committed after
  // it has read, so nothing read here can be stale within the message.
  const households = new Map<number, Promise<Household | null>>();
  const visibleHousehold = (tx: Tx, n: Jurisdiction, id: number): Promise<Household | null> => {
    let h = households.get(id);
    if (!h) households.set(id, (h = visibleIn(tx, n, id)));
    return h;
  };

  async function subjects(tx: Tx, n: Jurisdiction, status: 'eliminated' | 'open', name: string | undefined, day: Day): Promise<FieldSubject[]> {
    const campaign = campaignCode(await campaignOf(tx, day));
    const tree = await loadRegionTree(tx);
    const done = new Set((await screeningsInRegion(tx, campaign, n, status === 'eliminated' ? 'review' : 'follow_up')).map((r) => (r.answers as { subjectId: number }).subjectId));
    const out: FieldSubject[] = [];
    for (const s of await subjectsInRegion(tx, n, status)) {
      const h = await visibleHousehold(tx, n, s.householdId);
      if (!h) continue;
      const matched = name && h.headName !== name ? h.members.find((m) => m.name === name && !m.left)?.name : undefined;
      if (name && h.headName !== name && !matched) continue;
      out.push({
        id: s.id as number, household: householdView(h, tree, day, matched ?? null), category: s.category, includedOn: s.includedOn, since: stableSince(s), status,
        eliminatedOn: s.elimination?.day ?? null, risks: s.risks.map((r) => r.type), measuresDone: s.measures.filter((m) => m.status === 'done').map((m) => m.measure),
        recordedThisCampaign: done.has(s.id as number),
      });
    }
    return out;
  }

  return {
    fieldCampaign: (day) => readOnly(db, async (tx) => fieldCampaign(await campaignOf(tx, day), await getMonitoringLines(tx))),

    derivedKeyGroups: (householdId, day) =>
      read([], async (tx, n) => {
        const h = await visibleHousehold(tx, n, householdId);
        return h ? derivedKeyGroupsOf(tx, h, day) : [];
      }),

    findHouseholds: (name) =>
      read([], async (tx, n) => {
        const tree = await loadRegionTree(tx);
        const out = [];
        // The names were usually read already, to read the report: the ids come from them.
        const ids = roster ? namedIn((await roster).households, name) : await householdIdsByName(tx, n, name);
        for (const id of ids) {
          const h = await visibleHousehold(tx, n, id);
          // The day only matters for ages, which the view does not show (size and labour do not depend on it).
          if (h) out.push(householdView(h, tree, '9999-12-31', name));
        }
        return out;
      }),

    // Asked for twice by some messages (reading the report, then a name that was not found):
    // read once per message — this data object lives for one message.
    fieldRoster: () =>
      (roster ??= read({ households: [], places: [] }, async (tx, n) => {
        const households = await householdNamesIn(tx, n);
        const places = [...(await loadRegionTree(tx)).byCode.values()].filter((r) => r.level === 'town' || r.level === 'village').flatMap((r) => [r.name, ...r.aliases.filter((a) => /[\u4e00-\u9fa5]/.test(a))]);
        return { households, places };
      })),

    screenedToday: (householdId: number, form: ScreeningForm, day: Day) =>
      read(null, async (tx, n) => {
        if (!(await visibleHousehold(tx, n, householdId))) return null;
        const campaign = campaignCode(await campaignOf(tx, day));
        const mine = (await screeningsOfHousehold(tx, householdId, campaign)).filter((r) => r.form === form && r.screener === me && r.day === day);
        const last = mine[mine.length - 1];
        return last ? { id: last.id, riskFound: leadOriginFromScreening(last) !== null, answers: { ...last.answers } } : null;
      }),

    lastOwnScreening: (form: ScreeningForm, since: number, day: Day) =>
      read(null, async (tx, n) => {
        // Whatever the record's own day (a backdated screening is corrected as any other).
        const last = (await screenerRecordsSince(tx, me, form, since)).at(-1);
        const h = last ? await visibleHousehold(tx, n, last.householdId) : null;
        if (!last || !h) return null;
        return { id: last.id, riskFound: leadOriginFromScreening(last) !== null, answers: { ...last.answers }, at: last.at, day: last.day, remark: last.remark, household: householdView(h, await loadRegionTree(tx), day) };
      }),

    openLeadOf: (householdId) =>
      read(null, async (tx, n) => {
        if (!(await visibleHousehold(tx, n, householdId))) return null;
        const lead = await openLeadOfHousehold(tx, householdId);
        return lead ? fieldLead(tx, lead) : null;
      }),

    lastLeadEnd: (householdId) =>
      read(null, async (tx, n) => {
        if (!(await visibleHousehold(tx, n, householdId))) return null;
        const outcome = (await leadsOfHousehold(tx, householdId)).filter((l) => l.outcome !== null).at(-1)?.outcome;
        if (!outcome) return null;
        return outcome.decision === 'include' ? { decision: 'include', category: outcome.category, day: outcome.day } : { decision: 'exclude', reason: outcome.reason, day: outcome.day };
      }),

    fieldSubjects: (status, day, name) => read([], (tx, n) => subjects(tx, n, status, name, day)),

    fieldTodo: (day) =>
      read({ unscreened: { total: 0, names: [] }, awaitingChecks: [], dueReview: [] }, async (tx, n) => {
        const campaign = campaignCode(await campaignOf(tx, day));
        const roster: Household[] = [];
        for (let page = await listHouseholds(tx, n, { limit: PAGE }); page.length; page = await listHouseholds(tx, n, { limit: PAGE, afterId: page[page.length - 1]!.id })) roster.push(...page);
        const screened = await screenedAmong(tx, campaign, roster.map((h) => h.id));
        const unscreened = roster.filter((h) => !screened.has(h.id));
        // `now` only feeds the clocks leadsInRegion attaches; the flow counts the days itself.
        const open = await leadsInRegion(tx, n, { state: 'open', now: 0 });
        if (n.level === 'grid') {
          // A lead placed only in the village (an unregistered declarant, not yet linked to a
          // household) is every grid worker's of that village until someone visits.
          const village = (await loadRegionTree(tx)).byCode.get(n.code)?.parentCode;
          if (village) open.push(...(await leadsInRegion(tx, { level: 'village', code: village }, { state: 'open', now: 0 })).filter(({ lead }) => lead.placement.gridCode === null));
          open.sort((a, b) => a.lead.deadline.localeCompare(b.lead.deadline) || (a.lead.id ?? 0) - (b.lead.id ?? 0));
        }
        const awaitingChecks = await Promise.all(open.filter(({ lead }) => pendingChecks(lead).length > 0).map(({ lead }) => fieldLead(tx, lead)));
        const due = await subjectsDueReview(tx, n, campaign);
        const dueReview = [];
        for (const s of due) dueReview.push({ subjectId: s.id as number, headName: (await getHousehold(tx, s.householdId))?.headName ?? '', eliminatedOn: s.elimination?.day ?? null });
        return { unscreened: { total: unscreened.length, names: unscreened.slice(0, NAMES_MAX).map((h) => h.headName) }, awaitingChecks, dueReview };
      }),

    meetingAgenda: (day) =>
      read([], async (tx, n) => {
        // The 研判会 is a village's: village-level staff hold it for their own village.
        if (n.level !== 'village') return [];
        return villageAgenda(tx, n.code, campaignCode(await campaignOf(tx, day)), day);
      }),

    fieldVillages: (name) =>
      read([], async (tx, n) => {
        const tree = await loadRegionTree(tx);
        const mine = villagesOf(tree, n);
        if (!name) return mine;
        const codes = new Set(mine.map((v) => v.code));
        const r = resolveRegion(tree, name, { level: 'village', ...(n.level === 'town' || n.level === 'city' ? { within: n.code } : {}) });
        const found = r.status === 'found' ? [r.region] : r.status === 'ambiguous' ? r.candidates : [];
        return found.filter((v) => codes.has(v.code)).map((v) => ({ code: v.code, name: v.name }));
      }),

    openProblems: () =>
      read([], async (tx, n) => {
        const tree = await loadRegionTree(tx);
        const out: FieldProblem[] = [];
        for (const p of await problemsInRegion(tx, n, 'open')) {
          const h = p.householdId === null ? null : await getHousehold(tx, p.householdId);
          out.push({
            id: p.id as number, category: p.category, villageName: regionName(tree, p.placement.villageCode) ?? p.placement.villageCode, headName: h?.headName ?? null,
            description: p.description, measure: p.measure, deadline: p.deadline, foundOn: p.foundOn,
          });
        }
        return out;
      }),

    villageActivities: (villageCodes, day) =>
      read(new Map(), async (tx, n) => {
        const mine = new Set(villagesOf(await loadRegionTree(tx), n).map((v) => v.code));
        const codes = villageCodes.filter((c) => mine.has(c));
        return villageActivities(await activitiesOfVillages(tx, campaignCode(await campaignOf(tx, day)), codes), codes);
      }),
  };
}
