/**
 * The message pipeline against its protocol ceiling, with one generator, in one run:
 *
 * - `ceiling`: a bare Koa server that verifies, decrypts and parses a callback and answers with an
 *   encrypted passive reply — no database; what any full pipeline is compared with.
 * - `product`: the real edge (callback → inbound log → processor → the grid worker flow → reply)
 *   on a fresh MariaDB database holding the demo city, with the product's defaults (the callback
 *   is answered once the message is stored; `--reply-budget 1500` waits for a passive reply as
 *   before); each request is a grid worker's one-line screening report
 *   (“排查 <户主> 入户 无风险 了解政策”), the 8 grid workers in turn (`--people N`: N more).
 *
 * The generator (no dependency; loopback HTTP with keep-alive) runs in a worker thread of its own,
 * as a generator outside the product would (`--inline-generator`: on the servers' own thread, as
 * measured before 2026-12-06, later), and runs two phases per target:
 * closed loop with `--connections` requests in flight for `--seconds` (throughput), then open loop
 * at `--rate` requests/s (latency at a fixed offered load). After each product phase it waits
 * until every message is processed and reports processed/s and arrival → completion latency
 * (`processed`); `--send` also runs the outbox sender against a local fake WeCom API and waits
 * until every reply is sent. Results go to bench/out/pipeline-*.json.
 *
 *   npx tsx bench/pipeline.ts                          # 8 connections, 10 s, 200/s
 *   npx tsx bench/pipeline.ts --people 200 --connections 32 --send
 *   npx tsx bench/pipeline.ts --seconds 30 --settle 0  # longer; no ordering window
 *   npx tsx bench/pipeline.ts --socket /run/mysqld/mysqld.sock   # MariaDB through its Unix socket
 *   NODE_OPTIONS=--expose-gc npx tsx bench/pipeline.ts --soak 100000 --seconds 30 --people 200 --connections 32 --processing inline
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import Koa from 'koa';
import { createAcceptingEdge, createEdge, newInstanceId, type AcceptingEdge } from '../src/bot/edge.js';
import { ProcessingThread } from '../src/bot/processing-thread.js';
import { FakeWeCom } from '../src/bot/fake-wecom/index.js';
import { InboundKfSessionClock } from '../src/bot/inbound/kf-session.js';
import { OutboxSender } from '../src/bot/outbox/sender.js';
import { HttpWeComApi } from '../src/bot/wecom/api.js';
import { createCommands } from '../src/bot/commands/index.js';
import { RosterStaffDirectory } from '../src/bot/dispatch/roster.js';
import { silentLogger } from '../src/bot/log.js';
import { unscreenedGeneral } from '../src/bot/sandbox/demo-hints.js';
import { WeComCrypto } from '../src/bot/wecom/crypto.js';
import { openCallback, sealCallback, sealReply } from '../src/bot/wecom/envelope.js';
import { buildXml, parseXml, text } from '../src/bot/wecom/xml.js';
import { flows } from '../src/flows/registry.js';
import type { Database } from '../src/persistence/db.js';
import { dataSourceOf } from '../src/persistence/orm.js';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner.js';
import { addBenchPeople, arg, benchPerson, withDemoCity, type BenchPerson } from './pipeline-db.js';

const CONNECTIONS = arg('connections', 8);
const SECONDS = arg('seconds', 10);
const RATE = arg('rate', 200);
const SETTLE = arg('settle', 200);
/** `--reply-budget MS`: how long a callback waits for its passive reply (the edge's default when absent). */
const REPLY_BUDGET = process.argv.includes('--reply-budget') ? arg('reply-budget', 0) : undefined;
/** `--people N`: N more grid workers, each with a household, written as in turn (0: the 8 demo grid workers). */
const PEOPLE = arg('people', 0);
/** `--send`: replies go out too — the outbox sender against a local fake WeCom API, in the same process. */
const SEND = process.argv.includes('--send');
/** `--inline-generator`: the generator shares the servers' thread (its work then delays theirs). */
const INLINE_GENERATOR = process.argv.includes('--inline-generator');
/**
 * `--processing thread|inline`: where the product processes (config PROCESSING). `thread` (the
 * default, as a deployment on MariaDB runs): the callbacks here, the processing in the product's
 * processing thread (src/bot/processing-thread.ts), whose statements this process does not count —
 * per-message statement figures are the callbacks' thread's only; `--send` then runs the product's
 * own outbox sender there, with WeCom's per-member limits.
 */
