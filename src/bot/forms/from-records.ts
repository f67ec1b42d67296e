/**
 * The casework records mapped onto the forms' row types, in ONE place: the chat export
 * (“导出附件1”), the Thursday-night draft and `npx shouwang export` all build their workbooks
 * through these functions, and 附件1 is laid out from the same `ProgressReport` the chat answers
 * read — so the file and the answer cannot disagree.
 *
 * What comes from where:
 * - 附件1: one row per village, town 小计, 全市合计 — the `computeProgress` rows as they are.
 * - 附件2/3: the latest record of the campaign per household (a later day, or another screener,
 *   is a newer record); 户主姓名, 家庭人口 and 联系电话 from the household register. 附件3 is the
 *   一般户 ledger: a household the register marks as key group (脱贫户, ①–⑩, 监测对象) is left out.
 * - 附件4: the latest 回头看 record per subject.
 * - 附件5: one row per open subject: its latest 附件5 record when there is one, else the subject's
 *   own risks and measures (帮扶是否落实 = every measure implemented, 是否达到消除标准 = 否, 备注 未跟进).
 * - 附件6: the problems found in the window, per village (rectified ones marked 已整改).
 *
 * @example
 *   const report = form1Report(progress, names);                  // → buildForm1(report, { scope: 'town', … })
 *   const rows = form3Rows(records, households, staffNames, names); // → buildForm3(rows, { … })
 */
import { CATEGORY, MEASURE, RISK_TYPE } from '../../domain/catalog.js';
import type { Problem } from '../../domain/problem.js';
import type { ProgressReport, ProgressRow } from '../../domain/progress.js';
import type { FamilySituation, FollowUpAnswers, ScreeningRecord } from '../../domain/screening.js';
import { recordDay, VERDICT_LABEL } from '../../domain/screening.js';
import { dayWithin, type Day } from '../../domain/shanghai-days.js';
import type { Subject } from '../../domain/subject.js';
import type { Form1Row, Form1Report, Form2Row, Form3Row, Form4Row, Form5Row, Form6Village, LedgerHousehold } from './index.js';
import { categoryNumber, keyGroupNumber } from './index.js';

/** Region names by code (towns and villages). */
export type PlaceNames = ReadonlyMap<string, string>;

/** What the ledgers print about a household, from the register. */
export interface HouseholdLine {
  headName: string;
  /** Active members. */
  familySize: number;
  phone: string | null;
  /**
   * The household belongs in 附件2 (十类人群和特殊对象): a 脱贫户, a key-group household or a 监测对象
   * (`isKeyGroupHousehold`). Its general-form records stay on file but are not printed in 附件3,
   * the 一般户 ledger. Absent = not known to be one.
   */
  keyGroup?: boolean;
}

const nameOf = (names: PlaceNames, code: string | null): string => (code ? (names.get(code) ?? code) : '');

function form1Row(r: ProgressRow, names: PlaceNames): Form1Row {
  const { cityCode: _city, townCode, villageCode, deployed, villages, deployedVillages, ...counts } = r;
  return { ...counts, townName: nameOf(names, townCode), villageName: nameOf(names, villageCode), deployed: r.level === 'village' ? deployed : { yes: deployedVillages, of: villages } };
}

/** 附件1 from the one calculation's report. */
export function form1Report(report: ProgressReport, names: PlaceNames): Form1Report {
  return { villages: report.villages.map((r) => form1Row(r, names)), towns: report.towns.map((r) => form1Row(r, names)), city: form1Row(report.city, names) };
}

function ledgerHousehold(r: ScreeningRecord | { householdId: number; placement: ScreeningRecord['placement'] }, households: ReadonlyMap<number, HouseholdLine>, names: PlaceNames): LedgerHousehold {
  const h = households.get(r.householdId);
  return {
    townName: nameOf(names, r.placement.townCode),
    villageName: nameOf(names, r.placement.villageCode),
    headName: h?.headName ?? `（户${r.householdId}）`,
    familySize: Math.max(1, h?.familySize ?? 1),
    phone: h?.phone ?? '',
  };
}

