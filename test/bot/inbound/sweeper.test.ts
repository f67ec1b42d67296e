import supertest from 'supertest';
import { expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { crypto, OFFICIAL, T0 } from '../../helpers/edge-kit.js';
import { Sweeper } from '../../../src/bot/inbound/sweeper.js';
import type { SystemJob } from '../../../src/bot/jobs/index.js';
import { createApp } from '../../../src/bot/http/app.js';
import { silentLogger } from '../../../src/bot/log.js';
import { transaction } from '../../../src/persistence/db.js';
import { openDatabase } from '../../../src/persistence/data-source.js';
import { recordNonce } from '../../../src/persistence/callback-nonce.js';
import { scheduleTimer } from '../../../src/persistence/timer.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';
import { CallbackNonceSchema } from '../../../src/persistence/schemas/callback-nonce.js';
import type { Lane } from '../../../src/persistence/inbound.js';

describeEachDatabase('sweeper', (db) => {
  const sweeper = (id: string, kicked: Lane[], retention: number | null = null) =>
    new Sweeper({ db: db.ds(), processor: { kick: (l) => kicked.push(l) }, instanceId: id, log: silentLogger(), clock: () => T0 + 10_000, nonceRetentionMs: retention, pruneEveryMs: 0 });

  it('two sweepers at once fire each due timer exactly once, as a timeout input of its sender', async () => {
    await transaction(db.ds(), async (tx) => {
      for (let i = 0; i < 6; i++) await scheduleTimer(tx, { channel: 'app', sender: `sw-${i}`, name: 'expiry', dueAt: T0 + i, payload: { version: 1 } }, T0);
      await scheduleTimer(tx, { channel: 'app', sender: 'sw-later', name: 'expiry', dueAt: T0 + 60_000 }, T0);
    });
    const kickedA: Lane[] = [];
    const kickedB: Lane[] = [];
    const [a, b] = await Promise.all([sweeper('sw-a', kickedA).sweepOnce(), sweeper('sw-b', kickedB).sweepOnce()]);
    expect(a.timers + b.timers).toBe(6);
    const rows = await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).find({ where: { kind: 'timeout' }, order: { sender: 'ASC' } }));
    expect(rows.map((r) => r.sender)).toEqual(['sw-0', 'sw-1', 'sw-2', 'sw-3', 'sw-4', 'sw-5']);
    expect(rows[0]!.message).toMatchObject({ type: 'timeout', name: 'expiry', payload: { version: 1 }, dueAt: T0 });
    expect(new Set([...kickedA, ...kickedB].map((l) => l.sender))).toEqual(new Set(rows.map((r) => r.sender)));
  });

  it('prunes callback nonces older than the retention', async () => {
    await transaction(db.ds(), (tx) => recordNonce(tx, '1', 'old', 'sig', T0 - 5_000));
    await transaction(db.ds(), (tx) => recordNonce(tx, '1', 'fresh', 'sig', T0 + 9_000));
    await sweeper('sw-p', [], 2_000).sweepOnce();
    const left = await transaction(db.ds(), (tx) => orm(tx).getRepository(CallbackNonceSchema).find());
    expect(left.map((n) => n.nonce)).toEqual(['fresh']);
  });

  it('counts 家庭人口 of households written by other means, a batch per round', async () => {
    const ds = db.ds();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      await orm(ds).query(
        "INSERT INTO households (code, head_name, city_code, town_code, village_code, grid_code, type, dibao, tekun, key_groups, created_at, updated_at) VALUES (?, '某', '6108', '610801', '61080101', NULL, 'general', 0, 0, '[]', 1, 1)",
        [`BULK-${i}`],
      );
      const [row] = (await orm(ds).query('SELECT id FROM households WHERE code = ?', [`BULK-${i}`])) as Array<{ id: unknown }>;
      ids.push(Number(row?.id));
      for (let m = 0; m <= i; m++) {
        await orm(ds).query(
          "INSERT INTO members (household_id, id_number, name, relation, labour, health, schooling, left_on, created_at, updated_at) VALUES (?, ?, '某', '户主', 'full', 'healthy', 'none', ?, 1, 1)",
          [ids[i], `BULK${i}-${m}`, m === 0 && i > 0 ? '2022-01-01' : null],
        );
      }
    }
    const people = async () => ((await orm(ds).query(`SELECT people FROM households WHERE code LIKE 'BULK-%' ORDER BY id`)) as Array<{ people: unknown }>).map((r) => (r.people === null ? null : Number(r.people)));
    expect(await people()).toEqual([null, null, null, null, null]);
    const s = new Sweeper({ db: ds, processor: { kick: () => undefined }, instanceId: 'sw-people', log: silentLogger(), clock: () => T0 + 10_000, peopleBatch: 3 });
    await s.sweepOnce();
    expect(await people()).toEqual([1, 1, 2, null, null]);
    await s.sweepOnce();
    // Each household's members still in it; the first member of every household but the first has left.
    expect(await people()).toEqual([1, 1, 2, 3, 4]);
  });

  it('wakes at a job\'s due time between two rounds, not at the next round', async () => {
    const timer = { channel: 'app' as const, sender: 'system:wake-test', name: 'wake-test' };
    const ran: number[] = [];
    const job: SystemJob = {
      name: 'wake-test',
      schedule: async () => undefined,
      onTimer: async (_tx, t) => {
        if (t.sender !== timer.sender) return false;
        ran.push(Date.now());
        return true;
      },
    };
    let woken = 0;
    // Rounds a minute apart: only the wake-up can run the job within the test.
    const s = new Sweeper({ db: db.ds(), processor: { kick: () => undefined }, instanceId: 'sw-wake', log: silentLogger(), intervalMs: 60_000, jobs: [job], afterJobs: () => woken++ });
    const dueAt = Date.now() + 400;
    await transaction(db.ds(), (tx) => scheduleTimer(tx, { ...timer, dueAt }, Date.now()));
    s.start();
    try {
      const end = Date.now() + 5_000;
      while (ran.length === 0 && Date.now() < end) await new Promise((ok) => setTimeout(ok, 10));
    } finally {
      await s.stop();
    }
    expect(ran).toHaveLength(1);
    expect(ran[0]!).toBeGreaterThanOrEqual(dueAt);
    expect(ran[0]! - dueAt).toBeLessThan(1_000);
    expect(woken).toBe(1);
  });

  it('/readyz answers 503 when the database is gone, /healthz still 200', async () => {
    const gone = await openDatabase(db.url(), { migrate: false });
    await gone.destroy();
    const app = createApp({
      db: gone,
      log: silentLogger(),
      wecom: { crypto, corpId: OFFICIAL.corpId },
      processor: { kick: () => undefined, waitFor: async () => null },
      clock: () => T0,
      maxClockSkewS: 300,
      callbackMaxBytes: 1024,
      replyBudgetMs: 10,
    });
    const request = supertest(app.callback());
    expect((await request.get('/readyz')).status).toBe(503);
    expect((await request.get('/healthz')).text).toBe('ok');
  });
});
