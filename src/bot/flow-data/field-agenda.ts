/**
 * The agenda of a village 研判会 as of a day, from the stored records: key-group (附件2) records of
 * the campaign still without 会议研判结论 (the latest per household), and open leads found by then
 * that have not been through 民主评议 — merged per household, soonest deadline first. Used by the
 * 研判会 flow (through the port) and by the Thursday push (src/bot/jobs/meeting-agenda.ts).
 *
 * @example
 *   await villageAgenda(tx, '610821101001', '2022', '2022-05-12')
 *   // [{ householdId: 7, headName: '张三', size: 4, screening: null, lead: { id: 3, deadline: '2022-05-24', … } }, …]
 */
import { householdFacts } from '../../domain/household.js';
import type { KeyGroupAnswers } from '../../domain/screening.js';
import type { Day } from '../../domain/shanghai-days.js';
import type { AgendaItem } from '../../flows/field/data.js';
import type { Tx } from '../../persistence/db.js';
import { getHouseholds } from '../../persistence/households.js';
import { leadsForMeetingIn } from '../../persistence/leads.js';
import type { RegionRef } from '../../persistence/case-store.js';
import { screeningsInRegion } from '../../persistence/screenings.js';

export async function villageAgenda(tx: Tx, villageCode: string, campaign: string, day: Day): Promise<AgendaItem[]> {
  return (await agendasIn(tx, { level: 'village', code: villageCode }, campaign, day)).get(villageCode) ?? [];
}

/**
 * The agendas of every village of a region (by village code; a village with nothing to judge is
 * absent), in a fixed number of reads whatever the region's size: its key-group records, its open
 * leads, then the households of all items at once. The Thursday push reads a city this way.
 */
export async function agendasIn(tx: Tx, region: RegionRef, campaign: string, day: Day): Promise<Map<string, AgendaItem[]>> {
  const items = new Map<string, Map<string, AgendaItem>>();
  const of = (village: string) => items.get(village) ?? items.set(village, new Map()).get(village)!;
  const records = await screeningsInRegion(tx, campaign, region, 'key_group');
  // Records come by household, then time: the last one of a household (in a village) is its current record.
  const latest = new Map<string, (typeof records)[number]>();
  for (const r of records) if (r.day <= day) latest.set(`${r.placement.villageCode}|${r.householdId}`, r);
  for (const r of latest.values()) {
    const a = r.answers as KeyGroupAnswers;
    if (a.verdict !== null) continue;
    of(r.placement.villageCode).set(`h:${r.householdId}`, {
      householdId: r.householdId, headName: '', size: 0, lead: null,
      screening: { id: r.id, day: r.day, groups: a.groups, riskFound: a.riskFound ?? null, summary: a.riskFound ? (a.riskDetails ?? '') : [a.family.income, a.family.illness].filter((s) => s && s !== '无').join('；') },
    });
  }
  for (const l of await leadsForMeetingIn(tx, region, day)) {
    const key = l.householdId !== null ? `h:${l.householdId}` : `l:${l.id}`;
    const lead = { id: l.id as number, discoveredOn: l.discoveredOn, deadline: l.deadline, note: l.origins.map((o) => o.note).filter(Boolean).join('；'), stepsDone: l.steps.map((s) => s.step) };
    const village = of(l.placement.villageCode);
    const item = village.get(key) ?? { householdId: l.householdId, headName: l.declarant?.name ?? '', size: 0, screening: null, lead: null };
    village.set(key, { ...item, lead });
  }
  // The households of every agenda in one read, not one per item.
  const households = await getHouseholds(tx, [...items.values()].flatMap((v) => [...v.values()].flatMap((i) => (i.householdId === null ? [] : [i.householdId]))));
  const order = (i: AgendaItem) => `${i.lead?.deadline ?? '9999-12-31'}|${i.screening?.day ?? ''}|${String(i.householdId ?? 0).padStart(10, '0')}`;
  const out = new Map<string, AgendaItem[]>();
  for (const [village, list] of items) {
    const filled = [...list.values()].map((item) => {
      const h = item.householdId === null ? undefined : households.get(item.householdId);
      return h ? { ...item, headName: h.headName, size: householdFacts(h, { asOf: day }).size } : item;
    });
    out.set(village, filled.sort((a, b) => order(a).localeCompare(order(b))));
  }
  return out;
}
