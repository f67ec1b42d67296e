/**
 * Finding the town or village a text names, from the register's names and aliases.
 *
 * People write "高家堡", "高家堡镇", "gjb", "高家堡镇凉水井村", "凉水井". The rules:
 * - a region is found by its full name (exact), by an alias or its name without the level word
 *   (高家堡镇 → 高家堡, 凉水井村 → 凉水井; alias), and only when neither occurs, by the start of a
 *   name (prefix: "高家" → 高家堡镇) or a part of it (contains);
 * - exact beats alias beats prefix beats contains, but only between readings of the same words;
 *   two places named in different words ("高家堡和店塔") are ambiguous;
 * - a town named together with its village ("高家堡镇凉水井村") picks the village of that town,
 *   also when the village is only begun ("店塔镇石角" → 石角塔村);
 * - latin aliases ("gjb") match whole words only, in any letter case;
 * - `scope` (a jurisdiction) limits the search; a place found only outside it is reported as
 *   `outOfScope`, so the bot can say it is not the asker's area rather than "not found".
 * Never a silent guess: several candidates come back as `ambiguous`.
 *
 * @example
 *   resolveRegion('高家堡镇凉水井村进度', regions)
 *   // { kind: 'one', region: { name: '凉水井村', … }, by: 'exact', matched: '凉水井村' }
 *   resolveRegion('凉水井', regions)   // { kind: 'ambiguous', candidates: [凉水井村 (高家堡镇), 凉水井村 (店塔镇)], by: 'alias' }
 *   resolveRegion('北京', regions)     // { kind: 'none', outOfScope: [] }
 */
import type { Region } from '../../domain/types.js';
import type { Level } from '../../domain/roles.js';
import { soundsAlike } from './name-sounds.js';
import { normalize } from './normalize.js';

export type MatchStrength = 'exact' | 'alias' | 'prefix' | 'contains' | 'sound';

export type RegionResolution =
  | { kind: 'one'; region: Region; by: MatchStrength; matched: string }
  | { kind: 'ambiguous'; candidates: Region[]; by: MatchStrength }
  | { kind: 'none'; outOfScope: Region[] };

export interface ResolveRegionOptions {
  /** Only regions of these levels are candidates (default: any). */
  levels?: readonly Level[];
}

const RANK: Record<MatchStrength, number> = { exact: 3, alias: 2, prefix: 1, contains: 0, sound: -1 };
const LEVEL_WORD = /(?:街道办事处|街道办|街道|办事处|村民委员会|村委会|居委会|社区|镇|乡|村|市|县|区|组)$/;
// Words of the questions around a place name, removed before the prefix/contains search.
const QUERY_WORDS = /进度|情况|怎么样|如何|查询|查一下|查|看看|看下|看|还没报|没报|未报|没交|哪些|哪几个|超期|线索|问题|导出|附件\d?|排查|统计|报表|多少|汇总|本周|上周|这周|的|了|吗|呢|请|一下|全市|零/g;

interface Occurrence {
  region: Region;
  start: number;
  end: number;
  rank: number;
  form: string;
}

/** The names a region is known by, with their strength. */
function formsOf(r: Region): Array<{ form: string; rank: number }> {
  const out = [{ form: r.name.toLowerCase(), rank: RANK.exact }];
  const short = r.name.replace(LEVEL_WORD, '');
  if (short !== r.name && short.length >= 2) out.push({ form: short.toLowerCase(), rank: RANK.alias });
  for (const a of r.aliases) if (a.trim() !== '') out.push({ form: normalize(a).toLowerCase(), rank: RANK.alias });
  return out;
}

