/**
 * What an operator watches, in Prometheus text format at `GET /metrics` (prom-client).
 *
 * The pipeline reports through the one-line functions below (`countCallback`, `observeProcessed`,
 * `countWeComError`, `countDeferral`, `countJobRun`); the backlogs and the database pool are read
 * when Prometheus scrapes, so nothing has to keep them up to date. One registry per process:
 * several instances are told apart by Prometheus' own `instance` label.
 *
 * @example
 *   watchDatabase(db);                       // main.ts, once the database is open
 *   app.use(metricsRoute());                 // GET /metrics
 *   countWeComError('message/send', 45009);  // where the pipeline sees it
 */
import type Koa from 'koa';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { backlog } from '../persistence/backlog.js';
import { poolCounts, transaction, type Database } from '../persistence/db.js';

export const registry = new Registry();

const callbacks = new Counter({
  name: 'shouwang_callbacks_total',
  help: 'WeCom callbacks answered, by method and outcome (passive_reply, accepted, verified, refused, too_large, error)',
  labelNames: ['method', 'outcome'] as const,
  registers: [registry],
});

const processing = new Histogram({
  name: 'shouwang_processing_seconds',
  help: 'From a callback stored to its processing committed, by the flow that handled it (none: a one-shot command)',
  labelNames: ['flow'] as const,
  // WeCom waits 5 s for a passive reply; the buckets are dense around it.
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60, 300],
  registers: [registry],
});

const wecomErrors = new Counter({
  name: 'shouwang_wecom_api_errors_total',
  help: 'WeCom API answers with a non-zero errcode, by API and errcode',
  labelNames: ['api', 'errcode'] as const,
  registers: [registry],
});

const deferrals = new Counter({
  name: 'shouwang_outbox_deferrals_total',
  help: 'Outbox messages deferred by the per-member limit (30/min, 1000/h), by member',
  labelNames: ['member'] as const,
  registers: [registry],
});

const jobRuns = new Counter({
  name: 'shouwang_job_runs_total',
  help: 'Scheduled job runs, by job and outcome (ok, failed)',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});

let watched: { db: Database; clock: () => number } | null = null;

function waitingGauges(which: 'inbound' | 'outbox', what: string): void {
  new Gauge({
    name: `shouwang_${which}_backlog`,
    help: `${what} waiting`,
    registers: [registry],
    async collect() {
      if (watched) this.set((await readBacklog())[which].count);
    },
  });
  new Gauge({
    name: `shouwang_${which}_oldest_age_seconds`,
    help: `Age of the oldest ${what} waiting (0 when none waits)`,
    registers: [registry],
    async collect() {
      if (!watched) return;
      const oldest = (await readBacklog())[which].oldestAt;
      this.set(oldest === null ? 0 : Math.max(0, (watched.clock() - oldest) / 1000));
    },
  });
}
waitingGauges('inbound', 'inbound messages (callbacks, kf pulls)');
waitingGauges('outbox', 'outbox messages');

// One scrape reads the backlog once for its four gauges.
let pending: { at: number; value: ReturnType<typeof backlog> } | null = null;
function readBacklog(): ReturnType<typeof backlog> {
  const now = Date.now();
  if (!pending || now - pending.at > 1000) pending = { at: now, value: transaction(watched!.db, (tx) => backlog(tx)) };
  return pending.value;
}

new Gauge({
  name: 'shouwang_db_pool_connections',
  help: 'Database pool connections by state (open, idle, waiting requests, limit); MySQL only',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const pool = watched ? poolCounts(watched.db) : null;
    if (!pool) return;
    this.set({ state: 'open' }, pool.open);
    this.set({ state: 'idle' }, pool.idle);
    this.set({ state: 'waiting' }, pool.waiting);
    if (pool.limit) this.set({ state: 'limit' }, pool.limit);
  },
});

let defaultsOn = false;

/** Reads the backlogs and pool of `db` at each scrape; also turns on the process metrics. */
export function watchDatabase(db: Database, clock: () => number = Date.now): void {
  watched = { db, clock };
  pending = null;
  if (!defaultsOn) collectDefaultMetrics({ register: registry, prefix: 'shouwang_' });
  defaultsOn = true;
}

export function countCallback(method: string, outcome: string): void {
  callbacks.inc({ method, outcome });
}

/** A callback's processing committed; `receivedAt` is when it was stored (epoch ms). */
export function observeProcessed(flow: string | null | undefined, receivedAt: number, now: number): void {
  processing.observe({ flow: flow ?? 'none' }, Math.max(0, now - receivedAt) / 1000);
}

export function countWeComError(api: string, errcode: number | string): void {
  wecomErrors.inc({ api, errcode: String(errcode) });
}

export function countDeferral(member: string): void {
  deferrals.inc({ member });
}

export function countJobRun(job: string, outcome: 'ok' | 'failed'): void {
  jobRuns.inc({ job, outcome });
}

/**
 * `GET /metrics` on the Koa app (mounted after the other routes, which pass it by). `elsewhere`:
 * the metrics of the processing thread (its registry is its own), added to this thread's.
 */
export function metricsRoute(elsewhere?: () => Promise<MetricObjectWithValues<MetricValue<string>>[]>): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.path !== '/metrics' || ctx.method !== 'GET') return next();
    ctx.type = registry.contentType;
    if (!elsewhere) {
      ctx.body = await registry.metrics();
      return;
    }
    const [here, there] = await Promise.all([registry.getMetricsAsJSON(), elsewhere()]);
    ctx.body = await AggregatorRegistry.aggregate([here, there]).metrics();
  };
}

/** This thread's metrics as plain data (the processing thread sends them to the callbacks' thread). */
export function metricsHere(): Promise<MetricObjectWithValues<MetricValue<string>>[]> {
  return registry.getMetricsAsJSON();
}

/** The outcome of a callback from its answer: what WeCom got back. */
export function callbackOutcome(method: string, status: number, contentType: string | undefined): string {
  if (status === 413) return 'too_large';
  if (status >= 500) return 'error';
  if (status >= 400) return 'refused';
  if (method === 'GET') return 'verified';
  return contentType?.includes('xml') ? 'passive_reply' : 'accepted';
}
