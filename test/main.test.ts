/**
 * `npm start` as an operator runs it: the compiled program (dist/main.js, built first when
 * stale, as `prestart` does) in a clean environment and a working directory of its own.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICIAL } from './helpers/edge-kit.js';

const ROOT = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'shouwang-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'bin', 'build.mjs'), '--if-stale'], { stdio: 'pipe' });
}, 180_000);

/** The WeCom official sample's credentials: a complete real configuration. */
const REAL = {
  WECOM_CORP_ID: OFFICIAL.corpId,
  WECOM_TOKEN: OFFICIAL.token,
  WECOM_AES_KEY: OFFICIAL.aesKey,
  WECOM_AGENT_ID: '218',
  WECOM_SECRET: 'secret',
  WECOM_MAX_CLOCK_SKEW_S: '0',
};

/** `npm start`'s program with a clean environment (nothing of the host's leaks in), in `cwd`. */
function start(env: Record<string, string>, cwd = ROOT, args: string[] = [], nodeArgs: string[] = []): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WECOM_') && !['PORT', 'DATABASE_URL', 'NODE_ENV', 'SHOUWANG_MIGRATE_ON_START'].includes(k)));
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'main.js'), ...args], { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  it('with an empty environment runs in sandbox mode: says so, serves /sandbox, /healthz and /metrics, stops on SIGTERM', async () => {
    const cwd = mkdtempSync(join(dir, 'empty-'));
    const p = start({ PORT: '0' }, cwd);
    const port = await portOf(p);
    await until(() => p.out().includes('/sandbox'));
    expect(p.out()).toContain(`守望运行在沙盒模式：未配置企业微信，使用演示城市和模拟企业微信。请用浏览器打开 http://localhost:${port}/sandbox 试用。`);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe('ok');
    const page = await fetch(`http://127.0.0.1:${port}/sandbox`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('守望 · 沙盒');
    // The sandbox migrated its own SQLite file, under the working directory.
    expect(existsSync(join(cwd, 'data', 'sandbox.sqlite'))).toBe(true);
    expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).text()).toMatch(/^ready\n数据库结构已是最新（(\d+)\/\1 个迁移）$/);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await metrics.text();
    expect(text).toMatch(/^# TYPE shouwang_inbound_backlog gauge$/m);
    expect(text).toMatch(/^shouwang_outbox_backlog \d+$/m);
    expect(text).toMatch(/^# TYPE shouwang_processing_seconds histogram$/m);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain('已停止');
  });

  it.each([
    ['a MySQL DATABASE_URL', { DATABASE_URL: 'mysql://root:@127.0.0.1:3306/x' }, 'DATABASE_URL 指向 MySQL'],
    ['NODE_ENV=production', { NODE_ENV: 'production' }, 'NODE_ENV=production'],
    ['one WECOM_* variable', { WECOM_API_BASE: 'https://qyapi.weixin.qq.com/cgi-bin' }, '已设置 WECOM_API_BASE'],
  ])('with %s but no WeCom settings refuses to start, naming what is missing', async (_, env, sign) => {
    const cwd = mkdtempSync(join(dir, 'closed-'));
    const p = start({ PORT: '0', ...env }, cwd);
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('配置错误');
    expect(p.err()).toContain('WECOM_CORP_ID、WECOM_TOKEN、WECOM_AES_KEY、WECOM_AGENT_ID、WECOM_SECRET: 未配置');
    expect(p.err()).toContain(sign);
    expect(p.out()).not.toContain('沙盒');
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });

  it('reads .env; refuses an out-of-date schema until told to migrate; real mode never loads the sandbox', async () => {
    const cwd = mkdtempSync(join(dir, 'dotenv-'));
    writeFileSync(join(cwd, '.env'), `${Object.entries({ ...REAL, DATABASE_URL: 'sqlite:data/real.sqlite' }).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
    const refused = start({ PORT: '0' }, cwd);
    expect(await refused.exited).toBe(1);
    expect(refused.err()).toMatch(/数据库结构不是最新：\d+ 个迁移未执行/);
    expect(refused.err()).toContain('npx shouwang migrate');

    // Every module the program resolves is reported; none of the sandbox's may be among them.
    const trace = join(cwd, 'trace.mjs');
    writeFileSync(trace, `import { registerHooks } from 'node:module';\nregisterHooks({ resolve(s, c, next) { const r = next(s, c); process.stderr.write('RESOLVED ' + r.url + '\\n'); return r; } });\n`);
    const p = start({ PORT: '0' }, cwd, ['--migrate'], ['--import', trace]);
    const port = await portOf(p);
    expect(p.out()).toMatch(/"sandbox":false,"wecom":true/);
    expect(p.err()).toContain('RESOLVED ');
    expect(p.err()).not.toMatch(/RESOLVED \S*\/(sandbox|fake-wecom)\//);
    // The official GET sample: the callback works with the credentials from .env.
    const res = await fetch(`http://127.0.0.1:${port}/wecom/callback?${OFFICIAL.getQuery}`, { headers: { 'X-Request-Id': 'probe-1' } });
    expect(await res.text()).toBe('1616140317555161061');
    expect(res.headers.get('x-request-id')).toBe('probe-1');
    expect((await fetch(`http://127.0.0.1:${port}/sandbox`)).status).toBe(404);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('shouwang_callbacks_total{method="GET",outcome="verified"} 1');
    // A refused callback is logged with its request id.
    await fetch(`http://127.0.0.1:${port}/wecom/callback?msg_signature=00&timestamp=1&nonce=n&echostr=x`, { headers: { 'X-Request-Id': 'probe-2' } });
    await until(() => p.out().includes('"reqId":"probe-2"'));
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });

  it('prints the configuration error and exits 1 on a bad environment; refuses an unknown option', async () => {
    const p = start({ PORT: 'abc', DATABASE_URL: 'postgres://x' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('配置错误');
    expect(p.err()).toContain('PORT');
    expect(p.err()).toContain('DATABASE_URL');
    const q = start({ PORT: '0' }, ROOT, ['--migrat']);
    expect(await q.exited).toBe(2);
    expect(q.err()).toContain('不认识的选项 --migrat');
    expect(q.err()).toContain('--migrate');
  });
});
