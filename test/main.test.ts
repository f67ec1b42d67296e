import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OFFICIAL } from './helpers/edge-kit.js';

const ROOT = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'shouwang-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `npm start`'s command, with a clean environment (no WeCom variables leak in from the host), in
 * `cwd` (relative paths such as the sandbox's data/sandbox.sqlite land there).
 */
function start(env: Record<string, string>, cwd = ROOT): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WECOM_') && k !== 'PORT' && k !== 'DATABASE_URL'));
  const loader = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(ROOT, 'src', 'main.ts')], { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function portOf(p: ReturnType<typeof start>): Promise<number> {
  const end = Date.now() + 30_000;
  for (;;) {
    const m = /"port":(\d+)/.exec(p.out());
    if (m) return Number(m[1]);
    if (p.child.exitCode !== null || Date.now() > end) throw new Error(`server did not start: ${p.out()} ${p.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start', () => {
  it('with an empty environment runs in sandbox mode: says so, serves /sandbox and /healthz, stops on SIGTERM', async () => {
    const cwd = mkdtempSync(join(dir, 'empty-'));
    const p = start({ PORT: '0' }, cwd);
    const port = await portOf(p);
    await until(() => p.out().includes('/sandbox'));
    expect(p.out()).toContain(`守望运行在沙盒模式：未配置企业微信，使用演示城市和模拟企业微信。请用浏览器打开 http://localhost:${port}/sandbox 试用。`);
    expect(p.out()).toContain(`Shouwang is running in sandbox mode`);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe('ok');
    const page = await fetch(`http://127.0.0.1:${port}/sandbox`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('守望 · 沙盒');
    const people = (await (await fetch(`http://127.0.0.1:${port}/sandbox/api/people`)).json()) as { groups: Array<{ label: string }> };
    expect(people.groups.map((g) => g.label)).toContain('网格员');
    // The sandbox's own SQLite file, under the working directory.
    expect(existsSync(join(cwd, 'data', 'sandbox.sqlite'))).toBe(true);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain('已停止');
  });

  it('in sandbox mode says why a MySQL DATABASE_URL is not used, and uses SQLite', async () => {
    const cwd = mkdtempSync(join(dir, 'mysql-'));
    const p = start({ PORT: '0', DATABASE_URL: 'mysql://nobody:x@127.0.0.1:1/none' }, cwd);
    await portOf(p);
    await until(() => p.out().includes('/sandbox'));
    expect(p.out()).toContain('沙盒模式只使用 SQLite');
    expect(existsSync(join(cwd, 'data', 'sandbox.sqlite'))).toBe(true);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('with credentials serves the callback (official GET sample)', async () => {
    const p = start({
      PORT: '0',
      DATABASE_URL: `sqlite:${join(dir, 'b.sqlite')}`,
      WECOM_CORP_ID: OFFICIAL.corpId,
      WECOM_TOKEN: OFFICIAL.token,
      WECOM_AES_KEY: OFFICIAL.aesKey,
      WECOM_AGENT_ID: '218',
      WECOM_SECRET: 'secret',
      WECOM_MAX_CLOCK_SKEW_S: '0',
    });
    const port = await portOf(p);
    const res = await fetch(`http://127.0.0.1:${port}/wecom/callback?${OFFICIAL.getQuery}`);
    expect(await res.text()).toBe('1616140317555161061');
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });

  it('prints the configuration error and exits 1 on a bad environment', async () => {
    const p = start({ PORT: 'abc', DATABASE_URL: 'postgres://x' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('配置错误');
    expect(p.err()).toContain('PORT');
    expect(p.err()).toContain('DATABASE_URL');
  });
});
