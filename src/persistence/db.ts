/**
 * What the rest of the application sees of the database: a `Database` to open transactions on
 * and a `Tx` handle that repository functions take. Only this folder imports typeorm.
 */
import type { DataSource, EntityManager } from 'typeorm';

export type Database = DataSource;
export type Tx = EntityManager;

/**
 * Runs `fn` in one transaction; everything it wrote is rolled back if it throws.
 *
 * SQLite: TypeORM keeps ONE connection per better-sqlite3 DataSource, so two transactions
 * started concurrently in one process would nest on it and fail. They are queued here, one at a
 * time per DataSource (SQLite has a single writer anyway). Not re-entrant: never call
 * `transaction` from inside `fn` — pass `tx` down instead. Work that must not join another
 * task's open transaction (e.g. the outbox sender's status updates) gets a DataSource of its own.
 */
export function transaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isMysql(db)) return db.transaction(fn);
  return exclusive(db, () => db.transaction(fn));
}

const queues = new WeakMap<Database, Promise<unknown>>();

/** Runs `fn` when no other `exclusive`/`transaction` of this SQLite DataSource is running. */
export function exclusive<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(db) ?? Promise.resolve();
  const run = before.then(fn, fn);
  queues.set(db, run.catch(() => undefined));
  return run;
}

export function isMysql(db: Database | Tx): boolean {
  const type = 'connection' in db ? db.connection.options.type : db.options.type;
  return type === 'mysql' || type === 'mariadb';
}
