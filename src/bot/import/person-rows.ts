/**
 * The person rows of a roster, parsed, in file order and in batches: `readPersonRows` reads and
 * parses the file either in this thread or, for a large file, in a worker thread
 * (person-rows-worker.ts) while this thread writes to the database — reading the csv and parsing
 * each row (ID check, labels, phone) is about a third of an import's time, which another core,
 * when one is free, does meanwhile. The worker runs at most WINDOW batches ahead, so memory stays
 * bounded whatever the file's size; the rows and their problems are the same either way.
 *
 * @example
 *   for await (const rows of readPersonRows('roster.csv', { today: '2022-05-01' }, report.listUnknownColumns)) …
 */
import { getHeapStatistics } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { workerBeside } from '../worker-entry.js';
import { statSync } from 'node:fs';
import { HOUSEHOLD_COLUMNS } from './columns.js';
import type { MemberChange } from '../../domain/household.js';
import type { HealthStatus, LabourAbility, Member, SchoolingStatus } from '../../domain/types.js';
import { HOUSEHOLD_KEYS, parsePersonRow, type PersonRow, type RowContext } from './household-rows.js';
import { readRecords, type HeaderInfo } from './records.js';
import { tableFormat, TableReadError } from './table-reader.js';

/** Rows per message from the worker. */
const BATCH_ROWS = 1000;
/**
 * Batches the worker may read ahead of the importing thread: more than one transaction's worth
 * (5,000 people), so that it keeps reading while a whole batch is written (≈ 200 KB a batch).
 */
const WINDOW = 16;
/** From this size on a csv file's rows are parsed in a worker (a small file is read in the time a worker takes to start). */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;
/**
 * The worker's V8 heap caps (MB) for a csv: what it keeps is its code (≈ 10 MB), a read chunk and
 * a few batches, and small caps make V8 collect early instead of letting the heap grow. Peak RSS
 * of a 200,000-person import: ≈ 400 MB without the worker; with it and this thread's caps
 * ≈ 620 MB, with 64/8 MB ≈ 470 MB, with 32/4 MB ≈ 420 MB. An xlsx (only when asked for: its
 * shared-strings table may need hundreds of MB) gets this thread's cap.
 */
const CSV_WORKER_HEAP = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 };

/** What the worker is given. */
export interface PersonRowsSetup {
  file: string;
  today: string;
  regionCodes?: string[];
  batchRows: number;
  window: number;
}

/** What the worker posts. */
export type PersonRowsMessage =
  | { kind: 'header'; unknown: string[] }
  | { kind: 'rows'; rows: PersonRow[] }
  | { kind: 'packed'; packed: string }
  | { kind: 'end' }
  | { kind: 'error'; tableRead: boolean; message: string; stack: string };

export interface PersonRowsOptions {
  /** Parse in a worker thread: by default for csv files of WORKER_MIN_BYTES and more. */
  worker?: boolean;
}

