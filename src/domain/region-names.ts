/**
 * Resolving region names as people type them: "高家堡", "高家堡镇", "gjb", "高家堡镇 凉水井村",
 * "高家堡镇凉水井村", "凉水井". An exact name beats an alias (stored aliases such as pinyin initials,
 * and the name without its 镇/村/街道… suffix), an alias beats a prefix. When the best kind of match
 * has several regions the answer lists them: never a silent guess.
 *
 * @example
 *   resolveRegion(tree, '高家堡')            // { status: 'found', region: 高家堡镇, match: 'alias', … }
 *   resolveRegion(tree, '高家堡镇 凉水井村')  // { status: 'found', region: 凉水井村, match: 'exact', … }
 *   resolveRegion(tree, '新村')              // { status: 'ambiguous', candidates: [新村 (镇A), 新村 (镇B)] }
 */
import { toHalfWidth } from './id-number.js';
import { LEVELS, pathCodes, type RegionTree } from './hierarchy.js';
import type { Level } from './roles.js';
import type { Region } from './types.js';

export type MatchKind = 'exact' | 'alias' | 'prefix';

export type Resolution =
  | { status: 'found'; region: Region; match: MatchKind }
  | { status: 'ambiguous'; candidates: Region[] }
  | { status: 'not_found' };

export interface ResolveOptions {
  /** Only regions of this level count as answers (the last part of the query). */
  level?: Level;
  /** Only regions strictly below this code. */
  within?: string;
  /** Accept prefix matches (default true). Bulk imports turn this off. */
  prefix?: boolean;
}

// Longest first: "街道办事处" before "办事处" before "街道".
const SUFFIXES = ['街道办事处', '村民委员会', '办事处', '村委会', '居委会', '街道', '社区', '网格', '市', '县', '区', '镇', '乡', '村', '组'];
const SEPARATORS = /[\s/,，、·>＞]+/;
const RANK: Record<MatchKind, number> = { exact: 0, alias: 1, prefix: 2 };

/** Lower-case, half-width, no inner spaces: how names are compared. */
export function normalizeName(s: string): string {
  return toHalfWidth(s).trim().toLowerCase().replace(/\s+/g, '');
}

/** The name without its administrative suffix ("高家堡镇" → "高家堡"), or null when none applies. */
export function shortName(name: string): string | null {
  const n = normalizeName(name);
  const suffix = SUFFIXES.find((s) => n.endsWith(s) && n.length - s.length >= 2);
  return suffix ? n.slice(0, n.length - suffix.length) : null;
}

/**
 * A region's names as compared: normalized once per region object (a tree is shared and never
 * mutated), since every query compares against all of them (an import resolves thousands).
 */
const compared = new WeakMap<Region, { name: string; aliases: string[] }>();

function namesOf(r: Region): { name: string; aliases: string[] } {
  let names = compared.get(r);
  if (!names) {
    const aliases = r.aliases.map(normalizeName);
    const short = shortName(r.name);
    if (short !== null) aliases.push(short);
    names = { name: normalizeName(r.name), aliases };
    compared.set(r, names);
  }
  return names;
}

function matchKind(r: Region, q: string, prefix: boolean): MatchKind | null {
  const { name, aliases } = namesOf(r);
  if (name === q) return 'exact';
  if (aliases.includes(q)) return 'alias';
  if (prefix && [name, ...aliases].some((a) => a.startsWith(q))) return 'prefix';
  return null;
}

interface Candidate {
  region: Region;
  match: MatchKind;
}

/** Regions of the given levels matching one name inside `scope` (null: everywhere), best kind only. */
function matchOne(tree: RegionTree, q: string, scope: string | null, levels: readonly Level[], prefix: boolean): Candidate[] {
  let best: Candidate[] = [];
  for (const r of tree.byCode.values()) {
    if (!levels.includes(r.level)) continue;
    const m = matchKind(r, q, prefix);
    // The name first: walking up the tree for every region is the costly test.
    if (m === null) continue;
    if (scope !== null && (r.code === scope || !pathCodes(tree, r.code).includes(scope))) continue;
    if (best.length === 0 || RANK[m] < RANK[(best[0] as Candidate).match]) best = [{ region: r, match: m }];
    else if (RANK[m] === RANK[(best[0] as Candidate).match]) best.push({ region: r, match: m });
  }
  return best;
}

