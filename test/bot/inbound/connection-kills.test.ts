/**
 * The drill of a database that drops the bot's connections under load (a failover, wait_timeout,
 * a DBA's KILL): on the real MariaDB an admin connection kills every connection of the test
 * database again and again while messages arrive. Every acknowledged message must be processed
 * exactly once, in its sender's order, and none may be marked failed.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orm, createScratchDatabase, MYSQL_ADMIN_URL } from '../../helpers/db.js';
import { appText, edgeKit, seal, T0, type Kit } from '../../helpers/edge-kit.js';
import { tallyFlow } from '../../helpers/test-flows.js';
import { openDatabase } from '../../../src/persistence/data-source.js';
import { transaction, type Database } from '../../../src/persistence/db.js';
import { loadConversation } from '../../../src/persistence/conversation.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { withRetry } from '../../../src/persistence/sql.js';

const SENDERS = 6;
const PER_SENDER = 12;

describe('connections killed under load [mariadb]', () => {
  let ds: Database;
  let drop: () => Promise<void>;
  let dbName = '';
  let kit: Kit;

  beforeAll(async () => {
    const scratch = await createScratchDatabase('mariadb');
    drop = scratch.drop;
    dbName = new URL(scratch.url).pathname.slice(1);
    ds = await openDatabase(scratch.url);
    kit = edgeKit(ds, { flows: [tallyFlow], clock: Date.now, maxClockSkewS: 0, sweepIntervalMs: 100, replyBudgetMs: 300, settleMs: 50 });
    kit.edge.start();
  }, 60_000);

  afterAll(async () => {
    await kit?.edge.stop();
    await ds?.destroy();
    await drop?.();
  });

  /** Kills every connection to the test database every `everyMs` until stopped; returns how many. */
  function killer(everyMs: number): { stop: () => Promise<number> } {
    const admin = new URL(MYSQL_ADMIN_URL);
    let running = true;
    let killed = 0;
    const loop = (async () => {
      const c = await mysql.createConnection({ host: admin.hostname, port: Number(admin.port || 3306), user: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) });
      while (running) {
        const [rows] = await c.query('SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [dbName]);
        for (const r of rows as Array<{ ID: number }>) {
          await c.query(`KILL CONNECTION ${Number(r.ID)}`).then(
            () => killed++,
            () => undefined,
          );
        }
        await new Promise((r) => setTimeout(r, everyMs));
      }
      await c.end();
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return killed;
      },
    };
  }

  it('loses nothing, fails nothing, duplicates nothing and keeps each sender in order', async () => {
    const kill = killer(30);
    let acknowledged = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, s) => {
        for (let i = 1; i <= PER_SENDER; i++) {
          const sealed = seal(appText({ from: `kill-${s}`, content: `记 ${i}`, msgId: `${s}${String(i).padStart(4, '0')}`, createTime: T0 / 1000 + i }));
          // WeCom's own behaviour: an unanswered or failed callback is retried (the same request).
          for (let attempt = 1; attempt <= 5; attempt++) {
            const res = await kit.post(sealed);
            if (res.status === 200) {
              acknowledged++;
              break;
            }
          }
        }
      }),
    );
    const killed = await kill.stop();
    expect(killed).toBeGreaterThan(3);
    expect(acknowledged).toBe(SENDERS * PER_SENDER);

    const rows = async () => withRetry(() => transaction(ds, (tx) => orm(tx).getRepository(InboundSchema).find()), 10);
    const end = Date.now() + 60_000;
    while ((await rows()).some((r) => r.status !== 'done' && r.status !== 'failed') && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const all = await rows();
    expect(all).toHaveLength(SENDERS * PER_SENDER);
    expect(all.filter((r) => r.status !== 'done').map((r) => [r.dedupeKey, r.status, r.error])).toEqual([]);
    for (let s = 0; s < SENDERS; s++) {
      const conv = await transaction(ds, (tx) => loadConversation(tx, 'app', `kill-${s}`));
      expect((conv?.state as { data: { items: string[] } }).data.items).toEqual(Array.from({ length: PER_SENDER }, (_, i) => `记 ${i + 1}`));
    }
    // One reply per message: re-processing after a lost COMMIT never enqueued a second copy.
    const replies = await transaction(ds, (tx) => orm(tx).getRepository(OutboxSchema).count());
    expect(replies).toBe(SENDERS * PER_SENDER);
  }, 120_000);
});
