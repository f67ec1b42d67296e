/**
 * What one message costs the database: sends grid workers' one-line reports one at a time through
 * the real edge (MariaDB, demo city) and counts the statements the product issued for each,
 * by kind (transactions, SELECT, INSERT, UPDATE, other).
 *
 *   npx tsx bench/pipeline-queries.ts --messages 40
 *   npx tsx bench/pipeline-queries.ts --messages 40 --sequence   # also the last message's statements in order
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EntityManager } from 'typeorm';
import { createEdge } from '../src/bot/edge.js';
import { createCommands } from '../src/bot/commands/index.js';
import { RosterStaffDirectory } from '../src/bot/dispatch/roster.js';
import { silentLogger } from '../src/bot/log.js';
import { unscreenedGeneral } from '../src/bot/sandbox/demo-hints.js';
import { WeComCrypto } from '../src/bot/wecom/crypto.js';
import { sealCallback } from '../src/bot/wecom/envelope.js';
import { buildXml } from '../src/bot/wecom/xml.js';
import { flows } from '../src/flows/registry.js';
import { arg, withDemoCity } from './pipeline-db.js';
import { dataSourceOf } from '../src/persistence/orm.js';

Error.stackTraceLimit = 60;
const MESSAGES = arg('messages', 40);
const corpId = 'wwbench0000000001';
const crypto = new WeComCrypto({ token: 'benchtoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: corpId });
const WORKERS = ['liuhaiyan', 'zhangjun', 'baiyulan', 'heyongqiang'];

const kinds = ['START TRANSACTION', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;
const counts = new Map<string, number>();
const texts = new Map<string, number>();
let sequence: string[] = [];
let trips = 0;
/** One round trip: a statement, or several in one packet (`oneTrip`/`batch`, src/persistence/sql.ts), each counted. */
function count(packet: string): void {
  trips += 1;
  sequence.push(packet.replace(/\s+/g, ' ').slice(0, 150));
  for (const sql of packet.split(';\n')) {
    const s = sql.trimStart().toUpperCase();
    const k = kinds.find((x) => s.startsWith(x)) ?? 'OTHER';
    counts.set(k, (counts.get(k) ?? 0) + 1);
    const shape = sql.replace(/\s+/g, ' ').slice(0, 110);
    texts.set(shape, (texts.get(shape) ?? 0) + 1);
  }
}

// Where a statement of interest comes from (STACKS=<part of the SQL>): the caller's synchronous stack.
const origQuery = EntityManager.prototype.query;
EntityManager.prototype.query = function (this: EntityManager, sql: string, params?: unknown[]) {
  if (process.env.STACKS && counting && sql.includes(process.env.STACKS)) {
    const st = (new Error().stack ?? '').split('\n').filter((l) => l.includes(`${process.cwd()}/src/`)).slice(0, 5).map((l) => l.trim().replace(`${process.cwd()}/`, '')).join(' < ');
    texts.set(st, (texts.get(st) ?? 0) + 1);
  }
  return origQuery.call(this, sql, params);
} as typeof origQuery;
let counting = false;

let seq = 0;
function request(who: string): { query: string; body: string } {
  const head = unscreenedGeneral(who)[0] ?? '贺永胜';
  const now = Math.floor(Date.now() / 1000);
  const inner = buildXml({ ToUserName: corpId, FromUserName: who, CreateTime: now, MsgType: 'text', Content: `排查 ${head} 入户 无风险 了解政策`, MsgId: `${Date.now()}${String(++seq).padStart(6, '0')}`, AgentID: 1000002 });
  const s = sealCallback(crypto, inner, { timestamp: String(now), nonce: `${process.pid}${seq}${randomBytes(3).toString('hex')}`, agentId: 1000002 });
  return { query: new URLSearchParams({ ...s.query }).toString(), body: s.body };
}

await withDemoCity('shouwang_queries', async (ds) => {
  const edge = createEdge({ db: ds, log: silentLogger(), wecom: { crypto, corpId }, api: null, flows, staff: new RosterStaffDirectory(ds), commands: createCommands(), tz: 'Asia/Shanghai', maxClockSkewS: 0, callbackMaxBytes: 256 * 1024 });
  edge.start();
  const server: Server = createServer(edge.app.callback());
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Warm up (caches, prepared statements), then count.
  for (const who of WORKERS) await fetch(`${base}/wecom/callback?${request(who).query}`, { method: 'POST', body: request(who).body }).then((r) => r.text());
  await edge.processor.idle();
  const source = dataSourceOf(ds);
  const logger = source.logger;
  counting = true;
  Object.assign(source, { logger: { ...logger, logQuery: (q: string) => count(q), logQueryError: () => undefined, logQuerySlow: () => undefined } });
  const cpuFrom = process.cpuUsage();
  const wallFrom = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    const r = request(WORKERS[i % WORKERS.length]!);
    sequence = [];
    const res = await fetch(`${base}/wecom/callback?${r.query}`, { method: 'POST', body: r.body, headers: { 'content-type': 'text/xml' } });
    await res.text();
    await edge.processor.idle();
  }
  const cpu = process.cpuUsage(cpuFrom);
  const wallMs = performance.now() - wallFrom;
  Object.assign(source, { logger });
  server.close();
  await edge.stop();
  const per = (k: string) => ((counts.get(k) ?? 0) / MESSAGES).toFixed(1);
  console.log(`per message over ${MESSAGES}: ${(trips / MESSAGES).toFixed(1)} round trips; ${[...kinds, 'OTHER'].map((k) => `${k} ${per(k)}`).join(', ')}`);
  for (const [t, n] of [...texts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(n / MESSAGES).toFixed(2).padStart(6)}  ${t}`);
  // CPU of this whole process (client, product, statement counting) per message: a figure that a
  // busy machine disturbs far less than a rate does; compare it between versions, not across machines.
  console.log(`per message: ${((cpu.user + cpu.system) / 1000 / MESSAGES).toFixed(2)} ms CPU of this process, ${(wallMs / MESSAGES).toFixed(1)} ms wall`);
  if (process.argv.includes('--sequence')) console.log(`the last message's statements, in order:\n${sequence.map((q, i) => `${String(i + 1).padStart(3)}  ${q}`).join('\n')}`);
});
