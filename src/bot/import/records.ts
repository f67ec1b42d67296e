/**
 * Rows of an import file as records keyed by column: the header row is found among the first
 * rows (county files often carry a title line above it), blank rows are skipped.
 *
 * @example
 *   for await (const r of readRecords('staff.csv', STAFF_COLUMNS)) r.get('userId');
 */
import { headerScore, mapHeader, type ColumnSpec, type Keys } from './columns.js';
import { readTable, TableReadError } from './table-reader.js';

/** How far down the header row may be. */
const HEADER_SEARCH_ROWS = 10;

export interface ImportRecord<K extends string> {
  row: number;
  /** The trimmed text of a column ('' when absent or empty). */
  get(key: K): string;
  /** Whether a column was given in the file at all. */
  has(key: K): boolean;
  /** Whether the cell was a number too long to be exact (Excel turned the ID into a number). */
  imprecise(key: K): boolean;
  /** Whether the value was copied from a merged cell (xlsx). */
  merged(key: K): boolean;
}

/** What the header row said beyond the columns read. */
export interface HeaderInfo {
  /** Headers that are no column of this file: not read, listed in the report. */
  unknown: string[];
}

export async function* readRecords<C extends ReadonlyArray<ColumnSpec>>(file: string, columns: C, onHeader?: (h: HeaderInfo) => void): AsyncGenerator<ImportRecord<Keys<C>>> {
  type K = Keys<C>;
  let index: Partial<Record<K, number>> | null = null;
  let best: { score: number; missing: string[] } = { score: -1, missing: columns.filter((c) => c.required).map((c) => c.header) };
  for await (const raw of readTable(file)) {
    if (index === null) {
      const mapped = mapHeader(raw.cells, columns);
      if (mapped.ok) {
        index = mapped.index;
        onHeader?.({ unknown: mapped.unknown });
        continue;
      }
      const score = headerScore(raw.cells, columns);
      if (score > best.score) best = { score, missing: mapped.missing };
      if (raw.row >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    if (raw.cells.every((c) => c === '')) continue;
    const at = index;
    const imprecise = new Set(raw.imprecise ?? []);
    const merged = new Set(raw.merged ?? []);
    yield {
      row: raw.row,
      get: (key: K) => {
        const i = at[key];
        return i === undefined ? '' : (raw.cells[i] ?? '');
      },
      has: (key: K) => at[key] !== undefined,
      imprecise: (key: K) => {
        const i = at[key];
        return i !== undefined && imprecise.has(i);
      },
      merged: (key: K) => {
        const i = at[key];
        return i !== undefined && merged.has(i);
      },
    };
  }
  if (index === null) throw new TableReadError(`找不到表头：缺少必需的列「${best.missing.join('」「')}」（表头须在前 ${HEADER_SEARCH_ROWS} 行内，可参照模板）`);
}
