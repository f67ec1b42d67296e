/**
 * The benchmark city's bulk path (bench/city-data.ts) against the product: what it writes reads
 * back through the product's repositories as exactly the records it generated, a household it
 * writes is stored as `saveHouseholds` stores one, and the product's 附件1 of the city equals the
 * independent hand SQL of bench/city-sql.ts, row by row.
 */
import { expect, it } from 'vitest';
import { CITY_CODE, CAMPAIGN, CityGenerator, IMPORTED_AT, REPORT_DAY, villageRows, writeCity, type CityShape, type VillageData } from '../../bench/city-data.js';
import { compareProgress, handProgress } from '../../bench/city-sql.js';
import { placeReport } from '../../src/bot/official/sources.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { transaction } from '../../src/persistence/db.js';
import { saveHouseholds } from '../../src/persistence/household-writes.js';
import { rosterLines } from '../../src/persistence/official-reads.js';
import { problemsInVillages } from '../../src/persistence/problems.js';
import { loadRegionTree } from '../../src/persistence/regions.js';
import { registerDrift } from '../../src/persistence/register-counts.js';
import { screenedDrift, screenedWindowKept } from '../../src/persistence/screened-households.js';
import { screeningsInRegion } from '../../src/persistence/screenings.js';
import { subjectsInVillages } from '../../src/persistence/subjects.js';
import { describeEachDatabase, orm } from '../helpers/db.js';

// Small, with many subjects, so that every cell of 附件1 has something to count.
const SHAPE: CityShape = { towns: 2, villagesPerTown: 2, gridsPerVillage: 2, households: 320, subjectShare: 0.5 };

it('generates the same city every time, with the exact number of people asked for', () => {
  const city = (shape: CityShape) => {
    const g = new CityGenerator(shape);
    return Array.from({ length: shape.towns * shape.villagesPerTown }, (_, i) => villageRows(g.village(Math.floor(i / shape.villagesPerTown), i % shape.villagesPerTown)));
  };
  const a = city(SHAPE);
  expect(city(SHAPE)).toEqual(a);
  expect(city({ ...SHAPE, seed: 7 })).not.toEqual(a);
  const active = a.flatMap((v) => v.members).filter((m) => m[9] === null).length;
  expect(active).toBe(Math.round(SHAPE.households * 3.000068));
  expect(city({ ...SHAPE, people: 1000 }).flatMap((v) => v.members).filter((m) => m[9] === null)).toHaveLength(1000);
});

