/**
 * Small portable SQL helpers for the bulk paths (imports): multi-row INSERTs and chunked
 * `IN (…)` lookups with `?` placeholders, which both better-sqlite3 and mysql2 accept through
 * `em(tx).query`. Identifiers are quoted with backticks, which SQLite accepts as well as MySQL.
 * Everything else goes through the EntitySchemas. Also: recognizing unique-key violations and
 * transient lock errors on both engines, and retrying a whole transaction after the latter
 * (`withRetry(() => transaction(db, (tx) => …))`).
 */
import { Readable } from 'node:stream';
import { holdsTurn, isMysql, serverFact, transaction, type Database, type Tx } from './db.js';
import { dataSourceOf, em } from './orm.js';

/** SQLite allows 32766 parameters per statement; stay well below, and below MySQL's packet size. */
export const MAX_PARAMS = 16000;
/** Rows per multi-row INSERT: fewer, larger statements cost the server less per row. */
export const MAX_ROWS = 1000;
/**
 * Values per `IN (…)`. From 200 values on (`eq_range_index_dive_limit`) MariaDB estimates the rows
 * of a non-unique index from its statistics instead of looking, and for `members.household_id`
 * after a bulk import it then chose a full table scan for every batch; below 200 it looks each
 * value up and uses the index. (From 1000 on it would also turn the list into a derived table.)
 */
export const MAX_IN = 199;
/**
 * Values per `IN (…)` on a unique key (a primary key, `households.code`, `members.id_number`): each
 * value is at most one row, so MariaDB needs no estimate and always reads the index (checked with
 * EXPLAIN on a 200,000-person register: `type range` on the unique key with 999 values). From
 * 1000 values on it would turn the list into a derived table.
 */
export const MAX_IN_UNIQUE = 999;

export const q = (identifier: string): string => `\`${identifier}\``;

/** Below this many rows a statement is small enough to be cached whatever its size. */
const SMALL_CHUNK = 64;

/**
 * How `n` rows are cut into statements: as many of `per` as fit, then powers of two down to
 * `SMALL_CHUNK`, then the small rest. SQLite keeps the last 100 prepared statements by their text,
 * each about as large as the text (a 1000-row INSERT ≈ 1 MB): a statement for every remainder
 * size would fill that cache with single-use giants, while these sizes recur.
 */
export function chunkSizes(n: number, per: number): number[] {
  const out: number[] = [];
  let rest = n;
  for (; rest >= per; rest -= per) out.push(per);
  for (let p = 2 ** Math.floor(Math.log2(Math.max(1, rest))); p >= SMALL_CHUNK; p /= 2) {
    if (rest < p) continue;
    out.push(p);
    rest -= p;
  }
  if (rest > 0) out.push(rest);
  return out;
}

/**
 * Inserts rows (each an array in `columns` order) in few statements, of a few recurring sizes.
 * With `skipDuplicateOf` a row whose value of that unique column is already stored (or comes
 * earlier in `rows`) is left out by the database itself — MariaDB/MySQL `ON DUPLICATE KEY UPDATE`
 * (a no-op update), SQLite `ON CONFLICT (…) DO NOTHING` — while any other error still fails the
 * statement (unlike `INSERT IGNORE`). On MariaDB/MySQL the table must have no other unique key
 * than that column and the id.
 */
