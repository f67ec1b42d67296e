/**
 * End-to-end kit: the real server (`main` with the default wiring, or given hooks) against a fake
 * WeCom on an ephemeral port, and a callback sender playing WeCom towards it.
 *
 * @example
 *   const bot = await startBotWithFakeWeCom(db.url());
 *   await bot.callbacks.userSays('wangwu', '帮助');
 *   await until(() => bot.fake.state.deliveries('wangwu').length > 0);
 *   await bot.stop();
 */
import { CallbackSender, FakeWeCom } from '../../src/bot/fake-wecom/index.js';
import { hooks as defaultHooks, main, type Hooks, type Running } from '../../src/main.js';
import { OFFICIAL } from './edge-kit.js';

export interface BotUnderTest {
  fake: FakeWeCom;
  running: Running;
  callbacks: CallbackSender;
  stop(): Promise<void>;
}

/** Starts the fake WeCom, then the bot configured with its credentials and API base. */
export async function startBotWithFakeWeCom(databaseUrl: string, opts: { openKfIds?: string[]; hooks?: Hooks; clock?: () => number; env?: Record<string, string> } = {}): Promise<BotUnderTest> {
  // One clock for the bot and the fake (callback timestamps, the 48-hour kf window, tokens).
  const fake = new FakeWeCom({ corpId: OFFICIAL.corpId, agentId: 218, secret: 'app-secret', openKfIds: opts.openKfIds ?? ['wkE2E'], ...(opts.clock ? { now: opts.clock } : {}) });
  const apiBase = await fake.start();
  const running = await main(
    {
      PORT: '0',
      DATABASE_URL: databaseUrl,
      WECOM_CORP_ID: OFFICIAL.corpId,
      WECOM_TOKEN: OFFICIAL.token,
      WECOM_AES_KEY: OFFICIAL.aesKey,
      WECOM_AGENT_ID: '218',
      WECOM_SECRET: 'app-secret',
      WECOM_API_BASE: apiBase,
      LOG_LEVEL: 'silent',
      ...opts.env,
    },
    { ...(opts.hooks ?? defaultHooks), ...(opts.clock ? { clock: opts.clock } : {}) },
  );
  const callbacks = new CallbackSender(fake.state, { url: `http://127.0.0.1:${running.port}/wecom/callback`, token: OFFICIAL.token, encodingAesKey: OFFICIAL.aesKey, timeoutMs: 4000 });
  return {
    fake,
    running,
    callbacks,
    stop: async () => {
      await running.shutdown();
      await fake.stop();
    },
  };
}

/** Waits until `check()` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * `userId` says `content`; resolves with the text of the bot's next message to them, whether it
 * came in the callback's answer (passive) or through message/send.
 */
export async function replyTo(bot: Pick<BotUnderTest, 'fake' | 'callbacks'>, userId: string, content: string): Promise<string> {
  const before = bot.fake.state.texts(userId).length;
  const r = await bot.callbacks.userSays(userId, content);
  if (!r.ok || r.status !== 200) throw new Error(`callback not accepted: ${r.status}`);
  if (r.reply?.content) return r.reply.content;
  await until(() => bot.fake.state.texts(userId).length > before);
  return bot.fake.state.texts(userId)[before]!;
}
