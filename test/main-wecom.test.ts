import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/db.js';
import { OFFICIAL, STAFF } from './helpers/edge-kit.js';
import { hooks, main, type Running } from '../src/main.js';
import { MemoryStaffDirectory } from '../src/bot/dispatch/ports.js';
import { CallbackSender, FakeWeCom } from '../src/bot/fake-wecom/index.js';

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describeEachDatabase('the wired server against the fake WeCom', (db) => {
  let fake: FakeWeCom;
  let running: Running;
  let callbacks: CallbackSender;

  beforeAll(async () => {
    fake = new FakeWeCom({ corpId: OFFICIAL.corpId, agentId: 218, secret: 'app-secret', openKfIds: ['wkE2E'] });
    const apiBase = await fake.start();
    running = await main(
      {
        PORT: '0',
        DATABASE_URL: db.url(),
        WECOM_CORP_ID: OFFICIAL.corpId,
        WECOM_TOKEN: OFFICIAL.token,
        WECOM_AES_KEY: OFFICIAL.aesKey,
        WECOM_AGENT_ID: '218',
        WECOM_SECRET: 'app-secret',
        WECOM_API_BASE: apiBase,
        LOG_LEVEL: 'silent',
      },
      // The default API client and outbox sender; only the roster is given (not wired yet).
      { ...hooks, staff: () => new MemoryStaffDirectory(STAFF) },
    );
    callbacks = new CallbackSender(fake.state, { url: `http://127.0.0.1:${running.port}/wecom/callback`, token: OFFICIAL.token, encodingAesKey: OFFICIAL.aesKey, timeoutMs: 4000 });
  });

  afterAll(async () => {
    await running?.shutdown();
    await fake?.stop();
  });

  it('a staff member’s 帮助 is answered in the callback itself (passive), nothing sent twice', async () => {
    const r = await callbacks.userSays('wangwu', '帮助');
    expect(r).toMatchObject({ ok: true, attempts: 1, status: 200 });
    expect(r.reply?.content).toMatch(/^您好，王五（网格员）。您可以对我说：/);
    await new Promise((r) => setTimeout(r, 1500));
    expect(fake.state.callsTo('message/send')).toBe(0);
  });

  it('a farmer’s message is pulled from 微信客服, answered, and delivered by the outbox sender', async () => {
    const r = await callbacks.farmerSays('wmE2E', '你好，我想问问');
    expect(r).toMatchObject({ ok: true, reply: null });
    await until(() => fake.state.deliveries('wmE2E').length > 0);
    const [d] = fake.state.deliveries('wmE2E');
    expect(d).toMatchObject({ channel: 'kf', via: 'api', msgtype: 'msgmenu' });
    expect(d!.text).toContain('申报困难');
  });
});
