/**
 * The register's counters (src/persistence/register-counts.ts) stay equal to a recount of the
 * households through every write that can change them, on both engines: an import in several
 * batches, a re-import that changes nothing, a re-import that moves households between grids,
 * villages and towns, changes a type, marks people left and splits a household, single saves, a
 * member leaving, and households counted after being written by other means. After each step the
 * counters are compared with a recount made here in the test (not by the module's own statement),
 * `registerDrift` finds nothing, and the town's, villages' and city's 附件1 read from the counters
 * equals the same answer counted from the households and the full recount of `computeProgress`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importHouseholds } from '../../src/bot/import/households.js';
import { DEFAULT_LEAD_CONFIG } from '../../src/domain/lead.js';
import { computeProgress } from '../../src/domain/progress.js';
import type { ScreeningRecord } from '../../src/domain/screening.js';
import type { Placement } from '../../src/domain/types.js';
import { transaction, type Tx } from '../../src/persistence/db.js';
import { countUncountedPeople, markMemberLeft, saveHouseholds } from '../../src/persistence/household-writes.js';
import { findHouseholdByCode } from '../../src/persistence/households.js';
import { rosterLines } from '../../src/persistence/official-reads.js';
import { progressByQueries, type ProgressCounts, type ReportNode } from '../../src/persistence/progress-sql.js';
import { progressInputFromRecords } from '../../src/persistence/progress.js';
import { saveRegions } from '../../src/persistence/regions.js';
import { rebuildRegisterCounts, registerDrift } from '../../src/persistence/register-counts.js';
import { keepScreenedWindow, SCREENED_WINDOW_TABLE } from '../../src/persistence/screened-households.js';
import { saveScreening } from '../../src/persistence/screenings.js';
import { at } from '../helpers/casework.js';
import { describeEachDatabase, orm } from '../helpers/db.js';
import { idNumber } from '../helpers/people.js';
import { DEMO, DEMO_REGIONS } from '../helpers/regions.js';
import { rosterRow, ROSTER_HEADER, type RosterCells } from '../helpers/roster-rows.js';
import { writeCsv, type Table } from '../helpers/tables.js';

const WINDOW = { from: '2022-04-25', to: '2022-05-27' };
const T0 = at('2022-05-03');
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'shouwang-register-'));
const VILLAGES: Array<{ cityCode: string; townCode: string; villageCode: string }> = [
  { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj },
  { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.gjbXincun },
  { cityCode: DEMO.city, townCode: DEMO.dianta, villageCode: DEMO.dtXincun },
];
const NODES: ReportNode[] = [
  { level: 'city', code: DEMO.city },
  { level: 'town', code: DEMO.gjb },
  { level: 'town', code: DEMO.dianta },
  ...VILLAGES.map((v) => ({ level: 'village' as const, code: v.villageCode })),
];

const GRID2: RosterCells = { grid: '凉水井二网格' };
const NO_GRID: RosterCells = { grid: '' };
const GJB_XINCUN: RosterCells = { village: '新村', grid: '新村一网格' };
const DT_XINCUN: RosterCells = { town: '店塔镇', village: '新村', grid: '' };
const DT_XINCUN_PLACE: Placement = { cityCode: DEMO.city, townCode: DEMO.dianta, villageCode: DEMO.dtXincun, gridCode: null };
const ALLEVIATED: RosterCells = { type: '脱贫户', alleviationYear: '2018' };

/** The people of each household: R1…R10, of one to three people, in various places and types. */
const PEOPLE = Array.from({ length: 40 }, (_, i) => idNumber('19820101', 400 + i));
const HOUSEHOLDS: Array<{ code: string; size: number; more: RosterCells }> = [
  { code: 'R1', size: 3, more: {} },
  { code: 'R2', size: 2, more: GRID2 },
  { code: 'R3', size: 1, more: ALLEVIATED },
  { code: 'R4', size: 3, more: { ...GRID2, ...ALLEVIATED } },
  { code: 'R5', size: 2, more: NO_GRID },
  { code: 'R6', size: 3, more: GJB_XINCUN },
  { code: 'R7', size: 2, more: { ...GJB_XINCUN, ...ALLEVIATED } },
  { code: 'R8', size: 1, more: DT_XINCUN },
  { code: 'R9', size: 3, more: DT_XINCUN },
  { code: 'R10', size: 2, more: {} },
];

