import { expect, it } from 'vitest';
import { demoCampaign, seedDemoCity, SeedRefusedError } from '../../../src/bot/sandbox/seed.js';
import { DEMO_SEED_ACTOR, demoLineYears } from '../../../src/persistence/campaigns.js';
import { DEMO_CITY_CODE, DEMO_OPEN_KFID } from '../../../src/bot/sandbox/demo-city.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import { answerOf } from '../../../src/flows/farmer/policy.js';
import type { Actor } from '../../../src/flows/types.js';
import { getCampaign, getMonitoringLines, setMonitoringLine } from '../../../src/persistence/campaigns.js';
import { parseCampaign } from '../../../src/domain/campaign.js';
import { boundHouseholdOf, declarationsOf } from '../../../src/persistence/farmer.js';
import { countHouseholds, findHouseholdByCode } from '../../../src/persistence/households.js';
import { leadsInRegion } from '../../../src/persistence/leads.js';
import { problemsInRegion } from '../../../src/persistence/problems.js';
import { loadRegions, saveRegions } from '../../../src/persistence/regions.js';
import { screeningsInRegion } from '../../../src/persistence/screenings.js';
import { listStaff } from '../../../src/persistence/staff.js';
import { subjectsInRegion } from '../../../src/persistence/subjects.js';
import { createScratchDatabase, describeEachDatabase } from '../../helpers/db.js';
import { openDatabase } from '../../../src/persistence/data-source.js';

/** 2026-05-12 10:00 Asia/Shanghai, a Tuesday. */
const NOW = Date.UTC(2026, 4, 12, 2, 0, 0);
const CITY = { level: 'city' as const, code: DEMO_CITY_CODE };

it('the demo campaign is the seed’s campaign moved to the year, and valid', () => {
  const c = demoCampaign('2026-05-12');
  expect(parseCampaign(c).ok).toBe(true);
  expect(c).toMatchObject({ year: 2026, incomeYear: 2025, identificationLimitDays: 15, milestones: { screening: '2026-05-31', cityCheck: { from: '2026-06-06', to: '2026-06-10' } } });
});

it.each([
  ['2026-05-12', '2026-04-30', '2026-05-31', '2026-06-11'],
  ['2026-09-01', '2026-08-20', '2026-09-20', '2026-10-01'],
  // December: as late as the year allows, the screening still running.
  ['2026-12-06', '2026-11-19', '2026-12-20', '2026-12-31'],
  // January: as early as the year allows, just mobilized.
  ['2027-01-03', '2027-01-01', '2027-02-01', '2027-02-12'],
])('on %s the demo campaign is running: 动员 %s, 排查 until %s, 总结 %s', (today, mobilization, screening, summary) => {
  const c = demoCampaign(today);
  expect(parseCampaign(c).ok).toBe(true);
  expect(c.milestones).toMatchObject({ mobilization, screening, summary });
  expect(today >= c.milestones.mobilization && today <= c.milestones.screening).toBe(true);
  expect(c.name).toMatch(/（演示）$/);
});

