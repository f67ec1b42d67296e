import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'shouwang-seed-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function seedDemo(databaseUrl: string): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'seed-demo'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

it('npx shouwang seed-demo loads the demo city once, and says so the second time', () => {
  const url = `sqlite:${join(dir, 'demo.sqlite')}`;
  const first = seedDemo(url);
  expect(first).toMatchObject({ status: 0 });
  expect(first.out).toMatch(/^已载入演示城市“示范市”：19 个区划，25 名工作人员，41 户（\d{4} 年排查活动）。所有人名和身份证号都是虚构的。/);
  const second = seedDemo(url);
  expect(second).toMatchObject({ status: 0 });
  expect(second.out).toContain('演示城市“示范市”已在库中，未做改动。');
});
