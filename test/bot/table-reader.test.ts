import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_COLUMNS, mapHeader, normalizeHeader } from '../../src/bot/import/columns.js';
import { parsePersonRow } from '../../src/bot/import/household-rows.js';
import { readRecords } from '../../src/bot/import/records.js';
import { cellText, readTable, tableFormat, type RawRow } from '../../src/bot/import/table-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'shouwang-reader-'));

async function all(file: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const r of readTable(file)) rows.push(r);
  return rows;
}

describe('reading tables', () => {
  it('decodes a csv saved by Excel on Chinese Windows (GBK) and one saved as UTF-8 with BOM', async () => {
    const gbk = join(dir, 'gbk.csv');
    // "户编号,姓名\r\nH1,张三\r\n" in GBK.
    writeFileSync(gbk, Buffer.from('bba7b1e0bac52cd0d5c3fb0d0a48312cd5c5c8fd0d0a', 'hex'));
    expect(await all(gbk)).toEqual([
      { row: 1, cells: ['户编号', '姓名'] },
      { row: 2, cells: ['H1', '张三'] },
    ]);
    const utf8 = join(dir, 'utf8.csv');
    writeFileSync(utf8, '\uFEFF户编号,姓名\r\nH1,"张 三\n（曾用名）"\r\n,\r\nH2,李四\r\n');
    expect(await all(utf8)).toEqual([
      { row: 1, cells: ['户编号', '姓名'] },
      { row: 2, cells: ['H1', '张 三\n（曾用名）'] },
      { row: 3, cells: ['', ''] },
      { row: 4, cells: ['H2', '李四'] },
    ]);
  });

  it('reads the first worksheet of an xlsx, flags ID numbers stored as numbers, renders every cell kind as text', async () => {
    const file = join(dir, 'kinds.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['text', Number('610821197001011234'), 2019, new Date(Date.UTC(2022, 4, 31)), true, { richText: [{ text: '高家' }, { text: '堡' }] }, { formula: '1+1', result: 2 }]);
    wb.addWorksheet('说明').addRow(['不读这一页']);
    await wb.xlsx.writeFile(file);
    // Styles are not read (speed), so a date cell reads as Excel's day number; no import column is a date.
    expect(await all(file)).toEqual([{ row: 1, cells: ['text', '610821197001011200', '2019', '44712', '是', '高家堡', '2'], imprecise: [1] }]);
    expect(cellText(new Date(Date.UTC(2022, 4, 31)))).toBe('2022-05-31');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(1.5)).toBe('1.5');
  });

  it('reads the first tab a person sees: a hidden sheet before it is passed over, with its merges', async () => {
    const file = join(dir, 'hidden-first.xlsx');
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('底稿', { state: 'hidden' });
    hidden.addRow(['不读', '这一页']);
    hidden.mergeCells('A1:A2');
    const ws = wb.addWorksheet('名册');
    ws.addRow(['户编号', '姓名']);
    ws.addRow(['H1', '张三']);
    ws.addRow(['', '李四']);
    ws.mergeCells('A2:A3');
    await wb.xlsx.writeFile(file);
    expect(await all(file)).toEqual([
      { row: 1, cells: ['户编号', '姓名'] },
      { row: 2, cells: ['H1', '张三'] },
      { row: 3, cells: ['H1', '李四'], merged: [0] },
    ]);
  });

  it('reads the same xlsx alike however many are read at once', async () => {
    const file = join(dir, 'many-at-once.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    for (let i = 0; i < 50; i++) ws.addRow([`H${i}`, `张${i}`]);
    await wb.xlsx.writeFile(file);
    const counts = await Promise.all(Array.from({ length: 40 }, async () => (await all(file)).length));
    expect(new Set(counts)).toEqual(new Set([50]));
  });

  it('tells the person what an ID number typed as a number has lost', async () => {
    const file = join(dir, 'id-as-number.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(HOUSEHOLD_COLUMNS.map((c) => c.header));
    ws.addRow(HOUSEHOLD_COLUMNS.map((c) => (c.key === 'idNumber' ? Number('610821197001011234') : c.example)));
    await wb.xlsx.writeFile(file);
    const rows = [];
    for await (const r of readRecords(file, HOUSEHOLD_COLUMNS)) rows.push(parsePersonRow(r, { today: '2022-05-01' }));
    expect(rows.map((r) => [r.row, r.problems])).toEqual([[2, ['身份证号被存成了数字，末几位已丢失（请把该列设为“文本”格式后重新填写）']]]);
  });

  it('finds the header under a title row and accepts the headers offices use', async () => {
    const file = join(dir, 'title.csv');
    const headers = ['乡镇', '村', '户号', '成员姓名', '身份证号码', '与户主的关系', '劳动技能', '健康状态', '农户类型'];
    writeFileSync(file, `神木市户籍名册（2022年4月）\r\n\r\n${headers.join(',')}\r\n高家堡镇,凉水井村,H1,张三,x,户主,普通劳动力,健康,一般农户\r\n`);
    const rows = [];
    for await (const r of readRecords(file, HOUSEHOLD_COLUMNS)) rows.push([r.row, r.get('town'), r.get('code'), r.get('type'), r.has('grid')]);
    expect(rows).toEqual([[4, '高家堡镇', 'H1', '一般农户', false]]);
  });

  it.each([
    ['roster.XLSX', 'xlsx'],
    ['roster.csv', 'csv'],
  ])('accepts %s', (file, format) => {
    expect(tableFormat(file)).toBe(format);
  });

  it.each([
    ['roster.xls', '不支持 .xls 格式，请在 Excel/WPS 中“另存为” .xlsx 或 .csv 后再导入'],
    ['roster.txt', '只能导入 .xlsx 或 .csv 文件（收到 .txt）'],
    ['roster', '只能导入 .xlsx 或 .csv 文件（收到 无扩展名）'],
  ])('refuses %s', (file, message) => {
    expect(() => tableFormat(file)).toThrow(message);
  });

  it('maps headers with marks, full-width brackets and spaces, and names the missing ones', () => {
    expect(normalizeHeader(' *镇（街道） ')).toBe('镇(街道)');
    expect(mapHeader(['*户编号', '姓 名', '身份证号(必填)'], HOUSEHOLD_COLUMNS)).toEqual({ ok: false, missing: ['镇街', '行政村', '与户主关系', '劳动能力', '健康状况', '户类型'] });
  });
});

describe('Chinese text across the chunk boundaries of a large xlsx', () => {
  // Long Chinese cells over thousands of rows cross exceljs's 16 KB chunks many times; without
  // src/bot/import/xlsx-utf8.ts some cells come back with "��".
  const text = (i: number) => `${'高家堡镇凉水井村'.repeat(1 + (i % 7))}第${i}户张三李四王五赵六`;
  const ROWS = 4000;

  it.each([
    ['inline strings (streaming writer)', false],
    ['shared strings (as Excel writes)', true],
  ])('reads every cell exactly with %s', async (_what, shared) => {
    const file = join(dir, `chunks-${shared ? 'shared' : 'inline'}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: shared });
    const ws = wb.addWorksheet('名册');
    for (let i = 0; i < ROWS; i++) ws.addRow([text(i), `行${i}`]).commit();
    ws.commit();
    await wb.commit();
    const bad: number[] = [];
    let n = 0;
    for await (const r of readTable(file)) {
      if (r.cells[0] !== text(r.row - 1) || r.cells[1] !== `行${r.row - 1}`) bad.push(r.row);
      n++;
    }
    expect(n).toBe(ROWS);
    expect(bad).toEqual([]);
  });
});
