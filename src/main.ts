/**
 * Wiring only: .env → config → logger → database (schema checked, migrated when told) → edge
 * (callback app, processor, timer sweeper) → outbox sender → /metrics → listen; graceful shutdown
 * on SIGTERM/SIGINT (stop accepting, finish in-flight work, release leases, close the database).
 *
 * Parts plug in through `hooks` below: the WeCom API client, the outbox sender and the sandbox
 * are wired by default, the staff roster is the `staff` table, the domain commands come from
 * src/bot/commands. With nothing configured the server runs in sandbox mode (src/bot/sandbox:
 * SQLite, the demo city, an in-process fake WeCom and the /sandbox page), loaded on demand so a
 * real deployment never even loads it; any sign of a real deployment without the complete
 * configuration stops at src/bot/config.ts.
 *
 * Migrations are a release step (`npx shouwang migrate`): a real deployment refuses to serve on
 * an out-of-date schema unless started with `--migrate` (or SHOUWANG_MIGRATE_ON_START=1), and then
 * migrates under the same database lock. The sandbox migrates its own SQLite file.
 */
import { realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseOptions } from './bot/cli-args.js';
import { ConfigError, loadConfig, loadEnvFile, type Config } from './bot/config.js';
import { createAcceptingEdge, createEdge, newInstanceId, type AcceptingEdge, type Edge, type EdgeOptions } from './bot/edge.js';
import { ProcessingThread } from './bot/processing-thread.js';
import { spoolSettings } from './bot/inbound/spool.js';
import { systemJobs } from './bot/jobs/index.js';
import { createCommands } from './bot/commands/index.js';
import { RosterStaffDirectory } from './bot/dispatch/roster.js';
import type { CommandHandler, StaffDirectory } from './bot/dispatch/ports.js';
import { InboundKfSessionClock } from './bot/inbound/kf-session.js';
import { createLogger, type Logger } from './bot/log.js';
import { metricsRoute, watchDatabase } from './bot/metrics.js';
import { requestIdFields, withRequestIds } from './bot/request-id.js';
import { OutboxSender } from './bot/outbox/sender.js';
import { HttpWeComApi } from './bot/wecom/api.js';
import type { WeComApi } from './bot/wecom/api-types.js';
import { WeComCrypto } from './bot/wecom/crypto.js';
import { flows } from './flows/registry.js';
import type { Database } from './persistence/db.js';
import { openDatabase } from './persistence/data-source.js';
import { useTimeZone } from './domain/calendar.js';
import { describeSchema, migrateUnderLock, schemaState } from './persistence/migrate.js';

export interface Stoppable {
  stop(): Promise<void>;
  /** The outbox sender: look for due rows now (a job has just committed its messages). */
  kick?(): void;
}

export interface SandboxSetup {
  /** Credentials of the local fake WeCom the sandbox plays against. */
  wecom?: { corpId: string; token: string; aesKey: string };
  api?: WeComApi;
  staff?: StaffDirectory;
  /** Extra routes (e.g. the simulator page at /sandbox), mounted on the same app. */
  mount?: (app: Edge['app']) => void;
  /** The server listens on `port` (the sandbox's callbacks go there; it prints its page's URL). */
  started?: (port: number) => void;
  stop?: () => Promise<void>;
}