export async function* readPersonRows(file: string, ctx: RowContext, onHeader: (h: HeaderInfo) => void, opts: PersonRowsOptions = {}): AsyncGenerator<PersonRow[]> {
  if (opts.worker ?? (tableFormat(file) === 'csv' && statSync(file).size >= WORKER_MIN_BYTES)) {
    yield* inWorker(file, ctx, onHeader);
    return;
  }
  let rows: PersonRow[] = [];
  for await (const record of readRecords(file, HOUSEHOLD_COLUMNS, onHeader)) {
    rows.push(parsePersonRow(record, ctx));
    if (rows.length >= BATCH_ROWS) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

async function* inWorker(file: string, ctx: RowContext, onHeader: (h: HeaderInfo) => void): AsyncGenerator<PersonRow[]> {
  const setup: PersonRowsSetup = { file, today: ctx.today, ...(ctx.regionCodes ? { regionCodes: [...ctx.regionCodes] } : {}), batchRows: BATCH_ROWS, window: WINDOW };
  const worker = startWorker(setup);
  const inbox: PersonRowsMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const ring = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: PersonRowsMessage) => {
    inbox.push(m);
    ring();
  });
  worker.on('error', (e) => {
    failure = e;
    ring();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the roster reader stopped (exit code ${code})`);
    ring();
  });
  try {
    for (;;) {
      const m = inbox.shift();
      if (!m) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (m.kind === 'header') onHeader({ unknown: m.unknown });
      else if (m.kind === 'end') return;
      else if (m.kind === 'error') throw m.tableRead ? new TableReadError(m.message) : Object.assign(new Error(m.message), { stack: m.stack });
      else {
        worker.postMessage('more');
        yield m.kind === 'packed' ? unpackRows(m.packed) : m.rows;
      }
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}

function startWorker(setup: PersonRowsSetup): Worker {
  const resourceLimits = tableFormat(setup.file) === 'csv' ? CSV_WORKER_HEAP : { maxOldGenerationSizeMb: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20) };
  return workerBeside(import.meta.url, { workerData: setup, resourceLimits });
}

// --- one batch of rows as one string ---
//
// Posting a thousand row objects to another thread copies every string and object one by one,
// which costs the receiving thread about as much as parsing them. One string is copied at once:
// each field is written as one character giving its length (NULL_FIELD for null) and then its
// text, so no character of the data needs escaping. The string is built as UTF-16 code units in
// a typed array and decoded once: joining the 40-odd small strings of each row instead cost the
// reading thread ≈ 20 µs a row, more than reading and parsing it.

const NULL_FIELD = 0xffff;
/** Lengths from here on would be surrogate code units, which decoding does not keep: such a field is not packed. */
const MAX_FIELD = 0xd800;
const utf16 = new TextDecoder('utf-16le');
/** The code units of the batch being packed (grown as needed, kept for the next batch). */
let units = new Uint16Array(1 << 16);

/** The rows as one string, or null when a field cannot be packed (too long, or not well-formed UTF-16). */
export function packRows(rows: readonly PersonRow[]): string | null {
  let at = 0;
  let fits = true;
  const put = (s: string | null) => {
    const n = s === null ? 0 : s.length;
    if (at + n + 1 > units.length) {
      const grown = new Uint16Array(Math.max(units.length * 2, at + n + 1));
      grown.set(units.subarray(0, at));
      units = grown;
    }
    if (s === null) {
      units[at++] = NULL_FIELD;
      return;
    }
    if (n >= MAX_FIELD) fits = false;
    units[at++] = n;
    // A lone surrogate would come out of decoding as U+FFFD: such a row travels as objects.
    let high = false;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) {
        if (c <= 0xdbff) {
          if (high) fits = false;
          high = true;
        } else if (high) high = false;
        else fits = false;
      } else if (high) fits = false;
      units[at++] = c;
    }
    if (high) fits = false;
  };
  for (const r of rows) {
    put(String(r.row));
    put(r.code);
    put(r.head ? '1' : '');
    put(r.change);
    put(String(r.problems.length));
    for (const p of r.problems) put(p);
    const m = r.member;
    if (m === null) put(null);
    else {
      put(m.idNumber);
      put(m.name);
      put(m.relation);
      put(m.labour);
      put(m.health);
      put(m.schooling);
      put(m.phone);
      put(m.left?.on ?? null);
      put(m.left?.reason ?? null);
    }
    for (const c of r.household) put(c);
    if (!fits) return null;
  }
  return utf16.decode(units.subarray(0, at));
}

/** The rows `packRows` packed. */
export function unpackRows(packed: string): PersonRow[] {
  let at = 0;
  const take = (): string | null => {
    const n = packed.charCodeAt(at++);
    if (n === NULL_FIELD) return null;
    const s = packed.slice(at, at + n);
    at += n;
    return s;
  };
  const text = () => take() as string;
  const rows: PersonRow[] = [];
  while (at < packed.length) {
    const row = Number(text());
    const code = text();
    const head = text() === '1';
    const change = take() as MemberChange | null;
    const problems: string[] = [];
    for (let n = Number(text()); n > 0; n--) problems.push(text());
    let member: Member | null = null;
    const idNumber = take();
    if (idNumber !== null) {
      const [name, relation, labour, health, schooling, phone, on, reason] = [text(), text(), text(), text(), text(), take(), take(), take()];
      member = { idNumber, name, relation, labour: labour as LabourAbility, health: health as HealthStatus, schooling: schooling as SchoolingStatus, phone, left: on === null ? null : { on, reason: reason ?? '' } };
    }
    const household = new Array<string>(HOUSEHOLD_KEYS.length);
    for (let i = 0; i < household.length; i++) household[i] = text();
    rows.push({ row, code, member, problems, household, head, change });
  }
  return rows;
}
