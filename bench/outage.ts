/**
 * The database outage drill under load: the real edge (callback → spool or inbound log → processor
 * → outbox → sender) on MariaDB reached through a small TCP proxy of this program, the fake
 * WeCom's `CallbackSender` writing signed and encrypted callbacks at a steady rate (retrying like
 * WeCom: 3 tries, 5 s each), and the fake WeCom API receiving the replies. After `--before-s` the
 * proxy refuses every connection and cuts the open ones — the MariaDB server itself is untouched —
 * for `--outage-s`, then lets them through again; the load goes on for `--after-s`, then the
 * drill waits until everything is processed and sent and checks:
 * - every acknowledged message (HTTP 200) was processed exactly once, in its person's order;
 * - every reply reached its person exactly once (in the HTTP answer or through the API).
 *
 *   npx tsx bench/outage.ts --outage-s 600 --rate 5   # the 10-minute drill
 *   npx tsx bench/outage.ts --quick                                          # 20 s outage, 2 min in all
 *
 * Results: bench/out/outage-*.json; figures in bench/README.md ("Database outage drill").
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import mysql from 'mysql2/promise';
import { MemoryStaffDirectory, commandHandlers } from '../src/bot/dispatch/ports.js';
import { createEdge } from '../src/bot/edge.js';
import { CallbackSender, FakeWeCom, type CallbackResult } from '../src/bot/fake-wecom/index.js';
import { silentLogger } from '../src/bot/log.js';
import { OutboxSender } from '../src/bot/outbox/sender.js';
import { HttpWeComApi } from '../src/bot/wecom/api.js';
import { WeComCrypto } from '../src/bot/wecom/crypto.js';
import type { ConversationState, Flow, StepResult } from '../src/flows/types.js';
import { backlog } from '../src/persistence/backlog.js';
import { loadConversation } from '../src/persistence/conversation.js';
import { openDatabase } from '../src/persistence/data-source.js';
import { transaction } from '../src/persistence/db.js';
import { em } from '../src/persistence/orm.js';
import { InboundSchema } from '../src/persistence/schemas/inbound.js';
import { arg } from './pipeline-db.js';

const QUICK = process.argv.includes('--quick');
const OUTAGE_S = arg('outage-s', QUICK ? 20 : 600);
const BEFORE_S = arg('before-s', QUICK ? 15 : 60);
const AFTER_S = arg('after-s', QUICK ? 30 : 120);
const RATE = arg('rate', 5);
const PEOPLE = arg('people', 200);
const DRAIN_S = arg('drain-s', 1800);

const ADMIN = new URL(process.env.SHOUWANG_TEST_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306/test');
const corpId = 'wwdrill00000000001';
const token = 'drilltoken';
const encodingAesKey = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

/** A TCP proxy to MariaDB that can refuse and cut connections, standing in for a lost server. */
class Cable {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async plug(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((ok) => server.listen(this.port, '127.0.0.1', ok));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Refuses new connections (nothing listens) and cuts the open ones. */
  async unplug(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((ok) => server.close(() => ok()));
  }
}

interface DrillState {
  last: number;
  count: number;
  /** Messages that came at or below the last one seen: a repeat or a swap. */
  backwards: number;
}

/** Counts “记 <n>” per person: the state shows order and exactly-once; the reply names n. */
const drillFlow: Flow = {
  name: 'drill',
  title: '演练',
  version: 1,
  keepMs: 86_400_000,
  matches: (i) => i.type === 'text' && /^记 \d+$/.test(i.text),
  start: (i, env) => drillStep({ flow: 'drill', v: 1, node: 'count', data: { last: 0, count: 0, backwards: 0 }, waitingSince: env.now }, i, env.now),
  step: (s, i, env) => drillStep(s, i, env.now),
};

function drillStep(s: ConversationState, i: Parameters<Flow['step']>[1], now: number): StepResult {
  const m = i.type === 'text' ? /^记 (\d+)$/.exec(i.text) : null;
  if (!m) return { status: 'waiting', state: s, effects: [] };
  const n = Number(m[1]);
  const d = s.data as unknown as DrillState;
  const data: DrillState = { last: Math.max(d.last, n), count: d.count + 1, backwards: d.backwards + (n <= d.last ? 1 : 0) };
  return { status: 'waiting', state: { ...s, data: { ...data }, waitingSince: now }, effects: [{ type: 'reply', reply: { type: 'text', text: `已记 ${n}` } }] };
}

interface Sent {
  who: string;
  n: number;
  at: number;
  phase: 'before' | 'outage' | 'after';
  result?: CallbackResult;
  answeredAt?: number;
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const name = `pipe_outage_${process.pid}`;
  const admin = await mysql.createConnection({ host: ADMIN.hostname, port: Number(ADMIN.port || 3306), user: decodeURIComponent(ADMIN.username), password: decodeURIComponent(ADMIN.password) });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const cable = new Cable({ host: ADMIN.hostname, port: Number(ADMIN.port || 3306) });
  await cable.plug();
  const db = await openDatabase(`mysql://${ADMIN.username}:${ADMIN.password}@127.0.0.1:${cable.port}/${name}`);
  const spoolDir = `bench/out/outage-spool-${process.pid}`;
  rmSync(spoolDir, { recursive: true, force: true });

