/**
 * Migrations as a release step: the schema state of a database, and applying the pending
 * migrations under a database-wide lock so that several instances (or `npx shouwang migrate`
 * run twice) never apply the same migration twice.
 *
 * - MySQL/MariaDB: a named lock (`GET_LOCK`) held on one dedicated connection while TypeORM reads
 *   the applied migrations and runs the rest; a second instance waits on the lock, then finds
 *   nothing left to do.
 * - SQLite: the database's own write lock — one `BEGIN IMMEDIATE` transaction around the whole
 *   run, taken before the applied migrations are read.
 *
 * @example
 *   const ds = await openDatabase(url, { migrate: false });
 *   (await schemaState(ds)).pending        // ['Timer1764300100004', …]
 *   await migrateUnderLock(ds)             // the names it applied, in order
 */
import type { DataSource } from 'typeorm';
import { dataSourceOf, type Database } from './orm.js';

export interface SchemaState {
  /** Migrations this code knows, in order. */
  known: number;
  /** Known migrations already applied. */
  applied: number;
  /** Known migrations not applied yet. */
  pending: string[];
  /** Applied migrations this code does not know (a newer release migrated the database). */
  unknown: string[];
}

const TABLE = 'migrations';

/** Compares the migrations table with the migrations of this code. Reads only. */
export async function schemaState(db: Database): Promise<SchemaState> {
  const ds = dataSourceOf(db);
  const known = ds.migrations.map((m) => m.name ?? m.constructor.name);
  const qr = ds.createQueryRunner();
  try {
    const exists = await qr.hasTable(TABLE);
    const rows: Array<{ name: string }> = exists ? await qr.query(`SELECT name FROM ${TABLE}`) : [];
    const applied = new Set(rows.map((r) => r.name));
    return {
      known: known.length,
      applied: known.filter((n) => applied.has(n)).length,
      pending: known.filter((n) => !applied.has(n)),
      unknown: [...applied].filter((n) => !known.includes(n)),
    };
  } finally {
    await qr.release();
  }
}

/** The schema state in one line of Chinese (for /readyz, logs and the command line). */
export function describeSchema(s: SchemaState): string {
  const some = (names: string[]) => names.slice(0, 3).join('，') + (names.length > 3 ? ' 等' : '');
  if (s.pending.length > 0) return `数据库结构不是最新：${s.pending.length} 个迁移未执行（${some(s.pending)}）`;
  const ahead = s.unknown.length > 0 ? `；另有 ${s.unknown.length} 个较新版本的迁移（${some(s.unknown)}）` : '';
  return `数据库结构已是最新（${s.applied}/${s.known} 个迁移）${ahead}`;
}

export class MigrationLockTimeout extends Error {
  constructor(seconds: number) {
    super(`${seconds} 秒内没有等到数据库迁移锁：另一个实例正在迁移，或者它异常退出时仍占着连接。稍后重试`);
    this.name = 'MigrationLockTimeout';
  }
}

/** Applies the pending migrations under the database lock; returns the names it applied. */
export async function migrateUnderLock(db: Database, opts: { lockTimeoutS?: number } = {}): Promise<string[]> {
  const ds = dataSourceOf(db);
  const timeoutS = opts.lockTimeoutS ?? 300;
  return ds.options.type === 'mysql' ? mysqlLocked(ds, timeoutS) : sqliteLocked(ds, timeoutS);
}

async function mysqlLocked(ds: DataSource, timeoutS: number): Promise<string[]> {
  // Lock names are server-wide: the database name keeps two databases on one server apart.
  const name = `shouwang:migrate:${String(ds.options.database)}`.slice(0, 64);
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    const [row] = (await qr.query('SELECT GET_LOCK(?, ?) AS got', [name, timeoutS])) as Array<{ got: number | string | null }>;
    if (Number(row?.got) !== 1) throw new MigrationLockTimeout(timeoutS);
    try {
      // TypeORM reads the applied migrations after the lock is ours: a second instance sees them.
      return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await qr.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await qr.release();
  }
}

async function sqliteLocked(ds: DataSource, timeoutS: number): Promise<string[]> {
  // better-sqlite3 has one query runner per DataSource: the migrations run inside this
  // transaction, which took the write lock at BEGIN (IMMEDIATE, see data-source.ts).
  const qr = ds.createQueryRunner();
  const end = Date.now() + timeoutS * 1000;
  for (;;) {
    try {
      await qr.startTransaction();
      break;
    } catch (e) {
      // busy_timeout (5 s) passed while another process migrates: wait again, up to the limit.
      // TypeORM marks the transaction active before its BEGIN fails; the retry needs it clear.
      (qr as { isTransactionActive: boolean }).isTransactionActive = false;
      if (!/SQLITE_BUSY|database is locked/i.test(String(e))) throw e;
      if (Date.now() > end) throw new MigrationLockTimeout(timeoutS);
    }
  }
  try {
    const done = await ds.runMigrations({ transaction: 'none' });
    await qr.commitTransaction();
    return done.map((m) => m.name);
  } catch (e) {
    await qr.rollbackTransaction();
    throw e;
  }
}
