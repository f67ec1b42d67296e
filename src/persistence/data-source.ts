/**
 * Opening the database: SQLite (embedded default, a file under data/) or MariaDB/MySQL.
 *
 * @example
 *   const ds = await openDatabase('sqlite:data/shouwang.sqlite');   // migrates unless told not to
 *   const ds2 = await openDatabase('mysql://root:@127.0.0.1:3306/shouwang');
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { holdsTurn, inTurn, takeTurn } from './db.js';
import { asDatabase, type Database } from './orm.js';
import { migrations } from './migrations/index.js';
import { schemas } from './schemas/index.js';

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
}

/**
 * DataSource options for a DATABASE_URL (`sqlite:<path>` or `mysql://user:pass@host:port/db`).
 * `?socket=<path>` connects to a MariaDB on the same machine through its Unix socket instead of
 * TCP (host and port are then not used): every statement is a socket write, and a Unix socket's
 * is cheaper than loopback TCP's (bench/README.md).
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  const common = { entities: schemas, migrations, migrationsRun: false, synchronize: false, logging: false } as const;
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: file,
      // WAL lets readers go on while one writer commits; busy_timeout makes a second process wait
      // for the write lock instead of failing at once.
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  return {
    ...common,
    type: 'mysql',
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    ...(u.searchParams.get('socket') ? { socketPath: u.searchParams.get('socket')! } : {}),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    // `trace: false`: mysql2 otherwise captures a stack for every statement (≈ 5 % of a busy
    // process); our errors are logged by code and message, never by that stack.
    // `multipleStatements`: the hot path sends a short transaction as one packet (`oneTrip` in
    // sql.ts). Every value is still an escaped `?` parameter; no statement is built from text.
    extra: { connectionLimit: 10, trace: false, multipleStatements: true },
  };
}

/** Opens (and by default migrates) the database. */
export async function openDatabase(url: string, opts: { migrate?: boolean } = {}): Promise<Database> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  if (dialectOf(url) === 'sqlite') shareSafely(ds);
  if (opts.migrate !== false) await ds.runMigrations({ transaction: 'each' });
  return asDatabase(ds);
}

/**
 * The shared SQLite connection, made safe for a process full of concurrent async work:
 * - transactions start IMMEDIATE (write lock taken at BEGIN, waiting up to busy_timeout): a
 *   deferred transaction that reads first and writes later fails at once with
 *   SQLITE_BUSY_SNAPSHOT whenever another process committed in between;
 * - a statement issued outside any `transaction()` waits its turn (db.ts) instead of running
 *   inside whatever transaction another task has open on this connection;
 * - a transaction TypeORM opens by itself (`repository.save` outside `transaction()`,
 *   migrations) takes the turn at its BEGIN and gives it back at its COMMIT/ROLLBACK.
 */
function shareSafely(source: DataSource): void {
  const ds = asDatabase(source);
  // better-sqlite3 has a single query runner per DataSource, so patching it covers every statement.
  const qr = source.createQueryRunner();
  const query = qr.query.bind(qr) as (q: string, p?: unknown[], s?: boolean) => Promise<unknown>;
  let ownTurn: (() => void) | null = null;
  const patched = async (q: string, p?: unknown[], s?: boolean): Promise<unknown> => {
    const sql = q === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : q;
    if (holdsTurn(ds)) return query(sql, p, s);
    if (ownTurn) {
      try {
        return await query(sql, p, s);
      } finally {
        if (q === 'COMMIT' || q === 'ROLLBACK') {
          const release = ownTurn;
          ownTurn = null;
          release();
        }
      }
    }
    if (q === 'BEGIN TRANSACTION') {
      const release = await takeTurn(ds);
      ownTurn = release;
      try {
        return await query(sql, p, s);
      } catch (e) {
        ownTurn = null;
        release();
        throw e;
      }
    }
    return inTurn(ds, () => query(sql, p, s));
  };
  qr.query = patched as typeof qr.query;
}
