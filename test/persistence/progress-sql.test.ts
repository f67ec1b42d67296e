import { expect, it } from 'vitest';
import { coverage } from '../../src/domain/coverage.js';
import { computeProgress, type ProgressInput } from '../../src/domain/progress.js';
import { transaction, type Tx } from '../../src/persistence/db.js';
import { rosterLines } from '../../src/persistence/official-reads.js';
import { progressByQueries, type ReportNode } from '../../src/persistence/progress-sql.js';
import { progressInputFromRecords } from '../../src/persistence/progress.js';
import { insertMany } from '../../src/persistence/sql.js';
import { describeEachDatabase } from '../helpers/db.js';
import { recountPeople } from '../../src/persistence/household-writes.js';
import { rebuildRegisterCounts, registerDrift } from '../../src/persistence/register-counts.js';
import { keepScreenedWindow, rebuildScreenedWindow, screenedDrift, screenedWindowKept } from '../../src/persistence/screened-households.js';
import { orm } from '../helpers/db.js';

// A city of its own (codes no other test uses): two towns, four villages, one without any record.
const CITY = '619900';
const VILLAGES = [
  { cityCode: CITY, townCode: '619900101', villageCode: '619900101001' },
  { cityCode: CITY, townCode: '619900101', villageCode: '619900101002' },
  { cityCode: CITY, townCode: '619900102', villageCode: '619900102001' },
  { cityCode: CITY, townCode: '619900102', villageCode: '619900102002' },
];
const WINDOWS = [
  { from: '2022-04-25', to: '2022-05-13' },
  { from: '2022-04-25', to: '2022-05-31' },
];
const DEPLOYMENTS = [{ villageCode: '619900101001', day: '2022-04-28' }, { villageCode: '619900102001', day: '2022-05-20' }];
const TRAININGS = [
  { villageCode: '619900101001', people: 8, day: '2022-04-29' },
  { villageCode: '619900101001', people: 12, day: '2022-05-20' },
  { villageCode: '619900102001', people: 5, day: '2022-05-02' },
];

