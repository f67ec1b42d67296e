/**
 * The household import batch by batch: a re-import of an unchanged roster, spread over several
 * batches (each read while the one before is written), writes nothing at all; and one batch that
 * mixes a new household, a changed one, a person moving by 分户 between two households of the
 * batch and a person gone from the file is applied with the right rows and history.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { importHouseholds } from '../../src/bot/import/households.js';
import { transaction, type Database } from '../../src/persistence/db.js';
import { dataSourceOf } from '../../src/persistence/orm.js';
import { listHistory } from '../../src/persistence/history.js';
import { findHouseholdByCode } from '../../src/persistence/households.js';
import { saveRegions } from '../../src/persistence/regions.js';
import { describeEachDatabase, orm } from '../helpers/db.js';
import { idNumber } from '../helpers/people.js';
import { DEMO_REGIONS } from '../helpers/regions.js';
import { rosterRow, ROSTER_HEADER, type RosterCells } from '../helpers/roster-rows.js';
import { writeCsv, type Table } from '../helpers/tables.js';

const T0 = Date.parse('2022-05-03T01:00:00Z');
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'shouwang-batches-'));
const id = (i: number) => idNumber('19800101', 200 + i);
const FACTS: RosterCells = { incomeYear: '2021', wage: '12000', transfer: '800', basicNeeds: '是', water: '是', insured: '是' };

/** Eight households of one to three people (17 in all): four facts on every other one, a 脱贫户, a 死亡 row kept as left. */
function roster(): Table {
  const rows: string[][] = [ROSTER_HEADER];
  let n = 0;
  for (let h = 1; h <= 8; h++) {
    const code = `B${h}`;
    const head = `户主${h}`;
    const more: RosterCells = h % 2 === 0 ? FACTS : h === 3 ? { type: '脱贫户', alleviationYear: '2018', keyGroups: '1' } : {};
    rows.push(rosterRow(code, head, id(n++), '户主', { headName: head, phone: `1381234${String(h).padStart(4, '0')}`, ...more }));
    for (let m = 1; m < 1 + (h % 3); m++) rows.push(rosterRow(code, `成员${h}-${m}`, id(n++), m === 1 ? '配偶' : '之子', h === 5 && m === 2 ? { change: '死亡' } : {}));
  }
  return rows;
}

/**
 * Watches every statement of `db`: the SQL text, and a chance to fail it. SQLite has one query
 * runner, whose `query` data-source.ts wraps; MariaDB a runner per connection, of one class.
 */
