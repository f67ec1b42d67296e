/**
 * The inbound half of the bot, assembled: dispatcher → processor (+ kf pulls) → sweeper → Koa
 * app. `main.ts` and the tests build it the same way; everything slow or random is a parameter.
 *
 * @example
 *   const edge = createEdge({ db, log, wecom: { crypto, corpId }, api, flows, staff, commands: commandHandlers(), tz: 'Asia/Shanghai',
 *                             maxClockSkewS: 300, callbackMaxBytes: 262144 });
 *   edge.start();                          // recovery + timers + pending work
 *   http.createServer(edge.app.callback()).listen(3000);
 *   await edge.stop();                     // finish in-flight work, release leases
 */
import { createHash, randomBytes } from 'node:crypto';
import type Koa from 'koa';
import type { FlowData } from '../flows/data.js';
import type { Actor, Flow } from '../flows/types.js';
import { databaseIdentity, type Database } from '../persistence/db.js';
import { withRetry } from '../persistence/sql.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import { createFlowData } from './flow-data/index.js';
import type { CommandHandler, StaffDirectory } from './dispatch/ports.js';
import { createApp, type AppDeps } from './http/app.js';
import { KfSyncer } from './inbound/kf-sync.js';
import { storeAccepted } from './inbound/accept.js';
import { Processor, type ProcessingPort, type ProcessorDeps } from './inbound/processor.js';
import { Spool } from './inbound/spool.js';
import { Sweeper } from './inbound/sweeper.js';
import type { SystemJob } from './jobs/index.js';
import type { Logger } from './log.js';
import type { WeComApi } from './wecom/api-types.js';
import type { WeComCrypto } from './wecom/crypto.js';

export interface EdgeOptions {
  db: Database;
  log: Logger;
  wecom: { crypto: WeComCrypto; corpId: string } | null;
  /**
   * For kf pulls, and (when it has `getMedia`) for reading the files people send; null until the
   * WeCom API client is wired (kf pulls then fail clearly, files cannot be read).
   */
  api: (Pick<WeComApi, 'kfSyncMsg'> & Partial<Pick<WeComApi, 'getMedia'>>) | null;
  flows: Flow[];
  staff: StaffDirectory;
  commands: CommandHandler;
  /** The flows' read port per actor; default: the persistence-backed one (src/bot/flow-data). */
  data?: (actor: Actor) => FlowData;
  tz: string;
  maxClockSkewS: number;
  callbackMaxBytes: number;
  /** Unique per process (leases name their holder). */
  instanceId?: string;
  clock?: () => number;
  /** How long a callback waits to answer with its reply passively (default 0: answered once stored). */
  replyBudgetMs?: number;
  leaseMs?: number;
  expiryMs?: number;
  sweepIntervalMs?: number;
  waitPollMs?: number;
  newNonce?: () => string;
  newId?: ConstructorParameters<typeof Dispatcher>[0]['newId'];
  /** System jobs run by the sweeper (main passes every job; tests usually none). */
  jobs?: readonly SystemJob[];
  /** Called when a job's messages were committed (main: wakes the outbox sender). */
  afterJobs?: () => void;
  /** Called when a message's replies were committed (main: wakes the outbox sender). */
  afterReplies?: () => void;
  /** Extra readiness check for /readyz (see createApp). */
  readiness?: AppDeps['readiness'];
  /** How long an input waits for earlier messages of its sender (see Processor; default 200 ms). */
  settleMs?: number;
  /**
   * The durable local spool for callbacks the database cannot take (see spool.ts); main passes
   * `spoolSettings(env)`. Without it such a callback is answered 500 and WeCom retries.
   */
  spool?: { dir: string; maxBytes: number } | null;
  /** How often a waiting spool is offered to the database again (default 1 s). */
  spoolRetryMs?: number;
  /** See ProcessorDeps.report (the processing thread reports its lanes and finished rows). */
  report?: ProcessorDeps['report'];
}

export interface Edge {
  app: Koa;
  processor: Processor;
  sweeper: Sweeper;
  dispatcher: Dispatcher;
  instanceId: string;
  spool: Spool | null;
  /** Stores what waits in the spool (in order) and kicks its lanes; returns how many entries. */
  replaySpool(): Promise<number>;
  /** Starts the sweeper (its first round recovers work left by a crashed process). */
  start(): void;
  /** Stops the sweeper and waits for in-flight rows; leases are released. */
  stop(): Promise<void>;
}

