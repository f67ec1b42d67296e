/**
 * Merged cells of an xlsx's first worksheet. People merge the 户编号 (or 户主姓名, 户类型 …) cells
 * of a household's rows; the file then holds the value in the first cell only, and lists the
 * merges in `<mergeCells>` after all the rows — too late for a reader that streams the rows. So the
 * sheet's xml is scanned for them first (a second pass over the compressed part, found through the
 * zip's central directory; nothing is held but the merge list), and
 * `MergeFiller` copies each merge's value into the cells it spans while the rows stream.
 *
 * Sheets larger than `MAX_SCAN_BYTES` uncompressed are not scanned (their merges are not applied):
 * such rosters should come as csv anyway (docs/IMPORT.md).
 *
 * @example
 *   const merges = await sheetMerges(fh, 'roster.xlsx', sheetPart);   // [{ top: 2, left: 3, bottom: 4, right: 3 }]
 *   const fill = new MergeFiller(merges);
 *   const filled = fill.apply(rowNumber, cells);            // column indices that were filled
 */
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { openZipEntry, type ZipEntry } from '../files/zip.js';

export interface Merge {
  /** 1-based row numbers and 0-based column indices, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_SCAN_BYTES = 256 * 1024 * 1024;

/** "AB12" → { col: 27 (0-based), row: 12 }. */
function cellRef(ref: string): { col: number; row: number } | null {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

/**
 * The merges of a worksheet part (the one the reader imports); [] when none or not scanned. A part
 * that cannot be unpacked gives [] too: the row reader then says what is wrong with the file.
 */
export async function sheetMerges(fh: FileHandle, file: string, sheet: ZipEntry): Promise<Merge[]> {
  if (sheet.size > MAX_SCAN_BYTES) return [];
  try {
    return await scanMerges(await openZipEntry(fh, file, sheet));
  } catch {
    return [];
  }
}

async function scanMerges(xml: Readable): Promise<Merge[]> {
  const merges: Merge[] = [];
  const re = /<mergeCell\s+ref="([A-Z]+\d+):([A-Z]+\d+)"/g;
  let carry = '';
  try {
    for await (const chunk of xml as AsyncIterable<Buffer>) {
      const text = carry + chunk.toString('latin1');
      let last = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const [a, b] = [cellRef(m[1] as string), cellRef(m[2] as string)];
        if (a && b) merges.push({ top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) });
        last = re.lastIndex;
      }
      // Keep an unfinished tag for the next chunk (a merge tag is far shorter than 200 characters).
      carry = text.slice(Math.max(last, text.length - 200));
      re.lastIndex = 0;
    }
  } finally {
    xml.destroy();
  }
  return merges.sort((x, y) => x.top - y.top);
}

/** Copies each merge's top-left value into the other cells it spans, row by row, in row order. */
export class MergeFiller {
  private next = 0;
  private active: Array<Merge & { value: string }> = [];

  constructor(private readonly merges: readonly Merge[]) {}

  /** Fills `cells` of row `row` in place; returns the column indices that were filled. */
  apply(row: number, cells: string[]): number[] {
    this.active = this.active.filter((m) => m.bottom >= row);
    while (this.next < this.merges.length && (this.merges[this.next] as Merge).top <= row) {
      const m = this.merges[this.next++] as Merge;
      if (m.bottom >= row) this.active.push({ ...m, value: m.top === row ? (cells[m.left] ?? '') : '' });
    }
    const filled: number[] = [];
    for (const m of this.active) {
      for (let c = m.left; c <= m.right; c++) {
        if (row === m.top && c === m.left) continue;
        while (cells.length <= c) cells.push('');
        cells[c] = m.value;
        filled.push(c);
      }
    }
    return filled;
  }
}
