/**
 * The hierarchy 市 → 镇街 → 行政村 → 网格: building and validating a tree of regions, and placing
 * a region code in it. Name resolution (what people type) is in region-names.ts.
 *
 * @example
 *   const r = buildRegionTree([
 *     { code: '610821', name: '神木市', level: 'city', parentCode: null, aliases: ['sm'] },
 *     { code: '610821101', name: '高家堡镇', level: 'town', parentCode: '610821', aliases: ['gjb'] },
 *   ]);
 *   if (r.ok) placementOf(r.tree, '610821101'); // { cityCode: '610821', townCode: '610821101', … }
 */
import type { Level } from './roles.js';
import type { Placement, Region } from './types.js';

/** Every level, top down. */
export const LEVELS: readonly Level[] = ['city', 'town', 'village', 'grid'];

export const LEVEL_LABEL: Record<Level, string> = { city: '市', town: '镇街', village: '行政村', grid: '网格' };

/** A city that names no grids. */
export const LEVELS_WITHOUT_GRID: readonly Level[] = ['city', 'town', 'village'];

export interface RegionTree {
  readonly byCode: ReadonlyMap<string, Region>;
  /** Children in input order; key null holds the cities. */
  readonly children: ReadonlyMap<string | null, readonly Region[]>;
}

export type RegionProblem =
  | { code: 'REGION.BAD_CODE'; region: string }
  | { code: 'REGION.NO_NAME'; region: string }
  | { code: 'REGION.DUPLICATE_CODE'; region: string }
  | { code: 'REGION.CITY_WITH_PARENT'; region: string }
  | { code: 'REGION.NO_PARENT'; region: string }
  | { code: 'REGION.UNKNOWN_PARENT'; region: string; parentCode: string }
  | { code: 'REGION.WRONG_PARENT_LEVEL'; region: string; level: Level; parentLevel: Level }
  | { code: 'REGION.LEVEL_NOT_NAMED'; region: string; level: Level }
  | { code: 'REGION.BAD_LEVELS'; region: string }
  | { code: 'REGION.DUPLICATE_SIBLING_NAME'; region: string; other: string; name: string }
  | { code: 'REGION.ALIAS_IS_SIBLING_NAME'; region: string; alias: string; other: string };

export type RegionTreeResult = { ok: true; tree: RegionTree } | { ok: false; problems: RegionProblem[] };

// Codes are what statistics offices issue (digits) or what a county invents for grids (letters,
// digits, '-', '_'); anything else is probably a name typed into the code column.
const CODE_RE = /^[0-9A-Za-z_-]{1,32}$/;

/** The levels a city names (its own setting, or all four). */
export function cityLevels(city: Region | undefined): readonly Level[] {
  return city?.levels && city.levels.length > 0 ? city.levels : LEVELS;
}

function validLevels(levels: readonly Level[]): boolean {
  // city, town and village are always named; only the grid level is optional.
  return levels[0] === 'city' && levels[1] === 'town' && levels[2] === 'village' && (levels.length === 3 || (levels.length === 4 && levels[3] === 'grid'));
}

/**
 * Checks a list of regions and builds the tree: unique codes, each node under a node of the level
 * just above it (a village under a town, a grid under a village), only the levels its city names,
 * no two siblings with the same name, no alias equal to a sibling's name.
 */
export function buildRegionTree(regions: readonly Region[]): RegionTreeResult {
  const problems: RegionProblem[] = [];
  const byCode = new Map<string, Region>();
  for (const r of regions) {
    if (!CODE_RE.test(r.code)) problems.push({ code: 'REGION.BAD_CODE', region: r.code });
    if (r.name.trim() === '') problems.push({ code: 'REGION.NO_NAME', region: r.code });
    if (byCode.has(r.code)) problems.push({ code: 'REGION.DUPLICATE_CODE', region: r.code });
    else byCode.set(r.code, r);
  }
  const children = new Map<string | null, Region[]>();
  for (const r of byCode.values()) {
    if (r.level === 'city') {
      if (r.parentCode !== null) problems.push({ code: 'REGION.CITY_WITH_PARENT', region: r.code });
      if (r.levels && !validLevels(r.levels)) problems.push({ code: 'REGION.BAD_LEVELS', region: r.code });
    } else if (r.parentCode === null) {
      problems.push({ code: 'REGION.NO_PARENT', region: r.code });
    } else {
      const parent = byCode.get(r.parentCode);
      if (!parent) problems.push({ code: 'REGION.UNKNOWN_PARENT', region: r.code, parentCode: r.parentCode });
      else if (LEVELS.indexOf(parent.level) !== LEVELS.indexOf(r.level) - 1) {
        problems.push({ code: 'REGION.WRONG_PARENT_LEVEL', region: r.code, level: r.level, parentLevel: parent.level });
      }
    }
    const key = r.level === 'city' ? null : r.parentCode;
    const list = children.get(key) ?? [];
    list.push(r);
    children.set(key, list);
  }
  const tree: RegionTree = { byCode, children };
  for (const r of byCode.values()) {
    if (r.level === 'city') continue;
    const city = byCode.get(pathCodes(tree, r.code)[0] ?? '');
    if (city?.level === 'city' && !cityLevels(city).includes(r.level)) problems.push({ code: 'REGION.LEVEL_NOT_NAMED', region: r.code, level: r.level });
  }
  for (const siblings of children.values()) problems.push(...siblingProblems(siblings));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, tree };
}

