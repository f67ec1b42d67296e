/**
 * What the rest of the application sees of the database: a `Database` to open transactions on
 * and a `Tx` handle that repository functions take. Only this folder imports typeorm.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { QueryResult, type EntityManager, type QueryRunner } from 'typeorm';
import { asTx, dataSourceOf, em, type Database, type Tx } from './orm.js';

export type { Database, Tx } from './orm.js';

// TypeORM drives better-sqlite3 through ONE shared connection: two transactions started
// concurrently in one process would nest on it (as savepoints of each other, or fail), and a
// bare statement issued meanwhile would silently become part of whichever transaction is open.
// So on SQLite everything of a process takes turns: transactions, `exclusive` blocks and bare
// statements (data-source.ts routes those through `inTurn`) wait in one queue per DataSource.
// A second DataSource on the same file in the same process is no way out: better-sqlite3 waits
// for a lock synchronously, so it would freeze the whole process for busy_timeout.
const queues = new WeakMap<Database, Promise<unknown>>();

interface Holder {
  db: Database;
  open: boolean;
  tx: Tx | null;
}
// What the current async context holds. Work started inside a transaction but still running
// after it ended sees `open: false` and takes its turn like everybody else.
const inside = new AsyncLocalStorage<Holder[]>();

function holderOf(db: Database): Holder | undefined {
  return (inside.getStore() ?? []).findLast((h) => h.db === db && h.open);
}

async function holding<T>(db: Database, fn: (held: Holder) => Promise<T>): Promise<T> {
  const held: Holder = { db, open: true, tx: null };
  try {
    return await inside.run([...(inside.getStore() ?? []), held], () => fn(held));
  } finally {
    held.open = false;
  }
}

function queued<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(db) ?? Promise.resolve()).then(fn, fn);
  // The queue only orders; a failure belongs to its caller, not to the next in line.
  queues.set(db, run.catch(() => undefined));
  return run;
}

/**
 * Runs `fn` in one transaction; everything it wrote is rolled back if it throws.
 *
 * Called inside another transaction on the same database (same async context), it joins that
 * one as a savepoint — prefer passing `tx` down, but a nested call is safe on both engines.
 *
 * @example
 *   await transaction(db, async (tx) => { await saveSomething(tx); await enqueueOutbound(tx, items, now); });
 */
export function transaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const h = holderOf(db);
  if (h?.tx) return em(h.tx).transaction((m) => fn(asTx(m)));
  const run = () =>
    holding(db, (held) =>
      inOwnTransaction(db, (m) => {
        const tx = asTx(m);
        held.tx = tx;
        return fn(tx);
      }),
    );
  // Inside `exclusive` the turn is already ours.
  return isMysql(db) || h ? run() : queued(db, run);
}

/**
 * TypeORM's transaction on a runner of its own; on MariaDB/MySQL its START TRANSACTION goes to the
 * server with the transaction's first statement (one round trip less, see `beginWithFirst`).
 */
async function inOwnTransaction<T>(db: Database, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  const source = dataSourceOf(db);
  if (!isMysql(db)) return source.transaction(fn);
  const runner = source.createQueryRunner();
  beginWithFirst(runner);
  try {
    return await runner.manager.transaction(fn);
  } finally {
    await runner.release();
  }
}

/**
 * Holds back the START TRANSACTION of `runner` and sends it in one packet with the next statement
 * (the pool allows multi-statement packets, data-source.ts), returning that statement's result as
 * if it had been sent alone. A transaction that sends nothing sends neither START nor COMMIT.
 * Every statement of a transaction goes through `query` (TypeORM's repositories and query
 * builders included), so none runs outside it.
 */
