/**
 * The bulk load of an import's rows (`loadMany`, src/persistence/sql.ts): on MariaDB a batch's
 * members and history rows go to the server as LOAD DATA LOCAL INFILE text, which must store every
 * value exactly as an INSERT would (tabs, newlines, backslashes, NULL against empty, 4-byte
 * characters …) and fail like an INSERT where the load would skip or change a row. Then the import
 * around it: a failure in the middle of a loaded batch leaves whole batches only, and a batch read
 * while the one before it was written sees what that one wrote.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { importHouseholds } from '../../src/bot/import/households.js';
import { transaction, type Database } from '../../src/persistence/db.js';
import { findHouseholdByCode } from '../../src/persistence/households.js';
import { dataSourceOf } from '../../src/persistence/orm.js';
import { saveRegions } from '../../src/persistence/regions.js';
import { LOAD_MIN_ROWS, loadMany } from '../../src/persistence/sql.js';
import { describeEachDatabase, orm } from '../helpers/db.js';
import { idNumber } from '../helpers/people.js';
import { DEMO_REGIONS } from '../helpers/regions.js';
import { rosterRow, ROSTER_HEADER } from '../helpers/roster-rows.js';
import { writeCsv, type Table } from '../helpers/tables.js';

const T0 = Date.parse('2022-05-03T01:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'shouwang-load-'));

/** Every statement of `db` (after any START TRANSACTION sent with it), with a chance to fail one. */
function watchStatements(db: Database, fail: (sql: string) => boolean = () => false): string[] {
  const seen: string[] = [];
  const runner = dataSourceOf(db).createQueryRunner();
  const own = Object.hasOwn(runner, 'query');
  const target = (own ? runner : Object.getPrototypeOf(runner)) as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> };
  if (!own) void runner.release();
  const query = target.query;
  vi.spyOn(target, 'query').mockImplementation(async function (this: unknown, sql: string, ...rest: unknown[]) {
    const text = sql.replace(/^START TRANSACTION;\n/, '');
    seen.push(text);
    if (fail(text)) throw new Error('the database went away');
    return query.call(this, sql, ...rest);
  });
  return seen;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Texts that a careless escaping would change: every character LOAD DATA's format treats specially, and more. */
const NASTY = [
  'tab\there',
  'new\nline',
  'carriage\r\nreturn',
  'back\\slash',
  '\\N',
  '\\',
  'ends with a backslash\\',
  'NULL',
  'null',
  '',
  ' ',
  'nul\u0000byte',
  'ctrl-z\u001a',
  '\\t not a tab',
  '"quoted" \'single\'',
  '4-byte: 𠀀𪚥 😀 🇨🇳',
  '{"members":[{"name":"张\\"三","note":"a\\\\b\\nc"}]}',
  'comma, semicolon; and ` backtick',
  '\t\n\\',
];

