import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/db.js';
import { STAFF } from './helpers/edge-kit.js';
import { hooks, type Running } from '../src/main.js';
import { MemoryStaffDirectory } from '../src/bot/dispatch/ports.js';
import type { CallbackSender, FakeWeCom } from '../src/bot/fake-wecom/index.js';
import { startBotWithFakeWeCom, until, type BotUnderTest } from './helpers/e2e.js';


describeEachDatabase('the wired server against the fake WeCom', (db) => {
  let fake: FakeWeCom;
  let running: Running;
  let callbacks: CallbackSender;

  beforeAll(async () => {
    // The default API client and outbox sender; only the roster is given.
    ({ fake, running, callbacks } = await startBotWithFakeWeCom(db.url(), { hooks: { ...hooks, staff: () => new MemoryStaffDirectory(STAFF) } }));
  });

  afterAll(async () => {
    await running?.shutdown();
    await fake?.stop();
  });

  it('a staff member’s 帮助 is answered empty at once and the reply sent through the API, once', { timeout: 15_000 }, async () => {
    const r = await callbacks.userSays('wangwu', '帮助');
    expect(r).toMatchObject({ ok: true, attempts: 1, status: 200, reply: null });
    await until(() => fake.state.deliveries('wangwu').length > 0);
    expect(fake.state.deliveries('wangwu')[0]).toMatchObject({ channel: 'app', via: 'api' });
    expect(fake.state.texts('wangwu')[0]).toMatch(/^您好，王五（网格员）。您可以对我说：/);
    // A second copy would come at the outbox sender's next poll (1 s): look after it.
    await new Promise((r) => setTimeout(r, 1500));
    expect(fake.state.callsTo('message/send')).toBe(1);
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

describeEachDatabase('the wired server with a reply budget (REPLY_BUDGET_MS)', (db) => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBotWithFakeWeCom(db.url(), { hooks: { ...hooks, staff: () => new MemoryStaffDirectory(STAFF) }, env: { REPLY_BUDGET_MS: '1500' } });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('a staff member’s 帮助 is answered in the callback itself (passive), nothing sent twice', { timeout: 15_000 }, async () => {
    const r = await bot.callbacks.userSays('wangwu', '帮助');
    expect(r).toMatchObject({ ok: true, attempts: 1, status: 200 });
    expect(r.reply?.content).toMatch(/^您好，王五（网格员）。您可以对我说：/);
    // A late duplicate would come once the reply's passive hold (budget 1.5 s + 0.5 s) is over and
    // the outbox sender has polled again (1 s): look only after both.
    await new Promise((r) => setTimeout(r, 2000 + 1000 + 700));
    expect(bot.fake.state.callsTo('message/send')).toBe(0);
  });
});
