import { describe, expect, it } from 'vitest';
import { decideAccess, visibleScope, type Action, type Resource, type Scope, type Viewer } from '../../src/domain/access.js';
import type { Department } from '../../src/domain/catalog.js';
import type { Jurisdiction, Role } from '../../src/domain/roles.js';
import type { Placement } from '../../src/domain/types.js';
import { DEMO } from '../helpers/regions.js';

const staff = (role: Role, jurisdiction: Jurisdiction, over: { active?: boolean; department?: Department | null } = {}): Viewer => ({
  kind: 'staff',
  staff: { userId: `u_${role}`, role, jurisdiction, active: over.active ?? true, department: over.department ?? null },
});
const at = (level: Jurisdiction['level'], code: string): Jurisdiction => ({ level, code });

const viewers: Record<string, Viewer> = {
  grid_worker: staff('grid_worker', at('grid', DEMO.lsjGrid1)),
  grid_worker_village: staff('grid_worker', at('village', DEMO.lsj)),
  village_cadre: staff('village_cadre', at('village', DEMO.lsj)),
  screening_team: staff('screening_team', at('village', DEMO.lsj)),
  town_official: staff('town_official', at('town', DEMO.gjb)),
  city_bureau: staff('city_bureau', at('city', DEMO.city)),
  admin: staff('admin', at('city', DEMO.city)),
  department: staff('department', at('city', DEMO.city), { department: 'civil_affairs' }),
  inactive_town_official: staff('town_official', at('town', DEMO.gjb), { active: false }),
  farmer: { kind: 'farmer', externalUserId: 'wm_farmer', boundHouseholdId: 1 },
  unbound_farmer: { kind: 'farmer', externalUserId: 'wm_other', boundHouseholdId: null },
};

const place = (townCode: string, villageCode: string, gridCode: string | null, cityCode: string = DEMO.city): Placement => ({ cityCode, townCode, villageCode, gridCode });
/** Columns of the household and lead tables below, in order. */
const places: Array<[string, Placement]> = [
  ['own grid', place(DEMO.gjb, DEMO.lsj, DEMO.lsjGrid1)],
  ['other grid, same village', place(DEMO.gjb, DEMO.lsj, DEMO.lsjGrid2)],
  ['village without grid', place(DEMO.gjb, DEMO.lsj, null)],
  ['other village, same town', place(DEMO.gjb, DEMO.gjbXincun, '610821101202-01')],
  ['other town', place(DEMO.dianta, DEMO.dtXincun, null)],
  ['other city', place('610802001', '610802001201', null, '610802')],
];

/** One letter per column of `places`: Y allowed, N denied. Read and write agree for households. */
const householdTable: Array<[string, string, string]> = [
  ['grid_worker', 'YNNNNN', 'out_of_jurisdiction'],
  ['grid_worker_village', 'YYYNNN', 'out_of_jurisdiction'],
  ['village_cadre', 'YYYNNN', 'out_of_jurisdiction'],
  ['screening_team', 'YYYNNN', 'out_of_jurisdiction'],
  ['town_official', 'YYYYNN', 'out_of_jurisdiction'],
  ['city_bureau', 'YYYYYN', 'out_of_jurisdiction'],
  ['admin', 'YYYYYN', 'out_of_jurisdiction'],
  ['department', 'NNNNNN', 'role'],
  ['inactive_town_official', 'NNNNNN', 'inactive'],
];

function expectDecision(viewer: Viewer, action: Action, resource: Resource, allowed: boolean, reason: string) {
  expect(decideAccess(viewer, action, resource)).toEqual(allowed ? { allowed: true } : { allowed: false, reason });
}

describe('access to households: every staff role × in/out of jurisdiction', () => {
  const cases = householdTable.flatMap(([who, row, reason]) =>
    places.flatMap(([where, placement], i) => (['read', 'write'] as const).map((action) => [who, action, where, placement, row[i] === 'Y', reason] as const)),
  );
  it.each(cases)('%s %s a household in %s', (who, action, _where, placement, allowed, reason) => {
    expectDecision(viewers[who] as Viewer, action, { kind: 'household', householdId: 2, placement }, allowed, reason);
  });
});

describe('access to risk leads (by their household placement)', () => {
  const cases = householdTable.flatMap(([who, row, reason]) =>
    places.map(([where, placement], i) => [who, where, placement, who === 'department' ? false : row[i] === 'Y', who === 'department' ? 'not_own' : reason] as const),
  );
  it.each(cases)('%s reads a screening lead in %s', (who, _where, placement, allowed, reason) => {
    expectDecision(viewers[who] as Viewer, 'read', { kind: 'lead', placement, source: 'cadre_screening' }, allowed, reason);
  });

  const own: Resource = { kind: 'lead', placement: places[4]![1], source: 'department_warning', department: 'civil_affairs' };
  const others: Resource = { kind: 'lead', placement: places[4]![1], source: 'department_warning', department: 'education' };
  const unplaced: Resource = { kind: 'lead', placement: null, source: 'self_declared', declaredBy: 'wm_farmer' };
  it.each<[string, Action, Resource, boolean, string]>([
    ['department', 'read', own, true, ''],
    ['department', 'write', own, false, 'read_only'],
    ['department', 'read', others, false, 'not_own'],
    ['city_bureau', 'write', own, true, ''],
    ['town_official', 'read', own, false, 'out_of_jurisdiction'],
    ['city_bureau', 'read', unplaced, true, ''],
    ['town_official', 'read', unplaced, false, 'out_of_jurisdiction'],
    ['grid_worker', 'read', unplaced, false, 'out_of_jurisdiction'],
    ['department', 'read', unplaced, false, 'not_own'],
    ['farmer', 'read', unplaced, true, ''],
    ['farmer', 'write', unplaced, false, 'read_only'],
    ['unbound_farmer', 'read', unplaced, false, 'not_own'],
    ['farmer', 'read', own, false, 'not_own'],
  ])('%s %s a lead %#', (who, action, resource, allowed, reason) => {
    expectDecision(viewers[who] as Viewer, action, resource, allowed, reason);
  });
});

