/**
 * The files officials get: the six forms as xlsx and the charts as png, for a place on a report
 * day. Two steps so no workbook is built inside a transaction: `gatherForm` reads (in `tx`),
 * `buildFormFile` lays out (outside). 附件1 is laid out from the very `placeReport` the answers
 * read; the ledgers from the campaign's records up to the report day (src/bot/forms/from-records.ts).
 *
 * @example
 *   const inputs = await transaction(db, (tx) => gatherForm(tx, tree, 'attachment1', '610821101', '2022-05-13'));
 *   const { fileName, content } = await buildFormFile(inputs);   // 附件1_…_高家堡镇_2022-05-13.xlsx
 */
import type { RegionTree } from '../../domain/hierarchy.js';
import { isKeyGroupHousehold } from '../../domain/household.js';
import type { Problem } from '../../domain/problem.js';
import type { Subject } from '../../domain/subject.js';
import type { Campaign } from '../../domain/campaign.js';
import { monitoringLine } from '../../domain/income.js';
import { getMonitoringLines } from '../../persistence/campaigns.js';
import type { Day } from '../../domain/shanghai-days.js';
import type { Place } from '../../flows/official/data.js';
import type { ExportForm } from '../../flows/understand/intents.js';
import type { Tx } from '../../persistence/db.js';
import { openSubjectHouseholds, rosterLinesOf, type RosterLine } from '../../persistence/official-reads.js';
import type { Jurisdiction } from '../../domain/roles.js';
import { problemsInVillages } from '../../persistence/problems.js';
import { screeningsInRegion, type StoredScreening } from '../../persistence/screenings.js';
import { listStaff } from '../../persistence/staff.js';
import { subjectsInRegion } from '../../persistence/subjects.js';
import { coverageChart, overdueLeadsChart } from '../charts/index.js';
import { buildForm1, buildForm2, buildForm3, buildForm4, buildForm5, buildForm6, formFileName, type FormId } from '../forms/index.js';
import { form1Report, form2Rows, form3Rows, form4Rows, form5Rows, form6Villages, type HouseholdLine, type PlacedSubject } from '../forms/from-records.js';
import { campaignCode, namesOf, placeReport, type PlaceReport } from './sources.js';
import type { OverdueView, ProgressView } from '../../flows/official/data.js';

export type PrintedForm = Exclude<ExportForm, 'ledger'>;

const FORM_ID: Record<PrintedForm, FormId> = { attachment1: 'form1', attachment2: 'form2', attachment3: 'form3', attachment4: 'form4', attachment5: 'form5', attachment6: 'form6' };

/** 填报单位 of a place: the body that signs its report. */
export function unitOf(place: Place): string {
  if (place.level === 'city') return `${place.name}乡村振兴局`;
  if (place.level === 'town') return place.name.endsWith('街道') ? `${place.name}办事处` : `${place.name}人民政府`;
  return place.name.endsWith('社区') ? `${place.name}居民委员会` : `${place.name}村民委员会`;
}

export interface FormInputs {
  form: PrintedForm;
  pr: PlaceReport;
  names: Map<string, string>;
  records: StoredScreening[];
  households: Map<number, HouseholdLine>;
  staffNames: Map<string, string>;
  subjects: PlacedSubject[];
  problems: Problem[];
  villages: Array<{ townCode: string; villageCode: string }>;
  /** 附件2's key group ②: the campaign's income year and the line of its year. */
  keyGroupBasis?: { incomeYear: number; line: number };
}

/** Key group ②'s year and line for 附件2 (none when the year has no line: the seed's words stay). */
async function keyGroupBasisOf(tx: Tx, form: PrintedForm, c: Campaign): Promise<{ keyGroupBasis?: { incomeYear: number; line: number } }> {
  if (form !== 'attachment2') return {};
  const line = monitoringLine(await getMonitoringLines(tx), c.year);
  return line === null ? {} : { keyGroupBasis: { incomeYear: c.incomeYear, line } };
}

/** 附件4's due list: each household's latest episode when it is 风险消除 (an earlier one superseded by 重新识别 is not due). */
function latestEliminated(all: Subject[]): Subject[] {
  const latest = new Map<number, Subject>();
  for (const s of all) if ((latest.get(s.householdId)?.episode ?? 0) < s.episode) latest.set(s.householdId, s);
  return [...latest.values()].filter((s) => s.status === 'eliminated');
}

/**
 * The register's lines of the households a ledger lists, each marked when it belongs in 附件2 rather
 * than the 一般户 ledger 附件3: a key group by the register (`isKeyGroupHousehold`), a 监测对象 (open
 * subject), or a household the screening team recorded on 附件2 this campaign.
 */
async function ledgerLines(tx: Tx, region: Jurisdiction, records: readonly StoredScreening[], subjects: readonly Subject[]): Promise<Map<number, RosterLine>> {
  const ids = [...new Set([...records.map((r) => r.householdId), ...subjects.map((s) => s.householdId)])];
  return new Map((await rosterLinesOf(tx, region, ids)).map((h) => [h.householdId, h]));
}

