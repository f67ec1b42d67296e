/**
 * The casework part of the flows' read port, for one actor, cut to the actor's jurisdiction: the
 * queue of cases waiting for the town or the city, subjects by name, who is told about a case, the
 * campaign's rules (the stored campaign and monitoring line — one source), and the written request
 * of a 清退 fetched from WeCom (media/get) to be kept as evidence. Nothing is written here.
 *
 * @example
 *   const data = caseworkData(db, actor, { media: api });
 *   await data.caseQueue('town', '2022-05-20')   // leads past 公示 and pending requests of the town
 */
import { createHash } from 'node:crypto';
import { LEAD_STEP, type LeadStep, type RiskType } from '../../domain/catalog.js';
import { derivedKeyGroups, householdFacts, type DerivedKeyGroup } from '../../domain/household.js';
import { incomeOfFacts } from '../../domain/household-fact.js';
import { monitoringLine, perCapitaNetIncome } from '../../domain/income.js';
import type { Lead } from '../../domain/lead.js';
import type { Jurisdiction } from '../../domain/roles.js';
import type { Day } from '../../domain/shanghai-days.js';
import type { Household } from '../../domain/types.js';
import { stableSince } from '../../domain/subject.js';
import type { CaseCampaign, CaseContacts, CaseItem, CaseLead, CaseSubject, CaseworkData, KeptEvidence } from '../../flows/casework/data.js';
import type { Actor } from '../../flows/types.js';
import { risksOfNote } from '../../flows/understand/risks.js';
import { getMonitoringLines } from '../../persistence/campaigns.js';
import { pendingCaseRequests } from '../../persistence/case-requests.js';
import { readOnly, type Database, type Tx } from '../../persistence/db.js';
import { householdFactsOf } from '../../persistence/household-facts.js';
import { householdIdsByName } from '../../persistence/household-names.js';
import { getHousehold } from '../../persistence/households.js';
import { leadsInRegion, openLeadOfHousehold } from '../../persistence/leads.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { listStaff } from '../../persistence/staff.js';
import { getSubject, subjectsOfHouseholds } from '../../persistence/subjects.js';
import type { WeComApi } from '../wecom/api-types.js';
import { campaignOf, fieldScope, holds, householdView } from './field-views.js';

/** A written request larger than this is refused (WeCom's own image limit is 10 MB; evidence is kept in the database). */
const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
const BEFORE_TOWN: LeadStep[] = LEAD_STEP.codes.slice(0, LEAD_STEP.codes.indexOf('town_review'));

/** The campaign's rules in the form the casework flows use. */
export async function caseCampaignOf(tx: Tx, day: Day): Promise<CaseCampaign> {
  const c = await campaignOf(tx, day);
  const line = monitoringLine(await getMonitoringLines(tx), c.year) ?? monitoringLine(await getMonitoringLines(tx), c.incomeYear) ?? 0;
  return { year: c.year, publicityMinDays: c.publicityMinDays, eliminationMinMonths: c.eliminationMinMonths, rollbackBy: c.milestones.rollbackRequests, incomeLine: line };
}

/** Risk types read from a lead's finds, main first; 其他 when none is recognised (the note is its remark). */
export function leadRisks(lead: Lead): RiskType[] {
  const found = [...new Set(lead.origins.flatMap((o) => risksOfNote(o.note)))];
  return found.length ? found.slice(0, 5) : ['other'];
}

/**
 * Key groups ② and ⑥ as the register says them on `day` (`derivedKeyGroups`): ② from the income
 * of the campaign's income year (household facts and income records, per capita over the active
 * members) against the campaign year's monitoring line, ⑥ from the members' schooling.
 */
export async function derivedKeyGroupsOf(tx: Tx, h: Household, day: Day): Promise<DerivedKeyGroup[]> {
  const c = await campaignOf(tx, day);
  const line = monitoringLine(await getMonitoringLines(tx), c.year);
  const record = incomeOfFacts((await householdFactsOf(tx, [h.id])).get(h.id) ?? [], c.incomeYear);
  const size = householdFacts(h, { asOf: day }).size;
  const income = record && line !== null && size > 0 ? { year: c.incomeYear, perCapita: perCapitaNetIncome(record, size), line } : null;
  return derivedKeyGroups(h, { asOf: day, income });
}

async function leadItems(tx: Tx, n: Jurisdiction, level: 'town' | 'city', day: Day): Promise<CaseItem[]> {
  const tree = await loadRegionTree(tx);
  const out: CaseItem[] = [];
  for (const { lead } of await leadsInRegion(tx, n, { state: 'open', now: 0 })) {
    const done = new Set(lead.steps.map((s) => s.step));
    const publicity = lead.steps.find((s) => s.step === 'publicity');
    const ready = level === 'town' ? !!publicity?.publicityUntil && publicity.publicityUntil < day && !done.has('town_review') : done.has('town_review') && !done.has('city_approval');
    if (!ready || lead.householdId === null) continue;
    const h = await getHousehold(tx, lead.householdId);
    if (!h) continue;
    const v = householdView(h, tree, day);
    out.push({
      type: 'lead', leadId: lead.id as number, householdId: h.id, headName: h.headName, villageName: v.villageName, size: v.size, householdType: h.type,
      note: lead.origins[0]?.note ?? '', discoveredOn: lead.discoveredOn, deadline: lead.deadline, publicityUntil: publicity?.publicityUntil ?? null,
      missing: BEFORE_TOWN.filter((s) => !done.has(s)), risks: leadRisks(lead),
    });
  }
  return out;
}

