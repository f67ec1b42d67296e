/**
 * What the rest of the application sees of the database: a `Database` to open transactions on
 * and a `Tx` handle that repository functions take. Only this folder imports typeorm.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

export type Database = DataSource;
export type Tx = EntityManager;

// TypeORM drives better-sqlite3 through ONE shared connection: two transactions started
// concurrently in one process would nest on it (as savepoints of each other, or fail). So on
// SQLite the transactions of a process run one at a time (a queue per DataSource; SQLite has a
// single writer anyway).
const queues = new WeakMap<Database, Promise<unknown>>();
// The transactions the current async context is inside of. A transaction opened inside another
// becomes a savepoint of it on both engines (MySQL would otherwise take a second pooled
// connection and commit on its own). `open` turns false when one ends, so work started from
// inside it but still running afterwards is on its own again.
const inside = new AsyncLocalStorage<Array<{ db: Database; open: boolean; tx: Tx | null }>>();

/**
 * Runs `fn` in one transaction; everything it wrote is rolled back if it throws.
 *
 * Called inside another transaction on the same database (same async context), it joins that
 * one as a savepoint — prefer passing `tx` down, but a nested call is safe on both engines.
 * Work that must not join another task's open transaction on SQLite (e.g. the outbox sender's
 * status updates outside `transaction`) gets a DataSource of its own.
 */
export function transaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const outer = inside.getStore() ?? [];
  const enclosing = outer.findLast((h) => h.db === db && h.open && h.tx);
  if (enclosing?.tx) return enclosing.tx.transaction(fn);
  const run = async () => {
    const held: { db: Database; open: boolean; tx: Tx | null } = { db, open: true, tx: null };
    try {
      return await db.transaction((tx) => {
        held.tx = tx;
        return inside.run([...outer, held], () => fn(tx));
      });
    } finally {
      held.open = false;
    }
  };
  return isMysql(db) ? run() : exclusive(db, run);
}

/** Runs `fn` when no other `exclusive`/`transaction` of this SQLite DataSource is running. */
export function exclusive<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(db) ?? Promise.resolve();
  const run = before.then(fn, fn);
  // The queue only orders; a failure belongs to its caller, not to the next in line.
  queues.set(db, run.catch(() => undefined));
  return run;
}

export function isMysql(db: Database | Tx): boolean {
  const type = 'connection' in db ? db.connection.options.type : db.options.type;
  return type === 'mysql' || type === 'mariadb';
}