function occurrencesIn(t: string, regions: readonly Region[]): Occurrence[] {
  const found: Occurrence[] = [];
  for (const region of regions) {
    for (const { form, rank } of formsOf(region)) {
      const latin = /^[a-z0-9]+$/.test(form);
      for (let at = t.indexOf(form); at >= 0; at = t.indexOf(form, at + 1)) {
        const end = at + form.length;
        if (latin && (/[a-z0-9]/.test(t[at - 1] ?? '') || /[a-z0-9]/.test(t[end] ?? ''))) continue;
        found.push({ region, start: at, end, rank, form });
      }
    }
  }
  // A shorter name inside a longer one is not a mention of its own ("高家堡" inside "高家堡镇").
  return found.filter((o) => !found.some((p) => p.start <= o.start && p.end >= o.end && p.end - p.start > o.end - o.start));
}

function ancestorsOf(r: Region, byCode: Map<string, Region>): Set<string> {
  const out = new Set<string>();
  for (let p = r.parentCode; p !== null && !out.has(p); p = byCode.get(p)?.parentCode ?? null) out.add(p);
  return out;
}

const overlap = (a: Occurrence, b: Occurrence) => a.start < b.end && b.start < a.end;

/** Chooses among exact/alias occurrences; null when there are none. */
function decide(occurrences: Occurrence[], byCode: Map<string, Region>, levelOk: (r: Region) => boolean): RegionResolution | null {
  const best = new Map<string, Occurrence>();
  for (const o of occurrences) {
    const had = best.get(o.region.code);
    if (!had || o.rank > had.rank) best.set(o.region.code, o);
  }
  const matched = [...best.values()];
  const ancestors = new Map(matched.map((o) => [o.region.code, ancestorsOf(o.region, byCode)]));
  // `a` is context for `o` when it is o's ancestor named in other words ("高家堡镇" + "凉水井村");
  // the same words read as a town and as its village are two readings, not context.
  const contextFor = (o: Occurrence, a: Occurrence) => !overlap(o, a) && (ancestors.get(o.region.code)?.has(a.region.code) ?? false);
  let finals = matched.filter((a) => !matched.some((o) => contextFor(o, a)));
  const withContext = finals.filter((o) => matched.some((a) => contextFor(o, a)));
  if (withContext.length > 0) finals = withContext;
  // With a level asked for, a context region of that level is the answer ("高家堡镇凉水井村", towns only).
  finals = finals.filter((o) => levelOk(o.region));
  if (finals.length === 0) finals = matched.filter((o) => levelOk(o.region));
  if (finals.length === 0) return null;
  // Strength decides only between readings of the same words.
  const sameWords = finals.every((o) => finals.every((p) => overlap(o, p)));
  if (sameWords) {
    const top = Math.max(...finals.map((o) => o.rank));
    finals = finals.filter((o) => o.rank === top);
  }
  const by: MatchStrength = (finals[0] as Occurrence).rank === RANK.exact ? 'exact' : 'alias';
  if (finals.length === 1) {
    const o = finals[0] as Occurrence;
    return { kind: 'one', region: o.region, by, matched: o.form };
  }
  return { kind: 'ambiguous', candidates: finals.map((o) => o.region), by };
}

/** The pieces of `t` left once the question's words are removed, split where `apart` matches, of `min` characters or more. */
const chunksOf = (t: string, apart: RegExp, min: number): string[] =>
  t
    .replace(QUERY_WORDS, ' ')
    .split(apart)
    .filter((c) => c.length >= min);

/** The prefix/contains fallback over the words left after removing the question. */
function fuzzy(t: string, regions: readonly Region[], levelOk: (r: Region) => boolean): RegionResolution | null {
  const chunks = chunksOf(t, /[^\u4e00-\u9fa5a-z0-9]+/, 2);
  for (const [by, test] of [
    ['prefix', (form: string, c: string) => form.startsWith(c)],
    ['contains', (form: string, c: string) => form.includes(c)],
  ] as const) {
    const hits = regions.filter((r) => levelOk(r) && chunks.some((c) => formsOf(r).some(({ form }) => test(form, c))));
    if (hits.length === 1) return { kind: 'one', region: hits[0] as Region, by, matched: chunks.join(' ') };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits, by };
  }
  return null;
}