/** The ID number of a household's `m`-th person (from 0) in the roster. */
function personOf(code: string, m: number): string {
  const i = HOUSEHOLDS.findIndex((h) => h.code === code);
  return PEOPLE[HOUSEHOLDS.slice(0, i).reduce((n, h) => n + h.size, 0) + m] as string;
}

/** The roster: each household's rows, with per-household changes (`over`) and extra rows. */
function roster(over: Record<string, RosterCells> = {}, drop: ReadonlySet<string> = new Set(), extra: string[][] = []): Table {
  const rows: string[][] = [ROSTER_HEADER];
  let n = 0;
  for (const h of HOUSEHOLDS) {
    const more = { ...h.more, ...(over[h.code] ?? {}) };
    for (let m = 0; m < h.size; m++) {
      const id = PEOPLE[n++] as string;
      if (drop.has(id)) continue;
      const name = `${h.code}人${m}`;
      rows.push(rosterRow(h.code, name, id, m === 0 ? '户主' : m === 1 ? '配偶' : '之子', { headName: `${h.code}人0`, ...more, ...(over[id] ?? {}) }));
    }
  }
  return [...rows, ...extra];
}

/** The counters as they should be, added up here from every household (not by the module's statement). */
async function recountHere(tx: Tx): Promise<string[]> {
  const rows = (await orm(tx).query('SELECT village_code, grid_code, type, town_code, city_code, people FROM households')) as Array<Record<string, unknown>>;
  const cells = new Map<string, [number, number, number]>();
  for (const r of rows) {
    const k = [r.village_code, r.grid_code ?? '', r.type, r.town_code, r.city_code].join('|');
    const [h, p, u] = cells.get(k) ?? [0, 0, 0];
    cells.set(k, [h + 1, p + (r.people === null ? 0 : Number(r.people)), u + (r.people === null ? 1 : 0)]);
  }
  return [...cells].map(([k, v]) => `${k}=${v.join(',')}`).sort();
}

async function counters(tx: Tx): Promise<string[]> {
  const rows = (await orm(tx).query('SELECT * FROM register_count')) as Array<Record<string, unknown>>;
  return rows
    .filter((r) => Number(r.households) !== 0 || Number(r.people) !== 0 || Number(r.uncounted) !== 0)
    .map((r) => `${[r.village_code, r.grid_code, r.type, r.town_code, r.city_code].join('|')}=${[r.households, r.people, r.uncounted].map(Number).join(',')}`)
    .sort();
}

/** Thrown to roll a transaction back after reading what it saw. */
class Rollback extends Error {
  constructor(readonly value: ProgressCounts) {
    super('rollback');
  }
}

