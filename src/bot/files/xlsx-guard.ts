/**
 * A look inside an xlsx before any spreadsheet library opens it. An xlsx is a zip: a 400 KB file
 * can hold a 400 MB shared string (it compresses to almost nothing), and the reader keeps every
 * shared string in memory. So the zip's central directory is read first (declared sizes), then the
 * parts that are read into memory or row by row are inflated here, chunk by chunk, counting what
 * actually comes out — a declared size may lie — and abandoned at the first limit passed. Memory
 * stays at a few chunks whatever the file holds.
 *
 * Limits (XLSX_LIMITS): parts, total and per-part unpacked size, the shared strings part, the
 * longest text (Excel's own cell limit is 32,767 characters), rows per worksheet.
 *
 * @example
 *   await guardXlsx('/tmp/upload.xlsx', (message) => new TableReadError(message));
 *   // throws with '无法读取这个文件：…' when the file is not a readable, reasonable xlsx
 */
import { open, type FileHandle } from 'node:fs/promises';
import { openZipEntry, zipDirectory, ZipFormatError, type ZipEntry } from './zip.js';

export interface XlsxLimits {
  maxEntries: number;
  /** All parts together, unpacked. */
  maxTotalBytes: number;
  /** Any one part, unpacked. */
  maxEntryBytes: number;
  /** xl/sharedStrings.xml unpacked (every shared string is held in memory while reading). */
  maxSharedStringsBytes: number;
  /** The longest run of text between two tags (one string), in bytes. */
  maxTextBytes: number;
  maxRows: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxEntries: 2_000,
  maxTotalBytes: 400 * 1024 * 1024,
  maxEntryBytes: 300 * 1024 * 1024,
  maxSharedStringsBytes: 48 * 1024 * 1024,
  // 32,767 characters of up to 3 bytes each, with room for entities such as &amp;.
  maxTextBytes: 256 * 1024,
  maxRows: 200_000,
};

export const BROKEN_XLSX = '无法读取这个文件：它不是有效的 xlsx 表格（压缩包已损坏或不完整）。请用 Excel 或 WPS 打开后“另存为” .xlsx 再发送。';
const MB = 1024 * 1024;

/** Checks `file`; throws `refuse(message)` (a Chinese sentence naming the problem) when it must not be read. */
export async function guardXlsx(file: string, refuse: (message: string) => Error, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  const fh = await open(file, 'r');
  try {
    const entries = await zipDirectory(fh).catch((err: unknown) => {
      if (err instanceof ZipFormatError) throw refuse(err.kind === 'broken' ? BROKEN_XLSX : '无法读取这个文件：文件过大或格式不受支持。');
      throw err;
    });
    if (entries.length > limits.maxEntries) throw refuse(`无法读取这个文件：压缩包内有 ${entries.length} 个部分，超过上限 ${limits.maxEntries}。`);
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw refuse('无法读取这个文件：它不是 Excel 表格（压缩包里没有工作簿）。请发送 .xlsx 或 .csv 文件。');
    const total = entries.reduce((n, e) => n + e.size, 0);
    if (total > limits.maxTotalBytes) throw refuse(`无法读取这个文件：解压后约 ${Math.ceil(total / MB)} MB，超过上限 ${limits.maxTotalBytes / MB} MB。请删去无关的工作表或分成几个文件。`);
    for (const e of entries) {
      if (e.size > limits.maxEntryBytes) throw refuse(`无法读取这个文件：其中「${e.name}」解压后约 ${Math.ceil(e.size / MB)} MB，超过上限 ${limits.maxEntryBytes / MB} MB。`);
      const shared = e.name === 'xl/sharedStrings.xml';
      const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(e.name);
      if (!shared && !sheet) continue;
      const cap = shared ? limits.maxSharedStringsBytes : limits.maxEntryBytes;
      if (shared && e.size > cap) throw refuse(`无法读取这个文件：表格中的文字解压后约 ${Math.ceil(e.size / MB)} MB，超过上限 ${cap / MB} MB。`);
      await inspect(file, fh, e, Math.min(cap, e.size), limits, refuse);
    }
  } finally {
    await fh.close();
  }
}

/**
 * Unpacks one part chunk by chunk: no more than `cap` bytes (its declared size or the limit), no
 * text run longer than `maxTextBytes`, no more than `maxRows` rows. Stops at the first excess.
 */
async function inspect(file: string, fh: FileHandle, e: ZipEntry, cap: number, limits: XlsxLimits, refuse: (m: string) => Error): Promise<void> {
  if (e.compressedSize === 0) return;
  const source = await openZipEntry(fh, file, e).catch(() => {
    throw refuse(BROKEN_XLSX);
  });
  let out = 0;
  let run = 0;
  let rows = 0;
  let carry = '';
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      out += chunk.length;
      if (out > cap) {
        const why = e.size > cap ? `解压后超过上限 ${Math.round(cap / MB)} MB` : '实际内容与声明的大小不符';
        throw refuse(`无法读取这个文件：其中「${e.name}」${why}。`);
      }
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (c === 0x3c /* < */ || c === 0x3e /* > */) run = 0;
        else if (++run > limits.maxTextBytes) throw refuse(`无法读取这个文件：表格中有一段文字超过 ${Math.floor(limits.maxTextBytes / 1024)} KB（Excel 一个单元格最多 32767 个字符）。`);
      }
      // Rows: count "<row " / "<row>" across chunk borders (the last few bytes are carried over).
      const text = carry + chunk.toString('latin1');
      rows += (text.match(/<(?:\w+:)?row[\s>]/g) ?? []).length;
      const tail = text.slice(-8);
      const lt = tail.lastIndexOf('<');
      // Only an unfinished tag is carried: a complete one was counted already.
      carry = lt < 0 || /^<(?:\w+:)?row[\s>]/.test(tail.slice(lt)) ? '' : tail.slice(lt);
      if (rows > limits.maxRows) throw refuse(`无法读取这个文件：工作表超过 ${limits.maxRows} 行，请分成几个文件。`);
    }
  } catch (err) {
    if (err instanceof Error && /^无法读取这个文件/.test(err.message)) throw err;
    throw refuse(BROKEN_XLSX);
  } finally {
    source.destroy();
  }
}
