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
// transactions of a process run one at a time (a queue per DataSource).
const queues = new WeakMap<Database, Promise<unknown>>();
// The transactions the current async context is inside of. A transaction opened inside another
// becomes a savepoint of it on both engines (MySQL would otherwise take a second pooled
// connection and commit on its own). `open` turns false when one ends, so work started from
// inside it but still running afterwards is on its own again.
const inside = new AsyncLocalStorage<Array<{ db: Database; open: boolean; tx: Tx | null }>>();

/** Runs `fn` in one transaction; everything it wrote is rolled back if it throws. */
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
  if (isMysql(db)) return run();
  const result = (queues.get(db) ?? Promise.resolve()).then(run, run);
  // The queue only orders; a failure belongs to its caller, not to the next transaction.
  queues.set(db, result.catch(() => undefined));
  return result;
}

export function isMysql(db: Database | Tx): boolean {
  const type = 'connection' in db ? db.connection.options.type : db.options.type;
  return type === 'mysql' || type === 'mariadb';
}