/**
 * The latest record per key (records come in any order): the record's own day decides (a screening
 * reported later as made 上礼拜四 is older than one made yesterday), then `at`, then the later id.
 */
function latestBy<R extends { at: number; day?: Day }>(records: readonly R[], key: (r: R) => number): R[] {
  const best = new Map<number, R>();
  const dayOf = (r: R) => recordDay(r);
  for (const r of records) {
    const k = key(r);
    const had = best.get(k);
    if (!had || dayOf(r) > dayOf(had) || (dayOf(r) === dayOf(had) && r.at >= had.at)) best.set(k, r);
  }
  return [...best.values()];
}

/** Place order (town, village), then household: the order the ledgers print. */
const byPlace = (a: ScreeningRecord, b: ScreeningRecord) =>
  a.placement.townCode.localeCompare(b.placement.townCode) || a.placement.villageCode.localeCompare(b.placement.villageCode) || a.householdId - b.householdId;

const yuan = (v: number | null) => (v === null ? '' : `（${v}元）`);

/** 家庭情况 as one cell: income, schooling, illness, disaster, with amounts where known. */
export function familyText(f: FamilySituation): string {
  const parts = [
    f.income.trim() ? `收入：${f.income.trim()}${yuan(f.annualIncomeYuan)}` : '',
    f.schooling.trim() ? `上学：${f.schooling.trim()}${yuan(f.schoolingCostYuan)}` : '',
    f.illness.trim() ? `患病：${f.illness.trim()}${yuan(f.illnessCostYuan)}` : '',
    f.disaster.trim() ? `灾害：${f.disaster.trim()}${yuan(f.disasterLossYuan)}` : '',
  ];
  return parts.filter(Boolean).join('；');
}

type Of<F extends ScreeningRecord['form']> = Extract<ScreeningRecord, { form: F }>;

export function form2Rows(records: readonly ScreeningRecord[], households: ReadonlyMap<number, HouseholdLine>, staffNames: ReadonlyMap<string, string>, names: PlaceNames): Form2Row[] {
  const mine = latestBy(records.filter((r): r is Of<'key_group'> => r.form === 'key_group'), (r) => r.householdId).sort(byPlace);
  return mine.map((r) => ({
    ...ledgerHousehold(r, households, names),
    objectTypes: r.answers.groups.map(keyGroupNumber),
    familySituation: familyText(r.answers.family),
    screenerSignature: staffNames.get(r.screener) ?? r.screener,
    verdict: r.answers.verdict ? (VERDICT_LABEL[r.answers.verdict] as Form2Row['verdict']) : null,
    remark: r.remark,
  }));
}

export function form3Rows(records: readonly ScreeningRecord[], households: ReadonlyMap<number, HouseholdLine>, staffNames: ReadonlyMap<string, string>, names: PlaceNames): Form3Row[] {
  const general = records.filter((r): r is Of<'general'> => r.form === 'general' && !households.get(r.householdId)?.keyGroup);
  const mine = latestBy(general, (r) => r.householdId).sort(byPlace);
  return mine.map((r) => ({
    ...ledgerHousehold(r, households, names),
    method: r.answers.method,
    riskRecently: r.answers.riskFound,
    knowsPolicy: r.answers.knowsPolicy,
    screenerSignature: staffNames.get(r.screener) ?? r.screener,
    // The form: “如选是在备注栏详细记录风险情况”.
    remark: [r.answers.riskFound ? (r.answers.riskDetails ?? '') : '', r.remark].filter((s) => s.trim()).join('；'),
  }));
}

/**
 * 附件4: every 回头看 of the campaign, and every subject marked 风险消除 (帮扶消除 or 自然消除) still
 * due one — listed with empty answers and 备注 “未回头看”, so a missing review shows.
 */
