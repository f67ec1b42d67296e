/**
 * Writes one form onto a worksheet, the way the printed forms look: the 附件 label, the title,
 * the 填报单位/填报时间 line, the header generated from the column tree (merged cells), the data
 * rows, and the 说明 notes under the table; thin borders, column widths, a frozen header and an
 * A4 landscape page that fits the table's width, with the header repeated on every page.
 *
 * @example
 *   const wb = newWorkbook('2022-05-13');
 *   writeFormSheet(wb.addWorksheet('排查台账'), { text: FORM_TEXTS.form3, columns, rows,
 *     info: { left: '填报单位：王家庄村', right: '填报时间：2022年5月13日' }, freezeColumns: 4 });
 *   const xlsx = await workbookBuffer(wb);
 */
import ExcelJS from 'exceljs';
import { instantOf } from '../../domain/calendar.js';
import { layoutHeader, type CellValue, type ColumnNode } from './columns.js';
import type { FormText } from './form-texts.js';

export const BODY_FONT = '宋体';
export const TITLE_FONT = '黑体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const LINE_PT = 13.5; // one line of 10 pt text

export interface RowOptions {
  /** Subtotals and totals are bold. */
  bold?: boolean;
  /** Merge the first n cells of the row (a total's label over 镇街 and 行政村). */
  mergeFirst?: number;
}

export interface SheetSpec<R> {
  text: FormText;
  columns: ColumnNode<R>[];
  rows: R[];
  /** The line between title and table: 填报单位 … on the left, 填报时间 … on the right. */
  info: { left: string; right: string };
  /** Columns kept in view when scrolling right (序号, 镇街, 行政村, 户主姓名 …). */
  freezeColumns: number;
  rowOptions?: (row: R) => RowOptions;
  /** Printed in one merged row when there are no rows. */
  emptyText?: string;
}

/** Where things landed on the sheet (1-based rows), for callers and tests. */
export interface SheetPlacement {
  headerTop: number;
  headerBottom: number;
  firstDataRow: number;
  lastDataRow: number;
  columnCount: number;
}

/** A workbook whose document dates are the report day (so output does not depend on the clock). */
export function newWorkbook(reportDay: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const at = new Date(instantOf(reportDay));
  wb.creator = '守望';
  wb.created = at;
  wb.modified = at;
  return wb;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Display width of text in Excel character units: CJK and full-width characters count 2. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) <= 0xff ? 1 : 2;
  return w;
}

