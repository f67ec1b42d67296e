/**
 * Reads the rows of an xlsx (first worksheet, exceljs streaming reader) or csv file (csv-parse
 * streaming parser) one at a time, as text cells, never holding the file in memory.
 *
 * CSV files saved by Excel on Chinese Windows are GB18030/GBK, others UTF-8 (with or without
 * BOM): the first block decides, and the whole file is decoded that way.
 *
 * @example
 *   for await (const { row, cells } of readTable('roster.xlsx')) console.log(row, cells[0]);
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import { BROKEN_XLSX, guardXlsx } from '../files/xlsx-guard.js';
import { openZipEntry, zipDirectory, ZipFormatError, type ZipEntry } from '../files/zip.js';
import { sheetMerges, MergeFiller } from './xlsx-merges.js';
import type { ReaderInternals } from './xlsx-utf8.js';

export interface RawRow {
  /** The row number as a spreadsheet shows it (the header is usually row 1). */
  row: number;
  cells: string[];
  /** Columns whose cell was a number too long to be exact (an ID number typed as a number). */
  imprecise?: number[];
  /** Columns whose value was copied from a merged cell above or beside (xlsx-merges.ts). */
  merged?: number[];
}

/** The file cannot be read as a table at all (wrong type, unreadable): nothing is imported. */
export class TableReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableReadError';
  }
}

export function tableFormat(file: string): 'xlsx' | 'csv' {
  const ext = extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  if (ext === '.xls' || ext === '.et' || ext === '.wps') throw new TableReadError(`不支持 ${ext} 格式，请在 Excel/WPS 中“另存为” .xlsx 或 .csv 后再导入`);
  throw new TableReadError(`只能导入 .xlsx 或 .csv 文件（收到 ${ext || '无扩展名'}）`);
}

export async function* readTable(file: string): AsyncGenerator<RawRow> {
  if (tableFormat(file) === 'xlsx') yield* readXlsx(file);
  else yield* readCsv(file);
}

/** Decodes bytes as UTF-8 unless the first block is not valid UTF-8, then as GB18030 (a superset of GBK). */
class DecodeToUtf8 extends Transform {
  private decoder: TextDecoder | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (!this.decoder) this.decoder = new TextDecoder(looksUtf8(chunk) ? 'utf-8' : 'gb18030');
    done(null, this.decoder.decode(chunk, { stream: true }));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.decoder ? this.decoder.decode() : '');
  }
}

function looksUtf8(chunk: Buffer): boolean {
  try {
    // stream: true tolerates a character cut at the end of the block.
    new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
    return true;
  } catch {
    return false;
  }
}

async function* readCsv(file: string): AsyncGenerator<RawRow> {
  const parser = createReadStream(file, { highWaterMark: 256 * 1024 })
    .pipe(new DecodeToUtf8())
    .pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row++;
    yield { row, cells: record.map((c) => c.trim()) };
  }
}

async function* readXlsx(file: string): AsyncGenerator<RawRow> {
  await guardXlsx(file, (message) => new TableReadError(message));
  // exceljs is loaded with the first xlsx (a csv read in the import's worker thread does without
  // its ≈ 35 MB), and with it the fix that keeps Chinese text whole across its chunk boundaries.
  const { default: ExcelJS } = await import('exceljs');
  await import('./xlsx-utf8.js');
  const fh = await open(file, 'r');
  const opened: Readable[] = [];
  const part = async (e: ZipEntry) => {
    const stream = await openZipEntry(fh, file, e);
    opened.push(stream);
    return stream;
  };
  try {
    const entries = await zipDirectory(fh);
    const named = (name: string) => entries.find((e) => e.name === name);
    // exceljs's reader is fed the parts one by one, in the order it needs them, not the zip front
    // to back: walking the zip, it sometimes ended before xl/workbook.xml under load (a file that
    // writes the sheets first, as exceljs itself does) and failed on a good file.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' }) as unknown as ReaderInternals;
    const rels = named('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(await part(rels));
    const book = named('xl/workbook.xml');
    if (book) await reader._parseWorkbook(await part(book));
    const shared = named('xl/sharedStrings.xml');
    if (shared) for await (const _ of reader._parseSharedStrings(await part(shared))) void _;
    const sheet = firstSheet(reader, entries);
    if (!sheet) return;
    const fill = new MergeFiller(await sheetMerges(fh, file, sheet.entry));
    // Only the first worksheet is the table; others (说明, 统计) are ignored.
    for (const event of reader._parseWorksheet(await part(sheet.entry), sheet.no) as Iterable<{ value: AsyncIterable<XlsxRow> }>) {
      for await (const r of event.value) {
        const values = (Array.isArray(r.values) ? r.values : []) as unknown[];
        const cells: string[] = [];
        const imprecise: number[] = [];
        // exceljs rows are 1-based: values[0] is always empty.
        for (let i = 1; i < values.length; i++) {
          const v = values[i];
          if (typeof v === 'number' && !Number.isSafeInteger(v) && Math.abs(v) >= 1e15) imprecise.push(i - 1);
          cells.push(detach(cellText(v).trim()));
        }
        const merged = fill.apply(r.number, cells);
        yield { row: r.number, cells, ...(imprecise.length > 0 ? { imprecise } : {}), ...(merged.length > 0 ? { merged } : {}) };
      }
    }
  } catch (err) {
    if (err instanceof ZipFormatError) throw new TableReadError(BROKEN_XLSX);
    throw err;
  } finally {
    for (const stream of opened) stream.destroy();
    await fh.close();
  }
}

interface XlsxRow {
  number: number;
  values: unknown;
}

/**
 * The worksheet a person sees first: the first tab not hidden, in the workbook's order (the
 * first tab at all when every one is hidden); without a readable workbook, the first sheet part.
 */
function firstSheet(reader: ReaderInternals, entries: readonly ZipEntry[]): { entry: ZipEntry; no: string } | null {
  const tabs = reader.model?.sheets ?? [];
  const shown = tabs.filter((t) => t.state !== 'hidden' && t.state !== 'veryHidden');
  for (const tab of [...shown, ...tabs]) {
    const target = reader.workbookRels?.find((r) => r.Id === tab.rId)?.Target;
    if (!target) continue;
    const name = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const entry = entries.find((e) => e.name === name);
    if (entry) return { entry, no: /sheet(\d+)\.xml$/.exec(name)?.[1] ?? '1' };
  }
  const entry = entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
  return entry ? { entry, no: /sheet(\d+)\.xml$/.exec(entry.name)?.[1] ?? '1' } : null;
}

/**
 * A copy of `s` that does not point into the parser's chunk. The xml parser hands out cell texts
 * as slices of its 16–64 KB chunk strings; one kept slice (a 户编号 remembered for the whole file)
 * would keep its whole chunk alive, and the import's memory would grow with the file.
 */
export function detach(s: string): string {
  // Concatenating flattens into a new string just long enough; slicing that drops the space.
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The text a person sees in a cell. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error !== undefined) return '';
  }
  return String(v);
}
