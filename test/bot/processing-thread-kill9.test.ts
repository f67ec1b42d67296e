/**
 * A server processing in a thread of its own (PROCESSING=thread), killed with kill -9
 * right after it acknowledged a burst of messages: a server started again on the same database
 * processes every acknowledged message once and sends every reply once.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackSender, FakeWeCom } from '../../src/bot/fake-wecom/index.js';
import { transaction } from '../../src/persistence/db.js';
import { openDatabase } from '../../src/persistence/data-source.js';
import { createScratchDatabase, orm } from '../helpers/db.js';
import { OFFICIAL } from '../helpers/edge-kit.js';
import { until } from '../helpers/e2e.js';
import { seedField } from '../flows/field/seed.js';
import { startScript } from './inbound/child-instance.js';

const PEOPLE = ['wangwu', 'zhoujie', 'liucun'];

/** `npm start` as a deployment runs it (from the sources), on `url`; resolves once it listens. */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; processing: string }> {
  const { child, match } = await startScript('src/main.ts', { ...env, LOG_LEVEL: 'info' }, /"port":(\d+),.*"processing":"(\w+)"/, 'server');
  return { child, port: Number(match[1]), processing: match[2]! };
}

describe('kill -9 of a server processing in its own thread [mariadb]', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let fake: FakeWeCom;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase('mariadb');
    const db = await openDatabase(scratch.url);
    await seedField(db);
    await db.destroy();
    fake = new FakeWeCom({ corpId: OFFICIAL.corpId, agentId: 218, secret: 'app-secret', openKfIds: ['wkE2E'] });
    const apiBase = await fake.start();
    env = { PORT: '0', DATABASE_URL: scratch.url, WECOM_CORP_ID: OFFICIAL.corpId, WECOM_TOKEN: OFFICIAL.token, WECOM_AES_KEY: OFFICIAL.aesKey, WECOM_AGENT_ID: '218', WECOM_SECRET: 'app-secret', WECOM_API_BASE: apiBase, SPOOL_DIR: '', PROCESSING: 'thread' };
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await fake?.stop();
    await scratch?.drop();
  });

  it('every acknowledged message is processed once after a restart, every reply sent once', { timeout: 90_000 }, async () => {
    const first = await startServer(env);
    children.push(first.child);
    expect(first.processing).toBe('thread');
    const callbacks = new CallbackSender(fake.state, { url: `http://127.0.0.1:${first.port}/wecom/callback`, token: OFFICIAL.token, encodingAesKey: OFFICIAL.aesKey, timeoutMs: 4000 });
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => callbacks.userSays(PEOPLE[i % PEOPLE.length]!, '帮助')));
    const acknowledged = burst.filter((r) => r.ok && r.status === 200).length;
    expect(acknowledged).toBe(30);
    first.child.kill('SIGKILL');
    await new Promise((ok) => first.child.once('exit', ok));
    // The kill left work behind (each message waits its 200 ms settling window first).
    const check = await openDatabase(scratch.url, { migrate: false });
    const [left] = await transaction(check, (tx) => orm(tx).query("SELECT COUNT(*) AS n FROM inbound_message WHERE status <> 'done'"));
    await check.destroy();
    expect(Number((left as { n: number }).n)).toBeGreaterThan(0);

    const db = await openDatabase(scratch.url, { migrate: false });
    const second = await startServer(env).catch(async (e: unknown) => {
      await db.destroy();
      throw e;
    });
    children.push(second.child);
    try {
      // Leases of the killed process run out (10 s); the new one's sweeper takes the rest.
      await until(async () => {
        const [row] = await transaction(db, (tx) => orm(tx).query("SELECT COUNT(*) AS n FROM inbound_message WHERE status = 'done'"));
        return Number((row as { n: number }).n) === 30;
      }, 60_000);
      const rows = await transaction(db, (tx) => orm(tx).query('SELECT status FROM inbound_message'));
      expect(rows).toHaveLength(30);
      await until(() => PEOPLE.reduce((n, p) => n + fake.state.texts(p).length, 0) >= 30, 20_000);
      // A late duplicate would come at the sender's next poll: look after it.
      await new Promise((ok) => setTimeout(ok, 1500));
      for (const p of PEOPLE) expect(fake.state.texts(p)).toHaveLength(10);
    } finally {
      await db.destroy();
      second.child.kill('SIGTERM');
      await new Promise((ok) => second.child.once('exit', ok));
    }
  });
});
