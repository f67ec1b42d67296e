/**
 * Reading a roster in a worker thread (person-rows.ts) gives exactly the rows, problems and header
 * notes of reading it in the importing thread — packed into one string per batch, or, when a field
 * is too long to pack, as plain objects — and a file it cannot read fails the same way.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importHouseholds } from '../../src/bot/import/households.js';
import { HOUSEHOLD_KEYS, type PersonRow } from '../../src/bot/import/household-rows.js';
import { packRows, readPersonRows, unpackRows } from '../../src/bot/import/person-rows.js';
import type { HeaderInfo } from '../../src/bot/import/records.js';
import { TableReadError } from '../../src/bot/import/table-reader.js';
import { openDatabase } from '../../src/persistence/data-source.js';
import { transaction } from '../../src/persistence/db.js';
import { saveRegions } from '../../src/persistence/regions.js';
import { createScratchDatabase, orm } from '../helpers/db.js';
import { badChecksum, idNumber } from '../helpers/people.js';
import { DEMO_REGIONS } from '../helpers/regions.js';
import { rosterRow, ROSTER_HEADER } from '../helpers/roster-rows.js';
import { writeCsv, type Table } from '../helpers/tables.js';

const dir = mkdtempSync(join(tmpdir(), 'shouwang-worker-'));
const T0 = Date.parse('2022-05-03T01:00:00Z');
const ctx = { today: '2022-05-03' };

/** Good and bad rows, a 死亡 row, an extra column, and cells holding control characters. */
function roster(longCell = ''): Table {
  return [
    [...ROSTER_HEADER, '备注栏'],
    [...rosterRow('W1', '张三', idNumber('19700101', 1), '户主', { phone: '13812345678' }), 'x'],
    [...rosterRow('W1', '李\u001f四', idNumber('19720202', 2), '配偶', { schooling: '初中' }), ''],
    [...rosterRow('W1', '张老', idNumber('19400303', 3), '之父', { change: '死亡' }), ''],
    [...rosterRow('W2', '', badChecksum(idNumber('19800404', 4)), '户主', { labour: '能干活' }), ''],
    [...rosterRow('W2', '王\uffff五', idNumber('19810505', 5), '配偶', { headName: `王${longCell}` }), ''],
    [...rosterRow('', '赵六', idNumber('19820606', 6), '户主'), ''],
  ];
}

async function read(file: string, worker: boolean): Promise<{ rows: PersonRow[]; headers: HeaderInfo[] }> {
  const headers: HeaderInfo[] = [];
  const rows: PersonRow[] = [];
  for await (const batch of readPersonRows(file, ctx, (h) => headers.push(h), { worker })) rows.push(...batch);
  return { rows, headers };
}

describe('roster rows read in a worker thread', () => {
  it('packs a batch into one string and back, and declines a field too long for it', () => {
    const rows = [
      { row: 2, code: 'W1', member: { idNumber: idNumber('19700101', 1), name: '张\u0000三', relation: '户主', labour: 'normal', health: 'healthy', schooling: 'none', phone: null, left: { on: '2022-05-03', reason: '死亡' } }, problems: [], household: HOUSEHOLD_KEYS.map((k, i) => (i === 0 ? '高家堡镇' : k === 'grid' ? '' : `${k}\u001e`)), head: true, change: 'death' },
      { row: 3, code: '', member: null, problems: ['缺少姓名', '身份证号校验位不对（可能有数字录错）'], household: HOUSEHOLD_KEYS.map((k) => (k === 'village' ? '凉水井村' : '')), head: false, change: null },
    ] as unknown as PersonRow[];
    const packed = packRows(rows);
    expect(typeof packed).toBe('string');
    expect(unpackRows(packed as string)).toEqual(rows);
    expect(packRows([{ ...(rows[1] as PersonRow), code: 'x'.repeat(70_000) }])).toBeNull();
    // A length that would be a surrogate code unit, and a lone surrogate in the text, are not packed (decoding would change them).
    expect(packRows([{ ...(rows[1] as PersonRow), code: 'x'.repeat(0xd800) }])).toBeNull();
    for (const lone of ['W\ud800', '\udfb7W', 'W\ud842\ud842\udfb7', 'W\ud842x']) expect(packRows([{ ...(rows[1] as PersonRow), code: lone }])).toBeNull();
    // A pair is kept, and a batch larger than the packing buffer's first size comes back whole.
    const paired = { ...(rows[1] as PersonRow), code: 'W\ud842\udfb7' };
    expect(unpackRows(packRows([paired]) as string)).toEqual([paired]);
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...(rows[i % 2] as PersonRow), row: i + 2, code: `W${i}${'户'.repeat(i % 50)}` }));
    expect(unpackRows(packRows(many) as string)).toEqual(many);
  });

  for (const [what, longCell] of [['packed', ''], ['as objects (a field too long to pack)', '长'.repeat(70_000)]] as const) {
    it(`gives the rows and header notes of the in-thread reader, ${what}`, async () => {
      const file = join(dir, `roster-${longCell.length}.csv`);
      writeCsv(file, roster(longCell));
      const here = await read(file, false);
      const there = await read(file, true);
      expect(there).toEqual(here);
      expect(here.rows).toHaveLength(6);
      expect(here.rows[1]?.member?.name).toBe('李\u001f四');
      expect(here.rows[3]?.problems.length).toBeGreaterThan(0);
      expect(here.headers).toEqual([{ unknown: ['备注栏'] }]);
    });
  }

  it('fails a file without its header as a TableReadError, as the in-thread reader does', async () => {
    const file = join(dir, 'no-header.csv');
    writeCsv(file, [['姓名', '户编号'], ['张三', 'W1']]);
    const failure = (worker: boolean) => read(file, worker).then(() => null, (e: unknown) => e);
    const [here, there] = [await failure(false), await failure(true)];
    expect(there).toBeInstanceOf(TableReadError);
    expect((there as Error).message).toBe((here as Error).message);
  });

  const scratch: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of scratch) await drop();
  });

  it('imports the same households, counts and problems either way', async () => {
    const file = join(dir, 'import.csv');
    const rows: string[][] = [ROSTER_HEADER];
    for (let h = 0; h < 30; h++) for (let m = 0; m < 3; m++) rows.push(rosterRow(`H${h}`, m === 0 ? `户主${h}` : `成员${h}-${m}`, idNumber('19900101', h * 3 + m), m === 0 ? '户主' : '之子', h === 7 && m === 1 ? { health: '不清楚' } : {}));
    writeCsv(file, rows);
    const outcome = async (worker: boolean) => {
      const s = await createScratchDatabase('sqlite');
      scratch.push(s.drop);
      const db = await openDatabase(s.url);
      try {
        await transaction(db, (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
        const r = await importHouseholds(db, file, { now: T0, actor: 'import', batchPeople: 20, reportFile: false, parseInWorker: worker });
        const members = await orm(db).query('SELECT id_number, name, household_id FROM members ORDER BY id');
        return { counts: r.counts, problems: r.report.problems, members };
      } finally {
        await db.destroy();
      }
    };
    const [here, there] = [await outcome(false), await outcome(true)];
    expect(there).toEqual(here);
    expect(here.counts).toMatchObject({ rows: 90, rowsRejected: 3, households: { created: 29, rejected: 1 } });
  });
});
