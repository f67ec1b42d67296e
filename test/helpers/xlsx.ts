/**
 * Reads a produced xlsx back with exceljs, so tests assert what a person opening the file sees:
 * sheet names, cell texts, merged ranges, row values, page setup and frozen panes.
 *
 * @example
 *   const book = await readXlsx(buffer);
 *   const s = book.sheet('进度统计表');
 *   expect(s.text(4, 5)).toBe('集中排查对象');
 *   expect(s.merges).toContain('E4:F5');
 *   expect(s.row(7)).toEqual(['高家堡镇', '王家庄村', '是', 12, …]);
 */
import ExcelJS from 'exceljs';

export type ReadValue = string | number | null;

export interface ReadSheet {
  name: string;
  /** Merged ranges as A1 ranges ('E4:F5'), sorted. */
  merges: string[];
  /** Last row with content. */
  rowCount: number;
  columnCount: number;
  /** The value of a cell as text or number; a merged cell reads as its master cell. */
  value(row: number, col: number): ReadValue;
  text(row: number, col: number): string;
  /** The values of a row from column 1 to `columnCount` (or `width`). */
  row(row: number, width?: number): ReadValue[];
  /** The first row whose column `col` holds exactly `text`; 0 when none. */
  findRow(col: number, text: string): number;
  /** The merged range a cell belongs to ('E4:F5'), or the cell's own address. */
  rangeOf(row: number, col: number): string;
  columnWidth(col: number): number | undefined;
  rowHeight(row: number): number | undefined;
  isBold(row: number, col: number): boolean;
  hasBorder(row: number, col: number): boolean;
  ws: ExcelJS.Worksheet;
}

export interface ReadBook {
  names: string[];
  sheet(nameOrIndex: string | number): ReadSheet;
}

function plain(v: ExcelJS.CellValue): ReadValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return JSON.stringify(v);
}

function wrapSheet(ws: ExcelJS.Worksheet): ReadSheet {
  const merges = [...((ws.model as unknown as { merges?: string[] }).merges ?? [])].sort();
  const cell = (r: number, c: number) => ws.getCell(r, c);
  const value = (r: number, c: number) => plain(cell(r, c).value);
  return {
    name: ws.name,
    merges,
    rowCount: ws.actualRowCount === 0 ? 0 : ws.lastRow?.number ?? 0,
    columnCount: ws.columnCount,
    value,
    text: (r, c) => String(value(r, c) ?? ''),
    row: (r, width) => Array.from({ length: width ?? ws.columnCount }, (_, i) => value(r, i + 1)),
    findRow: (col, text) => {
      for (let r = 1; r <= (ws.lastRow?.number ?? 0); r++) if (value(r, col) === text) return r;
      return 0;
    },
    rangeOf: (r, c) => {
      const addr = cell(r, c).address;
      const master = cell(r, c).master.address;
      return merges.find((m) => m.startsWith(`${master}:`)) ?? addr;
    },
    columnWidth: (c) => ws.getColumn(c).width,
    rowHeight: (r) => ws.getRow(r).height,
    isBold: (r, c) => cell(r, c).font?.bold === true,
    hasBorder: (r, c) => {
      const b = cell(r, c).border;
      return !!(b?.top?.style && b.bottom?.style && b.left?.style && b.right?.style);
    },
    ws,
  };
}

export async function readXlsx(buffer: Buffer): Promise<ReadBook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return {
    names: wb.worksheets.map((w) => w.name),
    sheet: (key) => {
      const ws = typeof key === 'number' ? wb.worksheets[key] : wb.getWorksheet(key);
      if (!ws) throw new Error(`no sheet ${String(key)} (have ${wb.worksheets.map((w) => w.name).join(', ')})`);
      return wrapSheet(ws);
    },
  };
}

/** The header cells of a sheet's rows top..bottom as [text, range] pairs, each merged cell once. */
export function headerCells(s: ReadSheet, top: number, bottom: number): Array<[string, string]> {
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  for (let r = top; r <= bottom; r++) {
    for (let c = 1; c <= s.columnCount; c++) {
      const range = s.rangeOf(r, c);
      if (seen.has(range)) continue;
      seen.add(range);
      out.push([s.text(r, c), range]);
    }
  }
  return out;
}
