/**
 * Processing in a thread of its own (config PROCESSING, src/bot/processing-thread.ts): on MariaDB
 * (PROCESSING=thread, or auto on 4 cores or more) the server answers callbacks on its main thread
 * and processes, sweeps and sends in another;
 * replies still arrive once each, /metrics still counts the processing, a shutdown ends the thread,
 * and a thread that cannot start stops the server's start with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/bot/config.js';
import { createLogger } from '../../src/bot/log.js';
import { ProcessingThread } from '../../src/bot/processing-thread.js';
import { transaction } from '../../src/persistence/db.js';
import { openDatabase } from '../../src/persistence/data-source.js';
import { orm, createScratchDatabase } from '../helpers/db.js';
import { startBotWithFakeWeCom, until, type BotUnderTest } from '../helpers/e2e.js';
import { seedField } from '../flows/field/seed.js';

describe('processing in a thread of its own [mariadb]', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let bot: BotUnderTest;

  beforeAll(async () => {
    scratch = await createScratchDatabase('mariadb');
    const db = await openDatabase(scratch.url);
    await seedField(db);
    await db.destroy();
    bot = await startBotWithFakeWeCom(scratch.url, { env: { PROCESSING: 'thread' } });
  });

  afterAll(async () => {
    await bot?.stop();
    await scratch?.drop();
  });

  it('every message of a quick burst is answered once, in the thread', { timeout: 30_000 }, async () => {
    expect(bot.running.processing).toBe('thread');
    const sent = await Promise.all(Array.from({ length: 6 }, () => bot.callbacks.userSays('wangwu', '帮助')));
    expect(sent.every((r) => r.ok && r.status === 200)).toBe(true);
    await until(() => bot.fake.state.texts('wangwu').length >= 6);
    expect(bot.fake.state.texts('wangwu').every((t) => t.startsWith('您好，王五（网格员）'))).toBe(true);
    // Late duplicates would come at the sender's next poll (1 s): look after it.
    await new Promise((r) => setTimeout(r, 1500));
    expect(bot.fake.state.texts('wangwu')).toHaveLength(6);
    const db = await openDatabase(scratch.url, { migrate: false });
    try {
      const rows = await transaction(db, (tx) => orm(tx).query('SELECT status, claimed_by AS claimedBy FROM inbound_message'));
      expect(rows).toHaveLength(6);
      expect(rows.every((r: { status: string }) => r.status === 'done')).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('/metrics adds the processing thread’s counts to the callbacks’', async () => {
    const text = await (await fetch(`http://127.0.0.1:${bot.running.port}/metrics`)).text();
    const processed = [...text.matchAll(/^shouwang_processing_seconds_count\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
    expect(processed).toBeGreaterThanOrEqual(6);
    expect(text).toMatch(/^shouwang_callbacks_total\{method="POST",outcome="accepted"\} ([6-9]|\d\d)/m);
    expect(text).toMatch(/^shouwang_inbound_backlog \d/m);
  });
});

describe('a passive reply from the processing thread [mariadb]', () => {
  it('with a reply budget the callback answers with the reply the other thread wrote, sent once', { timeout: 30_000 }, async () => {
    const scratch = await createScratchDatabase('mariadb');
    const db = await openDatabase(scratch.url);
    await seedField(db);
    await db.destroy();
    const bot = await startBotWithFakeWeCom(scratch.url, { env: { REPLY_BUDGET_MS: '1500', PROCESSING: 'thread' } });
    try {
      expect(bot.running.processing).toBe('thread');
      const r = await bot.callbacks.userSays('wangwu', '帮助');
      expect(r.reply?.content).toMatch(/^您好，王五（网格员）/);
      await new Promise((ok) => setTimeout(ok, 2500));
      expect(bot.fake.state.callsTo('message/send')).toBe(0);
    } finally {
      await bot.stop();
      await scratch.drop();
    }
  });
});

describe('choosing where messages are processed', () => {
  const base = { WECOM_CORP_ID: 'ww1', WECOM_TOKEN: 't', WECOM_AES_KEY: 'a'.repeat(43), WECOM_AGENT_ID: '1', WECOM_SECRET: 's' };

  it('auto: a thread on MySQL/MariaDB with 4 cores or more, inline with 2 or on SQLite; as told otherwise', () => {
    const mysql = { ...base, DATABASE_URL: 'mysql://root@127.0.0.1:3306/x' };
    expect(loadConfig(mysql, { cores: 8 }).processingThread).toBe(true);
    expect(loadConfig(mysql, { cores: 2 }).processingThread).toBe(false);
    expect(loadConfig({ ...base, DATABASE_URL: 'sqlite:data/x.sqlite' }, { cores: 8 }).processingThread).toBe(false);
    expect(loadConfig({ ...mysql, PROCESSING: 'inline' }, { cores: 8 }).processingThread).toBe(false);
    expect(loadConfig({ ...mysql, PROCESSING: 'thread' }, { cores: 2 }).processingThread).toBe(true);
  });

  it('a thread on SQLite is refused with the reason, in Chinese', () => {
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:data/x.sqlite', PROCESSING: 'thread' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:data/x.sqlite', PROCESSING: 'thread' })).toThrow(/PROCESSING: SQLite 只有一个文件/);
    expect(() => loadConfig({ PROCESSING: 'both' })).toThrow(/PROCESSING: 应为 auto、thread 或 inline/);
  });

  it('a processing thread that ends by itself is reported once; one that is stopped is not', { timeout: 30_000 }, async () => {
    const scratch = await createScratchDatabase('mariadb');
    const db = await openDatabase(scratch.url);
    try {
      const lost: Error[] = [];
      const start = () => ProcessingThread.start({ env: { ...base, DATABASE_URL: scratch.url, LOG_LEVEL: 'silent' }, instanceId: 'edge-test-2', db, log: createLogger({ level: 'silent' }), onLost: (e) => lost.push(e) });
      const dying = await start();
      // As if the thread crashed: it ends without having been asked to stop.
      await (dying as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      await until(() => lost.length > 0, 5000);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.message).toMatch(/处理线程退出/);
      const stopped = await start();
      await stopped.stop();
      await new Promise((ok) => setTimeout(ok, 300));
      expect(lost).toHaveLength(1);
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });

  it('a processing thread that cannot reach its database fails the start with the reason', { timeout: 30_000 }, async () => {
    const scratch = await createScratchDatabase('mariadb');
    const db = await openDatabase(scratch.url, { migrate: false });
    const missing = scratch.url.replace(/\/([^/]+)$/, '/$1_absent');
    try {
      const lost: Error[] = [];
      const started = ProcessingThread.start({
        env: { ...base, DATABASE_URL: missing, LOG_LEVEL: 'silent' },
        instanceId: 'edge-test-1',
        db,
        log: createLogger({ level: 'silent' }),
        onLost: (e) => lost.push(e),
      });
      await expect(started).rejects.toThrow(/_absent/);
      expect(lost).toEqual([]);
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });
});
