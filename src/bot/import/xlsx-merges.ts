/**
 * Merged cells of an xlsx's first worksheet. People merge the 户编号 (or 户主姓名, 户类型 …) cells
 * of a household's rows; the file then holds the value in the first cell only, and lists the
 * merges in `<mergeCells>` after all the rows — too late for a reader that streams the rows. So the
 * sheet's xml is scanned for them first (a second pass over the compressed entry, reading only
 * what the zip's central directory points to; nothing is held but the merge list), and
 * `MergeFiller` copies each merge's value into the cells it spans while the rows stream.
 *
 * Sheets larger than `MAX_SCAN_BYTES` uncompressed are not scanned (their merges are not applied):
 * such rosters should come as csv anyway (docs/IMPORT.md).
 *
 * @example
 *   const merges = await firstSheetMerges('roster.xlsx');   // [{ top: 2, left: 3, bottom: 4, right: 3 }]
 *   const fill = new MergeFiller(merges);
 *   const filled = fill.apply(rowNumber, cells);            // column indices that were filled
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

export interface Merge {
  /** 1-based row numbers and 0-based column indices, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_SCAN_BYTES = 256 * 1024 * 1024;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** The zip's entries, in central-directory order (the order they were written). */
async function zipEntries(file: string): Promise<{ entries: Entry[]; dataStart: (e: Entry) => Promise<number> }> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    await fh.read(tail, 0, tailSize, size - tailSize);
    let eocd = -1;
    for (let i = tailSize - 22; i >= 0 && eocd < 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) eocd = i;
    if (eocd < 0) return { entries: [], dataStart: async () => 0 };
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: Entry[] = [];
    for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50; ) {
      const nameLen = cd.readUInt16LE(p + 28);
      entries.push({
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      });
      p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    const dataStart = async (e: Entry) => {
      const h = await open(file, 'r');
      try {
        const local = Buffer.alloc(30);
        await h.read(local, 0, 30, e.localOffset);
        return e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      } finally {
        await h.close();
      }
    };
    return { entries, dataStart };
  } finally {
    await fh.close();
  }
}

/** "AB12" → { col: 27 (0-based), row: 12 }. */
function cellRef(ref: string): { col: number; row: number } | null {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

/**
 * The merges of the first worksheet (the one the reader imports); [] when none or not scanned. A
 * file that is not a readable zip gives [] too: the row reader then says what is wrong with it.
 */
export async function firstSheetMerges(file: string): Promise<Merge[]> {
  try {
    return await scanMerges(file);
  } catch {
    return [];
  }
}

async function scanMerges(file: string): Promise<Merge[]> {
  const { entries, dataStart } = await zipEntries(file);
  const sheet = entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
  if (!sheet || sheet.uncompressedSize > MAX_SCAN_BYTES || (sheet.method !== 0 && sheet.method !== 8)) return [];
  const start = await dataStart(sheet);
  const raw = createReadStream(file, { start, end: start + sheet.compressedSize - 1 });
  const xml = sheet.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  const merges: Merge[] = [];
  const re = /<mergeCell\s+ref="([A-Z]+\d+):([A-Z]+\d+)"/g;
  let carry = '';
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