export interface Hooks {
  /** The HTTP WeCom API client; enables 微信客服 pulls. */
  createApi?: (config: Config, log: Logger, clock?: () => number) => WeComApi;
  /** The staff roster (default: the `staff` table). */
  staff?: (db: Database) => StaffDirectory;
  /** Domain command handlers of the flows. */
  commands?: (db: Database) => CommandHandler;
  /**
   * The outbox sender; started after the edge, stopped before the database closes. It shares
   * the edge's DataSource: on SQLite a second DataSource in the same process would freeze it
   * (docs/ARCHITECTURE.md).
   */
  startOutbox?: (ctx: { db: Database; api: WeComApi | null; config: Config; log: Logger; clock?: () => number }) => Stoppable | null | Promise<Stoppable | null>;
  /** Sandbox mode (no WeCom credentials): a demo city and a simulator behind a local fake WeCom. */
  sandbox?: (ctx: { db: Database; config: Config; log: Logger; notices: string[] }) => Promise<SandboxSetup>;
  /** The database of sandbox mode (it may differ from DATABASE_URL), and why, when it does. */
  sandboxDatabase?: (env: NodeJS.ProcessEnv) => SandboxDb | Promise<SandboxDb>;
  /** The clock of the edge, the API client and the outbox sender (tests move it; default the real one). */
  clock?: () => number;
}

type SandboxDb = { url: string; notice: string | null };

export interface MainOptions {
  /** Apply pending migrations (under the database lock) instead of refusing to start. */
  migrate?: boolean;
  /**
   * The processing thread ended without being stopped. Default: stop serving and exit with 1, so
   * that the service manager starts the server again (its sweeper then resumes what was stored).
   */
  onProcessingLost?: (e: Error) => void;
}

/** The server cannot start as configured; the message says why and what to do. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Where the other parts plug in. */
export const hooks: Hooks = {
  createApi: (config, _log, clock) => {
    const w = config.wecom!;
    return new HttpWeComApi({ apiBase: w.apiBase, corpId: w.corpId, agentId: w.agentId, secret: w.secret, kfSecret: w.kfSecret, ...(clock ? { now: clock } : {}) });
  },
  startOutbox: ({ db, api, log, clock }) => {
    if (!api) return null;
    const sender = new OutboxSender({ db, api, kfClock: new InboundKfSessionClock(db), log: log.child({ part: 'outbox' }), ...(clock ? { now: clock } : {}) });
    sender.start();
    return sender;
  },
  // Imported only in sandbox mode: the demo city and the fake WeCom never load in a real deployment.
  sandbox: async ({ db, log, notices }) => (await import('./bot/sandbox/index.js')).startSandbox({ db, log, notices }),
  sandboxDatabase: async (env) => (await import('./bot/sandbox/index.js')).sandboxDatabase(env),
};

export interface Running {
  server: Server;
  /** The callbacks' half (the whole edge when processing runs in the same thread). */
  edge: AcceptingEdge;
  port: number;
  /** Where stored messages are processed (config PROCESSING). */
  processing: 'thread' | 'inline';
  shutdown(): Promise<void>;
}