describeEachDatabase('benchmark city bulk path', (db) => {
  const villages: VillageData[] = [];
  const written = async () => {
    if (villages.length === 0) await writeCity(db.ds(), SHAPE, { perStatement: 7, onVillage: (d) => villages.push(d) });
    return villages;
  };

  it('writes what the generator intended, as the repositories read it', async () => {
    const vs = await written();
    const codes = vs.map((v) => v.placement.villageCode);
    await transaction(db.ds(), async (tx) => {
      const households = vs.flatMap((v) => v.households);
      expect(households).toHaveLength(SHAPE.households);
      const roster = await rosterLines(tx, { level: 'city', code: CITY_CODE });
      expect(roster.map((r) => [r.householdId, r.villageCode, r.gridCode, r.type, r.people, r.headName])).toEqual(
        households.map((h) => [h.id, h.placement.villageCode, h.placement.gridCode, h.type, h.members.filter((m) => !m.left).length, h.headName]),
      );
      expect(roster.reduce((n, r) => n + r.people, 0)).toBe(Math.round(SHAPE.households * 3.000068));

      expect(await subjectsInVillages(tx, codes)).toEqual(vs.flatMap((v) => v.subjects));
      expect(await problemsInVillages(tx, codes)).toEqual(vs.flatMap((v) => v.problems.map(({ openedAt: _, ...p }) => p)));
      const byHousehold = (a: { householdId: number; at: number; id: number }, b: typeof a) => a.householdId - b.householdId || a.at - b.at || a.id - b.id;
      for (const campaign of [String(CAMPAIGN.year), String(CAMPAIGN.year - 1)]) {
        const want = vs.flatMap((v) => v.screenings).filter((s) => s.campaign === campaign).sort(byHousehold);
        expect(want.length).toBeGreaterThan(0);
        expect(await screeningsInRegion(tx, campaign, { level: 'city', code: CITY_CODE })).toEqual(want);
      }
    });
  });

  it('stores a household and its members as saveHouseholds does', async () => {
    const vs = await written();
    const h = vs[0]?.households.find((x) => x.members.length >= 2 && x.keyGroups.length > 0);
    expect(h).toBeDefined();
    if (!h) return;
    const fresh = (i: number) => `61082219800101${String(900 + i).padStart(3, '0')}`;
    const copy = { ...h, code: `${h.code}-copy`, members: h.members.map((m, i) => ({ ...m, idNumber: fresh(i) + idCheckChar(fresh(i)) })) };
    const [saved] = await transaction(db.ds(), (tx) => saveHouseholds(tx, [copy], { actor: 'bench', at: IMPORTED_AT, reason: '对照' }));
    const raw = async (sql: string, id: number) => (await orm(db.ds()).query(sql, [id])) as Array<Record<string, unknown>>;
    const strip = (rows: Array<Record<string, unknown>>, keys: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)).map(([k, v]) => [k, v === null ? null : String(v)])));
    expect(strip(await raw('SELECT * FROM households WHERE id = ?', saved!.id), ['id', 'code'])).toEqual(strip(await raw('SELECT * FROM households WHERE id = ?', h.id), ['id', 'code']));
    expect(strip(await raw('SELECT * FROM members WHERE household_id = ? ORDER BY id', saved!.id), ['id', 'household_id', 'id_number'])).toEqual(
      strip(await raw('SELECT * FROM members WHERE household_id = ? ORDER BY id', h.id), ['id', 'household_id', 'id_number']),
    );
  });

  it("keeps the screened households of the window and the register's counters, built once after the bulk load, equal to a recount", async () => {
    await written();
    expect(await transaction(db.ds(), (tx) => screenedWindowKept(tx, String(CAMPAIGN.year), '2022-04-25'))).toBe(true);
    expect(await transaction(db.ds(), screenedDrift)).toEqual([]);
    // The register's counters too, counted once after the load.
    expect(await transaction(db.ds(), registerDrift)).toEqual({ cells: 0, examples: [] });
    const [kept] = (await orm(db.ds()).query('SELECT COUNT(*) AS n FROM screened_household')) as Array<{ n: unknown }>;
    expect(Number(kept?.n)).toBeGreaterThan(SHAPE.households / 2);
  });

  it('gives the product 附件1 and the hand SQL the same cells, every row, with something in each cell', async () => {
    await written();
    const pr = await transaction(db.ds(), async (tx) => placeReport(tx, await loadRegionTree(tx), CITY_CODE, REPORT_DAY));
    const hand = await handProgress(db.ds(), { campaign: String(CAMPAIGN.year), from: pr.window.from, to: pr.window.to });
    expect(compareProgress(pr.report, hand)).toEqual([]);
    expect(pr.report.villages).toHaveLength(4);
    const c = hand.city;
    const cells = [c.staff, c.screened.people, c.screenedAlleviated.people, c.screenedSubjects.people, c.includedMarginal.people, c.includedUnstable.people, c.includedSudden.people, c.includedCovid.people, c.reviewTotal, c.reverted, c.withdrawn, c.problemsFound, c.problemsRectified, c.dataCorrections, c.trained, c.deployedVillages];
    expect(cells.map((x) => x > 0)).toEqual(cells.map(() => true));
    // A town's staff is fewer than its villages' added up: town officials screen in two villages.
    const town = hand.towns[0]!;
    expect(town.staff).toBeLessThan(hand.villages.filter((v) => v.townCode === town.townCode).reduce((n, v) => n + v.staff, 0));
    // The comparison sees a single changed cell.
    const changed = structuredClone(hand);
    changed.villages[1]!.screenedSubjects.people += 1;
    expect(compareProgress(pr.report, changed)).toEqual([`村 ${changed.villages[1]!.villageCode} screenedSubjects.people: product ${pr.report.villages[1]!.screenedSubjects.people} ≠ hand ${changed.villages[1]!.screenedSubjects.people}`]);
  });
});