export async function insertMany(tx: Tx, table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>, opts: { skipDuplicateOf?: string } = {}): Promise<void> {
  const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const key = opts.skipDuplicateOf;
  const tail = key === undefined ? '' : isMysql(tx) ? ` ON DUPLICATE KEY UPDATE ${q(key)} = ${q(key)}` : ` ON CONFLICT (${q(key)}) DO NOTHING`;
  let i = 0;
  for (const size of chunkSizes(rows.length, per)) {
    const chunk = rows.slice(i, (i += size));
    const sql = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}${tail}`;
    await em(tx).query(sql, chunk.flat());
  }
}

/** From this many rows on `loadMany` loads them from memory on MariaDB/MySQL; fewer go in INSERTs (one round trip less). */
export const LOAD_MIN_ROWS = 200;
/** Rows per LOAD DATA statement (a batch of an import is 5,000 people). */
const LOAD_ROWS = 10_000;
/** The pieces the rows travel in to the server (each one packet of the LOCAL INFILE exchange). */
const LOAD_PIECE = 1 << 16;

// eslint-disable-next-line no-control-regex -- NUL and Ctrl-Z are among what the text format must escape
const TSV_SPECIAL = /[\\\t\n\r\0\x1a]/;
// eslint-disable-next-line no-control-regex -- as above
const TSV_SPECIALS = /[\\\t\n\r\0\x1a]/g;
const TSV_ESCAPE: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0', '\x1a': '\\Z' };

/**
 * One value as a field of LOAD DATA's default text format (fields split by tabs, rows by newlines,
 * backslash the escape): NULL is `\N`, an empty string stays empty, and a backslash, tab, newline,
 * carriage return, NUL or Ctrl-Z inside a text is escaped — so the server reads back exactly the
 * text given. Numbers and booleans as the INSERTs would store them.
 */
export function tsvField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  const text = String(v);
  return TSV_SPECIAL.test(text) ? text.replace(TSV_SPECIALS, (c) => TSV_ESCAPE[c] as string) : text;
}

/** Whether the server lets a client send rows with LOAD DATA LOCAL INFILE (MySQL 8 refuses by default). */
function localInfileAllowed(tx: Tx): Promise<boolean> {
  return serverFact(tx, 'SELECT @@local_infile AS v', (r) => Number(r?.v) === 1);
}

interface LoadResult {
  affectedRows?: number;
  warningStatus?: number;
}

/**
 * Inserts rows like `insertMany`, but on MariaDB/MySQL, inside a transaction and from
 * LOAD_MIN_ROWS rows on, as LOAD DATA LOCAL INFILE from memory: the server reads plain
 * tab-separated text instead of parsing a statement of thousands of literals, and this process
 * escapes far less (JSON needs no quoting there). Only this statement's own connection may answer
 * the server's request for the file, with these rows and nothing else: the permission is given to
 * that connection for that one statement (the pool's connections have none). A LOCAL load turns
 * errors into warnings and skips duplicate keys, so a load that did not store every row exactly
 * (a row skipped, a warning) fails like the INSERT would have, and the transaction rolls back.
 * Elsewhere (SQLite, few rows, a server that refuses local files) it is `insertMany`.
 */
export async function loadMany(tx: Tx, table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): Promise<void> {
  const runner = em(tx).queryRunner;
  if (rows.length < LOAD_MIN_ROWS || !isMysql(tx) || !runner?.isTransactionActive || !(await localInfileAllowed(tx))) return insertMany(tx, table, columns, rows);
  const connection = (await runner.connect()) as { config: object };
  const sql = `LOAD DATA LOCAL INFILE 'rows' INTO TABLE ${q(table)} CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns.map(q).join(', ')})`;
  for (let i = 0; i < rows.length; i += LOAD_ROWS) {
    const chunk = rows.slice(i, i + LOAD_ROWS);
    let text = '';
    for (const row of chunk) text += `${row.map(tsvField).join('\t')}\n`;
    const data = Buffer.from(text, 'utf8');
    const pieces: Buffer[] = [];
    for (let at = 0; at < data.length; at += LOAD_PIECE) pieces.push(data.subarray(at, at + LOAD_PIECE));
    const shared = connection.config;
    connection.config = Object.create(shared, { infileStreamFactory: { value: () => Readable.from(pieces) } }) as object;
    let result: LoadResult;
    try {
      result = (await runner.query(sql, [], true)).raw as LoadResult;
    } finally {
      connection.config = shared;
    }
    if (Number(result.affectedRows) !== chunk.length || Number(result.warningStatus ?? 0) !== 0) {
      const warnings = (await runner.query('SHOW WARNINGS LIMIT 3')) as Array<{ Message?: string }>;
      throw new Error(`LOAD DATA into ${table}: ${Number(result.affectedRows)} of ${chunk.length} rows stored, ${Number(result.warningStatus ?? 0)} warnings: ${warnings.map((w) => w.Message).join('; ')}`);
    }
  }
}

/**
 * Updates many rows by id, each row only in the columns it names, in as few statements as the
 * limits allow: `UPDATE t SET c = CASE id WHEN ? THEN ? … ELSE c END, … WHERE id IN (…)`, which
 * both engines accept. A column no row names is left out; a row's other columns keep their values.
 */
export async function updateMany(tx: Tx, table: string, rows: ReadonlyArray<{ id: number; set: Readonly<Record<string, unknown>> }>): Promise<void> {
  if (rows.length === 0) return;
  const width = new Set(rows.flatMap((r) => Object.keys(r.set))).size;
  const per = Math.max(1, Math.min(MAX_IN, Math.floor(MAX_PARAMS / (2 * width + 1))));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    const sets = [...new Set(chunk.flatMap((r) => Object.keys(r.set)))].map((c) => {
      const named = chunk.filter((r) => c in r.set);
      for (const r of named) params.push(r.id, r.set[c]);
      return `${q(c)} = CASE ${q('id')} ${named.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ${q(c)} END`;
    });
    params.push(...chunk.map((r) => r.id));
    await em(tx).query(`UPDATE ${q(table)} SET ${sets.join(', ')} WHERE ${q('id')} IN (${chunk.map(() => '?').join(', ')})`, params);
  }
}

/**
 * Runs `SELECT … WHERE <column> IN (…)` over `values` in chunks and concatenates the rows.
 * `select` is everything before WHERE, e.g. "SELECT `id`, `code` FROM `households`"; `column` is
 * a plain column name, or an already quoted expression such as "m.`id_number`". With
 * `uniqueKey` (the column is a unique key) the chunks are larger (MAX_IN_UNIQUE).
 */
export async function selectIn<T = Record<string, unknown>>(tx: Tx, select: string, column: string, values: readonly unknown[], opts: { uniqueKey?: boolean } = {}): Promise<T[]> {
  const target = /^\w+$/.test(column) ? q(column) : column;
  const out: T[] = [];
  const unique = [...new Set(values)];
  const per = opts.uniqueKey ? MAX_IN_UNIQUE : MAX_IN;
  for (let i = 0; i < unique.length; i += per) {
    const chunk = padIn(unique.slice(i, i + per), per);
    const rows: T[] = await em(tx).query(`${select} WHERE ${target} IN (${chunk.map(() => '?').join(', ')})`, chunk);
    for (const r of rows) out.push(r);
  }
  return out;
}

/** The smallest `IN (…)` list; shorter lists are padded to it. */
const MIN_IN = 8;

/**
 * A list of values for one `IN (…)`, padded by repeating its last value to the next power of two
 * (at least MIN_IN, at most `per`): a repeated value matches nothing more, and the statement's
 * text then takes one of a few recurring lengths. SQLite keeps prepared statements by their text
 * and frees one only when the garbage collector finds it; a batch remainder of a new length each
 * time would prepare a new large statement every batch, and their memory, outside the V8 heap,
 * would pile up between collections.
 */
export function padIn<V>(chunk: readonly V[], per: number): V[] {
  const size = chunk.length === 0 ? 0 : Math.min(per, Math.max(MIN_IN, 2 ** Math.ceil(Math.log2(chunk.length))));
  const out = [...chunk];
  while (out.length < size) out.push(chunk[chunk.length - 1] as V);
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
/** Reads a `simple-json` column read with plain SQL (text; a driver may already have parsed it). */
export const readJson = (v: unknown): unknown => (v === null || v === undefined ? null : typeof v === 'string' ? JSON.parse(v) : v);
/** A value for a `simple-json` column written with plain SQL (NULL for none). */
export const jsonText = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

// --- errors and retries ---

interface DriverError {
  code?: string;
  errno?: number;
  fatal?: boolean;
  message?: string;
  driverError?: DriverError;
}

function codes(e: unknown): { code: string; errno: number; fatal: boolean; message: string } {
  const err = (e ?? {}) as DriverError;
  const inner = err.driverError ?? err;
  return {
    code: String(inner.code ?? err.code ?? ''),
    errno: Number(inner.errno ?? err.errno ?? 0),
    fatal: inner.fatal === true || err.fatal === true,
    message: String(inner.message ?? err.message ?? ''),
  };
}

/** True for a duplicate of a unique key (SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, MySQL 1062). */
export function isUniqueViolation(e: unknown): boolean {
  const { code, errno } = codes(e);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'ER_DUP_ENTRY' || errno === 1062;
}

// The database was not there, or not writable, or broke off: nothing about the work itself is
// wrong, so the same work must succeed later. Network and driver codes (mysql2 passes Node's), then
// server codes: deadlock 1213, lock wait 1205, read-only after a failover 1290/1836/1792, too many
// connections 1040, shutdown 1053, killed 1927 (MariaDB)/1317, gone away 2006/2013, idle timeout 4031.
const TRANSIENT_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_OPTION_PREVENTS_STATEMENT',
  'ER_READ_ONLY_MODE',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_CLIENT_INTERACTION_TIMEOUT',
  'SQLITE_LOCKED',
]);
const TRANSIENT_ERRNOS = new Set([1213, 1205, 1290, 1836, 1792, 1040, 1053, 1927, 1317, 2006, 2013, 4031]);
// Errors mysql2 and its pool raise without a code once a connection or the pool is unusable.
const TRANSIENT_MESSAGES = /closed state|Pool is closed|Connection lost|Connection is not established|read-only|connect ETIMEDOUT|ECONNREFUSED/i;

/**
 * True for an infrastructure error: lock conflicts (SQLite busy, MySQL deadlock or lock wait),
 * a lost, refused, killed or timed-out connection, a server gone read-only after a failover.
 * Such work is retried, never failed; anything else is the work's own error.
 */
export function isTransient(e: unknown): boolean {
  const { code, errno, fatal, message } = codes(e);
  if (code.startsWith('SQLITE_BUSY') || TRANSIENT_CODES.has(code) || TRANSIENT_ERRNOS.has(errno)) return true;
  // A fatal mysql2 error is about the connection, never the statement.
  return fatal || TRANSIENT_MESSAGES.test(message);
}

/** The pause before retry `attempt` (1, 2, …): doubling from `baseMs` up to `maxMs`, with ±50 % jitter. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(plain * (0.5 + random()));
}

export interface RetryOptions {
  /** Tries in all (default 5); `Infinity` retries until it succeeds. */
  attempts?: number;
  /** First pause (default 20 ms), doubling up to `maxPauseMs` (default 2 s), jittered. */
  pauseMs?: number;
  maxPauseMs?: number;
  /** Called before each pause (logging, metrics). */
  onRetry?: (e: unknown, attempt: number, pauseMs: number) => void;
}

/**
 * Runs `fn` again after a transient error (see `isTransient`), with jittered exponential back-off;
 * any other error, or the last allowed try's, is thrown. `fn` must be a whole transaction: a
 * connection lost during COMMIT leaves it unknown whether it committed, so the work must be
 * idempotent (conditional updates, unique keys) — everything on the message path is.
 */
export async function withRetry<T>(fn: () => Promise<T>, attemptsOrOptions: number | RetryOptions = 5, pauseMs = 20): Promise<T> {
  const o: RetryOptions = typeof attemptsOrOptions === 'number' ? { attempts: attemptsOrOptions, pauseMs } : attemptsOrOptions;
  const attempts = o.attempts ?? 5;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isTransient(e)) throw e;
      const pause = backoffMs(i, o.pauseMs ?? 20, o.maxPauseMs ?? 2000);
      transientRetries.count += 1;
      o.onRetry?.(e, i, pause);
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

/** How many transient database errors were retried in this process (a counter for metrics). */
export const transientRetries = { count: 0 };

/** One plain statement through the transaction's runner (or a pooled one), as TypeORM's structured result. */
async function runPlain(tx: Tx, sql: string, params: readonly unknown[]): Promise<{ affected?: number; raw: unknown }> {
  const m = em(tx);
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    return await runner.query(sql, [...params], true);
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}

/** What one statement of `oneTrip` did: rows matched (a write), the id given (an INSERT), rows read (a SELECT). */
export interface TripResult {
  affected: number;
  insertId: number;
  rows: Array<Record<string, unknown>>;
}

function tripResultOf(raw: unknown, records?: unknown[]): TripResult {
  if (Array.isArray(raw)) return { affected: 0, insertId: 0, rows: raw as Array<Record<string, unknown>> };
  if (raw !== null && typeof raw === 'object') {
    const r = raw as { affectedRows?: number; insertId?: number | bigint };
    return { affected: Number(r.affectedRows ?? 0), insertId: Number(r.insertId ?? 0), rows: [] };
  }
  // better-sqlite3 through TypeORM: an INSERT's raw is its rowid, a SELECT's rows are the records.
  return { affected: 0, insertId: typeof raw === 'number' || typeof raw === 'bigint' ? Number(raw) : 0, rows: (records ?? []) as Array<Record<string, unknown>> };
}

/**
 * Runs `statements` inside the transaction `tx` in ONE round trip on MariaDB/MySQL (one
 * multi-statement packet; see `oneTrip`), one after another on SQLite. The server stops at the
 * first statement that fails and the error is thrown: the caller's transaction then rolls back.
 * For statements whose parameters do not depend on each other's results; a statement whose result
 * decides that a later one should not have run is harmless only when the caller then throws (the
 * rollback undoes it) or the later one changes nothing in that case.
 */
export async function batch(tx: Tx, statements: ReadonlyArray<readonly [string, readonly unknown[]]>): Promise<TripResult[]> {
  if (!isMysql(tx) || statements.length === 1) {
    const out: TripResult[] = [];
    for (const [sql, params] of statements) {
      const r = (await runPlain(tx, sql, params)) as { affected?: number; raw: unknown; records?: unknown[] };
      out.push({ ...tripResultOf(r.raw, r.records), ...(r.affected !== undefined ? { affected: r.affected } : {}) });
    }
    return out;
  }
  const r = await runPlain(tx, statements.map(([text]) => text).join(';\n'), statements.flatMap(([, params]) => [...params]));
  return (r.raw as unknown[]).map((raw) => tripResultOf(raw));
}

/**
 * Runs `statements` as ONE transaction in ONE round trip on MariaDB/MySQL: START TRANSACTION, the
 * statements and COMMIT go to the server as one multi-statement packet (the pool allows them,
 * data-source.ts; every value still travels as an escaped `?` parameter). The server stops at the
 * first statement that fails: the transaction is then rolled back on the same connection (or the
 * connection is dropped when even that fails) and the error is thrown, so nothing of it stays. On
 * SQLite the statements run one after another in a `transaction` (no round trips to save there).
 * For short write transactions on the hot path whose statements do not depend on each other's
 * results; the caller reads each one's `TripResult` afterwards.
 */
export async function oneTrip(db: Database, statements: ReadonlyArray<readonly [string, readonly unknown[]]>): Promise<TripResult[]> {
  if (!isMysql(db) || holdsTurn(db)) return transaction(db, (tx) => batch(tx, statements));
  const runner = dataSourceOf(db).createQueryRunner();
  try {
    const sql = ['START TRANSACTION', ...statements.map(([text]) => text), 'COMMIT'].join(';\n');
    const r = await runner.query(sql, statements.flatMap(([, params]) => [...params]), true);
    const raws = r.raw as unknown[];
    return statements.map((_, i) => tripResultOf(raws[i + 1]));
  } catch (e) {
    try {
      await runner.query('ROLLBACK');
    } catch {
      // A connection that cannot even roll back must not go back to the pool with a transaction open.
      (runner as unknown as { databaseConnection?: { destroy?: () => void } }).databaseConnection?.destroy?.();
    }
    throw e;
  } finally {
    await runner.release();
  }
}

/**
 * Runs one plain UPDATE/DELETE/INSERT and returns the rows it matched (both drivers report matched
 * rows, like `affected`). For the hot path, where building the statement through TypeORM on every
 * call costs more than the round trip.
 */
export async function execute(tx: Tx, sql: string, params: readonly unknown[]): Promise<number> {
  return (await runPlain(tx, sql, params)).affected ?? 0;
}

/** Runs one plain single-row INSERT and returns the id it was given (MariaDB's insertId, SQLite's rowid). */
export async function insertReturningId(tx: Tx, sql: string, params: readonly unknown[]): Promise<number> {
  const raw = (await runPlain(tx, sql, params)).raw as { insertId?: number | bigint } | number | bigint;
  return Number(typeof raw === 'object' && raw !== null ? raw.insertId : raw);
}

/** Whether the rows of one multi-row INSERT get consecutive ids (see `insertReturningIds`). */
function idsAreConsecutive(tx: Tx): Promise<boolean> {
  // SQLite: one writer, rowids one after another. InnoDB: consecutive for an INSERT whose row count
  // is known unless the auto-increment lock mode is 2 ("interleaved"), with a step of 1 (Galera
  // sets another step per node).
  if (!isMysql(tx)) return Promise.resolve(true);
  return serverFact(tx, 'SELECT @@innodb_autoinc_lock_mode AS mode, @@auto_increment_increment AS step', (r) => Number(r?.mode) !== 2 && Number(r?.step) === 1);
}

/**
 * One plain multi-row INSERT (at most MAX_ROWS rows) returning the ids it gave, in row order —
 * without reading them back, where the engine gives one INSERT's rows consecutive ids (MariaDB's
 * insertId is the first, SQLite's rowid the last). Null where it cannot tell them (read them back
 * by key then). A duplicate key fails it like any INSERT (the transaction goes on without it).
 */
export async function insertReturningIds(tx: Tx, table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): Promise<number[] | null> {
  if (rows.length === 0) return [];
  if (rows.length > MAX_ROWS || rows.length * columns.length > MAX_PARAMS || !(await idsAreConsecutive(tx))) return null;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
  const raw = (await runPlain(tx, sql, rows.flat())).raw as { insertId?: number | bigint } | number | bigint;
  const first = typeof raw === 'object' && raw !== null ? Number(raw.insertId) : Number(raw) - rows.length + 1;
  return rows.map((_, i) => first + i);
}

/** Rows affected by an UPDATE/DELETE query builder result (both drivers report matched rows). */
export function affected(result: { affected?: number | null }): number {
  return result.affected ?? 0;
}
