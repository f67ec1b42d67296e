/**
 * 附件6 防止返贫监测帮扶集中排查问题清单 as an xlsx workbook.
 *
 * The printed form is per village (镇(街)___村 above the table): eight rows, one per category in the
 * form's order, the category's problems numbered inside its 具体问题 cell, 无 when there are none.
 * A village workbook is that one sheet. A town or city workbook starts with a 汇总 sheet (the count
 * of problems per village and category, with 小计/合计 rows and 零问题 marked, since villages that
 * report nothing are 督导 targets), followed by one sheet per village in the printed form — the
 * form has no 镇街/行政村 columns, so villages cannot share one table without changing it.
 *
 * @example
 *   const xlsx = await buildForm6([{ townName: '高家堡镇', villageName: '王家庄村', problems }],
 *     { scope: 'village', unit: '王家庄村', reportDay: '2022-05-13' });
 */
import { PROBLEM_CATEGORY } from '../../domain/catalog.js';
import { maskText } from '../../domain/privacy.js';
import { group, leaf, type ColumnNode } from './columns.js';
import { chineseDay } from './format.js';
import { FORM_TEXTS } from './form-texts.js';
import type { Form6Problem, Form6Row, Form6Village } from './rows.js';
import { newWorkbook, sheetName, workbookBuffer, writeFormSheet } from './sheet.js';
import { checkMeta, checkRows, checkScope, type FormMeta } from './validate.js';

const TEXT = FORM_TEXTS.form6;
/** Two ideographic spaces, the gap a printed form leaves between 镇(街) and 村. */
const WIDE_GAP = '\u3000\u3000';
const LABEL = TEXT.attachment;

/** The eight printed rows of one village's list, in the form's order. */
export function form6Rows(problems: readonly Form6Problem[]): Form6Row[] {
  return PROBLEM_CATEGORY.codes.map((code, i) => ({
    seq: i + 1,
    category: PROBLEM_CATEGORY.label[code],
    problems: problems.filter((p) => p.category === code).map((p) => maskText(p.description.trim())),
  }));
}

/** 具体问题 as printed: one problem as is, several numbered one per line, none as 无. */
export function problemsText(problems: readonly string[]): string {
  if (problems.length === 0) return '无';
  if (problems.length === 1) return problems[0] as string;
  return problems.map((p, i) => `${i + 1}. ${p}`).join('\n');
}

const VILLAGE_COLUMNS: ColumnNode<Form6Row>[] = [
  leaf('序号', (r) => r.seq, { width: 6 }),
  leaf('类型', (r) => r.category, { width: 30, wrap: true }),
  leaf('具体问题', (r) => problemsText(r.problems), { width: 80, wrap: true }),
];

interface SummaryRow {
  level: 'village' | 'town' | 'city';
  seq: number | null;
  town: string;
  village: string;
  counts: number[];
}

const total = (r: SummaryRow) => r.counts.reduce((a, b) => a + b, 0);
const addCounts = (rows: SummaryRow[]) => PROBLEM_CATEGORY.codes.map((_, i) => rows.reduce((s, r) => s + (r.counts[i] ?? 0), 0));

const SUMMARY_COLUMNS: ColumnNode<SummaryRow>[] = [
  // The 合计 row is merged over 序号, 镇街 and 行政村 and says so in its first cell.
  leaf('序号', (r) => (r.level === 'city' ? r.town : r.seq), { width: 6 }),
  leaf('镇街', (r) => r.town, { width: 11 }),
  leaf('行政村', (r) => r.village, { width: 11 }),
  group(
    '问题数（个）',
    PROBLEM_CATEGORY.codes.map((code, i) => leaf<SummaryRow>(PROBLEM_CATEGORY.label[code], (r) => r.counts[i] ?? 0, { width: 10 })),
  ),
  leaf('合计', total, { width: 7 }),
  leaf('备注', (r) => (r.level === 'village' && total(r) === 0 ? '零问题' : ''), { width: 8 }),
];

/** The 汇总 rows: villages numbered, then 小计 per town (city scope) and the 合计. */
export function form6Summary(villages: readonly Form6Village[], scope: FormMeta['scope']): SummaryRow[] {
  const rows: SummaryRow[] = villages.map((v, i) => ({
    level: 'village',
    seq: i + 1,
    town: v.townName,
    village: v.villageName,
    counts: PROBLEM_CATEGORY.codes.map((code) => v.problems.filter((p) => p.category === code).length),
  }));
  if (scope !== 'city') return [...rows, { level: 'city', seq: null, town: '合计', village: '', counts: addCounts(rows) }];
  const towns = [...new Set(rows.map((r) => r.town))];
  const out = towns.flatMap((t) => {
    const mine = rows.filter((r) => r.town === t);
    return [...mine, { level: 'town' as const, seq: null, town: t, village: '小计', counts: addCounts(mine) }];
  });
  return [...out, { level: 'city', seq: null, town: '全市合计', village: '', counts: addCounts(rows) }];
}

/** Builds 附件6 for one village, one town or the city (see the file comment for the sheets). */
export async function buildForm6(villages: readonly Form6Village[], meta: FormMeta): Promise<Buffer> {
  checkMeta(meta, LABEL);
  checkRows('form6', LABEL, villages);
  checkScope(meta.scope, LABEL, villages);
  const wb = newWorkbook(meta.reportDay);
  const day = `填报时间：${chineseDay(meta.reportDay)}`;
  const taken = new Set<string>();
  if (meta.scope !== 'village') {
    writeFormSheet(wb.addWorksheet(sheetName('汇总', taken)), {
      text: { ...TEXT, title: `${TEXT.title}（汇总）` },
      columns: SUMMARY_COLUMNS,
      rows: form6Summary(villages, meta.scope),
      info: { left: `填报单位：${meta.unit}`, right: day },
      freezeColumns: 3,
      rowOptions: (r) => (r.level === 'village' ? {} : { bold: true, mergeFirst: r.level === 'city' ? 3 : undefined }),
    });
  }
  for (const v of villages) {
    const name = meta.scope === 'city' ? `${v.townName}-${v.villageName}` : v.villageName;
    writeFormSheet(wb.addWorksheet(sheetName(name, taken)), {
      text: TEXT,
      columns: VILLAGE_COLUMNS,
      rows: form6Rows(v.problems),
      info: { left: `镇(街)：${v.townName}${WIDE_GAP}村：${v.villageName}`, right: day },
      freezeColumns: 0,
    });
  }
  if (villages.length === 0) {
    writeFormSheet(wb.addWorksheet(sheetName('问题清单', taken)), { text: TEXT, columns: VILLAGE_COLUMNS, rows: form6Rows([]), info: { left: `填报单位：${meta.unit}`, right: day }, freezeColumns: 0 });
  }
  return workbookBuffer(wb);
}
