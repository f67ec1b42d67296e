/**
 * The campaign settings and the region tree are read once and kept until their table changes:
 * by this process (saveCampaign / saveRegions) or by another instance (seen by the table's
 * signature, here a second connection writing as another process would).
 */
import { expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN_2022 } from '../../src/domain/campaign.js';
import { getCampaign, getMonitoringLines, saveCampaign, setMonitoringLine } from '../../src/persistence/campaigns.js';
import { getStaff, saveStaff } from '../../src/persistence/staff.js';
import { openDatabase } from '../../src/persistence/data-source.js';
import { transaction } from '../../src/persistence/db.js';
import { loadRegionTree, saveRegions } from '../../src/persistence/regions.js';
import { SIGNATURE_TTL_MS, tableCacheStats } from '../../src/persistence/table-cache.js';
import { describeEachDatabase, orm, statementsOf } from '../helpers/db.js';

const meta = (at: number) => ({ actor: 'test', at, reason: '测试' });
const CITY = { code: '610881', name: '神木市', level: 'city' as const, parentCode: null, aliases: [] };
const TOWN = { code: '610881100', name: '高家堡镇', level: 'town' as const, parentCode: '610881', aliases: [] };

describeEachDatabase('configuration kept in memory until it changes', (db) => {
  it('reads the campaign once, and again after the settings change here or on another instance', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) => saveCampaign(tx, DEFAULT_CAMPAIGN_2022, meta(1_000)));
    const first = await transaction(ds, (tx) => getCampaign(tx, 2022));
    const loads = tableCacheStats.loads;
    const again = await transaction(ds, (tx) => getCampaign(tx, 2022));
    expect(again).toBe(first); // the same object: nothing reloaded or parsed
    expect(tableCacheStats.loads).toBe(loads);

    await transaction(ds, (tx) => saveCampaign(tx, { ...DEFAULT_CAMPAIGN_2022, name: '本进程改过的名称' }, meta(1_000)));
    expect((await transaction(ds, (tx) => getCampaign(tx, 2022)))?.name).toBe('本进程改过的名称');

    const other = await openDatabase(db.url(), { migrate: false });
    try {
      await transaction(other, (tx) => saveCampaign(tx, { ...DEFAULT_CAMPAIGN_2022, name: '另一实例改过的名称' }, meta(2_000)));
    } finally {
      await other.destroy();
    }
    expect((await transaction(ds, (tx) => getCampaign(tx, 2022)))?.name).toBe('另一实例改过的名称');
  });

  it('keeps the region tree until an import changes it', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) => saveRegions(tx, [CITY], meta(1_000)));
    const tree = await transaction(ds, (tx) => loadRegionTree(tx));
    expect(await transaction(ds, (tx) => loadRegionTree(tx))).toBe(tree);
    expect(tree.byCode.has(TOWN.code)).toBe(false);

    const other = await openDatabase(db.url(), { migrate: false });
    try {
      await transaction(other, (tx) => saveRegions(tx, [TOWN], meta(1_000))); // same timestamp: the row count tells
    } finally {
      await other.destroy();
    }
    const after = await transaction(ds, (tx) => loadRegionTree(tx));
    expect(after.byCode.get(TOWN.code)?.name).toBe('高家堡镇');

    await transaction(ds, (tx) => saveRegions(tx, [{ ...TOWN, aliases: ['高家堡'] }], meta(1_000)));
    expect((await transaction(ds, (tx) => loadRegionTree(tx))).byCode.get(TOWN.code)?.aliases).toEqual(['高家堡']);
  });

  it('looks a staff member up once; a change of the roster is seen at once here, and by another instance', async () => {
    const ds = db.ds();
    const wangwu = { userId: 'cache-wangwu', name: '王五', phone: null, role: 'grid_worker' as const, jurisdiction: { level: 'village' as const, code: '610821101201' }, active: true };
    await transaction(ds, (tx) => saveStaff(tx, [wangwu], meta(Date.now())));
    expect((await transaction(ds, (tx) => getStaff(tx, 'cache-wangwu')))?.active).toBe(true);
    const { statements } = await statementsOf(ds, () => transaction(ds, (tx) => getStaff(tx, 'cache-wangwu')));
    expect(statements.filter((s) => /FROM [`"]?staff[`"]?/.test(s))).toEqual([]);
    // Someone not on the roster is remembered as nobody, until the roster gains them.
    expect(await transaction(ds, (tx) => getStaff(tx, 'cache-new'))).toBeNull();
    await transaction(ds, (tx) => saveStaff(tx, [{ ...wangwu, userId: 'cache-new', name: '新人' }], meta(Date.now())));
    expect((await transaction(ds, (tx) => getStaff(tx, 'cache-new')))?.name).toBe('新人');

    const other = await openDatabase(db.url(), { migrate: false });
    try {
      await transaction(other, (tx) => saveStaff(tx, [{ ...wangwu, active: false }], meta(Date.now() + 1)));
    } finally {
      await other.destroy();
    }
    await new Promise((r) => setTimeout(r, SIGNATURE_TTL_MS + 100));
    expect((await transaction(ds, (tx) => getStaff(tx, 'cache-wangwu')))?.active).toBe(false);
  });

  it('keeps the monitoring lines until a line is set', async () => {
    const ds = db.ds();
    const lines = await transaction(ds, (tx) => getMonitoringLines(tx));
    expect(await transaction(ds, (tx) => getMonitoringLines(tx))).toBe(lines);
    await transaction(ds, (tx) => setMonitoringLine(tx, 2031, 9100, meta(Date.now())));
    expect((await transaction(ds, (tx) => getMonitoringLines(tx))).find((l) => l.year === 2031)?.line).toBe(9100);
  });

  it('reads a table’s signature at most once a second: a change written behind its back is seen after that', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) => saveRegions(tx, [{ ...CITY, name: '神木市' }], meta(1_000)));
    const tree = await transaction(ds, (tx) => loadRegionTree(tx));
    // Another process's writer, without this process hearing of it.
    await transaction(ds, (tx) => orm(tx).query('UPDATE regions SET name = ?, updated_at = ? WHERE code = ?', ['神木', 9_000, CITY.code]));
    expect(await transaction(ds, (tx) => loadRegionTree(tx))).toBe(tree);
    await new Promise((r) => setTimeout(r, SIGNATURE_TTL_MS + 100));
    expect((await transaction(ds, (tx) => loadRegionTree(tx))).byCode.get(CITY.code)?.name).toBe('神木');
  });
});
