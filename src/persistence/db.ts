/**
 * What the rest of the application sees of the database: a `Database` to open transactions on
 * and a `Tx` handle that repository functions take. Only this folder imports typeorm.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

export type Database = DataSource;
export type Tx = EntityManager;

// TypeORM drives better-sqlite3 through ONE shared connection: two transactions started
// concurrently in one process would silently nest as savepoints of each other. So on SQLite the
// transactions of a process run one at a time (a queue per DataSource); a transaction opened
// inside another one (same async context) is allowed and becomes a savepoint as before.
const queues = new WeakMap<Database, Promise<unknown>>();
const holding = new AsyncLocalStorage<Set<Database>>();

/** Runs `fn` in one transaction; everything it wrote is rolled back if it throws. */
export function transaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isMysql(db) || holding.getStore()?.has(db)) return db.transaction(fn);
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(
    () => holding.run(new Set([...(holding.getStore() ?? []), db]), () => db.transaction(fn)),
    () => holding.run(new Set([...(holding.getStore() ?? []), db]), () => db.transaction(fn)),
  );
  // The queue only orders; a failure belongs to its caller, not to the next transaction.
  queues.set(db, run.catch(() => undefined));
  return run;
}

export function isMysql(db: Database | Tx): boolean {
  const type = 'connection' in db ? db.connection.options.type : db.options.type;
  return type === 'mysql' || type === 'mariadb';
}
