import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { appText, edgeKit, seal, T0 } from '../../helpers/edge-kit.js';
import { tallyFlow } from '../../helpers/test-flows.js';
import { silentLogger } from '../../../src/bot/log.js';
import { Spool, SpoolFullError, spoolSettings, type SpoolEntry } from '../../../src/bot/inbound/spool.js';
import { transaction, type Database } from '../../../src/persistence/db.js';
import { loadConversation } from '../../../src/persistence/conversation.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';

const entry = (n: number): SpoolEntry => ({
  item: { dedupeKey: `app:msg:${n}`, kind: 'message', channel: 'app', sender: 'u', msgType: 'text', message: { Content: `第${n}条` } },
  receivedAt: T0 + n,
  nonce: { timestamp: '1', nonce: `n${n}`, signature: 'ab' },
});
const freshDir = () => mkdtempSync(join(tmpdir(), 'shouwang-spool-'));

describe('the local spool', () => {
  it('keeps entries across a restart and replays them in order, then is empty', async () => {
    const dir = freshDir();
    const first = new Spool({ dir, maxBytes: 1 << 20, log: silentLogger() });
    for (let i = 1; i <= 5; i++) await first.append(entry(i));
    await first.close();
    // A crash in the middle of a line: that line was never acknowledged.
    appendFileSync(join(dir, 'inbound.spool'), '{"item":{"dedupeKey":"app:msg:cut');

    const next = new Spool({ dir, maxBytes: 1 << 20, log: silentLogger() });
    expect(await next.pending()).toBe(true);
    const seen: string[] = [];
    expect(await next.replay(async (e) => void seen.push(e.item.dedupeKey))).toBe(5);
    expect(seen).toEqual([1, 2, 3, 4, 5].map((i) => `app:msg:${i}`));
    expect(await next.pending()).toBe(false);
    expect(statSync(join(dir, 'inbound.spool')).size).toBe(0);
  });

  it('a failed store stops the replay; the rest (and what came meanwhile) waits for the next one', async () => {
    const spool = new Spool({ dir: freshDir(), maxBytes: 1 << 20, log: silentLogger() });
    for (let i = 1; i <= 4; i++) await spool.append(entry(i));
    const seen: number[] = [];
    let fail = true;
    let appended = false;
    const store = async (e: SpoolEntry) => {
      const n = Number(e.item.dedupeKey.split(':')[2]);
      if (n === 3 && fail) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      // An append while the replay runs lands behind everything else.
      if (n === 1 && !appended) {
        appended = true;
        await spool.append(entry(5));
      }
      seen.push(n);
    };
    await expect(spool.replay(store)).rejects.toThrow('ECONNREFUSED');
    expect(await spool.pending()).toBe(true);
    fail = false;
    await spool.replay(store);
    // Entries before the failure come again: storing is idempotent by dedupe key.
    expect(seen).toEqual([1, 2, 1, 2, 3, 4, 5]);
    expect(await spool.pending()).toBe(false);
  });

  it('refuses past its size bound, and the settings are read from the environment', async () => {
    const spool = new Spool({ dir: freshDir(), maxBytes: 450, log: silentLogger() });
    await spool.append(entry(1));
    await spool.append(entry(2));
    await expect(spool.append(entry(3))).rejects.toBeInstanceOf(SpoolFullError);
    expect(spoolSettings({})).toEqual({ dir: 'data/spool', maxBytes: 256 * 1024 * 1024 });
    expect(spoolSettings({ SPOOL_DIR: '/var/spool/sw', SPOOL_MAX_MB: '10' })).toEqual({ dir: '/var/spool/sw', maxBytes: 10 * 1024 * 1024 });
    expect(() => spoolSettings({ SPOOL_MAX_MB: 'lots' })).toThrow('SPOOL_MAX_MB');
  });

  it('skips a line that is not JSON and goes on', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'inbound.spool'), `${JSON.stringify(entry(1))}\nnot json\n${JSON.stringify(entry(2))}\n`);
    const seen: string[] = [];
    await new Spool({ dir, maxBytes: 1 << 20, log: silentLogger() }).replay(async (e) => void seen.push(e.item.dedupeKey));
    expect(seen).toEqual(['app:msg:1', 'app:msg:2']);
  });
});

