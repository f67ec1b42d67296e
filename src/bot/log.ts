/**
 * Logging: pino JSON lines, with every ID number and phone number masked on the way out.
 *
 * Masking happens on the finished line (the destination), not field by field, so nothing can
 * slip through: messages, bound fields, nested objects and error messages are all covered.
 * Epoch-ms times (13 digits) and 19-digit MsgIds are not mistaken for IDs or phones.
 *
 * Database errors are logged without their SQL and bound values (`query`, `parameters`, `sql`):
 * those hold what people wrote — a farmer's words about an illness, a conversation's state with ID
 * numbers and phones — which masking alone cannot recognize. Quoted values in driver messages
 * ("Duplicate entry '…'") are cut for the same reason.
 *
 * @example
 *   const log = createLogger({ level: 'info' });
 *   log.info({ from: 'zhangsan' }, '身份证 61082119800101123X');   // … "身份证 6108**********123X"
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskText } from '../domain/privacy.js';

export type { Logger };

/** Wraps a destination so each line it receives is masked first. */
export function maskingDestination(inner: { write(line: string): unknown }): DestinationStream {
  return { write: (line: string) => void inner.write(maskText(line)) };
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go (default stdout). Tests pass a collector. */
  destination?: { write(line: string): unknown };
  /** Fields on every line (e.g. the instance id). */
  base?: Record<string, unknown>;
  /** Fields computed for each line (e.g. the current request's id). */
  mixin?: () => Record<string, unknown>;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: opts.base ?? {},
      ...(opts.mixin ? { mixin: opts.mixin } : {}),
      // Error objects are serialized with their message and stack, then masked like the rest.
      serializers: { err: safeErr },
    },
    maskingDestination(opts.destination ?? process.stdout),
  );
}

/** Fields of database errors (TypeORM QueryFailedError, mysql2, better-sqlite3) that carry data. */
const DATA_FIELDS = new Set(['query', 'parameters', 'sql', 'sqlMessage', 'values', 'driverError', 'params']);
const DB_ERROR = /^(ER_|SQLITE_|WARN_|ECONN|PROTOCOL_)/;

/** pino's error serializer, without what a database error knows of the data it was given. */
export function safeErr(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const out = pino.stdSerializers.err(e) as unknown as Record<string, unknown>;
  const isDb = 'query' in e || 'parameters' in e || 'sql' in e || DB_ERROR.test(String((e as { code?: unknown }).code ?? ''));
  for (const k of Object.keys(out)) if (DATA_FIELDS.has(k)) delete out[k];
  if (isDb) {
    const cut = (t: unknown) => (typeof t === 'string' ? t.replace(/'(?:[^'\\]|\\.)*'/g, "'…'").replace(/"(?:[^"\\]|\\.)*"/g, '"…"') : t);
    out.message = cut(out.message);
    out.stack = cut(out.stack);
  }
  return out;
}

/** A logger that writes nothing (tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