export function form4Rows(records: readonly ScreeningRecord[], households: ReadonlyMap<number, HouseholdLine>, names: PlaceNames, eliminated: readonly PlacedSubject[] = []): Form4Row[] {
  const mine = latestBy(records.filter((r): r is Of<'review'> => r.form === 'review'), (r) => r.answers.subjectId).sort(byPlace);
  const reviewed = new Set(mine.map((r) => r.answers.subjectId));
  const due = eliminated
    .filter((s) => s.subject.status === 'eliminated' && s.subject.id !== null && !reviewed.has(s.subject.id))
    .map(({ subject, placement }): Form4Row => ({
      ...ledgerHousehold({ householdId: subject.householdId, placement }, households, names),
      category: categoryNumber(subject.category),
      incomeStable: null, measuresInPlace: null, basicNeedsConsolidated: null, eliminationStable: null, needsRelabel: null, needsWithdrawal: null,
      remark: `未回头看（${subject.elimination?.mode === 'natural' ? '自然消除' : '帮扶消除'}${subject.elimination ? `，${subject.elimination.day}` : ''}）`,
    }));
  return [...mine.map((r) => ({
    ...ledgerHousehold(r, households, names),
    category: categoryNumber(r.answers.category),
    incomeStable: r.answers.incomeStable,
    measuresInPlace: r.answers.measuresImplemented,
    basicNeedsConsolidated: r.answers.guaranteesStable,
    eliminationStable: r.answers.eliminationStable,
    needsRelabel: r.answers.needsRelabel,
    needsWithdrawal: r.answers.needsWithdrawal,
    // 附件4 has no column for a new risk (重新识别): it is said in 备注.
    remark: [r.answers.needsRelabel ? (r.answers.relabelNote ?? '') : '', r.answers.newRisk ? `出现新风险（重新识别）：${r.answers.newRiskDetails ?? ''}` : '', r.remark].filter((s) => s.trim()).join('；'),
  })), ...due];
}

/** An open subject with where it lives (subjects carry no placement of their own). */
export interface PlacedSubject {
  subject: Subject;
  placement: ScreeningRecord['placement'];
}

export function form5Rows(subjects: readonly PlacedSubject[], records: readonly ScreeningRecord[], households: ReadonlyMap<number, HouseholdLine>, names: PlaceNames): Form5Row[] {
  const followUps = new Map(latestBy(records.filter((r): r is Of<'follow_up'> => r.form === 'follow_up'), (r) => r.answers.subjectId).map((r) => [r.answers.subjectId, r]));
  const open = subjects.filter((s) => s.subject.status === 'open' && s.subject.id !== null);
  open.sort((a, b) => a.placement.townCode.localeCompare(b.placement.townCode) || a.placement.villageCode.localeCompare(b.placement.villageCode) || a.subject.householdId - b.subject.householdId);
  return open.map(({ subject, placement }) => {
    const f = followUps.get(subject.id as number);
    const a: FollowUpAnswers | null = f ? f.answers : null;
    return {
      ...ledgerHousehold({ householdId: subject.householdId, placement }, households, names),
      includedOn: a?.includedOn ?? subject.includedOn,
      riskTypes: (a?.risks ?? subject.risks.map((r) => r.type)).map((t) => RISK_TYPE.label[t]),
      measures: (a?.measuresInPlace ?? subject.measures.filter((m) => m.status === 'done').map((m) => m.measure)).map((m) => MEASURE.label[m]),
      assistanceInPlace: a ? a.assistanceImplemented : subject.measures.length > 0 && subject.measures.every((m) => m.status === 'done'),
      meetsElimination: a ? a.meetsEliminationStandard : false,
      remark: f ? f.remark : `未跟进（${CATEGORY.label[subject.category]}）`,
    };
  });
}

/** 附件6: every village asked for (a village with no problem is printed 无, and marked 零问题 in the 汇总). */
export function form6Villages(villages: ReadonlyArray<{ townCode: string; villageCode: string }>, problems: readonly Problem[], window: { from: Day; to: Day }, names: PlaceNames): Form6Village[] {
  return villages.map((v) => ({
    townName: nameOf(names, v.townCode),
    villageName: nameOf(names, v.villageCode),
    problems: problems
      .filter((p) => p.placement.villageCode === v.villageCode && dayWithin(p.foundOn, window.from, window.to))
      .map((p) => ({ category: p.category, description: p.status === 'rectified' && p.rectification && p.rectification.day <= window.to ? `${p.description}（已整改）` : p.description })),
  }));
}