export async function main(env: NodeJS.ProcessEnv = process.env, h: Hooks = hooks, opts: MainOptions = {}): Promise<Running> {
  const config = loadConfig(env);
  useTimeZone(config.tzName); // every date of the process, in the deployment's zone
  const log = createLogger({ level: config.logLevel, mixin: requestIdFields });
  const clock = h.clock ?? Date.now;
  const sandboxMode = config.sandbox && !!h.sandbox;
  const chosen = sandboxMode && h.sandboxDatabase ? await h.sandboxDatabase(env) : { url: config.databaseUrl, notice: null };
  const db = await openDatabase(chosen.url, { migrate: false });
  try {
    await ensureSchema(db, log, sandboxMode || opts.migrate === true || env.SHOUWANG_MIGRATE_ON_START === '1');
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const sandbox = sandboxMode && h.sandbox ? await h.sandbox({ db, config, log, notices: chosen.notice ? [chosen.notice] : [] }) : null;
  const creds = config.wecom ?? sandbox?.wecom ?? null;
  const api = sandbox?.api ?? (config.wecom && h.createApi ? h.createApi(config, log, h.clock) : null);
  const threaded = config.processingThread && !sandbox && partsCrossThreads(h);
  const instanceId = newInstanceId();
  const callbackOptions = {
    db,
    log,
    wecom: creds ? { crypto: new WeComCrypto({ token: creds.token, encodingAesKey: creds.aesKey, receiveId: creds.corpId }), corpId: creds.corpId } : null,
    maxClockSkewS: config.maxClockSkewS,
    callbackMaxBytes: config.callbackMaxBytes,
    replyBudgetMs: config.replyBudgetMs,
    ...(h.clock ? { clock: h.clock } : {}),
    readiness: async () => {
      const state = await schemaState(db);
      return { ready: state.pending.length === 0, detail: describeSchema(state) };
    },
    spool: spoolSettings(env),
  };
  // Set once the sender runs (after the edge); the sweeper may run a job before that.
  let outbox: Stoppable | null = null;
  let processing: ProcessingThread | null = null;
  let edge: AcceptingEdge;
  let lost = (e: Error) => opts.onProcessingLost?.(e);
  if (threaded) {
    processing = await ProcessingThread.start({ env: configEnv(env), instanceId, db, log, onLost: (e) => lost(e) }).catch(async (e: unknown) => {
      await db.destroy();
      throw e;
    });
    edge = createAcceptingEdge({ ...callbackOptions, processing, instanceId });
  } else {
    edge = createEdge({
      ...callbackOptions,
      ...processingOptions(config, db, log, api, h, () => outbox?.kick?.()),
      instanceId,
      ...(sandbox?.staff ? { staff: sandbox.staff } : {}),
    });
  }
  watchDatabase(db, clock);
  const fromThread = processing;
  edge.app.use(metricsRoute(fromThread ? () => fromThread.metrics() : undefined));
  sandbox?.mount?.(edge.app);
  edge.start();
  if (!threaded && config.outboxSender) outbox = h.startOutbox ? await h.startOutbox({ db, api, config, log, ...(h.clock ? { clock: h.clock } : {}) }) : null;

  const server = createServer(withRequestIds(edge.app.callback()));
  await new Promise<void>((ok) => server.listen(config.port, ok));
  const port = (server.address() as AddressInfo).port;
  log.info({ port, sandbox: !!sandbox, wecom: !!creds, kf: !!api, outbox: threaded ? config.outboxSender && !!api : !!outbox, processing: threaded ? 'thread' : 'inline' }, `守望已启动，端口 ${port}${creds ? '' : '（未配置企业微信，回调不可用）'}`);
  sandbox?.started?.(port);

  let closing: Promise<void> | null = null;
  const shutdown = () =>
    (closing ??= (async () => {
      log.info('正在停止：不再接收新请求，处理完手头的消息后退出');
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeIdleConnections();
      });
      await edge.stop();
      await processing?.stop();
      await outbox?.stop();
      await sandbox?.stop?.();
      await db.destroy();
      log.info('已停止');
    })());
  lost = (e) => (opts.onProcessingLost ? opts.onProcessingLost(e) : void shutdown().finally(() => process.exit(1)));
  return { server, edge, port, processing: threaded ? 'thread' : 'inline', shutdown };
}

/**
 * The processing half of a deployment, in the thread it runs in: the edge's processor, sweeper
 * and jobs, and the outbox sender, on a database pool of its own. src/processing-worker.ts
 * runs it in the processing thread, with the variables the callbacks' thread was started with.
 */
export async function startProcessing(env: Record<string, string>, instanceId: string, report: NonNullable<EdgeOptions['report']>): Promise<{ stop(): Promise<void>; kick: Edge['processor']['kick'] }> {
  const config = loadConfig(env);
  useTimeZone(config.tzName);
  const log = createLogger({ level: config.logLevel, mixin: requestIdFields }).child({ thread: 'processing' });
  const db = await openDatabase(config.databaseUrl, { migrate: false });
  const api = config.wecom && hooks.createApi ? hooks.createApi(config, log) : null;
  let outbox: Stoppable | null = null;
  const edge = createEdge({ db, log, wecom: null, maxClockSkewS: config.maxClockSkewS, callbackMaxBytes: config.callbackMaxBytes, replyBudgetMs: config.replyBudgetMs, ...processingOptions(config, db, log, api, hooks, () => outbox?.kick?.()), instanceId, report });
  edge.start();
  outbox = config.outboxSender && hooks.startOutbox ? await hooks.startOutbox({ db, api, config, log }) : null;
  return {
    kick: (lane, stored) => edge.processor.kick(lane, stored),
    stop: async () => {
      await edge.stop();
      await outbox?.stop();
      await db.destroy();
    },
  };
}

