import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OFFICIAL } from './helpers/edge-kit.js';

const ROOT = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'shouwang-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm start`'s command, with a clean environment (no WeCom variables leak in from the host). */
function start(env: Record<string, string>): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WECOM_') && k !== 'PORT' && k !== 'DATABASE_URL'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, out: () => out, err: () => err, exited };
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
  it('starts without WeCom credentials, answers /healthz and /readyz, refuses the callback, stops on SIGTERM', async () => {
    const p = start({ PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'a.sqlite')}` });
    const port = await portOf(p);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe('ok');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/wecom/callback`, { method: 'POST', body: '<xml/>' })).status).toBe(503);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain('已停止');
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