function siblingProblems(siblings: readonly Region[]): RegionProblem[] {
  const problems: RegionProblem[] = [];
  const byName = new Map<string, Region>();
  for (const r of siblings) {
    const other = byName.get(r.name);
    if (other) problems.push({ code: 'REGION.DUPLICATE_SIBLING_NAME', region: r.code, other: other.code, name: r.name });
    else byName.set(r.name, r);
  }
  for (const r of siblings) {
    for (const alias of r.aliases) {
      const other = byName.get(alias);
      if (other && other.code !== r.code) problems.push({ code: 'REGION.ALIAS_IS_SIBLING_NAME', region: r.code, alias, other: other.code });
    }
  }
  return problems;
}

/** Codes from the city down to `code` (inclusive); empty when unknown. Stops on a cycle. */
export function pathCodes(tree: RegionTree, code: string): string[] {
  const path: string[] = [];
  let node = tree.byCode.get(code);
  while (node && path.length <= LEVELS.length) {
    path.unshift(node.code);
    node = node.parentCode === null ? undefined : tree.byCode.get(node.parentCode);
  }
  return path;
}

/** The regions from the city down to `code` (inclusive). */
export function pathOf(tree: RegionTree, code: string): Region[] {
  return pathCodes(tree, code).map((c) => tree.byCode.get(c) as Region);
}

/** Whether `code` is `ancestor` or lies below it. */
export function isWithin(tree: RegionTree, code: string, ancestor: string): boolean {
  return pathCodes(tree, code).includes(ancestor);
}

/**
 * Where a household placed at `code` (a village or a grid) belongs; null when the code is unknown
 * or names a city or town (households live in villages).
 */
export function placementOf(tree: RegionTree, code: string): Placement | null {
  const path = pathOf(tree, code);
  const at = (level: Level) => path.find((r) => r.level === level)?.code;
  const [cityCode, townCode, villageCode] = [at('city'), at('town'), at('village')];
  if (!cityCode || !townCode || !villageCode) return null;
  return { cityCode, townCode, villageCode, gridCode: at('grid') ?? null };
}

/** Whether the city of `code` names grids (and so whether a village may have them). */
export function namesGrids(tree: RegionTree, code: string): boolean {
  return cityLevels(tree.byCode.get(pathCodes(tree, code)[0] ?? '')).includes('grid');
}

/** The problem in words (Chinese, for the person who fixes the file). */
export function regionProblemText(p: RegionProblem): string {
  switch (p.code) {
    case 'REGION.BAD_CODE':
      return `区划代码「${p.region}」不合规（只能是1–32位字母、数字、-、_）`;
    case 'REGION.NO_NAME':
      return `区划代码 ${p.region} 缺少名称`;
    case 'REGION.DUPLICATE_CODE':
      return `区划代码 ${p.region} 重复`;
    case 'REGION.CITY_WITH_PARENT':
      return `${p.region} 是市级，不应有上级`;
    case 'REGION.NO_PARENT':
      return `${p.region} 缺少上级区划`;
    case 'REGION.UNKNOWN_PARENT':
      return `${p.region} 的上级区划 ${p.parentCode} 不存在`;
    case 'REGION.WRONG_PARENT_LEVEL':
      return `${p.region} 是${LEVEL_LABEL[p.level]}，其上级不能是${LEVEL_LABEL[p.parentLevel]}`;
    case 'REGION.LEVEL_NOT_NAMED':
      return `${p.region}：本市未设${LEVEL_LABEL[p.level]}一级`;
    case 'REGION.BAD_LEVELS':
      return `${p.region} 的层级设置不对（应为 市/镇街/行政村，或 市/镇街/行政村/网格）`;
    case 'REGION.DUPLICATE_SIBLING_NAME':
      return `同一上级下有两个「${p.name}」（${p.other} 与 ${p.region}）`;
    case 'REGION.ALIAS_IS_SIBLING_NAME':
      return `${p.region} 的别名「${p.alias}」与同级的 ${p.other} 重名`;
  }
}