const THREAD = !process.argv.includes('inline');
/**
 * `--soak N`: no ceiling and no open loop; closed-loop segments of `--seconds` each, every one
 * drained before the next, until N messages are stored, with the process's memory after each
 * (RSS, and the main thread's heap after a collection when run with `NODE_OPTIONS=--expose-gc`).
 */
const SOAK = arg('soak', 0);
/** `--db-prefix <name>`: the scratch database's name before its process id. */
const prefixAt = process.argv.indexOf('--db-prefix');
const DB_PREFIX = prefixAt > 0 ? process.argv[prefixAt + 1]! : 'shouwang_bench';

const corpId = 'wwbench0000000001';
const crypto = new WeComCrypto({ token: 'benchtoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: corpId });
const GRID_WORKERS = ['liuhaiyan', 'zhangjun', 'baiyulan', 'heyongqiang', 'qiaojianhua', 'suxiaomei', 'wuchangjiang', 'xueliping'];

// Every statement the product sends to MariaDB, counted (a COMMIT ends a transaction), and the round
// trips (a multi-statement packet, `oneTrip`/`batch` in src/persistence/sql.ts, is one): per message
// these figures do not depend on how loaded the machine is.
const sql = { roundTrips: 0, statements: 0, commits: 0, accepted: 0 };
/** `--statements`: also print how often each statement was sent per message, most frequent first. */
const STATEMENTS = process.argv.includes('--statements');
const byStatement = new Map<string, number>();
const runQuery = MysqlQueryRunner.prototype.query;
MysqlQueryRunner.prototype.query = function (this: MysqlQueryRunner, ...a: Parameters<typeof runQuery>) {
  const parts = a[0].split(';\n');
  sql.roundTrips += 1;
  sql.statements += parts.length;
  sql.commits += parts.filter((p) => p === 'COMMIT').length;
  sql.accepted += parts.filter((p) => p.startsWith('INSERT INTO inbound_message')).length;
  if (STATEMENTS) byStatement.set(a[0].slice(0, 110), (byStatement.get(a[0].slice(0, 110)) ?? 0) + 1);
  return runQuery.apply(this, a);
} as typeof runQuery;

/** Who the requests come from: the demo grid workers, or the people `--people` added. */
let people: BenchPerson[] = GRID_WORKERS.map((userId) => ({ userId, head: unscreenedGeneral(userId)[0] ?? '贺永胜' }));

let seq = 0;
/** One sealed callback: person `i`'s one-line report, unique MsgId and nonce. */
function request(i: number): { query: string; body: string } {
  const { userId: who, head } = people[i % people.length]!;
  const now = Math.floor(Date.now() / 1000);
  const inner = buildXml({ ToUserName: corpId, FromUserName: who, CreateTime: now, MsgType: 'text', Content: `排查 ${head} 入户 无风险 了解政策`, MsgId: `${Date.now()}${String(++seq).padStart(6, '0')}`, AgentID: 1000002 });
  const s = sealCallback(crypto, inner, { timestamp: String(now), nonce: `${process.pid}${seq}${randomBytes(3).toString('hex')}`, agentId: 1000002 });
  return { query: new URLSearchParams({ ...s.query }).toString(), body: s.body };
}

async function post(base: string, i: number): Promise<number> {
  const r = request(i);
  const started = performance.now();
  const res = await fetch(`${base}/wecom/callback?${r.query}`, { method: 'POST', body: r.body, headers: { 'content-type': 'text/xml' } });
  await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return performance.now() - started;
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);

/** Closed loop: `CONNECTIONS` requests in flight for `SECONDS`. */
async function closedLoop(base: string): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const lat: number[] = [];
  let errors = 0;
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, w) => {
      for (let k = w; Date.now() < end; k += CONNECTIONS) await post(base, k).then((ms) => lat.push(ms), () => errors++);
    }),
  );
  return { rps: lat.length / SECONDS, p50: pct(lat, 50), p99: pct(lat, 99), errors };
}

