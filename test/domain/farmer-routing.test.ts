import { describe, expect, it } from 'vitest';
import { responsibleStaff } from '../../src/domain/farmer-routing.js';
import type { Placement, Staff } from '../../src/domain/types.js';
import { DEMO, demoTree } from '../helpers/regions.js';

const s = (userId: string, role: Staff['role'], level: Staff['jurisdiction']['level'], code: string, active = true): Staff => ({ userId, name: userId, phone: null, role, jurisdiction: { level, code }, active });
const ROSTER = [
  s('g1', 'grid_worker', 'grid', DEMO.lsjGrid1),
  s('g2', 'grid_worker', 'grid', DEMO.lsjGrid2),
  s('gv', 'grid_worker', 'village', DEMO.lsj),
  s('gx', 'grid_worker', 'grid', DEMO.lsjGrid1, false),
  s('c1', 'village_cadre', 'village', DEMO.lsj),
  s('t1', 'town_official', 'town', DEMO.gjb),
  s('t2', 'town_official', 'town', DEMO.dianta),
  s('other', 'grid_worker', 'village', DEMO.gjbXincun),
];
const at = (villageCode: string, gridCode: string | null, townCode: string = DEMO.gjb): Placement => ({ cityCode: DEMO.city, townCode, villageCode, gridCode });

describe('who is told about a farmer’s case', () => {
  it.each<[string, Placement, string | null, string[]]>([
    ['the 联系干部 first, then the cadre', at(DEMO.lsj, DEMO.lsjGrid1), 'gv', ['gv', 'c1']],
    ['an inactive or unknown 联系干部 is skipped: the grid’s grid worker', at(DEMO.lsj, DEMO.lsjGrid1), 'gx', ['g1', 'c1']],
    ['the grid’s own grid worker when the household has a grid', at(DEMO.lsj, DEMO.lsjGrid2), null, ['g2', 'c1']],
    ['no grid known: the village’s grid workers, then those of its grids', at(DEMO.lsj, null), null, ['gv', 'g1', 'g2', 'c1']],
    ['nobody in the village: its town officials', at(DEMO.dtXincun, null, DEMO.dianta), null, ['t2']],
    ['a 联系干部 who is also the cadre is told once', at(DEMO.lsj, DEMO.lsjGrid1), 'c1', ['c1']],
  ])('%s', (_t, placement, contact, expected) => {
    expect(responsibleStaff(ROSTER, demoTree(), placement, contact).map((x) => x.userId)).toEqual(expected);
  });
});
