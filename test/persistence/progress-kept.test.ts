/**
 * The kept screened households (src/persistence/screened-households.ts) stay equal to a recount
 * through every write that can change them, on both engines: each step below goes through the
 * product's own write and then checks the kept rows against a recount (`screenedDrift`, what
 * `npx shouwang check` reports), the register's counters against theirs (`registerDrift`) and the
 * town's and villages' 附件1 against the full recount of
 * `computeProgress`. A write that forgot to count its households again leaves drift behind.
 */
import { expect, it } from 'vitest';
import { DEFAULT_LEAD_CONFIG } from '../../src/domain/lead.js';
import { computeProgress } from '../../src/domain/progress.js';
import type { ScreeningRecord } from '../../src/domain/screening.js';
import type { Placement } from '../../src/domain/types.js';
import { transaction, type Tx } from '../../src/persistence/db.js';
import { markMemberLeft, saveHouseholds, type HouseholdInput } from '../../src/persistence/household-writes.js';
import { findHouseholdByCode } from '../../src/persistence/households.js';
import { rosterLines } from '../../src/persistence/official-reads.js';
import { progressByQueries, type ReportNode } from '../../src/persistence/progress-sql.js';
import { progressInputFromRecords } from '../../src/persistence/progress.js';
import { keepCurrentScreenedWindow } from '../../src/bot/jobs/screened-window.js';
import { registerDrift } from '../../src/persistence/register-counts.js';
import { keepScreenedWindow, keptScreenedRow, screenedDrift, screenedWindowKept } from '../../src/persistence/screened-households.js';
import { saveScreening } from '../../src/persistence/screenings.js';
import { at, includedLeadRecord, placeA1, placeA2, TOWN_A } from '../helpers/casework.js';
import { includeSubjectRecord } from '../../src/persistence/subjects.js';
import { describeEachDatabase } from '../helpers/db.js';
import { household, idNumber, member } from '../helpers/people.js';

const WINDOW = { from: '2022-04-25', to: '2022-05-27' };
const VILLAGES = [placeA1, placeA2].map((p) => ({ cityCode: p.cityCode, townCode: p.townCode, villageCode: p.villageCode }));
const meta = (reason: string) => ({ actor: 'tester', at: at('2022-05-21'), reason });
const people = ['户主', '之子', '之女', '户主', '户主', '之子'].map((relation, i) => member({ idNumber: idNumber('19700101', 11 + i), name: `人${11 + i}`, relation }));

function input(code: string, placement: Placement, members: HouseholdInput['members'], over: Partial<HouseholdInput> = {}): HouseholdInput {
  const head = members.find((m) => m.relation === '户主');
  const { id: _id, ...h } = household({ code, placement, members, headName: head?.name ?? '', ...over });
  return h;
}

const screening = (householdId: number, placement: Placement, day: string, remark = ''): ScreeningRecord =>
  ({ campaign: '2022', householdId, placement, screener: 'g1', at: at(day, 9), remark, form: 'general', answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true } }) as ScreeningRecord;

/** 附件1 of a node counted by the database and by the full recount. */
async function bothWays(tx: Tx, node: ReportNode) {
  const villages = VILLAGES.filter((v) => v.villageCode === node.code || v.townCode === node.code);
  const counted = await progressByQueries(tx, { campaign: '2022', window: WINDOW, villages, node, deployments: [], trainings: [] });
  const roster = await rosterLines(tx, node);
  const input = await progressInputFromRecords(tx, { campaign: '2022', window: WINDOW, villages, roster: roster.map((h) => ({ householdId: h.householdId, villageCode: h.villageCode, type: h.type, people: h.people })), deployments: [], trainings: [] });
  return { counted: counted.report, full: computeProgress(input), grids: counted.grids };
}

