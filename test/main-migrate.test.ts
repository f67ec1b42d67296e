/**
 * Migrations as a release step: `npx shouwang migrate` run by two processes at once on a fresh
 * database (two instances of a rolling upgrade) applies each migration exactly once, on MariaDB
 * (GET_LOCK) and on SQLite (its write lock); `migrate --status` tells the state.
 */
import { execFile, execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/persistence/data-source.js';
import { migrations } from '../src/persistence/migrations/index.js';
import { orm, createScratchDatabase } from './helpers/db.js';

const ROOT = resolve(__dirname, '..');
const run = promisify(execFile);

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'bin', 'build.mjs'), '--if-stale'], { stdio: 'pipe' });
}, 180_000);

/** `npx shouwang <args>` (the compiled command line) against `url`; never throws. */
async function shouwang(url: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WECOM_'))), DATABASE_URL: url };
  try {
    const r = await run(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT, env, timeout: 120_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: x.code ?? -1, out: x.stdout ?? '', err: x.stderr ?? '' };
  }
}

for (const engine of ['mariadb', 'sqlite'] as const) {
  describe(`npx shouwang migrate [${engine}]`, () => {
    it('two processes at once on a fresh database apply each migration once', async () => {
      const scratch = await createScratchDatabase(engine);
      try {
        expect(await shouwang(scratch.url, 'migrate', '--status')).toMatchObject({ code: 1, out: expect.stringContaining(`${migrations.length} 个迁移未执行`) });
        const [a, b] = await Promise.all([shouwang(scratch.url, 'migrate'), shouwang(scratch.url, 'migrate')]);
        expect([a.code, b.code], `${a.err}\n${b.err}`).toEqual([0, 0]);
        // One of them did the work; the other waited for the lock and found nothing left.
        const outs = [a.out, b.out].sort();
        expect(outs[0]).toMatch(new RegExp(`^已执行 ${migrations.length} 个迁移：`));
        expect(outs[1]).toBe('数据库已是最新，无需迁移。\n');

        const ds = await openDatabase(scratch.url, { migrate: false });
        try {
          const rows = (await orm(ds).query('SELECT name FROM migrations')) as Array<{ name: string }>;
          expect(rows.map((r) => r.name).sort()).toEqual(migrations.map((m) => m.name).sort());
        } finally {
          await ds.destroy();
        }
        expect(await shouwang(scratch.url, 'migrate', '--status')).toMatchObject({ code: 0, out: `数据库结构已是最新（${migrations.length}/${migrations.length} 个迁移）\n` });
      } finally {
        await scratch.drop();
      }
    });
  });
}
