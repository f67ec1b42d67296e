import { describe, expect, it } from 'vitest';
import { buildRegionTree, isWithin, namesGrids, pathCodes, placementOf, regionProblemText, type RegionProblem } from '../../src/domain/hierarchy.js';
import { regionLabel, resolveRegion, shortName, type ResolveOptions } from '../../src/domain/region-names.js';
import type { Region } from '../../src/domain/types.js';
import { DEMO, DEMO_REGIONS, demoTree } from '../helpers/regions.js';

const r = (code: string, name: string, level: Region['level'], parentCode: string | null, aliases: string[] = [], levels?: Region['levels']): Region => ({
  code,
  name,
  level,
  parentCode,
  aliases,
  ...(levels ? { levels } : {}),
});
const city = r('610821', '神木市', 'city', null);
const town = r('610821101', '高家堡镇', 'town', '610821');
const village = r('610821101201', '凉水井村', 'village', '610821101');

describe('building a region tree', () => {
  it('accepts a well-formed tree and places codes in it', () => {
    const tree = demoTree();
    expect(pathCodes(tree, DEMO.lsjGrid1)).toEqual([DEMO.city, DEMO.gjb, DEMO.lsj, DEMO.lsjGrid1]);
    expect(placementOf(tree, DEMO.lsjGrid1)).toEqual({ cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 });
    expect(placementOf(tree, DEMO.lsj)).toEqual({ cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj, gridCode: null });
    expect(placementOf(tree, DEMO.gjb)).toBeNull();
    expect(placementOf(tree, 'nope')).toBeNull();
    expect(isWithin(tree, DEMO.lsjGrid1, DEMO.gjb)).toBe(true);
    expect(isWithin(tree, DEMO.dtXincun, DEMO.gjb)).toBe(false);
    expect(namesGrids(tree, DEMO.lsj)).toBe(true);
  });

  it.each<[string, Region[], RegionProblem[]]>([
    ['a duplicate code', [city, town, { ...town, name: '店塔镇' }], [{ code: 'REGION.DUPLICATE_CODE', region: town.code }]],
    ['a village directly under the city', [city, r('610821201', '凉水井村', 'village', '610821')], [{ code: 'REGION.WRONG_PARENT_LEVEL', region: '610821201', level: 'village', parentLevel: 'city' }]],
    ['a grid under a town', [city, town, r('g1', '一网格', 'grid', town.code)], [{ code: 'REGION.WRONG_PARENT_LEVEL', region: 'g1', level: 'grid', parentLevel: 'town' }]],
    ['an unknown parent', [city, r('610821101201', '凉水井村', 'village', '610821999')], [{ code: 'REGION.UNKNOWN_PARENT', region: '610821101201', parentCode: '610821999' }]],
    ['a town without parent', [city, r('610821101', '高家堡镇', 'town', null)], [{ code: 'REGION.NO_PARENT', region: '610821101' }]],
    ['a city with a parent', [r('610821', '神木市', 'city', '61')], [{ code: 'REGION.CITY_WITH_PARENT', region: '610821' }]],
    ['a code with spaces', [city, r('高家 堡', '高家堡镇', 'town', '610821')], [{ code: 'REGION.BAD_CODE', region: '高家 堡' }]],
    ['an empty name', [city, r('610821101', ' ', 'town', '610821')], [{ code: 'REGION.NO_NAME', region: '610821101' }]],
    ['two siblings of one name', [city, town, r('610821102', '高家堡镇', 'town', '610821')], [{ code: 'REGION.DUPLICATE_SIBLING_NAME', region: '610821102', other: town.code, name: '高家堡镇' }]],
    ['an alias equal to a sibling name', [city, town, r('610821102', '店塔镇', 'town', '610821', ['高家堡镇'])], [{ code: 'REGION.ALIAS_IS_SIBLING_NAME', region: '610821102', alias: '高家堡镇', other: town.code }]],
    ['a grid in a city without grids', [{ ...city, levels: ['city', 'town', 'village'] }, town, village, r('g1', '一网格', 'grid', village.code)], [{ code: 'REGION.LEVEL_NOT_NAMED', region: 'g1', level: 'grid' }]],
    ['bad city levels', [{ ...city, levels: ['city', 'village'] }], [{ code: 'REGION.BAD_LEVELS', region: city.code }]],
  ])('refuses %s', (_what, regions, problems) => {
    const built = buildRegionTree(regions);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problems).toEqual(problems);
  });

  it.each<[string, Region[]]>([
    ['same village name in two towns', DEMO_REGIONS],
    ['a city without grids', [{ ...city, levels: ['city', 'town', 'village'] }, town, village]],
    ['an alias equal to a cousin name', [city, town, village, r('610821102', '店塔镇', 'town', '610821'), r('610821102201', '店塔村', 'village', '610821102', ['凉水井村'])]],
  ])('allows %s', (_what, regions) => {
    expect(buildRegionTree(regions).ok).toBe(true);
  });

  it('says each problem in Chinese', () => {
    expect(regionProblemText({ code: 'REGION.WRONG_PARENT_LEVEL', region: 'g1', level: 'grid', parentLevel: 'town' })).toBe('g1 是网格，其上级不能是镇街');
    expect(regionProblemText({ code: 'REGION.LEVEL_NOT_NAMED', region: 'g1', level: 'grid' })).toBe('g1：本市未设网格一级');
  });

  it('reports a city without grids as naming none', () => {
    const built = buildRegionTree([{ ...city, levels: ['city', 'town', 'village'] }, town, village]);
    expect(built.ok && namesGrids(built.tree, village.code)).toBe(false);
  });
});

