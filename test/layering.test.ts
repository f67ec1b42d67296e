/**
 * The import rule of STYLE.md, checked on every file of src/:
 *   domain imports nothing of ours; flows imports domain; persistence imports domain;
 *   bot imports all three; only bot imports koa; only persistence imports typeorm and the drivers.
 * One persistence boundary: outside src/persistence a `Tx`/`Database` is opaque (src/persistence/orm.ts,
 *   which only persistence imports) and no code reaches into TypeORM's manager or builds SQL.
 * Domain and flows are pure: no Node built-ins (no I/O), only the listed pure packages.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');
type Layer = 'domain' | 'flows' | 'persistence' | 'bot' | 'root';

const mayImport: Record<Layer, Layer[]> = {
  domain: ['domain'],
  flows: ['flows', 'domain'],
  persistence: ['persistence', 'domain'],
  bot: ['bot', 'flows', 'domain', 'persistence'],
  root: ['root', 'bot', 'flows', 'domain', 'persistence'],
};
const PURE_PACKAGES = ['dayjs', 'zod', 'pinyin-pro'];
const ONLY_BOT = [/^koa($|\/)/, /^koa-router$/, /^@koa\//, /^@wecom\//];
const ONLY_PERSISTENCE = [/^typeorm($|\/)/, /^mysql2($|\/)/, /^better-sqlite3$/];

// What reaching into TypeORM looks like from outside src/persistence (the types already refuse most of
// it; these catch the ways around them). `db.manager` gives only an opaque Tx, but it bypasses
// `transaction()`/`autocommit()`, so new code uses those.
const REACH_INS: Array<[RegExp, string]> = [
  [/\.manager\b/, 'uses `.manager` (use transaction(db, …) or autocommit(db) of persistence/db.ts)'],
  [/\b(getRepository|createQueryBuilder)\s*\(/, 'uses a TypeORM repository or query builder (write a repository function in src/persistence)'],
  [/\.query\s*\(/, 'runs SQL (write a repository function in src/persistence)'],
  [/\bas unknown as (DataSource|EntityManager)\b/, 'casts a handle back to TypeORM'],
];
/**
 * Files that still reach in, being rewritten at the same time as this rule was made (imports, the
 * outbox sender): they pass `db.manager` to repository functions. Remove an entry when its file
 * stops; the test fails on a stale entry so the list only shrinks.
 */
const KNOWN_REACH_INS = new Set([
  'bot/import/facts.ts',
  'bot/import/households.ts',
  'bot/import/staff.ts',
  'bot/import/warnings-command.ts',
  'bot/import/warnings.ts',
  'bot/outbox/sender.ts',
]);
const ORM_HANDLE = resolve(SRC, 'persistence/orm');

function layerOf(file: string): Layer {
  const top = relative(SRC, file).split(sep)[0];
  return top === 'domain' || top === 'flows' || top === 'persistence' || top === 'bot' ? top : 'root';
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|mts)$/.test(name) ? [p] : [];
  });
}

/** Every module specifier in a file: static imports/exports and dynamic import(). */
export function specifiers(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of source.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3]) as string);
  return out;
}

export function violations(file: string, source: string): string[] {
  const layer = layerOf(file);
  const problems: string[] = [];
  for (const spec of specifiers(source)) {
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC)) {
        problems.push(`${spec}: imports from outside src/`);
        continue;
      }
      const to = layerOf(target);
      if (!mayImport[layer].includes(to)) problems.push(`${spec}: ${layer} may not import ${to}`);
      else if (layer !== 'persistence' && target.replace(/\.(js|ts)$/, '') === ORM_HANDLE) problems.push(`${spec}: only persistence/ may open a Tx or Database`);
      continue;
    }
    const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
    if (layer === 'domain' || layer === 'flows') {
      if (!PURE_PACKAGES.includes(pkg)) problems.push(`${spec}: ${layer} must stay pure (allowed: ${PURE_PACKAGES.join(', ')})`);
    }
    if (ONLY_BOT.some((r) => r.test(spec)) && layer !== 'bot') problems.push(`${spec}: only bot/ may import it`);
    if (ONLY_PERSISTENCE.some((r) => r.test(spec)) && layer !== 'persistence') problems.push(`${spec}: only persistence/ may import it`);
  }
  return problems;
}

/** Lines outside src/persistence that reach into TypeORM (see REACH_INS). */
export function reachIns(file: string, source: string): string[] {
  if (layerOf(file) === 'persistence') return [];
  return source.split('\n').flatMap((line, i) => REACH_INS.filter(([re]) => re.test(line)).map(([, why]) => `line ${i + 1} ${why}`));
}

describe('layering (STYLE.md)', () => {
  it('finds the rule broken when it is broken', () => {
    expect(violations(join(SRC, 'domain/x.ts'), "import { DataSource } from 'typeorm';")).toHaveLength(2);
    expect(violations(join(SRC, 'domain/x.ts'), "import { a } from '../bot/y.js';")).toEqual(['../bot/y.js: domain may not import bot']);
    expect(violations(join(SRC, 'flows/x.ts'), "import fs from 'node:fs';")).toHaveLength(1);
    expect(violations(join(SRC, 'persistence/x.ts'), "import Koa from 'koa';")).toHaveLength(1);
    expect(violations(join(SRC, 'bot/x.ts'), "export * from '../persistence/y.js';\nimport('../domain/z.js')")).toEqual([]);
    expect(violations(join(SRC, 'persistence/x.ts'), "import type { F } from '../flows/f.js';")).toHaveLength(1);
  });

  it('holds for every file in src/', () => {
    const found = walk(SRC).flatMap((f) => violations(f, readFileSync(f, 'utf8')).map((v) => `${relative(SRC, f)}: ${v}`));
    expect(found).toEqual([]);
  });

  it('finds a reach into TypeORM outside src/persistence', () => {
    expect(violations(join(SRC, 'bot/x.ts'), "import { em } from '../persistence/orm.js';")).toEqual(['../persistence/orm.js: only persistence/ may open a Tx or Database']);
    expect(violations(join(SRC, 'persistence/x.ts'), "import { em } from './orm.js';")).toEqual([]);
    expect(reachIns(join(SRC, 'bot/x.ts'), "await transaction(db, (tx) => tx.query('SELECT 1'));")).toHaveLength(1);
    expect(reachIns(join(SRC, 'bot/x.ts'), 'await getStaff(db.manager, id);\nconst r = tx.getRepository(S);')).toHaveLength(2);
    expect(reachIns(join(SRC, 'bot/x.ts'), 'const m = tx as unknown as EntityManager;')).toHaveLength(1);
    expect(reachIns(join(SRC, 'bot/x.ts'), 'await getStaff(autocommit(db), id); const q = ctx.query;')).toEqual([]);
    expect(reachIns(join(SRC, 'persistence/x.ts'), "await em(tx).query('SELECT 1');")).toEqual([]);
  });

  it('no file outside src/persistence reaches into TypeORM, except the known ones', () => {
    const files = walk(SRC).map((f) => ({ name: relative(SRC, f).split(sep).join('/'), found: reachIns(f, readFileSync(f, 'utf8')) }));
    const found = files.filter((f) => !KNOWN_REACH_INS.has(f.name)).flatMap((f) => f.found.map((v) => `${f.name}: ${v}`));
    expect(found).toEqual([]);
    const stale = [...KNOWN_REACH_INS].filter((name) => !files.some((f) => f.name === name && f.found.length > 0));
    expect(stale).toEqual([]);
  });
});