/** Levels a region above an answer of `level` may have (any level when the answer's is open). */
function levelsAbove(level: Level | undefined): readonly Level[] {
  return level ? LEVELS.slice(0, LEVELS.indexOf(level)) : LEVELS;
}

function answerLevels(level: Level | undefined): readonly Level[] {
  return level ? [level] : LEVELS;
}

/**
 * Resolves the parts of a query, each inside the region found for the part before it.
 * Returns every way the whole query matches (deduplicated by code), with the weakest match used.
 */
function resolveParts(tree: RegionTree, parts: string[], scope: string | null, opts: ResolveOptions, prefix: boolean): Candidate[] {
  const [head, ...rest] = parts;
  if (head === undefined) return [];
  if (rest.length === 0) return resolveToken(tree, head, scope, opts, prefix);
  const out: Candidate[] = [];
  // An intermediate part is a region above the answer's level.
  const upper = matchOne(tree, head, scope, levelsAbove(opts.level), prefix);
  for (const c of upper) {
    for (const d of resolveParts(tree, rest, c.region.code, opts, prefix)) {
      out.push({ region: d.region, match: RANK[c.match] > RANK[d.match] ? c.match : d.match });
    }
  }
  return dedupe(out);
}

/** One token: a direct match, or else a concatenation such as "高家堡镇凉水井村". */
function resolveToken(tree: RegionTree, token: string, scope: string | null, opts: ResolveOptions, prefix: boolean): Candidate[] {
  const direct = matchOne(tree, token, scope, answerLevels(opts.level), prefix);
  if (direct.length > 0) return direct;
  const out: Candidate[] = [];
  for (let cut = 2; cut <= token.length - 1; cut++) {
    const head = token.slice(0, cut);
    // The head of a concatenation must be a whole name or alias: a prefix would cut anywhere.
    for (const c of matchOne(tree, head, scope, levelsAbove(opts.level), false)) {
      for (const d of resolveToken(tree, token.slice(cut), c.region.code, opts, prefix)) {
        out.push({ region: d.region, match: RANK[c.match] > RANK[d.match] ? c.match : d.match });
      }
    }
  }
  return bestOf(dedupe(out));
}

function dedupe(cs: Candidate[]): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const c of cs) {
    const prev = seen.get(c.region.code);
    if (!prev || RANK[c.match] < RANK[prev.match]) seen.set(c.region.code, c);
  }
  return [...seen.values()];
}

function bestOf(cs: Candidate[]): Candidate[] {
  if (cs.length === 0) return cs;
  const top = Math.min(...cs.map((c) => RANK[c.match]));
  return cs.filter((c) => RANK[c.match] === top);
}

/** Resolves what a person typed to one region, or lists the candidates. */
export function resolveRegion(tree: RegionTree, query: string, opts: ResolveOptions = {}): Resolution {
  const parts = toHalfWidth(query).trim().split(SEPARATORS).map(normalizeName).filter((p) => p !== '');
  if (parts.length === 0) return { status: 'not_found' };
  const found = bestOf(resolveParts(tree, parts, opts.within ?? null, opts, opts.prefix !== false));
  if (found.length === 0) return { status: 'not_found' };
  if (found.length === 1) {
    const only = found[0] as Candidate;
    return { status: 'found', region: only.region, match: only.match };
  }
  return { status: 'ambiguous', candidates: found.map((c) => c.region).sort((a, b) => a.code.localeCompare(b.code)) };
}

/** "高家堡镇凉水井村" style label of a region's path below the city, for listing candidates. */
export function regionLabel(tree: RegionTree, code: string): string {
  return pathCodes(tree, code)
    .map((c) => tree.byCode.get(c) as Region)
    .filter((r) => r.level !== 'city')
    .map((r) => r.name)
    .join('');
}
