/**
 * The body of the thread that reads a roster for `readPersonRows` (person-rows.ts): it reads the
 * file (csv or xlsx), finds the header, parses every person row (`parsePersonRow`: ID check,
 * labels, phone) and posts them to the importing thread in batches. It runs ahead by at most
 * `window` batches: each batch the importing thread takes gives it room for one more.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HOUSEHOLD_COLUMNS } from './columns.js';
import { parsePersonRow, type PersonRow } from './household-rows.js';
import { readRecords } from './records.js';
import { TableReadError } from './table-reader.js';
import { packRows, type PersonRowsMessage, type PersonRowsSetup } from './person-rows.js';

const port = parentPort;
if (!port) throw new Error('person-rows-worker runs only as a worker thread');
const setup = workerData as PersonRowsSetup;
const rowCtx = { today: setup.today, ...(setup.regionCodes ? { regionCodes: new Set(setup.regionCodes) } : {}) };
const post = (m: PersonRowsMessage) => port.postMessage(m);

let room = setup.window;
let wake: (() => void) | null = null;
port.on('message', () => {
  room++;
  wake?.();
  wake = null;
});

let rows: PersonRow[] = [];
async function send(): Promise<void> {
  while (room === 0) await new Promise<void>((resolve) => (wake = resolve));
  room--;
  const packed = packRows(rows);
  post(packed === null ? { kind: 'rows', rows } : { kind: 'packed', packed });
  rows = [];
}

try {
  for await (const record of readRecords(setup.file, HOUSEHOLD_COLUMNS, (h) => post({ kind: 'header', unknown: h.unknown }))) {
    rows.push(parsePersonRow(record, rowCtx));
    if (rows.length >= setup.batchRows) await send();
  }
  if (rows.length > 0) await send();
  post({ kind: 'end' });
} catch (e) {
  post({ kind: 'error', tableRead: e instanceof TableReadError, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? (e.stack ?? '') : '' });
}
