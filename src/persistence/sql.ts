/**
 * Small portable SQL helpers for the repositories: recognizing unique-key violations and
 * transient lock errors on both engines, and retrying a whole transaction after the latter.
 *
 * @example
 *   const id = await withRetry(() => transaction(db, (tx) => insertSomething(tx)));
 */

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