function beginWithFirst(runner: QueryRunner): void {
  const send = runner.query.bind(runner);
  let held = false;
  const tail: Array<readonly [string, readonly unknown[]]> = [];
  atCommitOf.set(runner, tail);
  const empty = (structured: boolean) => (structured ? new QueryResult() : undefined);
  runner.query = (async (sql: string, params?: unknown[], structured: boolean = false) => {
    if (sql === 'ROLLBACK') tail.length = 0;
    if (sql === 'COMMIT' && tail.length > 0) {
      const packet = [...(held ? [['START TRANSACTION', []] as const] : []), ...tail.splice(0), ['COMMIT', []] as const];
      held = false;
      await send(packet.map(([text]) => text).join(';\n'), packet.flatMap(([, values]) => [...values]), true);
      return empty(structured);
    }
    if (sql === 'START TRANSACTION' && !held) {
      held = true;
      return empty(structured);
    }
    if (!held) return send(sql, params, structured as true);
    held = false;
    if (sql === 'COMMIT' || sql === 'ROLLBACK') return empty(structured);
    const both = await send(`START TRANSACTION;\n${sql}`, params, true);
    const results = both.raw as unknown[];
    // One statement: its own result; a packet of several (`batch`, sql.ts): the list of theirs.
    const raw: unknown = results.length === 2 ? results[1] : results.slice(1);
    const result = new QueryResult();
    result.raw = raw;
    if (Array.isArray(raw)) result.records = raw;
    if (raw !== null && typeof raw === 'object' && 'affectedRows' in raw) result.affected = Number((raw as { affectedRows: unknown }).affectedRows);
    return structured ? result : raw;
  }) as QueryRunner['query'];
}

/** The statements `atCommit` holds back, per runner of `inOwnTransaction`. */
const atCommitOf = new WeakMap<QueryRunner, Array<readonly [string, readonly unknown[]]>>();

/**
 * A write whose result nobody reads and that nothing later in the transaction depends on: on
 * MariaDB/MySQL it goes to the server in one packet with the transaction's COMMIT (one round trip
 * less); if it fails, nothing commits and the transaction's caller gets the error. In a savepoint
 * (a nested `transaction`) and on SQLite it runs at once.
 */
export async function atCommit(tx: Tx, sql: string, params: readonly unknown[]): Promise<void> {
  const runner = em(tx).queryRunner;
  const tail = runner ? atCommitOf.get(runner) : undefined;
  if (tail && (runner as unknown as { transactionDepth: number }).transactionDepth === 1) {
    tail.push([sql, params]);
    return;
  }
  await em(tx).query(sql, [...params]);
}

/** Runs `fn` when no other `exclusive`/`transaction` of this DataSource is running. */
export function exclusive<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  if (holderOf(db)) return fn();
  return queued(db, () => holding(db, () => fn()));
}

/** Whether the current async context is inside a `transaction`/`exclusive` of `db`. */
export function holdsTurn(db: Database): boolean {
  return holderOf(db) !== undefined;
}

/**
 * For the SQLite connection itself (data-source.ts): a statement issued outside any
 * `transaction`/`exclusive` waits its turn, so it neither joins nor disturbs another task's
 * open transaction.
 */
export function inTurn<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  return holderOf(db) ? fn() : queued(db, fn);
}

/** Holds the turn until `release` is called (a transaction TypeORM opened on its own). */
export function takeTurn(db: Database): Promise<() => void> {
  return new Promise((granted) => {
    void queued(db, () => new Promise<void>((release) => granted(release)));
  });
}

/**
 * Statements outside any transaction, each committing on its own (on SQLite each waits its turn,
 * data-source.ts). For reads that need no consistent snapshot and single idempotent writes.
 */
export function autocommit(db: Database): Tx {
  return asTx(dataSourceOf(db).manager);
}

/**
 * Reads that need no consistent snapshot (a flow's look-ups): on MariaDB/MySQL as autocommit
 * statements, without the START TRANSACTION and COMMIT round trips; on SQLite in one transaction
 * as before (one turn of the queue for all its statements). Inside a transaction it joins it.
 */
export function readOnly<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isMysql(db) || holderOf(db)) return transaction(db, fn);
  return fn(autocommit(db));
}

/** The native better-sqlite3 connection behind a SQLite DataSource (null on MariaDB/MySQL). */
function sqliteConnection(db: Database): { pragma(s: string, o?: { simple: boolean }): unknown } | null {
  if (isMysql(db)) return null;
  return (dataSourceOf(db).driver as { databaseConnection?: { pragma(s: string, o?: { simple: boolean }): unknown } }).databaseConnection ?? null;
}