export function createEdge(o: EdgeOptions): Edge {
  const clock = o.clock ?? Date.now;
  const instanceId = o.instanceId ?? newInstanceId();
  const log = o.log.child({ instance: instanceId });
  const replyBudgetMs = o.replyBudgetMs ?? 0;
  // App replies wait a little longer than the callback does, so the passive answer comes first;
  // without a budget nothing is held.
  const passiveHoldMs = replyBudgetMs > 0 ? replyBudgetMs + 500 : 0;
  const dispatcher = new Dispatcher({ flows: o.flows, staff: o.staff, commands: o.commands, data: o.data ?? createFlowData(o.db, { media: o.api?.getMedia ? (o.api as Pick<WeComApi, 'getMedia'>) : null, tz: o.tz }), tz: o.tz, expiryMs: o.expiryMs, newId: o.newId, passiveHoldMs });
  const kf = o.api ? new KfSyncer({ db: o.db, api: o.api, instanceId, clock, log, leaseMs: o.leaseMs }) : null;
  const processor = new Processor({ db: o.db, dispatcher, kf, log, instanceId, clock, leaseMs: o.leaseMs, waitPollMs: o.waitPollMs, passiveHoldMs, settleMs: o.settleMs, ...(o.afterReplies ? { afterReplies: o.afterReplies } : {}), ...(o.report ? { report: o.report } : {}) });
  // A (timestamp, nonce) pair can come back until its timestamp leaves the window: a timestamp up
  // to `skew` ahead of the clock stays acceptable for 2 × skew after it was seen. With the
  // window off, two days of pairs are kept.
  const nonceRetentionMs = (o.maxClockSkewS > 0 ? o.maxClockSkewS : 86_400) * 1000 * 2;
  const sweeper = new Sweeper({ db: o.db, processor, instanceId, log, clock, intervalMs: o.sweepIntervalMs, nonceRetentionMs, jobs: o.jobs, ...(o.afterJobs ? { afterJobs: o.afterJobs } : {}) });
  const front = acceptingFront(o, processor, { clock, log, replyBudgetMs });
  return {
    ...front,
    processor,
    sweeper,
    dispatcher,
    instanceId,
    start: () => {
      sweeper.start();
      front.start();
    },
    stop: async () => {
      await front.stop();
      await sweeper.stop();
      await processor.stop();
    },
  };
}

/** What the thread answering callbacks runs when the processing has a thread of its own. */
export type AcceptingOptions = Pick<EdgeOptions, 'db' | 'log' | 'wecom' | 'maxClockSkewS' | 'callbackMaxBytes' | 'clock' | 'replyBudgetMs' | 'newNonce' | 'readiness' | 'spool' | 'spoolRetryMs'> & {
  /** The processing elsewhere (src/bot/processing-thread.ts); the same `instanceId` names both threads' leases. */
  processing: ProcessingPort;
  instanceId: string;
};

export type AcceptingEdge = Pick<Edge, 'app' | 'instanceId' | 'spool' | 'replaySpool' | 'start' | 'stop'>;

/**
 * The callbacks' half alone: verify, store (or spool), kick the processing, answer. Processing,
 * the sweeper and the jobs run where `processing` leads (main.ts: a worker thread running
 * `createEdge`, whose leases carry the same instance id).
 */
export function createAcceptingEdge(o: AcceptingOptions): AcceptingEdge {
  const log = o.log.child({ instance: o.instanceId });
  const front = acceptingFront(o, o.processing, { clock: o.clock ?? Date.now, log, replyBudgetMs: o.replyBudgetMs ?? 0 });
  return { ...front, instanceId: o.instanceId };
}

/** A unique name per process for the leases it holds. */
export function newInstanceId(): string {
  return `edge-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The callback app and the spool: what accepts messages, whoever processes them. */
function acceptingFront(o: AcceptingOptions | EdgeOptions, processing: ProcessingPort, c: { clock: () => number; log: Logger; replyBudgetMs: number }): Pick<Edge, 'app' | 'spool' | 'replaySpool' | 'start' | 'stop'> {
  const { log } = c;
  const spool = o.spool ? new Spool({ ...o.spool, log, name: databaseKey(o.db) }) : null;
  const replaySpool = async (): Promise<number> => {
    if (!spool || !(await spool.pending())) return 0;
    const n = await spool.replay(async (entry) => {
      const r = await withRetry(() => storeAccepted(o.db, entry), { attempts: 3, pauseMs: 50 });
      // Same pair, other signature: somebody replayed parts of an old request during the outage.
      if (r === 'replayed_nonce') log.warn({ kind: entry.item.kind }, 'spooled callback dropped: nonce replayed');
      else processing.kick({ channel: r.row.channel, sender: r.row.sender, sync: r.row.kind === 'kf_sync' });
    });
    if (n > 0) log.info({ entries: n }, 'spool replayed into the inbound log');
    return n;
  };
  let spoolTimer: NodeJS.Timeout | null = null;
  let spoolRun: Promise<unknown> = Promise.resolve();
  const app = createApp({
    db: o.db,
    log,
    wecom: o.wecom,
    processor: processing,
    clock: c.clock,
    maxClockSkewS: o.maxClockSkewS,
    callbackMaxBytes: o.callbackMaxBytes,
    replyBudgetMs: c.replyBudgetMs,
    newNonce: o.newNonce,
    readiness: o.readiness,
    spool,
  });
  return {
    app,
    spool,
    replaySpool,
    start: () => {
      if (!spool || spoolTimer) return;
      let failures = 0;
      spoolTimer = setInterval(() => {
        spoolRun = spoolRun.then(() =>
          replaySpool().then(
            () => (failures = 0),
            // Still away: say so now and then, not every second.
            (e: unknown) => failures++ % 30 === 0 && log.warn({ err: e }, 'spool replay waits for the database'),
          ),
        );
      }, o.spoolRetryMs ?? 1000);
      spoolTimer.unref();
    },
    stop: async () => {
      if (spoolTimer) clearInterval(spoolTimer);
      spoolTimer = null;
      await spoolRun;
      await spool?.close();
    },
  };
}

/** A short stable name of the database (engine, server, database or file), never its password. */
function databaseKey(db: Database): string {
  const o = databaseIdentity(db);
  return createHash('sha256').update(JSON.stringify([o.engine, o.host, o.port, o.database])).digest('hex').slice(0, 12);
}