/** The database as the bot sees it, with a switch that makes every transaction fail like a dead server. */
function flaky(ds: Database): { db: Database; down: (v: boolean) => void } {
  let isDown = false;
  const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', errno: -111 }));
  const db = new Proxy(ds, {
    get(target, prop) {
      if (isDown && (prop === 'transaction' || prop === 'query')) return refused;
      // A query runner of a dead server: its first statement fails (the one-trip accept uses one).
      if (isDown && prop === 'createQueryRunner') return () => ({ query: refused, release: () => Promise.resolve() });
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { db, down: (v) => (isDown = v) };
}

describeEachDatabase('callbacks during a database outage', (db) => {
  it('are answered 200 from the spool and processed in order, once, when the database is back', async () => {
    const dir = freshDir();
    const f = flaky(db.ds());
    const kit = edgeKit(f.db, { flows: [tallyFlow], spool: { dir, maxBytes: 1 << 20 }, spoolRetryMs: 50, replyBudgetMs: 200 });
    f.down(true);
    const senders = ['outage-a', 'outage-b'];
    const first = seal(appText({ from: 'outage-a', content: '记 1', msgId: 'outage-a-1', createTime: T0 / 1000 + 1 }));
    for (let i = 1; i <= 6; i++) {
      for (const s of senders) {
        const res = await kit.post(s === 'outage-a' && i === 1 ? first : seal(appText({ from: s, content: `记 ${i}`, msgId: `${s}-${i}`, createTime: T0 / 1000 + i })));
        expect(res.status).toBe(200);
        expect(res.text).toBe('');
      }
    }
    // A WeCom retry of a spooled message while the database is still away: spooled again, harmless.
    expect((await kit.post(first)).status).toBe(200);
    expect(readFileSync(kit.edge.spool!.file, 'utf8').trim().split('\n')).toHaveLength(13);
    const stored = await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).count({ where: { sender: 'outage-a' } }));
    expect(stored).toBe(0);

    kit.edge.start();
    f.down(false);
    const end = Date.now() + 20_000;
    const allDone = async () => (await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).count({ where: { status: 'done' } }))) >= 12;
    while (((await kit.edge.spool!.pending()) || !(await allDone())) && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    await kit.edge.stop();
    for (const s of senders) {
      const rows = await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).find({ where: { sender: s }, order: { id: 'ASC' } }));
      expect(rows.map((r) => r.status)).toEqual(Array(6).fill('done'));
      const conv = await transaction(db.ds(), (tx) => loadConversation(tx, 'app', s));
      expect((conv?.state as { data: { items: string[] } }).data.items).toEqual([1, 2, 3, 4, 5, 6].map((i) => `记 ${i}`));
    }
    expect(await kit.edge.replaySpool()).toBe(0);
  });

  it('a message arriving after the outage waits behind the spooled ones', async () => {
    const dir = freshDir();
    const f = flaky(db.ds());
    const kit = edgeKit(f.db, { flows: [tallyFlow], spool: { dir, maxBytes: 1 << 20 }, replyBudgetMs: 100 });
    f.down(true);
    expect((await kit.post(seal(appText({ from: 'late-a', content: '记 一', msgId: 'late-1', createTime: T0 / 1000 + 1 })))).status).toBe(200);
    f.down(false);
    // The database answers again, but the spool is not replayed yet: the next message queues up.
    expect((await kit.post(seal(appText({ from: 'late-a', content: '记 二', msgId: 'late-2', createTime: T0 / 1000 + 2 })))).status).toBe(200);
    expect(readFileSync(kit.edge.spool!.file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(await kit.edge.replaySpool()).toBe(2);
    await kit.edge.processor.idle();
    const conv = await transaction(db.ds(), (tx) => loadConversation(tx, 'app', 'late-a'));
    expect((conv?.state as { data: { items: string[] } }).data.items).toEqual(['记 一', '记 二']);
    await kit.edge.stop();
  });
});
