/**
 * Small portable SQL helpers for the bulk paths (imports): multi-row INSERTs and chunked
 * `IN (…)` lookups with `?` placeholders, which both better-sqlite3 and mysql2 accept through
 * `tx.query`. Identifiers are quoted with backticks, which SQLite accepts as well as MySQL.
 * Everything else goes through the EntitySchemas. Also: recognizing unique-key violations and
 * transient lock errors on both engines, and retrying a whole transaction after the latter
 * (`withRetry(() => transaction(db, (tx) => …))`).
 */
import type { Tx } from './db.js';

/** SQLite allows 32766 parameters per statement; stay well below, and below MySQL's packet size. */
const MAX_PARAMS = 8000;
const MAX_ROWS = 500;

export const q = (identifier: string): string => `\`${identifier}\``;

/** Inserts rows (each an array in `columns` order) in as few statements as the limits allow. */
export async function insertMany(tx: Tx, table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): Promise<void> {
  const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const sql = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`;
    await tx.query(sql, chunk.flat());
  }
}

/**
 * Runs `SELECT … WHERE <column> IN (…)` over `values` in chunks and concatenates the rows.
 * `select` is everything before WHERE, e.g. "SELECT `id`, `code` FROM `households`"; `column` is
 * a plain column name, or an already quoted expression such as "m.`id_number`".
 */
export async function selectIn<T = Record<string, unknown>>(tx: Tx, select: string, column: string, values: readonly unknown[]): Promise<T[]> {
  const target = /^\w+$/.test(column) ? q(column) : column;
  const out: T[] = [];
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += MAX_ROWS) {
    const chunk = unique.slice(i, i + MAX_ROWS);
    const rows: T[] = await tx.query(`${select} WHERE ${target} IN (${chunk.map(() => '?').join(', ')})`, chunk);
    out.push(...rows);
  }
  return out;
}

/** Booleans as both engines store them. */
export const sqlBool = (b: boolean): number => (b ? 1 : 0);
/** Reads a boolean column (0/1, '0'/'1', true/false). */
export const readBool = (v: unknown): boolean => v === true || Number(v) === 1;
/** Reads an integer column that MySQL may hand back as a string. */
export const readInt = (v: unknown): number => Number(v);
export const readIntOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const readStrOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

// --- errors and retries ---

interface DriverError {
  code?: string;
  errno?: number;
  driverError?: DriverError;
}

function codes(e: unknown): { code: string; errno: number } {
  const err = (e ?? {}) as DriverError;
  const inner = err.driverError ?? err;
  return { code: String(inner.code ?? err.code ?? ''), errno: Number(inner.errno ?? err.errno ?? 0) };
}

/** True for a duplicate of a unique key (SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, MySQL 1062). */
export function isUniqueViolation(e: unknown): boolean {
  const { code, errno } = codes(e);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'ER_DUP_ENTRY' || errno === 1062;
}

/** True for a lock conflict worth retrying (SQLite busy, MySQL deadlock or lock wait timeout). */
export function isTransient(e: unknown): boolean {
  const { code, errno } = codes(e);
  return code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED' || code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1213 || errno === 1205;
}

/** Runs `fn` again (a few times, with a short growing pause) when it fails with a transient lock error. */
export async function withRetry<T>(fn: () => Promise<T>, attempts = 5, pauseMs = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isTransient(e)) throw e;
      await new Promise((r) => setTimeout(r, pauseMs * i));
    }
  }
}

/** Rows affected by an UPDATE/DELETE query builder result (both drivers report matched rows). */
export function affected(result: { affected?: number | null }): number {
  return result.affected ?? 0;
}
