/**
 * 附件1 防止返贫监测帮扶集中排查工作进度统计表 as an xlsx workbook.
 *
 * One sheet in the form's own layout (镇街 | 行政村 | …): a village workbook has its one row; a
 * town workbook its villages and the town's 小计; a city workbook every town's villages, each
 * town's 小计 and the 全市合计 — plus a second sheet 各镇街汇总 with only the subtotals and the total,
 * the view the city uses for its weekly 通报 of the towns. Subtotals and totals are taken as
 * given (they come from the statistics, which count 参与人数 once across villages), never summed here.
 *
 * @example
 *   const xlsx = await buildForm1({ villages, towns: [gaojiapu], city: null },
 *     { scope: 'town', unit: '高家堡镇人民政府', reportDay: '2022-05-13' });
 */
import { FORM1_COLUMNS } from './form1-columns.js';
import { FORM_TEXTS } from './form-texts.js';
import { chineseDay } from './format.js';
import type { Form1Row } from './rows.js';
import { newWorkbook, workbookBuffer, writeFormSheet, type RowOptions } from './sheet.js';
import { checkMeta, checkRows, FormInputError, type FormMeta } from './validate.js';

/** What the statistics hand over: village rows, town subtotals, the city total. */
export interface Form1Report {
  villages: Form1Row[];
  towns: Form1Row[];
  /** Required for a city workbook, ignored otherwise. */
  city: Form1Row | null;
}

const LABEL = FORM_TEXTS.form1.attachment;

const rowOptions = (r: Form1Row): RowOptions => (r.level === 'city' ? { bold: true, mergeFirst: 2 } : r.level === 'town' ? { bold: true } : {});

/** The printed order of rows for a scope; throws when the report does not fit the scope. */
export function form1Rows(report: Form1Report, scope: FormMeta['scope']): Form1Row[] {
  const problems: string[] = [];
  const wrongLevel = (rows: Form1Row[], level: Form1Row['level'], what: string) =>
    rows.forEach((r, i) => r.level !== level && problems.push(`${LABEL}：${what}第${i + 1}行的层级应为${level === 'village' ? '村' : '镇街'}`));
  wrongLevel(report.villages, 'village', '村级数据');
  wrongLevel(report.towns, 'town', '镇街小计');
  if (problems.length > 0) throw new FormInputError(problems);

  if (scope === 'village') {
    if (report.villages.length !== 1) throw new FormInputError([`${LABEL}：按村导出须恰好一个村，收到${report.villages.length}个`]);
    return [...report.villages];
  }
  if (scope === 'town' && report.towns.length !== 1) throw new FormInputError([`${LABEL}：按镇街导出须恰好一个镇街小计，收到${report.towns.length}个`]);
  const towns = new Set(report.towns.map((t) => t.townName));
  const orphans = report.villages.filter((v) => !towns.has(v.townName)).map((v) => `${v.townName}${v.villageName}`);
  if (orphans.length > 0) throw new FormInputError([`${LABEL}：以下村没有所属镇街的小计：${orphans.join('、')}`]);
  const out = report.towns.flatMap((t) => [...report.villages.filter((v) => v.townName === t.townName), t]);
  if (scope === 'city') {
    if (!report.city || report.city.level !== 'city') throw new FormInputError([`${LABEL}：按全市导出须有全市合计行`]);
    out.push(report.city);
  }
  return out;
}

/** Builds 附件1 for one village, one town or the city. */
export async function buildForm1(report: Form1Report, meta: FormMeta): Promise<Buffer> {
  checkMeta(meta, LABEL);
  checkRows('form1', LABEL, [...report.villages, ...report.towns, ...(report.city ? [report.city] : [])]);
  const rows = form1Rows(report, meta.scope);
  const wb = newWorkbook(meta.reportDay);
  const info = { left: `填报单位：${meta.unit}`, right: `填报时间：${chineseDay(meta.reportDay)}` };
  const spec = { text: FORM_TEXTS.form1, columns: FORM1_COLUMNS, info, freezeColumns: 2, rowOptions };
  writeFormSheet(wb.addWorksheet('进度统计表'), { ...spec, rows });
  if (meta.scope === 'city') writeFormSheet(wb.addWorksheet('各镇街汇总'), { ...spec, rows: rows.filter((r) => r.level !== 'village') });
  return workbookBuffer(wb);
}
