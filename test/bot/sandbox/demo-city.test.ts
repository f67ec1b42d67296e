import { describe, expect, it } from 'vitest';
import { buildRegionTree, placementOf } from '../../../src/domain/hierarchy.js';
import { checkIdNumber } from '../../../src/domain/id-number.js';
import { isKeyGroupHousehold, validateHousehold } from '../../../src/domain/household.js';
import { resolveRegion } from '../../../src/domain/region-names.js';
import { ROLES } from '../../../src/domain/roles.js';
import { validateStaff } from '../../../src/domain/staff.js';
import { DEMO_FARMERS, DEMO_ID_PREFIX, DEMO_REGIONS, DEMO_STAFF, demoHouseholds, demoIdNumber } from '../../../src/bot/sandbox/demo-city.js';
import { unscreenedGeneral } from '../../../src/bot/sandbox/demo-hints.js';

const built = buildRegionTree(DEMO_REGIONS);
if (!built.ok) throw new Error(JSON.stringify(built.problems));
const tree = built.tree;
const households = demoHouseholds();

describe('the demo city', () => {
  it('is a valid hierarchy: one city, three towns, two or three villages each, every village with grids', () => {
    const level = (l: string) => DEMO_REGIONS.filter((r) => r.level === l);
    expect(level('city').map((r) => r.name)).toEqual(['示范市']);
    expect(level('town')).toHaveLength(3);
    for (const town of level('town')) expect(level('village').filter((v) => v.parentCode === town.code).length).toBeGreaterThanOrEqual(2);
    for (const v of level('village')) expect(level('grid').some((g) => g.parentCode === v.code)).toBe(true);
  });

  it.each([
    ['高家堡镇', '高家堡镇'],
    ['高家堡', '高家堡镇'],
    ['gjb', '高家堡镇'],
    ['柳树湾', '柳树湾镇'],
    ['高家堡镇 石门村', '石门村'],
    ['枣林', '枣林村'],
  ])('people may call a place "%s"', (query, name) => {
    const r = resolveRegion(tree, query);
    expect(r.status === 'found' && r.region.name).toBe(name);
  });

  it('has about forty valid households of both types, with key groups and plain households', () => {
    expect(households.length).toBeGreaterThanOrEqual(38);
    expect(households.length).toBeLessThanOrEqual(45);
    for (const h of households) expect([h.code, validateHousehold({ ...h, id: 0 })]).toEqual([h.code, []]);
    expect(new Set(households.map((h) => h.code)).size).toBe(households.length);
    expect(households.filter((h) => h.type === 'alleviated').length).toBeGreaterThanOrEqual(10);
    expect(households.filter((h) => h.type === 'general').length).toBeGreaterThanOrEqual(10);
    expect(households.filter((h) => isKeyGroupHousehold(h)).length).toBeGreaterThanOrEqual(10);
    expect(households.filter((h) => !isKeyGroupHousehold(h)).length).toBeGreaterThanOrEqual(10);
    for (const h of households) expect(placementOf(tree, h.placement.gridCode as string)).toEqual(h.placement);
  });

  it('gives every person an invented but valid ID number with the fictitious 9999 prefix, each once', () => {
    const ids = households.flatMap((h) => h.members.map((m) => m.idNumber));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id.startsWith(DEMO_ID_PREFIX)).toBe(true);
      expect(checkIdNumber(id).ok).toBe(true);
    }
    expect(DEMO_ID_PREFIX.slice(0, 2)).toBe('99');
    expect(checkIdNumber(demoIdNumber('19580312', 5, true))).toMatchObject({ ok: true, birth: '1958-03-12', sex: 'male' });
    expect(checkIdNumber(demoIdNumber('19580312', 5, false))).toMatchObject({ ok: true, sex: 'female' });
  });

  it('is the same city every time', () => {
    expect(demoHouseholds()).toEqual(households);
  });

  it('has staff of every role, each valid for their jurisdiction, and a grid worker for each household', () => {
    expect(new Set(DEMO_STAFF.map((s) => s.role))).toEqual(new Set(ROLES));
    expect(new Set(DEMO_STAFF.map((s) => s.userId)).size).toBe(DEMO_STAFF.length);
    for (const s of DEMO_STAFF) expect([s.userId, validateStaff(s, tree)]).toEqual([s.userId, []]);
    for (const h of households) {
      const worker = DEMO_STAFF.find((s) => s.userId === h.contactStaff);
      expect(worker).toMatchObject({ role: 'grid_worker', jurisdiction: { code: h.placement.gridCode } });
    }
  });

  it('has two or three farmers in its villages, exactly one bound to a household of the register', () => {
    expect(DEMO_FARMERS.length).toBeGreaterThanOrEqual(2);
    expect(DEMO_FARMERS.length).toBeLessThanOrEqual(3);
    for (const f of DEMO_FARMERS) expect(tree.byCode.get(f.villageCode)?.level).toBe('village');
    const bound = DEMO_FARMERS.filter((f) => f.boundHouseholdCode !== null);
    expect(bound).toHaveLength(1);
    const h = households.find((x) => x.code === bound[0]!.boundHouseholdCode);
    expect(h?.headName).toBe(bound[0]!.name);
  });

  it('leaves each grid worker of 石门村 a plain household to screen in one line', () => {
    expect(unscreenedGeneral('liuhaiyan').length).toBeGreaterThanOrEqual(2);
    for (const head of unscreenedGeneral('liuhaiyan')) {
      const h = households.find((x) => x.headName === head)!;
      expect([h.placement.gridCode, isKeyGroupHousehold(h)]).toEqual(['999900101201-01', false]);
    }
  });
});