/** SQLite settings for a bulk write (an import): commits and page cache. */
const BULK_PRAGMAS = {
  // In WAL mode NORMAL never corrupts the file: a power cut (not a crash of the process) can only
  // lose the last commits, which a re-import writes again. FULL syncs the log at every commit.
  synchronous: 'NORMAL',
  // 64 MB of pages instead of 2 MB: the indexes of a large register stay in memory while it grows.
  cache_size: '-65536',
  // The log is copied into the file every 256 MB instead of every 4 MB: a page changed by many
  // batches (an index page) is copied once per round, not once per batch. (With 64 MB rounds a
  // 200,000-person import spent 1.3 s in COMMIT, with no checkpoint at all 0.7 s.) The bulk write ends with a
  // checkpoint of its own, so its last round is copied before it returns.
  wal_autocheckpoint: '65536',
} as const;

/**
 * Runs a bulk write (`fn`, with its own transactions) with the SQLite connection set for it
 * (BULK_PRAGMAS), and sets it back afterwards; on MariaDB/MySQL it just runs `fn`. The settings
 * belong to the process's one connection, so they hold for whatever else it does meanwhile.
 */
export async function bulkWrites<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const conn = sqliteConnection(db);
  if (!conn) return fn();
  const before = await exclusive(db, async () =>
    Object.fromEntries(
      Object.entries(BULK_PRAGMAS).map(([name, value]) => {
        const old = String(conn.pragma(name, { simple: true }));
        conn.pragma(`${name} = ${value}`);
        return [name, old];
      }),
    ),
  );
  try {
    const result = await fn();
    await exclusive(db, async () => void conn.pragma('wal_checkpoint(PASSIVE)'));
    return result;
  } finally {
    await exclusive(db, async () => {
      for (const [name, old] of Object.entries(before)) conn.pragma(`${name} = ${old}`);
    });
  }
}

export function isMysql(db: Database | Tx): boolean {
  const h = db as unknown as { connection?: { options: { type: string } }; options?: { type: string } };
  const type = h.connection ? h.connection.options.type : h.options?.type;
  return type === 'mysql' || type === 'mariadb';
}

const facts = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * A fact about the server, asked once per data source with `sql` and read from its first row
 * (an ask that failed is asked again next time).
 */
export function serverFact<T>(tx: Tx, sql: string, read: (row: Record<string, unknown> | undefined) => T): Promise<T> {
  const ds = em(tx).connection;
  let known = facts.get(ds);
  if (!known) facts.set(ds, (known = new Map()));
  const asked = known;
  let answer = asked.get(sql) as Promise<T> | undefined;
  if (!answer) {
    answer = em(tx)
      .query(sql)
      .then((rows: Array<Record<string, unknown>>) => read(rows[0]));
    asked.set(sql, answer);
    answer.catch(() => asked.delete(sql));
  }
  return answer;
}

/**
 * Whether a MySQL-family server is MariaDB (which has statements of its own, such as
 * `SET STATEMENT … FOR`), asked once per data source.
 */
export function isMariadb(tx: Tx): Promise<boolean> {
  if (!isMysql(tx)) return Promise.resolve(false);
  return serverFact(tx, 'SELECT VERSION() AS v', (r) => /mariadb/i.test(String(r?.v ?? '')));
}

/** Whether the database answers (the health check). */
export async function ping(db: Database): Promise<void> {
  await transaction(db, (tx) => em(tx).query('SELECT 1'));
}

/** Which database this is — engine, server, database or file — never the password. */
export function databaseIdentity(db: Database): { engine: string; host: string; port: number; database: string } {
  const o = dataSourceOf(db).options as { type: string; host?: string; port?: number; database?: unknown };
  return { engine: o.type, host: o.host ?? '', port: o.port ?? 0, database: String(o.database ?? '') };
}

interface MysqlPool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

/** The connection pool's counts (MariaDB/MySQL); null on SQLite, which has no pool. */
export function poolCounts(db: Database): { open: number; idle: number; waiting: number; limit: number | null } | null {
  // mysql2 keeps its counts on the pool object TypeORM holds.
  const pool = (dataSourceOf(db).driver as { pool?: MysqlPool }).pool;
  if (!pool?._allConnections) return null;
  return {
    open: pool._allConnections.length,
    idle: pool._freeConnections?.length ?? 0,
    waiting: pool._connectionQueue?.length ?? 0,
    limit: pool.config?.connectionLimit ?? null,
  };
}