/** A fixed xorshift sequence: the same casework on every run and both engines. */
function random(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

const day = (pick: (n: number) => number): string => `2022-${pick(3) === 0 ? '04' : pick(2) ? '05' : '06'}-${String(10 + pick(19)).padStart(2, '0')}`;

/**
 * Varied casework written straight into the tables, as another program would: members who left,
 * households without members or grid, several screenings of one household (some outside the window,
 * one of another campaign, one filed under a neighbouring village), two screeners working in two
 * villages, subjects of several episodes and every status (withdrawn among them), withdrawal
 * requests in and out of the window, reverts, a subject reviewed twice, problems rectified after the
 * report day or with data corrected.
 */
async function seed(tx: Tx): Promise<void> {
  const pick = random(20220513);
  const households: unknown[][] = [];
  const members: unknown[][] = [];
  const screenings: unknown[][] = [];
  const subjects: unknown[][] = [];
  const events: unknown[][] = [];
  const problems: unknown[][] = [];
  const placed = (v: (typeof VILLAGES)[number], grid: string | null) => [v.cityCode, v.townCode, v.villageCode, grid];
  let subjectId = 0;
  let screeningId = 0;
  for (let id = 1; id <= 90; id++) {
    const v = VILLAGES[pick(3)]!;
    const grid = pick(4) === 0 ? null : `${v.villageCode}-0${1 + pick(2)}`;
    households.push([id, `H${id}`, `户主${id}`, ...placed(v, grid), pick(3) === 0 ? 'alleviated' : 'general', 0, 0, '[]', 1, 1]);
    for (let k = 0; k < pick(5); k++) members.push([id, `61990019800101${String(id * 10 + k).padStart(4, '0')}`, `人${id}-${k}`, k === 0 ? 'head' : 'child', 'none', 'healthy', 'none', pick(5) === 0 ? '2022-01-01' : null, 1, 1]);
    for (let k = 0; k < pick(4); k++) {
      const elsewhere = pick(15) === 0 ? VILLAGES[(VILLAGES.indexOf(v) + 1) % 3]! : v;
      const screener = pick(6) === 0 ? `town${pick(2)}` : `g${VILLAGES.indexOf(v)}-${pick(3)}`;
      screenings.push([++screeningId, pick(2) ? 'general' : 'key_group', pick(20) === 0 ? '2021' : '2022', id, null, ...placed(elsewhere, grid), screener, 1, day(pick), 0, pick(2) ? '{}' : '{"groups":[]}', '', 1, 1, 1]);
    }
    for (let episode = 1; episode <= (pick(3) === 0 ? pick(3) : 0); episode++) {
      const status = ['open', 'eliminated', 'withdrawn'][pick(3)]!;
      const withdrawal = pick(3) === 0 ? JSON.stringify({ reason: 'favouritism', note: '', requestedOn: day(pick), requestedBy: 't', town: null, city: null }) : null;
      subjects.push([++subjectId, id, episode, ['marginal', 'unstable_alleviated', 'sudden_hardship'][pick(3)], day(pick), status, ...placed(v, grid), '[]', '[]', withdrawal, '[]', pick(3) === 0 ? 1 : 0, 1, 1, 1]);
      events.push([subjectId, 0, 'include', 'cadre', 1, day(pick), '', '']);
      for (let seq = 1; seq <= pick(3); seq++) events.push([subjectId, seq, pick(2) ? 'revert' : 'note', 'town', 1, day(pick), '', '']);
      for (let k = 0; k < pick(3); k++) screenings.push([++screeningId, 'review', '2022', id, subjectId, ...placed(v, grid), `g${VILLAGES.indexOf(v)}-r`, 1, day(pick), 0, JSON.stringify({ subjectId, verdict: 'stable' }), '', 1, 1, 1]);
    }
    if (pick(4) === 0) {
      const rectified = pick(2) === 0;
      const rectification = rectified ? JSON.stringify({ what: '已补录', by: 'g1', at: 1, day: day(pick), dataCorrected: pick(2) === 0 }) : null;
      problems.push(['data_quality', ...placed(v, grid), id, '缺收入', 'g1', '补录', '2022-06-30', rectified ? 'rectified' : 'open', day(pick), 'g1', 'manual', rectification, 1, 1, 1]);
    }
  }
  await insertMany(tx, 'households', ['id', 'code', 'head_name', 'city_code', 'town_code', 'village_code', 'grid_code', 'type', 'dibao', 'tekun', 'key_groups', 'created_at', 'updated_at'], households);
  await insertMany(tx, 'members', ['household_id', 'id_number', 'name', 'relation', 'labour', 'health', 'schooling', 'left_on', 'created_at', 'updated_at'], members);
  // 家庭人口 kept on every other household (as the product's writes keep it); the rest stay NULL,
  // as households written by other means, and are counted from their members.
  await recountPeople(tx, households.map((h) => Number(h[0])).filter((id) => id % 2 === 0));
  const placement = ['city_code', 'town_code', 'village_code', 'grid_code'];
  await insertMany(tx, 'screening_record', ['id', 'form', 'campaign', 'household_id', 'subject_id', ...placement, 'screener', 'at', 'day', 'risk_found', 'answers', 'remark', 'version', 'created_at', 'updated_at'], screenings);
  await insertMany(tx, 'monitoring_subject', ['id', 'household_id', 'episode', 'category', 'included_on', 'status', ...placement, 'risks', 'measures', 'withdrawal', 'member_ids', 'epidemic', 'version', 'created_at', 'updated_at'], subjects);
  await insertMany(tx, 'subject_event', ['subject_id', 'seq', 'kind', 'actor', 'at', 'day', 'reason', 'note'], events);
  await insertMany(tx, 'problem', ['category', ...placement, 'household_id', 'description', 'responsible', 'measure', 'deadline', 'status', 'found_on', 'found_by', 'source', 'rectification', 'version', 'created_at', 'updated_at'], problems);
  // Households written by other means leave the register's counters behind: counted once after the
  // load, as a bulk load (or `npx shouwang check --open`) does.
  await rebuildRegisterCounts(tx);
}

/** The recount: every record of the node loaded and handed to `computeProgress`. */
async function recount(tx: Tx, node: ReportNode, window: ProgressInput['window'], villages: ProgressInput['villages']) {
  const roster = await rosterLines(tx, node);
  const input = await progressInputFromRecords(tx, { campaign: '2022', window, villages, roster: roster.map((h) => ({ householdId: h.householdId, villageCode: h.villageCode, type: h.type, people: h.people })), deployments: DEPLOYMENTS, trainings: TRAININGS });
  return { roster, input, report: computeProgress(input) };
}

describeEachDatabase('附件1 counted by the database', (db) => {
  it('gives the numbers of the full recount for the city, each town and each village, in two windows', async () => {
    await transaction(db.ds(), seed);
    const nodes: ReportNode[] = [{ level: 'city', code: CITY }, ...['619900101', '619900102'].map((code) => ({ level: 'town' as const, code })), ...VILLAGES.map((v) => ({ level: 'village' as const, code: v.villageCode }))];
    let screenedSomewhere = 0;
    for (const window of WINDOWS) {
      for (const node of nodes) {
        const villages = VILLAGES.filter((v) => [v.cityCode, v.townCode, v.villageCode].includes(node.code));
        const [counted, full] = await transaction(db.ds(), async (tx) => [await progressByQueries(tx, { campaign: '2022', window, villages, node, deployments: DEPLOYMENTS, trainings: TRAININGS }), await recount(tx, node, window, villages)] as const);
        expect(counted.report, `${node.code} ${window.to}`).toEqual(full.report);
        screenedSomewhere += full.report.villages.reduce((s, v) => s + v.screened.households, 0);
        // The register's counts and the grids' coverage the views show.
        const cells = coverage(full.roster.map((h) => ({ householdId: h.householdId, people: h.people, placement: h })), full.input.screenings.filter((s) => s.day >= window.from && s.day <= window.to).map((s) => s.householdId));
        for (const c of cells.filter((x) => x.level !== 'grid' && (x.level !== 'city' || node.level === 'city'))) expect(counted.roster.get(c.code), c.code).toEqual({ households: c.households, people: c.people });
        expect(counted.grids.map((g) => [g.code, g.households, g.screened])).toEqual(cells.filter((c) => c.level === 'grid').map((c) => [c.code, c.households, c.screenedHouseholds]));
        const withSubject = new Set(full.input.subjects.filter((s) => s.status !== 'withdrawn').map((s) => s.householdId));
        for (const v of villages) expect(counted.subjectHouseholds.get(v.villageCode) ?? 0).toBe(full.roster.filter((h) => h.villageCode === v.villageCode && withSubject.has(h.householdId)).length);
      }
    }
    // The casework reaches every column somewhere (a recount of nothing would prove nothing).
    const city = await transaction(db.ds(), (tx) => progressByQueries(tx, { campaign: '2022', window: WINDOWS[1]!, villages: VILLAGES, node: { level: 'city', code: CITY }, deployments: DEPLOYMENTS, trainings: TRAININGS }));
    const c = city.report.city;
    expect(screenedSomewhere).toBeGreaterThan(0);
    for (const k of ['screened', 'screenedAlleviated', 'screenedSubjects', 'includedMarginal', 'includedUnstable', 'includedSudden', 'includedCovid'] as const) expect(c[k].households, k).toBeGreaterThan(0);
    for (const k of ['staff', 'trained', 'reviewTotal', 'reverted', 'withdrawn', 'problemsFound', 'problemsRectified', 'dataCorrections', 'deployedVillages'] as const) expect(c[k], k).toBeGreaterThan(0);
    expect(city.report.villages.find((v) => v.villageCode === '619900102002')).toMatchObject({ screened: { households: 0, people: 0 }, staff: 0 });
  });

  it('counts the members of households not counted yet in one grouped pass as well (a register loaded by other means)', async () => {
    for (const window of WINDOWS) {
      const node: ReportNode = { level: 'city', code: CITY };
      const [grouped, probed, full] = await transaction(db.ds(), async (tx) => [
        await progressByQueries(tx, { campaign: '2022', window, villages: VILLAGES, node, deployments: DEPLOYMENTS, trainings: TRAININGS, manyUncounted: 1 }),
        await progressByQueries(tx, { campaign: '2022', window, villages: VILLAGES, node, deployments: DEPLOYMENTS, trainings: TRAININGS }),
        await recount(tx, node, window, VILLAGES),
      ] as const);
      expect(grouped.report, window.to).toEqual(full.report);
      expect(grouped.roster).toEqual(probed.roster);
      expect(grouped.grids).toEqual(probed.grids);
      expect(grouped.subjectHouseholds).toEqual(probed.subjectHouseholds);
    }
  });

  it('counts from the kept screened rows once every household is counted, equal to the full recount; a drifted row is found and rebuilt', async () => {
    const nodes: ReportNode[] = [{ level: 'city', code: CITY }, ...['619900101', '619900102'].map((code) => ({ level: 'town' as const, code })), ...VILLAGES.map((v) => ({ level: 'village' as const, code: v.villageCode }))];
    const compare = async (window: ProgressInput['window']) => {
      for (const node of nodes) {
        const villages = VILLAGES.filter((v) => [v.cityCode, v.townCode, v.villageCode].includes(node.code));
        const [counted, full] = await transaction(db.ds(), async (tx) => [await progressByQueries(tx, { campaign: '2022', window, villages, node, deployments: DEPLOYMENTS, trainings: TRAININGS }), await recount(tx, node, window, villages)] as const);
        expect(counted.report, `${node.code} ${window.from} ${window.to}`).toEqual(full.report);
        const withSubject = new Set(full.input.subjects.filter((s) => s.status !== 'withdrawn').map((s) => s.householdId));
        for (const v of villages) expect(counted.subjectHouseholds.get(v.villageCode) ?? 0).toBe(full.roster.filter((h) => h.villageCode === v.villageCode && withSubject.has(h.householdId)).length);
      }
    };
    await transaction(db.ds(), async (tx) => recountPeople(tx, Array.from({ length: 90 }, (_, i) => i + 1)));
    // Answers never build a window: counted from the screenings until the sweeper's job (or
    // `check --open`) builds it, then from the kept rows; a window of another first day replaces
    // the campaign's rows.
    for (const window of [...WINDOWS, { from: '2022-05-02', to: '2022-05-31' }, ...WINDOWS]) {
      await compare(window);
      await transaction(db.ds(), async (tx) => (await screenedWindowKept(tx, '2022', window.from)) || keepScreenedWindow(tx, '2022', window.from));
      await compare(window);
    }
    const kept = await transaction(db.ds(), async (tx) => [await screenedWindowKept(tx, '2022', '2022-04-25'), await screenedWindowKept(tx, '2022', '2022-05-02')]);
    expect(kept).toEqual([true, false]);
    expect(await transaction(db.ds(), screenedDrift)).toEqual([]);
    expect(await transaction(db.ds(), registerDrift)).toEqual({ cells: 0, examples: [] });
    // A row changed behind the product's back is drift; a counter changed so changes the answer too.
    const [row] = (await orm(db.ds()).query(`SELECT household_id, village_code, grid_code, type, first_day FROM screened_household WHERE campaign = '2022' AND elsewhere = 0 AND first_day <= '2022-05-13' ORDER BY household_id LIMIT 1`)) as Array<Record<string, string | number | null>>;
    await orm(db.ds()).query(`UPDATE screened_household SET first_day = '2022-06-30' WHERE household_id = ?`, [row!.household_id]);
    expect(await transaction(db.ds(), screenedDrift)).toEqual([{ campaign: '2022', from: '2022-04-25', households: 1, cells: 0, examples: [Number(row!.household_id)] }]);
    await orm(db.ds()).query(`UPDATE screened_count SET households = households - 1 WHERE campaign = '2022' AND village_code = ? AND grid_code = ? AND type = ? AND first_day = ?`, [row!.village_code, row!.grid_code ?? '', row!.type, row!.first_day]);
    const node: ReportNode = { level: 'village', code: String(row!.village_code) };
    const villages = VILLAGES.filter((v) => v.villageCode === node.code);
    const answer = () => transaction(db.ds(), (tx) => progressByQueries(tx, { campaign: '2022', window: WINDOWS[0]!, villages, node, deployments: [], trainings: [] }));
    const drifted = await answer();
    const truth = await transaction(db.ds(), (tx) => recount(tx, node, WINDOWS[0]!, villages));
    expect(drifted.report.villages[0]!.screened.households).toBe(truth.report.villages[0]!.screened.households - 1);
    expect(await transaction(db.ds(), screenedDrift)).toEqual([{ campaign: '2022', from: '2022-04-25', households: 1, cells: 1, examples: [Number(row!.household_id)] }]);
    // The same, compared a few households at a time.
    expect(await transaction(db.ds(), (tx) => screenedDrift(tx, 7))).toEqual([{ campaign: '2022', from: '2022-04-25', households: 1, cells: 1, examples: [Number(row!.household_id)] }]);
    await transaction(db.ds(), (tx) => rebuildScreenedWindow(tx, '2022', '2022-04-25'));
    expect(await transaction(db.ds(), screenedDrift)).toEqual([]);
    const { screened, screenedAlleviated, screenedSubjects } = (await answer()).report.villages[0]!;
    const want = truth.report.villages[0]!;
    expect({ screened, screenedAlleviated, screenedSubjects }).toEqual({ screened: want.screened, screenedAlleviated: want.screenedAlleviated, screenedSubjects: want.screenedSubjects });
  });

  it('reports a place without villages as empty', async () => {
    const r = await transaction(db.ds(), (tx) => progressByQueries(tx, { campaign: '2022', window: WINDOWS[0]!, villages: [], node: { level: 'town', code: '619900199' }, deployments: [], trainings: [] }));
    expect([r.report.villages, r.report.towns, r.grids, r.roster.size]).toEqual([[], [], [], 0]);
  });
});
