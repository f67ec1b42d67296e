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

const NONE: readonly number[] = [];

/** One data row (a class, not closures: a roster has a million of them). */
class RowRecord<K extends string> implements ImportRecord<K> {
  constructor(
    readonly row: number,
    private readonly cells: readonly string[],
    private readonly index: Partial<Record<K, number>>,
    private readonly impreciseCells: readonly number[],
    private readonly mergedCells: readonly number[],
  ) {}

  get(key: K): string {
    const i = this.index[key];
    return i === undefined ? '' : (this.cells[i] ?? '');
  }

  has(key: K): boolean {
    return this.index[key] !== undefined;
  }

  imprecise(key: K): boolean {
    const i = this.index[key];
    return i !== undefined && this.impreciseCells.includes(i);
  }

  merged(key: K): boolean {
    const i = this.index[key];
    return i !== undefined && this.mergedCells.includes(i);
  }
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
    yield new RowRecord<K>(raw.row, raw.cells, index, raw.imprecise ?? NONE, raw.merged ?? NONE);
  }
  if (index === null) throw new TableReadError(`找不到表头：缺少必需的列「${best.missing.join('」「')}」（表头须在前 ${HEADER_SEARCH_ROWS} 行内，可参照模板）`);
}