/** Lines a text needs in a cell `width` units wide (explicit line breaks included). */
export function linesNeeded(text: string, width: number): number {
  const usable = Math.max(2, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

function styleBox(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number, style: Partial<ExcelJS.Style>): void {
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) Object.assign(ws.getCell(r, c), style);
}

function mergedText(ws: ExcelJS.Worksheet, row: number, left: number, right: number, value: string, style: Partial<ExcelJS.Style>): void {
  if (right > left) ws.mergeCells(row, left, row, right);
  const cell = ws.getCell(row, left);
  cell.value = value;
  Object.assign(cell, style);
}

export function writeFormSheet<R>(ws: ExcelJS.Worksheet, spec: SheetSpec<R>): SheetPlacement {
  const header = layoutHeader(spec.columns);
  const n = header.leaves.length;
  const widths = header.leaves.map((l) => l.width);
  const spanWidth = (left: number, right: number) => widths.slice(left - 1, right).reduce((a, b) => a + b, 0);
  // exceljs leaves a width of exactly 9 (its default) unwritten, and Excel would then use its own
  // default of 8.43; nudge it so every column keeps the width we chose.
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w === 9 ? 9.05 : w));

  // 附件 label, title, info line.
  ws.getCell(1, 1).value = spec.text.attachment;
  ws.getCell(1, 1).font = { name: TITLE_FONT, size: 12 };
  mergedText(ws, 2, 1, n, spec.text.title, { font: { name: TITLE_FONT, size: 18, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
  ws.getRow(2).height = 36 * linesNeeded(spec.text.title, spanWidth(1, n) / 1.6);
  // The info line splits the table's width in two halves (by width, not by column count, so a
  // narrow first column does not squeeze 填报单位).
  let mid = 1;
  while (mid < n - 1 && spanWidth(1, mid + 1) <= spanWidth(1, n) / 2) mid++;
  mergedText(ws, 3, 1, mid, spec.info.left, { font: { name: BODY_FONT, size: 11 }, alignment: { horizontal: 'left', vertical: 'middle' } });
  if (n > mid) mergedText(ws, 3, mid + 1, n, spec.info.right, { font: { name: BODY_FONT, size: 11 }, alignment: { horizontal: 'right', vertical: 'middle' } });
  ws.getRow(3).height = 22;

  // Header from the column tree.
  const headerTop = 4;
  const headerBottom = headerTop + header.rows - 1;
  const heights = Array.from({ length: header.rows }, () => 20);
  // Row heights: one-row cells first, so a cell spanning rows only adds what its neighbours did
  // not already give (its deficit goes to its last row).
  const bySpan = [...header.cells].sort((a, b) => a.bottom - a.top - (b.bottom - b.top));
  for (const h of bySpan) {
    ws.getCell(headerTop + h.top - 1, h.left).value = h.text;
    if (h.bottom > h.top || h.right > h.left) ws.mergeCells(headerTop + h.top - 1, h.left, headerTop + h.bottom - 1, h.right);
    const need = linesNeeded(h.text, spanWidth(h.left, h.right)) * LINE_PT + 6;
    const have = heights.slice(h.top - 1, h.bottom).reduce((a, b) => a + b, 0);
    if (need > have) heights[h.bottom - 1] = (heights[h.bottom - 1] ?? 20) + need - have;
  }
  heights.forEach((h, i) => (ws.getRow(headerTop + i).height = h));
  styleBox(ws, headerTop, 1, headerBottom, n, {
    font: { name: BODY_FONT, size: 10, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: THIN,
  });

  // Data rows.
  let r = headerBottom + 1;
  const firstDataRow = r;
  // One style object per kind of cell, shared by every cell of that kind: a city ledger has tens
  // of thousands of rows, and exceljs keeps a style per cell otherwise (2.5× slower). Never set
  // cell.font & co. on these cells afterwards: it would write through to every cell sharing it.
  const cellStyle = (bold: boolean, wrap: boolean): Partial<ExcelJS.Style> => ({
    font: { name: BODY_FONT, size: 10, bold },
    border: THIN,
    alignment: { horizontal: wrap ? 'left' : 'center', vertical: 'middle', wrapText: true },
  });
  const styles = [cellStyle(false, false), cellStyle(false, true), cellStyle(true, false), cellStyle(true, true)];
  for (const row of spec.rows) {
    const opts = spec.rowOptions?.(row) ?? {};
    let lines = 1;
    header.leaves.forEach((col, i) => {
      const value: CellValue = col.value(row);
      const cell = ws.getCell(r, i + 1);
      cell.value = value === '' ? null : value;
      cell.style = styles[(opts.bold ? 2 : 0) + (col.wrap ? 1 : 0)] as Partial<ExcelJS.Style>;
      if (typeof value === 'string' && value !== '') lines = Math.max(lines, linesNeeded(value, col.width));
    });
    if (opts.mergeFirst !== undefined && opts.mergeFirst > 1) ws.mergeCells(r, 1, r, opts.mergeFirst);
    ws.getRow(r).height = Math.max(20, lines * LINE_PT + 6);
    r++;
  }
  if (spec.rows.length === 0) {
    mergedText(ws, r, 1, n, spec.emptyText ?? '（本期无记录）', { font: { name: BODY_FONT, size: 10 }, alignment: { horizontal: 'center', vertical: 'middle' } });
    styleBox(ws, r, 1, r, n, { border: THIN });
    ws.getRow(r).height = 22;
    r++;
  }
  const lastDataRow = r - 1;

  // 说明 notes, one merged row each, tall enough for the wrapped text.
  for (const note of spec.text.notes) {
    mergedText(ws, r, 1, n, note, { font: { name: BODY_FONT, size: 10 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
    ws.getRow(r).height = linesNeeded(note, spanWidth(1, n)) * LINE_PT + 4;
    r++;
  }

  ws.views = [{ state: 'frozen', xSplit: spec.freezeColumns, ySplit: headerBottom }];
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as needed
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerTop}:${headerBottom}`,
  };
  ws.headerFooter.oddFooter = '第 &P 页，共 &N 页';
  return { headerTop, headerBottom, firstDataRow, lastDataRow, columnCount: n };
}

/** Excel refuses sheet names over 31 characters, with []:*?/\ or used twice. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '·').slice(0, 31) || '表';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 2)}(${i})`;
  taken.add(name.toLowerCase());
  return name;
}
