/**
 * Logging: pino JSON lines, with every ID number and phone number masked on the way out.
 *
 * Masking happens on the finished line (the destination), not field by field, so nothing can
 * slip through: messages, bound fields, nested objects and error messages are all covered.
 * Epoch-ms times (13 digits) and 19-digit MsgIds are not mistaken for IDs or phones.
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
      serializers: { err: pino.stdSerializers.err },
    },
    maskingDestination(opts.destination ?? process.stdout),
  );
}

/** A logger that writes nothing (tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
