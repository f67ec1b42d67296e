/**
 * A small, fixed hierarchy for tests: 神木市 with three towns, villages (two named 新村, in
 * different towns) and grids, aliases as a county would load them.
 */
import { buildRegionTree, type RegionTree } from '../../src/domain/hierarchy.js';
import type { Region } from '../../src/domain/types.js';

const r = (code: string, name: string, level: Region['level'], parentCode: string | null, aliases: string[] = []): Region => ({ code, name, level, parentCode, aliases });

export const DEMO_REGIONS: Region[] = [
  r('610821', '神木市', 'city', null, ['sm']),
  r('610821101', '高家堡镇', 'town', '610821', ['gjb']),
  r('610821101201', '凉水井村', 'village', '610821101', ['lsj']),
  r('610821101201-01', '凉水井一网格', 'grid', '610821101201', ['一网格']),
  r('610821101201-02', '凉水井二网格', 'grid', '610821101201', ['二网格']),
  r('610821101202', '新村', 'village', '610821101', ['xc']),
  r('610821101202-01', '新村一网格', 'grid', '610821101202', ['一网格']),
  r('610821102', '店塔镇', 'town', '610821', ['dt']),
  r('610821102201', '新村', 'village', '610821102', ['xc']),
  r('610821102202', '高家堡村', 'village', '610821102'),
  r('610821103', '麟州街道', 'town', '610821', ['lz', '麟州街道办']),
  r('610821103201', '麟州社区', 'village', '610821103'),
];

export function demoTree(regions: Region[] = DEMO_REGIONS): RegionTree {
  const built = buildRegionTree(regions);
  if (!built.ok) throw new Error(`demo regions invalid: ${JSON.stringify(built.problems)}`);
  return built.tree;
}

export const DEMO = {
  city: '610821',
  gjb: '610821101',
  lsj: '610821101201',
  lsjGrid1: '610821101201-01',
  lsjGrid2: '610821101201-02',
  gjbXincun: '610821101202',
  dianta: '610821102',
  dtXincun: '610821102201',
  dtGjbVillage: '610821102202',
} as const;