describeEachDatabase('the register kept as counters', (db) => {
  const file = (name: string, rows: Table) => {
    const path = join(dir, `${name}-${db.engine}.csv`);
    writeCsv(path, rows);
    return path;
  };
  const ask = (tx: Tx, node: ReportNode) =>
    progressByQueries(tx, { campaign: '2022', window: WINDOW, villages: VILLAGES.filter((v) => [v.cityCode, v.townCode, v.villageCode].includes(node.code)), node, deployments: [], trainings: [] });
  /** The same answer counted from the households: the window's kept rows (and with them the counters) set aside, then rolled back. */
  const fromHouseholds = async (node: ReportNode): Promise<ProgressCounts> => {
    try {
      await transaction(db.ds(), async (tx) => {
        await orm(tx).query(`DELETE FROM ${SCREENED_WINDOW_TABLE}`);
        throw new Rollback(await ask(tx, node));
      });
    } catch (e) {
      if (e instanceof Rollback) return e.value;
      throw e;
    }
    throw new Error('not rolled back');
  };
  const full = async (tx: Tx, node: ReportNode) => {
    const villages = VILLAGES.filter((v) => [v.cityCode, v.townCode, v.villageCode].includes(node.code));
    const roster = await rosterLines(tx, node);
    return computeProgress(await progressInputFromRecords(tx, { campaign: '2022', window: WINDOW, villages, roster: roster.map((h) => ({ householdId: h.householdId, villageCode: h.villageCode, type: h.type, people: h.people })), deployments: [], trainings: [] }));
  };
  /** Counters equal to the recount, no drift, and every node's answer the same three ways; returns the city's register. */
  const consistent = async (step: string) => {
    const [kept, want, drift] = await transaction(db.ds(), async (tx) => [await counters(tx), await recountHere(tx), await registerDrift(tx)] as const);
    expect(kept, step).toEqual(want);
    expect(drift, step).toEqual({ cells: 0, examples: [] });
    for (const node of NODES) {
      const counted = await transaction(db.ds(), (tx) => ask(tx, node));
      const other = await fromHouseholds(node);
      expect(counted, `${step}: ${node.code}`).toEqual(other);
      expect(counted.report, `${step}: ${node.code}`).toEqual(await transaction(db.ds(), (tx) => full(tx, node)));
    }
    return (await transaction(db.ds(), (tx) => ask(tx, NODES[0]!))).roster.get(DEMO.city);
  };
  const screen = (code: string, day: string) =>
    transaction(db.ds(), async (tx) => {
      const h = (await findHouseholdByCode(tx, code))!;
      const record = { campaign: '2022', householdId: h.id, placement: h.placement, screener: 'g1', at: at(day, 9), remark: '', form: 'general', answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true } } as ScreeningRecord;
      await saveScreening(tx, record, DEFAULT_LEAD_CONFIG);
    });

  it('equals a recount after an import, re-imports, moves, a type change, people leaving and households counted late', async () => {
    await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
    // The window kept from the start, so every answer below reads the counters.
    expect(await transaction(db.ds(), (tx) => keepScreenedWindow(tx, '2022', WINDOW.from))).toBe(true);

    const first = await importHouseholds(db.ds(), file('first', roster()), { now: T0, actor: 'import', batchPeople: 4, reportFile: false });
    expect(first.report.problems).toEqual([]);
    expect(first.counts.households.created).toBe(10);
    expect(await consistent('import')).toEqual({ households: 10, people: 22 });
    for (const [code, day] of [['R1', '2022-05-04'], ['R4', '2022-05-05'], ['R6', '2022-05-06'], ['R9', '2022-05-07']] as const) await screen(code, day);
    await consistent('screenings');
    const imported = await transaction(db.ds(), counters);

    const again = await importHouseholds(db.ds(), file('first', roster()), { now: T0 + DAY, actor: 'import', batchPeople: 5, reportFile: false });
    expect(again.counts.households.unchanged).toBe(10);
    await consistent('re-import unchanged');
    expect(await transaction(db.ds(), counters)).toEqual(imported);

    // R1 to the second grid, R2 to 新村 of the same town, R3 no longer 脱贫户, R5 to 店塔镇, R10
    // becomes 脱贫户 with its grid gone; R4's third person dies, R6's third is gone from the file,
    // R9's third splits off into a new household R11 with a new person, R12 is new without a grid.
    const [r4third, r6third, r9third] = [personOf('R4', 2), personOf('R6', 2), personOf('R9', 2)];
    const changed = roster(
      { R1: GRID2, R2: GJB_XINCUN, R3: { type: '一般农户', alleviationYear: '' }, R5: DT_XINCUN, R10: { ...ALLEVIATED, grid: '' }, [r4third]: { change: '死亡' } },
      new Set([r6third, r9third]),
      [
        rosterRow('R11', 'R9人2', r9third, '户主', { ...DT_XINCUN, change: '分户', headName: 'R9人2' }),
        rosterRow('R11', 'R11人1', idNumber('19820101', 470), '配偶', DT_XINCUN),
        rosterRow('R12', 'R12人0', idNumber('19820101', 471), '户主', { ...NO_GRID, headName: 'R12人0' }),
      ],
    );
    const moved = await importHouseholds(db.ds(), file('changed', changed), { now: T0 + 2 * DAY, actor: 'import', batchPeople: 4, reportFile: false });
    expect(moved.report.problems).toEqual([]);
    expect(moved.counts.households).toMatchObject({ created: 2, rejected: 0 });
    expect(moved.counts.members).toMatchObject({ movedIn: 1 });
    // 22 people, less R4's and R6's third, one more in R11 and one in R12 (R9's third moved, not added).
    expect(await consistent('re-import with moves, a type change, people leaving and a split')).toEqual({ households: 12, people: 22 });
    const dt = (await transaction(db.ds(), (tx) => ask(tx, { level: 'town', code: DEMO.dianta }))).roster.get(DEMO.dianta);
    // 店塔镇: R8 (1), R9 less the one who split off (2), R5 (2), R11 (2).
    expect(dt).toEqual({ households: 4, people: 7 });

    // Single saves through the product: R1 back to the first grid, R6 to the other town as 脱贫户.
    await transaction(db.ds(), async (tx) => {
      const r1 = (await findHouseholdByCode(tx, 'R1'))!;
      const r6 = (await findHouseholdByCode(tx, 'R6'))!;
      const { id: _1, ...a } = r1;
      const { id: _6, ...b } = r6;
      await saveHouseholds(
        tx,
        [
          { ...a, placement: { ...r1.placement, gridCode: DEMO.lsjGrid1 } },
          { ...b, placement: DT_XINCUN_PLACE, type: 'alleviated', alleviationYear: 2019 },
        ],
        { actor: 'tester', at: T0 + 3 * DAY, reason: '核实' },
      );
    });
    await consistent('single saves moving households');
    await transaction(db.ds(), (tx) => markMemberLeft(tx, personOf('R1', 1), { on: '2022-05-10', reason: '死亡' }, { actor: 'tester', at: T0 + 4 * DAY, reason: '死亡' }));
    expect(await consistent('a member left')).toEqual({ households: 12, people: 21 });

    // Households whose 家庭人口 was cleared by other means: the counters are behind (drift) until
    // recounted; the answer then counts their members; the sweeper's count keeps the counters right.
    await orm(db.ds()).query(`UPDATE households SET people = NULL WHERE code IN ('R2', 'R7', 'R11')`);
    const drift = await transaction(db.ds(), registerDrift);
    expect(drift.cells).toBeGreaterThan(0);
    expect(drift.examples[0]?.recount?.uncounted).toBe(1);
    await transaction(db.ds(), rebuildRegisterCounts);
    expect(await consistent('rebuilt with households not counted yet')).toEqual({ households: 12, people: 21 });
    expect(await transaction(db.ds(), (tx) => countUncountedPeople(tx, 2))).toBe(2);
    await consistent('two of them counted');
    expect(await transaction(db.ds(), (tx) => countUncountedPeople(tx, 10))).toBe(1);
    expect(await consistent('all counted')).toEqual({ households: 12, people: 21 });
  });

  it('finds a counter changed behind the product\'s back, which the answer shows, and counts it again', async () => {
    const node: ReportNode = { level: 'village', code: DEMO.lsj };
    const before = await transaction(db.ds(), (tx) => ask(tx, node));
    await orm(db.ds()).query(`UPDATE register_count SET households = households + 2, people = people + 5 WHERE village_code = ? AND grid_code = ? AND type = 'general'`, [DEMO.lsj, DEMO.lsjGrid1]);
    const drifted = await transaction(db.ds(), (tx) => ask(tx, node));
    expect(drifted.roster.get(DEMO.lsj)).toEqual({ households: before.roster.get(DEMO.lsj)!.households + 2, people: before.roster.get(DEMO.lsj)!.people + 5 });
    const drift = await transaction(db.ds(), registerDrift);
    expect(drift.cells).toBe(1);
    expect(drift.examples[0]).toMatchObject({ kept: { villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 }, recount: { villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 } });
    expect(drift.examples[0]!.kept!.households - drift.examples[0]!.recount!.households).toBe(2);
    // A counter of a place without any household is drift too; one counted down to nothing is not.
    await orm(db.ds()).query(`INSERT INTO register_count (village_code, grid_code, type, town_code, city_code, households, people, uncounted) VALUES (?, '', 'general', ?, ?, 0, 0, 0), (?, '', 'general', ?, ?, 1, 3, 0)`, [
      DEMO.dtGjbVillage, DEMO.dianta, DEMO.city, DEMO.gjbXincun, DEMO.gjb, DEMO.city,
    ]);
    expect((await transaction(db.ds(), registerDrift)).cells).toBe(2);
    await transaction(db.ds(), rebuildRegisterCounts);
    expect(await transaction(db.ds(), registerDrift)).toEqual({ cells: 0, examples: [] });
    expect(await transaction(db.ds(), (tx) => ask(tx, node))).toEqual(before);
  });
});