  const fake = new FakeWeCom({ corpId, agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret', now: Date.now, openKfIds: [] });
  const apiBase = await fake.start();
  const api = new HttpWeComApi({ apiBase, corpId, agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret', now: Date.now });
  const outbox = new OutboxSender({ db, api, kfClock: { lastFarmerMessageAt: async () => null } });
  const edge = createEdge({
    db,
    log: silentLogger(),
    wecom: { crypto: new WeComCrypto({ token, encodingAesKey, receiveId: corpId }), corpId },
    api: null,
    flows: [drillFlow],
    staff: new MemoryStaffDirectory([]),
    commands: commandHandlers(),
    tz: 'Asia/Shanghai',
    maxClockSkewS: 300,
    callbackMaxBytes: 256 * 1024,
    spool: { dir: spoolDir, maxBytes: 256 * 1024 * 1024 },
  });
  const http = createHttpServer(edge.app.callback());
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/wecom/callback`;
  const wecom = new CallbackSender(fake.state, { url, token, encodingAesKey });
  edge.start();
  outbox.start();

  const people = Array.from({ length: PEOPLE }, (_, p) => `drill${String(p).padStart(4, '0')}`);
  const sent: Sent[] = [];
  const written = new Map<string, number>();
  let phase: Sent['phase'] = 'before';
  const t0 = Date.now();
  const marks: Record<string, number> = {};
  let spoolPeak = 0;
  const spoolBytes = () => (existsSync(spoolDir) ? readdirSync(spoolDir, { recursive: true }).map((f) => statSync(join(spoolDir, String(f)))).reduce((n, st) => n + (st.isFile() ? st.size : 0), 0) : 0);
  const watch = setInterval(() => (spoolPeak = Math.max(spoolPeak, spoolBytes())), 1000);
  const status = setInterval(() => {
    const acked = sent.filter((s) => s.result?.ok).length;
    console.log(`${Math.round((Date.now() - t0) / 1000)} s ${phase}: sent ${sent.length}, acknowledged ${acked}, spool ${spoolBytes()} B`);
  }, 30_000);

  // The load: RATE callbacks a second, people in turn, whatever the answers do.
  const load = (async () => {
    const total = RATE * (BEFORE_S + OUTAGE_S + AFTER_S);
    const inFlight: Array<Promise<void>> = [];
    for (let k = 0; k < total; k++) {
      const wait = t0 + (k * 1000) / RATE - Date.now();
      if (wait > 0) await sleep(wait);
      const who = people[k % PEOPLE]!;
      const n = (written.get(who) ?? 0) + 1;
      written.set(who, n);
      const s: Sent = { who, n, at: Date.now(), phase };
      sent.push(s);
      inFlight.push(
        wecom.userSays(who, `记 ${n}`).then((r) => {
          s.result = r;
          s.answeredAt = Date.now();
        }),
      );
    }
    await Promise.all(inFlight);
  })();

  await sleep(BEFORE_S * 1000);
  phase = 'outage';
  marks.down = Date.now();
  await cable.unplug();
  console.log(`database unreachable for ${OUTAGE_S} s`);
  await sleep(OUTAGE_S * 1000);
  await cable.plug();
  marks.up = Date.now();
  phase = 'after';
  console.log('database reachable again');
  await load;
  marks.loadEnd = Date.now();

  // Drain: everything acknowledged processed, every reply out, the spool empty.
  const acked = sent.filter((s) => s.result?.ok);
  const deadline = Date.now() + DRAIN_S * 1000;
  let waiting = { inbound: -1, outbox: -1 };
  for (;;) {
    const b = await transaction(db, (tx) => backlog(tx)).catch(() => null);
    const spoolEmpty = !(await edge.spool?.pending());
    if (b) waiting = { inbound: b.inbound.count, outbox: b.outbox.count };
    if (b && b.inbound.count === 0 && b.outbox.count === 0 && spoolEmpty) break;
    if (Date.now() > deadline) break;
    await sleep(1000);
  }
  marks.drained = Date.now();
  await sleep(5000); // past the sender's poll and the passive-hold window: a late duplicate would show
  clearInterval(status);
  clearInterval(watch);

  // The end check.
  const rows = await transaction(db, (tx) => em(tx).getRepository(InboundSchema).find({ select: { sender: true, status: true, dedupeKey: true } }));
  const doneBy = new Map<string, number>();
  for (const r of rows) if (r.status === 'done') doneBy.set(r.sender, (doneBy.get(r.sender) ?? 0) + 1);
  const problems: string[] = [];
  let processed = 0;
  let repliesOnce = 0;
  const delays: Record<Sent['phase'], number[]> = { before: [], outage: [], after: [] };
  for (const who of people) {
    const conv = await transaction(db, (tx) => loadConversation(tx, 'app', who));
    const d = (conv?.state as ConversationState | null)?.data as unknown as DrillState | undefined;
    const mine = sent.filter((s) => s.who === who);
    const ackedN = new Set(mine.filter((s) => s.result?.ok).map((s) => s.n));
    processed += d?.count ?? 0;
    if ((d?.backwards ?? 0) > 0) problems.push(`${who}: ${d!.backwards} message(s) processed out of order or twice`);
    if ((d?.count ?? 0) !== (doneBy.get(who) ?? 0)) problems.push(`${who}: flow counted ${d?.count ?? 0}, inbound log has ${doneBy.get(who) ?? 0} done`);
    const deliveries = fake.state.deliveries(who);
    const byN = new Map<number, number>();
    for (const dl of deliveries) {
      const n = Number(/已记 (\d+)/.exec(dl.text)?.[1]);
      byN.set(n, (byN.get(n) ?? 0) + 1);
    }
    for (const [n, times] of byN) if (times > 1) problems.push(`${who}: reply to 记 ${n} delivered ${times} times`);
    for (const n of ackedN) {
      if (!byN.has(n)) problems.push(`${who}: acknowledged 记 ${n} got no reply`);
      else repliesOnce++;
    }
    const order = deliveries.map((dl) => Number(/已记 (\d+)/.exec(dl.text)?.[1]));
    if (order.some((n, i) => i > 0 && n < order[i - 1]!)) problems.push(`${who}: replies out of order (${order.join(',')})`);
    for (const s of mine) {
      const dl = deliveries.find((x) => x.text.includes(`已记 ${s.n}`) && /已记 (\d+)/.exec(x.text)?.[1] === String(s.n));
      if (dl) delays[s.phase].push(dl.at - s.at);
    }
  }
  const attempts = [1, 2, 3].map((a) => sent.filter((s) => s.result?.ok && s.result.attempts === a).length);
  const ackMs = (p: Sent['phase']) => sent.filter((s) => s.phase === p && s.answeredAt).map((s) => s.answeredAt! - s.at);
  const result = {
    at: new Date(t0).toISOString(),
    settings: { outageS: OUTAGE_S, beforeS: BEFORE_S, afterS: AFTER_S, rate: RATE, people: PEOPLE },
    sent: sent.length,
    acknowledged: acked.length,
    notAcknowledged: sent.length - acked.length,
    acknowledgedAtTry: attempts,
    processed,
    repliesDeliveredOnce: repliesOnce,
    problems: problems.length,
    firstProblems: problems.slice(0, 20),
    backlogAtEnd: waiting,
    drainedSAfterUp: Math.round((marks.drained! - marks.up!) / 1000),
    drainedSAfterLoad: Math.round((marks.drained! - marks.loadEnd!) / 1000),
    answerMs: Object.fromEntries((['before', 'outage', 'after'] as const).map((p) => [p, { p50: pct(ackMs(p), 50), p99: pct(ackMs(p), 99) }])),
    replyAfterS: Object.fromEntries((['before', 'outage', 'after'] as const).map((p) => [p, { p50: pct(delays[p], 50) / 1000, p99: pct(delays[p], 99) / 1000, max: Math.max(...delays[p]) / 1000 }])),
    spoolPeakKb: Math.round(spoolPeak / 1024),
    rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync('bench/out', { recursive: true });
  writeFileSync(`bench/out/outage-${t0}.json`, JSON.stringify(result, null, 2));

  http.close();
  await outbox.stop();
  await edge.stop();
  await fake.stop();
  await db.destroy();
  await cable.unplug();
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.end();
  rmSync(spoolDir, { recursive: true, force: true });
  process.exitCode = problems.length === 0 && acked.length === sent.length ? 0 : 1;
}

await main();
