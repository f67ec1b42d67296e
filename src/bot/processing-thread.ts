/**
 * Processing in a worker thread of its own, beside the thread that answers WeCom's callbacks.
 *
 * The callbacks' thread verifies, stores and answers (src/bot/edge.ts `createAcceptingEdge`); the
 * processing thread runs everything else of a deployment — processor, sweeper, scheduled jobs,
 * outbox sender — built by `startProcessing` of src/main.ts (run by src/processing-worker.ts) from the same configuration, with a
 * database pool of its own. Both threads name their leases with the same instance id (they live
 * and die together), so a lane lease taken by an accept is the processing thread's to use.
 *
 * Messages between the threads (structured clones):
 * - to the processing thread: `kick` (a lane to look at, as `Processor.kick`), `stop`, `metrics`;
 * - back: `ready`, `lane` (a lane started or stopped running: the accepts skip the lease of a lane
 *   that is running, as in one thread), `finished` (a row is done: wakes `waitFor`), `metrics`,
 *   `stopped`, `failed` (it could not start).
 *
 * If the processing thread ends by itself, `onLost` is called (main.ts stops the process, so that
 * its supervisor starts it again; nothing stored is lost: the sweeper of the next start resumes).
 *
 * @example
 *   const t = await ProcessingThread.start({ env, instanceId, db, log, onLost: (e) => exit(e) });
 *   const edge = createAcceptingEdge({ ...options, processing: t, instanceId });
 *   await t.stop();
 */
import type { Worker } from 'node:worker_threads';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { Database } from '../persistence/db.js';
import type { InboundRow, Lane } from '../persistence/inbound.js';
import { FinishedRows, LEASE_MS, laneKey, type ProcessingPort } from './inbound/processor.js';
import type { Logger } from './log.js';
import { workerBeside } from './worker-entry.js';

export type Metrics = MetricObjectWithValues<MetricValue<string>>[];

/** To the processing thread. */
export type ToProcessing = { t: 'kick'; lane: Lane; stored?: { receivedAt: number } } | { t: 'stop' } | { t: 'metrics'; ask: number };

/** From the processing thread. */
export type FromProcessing =
  | { t: 'ready' }
  | { t: 'failed'; message: string }
  | { t: 'lane'; key: string; running: boolean }
  | { t: 'finished'; id: number }
  | { t: 'metrics'; ask: number; metrics: Metrics }
  | { t: 'stopped' };

/** What the processing thread is started with (its `workerData`). */
export interface ProcessingSetup {
  /** The configuration's variables, as the callbacks' thread read them. */
  env: Record<string, string>;
  instanceId: string;
}

export interface ProcessingThreadOptions extends ProcessingSetup {
  /** The callbacks' thread's own pool: `waitFor` reads rows finished by other instances there. */
  db: Database;
  log: Logger;
  /** The processing thread ended (or failed) without being stopped. */
  onLost: (e: Error) => void;
}

export class ProcessingThread implements ProcessingPort {
  private readonly running = new Set<string>();
  private readonly finished: FinishedRows;
  private readonly asks = new Map<number, (m: Metrics) => void>();
  private nextAsk = 0;
  private stopping: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly o: ProcessingThreadOptions,
  ) {
    this.finished = new FinishedRows(o.db);
  }

  /** Starts the thread and resolves once it processes (its database open, its sweeper started). */
  static async start(o: ProcessingThreadOptions): Promise<ProcessingThread> {
    const setup: ProcessingSetup = { env: o.env, instanceId: o.instanceId };
    const t = new ProcessingThread(workerBeside(import.meta.url, { workerData: setup }, '../processing-worker'), o);
    await new Promise<void>((ready, failed) => {
      const early = (e: Error) => failed(e);
      t.worker.once('error', early);
      t.worker.once('exit', (code) => failed(new Error(`处理线程启动失败（退出码 ${code}）`)));
      t.worker.on('message', (m: FromProcessing) => {
        if (m.t === 'ready') {
          t.worker.removeAllListeners('exit').removeListener('error', early);
          t.watch();
          ready();
        } else if (m.t === 'failed') failed(new Error(m.message));
        else t.heard(m);
      });
    });
    return t;
  }

  kick(lane: Lane, stored?: { receivedAt: number }): void {
    if (this.stopping) return;
    this.post(stored ? { t: 'kick', lane, stored } : { t: 'kick', lane });
  }

  /** As `Processor.laneLease`: none while the processing thread runs that lane (it holds the lease). */
  laneLease(lane: Lane): { me: string; leaseMs: number } | undefined {
    if (this.running.has(laneKey(lane))) return undefined;
    return { me: this.o.instanceId, leaseMs: LEASE_MS };
  }

  waitFor(id: number, timeoutMs: number): Promise<InboundRow | null> {
    return this.finished.waitFor(id, timeoutMs);
  }

  /** The processing thread's metrics (its counters and histograms), for /metrics. */
  metrics(timeoutMs = 2000): Promise<Metrics> {
    const ask = ++this.nextAsk;
    return new Promise<Metrics>((answered) => {
      const timer = setTimeout(() => {
        this.asks.delete(ask);
        answered([]);
      }, timeoutMs);
      this.asks.set(ask, (m) => {
        clearTimeout(timer);
        answered(m);
      });
      this.post({ t: 'metrics', ask });
    });
  }

  /** Stops the processing (in-flight rows finished, leases given back) and ends the thread. */
  stop(): Promise<void> {
    return (this.stopping ??= new Promise<void>((done) => {
      this.worker.once('exit', () => done());
      this.post({ t: 'stop' });
    }));
  }

  private post(m: ToProcessing): void {
    this.worker.postMessage(m);
  }

  private heard(m: FromProcessing): void {
    if (m.t === 'lane') {
      if (m.running) this.running.add(m.key);
      else this.running.delete(m.key);
    } else if (m.t === 'finished') this.finished.signal(m.id);
    else if (m.t === 'metrics') this.asks.get(m.ask)?.(m.metrics);
  }

  /** After the start: an end that was not asked for is reported once. */
  private watch(): void {
    let told = false;
    const lost = (e: Error) => {
      if (this.stopping || told) return;
      told = true;
      this.o.log.fatal({ err: e }, '处理线程意外结束');
      this.o.onLost(e);
    };
    this.worker.on('error', lost);
    this.worker.on('exit', (code) => lost(new Error(`处理线程退出（退出码 ${code}）`)));
  }
}