async function householdLines(tx: Tx, lines: ReadonlyMap<number, RosterLine>, records: readonly StoredScreening[]): Promise<Map<number, HouseholdLine>> {
  const monitored = await openSubjectHouseholds(tx, [...lines.keys()]);
  const onForm2 = new Set(records.filter((r) => r.form === 'key_group').map((r) => r.householdId));
  return new Map(
    [...lines.values()].map((h) => {
      // The roster carries no members, only whether an active one is disabled (key group ⑤).
      const keyGroup = onForm2.has(h.householdId) || h.disabledMember || isKeyGroupHousehold({ ...h, members: [] }, monitored.has(h.householdId));
      return [h.householdId, { headName: h.headName, familySize: h.people, phone: h.phone, keyGroup }];
    }),
  );
}

/** Everything a form needs for a place on a report day (reads only); `known` reuses a report already made in this transaction. */
export async function gatherForm(tx: Tx, tree: RegionTree, form: PrintedForm, code: string, reportDay: Day, known?: PlaceReport): Promise<FormInputs> {
  const pr = known && known.place.code === code && known.window.to === reportDay ? known : await placeReport(tx, tree, code, reportDay);
  const region = { level: pr.place.level, code };
  const ledger = form !== 'attachment1' && form !== 'attachment6';
  const records = ledger ? (await screeningsInRegion(tx, campaignCode(pr.campaign), region)).filter((r) => r.day <= pr.window.to) : [];
  const due = form === 'attachment5' ? await subjectsInRegion(tx, region, 'open') : form === 'attachment4' ? latestEliminated(await subjectsInRegion(tx, region)) : [];
  const lines = ledger ? await ledgerLines(tx, region, records, due) : new Map<number, RosterLine>();
  const subjects: PlacedSubject[] = due.flatMap((s) => {
    const h = lines.get(s.householdId);
    return h ? [{ subject: s, placement: { cityCode: h.cityCode, townCode: h.townCode, villageCode: h.villageCode, gridCode: h.gridCode } }] : [];
  });
  const villages = pr.report.villages.map((v) => ({ townCode: v.townCode as string, villageCode: v.villageCode as string }));
  return {
    form,
    pr,
    names: namesOf(tree),
    records,
    households: await householdLines(tx, lines, records),
    staffNames: ledger ? new Map((await listStaff(tx)).map((s) => [s.userId, s.name])) : new Map(),
    subjects,
    problems: form === 'attachment6' ? await problemsInVillages(tx, villages.map((v) => v.villageCode)) : [],
    villages,
    ...(await keyGroupBasisOf(tx, form, pr.campaign)),
  };
}

/** Lays the form out (phones masked: a chat file travels further than its reader's jurisdiction). */
export async function buildFormFile(i: FormInputs): Promise<{ fileName: string; content: Buffer }> {
  const { pr, names } = i;
  const meta = { scope: pr.place.level, unit: unitOf(pr.place), reportDay: pr.window.to };
  const fileName = formFileName(FORM_ID[i.form], pr.place.label, pr.window.to);
  const content = await (() => {
    switch (i.form) {
      case 'attachment1':
        return buildForm1(form1Report(pr.report, names), meta);
      case 'attachment2':
        return buildForm2(form2Rows(i.records, i.households, i.staffNames, names), { ...meta, ...(i.keyGroupBasis ? { keyGroupBasis: i.keyGroupBasis } : {}) });
      case 'attachment3':
        return buildForm3(form3Rows(i.records, i.households, i.staffNames, names), meta);
      case 'attachment4':
        return buildForm4(form4Rows(i.records, i.households, names, i.subjects), meta);
      case 'attachment5':
        return buildForm5(form5Rows(i.subjects, i.records, i.households, names), meta);
      case 'attachment6':
        return buildForm6(form6Villages(i.villages, i.problems, pr.window, names), meta);
    }
  })();
  return { fileName, content };
}

/** The coverage picture of a place's towns, villages or grids (the numbers of the progress view). */
export function coverageFile(view: ProgressView, subtitle: string): { fileName: string; content: Buffer } {
  const place = view.total.place;
  const items = view.grids.length
    ? view.grids.map((g) => ({ name: g.name, screened: Math.min(g.screened, g.roster), roster: g.roster }))
    : (view.parts.length ? view.parts : [view.total]).map((p) => ({ name: p.place.name, screened: Math.min(p.row.screened.households, p.roster.households), roster: p.roster.households }));
  const title = `${place.label}${place.level === 'city' ? '各镇街' : place.level === 'town' ? '各村' : '各网格'}排查覆盖率`;
  return { fileName: `${place.label}_覆盖率_${view.reportDay}.png`, content: coverageChart({ title, subtitle, items }) };
}

/** The overdue-lead picture: leads counted per group (`groupOf`: the town above city level, else the village). */
export function overdueFile(view: OverdueView, place: Place, subtitle: string, groupOf: (village: Place) => string): { fileName: string; content: Buffer } {
  const counts = new Map<string, { overdue: number; dueSoon: number }>();
  const add = (village: Place, k: 'overdue' | 'dueSoon') => {
    const c = counts.get(groupOf(village)) ?? { overdue: 0, dueSoon: 0 };
    c[k] += 1;
    counts.set(groupOf(village), c);
  };
  view.overdue.forEach((l) => add(l.village, 'overdue'));
  view.dueSoon.forEach((l) => add(l.village, 'dueSoon'));
  const items = [...counts.entries()].map(([name, c]) => ({ name, overdue: c.overdue, dueSoon: c.dueSoon }));
  if (items.length === 0) items.push({ name: place.name, overdue: 0, dueSoon: 0 });
  return { fileName: `${place.label}_超期线索_${view.today}.png`, content: overdueLeadsChart({ title: `${place.label}超期风险线索`, subtitle, items }) };
}