/** Open loop: a request every 1000/RATE ms whatever the answers do. */
async function openLoop(base: string): Promise<{ offered: number; done: number; p50: number; p99: number; errors: number }> {
  const lat: number[] = [];
  let errors = 0;
  const inFlight: Array<Promise<void>> = [];
  const total = RATE * SECONDS;
  const t0 = performance.now();
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(post(base, k).then((ms) => void lat.push(ms), () => void errors++));
  }
  await Promise.all(inFlight);
  return { offered: RATE, done: lat.length / SECONDS, p50: pct(lat, 50), p99: pct(lat, 99), errors };
}

/** CPU seconds used so far by the database server's process (MariaDB/MySQL on this machine), or null when not visible. */
function databaseCpuSeconds(): number | null {
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let comm = '';
      try {
        comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        continue;
      }
      if (comm !== 'mariadbd' && comm !== 'mysqld') continue;
      // Fields 14 and 15 (utime, stime) in clock ticks, counted after the command's closing parenthesis.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    }
  } catch {
    // Not Linux, or /proc not readable: the drain's database figure is left out.
  }
  return null;
}

/**
 * Waits until every message received since `from` is processed, then reads how: processed per
 * second (first arrival to last completion), and arrival → completion latency (the reply is
 * committed then; without a reply budget the callback was answered before). `drain`: the part
 * processed after the generator stopped — processing alone, with no callbacks competing — its
 * rate and the CPU it cost this process and the database server per message.
 */
