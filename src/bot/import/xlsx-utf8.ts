/**
 * A fix for exceljs 4.4.0's streaming reader, which decodes every 16 KB chunk of a worksheet or of
 * the shared strings on its own: a Chinese character cut by a chunk boundary comes out as "��"
 * (about one cell in a thousand on a large roster — a name silently garbled). Upstream:
 * exceljs/exceljs#2063 and #2084, fixes proposed in #1665/#2081, not released.
 *
 * exceljs's decoder passes strings through untouched, so we hand it text decoded across chunk
 * boundaries: worksheets through a streaming TextDecoder, shared strings by setting the entry's
 * encoding. Applied once, when this module is loaded; `test/bot/table-reader.test.ts` fails
 * without it.
 */
import ExcelJS from 'exceljs';

type Chunk = Buffer | string;

/** The parts of exceljs's streaming reader that table-reader.ts calls one by one. */
export interface ReaderInternals {
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Chunk>, sheetNo: string): Iterable<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncIterable<unknown>;
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ name: string; rId: string; state?: string }> };
  __shouwangUtf8?: true;
}

/** Buffers to text, keeping a character cut between two chunks whole. */
export async function* decodeUtf8(source: AsyncIterable<Chunk>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}

const proto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
if (!proto.__shouwangUtf8) {
  const parseWorksheet = proto._parseWorksheet;
  const parseSharedStrings = proto._parseSharedStrings;
  proto._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
    return parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  };
  proto._parseSharedStrings = function (this: ReaderInternals, entry) {
    entry.setEncoding('utf8');
    return parseSharedStrings.call(this, entry);
  };
  proto.__shouwangUtf8 = true;
}

export const XLSX_UTF8_FIXED = true;