async function requestItems(tx: Tx, n: Jurisdiction, level: 'town' | 'city', day: Day): Promise<CaseItem[]> {
  const tree = await loadRegionTree(tx);
  const out: CaseItem[] = [];
  for (const r of await pendingCaseRequests(tx, n, level)) {
    if (r.publicityUntil && r.publicityUntil >= day) continue;
    const [h, s] = [await getHousehold(tx, r.householdId), await getSubject(tx, r.subjectId)];
    if (!h || !s) continue;
    const v = householdView(h, tree, day);
    out.push({
      type: 'request', requestId: r.id as number, subjectId: r.subjectId, householdId: h.id, headName: h.headName, villageName: v.villageName, size: v.size,
      category: s.category, includedOn: s.includedOn, payload: r.payload, requestedOn: r.day, publicityUntil: r.publicityUntil, evidence: r.evidence,
    });
  }
  return out;
}

/**
 * What waits for a level in a region on `day`: leads whose 公示 is over (town) or that the town
 * approved (city), and the 风险消除/回退/清退 requests of that level past their 公示. The flows'
 * queue and the daily push read the same list.
 */
export async function caseQueueOf(tx: Tx, n: Jurisdiction, level: 'town' | 'city', day: Day): Promise<CaseItem[]> {
  return [...(await leadItems(tx, n, level, day)), ...(await requestItems(tx, n, level, day))];
}

export function caseworkData(db: Database, actor: Actor, opts: { media: Pick<WeComApi, 'getMedia'> | null }): CaseworkData {
  const node = fieldScope(actor);
  const read = <T>(empty: T, fn: (tx: Tx, node: Jurisdiction) => Promise<T>): Promise<T> => (node ? readOnly(db, (tx) => fn(tx, node)) : Promise.resolve(empty));

  return {
    caseCampaign: (day) => readOnly(db, (tx) => caseCampaignOf(tx, day)),

    caseQueue: (level, day) =>
      read([], async (tx, n) => {
        const role = actor.staff?.role;
        if ((level === 'town' && role !== 'town_official') || (level === 'city' && role !== 'city_bureau')) return [];
        return caseQueueOf(tx, n, level, day);
      }),

    caseSubjects: (name, statuses) =>
      read([], async (tx, n) => {
        const tree = await loadRegionTree(tx);
        const ids = await householdIdsByName(tx, n, name);
        const episodes = await subjectsOfHouseholds(tx, ids);
        const out: CaseSubject[] = [];
        for (const id of ids) {
          const h = await getHousehold(tx, id);
          const latest = (episodes.get(id) ?? []).at(-1);
          if (!h || !holds(n, h.placement) || !latest || !(statuses as readonly string[]).includes(latest.status)) continue;
          const v = householdView(h, tree, '9999-12-31');
          out.push({
            id: latest.id as number, householdId: id, headName: h.headName, villageName: v.villageName, size: v.size, category: latest.category, includedOn: latest.includedOn,
            status: latest.status as 'open' | 'eliminated', risks: latest.risks.map((r) => r.type), noLabour: v.noLabour, since: stableSince(latest),
          });
        }
        return out;
      }),

    caseLeads: (name) =>
      read([], async (tx, n) => {
        const tree = await loadRegionTree(tx);
        const out: CaseLead[] = [];
        for (const id of await householdIdsByName(tx, n, name)) {
          const [h, lead] = [await getHousehold(tx, id), await openLeadOfHousehold(tx, id)];
          if (!h || !lead || !holds(n, h.placement)) continue;
          const v = householdView(h, tree, '9999-12-31');
          out.push({ leadId: lead.id as number, householdId: id, headName: h.headName, villageName: v.villageName, size: v.size, comparisonDone: lead.steps.some((s) => s.step === 'data_comparison') });
        }
        return out;
      }),

    caseContacts: (householdId) =>
      read<CaseContacts>({ village: [], town: [], city: [] }, async (tx) => {
        const h = await getHousehold(tx, householdId);
        if (!h) return { village: [], town: [], city: [] };
        const staff = (await listStaff(tx)).filter((s) => s.active);
        const at = (role: string, code: string) => staff.filter((s) => s.role === role && s.jurisdiction.code === code).map((s) => s.userId);
        return {
          village: [...(h.contactStaff ? [h.contactStaff] : []), ...at('village_cadre', h.placement.villageCode)],
          town: at('town_official', h.placement.townCode),
          city: at('city_bureau', h.placement.cityCode),
        };
      }),

    async keepEvidence(file): Promise<KeptEvidence> {
      if (!node) return { ok: false, message: '您不能提交书面申请。' };
      if (!opts.media) return { ok: false, message: '暂时无法读取文件（未连接企业微信），请稍后再发一次。' };
      let got;
      try {
        got = await opts.media.getMedia(file.mediaId);
      } catch {
        return { ok: false, message: '文件下载失败（可能已过期），请重新发送一次。' };
      }
      if (got.content.length === 0) return { ok: false, message: '收到的文件是空的，请重新发送。' };
      if (got.content.length > EVIDENCE_MAX_BYTES) return { ok: false, message: '文件超过5MB，请压缩或拍清晰的照片再发。' };
      const fileName = file.fileName ?? got.fileName ?? (file.msgType === 'image' ? '书面申请.jpg' : '书面申请');
      const sha256 = createHash('sha256').update(got.content).digest('hex');
      return { ok: true, evidence: { mediaId: file.mediaId, msgType: file.msgType, fileName, bytes: got.content.length, sha256 }, contentBase64: got.content.toString('base64') };
    },
  };
}