/** What processing needs, built the same way in one thread or two. */
function processingOptions(config: Config, db: Database, log: Logger, api: WeComApi | null, h: Hooks, wakeOutbox: () => void) {
  return {
    api,
    flows,
    staff: h.staff?.(db) ?? new RosterStaffDirectory(db),
    commands: h.commands?.(db) ?? createCommands(),
    tz: config.tzName,
    jobs: systemJobs(),
    // The morning reminders go out as soon as they are committed, not at the sender's next poll.
    afterJobs: wakeOutbox,
    // Replies leave as soon as their message's effects are committed, not at the sender's next poll.
    afterReplies: wakeOutbox,
    settleMs: config.settleMs,
  } satisfies Partial<EdgeOptions>;
}

/**
 * Processing moves to a thread of its own only when every part comes from the configuration:
 * functions given in `hooks` (tests' clocks, fakes, another roster) cannot cross to another thread.
 */
function partsCrossThreads(h: Hooks): boolean {
  return h.createApi === hooks.createApi && h.startOutbox === hooks.startOutbox && !h.staff && !h.commands && !h.clock;
}

/** The variables the configuration is read from, as plain strings (they cross to the processing thread). */
function configEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Out-of-date schema: migrate under the lock when allowed, otherwise refuse with what to run.
 * A schema migrated by a newer release is served (rolling upgrades) and said in the log.
 */
async function ensureSchema(db: Database, log: Logger, migrate: boolean): Promise<void> {
  const state = await schemaState(db);
  if (state.pending.length > 0 && !migrate) {
    throw new StartupError(`${describeSchema(state)}。\n请先执行 npx shouwang migrate（发布步骤），或以 npm start -- --migrate（或 SHOUWANG_MIGRATE_ON_START=1）启动`);
  }
  if (state.pending.length > 0) {
    const done = await migrateUnderLock(db);
    log.info({ migrations: done }, done.length > 0 ? `已执行 ${done.length} 个数据库迁移` : '数据库已由其他实例迁移');
  }
  if (state.unknown.length > 0) log.warn({ unknown: state.unknown }, describeSchema(state));
}

export const START_USAGE = `用法：npm start [-- --migrate]
  --migrate   数据库结构不是最新时，先在数据库锁下执行迁移再启动（也可设 SHOUWANG_MIGRATE_ON_START=1）
  --help      显示本说明
设置见 .env.example；没有任何设置时以沙盒模式启动。`;

/** True when this file is the program (`npm start`), not imported (tests, sandbox). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

function startFromCommandLine(): void {
  const options = parseOptions(process.argv.slice(2), { values: [], switches: ['migrate'], positionals: 0 });
  if (typeof options === 'string') {
    console.error(`${options}\n${START_USAGE}`);
    process.exit(2);
  }
  if (options.switches.has('help')) {
    console.log(START_USAGE);
    return;
  }
  try {
    const file = loadEnvFile();
    if (file) console.error(`已读取 ${file}`);
  } catch (e) {
    console.error(`无法读取 .env：${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  main(process.env, hooks, { migrate: options.switches.has('migrate') }).then(
    (running) => {
      const stop = (signal: string) => {
        running.shutdown().then(
          () => process.exit(0),
          (e: unknown) => {
            console.error(`停止时出错（${signal}）：${e instanceof Error ? e.message : String(e)}`);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    },
    (e: unknown) => {
      console.error(e instanceof ConfigError || e instanceof StartupError ? e.message : `启动失败：${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}

if (isEntryPoint()) startFromCommandLine();