describe('access to reports of a region', () => {
  const scopes: Array<[string, Scope]> = [
    ['the city', { cityCode: DEMO.city }],
    ['own town', { cityCode: DEMO.city, townCode: DEMO.gjb }],
    ['own village', { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj }],
    ['own grid', { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 }],
    ['another village', { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.gjbXincun }],
    ['another town', { cityCode: DEMO.city, townCode: DEMO.dianta }],
  ];
  const table: Array<[string, string, string]> = [
    ['grid_worker', 'NNNYNN', 'out_of_jurisdiction'],
    ['grid_worker_village', 'NNYYNN', 'out_of_jurisdiction'],
    ['village_cadre', 'NNYYNN', 'out_of_jurisdiction'],
    ['screening_team', 'NNYYNN', 'out_of_jurisdiction'],
    ['town_official', 'NYYYYN', 'out_of_jurisdiction'],
    ['city_bureau', 'YYYYYY', ''],
    ['admin', 'YYYYYY', ''],
    ['department', 'NNNNNN', 'not_own'],
    ['inactive_town_official', 'NNNNNN', 'inactive'],
    ['farmer', 'NNNNNN', 'role'],
  ];
  const cases = table.flatMap(([who, row, reason]) => scopes.map(([where, scope], i) => [who, where, scope, row[i] === 'Y', reason] as const));
  it.each(cases)('%s reads the report of %s', (who, _where, scope, allowed, reason) => {
    expectDecision(viewers[who] as Viewer, 'read', { kind: 'report', scope }, allowed, reason);
  });

  it.each<[string, Action, Resource, boolean, string]>([
    ['department', 'read', { kind: 'report', scope: { cityCode: DEMO.city }, department: 'civil_affairs' }, true, ''],
    ['department', 'write', { kind: 'report', scope: { cityCode: DEMO.city }, department: 'civil_affairs' }, false, 'read_only'],
    ['department', 'read', { kind: 'report', scope: { cityCode: DEMO.city }, department: 'education' }, false, 'not_own'],
    ['department', 'read', { kind: 'report', scope: { cityCode: DEMO.city, townCode: DEMO.gjb }, department: 'civil_affairs' }, false, 'not_own'],
    ['department', 'read', { kind: 'report', scope: { cityCode: '610802' }, department: 'civil_affairs' }, false, 'not_own'],
  ])("%s %s a department's warning report %#", (who, action, resource, allowed, reason) => {
    expectDecision(viewers[who] as Viewer, action, resource, allowed, reason);
  });
});

describe('department warnings, declarations and farmers', () => {
  const placement = places[0]![1];
  it.each<[string, Action, Resource, boolean, string]>([
    ['department', 'write', { kind: 'warning', department: 'civil_affairs' }, true, ''],
    ['department', 'read', { kind: 'warning', department: 'education' }, false, 'not_own'],
    ['city_bureau', 'read', { kind: 'warning', department: 'education' }, true, ''],
    ['admin', 'write', { kind: 'warning', department: 'education' }, true, ''],
    ['town_official', 'read', { kind: 'warning', department: 'education' }, false, 'role'],
    ['farmer', 'read', { kind: 'warning', department: 'education' }, false, 'role'],
    ['farmer', 'read', { kind: 'declaration', declaredBy: 'wm_farmer', placement: null }, true, ''],
    ['farmer', 'write', { kind: 'declaration', declaredBy: 'wm_farmer', placement: null }, true, ''],
    ['farmer', 'read', { kind: 'declaration', declaredBy: 'wm_other', placement }, false, 'not_own'],
    ['grid_worker', 'read', { kind: 'declaration', declaredBy: 'wm_farmer', placement }, true, ''],
    ['grid_worker', 'read', { kind: 'declaration', declaredBy: 'wm_farmer', placement: places[1]![1] }, false, 'out_of_jurisdiction'],
    ['department', 'read', { kind: 'declaration', declaredBy: 'wm_farmer', placement }, false, 'role'],
    ['farmer', 'read', { kind: 'household', householdId: 1, placement }, true, ''],
    ['farmer', 'write', { kind: 'household', householdId: 1, placement }, false, 'read_only'],
    ['farmer', 'read', { kind: 'household', householdId: 2, placement }, false, 'not_own'],
    ['unbound_farmer', 'read', { kind: 'household', householdId: 1, placement }, false, 'not_own'],
  ])('%s %s %o', (who, action, resource, allowed, reason) => {
    expectDecision(viewers[who] as Viewer, action, resource, allowed, reason);
  });

  it('gives list queries the same scope as single decisions', () => {
    expect(visibleScope(viewers.town_official as Viewer)).toEqual({ kind: 'node', jurisdiction: at('town', DEMO.gjb) });
    expect(visibleScope(viewers.department as Viewer)).toEqual({ kind: 'none' });
    expect(visibleScope(viewers.inactive_town_official as Viewer)).toEqual({ kind: 'none' });
    expect(visibleScope(viewers.farmer as Viewer)).toEqual({ kind: 'none' });
  });
});