describeEachDatabase('seeding the demo city', (db) => {
  async function counts() {
    const tx = db.ds().manager;
    return {
      regions: (await loadRegions(tx)).length,
      staff: (await listStaff(tx)).length,
      households: (await countHouseholds(tx, CITY)).households,
      openLeads: (await leadsInRegion(tx, CITY, { state: 'open', now: NOW })).length,
      subjects: (await subjectsInRegion(tx, CITY)).map((s) => s.status).sort(),
      problems: (await problemsInRegion(tx, CITY)).map((p) => p.status).sort(),
      screenings: (await screeningsInRegion(tx, '2026', CITY)).length,
    };
  }

  it('loads the registers and the casework in one go', async () => {
    expect(await seedDemoCity(db.ds(), { now: NOW })).toEqual({ status: 'seeded', regions: 19, staff: 25, households: 41, campaign: '2026' });
    expect(await counts()).toEqual({ regions: 19, staff: 25, households: 41, openLeads: 4, subjects: ['eliminated', 'open'], problems: ['open', 'open', 'rectified'], screenings: 8 });
    expect(await getCampaign(db.ds().manager, 2026)).toMatchObject({ name: '2026年防止返贫监测帮扶集中排查（演示）' });
  });

  it('dates the leads from now: one due soon, one overdue, the others fresh', async () => {
    const tx = db.ds().manager;
    const overdue = await leadsInRegion(tx, CITY, { state: 'overdue', now: NOW });
    expect(overdue.map((l) => [l.lead.origins[0]?.source, l.clock.daysLeft])).toEqual([['department_warning', -2]]);
    const soon = await leadsInRegion(tx, CITY, { state: 'due_soon', now: NOW });
    expect(soon.map((l) => [l.lead.origins[0]?.source, l.clock.daysLeft])).toEqual([['cadre_screening', 2]]);
    const open = await leadsInRegion(tx, CITY, { state: 'open', now: NOW });
    const unregistered = open.find((l) => l.lead.householdId === null);
    expect(unregistered?.lead.declarant).toEqual({ name: '马小红', idTail: '0426', villageCode: '999900102201' });
  });

  it('binds the first demo farmer to her household, and files the farmers’ declarations at their door', async () => {
    const tx = db.ds().manager;
    const bound = await boundHouseholdOf(tx, 'wmDemoFarmer01');
    const household = await findHouseholdByCode(tx, '999900101201002');
    expect(bound).toMatchObject({ status: 'confirmed', householdId: household?.id, decidedBy: 'liuhaiyan' });
    expect(household?.headName).toBe('石秀英');
    expect(await boundHouseholdOf(tx, 'wmDemoFarmer02')).toBeNull();
    expect((await declarationsOf(tx, 'wmDemoFarmer01')).map((d) => [d.ref, d.householdId])).toEqual([['SBDEMO01', household?.id]]);
    expect((await declarationsOf(tx, 'wmDemoFarmer03')).map((d) => [d.ref, d.householdId])).toEqual([['SBDEMO02', null]]);
  });

  it('gives the campaign year a demo monitoring line, told to farmers as an example, not as the official standard', async () => {
    const tx = db.ds().manager;
    expect(await getMonitoringLines(tx)).toContainEqual({ year: 2026, line: 6700 });
    expect(await demoLineYears(tx)).toEqual([2026]);
    const farmer: Actor = { sender: { channel: 'kf', id: 'wmDemoFarmer02', openKfId: DEMO_OPEN_KFID }, staff: null };
    const facts = await createFlowData(db.ds())(farmer).farmerPolicyFacts();
    expect(answerOf('standard', facts, 2026)).toMatch(/^2026年的监测收入标准是：家庭人均纯收入每人每年6700元。（演示数据：6700元是试用时的示例数字，不是官方公布的标准。）/);
    // An official figure set later is the year's line and is no longer called an example.
    await setMonitoringLine(tx, 2026, 7100, { actor: 'xuqiang', at: NOW, reason: '省里公布' });
    expect(await demoLineYears(tx)).toEqual([]);
    expect(answerOf('standard', await createFlowData(db.ds())(farmer).farmerPolicyFacts(), 2026)).not.toMatch(/演示/);
    await setMonitoringLine(tx, 2026, 6700, { actor: DEMO_SEED_ACTOR, at: NOW, reason: '恢复演示数字' });
  });

  it('is idempotent: a second seed changes nothing', async () => {
    const before = await counts();
    expect((await seedDemoCity(db.ds(), { now: NOW + 86_400_000 })).status).toBe('already');
    expect(await counts()).toEqual(before);
  });
});

it('refuses a database that holds another city, and writes nothing', async () => {
  const scratch = await createScratchDatabase('sqlite');
  const ds = await openDatabase(scratch.url);
  try {
    await saveRegions(ds.manager, [{ code: '610821', name: '神木市', level: 'city', parentCode: null, aliases: [] }], { actor: 'test', at: NOW, reason: '测试' });
    await expect(seedDemoCity(ds, { now: NOW })).rejects.toThrow(SeedRefusedError);
    await expect(seedDemoCity(ds, { now: NOW })).rejects.toThrow('数据库里已有其他城市（神木市）');
    expect((await loadRegions(ds.manager)).map((r) => r.code)).toEqual(['610821']);
  } finally {
    await ds.destroy();
    await scratch.drop();
  }
});