function watchStatements(db: Database, fail: (sql: string, params: unknown[]) => boolean = () => false): string[] {
  const seen: string[] = [];
  const runner = dataSourceOf(db).createQueryRunner();
  const own = Object.hasOwn(runner, 'query');
  const target = (own ? runner : Object.getPrototypeOf(runner)) as { query: (sql: string, params?: unknown[], ...rest: unknown[]) => Promise<unknown> };
  if (!own) void runner.release();
  const query = target.query;
  vi.spyOn(target, 'query').mockImplementation(async function (this: unknown, sql: string, params?: unknown[], ...rest: unknown[]) {
    seen.push(sql);
    if (fail(sql, params ?? [])) throw new Error('the database went away');
    return query.call(this, sql, params, ...rest);
  });
  return seen;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describeEachDatabase('import households batch by batch', (db) => {
  const file = (name: string, rows: Table) => {
    const path = join(dir, `${name}-${db.engine}.csv`);
    writeCsv(path, rows);
    return path;
  };
  const state = async () => ({
    households: await orm(db.ds()).query('SELECT * FROM households ORDER BY id'),
    members: await orm(db.ds()).query('SELECT * FROM members ORDER BY id'),
    facts: await orm(db.ds()).query('SELECT * FROM household_fact ORDER BY id'),
    history: await orm(db.ds()).query('SELECT * FROM history ORDER BY id'),
  });

  it('re-imports an unchanged roster over several batches without writing anything', async () => {
    await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
    const path = file('same', roster());
    const first = await importHouseholds(db.ds(), path, { now: T0, actor: 'import', batchPeople: 4, reportFile: false });
    expect(first.report.problems).toEqual([]);
    expect(first.counts).toMatchObject({ rows: 17, rowsRejected: 0, households: { created: 8, updated: 0, unchanged: 0, rejected: 0 }, members: { created: 17 }, facts: 16 });
    const before = await state();
    expect(before.history.filter((h: { entity: string }) => h.entity === 'household')).toHaveLength(8);

    for (const batchPeople of [3, 5, 2000]) {
      const again = await importHouseholds(db.ds(), path, { now: T0 + DAY, actor: 'import', batchPeople, reportFile: false });
      expect(again.counts).toEqual({ rows: 17, rowsRejected: 0, households: { created: 0, updated: 0, unchanged: 8, rejected: 0 }, members: { created: 0, updated: 0, movedIn: 0, left: 0 }, facts: 0 });
      // Same rows, same updated_at, no history row, no fact appended.
      expect(await state()).toEqual(before);
    }
  });

  it('applies a batch mixing a new household, a changed one, a 分户 between two of its households and a person gone', async () => {
    await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
    const [zhang, li, son, wang, zhao, sun, qian] = [1, 2, 3, 4, 5, 6, 7].map((i) => idNumber('19750101', 300 + i)) as string[];
    await importHouseholds(db.ds(), file('mixed-0', [
      ROSTER_HEADER,
      rosterRow('M1', '张三', zhang as string, '户主'),
      rosterRow('M1', '李四', li as string, '配偶'),
      rosterRow('M1', '张小', son as string, '之子'),
      rosterRow('M2', '王五', wang as string, '户主'),
      rosterRow('M2', '赵六', zhao as string, '配偶'),
    ]), { now: T0, actor: 'import', reportFile: false });
    const ours = (rows: Array<{ id_number: string }>) => rows.filter((m) => [zhang, li, son, wang, zhao, sun, qian].includes(m.id_number));
    const old = await state();
    old.members = ours(old.members);
    const m1 = (await findHouseholdByCode(db.ds().manager, 'M1'))?.id as number;
    const sonRow = old.members.find((m: { id_number: string }) => m.id_number === son);

    const at = T0 + DAY;
    const path = file('mixed-1', [
      ROSTER_HEADER,
      rosterRow('M1', '张三', zhang as string, '户主', { dibao: '是' }),
      rosterRow('M1', '李四', li as string, '配偶', { health: '长期慢性病' }),
      rosterRow('M2', '王五', wang as string, '户主'),
      rosterRow('M3', '张小', son as string, '户主', { change: '分户' }),
      rosterRow('M3', '孙七', sun as string, '配偶'),
      rosterRow('M4', '钱八', qian as string, '户主'),
    ]);
    const { counts, report } = await importHouseholds(db.ds(), path, { now: at, actor: 'import', reportFile: false });
    expect(report.problems).toEqual([]);
    expect(counts).toEqual({ rows: 6, rowsRejected: 0, households: { created: 2, updated: 2, unchanged: 0, rejected: 0 }, members: { created: 2, updated: 1, movedIn: 1, left: 1 }, facts: 0 });

    const now = await state();
    now.members = ours(now.members);
    // Nothing deleted: the five people of before are the same rows, two more were added.
    expect(now.members).toHaveLength(7);
    expect(now.members.slice(0, 5).map((m: { id: unknown }) => Number(m.id))).toEqual(old.members.map((m: { id: unknown }) => Number(m.id)));
    const m3 = await findHouseholdByCode(db.ds().manager, 'M3');
    expect(m3?.members.map((m) => [m.name, m.relation])).toEqual([['张小', '户主'], ['孙七', '配偶']]);
    const movedRow = now.members.find((m: { id_number: string }) => m.id_number === son);
    expect(Number(movedRow.id)).toBe(Number(sonRow.id));
    expect(Number(movedRow.household_id)).toBe(m3?.id);
    expect(Number(movedRow.updated_at)).toBe(at);
    expect((await findHouseholdByCode(db.ds().manager, 'M1'))?.dibao).toBe(true);
    expect((await findHouseholdByCode(db.ds().manager, 'M2'))?.members.find((m) => m.name === '赵六')?.left).toEqual({ on: '2022-05-04', reason: `导入户籍名册 mixed-1-${db.engine}.csv：名册中已无此人` });
    // 王五 did not change: his row was not written.
    expect(now.members.find((m: { id_number: string }) => m.id_number === wang)).toEqual(old.members.find((m: { id_number: string }) => m.id_number === wang));

    const reason = `导入户籍名册 mixed-1-${db.engine}.csv`;
    expect((await listHistory(db.ds().manager, 'household', m1)).at(-1)).toMatchObject({ at, reason, before: { dibao: false }, after: { dibao: true } });
    expect((await listHistory(db.ds().manager, 'member', li as string)).at(-1)).toMatchObject({ at, before: { health: 'healthy' }, after: { health: 'chronic_illness' } });
    expect((await listHistory(db.ds().manager, 'member', son as string)).at(-1)).toMatchObject({ at, reason: `${reason}：分户`, before: { householdId: m1, relation: '之子' }, after: { householdId: m3?.id, relation: '户主' } });
    expect((await listHistory(db.ds().manager, 'member', zhao as string)).at(-1)).toMatchObject({ at, before: { left: null }, after: { left: { on: '2022-05-04' } } });
    const created = await listHistory(db.ds().manager, 'household', m3?.id as number);
    expect(created).toHaveLength(1);
    expect(created[0]?.after).toMatchObject({ code: 'M3', members: [{ name: '张小' }, { name: '孙七' }] });
    // One history row per change: M1, 李四, 张小, 赵六, and the two new households.
    expect(now.history.length - old.history.length).toBe(6);
  });
  /** A roster of eight new households (FB1–FB8 style codes), of one to three people, with ID numbers of their own. */
  const freshRoster = (prefix: string, birth: string): Table => {
    const rows: string[][] = [ROSTER_HEADER];
    let n = 0;
    for (let h = 1; h <= 8; h++) {
      const [code, head] = [`${prefix}${h}`, `${prefix}户主${h}`];
      rows.push(rosterRow(code, head, idNumber(birth, 600 + n++), '户主', { headName: head }));
      for (let m = 1; m < 1 + (h % 3); m++) rows.push(rosterRow(code, `${prefix}成员${h}-${m}`, idNumber(birth, 600 + n++), m === 1 ? '配偶' : '之子'));
    }
    return rows;
  };
  const namesOf = (rows: Table, code: string) => rows.filter((r) => r.includes(code)).map((r) => r[ROSTER_HEADER.indexOf('姓名')]);

  it('takes new households\' ids from their INSERTs, without reading them back by 户编号', async () => {
    await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
    const rows = freshRoster('NB', '19900101');
    const statements = watchStatements(db.ds());
    const { counts, report } = await importHouseholds(db.ds(), file('fresh', rows), { now: T0, actor: 'import', reportFile: false });
    vi.restoreAllMocks();
    expect(report.problems).toEqual([]);
    expect(counts.households.created).toBe(8);
    // On MariaDB a transaction's first statement travels with its START TRANSACTION (db.ts, beginWithFirst).
    expect(statements.some((sql) => sql.replace(/^START TRANSACTION;\n/, '').startsWith('INSERT INTO `households`'))).toBe(true);
    expect(statements.filter((sql) => /^SELECT `id`, `code` FROM `households`/.test(sql))).toEqual([]);
    // Each person is in the household of their 户编号, and each creation entry is its own household's.
    for (let h = 1; h <= 8; h++) {
      const stored = await findHouseholdByCode(db.ds().manager, `NB${h}`);
      expect(stored?.headName).toBe(`NB户主${h}`);
      expect(stored?.members.map((m) => m.name)).toEqual(namesOf(rows, `NB${h}`));
      expect((await listHistory(db.ds().manager, 'household', stored?.id as number))[0]?.after).toMatchObject({ code: `NB${h}`, headName: `NB户主${h}` });
    }
  });

  it('keeps the batches committed before a failure, nothing of the failed one, and a re-import completes the file', async () => {
    await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
    const rows = freshRoster('FB', '19910101');
    const path = file('fail', rows);
    const stored = async () => ((await orm(db.ds()).query("SELECT code FROM households WHERE code LIKE 'FB%' ORDER BY code")) as Array<{ code: string }>).map((r) => r.code);
    const history = async () => Number(((await orm(db.ds()).query(`SELECT COUNT(*) AS n FROM history WHERE reason = '导入户籍名册 fail-${db.engine}.csv'`)) as Array<{ n: unknown }>)[0]?.n);
    // Batches of four people or more: FB1–FB2 (5 people), FB3–FB5 (6), FB6–FB8 (6). The last batch's
    // history INSERT fails, after its households and members were inserted: its transaction is rolled back.
    watchStatements(db.ds(), (sql, params) => sql.startsWith('INSERT INTO `history`') && params.some((p) => typeof p === 'string' && p.includes('"code":"FB6"')));
    await expect(importHouseholds(db.ds(), path, { now: T0, actor: 'import', batchPeople: 4, reportFile: false })).rejects.toThrow();
    vi.restoreAllMocks();
    expect(await stored()).toEqual(['FB1', 'FB2', 'FB3', 'FB4', 'FB5']);
    expect(await history()).toBe(5);
    const members = async () => Number(((await orm(db.ds()).query("SELECT COUNT(*) AS n FROM members WHERE name LIKE 'FB%'")) as Array<{ n: unknown }>)[0]?.n);
    expect(await members()).toBe(11);
    const again = await importHouseholds(db.ds(), path, { now: T0, actor: 'import', batchPeople: 4, reportFile: false });
    expect(again.report.problems).toEqual([]);
    expect(again.counts.households).toEqual({ created: 3, updated: 0, unchanged: 5, rejected: 0 });
    expect(await stored()).toEqual(['FB1', 'FB2', 'FB3', 'FB4', 'FB5', 'FB6', 'FB7', 'FB8']);
    expect(await history()).toBe(8);
    expect(await members()).toBe(17);
    for (let h = 1; h <= 8; h++) expect((await findHouseholdByCode(db.ds().manager, `FB${h}`))?.members.map((m) => m.name)).toEqual(namesOf(rows, `FB${h}`));
  });

  it('judges a batch by what the file said before it, not by the batch read meanwhile', async () => {
    await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
    const [jia, yi, bing] = [1, 2, 3].map((i) => idNumber('19760101', 400 + i)) as string[];
    await importHouseholds(db.ds(), file('ahead-0', [ROSTER_HEADER, rosterRow('X1', '甲', jia as string, '户主'), rosterRow('X1', '乙', yi as string, '配偶')]), { now: T0, actor: 'import', reportFile: false });
    // One household a batch: X1 is read while Y1 is written, but it comes later in the file.
    const path = file('ahead-1', [ROSTER_HEADER, rosterRow('Y1', '丙', bing as string, '户主'), rosterRow('Y1', '乙', yi as string, '配偶', { change: '合户' }), rosterRow('X1', '甲', jia as string, '户主')]);
    const { counts, report } = await importHouseholds(db.ds(), path, { now: T0 + DAY, actor: 'import', batchPeople: 1, reportFile: false });
    expect(report.problems).toEqual([]);
    expect(counts.members).toEqual({ created: 1, updated: 0, movedIn: 1, left: 0 });
    expect((await findHouseholdByCode(db.ds().manager, 'Y1'))?.members.map((m) => m.name).sort()).toEqual(['丙', '乙']);
    expect((await findHouseholdByCode(db.ds().manager, 'X1'))?.members.map((m) => [m.name, m.left])).toEqual([['甲', null]]);
  });
});
