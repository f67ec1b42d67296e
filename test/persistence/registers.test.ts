import { expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN_2022 } from '../../src/domain/campaign.js';
import { resolveRegion } from '../../src/domain/region-names.js';
import { ConfigWriteError, getCampaign, getMonitoringLines, listIncome, saveCampaign, saveIncome, setMonitoringLine } from '../../src/persistence/campaigns.js';
import { transaction } from '../../src/persistence/db.js';
import { fieldChanges, listHistory, recordHistory } from '../../src/persistence/history.js';
import { saveHouseholds } from '../../src/persistence/household-writes.js';
import { loadRegions, loadRegionTree, RegionTreeError, saveRegions } from '../../src/persistence/regions.js';
import { getStaff, listStaff, saveStaff, StaffWriteError } from '../../src/persistence/staff.js';
import type { Staff } from '../../src/domain/types.js';
import { describeEachDatabase } from '../helpers/db.js';
import { household } from '../helpers/people.js';
import { DEMO, DEMO_REGIONS } from '../helpers/regions.js';

const T0 = Date.parse('2022-04-29T00:00:00Z');
const meta = (at = T0, reason = '测试') => ({ actor: 'tester', at, reason });

describeEachDatabase('registers', (db) => {
  it('stores the region tree with aliases and resolves names against it', async () => {
    const r = await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, meta()));
    expect(r).toEqual({ created: DEMO_REGIONS.length, updated: 0, unchanged: 0 });
    const tree = await loadRegionTree(db.ds().manager);
    const found = resolveRegion(tree, 'gjb 凉水井');
    expect(found.status === 'found' && found.region.code).toBe(DEMO.lsj);
    expect(await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, meta()))).toEqual({ created: 0, updated: 0, unchanged: DEMO_REGIONS.length });
  });

  it('updates a renamed region with history and refuses a tree that would break, writing nothing', async () => {
    const at = T0 + 1000;
    const renamed = { ...(DEMO_REGIONS[1] as (typeof DEMO_REGIONS)[number]), aliases: ['gjb', 'gaojiabu'] };
    expect(await transaction(db.ds(), (tx) => saveRegions(tx, [renamed], meta(at, '补充别名')))).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await listHistory(db.ds().manager, 'region', DEMO.gjb)).at(-1)).toMatchObject({ reason: '补充别名', before: { aliases: ['gjb'] }, after: { aliases: ['gjb', 'gaojiabu'] } });
    const orphan = { code: 'X1', name: '无主村', level: 'village' as const, parentCode: 'nowhere', aliases: [] };
    const err = await transaction(db.ds(), (tx) => saveRegions(tx, [orphan], meta())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegionTreeError);
    expect((err as RegionTreeError).problems).toEqual([{ code: 'REGION.UNKNOWN_PARENT', region: 'X1', parentCode: 'nowhere' }]);
    expect((await loadRegions(db.ds().manager)).some((r) => r.code === 'X1')).toBe(false);
  });

  const grid: Staff = { userId: 'wanggrid', name: '王网格', phone: '13912345678', role: 'grid_worker', jurisdiction: { level: 'grid', code: DEMO.lsjGrid1 }, active: true, department: null };
  it('keeps the staff roster: create, unchanged, update with history, validation against the tree', async () => {
    const tree = await loadRegionTree(db.ds().manager);
    const dept: Staff = { userId: 'mz01', name: '民政专干', phone: null, role: 'department', jurisdiction: { level: 'city', code: DEMO.city }, active: true, department: 'civil_affairs' };
    expect(await transaction(db.ds(), (tx) => saveStaff(tx, [grid, dept], meta(), tree))).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await transaction(db.ds(), (tx) => saveStaff(tx, [grid], meta(), tree))).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const moved = { ...grid, jurisdiction: { level: 'grid' as const, code: DEMO.lsjGrid2 } };
    expect(await transaction(db.ds(), (tx) => saveStaff(tx, [moved], meta(T0 + 5, '调整网格'), tree))).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await getStaff(db.ds().manager, 'wanggrid')).toEqual(moved);
    expect(await getStaff(db.ds().manager, 'mz01')).toEqual(dept);
    expect((await listStaff(db.ds().manager)).map((s) => s.userId)).toEqual(['mz01', 'wanggrid']);
    expect((await listHistory(db.ds().manager, 'staff', 'wanggrid')).at(-1)).toMatchObject({ reason: '调整网格', before: { jurisdictionCode: DEMO.lsjGrid1 }, after: { jurisdictionCode: DEMO.lsjGrid2 } });
    const bad = { ...grid, userId: 'x2', role: 'town_official' as const };
    await expect(transaction(db.ds(), (tx) => saveStaff(tx, [bad], meta(), tree))).rejects.toThrow(StaffWriteError);
    expect(await getStaff(db.ds().manager, 'x2')).toBeNull();
  });

  it('stores a campaign year, refuses an invalid one, and keeps history of changes', async () => {
    expect(await getCampaign(db.ds().manager, 2022)).toBeNull();
    expect(await transaction(db.ds(), (tx) => saveCampaign(tx, DEFAULT_CAMPAIGN_2022, meta()))).toBe(true);
    expect(await transaction(db.ds(), (tx) => saveCampaign(tx, DEFAULT_CAMPAIGN_2022, meta()))).toBe(false);
    expect(await getCampaign(db.ds().manager, 2022)).toEqual(DEFAULT_CAMPAIGN_2022);
    const later = { ...DEFAULT_CAMPAIGN_2022, identificationLimitDays: 14 };
    expect(await transaction(db.ds(), (tx) => saveCampaign(tx, later, meta(T0 + 9, '市局调整时限')))).toBe(true);
    expect((await listHistory(db.ds().manager, 'campaign', 2022)).at(-1)).toMatchObject({ before: { identificationLimitDays: 15 }, after: { identificationLimitDays: 14 } });
    const err = await transaction(db.ds(), (tx) => saveCampaign(tx, { ...DEFAULT_CAMPAIGN_2022, publicityMinDays: 20 }, meta())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigWriteError);
    expect((err as ConfigWriteError).problems).toEqual(['publicityMinDays：公示天数应少于识别认定时限']);
  });

  it('keeps the monitoring line by year: defaults, configured later years, no silent change', async () => {
    expect(await getMonitoringLines(db.ds().manager)).toEqual([
      { year: 2021, line: 6000 },
      { year: 2022, line: 6700 },
    ]);
    expect(await transaction(db.ds(), (tx) => setMonitoringLine(tx, 2023, 7100.5, meta()))).toBe(true);
    expect(await transaction(db.ds(), (tx) => setMonitoringLine(tx, 2023, 7100.5, meta()))).toBe(false);
    expect((await getMonitoringLines(db.ds().manager)).at(-1)).toEqual({ year: 2023, line: 7100.5 });
    await expect(transaction(db.ds(), (tx) => setMonitoringLine(tx, 2024, -1, meta()))).rejects.toThrow(ConfigWriteError);
  });

  it('records income by household and period, corrections with history', async () => {
    const [h] = await transaction(db.ds(), (tx) => saveHouseholds(tx, [(({ id: _id, ...x }) => x)(household({ code: 'INC1' }))], meta()));
    const id = h?.id as number;
    const period = { from: '2021-01-01', to: '2021-12-31' };
    const r = { period, wage: 12000.5, business: 3000, property: 0, transfer: 1800, businessCost: 1000 };
    expect(await transaction(db.ds(), (tx) => saveIncome(tx, id, r, meta()))).toBe('created');
    expect(await transaction(db.ds(), (tx) => saveIncome(tx, id, r, meta()))).toBe('unchanged');
    expect(await transaction(db.ds(), (tx) => saveIncome(tx, id, { ...r, transfer: 2400 }, meta(T0 + 1, '补录低保金')))).toBe('updated');
    expect(await listIncome(db.ds().manager, id)).toEqual([{ ...r, transfer: 2400 }]);
    expect((await listHistory(db.ds().manager, 'income', `${id}:2021-01-01:2021-12-31`)).at(-1)).toMatchObject({ reason: '补录低保金', before: { transfer: 1800 }, after: { transfer: 2400 } });
    await expect(transaction(db.ds(), (tx) => saveIncome(tx, id, { ...r, wage: -5 }, meta()))).rejects.toThrow('INCOME.INVALID: 金额不能为负数');
  });

  it('appends history for any entity, storing only changed fields', async () => {
    const tx = db.ds().manager;
    const id = await recordHistory(tx, { ...meta(T0 + 7, '进入民主评议'), entity: 'lead', entityId: 99, before: { step: 'consent', note: 'x' }, after: { step: 'village_review', note: 'x' } });
    expect(id).toBeGreaterThan(0);
    expect(await recordHistory(tx, { ...meta(), entity: 'lead', entityId: 99, before: { step: 'a' }, after: { step: 'a' } })).toBeNull();
    expect(await listHistory(tx, 'lead', 99)).toEqual([{ id, entity: 'lead', entityId: '99', actor: 'tester', at: T0 + 7, reason: '进入民主评议', before: { step: 'consent' }, after: { step: 'village_review' } }]);
    expect(fieldChanges({ a: 1, b: [1] }, { a: 1, b: [1, 2], c: null })).toEqual({ before: { b: [1] }, after: { b: [1, 2] } });
  });
});