describeEachDatabase('bulk loading rows', (db) => {
  const file = (name: string, rows: Table) => {
    const path = join(dir, `${name}-${db.engine}.csv`);
    writeCsv(path, rows);
    return path;
  };
  const history = ['entity', 'entity_id', 'actor', 'at', 'reason', 'before_json', 'after_json'];

  it('stores every value exactly, NULL as NULL and empty as empty, through LOAD DATA on MariaDB', async () => {
    const rows: unknown[][] = [];
    for (let i = 0; i < LOAD_MIN_ROWS + 50; i++) {
      const text = NASTY[i % NASTY.length] as string;
      // before_json alternates NULL and the text; the big number checks numbers travel as they are.
      rows.push(['load-test', `e${i}`, text, 1_650_000_000_000 + i, `${i}:${text}`, i % 2 === 0 ? null : text, text]);
    }
    const statements = watchStatements(db.ds());
    await transaction(db.ds(), (tx) => loadMany(tx, 'history', history, rows));
    vi.restoreAllMocks();
    if (db.engine === 'mariadb') expect(statements.some((s) => s.startsWith('LOAD DATA LOCAL INFILE') && s.includes('`history`'))).toBe(true);
    else expect(statements.every((s) => !s.startsWith('LOAD DATA'))).toBe(true);
    const stored = (await orm(db.ds()).query("SELECT entity_id, actor, at, reason, before_json, after_json FROM history WHERE entity = 'load-test' ORDER BY id")) as Array<Record<string, unknown>>;
    expect(stored.map((r) => [r.entity_id, r.actor, Number(r.at), r.reason, r.before_json, r.after_json])).toEqual(rows.map((r) => [r[1], r[2], r[3], r[4], r[5], r[6]]));
  });

  it('fails like an INSERT on a duplicate key, and nothing of the transaction stays', async () => {
    const head = ['household_id', 'id_number', 'name', 'relation', 'labour', 'health', 'schooling', 'phone', 'left_on', 'left_reason', 'created_at', 'updated_at'];
    const rows = Array.from({ length: LOAD_MIN_ROWS + 10 }, (_, i) => [1, idNumber('19700101', 700 + i), `重复${i}`, 'spouse', 'normal', 'healthy', 'none', null, null, null, T0, T0]);
    // The last row repeats the first one's ID number.
    rows.push([1, rows[0]?.[1] as string, '重复末', 'spouse', 'normal', 'healthy', 'none', null, null, null, T0, T0]);
    await expect(transaction(db.ds(), (tx) => loadMany(tx, 'members', head, rows))).rejects.toThrow();
    expect(await orm(db.ds()).query("SELECT id FROM members WHERE name LIKE '重复%'")).toEqual([]);
  });

  /** Single-person households, `n` of them, each in its own village grid of the demo city. */
  const roster = (prefix: string, birth: string, n: number) => {
    const rows: string[][] = [ROSTER_HEADER];
    for (let h = 1; h <= n; h++) rows.push(rosterRow(`${prefix}${String(h).padStart(4, '0')}`, `${prefix}户主${h}`, idNumber(birth, h), '户主', { headName: `${prefix}户主${h}`, health: h % 7 === 0 ? '长期慢性病' : '健康' }));
    return rows;
  };
  const count = async (sql: string) => Number(((await orm(db.ds()).query(sql)) as Array<{ n: unknown }>)[0]?.n);

  it('keeps the loaded batches committed before a failure, nothing of the failed one, and a re-import completes the file', async () => {
    await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
    const per = LOAD_MIN_ROWS + 20;
    const path = file('crash', roster('LC', '19920101', 3 * per));
    // The third batch's history write fails after its households and members were written.
    let households = 0;
    const statements = watchStatements(db.ds(), (sql) => {
      if (sql.startsWith('INSERT INTO `households`')) households += (sql.match(/\),\s*\(/g)?.length ?? 0) + 1;
      return households > 2 * per && (sql.startsWith('INSERT INTO `history`') || (sql.startsWith('LOAD DATA') && sql.includes('`history`')));
    });
    await expect(importHouseholds(db.ds(), path, { now: T0, actor: 'import', batchPeople: per, reportFile: false })).rejects.toThrow();
    vi.restoreAllMocks();
    if (db.engine === 'mariadb') expect(statements.filter((s) => s.startsWith('LOAD DATA')).length).toBeGreaterThanOrEqual(4);
    expect(await count("SELECT COUNT(*) AS n FROM households WHERE code LIKE 'LC%'")).toBe(2 * per);
    expect(await count("SELECT COUNT(*) AS n FROM members WHERE name LIKE 'LC%'")).toBe(2 * per);
    expect(await count(`SELECT COUNT(*) AS n FROM history WHERE reason = '导入户籍名册 crash-${db.engine}.csv'`)).toBe(2 * per);
    const again = await importHouseholds(db.ds(), path, { now: T0, actor: 'import', batchPeople: per, reportFile: false });
    expect(again.report.problems).toEqual([]);
    expect(again.counts.households).toEqual({ created: per, updated: 0, unchanged: 2 * per, rejected: 0 });
    expect(await count("SELECT COUNT(*) AS n FROM members WHERE name LIKE 'LC%'")).toBe(3 * per);
    expect(await count(`SELECT COUNT(*) AS n FROM history WHERE reason = '导入户籍名册 crash-${db.engine}.csv'`)).toBe(3 * per);
    const last = await findHouseholdByCode(db.ds().manager, `LC${String(3 * per).padStart(4, '0')}`);
    expect(last?.members.map((m) => [m.name, m.health])).toEqual([[`LC户主${3 * per}`, 'healthy']]);
  });

  it('sees in each batch the people of the batch before it, though it was read while that one was written', async () => {
    await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
    const [p, q, r] = [1, 2, 3].map((i) => idNumber('19770101', 500 + i)) as string[];
    // The same person in the next household, one household a batch: refused as in the file already.
    const path = file('twice', [ROSTER_HEADER, rosterRow('TW1', '丁', p as string, '户主'), rosterRow('TW2', '戊', q as string, '户主'), rosterRow('TW2', '丁', p as string, '之子'), rosterRow('TW3', '己', r as string, '户主')]);
    // Imported, then again (TW1 stored before the file is read).
    for (const now of [T0, T0 + 1]) {
      const { counts, report } = await importHouseholds(db.ds(), path, { now, actor: 'import', batchPeople: 1, reportFile: false });
      expect(report.problems.map((x) => [x.row, x.message]).sort()).toEqual([
        [3, '户编号 TW2（第 3–4 行）整户未导入：第 4 行有错误，本户各行须一并改正后重新导入'],
        [4, '身份证号已在本文件第 2 行起的户编号 TW1 中导入'],
      ]);
      expect(counts.households.rejected).toBe(1);
    }
    expect(await findHouseholdByCode(db.ds().manager, 'TW2')).toBeNull();
  });
});