describeEachDatabase('screened households kept through every write', (db) => {
  it('stays equal to a recount after screenings, corrections, type, grid, village and member changes', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) =>
      saveHouseholds(tx, [input('K1', placeA1, [people[0]!, people[1]!]), input('K2', placeA1, [people[3]!]), input('K3', placeA2, [people[4]!, people[5]!])], meta('导入')),
    );
    const id = async (code: string) => (await transaction(ds, (tx) => findHouseholdByCode(tx, code)))!.id as number;
    const [k1, k2, k3] = [await id('K1'), await id('K2'), await id('K3')];
    const town: ReportNode = { level: 'town', code: TOWN_A };
    /** Kept rows equal to a recount, and 附件1 of the town and both villages equal to computeProgress. */
    const consistent = async (step: string) => {
      expect(await transaction(ds, screenedDrift), step).toEqual([]);
      expect(await transaction(ds, registerDrift), step).toEqual({ cells: 0, examples: [] });
      for (const node of [town, ...VILLAGES.map((v) => ({ level: 'village' as const, code: v.villageCode }))]) {
        const { counted, full } = await transaction(ds, (tx) => bothWays(tx, node));
        expect(counted, `${step}: ${node.code}`).toEqual(full);
      }
      return (await transaction(ds, (tx) => bothWays(tx, town))).counted.towns[0]!;
    };

    // An answer does not build the window's rows; the sweeper does (none yet: nothing screened).
    expect((await consistent('before any screening')).screened).toEqual({ households: 0, people: 0 });
    expect(await transaction(ds, (tx) => screenedWindowKept(tx, '2022', WINDOW.from))).toBe(false);
    expect(await keepCurrentScreenedWindow(ds, Date.UTC(2022, 4, 20, 4))).toBe(true);
    expect(await keepCurrentScreenedWindow(ds, Date.UTC(2022, 4, 20, 5))).toBe(false);
    expect(await transaction(ds, (tx) => screenedWindowKept(tx, '2022', WINDOW.from))).toBe(true);
    // A window listed already (another answer built it meanwhile) is left alone.
    expect(await transaction(ds, (tx) => keepScreenedWindow(tx, '2022', WINDOW.from))).toBe(false);

    await transaction(ds, (tx) => saveScreening(tx, screening(k1, placeA1, '2022-05-20'), DEFAULT_LEAD_CONFIG));
    expect((await consistent('a screening stored')).screened).toEqual({ households: 1, people: 2 });
    expect(await transaction(ds, (tx) => keptScreenedRow(tx, '2022', k1))).toEqual({ villageCode: placeA1.villageCode, gridCode: placeA1.gridCode, type: 'general', people: 2, firstDay: '2022-05-20', elsewhere: false });

    await transaction(ds, (tx) => saveScreening(tx, { ...screening(k1, placeA1, '2022-05-20', '补充'), at: at('2022-05-20', 18) }, DEFAULT_LEAD_CONFIG));
    await consistent('a screening corrected the same day');

    // Screened before the window only: no row; then filed under the neighbouring village.
    await transaction(ds, (tx) => saveScreening(tx, screening(k2, placeA1, '2022-04-20'), DEFAULT_LEAD_CONFIG));
    expect(await transaction(ds, (tx) => keptScreenedRow(tx, '2022', k2))).toBeNull();
    await transaction(ds, (tx) => saveScreening(tx, screening(k2, placeA2, '2022-05-22'), DEFAULT_LEAD_CONFIG));
    expect((await consistent('a screening filed under another village')).screened).toEqual({ households: 2, people: 3 });
    expect(await transaction(ds, (tx) => keptScreenedRow(tx, '2022', k2))).toMatchObject({ firstDay: null, elsewhere: true });

    await transaction(ds, (tx) => saveHouseholds(tx, [input('K1', placeA1, [people[0]!, people[1]!], { type: 'alleviated', alleviationYear: 2019 })], meta('更正户类型')));
    expect((await consistent('the household type changed')).screenedAlleviated).toEqual({ households: 1, people: 2 });

    const moved: Placement = { ...placeA1, gridCode: `${placeA1.villageCode}-02` };
    await transaction(ds, (tx) => saveHouseholds(tx, [input('K1', moved, [people[0]!, people[1]!], { type: 'alleviated', alleviationYear: 2019 })], meta('调整网格')));
    await consistent('the grid changed');
    const grids = (await transaction(ds, (tx) => bothWays(tx, { level: 'village', code: placeA1.villageCode }))).grids;
    expect(grids.find((g) => g.code === moved.gridCode)).toMatchObject({ households: 1, screened: 1 });

    await transaction(ds, (tx) => saveHouseholds(tx, [input('K1', moved, [people[0]!, people[1]!, people[2]!], { type: 'alleviated', alleviationYear: 2019 })], meta('新增成员')));
    expect((await consistent('a member added')).screened).toEqual({ households: 2, people: 4 });

    await transaction(ds, (tx) => markMemberLeft(tx, people[1]!.idNumber, { on: '2022-05-23', reason: '死亡' }, meta('死亡')));
    expect((await consistent('a member left')).screened).toEqual({ households: 2, people: 3 });

    // The household moves to the village its screening was filed under: its own village now.
    await transaction(ds, (tx) => saveHouseholds(tx, [input('K2', placeA2, [people[3]!])], meta('迁至邻村')));
    await consistent('the household moved to another village');
    expect(await transaction(ds, (tx) => keptScreenedRow(tx, '2022', k2))).toMatchObject({ villageCode: placeA2.villageCode, firstDay: '2022-05-22', elsewhere: false });

    // A screening after the report day keeps a row that the answer does not count yet.
    await transaction(ds, (tx) => saveScreening(tx, screening(k3, placeA2, '2022-06-02'), DEFAULT_LEAD_CONFIG));
    expect((await consistent('a screening after the report day')).screened).toEqual({ households: 2, people: 3 });
    expect(await transaction(ds, (tx) => keptScreenedRow(tx, '2022', k3))).toMatchObject({ firstDay: '2022-06-02' });

    // A monitoring subject of K3 (its own village A2), then its household moves to A1: the
    // subject is counted where the household is, as the full recount does.
    await transaction(ds, async (tx) => {
      const lead = await includedLeadRecord(tx, k3, '2022-05-01', placeA2);
      await includeSubjectRecord(tx, { leadId: lead.id!, memberIds: [people[4]!.idNumber], risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }], actor: 'city1', at: at('2022-05-13') });
    });
    await consistent('a monitoring subject included');
    await transaction(ds, (tx) => saveHouseholds(tx, [input('K3', placeA1, [people[4]!, people[5]!])], meta('迁至邻村')));
    await consistent('the subject’s household moved to another village');
  });
});
