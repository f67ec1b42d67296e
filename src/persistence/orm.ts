/**
 * The TypeORM objects behind `Database` and `Tx`. Only src/persistence imports this module
 * (test/layering.test.ts): everywhere else the two are opaque handles that can only be passed to
 * repository functions, so the SQL of the hot path changes in one place. At run time a `Tx` is
 * TypeORM's EntityManager and a `Database` its DataSource; the casts below cost nothing.
 */
import type { DataSource, EntityManager } from 'typeorm';

declare const txBrand: unique symbol;
declare const databaseBrand: unique symbol;

/** One transaction (or, from `autocommit`, statements that each commit on their own). */
export interface Tx {
  readonly [txBrand]: 'Tx';
}

/** An open database: open transactions on it with `transaction(db, fn)` (db.ts). */
export interface Database {
  readonly [databaseBrand]: 'Database';
  /**
   * Statements outside any transaction, as an opaque `Tx`. Kept for callers not yet moved to
   * `autocommit(db)` (db.ts); it gives no access to TypeORM.
   */
  readonly manager: Tx;
  /** Closes its connections. */
  destroy(): Promise<void>;
}

export function em(tx: Tx): EntityManager {
  return tx as unknown as EntityManager;
}

export function dataSourceOf(db: Database): DataSource {
  return db as unknown as DataSource;
}

export function asTx(manager: EntityManager): Tx {
  return manager as unknown as Tx;
}

export function asDatabase(ds: DataSource): Database {
  return ds as unknown as Database;
}
