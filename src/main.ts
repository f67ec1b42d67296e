/**
 * Wiring only: config → logger → database (migrated) → edge (callback app, processor, timer
 * sweeper) → outbox sender → listen; graceful shutdown on SIGTERM/SIGINT (stop accepting,
 * finish in-flight work, release leases, close the database).
 *
 * Parts plug in through `hooks` below: the WeCom API client, the outbox sender and the sandbox
 * are wired by default, the staff roster is the `staff` table, the domain commands come from
 * src/bot/commands. Without WeCom credentials the server runs in sandbox mode (src/bot/sandbox:
 * SQLite, the demo city, an in-process fake WeCom and the /sandbox page); with neither
 * credentials nor a sandbox hook it still answers /healthz and /readyz, and the callback 503.
 */
import { realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from './bot/config.js';
import { createEdge, type Edge } from './bot/edge.js';
import { spoolSettings } from './bot/inbound/spool.js';
import { systemJobs } from './bot/jobs/index.js';
import { createCommands } from './bot/commands/index.js';
import { RosterStaffDirectory } from './bot/dispatch/roster.js';
import type { CommandHandler, StaffDirectory } from './bot/dispatch/ports.js';
import { InboundKfSessionClock } from './bot/inbound/kf-session.js';
import { createLogger, type Logger } from './bot/log.js';
import { OutboxSender } from './bot/outbox/sender.js';
import { HttpWeComApi } from './bot/wecom/api.js';
import type { WeComApi } from './bot/wecom/api-types.js';
import { WeComCrypto } from './bot/wecom/crypto.js';
import { flows } from './flows/registry.js';
import type { Database } from './persistence/db.js';
import { openDatabase } from './persistence/data-source.js';
import { sandboxDatabase, startSandbox } from './bot/sandbox/index.js';

export interface Stoppable {
  stop(): Promise<void>;
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
  createApi?: (config: Config, log: Logger) => WeComApi;
  /** The staff roster (default: the `staff` table). */
  staff?: (db: Database) => StaffDirectory;
  /** Domain command handlers of the flows. */
  commands?: (db: Database) => CommandHandler;
  /**
   * The outbox sender; started after the edge, stopped before the database closes. It shares
   * the edge's DataSource: on SQLite a second DataSource in the same process would freeze it
   * (docs/ARCHITECTURE.md).
   */
  startOutbox?: (ctx: { db: Database; api: WeComApi | null; config: Config; log: Logger }) => Stoppable | null | Promise<Stoppable | null>;
  /** Sandbox mode (no WeCom credentials): a demo city and a simulator behind a local fake WeCom. */
  sandbox?: (ctx: { db: Database; config: Config; log: Logger; notices: string[] }) => Promise<SandboxSetup>;
  /** The database of sandbox mode (it may differ from DATABASE_URL), and why, when it does. */
  sandboxDatabase?: (env: NodeJS.ProcessEnv) => { url: string; notice: string | null };
}

/** Where the other parts plug in. */
export const hooks: Hooks = {
  createApi: (config) => {
    const w = config.wecom!;
    return new HttpWeComApi({ apiBase: w.apiBase, corpId: w.corpId, agentId: w.agentId, secret: w.secret, kfSecret: w.kfSecret });
  },
  startOutbox: ({ db, api, log }) => {
    if (!api) return null;
    const sender = new OutboxSender({ db, api, kfClock: new InboundKfSessionClock(db), log: log.child({ part: 'outbox' }) });
    sender.start();
    return sender;
  },
  sandbox: ({ db, log, notices }) => startSandbox({ db, log, notices }),
  sandboxDatabase,
};

export interface Running {
  server: Server;
  edge: Edge;
  port: number;
  shutdown(): Promise<void>;
}

export async function main(env: NodeJS.ProcessEnv = process.env, h: Hooks = hooks): Promise<Running> {
  const config = loadConfig(env);
  const log = createLogger({ level: config.logLevel });
  const sandboxMode = config.sandbox && !!h.sandbox;
  const chosen = sandboxMode && h.sandboxDatabase ? h.sandboxDatabase(env) : { url: config.databaseUrl, notice: null };
  const db = await openDatabase(chosen.url);
  const sandbox = sandboxMode && h.sandbox ? await h.sandbox({ db, config, log, notices: chosen.notice ? [chosen.notice] : [] }) : null;
  const creds = config.wecom ?? sandbox?.wecom ?? null;
  const api = sandbox?.api ?? (config.wecom && h.createApi ? h.createApi(config, log) : null);
  const edge = createEdge({
    db,
    log,
    wecom: creds ? { crypto: new WeComCrypto({ token: creds.token, encodingAesKey: creds.aesKey, receiveId: creds.corpId }), corpId: creds.corpId } : null,
    api,
    flows,
    staff: sandbox?.staff ?? h.staff?.(db) ?? new RosterStaffDirectory(db),
    commands: h.commands?.(db) ?? createCommands(),
    tz: config.tzName,
    maxClockSkewS: config.maxClockSkewS,
    callbackMaxBytes: config.callbackMaxBytes,
    jobs: systemJobs(),
    spool: spoolSettings(env),
  });
  sandbox?.mount?.(edge.app);
  edge.start();
  const outbox = h.startOutbox ? await h.startOutbox({ db, api, config, log }) : null;

  const server = createServer(edge.app.callback());
  await new Promise<void>((ok) => server.listen(config.port, ok));
  const port = (server.address() as AddressInfo).port;
  log.info({ port, sandbox: !!sandbox, wecom: !!creds, kf: !!api, outbox: !!outbox }, `守望已启动，端口 ${port}${creds ? '' : '（未配置企业微信，回调不可用）'}`);
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
      await outbox?.stop();
      await sandbox?.stop?.();
      await db.destroy();
      log.info('已停止');
    })());
  return { server, edge, port, shutdown };
}

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

if (isEntryPoint()) {
  main().then(
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
      console.error(e instanceof ConfigError ? e.message : `启动失败：${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
