/**
 * What the rest of the application sees of the database: a `Database` to open transactions on
 * and a `Tx` handle that repository functions take. Only this folder imports typeorm.
 */
import type { DataSource, EntityManager } from 'typeorm';

export type Database = DataSource;
export type Tx = EntityManager;

/** Runs `fn` in one transaction; everything it wrote is rolled back if it throws. */
export function transaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}

export function isMysql(db: Database | Tx): boolean {
  const type = 'connection' in db ? db.connection.options.type : db.options.type;
  return type === 'mysql' || type === 'mariadb';
}