async function processed(db: Database, from: number): Promise<{ rows: number; perSecond: number; p50: number; p99: number; drainMs: number; drain: { rows: number; perSecond: number; nodeCpuMs: number; dbCpuMs: number | null } }> {
  const ds = dataSourceOf(db);
  const drainFrom = Date.now();
  const cpuFrom = process.cpuUsage();
  const dbFrom = databaseCpuSeconds();
  for (;;) {
    const [left] = (await ds.query("SELECT COUNT(*) AS n FROM inbound_message WHERE received_at >= ? AND status IN ('pending', 'processing')", [from])) as Array<{ n: number | string }>;
    if (Number(left!.n) === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const drainMs = Date.now() - drainFrom;
  const cpu = process.cpuUsage(cpuFrom);
  const dbTo = databaseCpuSeconds();
  const rows = (await ds.query('SELECT received_at AS r, processed_at AS p FROM inbound_message WHERE received_at >= ? AND processed_at IS NOT NULL', [from])) as Array<{ r: number | string; p: number | string }>;
  const lat = rows.map((x) => Number(x.p) - Number(x.r));
  const span = rows.length ? Math.max(...rows.map((x) => Number(x.p))) - Math.min(...rows.map((x) => Number(x.r))) : 0;
  const drained = rows.filter((x) => Number(x.p) >= drainFrom).length;
  const per = (ms: number) => (drained > 0 ? ms / drained : 0);
  const drain = {
    rows: drained,
    perSecond: drainMs > 0 ? (drained * 1000) / drainMs : 0,
    nodeCpuMs: per((cpu.user + cpu.system) / 1000),
    dbCpuMs: dbFrom !== null && dbTo !== null ? per((dbTo - dbFrom) * 1000) : null,
  };
  return { rows: rows.length, perSecond: span > 0 ? (rows.length * 1000) / span : 0, p50: pct(lat, 50), p99: pct(lat, 99), drainMs, drain };
}

/** With `--send`: waits until every reply stored since `from` is sent; how many, and when the last went. */
async function sentAll(db: Database, from: number): Promise<{ rows: number; waitedMs: number }> {
  const ds = dataSourceOf(db);
  const t0 = Date.now();
  for (;;) {
    const [r] = (await ds.query("SELECT COUNT(*) AS n, SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END) AS s FROM outbox WHERE created_at >= ?", [from])) as Array<{ n: number | string; s: number | string | null }>;
    if (Number(r!.s ?? 0) >= Number(r!.n) || Date.now() - t0 > 120_000) return { rows: Number(r!.s ?? 0), waitedMs: Date.now() - t0 };
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/** The ceiling: verify, decrypt, parse, answer an encrypted passive reply. */
function ceilingApp(): Koa {
  const app = new Koa();
  app.use(async (ctx) => {
    const chunks: Buffer[] = [];
    for await (const c of ctx.req) chunks.push(c as Buffer);
    const q = ctx.query as Record<string, string>;
    const inner = parseXml(openCallback(crypto, { msg_signature: q.msg_signature!, timestamp: q.timestamp!, nonce: q.nonce! }, Buffer.concat(chunks).toString('utf8')));
    const reply = buildXml({ ToUserName: text(inner, 'FromUserName'), FromUserName: corpId, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: '已记录' });
    ctx.type = 'application/xml';
    ctx.body = sealReply(crypto, reply, String(Math.floor(Date.now() / 1000)), randomBytes(8).toString('hex'));
  });
  return app;
}

type Phase = 'closed' | 'open';
type PhaseResult = Awaited<ReturnType<typeof closedLoop>> | Awaited<ReturnType<typeof openLoop>>;

/** Runs one phase of the generator against `base`, in the worker thread unless `--inline-generator`. */
async function generate(phase: Phase, base: string): Promise<PhaseResult> {
  if (INLINE_GENERATOR) return phase === 'closed' ? closedLoop(base) : openLoop(base);
  const worker = new Worker(new URL(import.meta.url), { workerData: { phase, base, people }, argv: process.argv.slice(2) });
  try {
    return await new Promise<PhaseResult>((ok, fail) => {
      worker.once('message', ok);
      worker.once('error', fail);
    });
  } finally {
    await worker.terminate();
  }
}

/** The product as a deployment on MariaDB runs it: callbacks on this thread, processing in its own. */
async function threadedEdge(ds: Database, url: string, apiBase: string): Promise<AcceptingEdge & { processing: ProcessingThread }> {
  const env: Record<string, string> = {
    DATABASE_URL: url,
    WECOM_CORP_ID: corpId,
    WECOM_TOKEN: 'benchtoken',
    WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: 'benchsecret',
    ...(apiBase ? { WECOM_API_BASE: apiBase } : { OUTBOX_SENDER: 'off' }),
    LOG_LEVEL: 'silent',
    SETTLE_MS: String(SETTLE),
    ...(REPLY_BUDGET !== undefined ? { REPLY_BUDGET_MS: String(REPLY_BUDGET) } : {}),
  };
  const instanceId = newInstanceId();
  const processing = await ProcessingThread.start({ env, instanceId, db: ds, log: silentLogger(), onLost: (e) => console.error('processing thread lost', e) });
  const edge = createAcceptingEdge({ db: ds, log: silentLogger(), wecom: { crypto, corpId }, maxClockSkewS: 0, callbackMaxBytes: 256 * 1024, replyBudgetMs: REPLY_BUDGET, processing, instanceId });
  return { ...edge, processing };
}

/** `--soak N`: memory over N messages (see SOAK). */
async function soak(): Promise<void> {
  if (PEOPLE > 0) people = Array.from({ length: PEOPLE }, (_, k) => benchPerson(k));
  await withDemoCity(DB_PREFIX, async (ds, url) => {
    if (PEOPLE > 0) people = await addBenchPeople(ds, PEOPLE, Date.now());
    const threaded = THREAD ? await threadedEdge(ds, url, '') : null;
    const edge = threaded ?? createEdge({ db: ds, log: silentLogger(), wecom: { crypto, corpId }, api: null, flows, staff: new RosterStaffDirectory(ds), commands: createCommands(), tz: 'Asia/Shanghai', maxClockSkewS: 0, callbackMaxBytes: 256 * 1024, settleMs: SETTLE, replyBudgetMs: REPLY_BUDGET });
    edge.start();
    const product = await listen(edge.app.callback());
    const mb = (b: number) => Math.round(b / 1024 / 1024);
    const collect = (globalThis as { gc?: () => void }).gc;
    const samples: Array<{ messages: number; seconds: number; rssMb: number; heapMb: number; processedPerSecond: number }> = [];
    const t0 = Date.now();
    let stored = 0;
    while (stored < SOAK) {
      const from = Date.now();
      await generate('closed', product.base);
      const done = await processed(ds, from);
      stored += done.rows;
      collect?.();
      const m = process.memoryUsage();
      samples.push({ messages: stored, seconds: Math.round((Date.now() - t0) / 1000), rssMb: mb(m.rss), heapMb: mb(m.heapUsed), processedPerSecond: Math.round(done.perSecond) });
      console.log('soak', JSON.stringify(samples.at(-1)));
    }
    product.server.close();
    await edge.stop();
    await threaded?.processing.stop();
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(`bench/out/pipeline-soak-${Date.now()}.json`, JSON.stringify({ processing: THREAD ? 'thread' : 'inline', gc: Boolean(collect), samples }, null, 2));
  });
}

async function main(): Promise<void> {
  if (SOAK > 0) return soak();
  const results: Record<string, unknown> = { connections: CONNECTIONS, seconds: SECONDS, rate: RATE, settleMs: SETTLE, people: PEOPLE || GRID_WORKERS.length, at: new Date().toISOString() };
  // The ceiling writes as the same people (only their names travel in its callbacks).
  if (PEOPLE > 0) people = Array.from({ length: PEOPLE }, (_, k) => benchPerson(k));
  const ceiling = await listen(ceilingApp().callback());
  results.ceiling = { closed: await generate('closed', ceiling.base), open: await generate('open', ceiling.base) };
  ceiling.server.close();
  console.log('ceiling', JSON.stringify(results.ceiling));

  await withDemoCity(DB_PREFIX, async (ds, url) => {
    if (PEOPLE > 0) people = await addBenchPeople(ds, PEOPLE, Date.now());
    const fake = SEND ? new FakeWeCom({ corpId, agentId: 1000002, secret: 'benchsecret' }) : null;
    const apiBase = fake ? await fake.start() : '';
    const api = fake ? new HttpWeComApi({ apiBase, corpId, agentId: 1000002, secret: 'benchsecret', kfSecret: 'benchsecret' }) : null;
    // WeCom's per-member limit would hold most of a bench person's replies back for minutes; the
    // bench counts the sender's work, so it lifts the limit.
    const sender = api && !THREAD ? new OutboxSender({ db: ds, api, kfClock: new InboundKfSessionClock(ds), log: silentLogger(), perMinute: 1_000_000, perHour: 1_000_000 }) : null;
    sender?.start();
    const threaded = THREAD ? await threadedEdge(ds, url, apiBase) : null;
    const edge = threaded ?? createEdge({ db: ds, log: silentLogger(), wecom: { crypto, corpId }, api, ...(sender ? { afterReplies: () => sender.kick() } : {}), flows, staff: new RosterStaffDirectory(ds), commands: createCommands(), tz: 'Asia/Shanghai', maxClockSkewS: 0, callbackMaxBytes: 256 * 1024, settleMs: SETTLE, replyBudgetMs: REPLY_BUDGET });
    edge.start();
    const product = await listen(edge.app.callback());
    const rssBefore = process.memoryUsage().rss;
    const cpuBefore = process.cpuUsage();
    const counted = { ...sql };
    byStatement.clear();
    const closedFrom = Date.now();
    const closed = { ...((await generate('closed', product.base)) as Awaited<ReturnType<typeof closedLoop>>), processed: await processed(ds, closedFrom) };
    const openFrom = Date.now();
    const open = { ...((await generate('open', product.base)) as Awaited<ReturnType<typeof openLoop>>), processed: await processed(ds, openFrom) };
    // Per message stored (one inbound row each), whatever was processed after the phases ended.
    const messages = Math.max(1, sql.accepted - counted.accepted);
    const perMessage = { roundTrips: (sql.roundTrips - counted.roundTrips) / messages, statements: (sql.statements - counted.statements) / messages, transactions: (sql.commits - counted.commits) / messages };
    // The whole process's CPU (every thread: callbacks, processing, the generator) per message stored.
    const cpu = process.cpuUsage(cpuBefore);
    (perMessage as Record<string, number>).cpuMs = (cpu.user + cpu.system) / 1000 / messages;
    results.product = { closed, open, perMessage, rssMb: [rssBefore, process.memoryUsage().rss].map((b) => Math.round(b / 1024 / 1024)) };
    console.log('product', JSON.stringify(results.product));
    if (STATEMENTS) for (const [text, n] of [...byStatement].sort((x, y) => y[1] - x[1])) console.log(`  ${(n / messages).toFixed(2).padStart(6)}  ${text}`);
    if (sender) console.log('sent', JSON.stringify(((results.product as Record<string, unknown>).sent = await sentAll(ds, closedFrom))));
    product.server.close();
    await edge.stop();
    await threaded?.processing.stop();
    await sender?.stop();
    await fake?.stop();
  });
  const c = results.ceiling as { closed: { rps: number } };
  const p = results.product as { closed: { rps: number } };
  results.generator = INLINE_GENERATOR ? 'inline' : 'worker thread';
  results.processing = THREAD ? 'thread' : 'inline';
  results.ratio = p.closed.rps / c.closed.rps;
  console.log(`ratio ${(100 * (results.ratio as number)).toFixed(1)} % of the ceiling (callbacks answered)`);
  const done = (results.product as { closed: { processed: { perSecond: number } } }).closed.processed.perSecond;
  results.processedRatio = done / c.closed.rps;
  console.log(`processed ${done.toFixed(1)}/s: ${(100 * (results.processedRatio as number)).toFixed(1)} % of the ceiling`);
  // Processing alone (the closed loop's backlog after the generator stopped): what each message costs
  // this process and the database server, and so what two cores could process at most.
  const drain = (results.product as { closed: { processed: { drain: { rows: number; perSecond: number; nodeCpuMs: number; dbCpuMs: number | null } } } }).closed.processed.drain;
  if (drain.rows > 0) {
    const both = drain.dbCpuMs === null ? null : drain.nodeCpuMs + drain.dbCpuMs;
    console.log(
      `processing alone: ${drain.perSecond.toFixed(1)}/s over ${drain.rows} messages; CPU per message ${drain.nodeCpuMs.toFixed(2)} ms here` +
        (both === null ? '' : ` + ${drain.dbCpuMs!.toFixed(2)} ms the database = ${both.toFixed(2)} ms, at most ${(2000 / both).toFixed(0)}/s on 2 cores`),
    );
  }
  mkdirSync('bench/out', { recursive: true });
  writeFileSync(`bench/out/pipeline-${Date.now()}.json`, JSON.stringify(results, null, 2));
}

if (isMainThread) await main();
else {
  // The generator's thread: one phase against the server it was given, then its figures back.
  const job = workerData as { phase: Phase; base: string; people: BenchPerson[] };
  people = job.people;
  parentPort!.postMessage(job.phase === 'closed' ? await closedLoop(job.base) : await openLoop(job.base));
}