describe('resolving names as people type them', () => {
  const tree = demoTree();
  type Expect = { found: string; match: string } | { ambiguous: string[] } | 'not_found';
  it.each<[string, ResolveOptions, Expect]>([
    ['高家堡镇', {}, { found: DEMO.gjb, match: 'exact' }],
    ['高家堡', { level: 'town' }, { found: DEMO.gjb, match: 'alias' }],
    ['GJB', {}, { found: DEMO.gjb, match: 'alias' }],
    ['ｇｊｂ', {}, { found: DEMO.gjb, match: 'alias' }],
    ['高家堡镇 凉水井村', {}, { found: DEMO.lsj, match: 'exact' }],
    ['高家堡镇凉水井村', {}, { found: DEMO.lsj, match: 'exact' }],
    ['高家堡 凉水井', {}, { found: DEMO.lsj, match: 'alias' }],
    ['凉水井', {}, { found: DEMO.lsj, match: 'alias' }],
    ['凉水', { level: 'village' }, { found: DEMO.lsj, match: 'prefix' }],
    // The village and its two grids all start with 凉水: ask which.
    ['凉水', {}, { ambiguous: [DEMO.lsj, DEMO.lsjGrid1, DEMO.lsjGrid2] }],
    ['凉水', { prefix: false }, 'not_found'],
    ['新村', {}, { ambiguous: [DEMO.gjbXincun, DEMO.dtXincun] }],
    ['店塔镇 新村', {}, { found: DEMO.dtXincun, match: 'exact' }],
    ['gjb/xc', {}, { found: DEMO.gjbXincun, match: 'alias' }],
    ['新村', { within: DEMO.dianta }, { found: DEMO.dtXincun, match: 'exact' }],
    // Exact beats alias: 高家堡村 (a village in 店塔镇) is exactly what was typed.
    ['高家堡村', {}, { found: DEMO.dtGjbVillage, match: 'exact' }],
    // "高家堡" is an alias of the town and the short name of the village: same rank, so ask.
    ['高家堡', {}, { ambiguous: [DEMO.gjb, DEMO.dtGjbVillage] }],
    ['一网格', {}, { ambiguous: [DEMO.lsjGrid1, '610821101202-01'] }],
    ['凉水井村 一网格', {}, { found: DEMO.lsjGrid1, match: 'alias' }],
    ['高家堡镇 凉水井村 凉水井二网格', { level: 'grid' }, { found: DEMO.lsjGrid2, match: 'exact' }],
    ['麟州街道办', {}, { found: '610821103', match: 'alias' }],
    ['麟州', { level: 'town' }, { found: '610821103', match: 'alias' }],
    ['店塔镇 凉水井村', {}, 'not_found'],
    ['榆阳区', {}, 'not_found'],
    ['  ', {}, 'not_found'],
  ])('%s %o', (query, opts, expected) => {
    const res = resolveRegion(tree, query, opts);
    if (expected === 'not_found') expect(res).toEqual({ status: 'not_found' });
    else if ('found' in expected) expect(res.status === 'found' && { found: res.region.code, match: res.match }).toEqual(expected);
    else expect(res.status === 'ambiguous' && res.candidates.map((c) => c.code)).toEqual(expected.ambiguous);
  });

  it.each([
    ['高家堡镇', '高家堡'],
    ['麟州街道', '麟州'],
    ['凉水井村', '凉水井'],
    ['新村', null],
    ['凉水井一网格', '凉水井一'],
  ])('short name of %s is %s', (name, short) => {
    expect(shortName(name)).toBe(short);
  });

  it('labels a region by its path below the city', () => {
    expect(regionLabel(tree, DEMO.lsjGrid1)).toBe('高家堡镇凉水井村凉水井一网格');
  });
});
