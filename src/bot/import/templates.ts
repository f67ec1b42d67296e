/**
 * The import templates a county office fills in (templates/*.xlsx and *.csv in the repository):
 * the header row of each file with a few example rows that import cleanly in order (regions, then
 * staff, then households, then a department's warnings and a department's facts list). `npx tsx scripts/make-templates.ts` rewrites them from here.
 *
 * Dates in the examples are relative to a campaign, not fixed: the warnings are dated just before
 * the campaign's 动员部署 (04-25…04-27 of its year) and the income is the campaign's income year,
 * so a template made today imports cleanly today (a warning may not be later than today nor three
 * years old). The files in templates/ are made for the latest campaign whose example dates have
 * passed; the warning template sent in the chat is made on the spot.
 *
 * @example
 *   templatesOf(templateYear('2026-12-06'))   // the 2026 campaign's examples: warnings dated 2026-04-25 …
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { dayOf } from '../../domain/calendar.js';
import { HOUSEHOLD_COLUMNS, REGION_COLUMNS, STAFF_COLUMNS, type ColumnSpec } from './columns.js';
import { FACT_LIST_COLUMNS } from './facts.js';
import { WARNING_COLUMNS } from './warnings-rows.js';

type Spec = ReadonlyArray<ColumnSpec>;
export interface Template {
  name: string;
  title: string;
  columns: Spec;
  rows: string[][];
}

/** The campaign year whose example dates (the last is 04-27) are not after `today` ('YYYY-MM-DD'). */
export function templateYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return `${year}-04-27` <= today ? year : year - 1;
}

/** The household example rows: one person a row, the household's facts on every row. */
function householdRows(year: number): string[][] {
  const place = ['高家堡镇', '凉水井村', '凉水井一网格', '610821101201-0001', '张三'];
  const household = ['脱贫户', '2019', '否', '否', '1、4', 'wanggrid', String(year - 1), '12000', '3000', '0', '1800', '1000', '是', '是', '是', '是', '是', '是', '否', '否'];
  return [
    [...place, '张三', '61082119700101123X', '户主', '', '普通劳动力', '健康', '非在校生', '13812345678', ...household],
    [...place, '李四', '610821197202022242', '配偶', '', '弱劳动力或半劳动力', '长期慢性病', '非在校生', '', ...household],
    [...place, '张小', '610821201003033132', '之子', '', '无劳动力', '健康', '七年级', '', ...household],
  ];
}

/** Every template with its example rows, dated for the campaign of `year`. */
export function templatesOf(year: number): Template[] {
  return [
  {
    name: 'regions',
    title: '区划（市 / 镇街 / 行政村 / 网格）',
    columns: REGION_COLUMNS,
    rows: [
      ['神木市', '610821', '神木、sm', '高家堡镇', '610821101', '高家堡、gjb', '凉水井村', '610821101201', '凉水井、lsj', '凉水井一网格', '610821101201-01', '一网格'],
      ['神木市', '610821', '', '高家堡镇', '610821101', '', '凉水井村', '610821101201', '', '凉水井二网格', '610821101201-02', '二网格'],
    ],
  },
  {
    name: 'staff',
    title: '人员名单',
    columns: STAFF_COLUMNS,
    rows: [
      ['wanggrid', '王网格', '13912345678', '网格员', '', '高家堡镇', '凉水井村', '凉水井一网格', '', '是'],
      ['zhaozhen', '赵镇', '', '镇街干部', '', '高家堡镇', '', '', '', '是'],
      ['yibao01', '医保专干', '', '行业部门', '', '', '', '', '医保', '是'],
    ],
  },
  {
    name: 'households',
    title: '户籍花名册（每人一行，同户连续排列）',
    columns: HOUSEHOLD_COLUMNS,
    rows: householdRows(year),
  },
  {
    name: 'warnings',
    title: '部门预警名单',
    columns: WARNING_COLUMNS,
    rows: [
      ['医保', `${year}-04-25`, '张三', '61082119700101123X', '高家堡镇', '凉水井村', '住院自付费用高', '23456', ''],
      ['医保', `${year}-04-26`, '李四', '610821197202022242', '', '', '门诊慢病自付费用', '8600', '低于门槛，只登记'],
      ['教育', `${year}-04-27`, '王小', '610821200808081516', '高家堡镇', '凉水井村', '疑似辍学', '', '本人不在户籍名册，按填写的村生成线索'],
    ],
  },
  {
    name: 'facts',
    title: '部门名单（家庭情况）',
    columns: FACT_LIST_COLUMNS,
    rows: [
      ['住建', `${year}-04-20`, '张三', '61082119700101123X', '', '', '', '否', '', '', '', '', '', ''],
      ['医保', `${year}-04-21`, '李四', '610821197202022242', '', '', '', '', '', '是', '', '', '', '是'],
    ],
  },
  ];
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The csv template: UTF-8 with BOM (Excel then shows Chinese correctly), CRLF lines. */
export function templateCsv(t: Template): string {
  return '\uFEFF' + [t.columns.map((c) => c.header), ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Writes every template as .csv and .xlsx into `dir`, dated for the campaign of `today`. */
export async function writeTemplates(dir: string, today: string): Promise<void> {
  for (const t of templatesOf(templateYear(today))) {
    writeFileSync(join(dir, `${t.name}.csv`), templateCsv(t));
    await templateWorkbook(t).xlsx.writeFile(join(dir, `${t.name}.xlsx`));
  }
}

/** The xlsx of one template as bytes, dated for the campaign of `today` (the warning template is also sent in the chat). */
export async function templateXlsx(name: string, today: string = dayOf(Date.now())): Promise<Buffer> {
  const t = templatesOf(templateYear(today)).find((x) => x.name === name);
  if (!t) throw new Error(`no template ${name}`);
  return Buffer.from(await templateWorkbook(t).xlsx.writeBuffer());
}

function templateWorkbook(t: Template): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '守望';
  wb.created = new Date(Date.UTC(2022, 3, 29));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(t.title.slice(0, 31).replace(/[/\\?*[\]:]/g, ' '));
  ws.addRow(t.columns.map((c) => c.header));
  for (const r of t.rows) ws.addRow(r);
  t.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = Math.max(10, c.header.length * 2 + 4);
    // Text format keeps ID numbers and codes exact when someone types them in Excel.
    column.numFmt = '@';
    if (c.required) ws.getCell(1, i + 1).font = { bold: true };
  });
  const help = wb.addWorksheet('填写说明');
  help.addRow(['列名', '必填', '填写说明', '也可写作']);
  for (const c of t.columns) help.addRow([c.header, c.required ? '是' : '否', c.note, c.synonyms.join('、')]);
  help.getColumn(3).width = 60;
  return wb;
}
