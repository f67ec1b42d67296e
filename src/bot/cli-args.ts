/**
 * What the commands of `npx shouwang` share on the command line: their dependencies and
 * database, strict option parsing (node:util parseArgs: `--name value`, `--name=value`, bare
 * switches; anything else refused with the valid options), and a place named the way people type it at a level (`--scope town --place 高家堡`, or
 * `--scope town:高家堡镇`, or a code).
 * Messages are Chinese, for the person at the keyboard.
 *
 * @example
 *   parseOptions(['附件1', '--scope', 'town', '--open'], { values: ['scope'], switches: ['open'] })
 *   // { positional: ['附件1'], flags: Map { 'scope' => 'town' }, switches: Set { 'open' } }
 *   scopeArg(parsed, 'city')            // { ok: true, level: 'city', placeText: undefined }
 *   placeCode(tree, 'town', '高家堡')   // { ok: true, code: '610821101' }
 */
import { parseArgs } from 'node:util';
import { resolveRegion } from '../domain/region-names.js';
import type { RegionTree } from '../domain/hierarchy.js';
import { openDatabase } from '../persistence/data-source.js';
import type { Database } from '../persistence/db.js';

/** What a county-office command gets from src/cli.ts (or a test). */
export interface CommandDeps {
  /** An open database, or the URL to open one (the command line). */
  db?: Database;
  databaseUrl?: string;
  now: () => number;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs `fn` on the given database, or on one opened from the URL and closed afterwards. */
export async function withDatabase<T>(deps: CommandDeps, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = deps.db ?? (await openDatabase(deps.databaseUrl ?? ''));
  try {
    return await fn(db);
  } finally {
    if (!deps.db) await db.destroy();
  }
}

export interface ParsedOptions {
  positional: string[];
  flags: Map<string, string>;
  /** Options given without a value (only those listed as switches). */
  switches: Set<string>;
}

/** The options a command takes: `--name <value>` ones and bare switches. */
export interface OptionSpec {
  values: readonly string[];
  switches?: readonly string[];
  /** How many positional arguments it takes at most (default: any). */
  positionals?: number;
}

/** `--scope <值>、--place <值>、--open`: the valid options, for a refusal. */
export function describeOptions(spec: OptionSpec): string {
  return [...spec.values.map((v) => `--${v} <值>`), ...(spec.switches ?? []).map((s) => `--${s}`), '--help'].join('、');
}

/**
 * Splits the arguments with node:util's parseArgs in strict mode: an unknown or misspelt option
 * (`--weak` for `--week`), a missing value or a stray argument is refused — a string saying what
 * and listing the valid options — rather than silently ignored.
 */
export function parseOptions(args: readonly string[], spec: OptionSpec): ParsedOptions | string {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const v of spec.values) options[v] = { type: 'string' };
  for (const s of spec.switches ?? []) options[s] = { type: 'boolean' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (e) {
    return `${argumentProblem(e)}\n可用的选项：${describeOptions(spec)}`;
  }
  if (spec.positionals !== undefined && parsed.positionals.length > spec.positionals) {
    return `多余的参数：${parsed.positionals.slice(spec.positionals).map((p) => `“${p}”`).join('、')}\n可用的选项：${describeOptions(spec)}`;
  }
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (const [k, v] of Object.entries(parsed.values)) {
    if (typeof v === 'string') flags.set(k, v);
    else if (v === true) switches.add(k);
  }
  return { positional: parsed.positionals, flags, switches };
}

/** parseArgs' complaint in Chinese. */
function argumentProblem(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const name = /'(-{1,2}[^' ,]+)/.exec(message)?.[1] ?? '';
  switch ((e as { code?: string }).code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不认识的选项 ${name}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(message) ? `${name} 后面缺少值` : `${name} 不带值`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return '多余的参数';
    default:
      return message;
  }
}

export type PlaceLevel = 'city' | 'town' | 'village';

/** `--scope <level>` or `--scope <level>:<place>`, and `--place`; without `--scope`, `fallback` (if any). */
export function scopeArg(o: ParsedOptions, fallback?: PlaceLevel): { ok: true; level: PlaceLevel; placeText: string | undefined } | { ok: false; message: string } {
  const [level, inlinePlace] = (o.flags.get('scope') ?? fallback ?? '').split(':', 2) as [string, string | undefined];
  if (level !== 'city' && level !== 'town' && level !== 'village') return { ok: false, message: '--scope 须为 city、town 或 village' };
  return { ok: true, level, placeText: inlinePlace ?? o.flags.get('place') };
}

export const LEVEL_WORD: Record<PlaceLevel, string> = { city: '市', town: '镇街', village: '村' };

/**
 * The code of the place `text` names at `level` (a name, an alias or a code); without a text, the
 * only place of that level. A refusal says why, in words; `noRegions` when none are imported.
 */
export function placeCode(tree: RegionTree, level: PlaceLevel, text: string | undefined): { ok: true; code: string } | { ok: false; message: string; noRegions: boolean } {
  if (text) {
    const byCode = tree.byCode.get(text);
    const found = byCode?.level === level ? { status: 'found' as const, region: byCode } : resolveRegion(tree, text, { level });
    if (found.status === 'ambiguous') return { ok: false, noRegions: false, message: `“${text}”有${found.candidates.length}个：${found.candidates.map((c) => `${c.name}（${c.code}）`).join('、')}，请写全名或代码` };
    if (found.status === 'not_found') return { ok: false, noRegions: false, message: `没有找到${LEVEL_WORD[level]}“${text}”` };
    return { ok: true, code: found.region.code };
  }
  const candidates = [...tree.byCode.values()].filter((r) => r.level === level);
  if (candidates.length === 1) return { ok: true, code: (candidates[0] as { code: string }).code };
  if (candidates.length === 0) return { ok: false, noRegions: true, message: '还没有导入区划（npx shouwang import regions <文件>）' };
  return { ok: false, noRegions: false, message: `请用 --place 指明是哪个${LEVEL_WORD[level]}` };
}