/**
 * The last fallback: a name of three or more characters typed by its sound (凉水进村, 亮水井村 for
 * 凉水井村: the same loose syllables, understand/name-sounds.ts). The answer names the place it found,
 * so the asker sees which one was meant; several places that sound alike are offered as a choice.
 */
function bySound(t: string, regions: readonly Region[], levelOk: (r: Region) => boolean): RegionResolution | null {
  const chunks = chunksOf(t, /[^\u4e00-\u9fa5]+/, 3);
  const windows = (c: string, n: number) => Array.from({ length: Math.max(0, c.length - n + 1) }, (_, i) => c.slice(i, i + n));
  const heard = (r: Region) => formsOf(r).some(({ form }) => form.length >= 3 && /^[\u4e00-\u9fa5]+$/.test(form) && chunks.some((c) => windows(c, form.length).some((w) => soundsAlike(w, form))));
  const hits = regions.filter((r) => levelOk(r) && heard(r));
  if (hits.length === 1) return { kind: 'one', region: hits[0] as Region, by: 'sound', matched: chunks.join(' ') };
  return hits.length > 1 ? { kind: 'ambiguous', candidates: hits, by: 'sound' } : null;
}

/** "店塔镇石角": a town named in full and the start of one of its villages → that village. */
function narrowed(
  t: string,
  occurrences: Occurrence[],
  named: { region: Region },
  regions: readonly Region[],
  byCode: Map<string, Region>,
  levelOk: (r: Region) => boolean,
): RegionResolution | null {
  let rest = t;
  for (const o of occurrences) rest = rest.slice(0, o.start) + ' '.repeat(o.end - o.start) + rest.slice(o.end);
  const below = regions.filter((r) => ancestorsOf(r, byCode).has(named.region.code));
  const found = below.length > 0 ? fuzzy(rest, below, levelOk) : null;
  return found?.kind === 'one' ? found : null;
}

/**
 * Finds the region a text names (see the module comment for the rules).
 *
 * @param scope the asker's jurisdiction (a region code or anything with `code`): only it and
 *   the regions below it are candidates.
 * @example
 *   resolveRegion('gjb', regions)                       // { kind: 'one', region: 高家堡镇, by: 'alias', matched: 'gjb' }
 *   resolveRegion('店塔镇进度', regions, '610821101')   // { kind: 'none', outOfScope: [店塔镇] }
 */
export function resolveRegion(
  text: string,
  regions: readonly Region[],
  scope?: string | { code: string },
  options: ResolveRegionOptions = {},
): RegionResolution {
  const t = normalize(text).toLowerCase();
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const scopeCode = typeof scope === 'string' ? scope : scope?.code;
  const levelOk = (r: Region) => !options.levels || options.levels.includes(r.level);
  const inScope = (r: Region) => scopeCode === undefined || r.code === scopeCode || ancestorsOf(r, byCode).has(scopeCode);
  const mine = regions.filter(inScope);
  const occurrences = occurrencesIn(t, mine);
  const named = decide(occurrences, byCode, levelOk);
  if (named?.kind === 'one') return narrowed(t, occurrences, named, mine, byCode, levelOk) ?? named;
  if (named) return named;
  // A place named exactly but outside the asker's area is reported, not fuzzily replaced.
  if (scopeCode !== undefined) {
    const elsewhere = decide(occurrencesIn(t, regions), byCode, levelOk);
    if (elsewhere) {
      const candidates = elsewhere.kind === 'one' ? [elsewhere.region] : elsewhere.kind === 'ambiguous' ? elsewhere.candidates : [];
      return { kind: 'none', outOfScope: candidates.filter((r) => !inScope(r)) };
    }
  }
  return fuzzy(t, mine, levelOk) ?? bySound(t, mine, levelOk) ?? { kind: 'none', outOfScope: [] };
}
