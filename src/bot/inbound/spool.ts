/**
 * The local spool: where an authentic callback goes when the database cannot take it. WeCom
 * gives up on a message after three unanswered tries (about 15 s), so during a database outage the
 * callback writes the message here, forces it to disk (fsync) and only then answers 200. When the
 * database is back, the entries are stored in the inbound log in the order they were written
 * (their dedupe keys make a second replay harmless) and the file is emptied.
 *
 * - One append-only file of JSON lines, `inbound-<database>.spool`, in the folder given (one
 *   folder per server instance; the name keeps another database's spool from being replayed here). A line cut short by a crash was never acknowledged and is skipped.
 * - Bounded: past `maxBytes` the callback is refused (503) and WeCom retries later.
 * - While anything is spooled, new callbacks are spooled behind it, so a person's messages keep
 *   their order even across the outage.
 *
 * @example
 *   const spool = new Spool({ dir: 'data/spool', maxBytes: 256 * 1024 * 1024, log });
 *   await spool.append({ item, receivedAt, nonce });   // durable when it resolves
 *   await spool.replay(async (entry) => { await storeIt(entry); });
 */
import { mkdirSync } from 'node:fs';
import { open, readFile, stat, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { NewInbound } from '../../persistence/inbound.js';
import type { Logger } from '../log.js';

/** One accepted callback, as the database would have stored it. */
export interface SpoolEntry {
  item: NewInbound;
  receivedAt: number;
  /** The replay guard's pair, recorded when the entry reaches the database. */
  nonce: { timestamp: string; nonce: string; signature: string };
}

export interface SpoolOptions {
  dir: string;
  maxBytes: number;
  log: Logger;
  /** Names the file (`inbound-<name>.spool`): the edge derives it from the database, so a spool is only ever replayed into the database it was meant for. */
  name?: string;
}

export class SpoolFullError extends Error {
  constructor(bytes: number) {
    super(`本地暂存已满（${bytes} 字节），请稍后重试`);
    this.name = 'SpoolFullError';
  }
}

/** Counters for metrics. */
export const spoolCounters = { appended: 0, replayed: 0, refused: 0 };

export class Spool {
  readonly file: string;
  private size = -1;
  private handle: FileHandle | null = null;
  /** Appends and the final truncation take turns. */
  private turn: Promise<unknown> = Promise.resolve();
  private replaying: Promise<number> | null = null;

  constructor(private readonly opts: SpoolOptions) {
    this.file = join(opts.dir, opts.name ? `inbound-${opts.name}.spool` : 'inbound.spool');
  }

  /** Whether entries wait for the database (looks at the file once, at first use). */
  async pending(): Promise<boolean> {
    if (this.size < 0) this.size = await this.recover();
    return this.size > 0;
  }

  /** The file's size after cutting a line a crash left unfinished (it was never acknowledged). */
  private async recover(): Promise<number> {
    const raw = await readFile(this.file).catch(() => Buffer.alloc(0));
    const end = raw.lastIndexOf(0x0a) + 1;
    if (end < raw.length) {
      this.opts.log.warn({ spool: this.file, bytes: raw.length - end }, 'unfinished spool line cut');
      await truncate(this.file, end);
    }
    return end;
  }

  /** Appends an entry and forces it to disk; resolves only when it is durable. */
  append(entry: SpoolEntry): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    return this.inTurn(async () => {
      await this.pending();
      if (this.size + line.length > this.opts.maxBytes) {
        spoolCounters.refused += 1;
        throw new SpoolFullError(this.size);
      }
      if (!this.handle) {
        mkdirSync(this.opts.dir, { recursive: true });
        this.handle = await open(this.file, 'a');
      }
      await this.handle.write(line);
      await this.handle.sync();
      this.size += line.length;
      spoolCounters.appended += 1;
    });
  }

  /**
   * Hands every entry to `store`, oldest first. Stops at the first failure (the database is still
   * away: the rest waits for the next call); empties the file once everything in it is stored.
   * Returns how many entries were stored. Concurrent calls share one run.
   */
  replay(store: (entry: SpoolEntry) => Promise<void>): Promise<number> {
    this.replaying ??= this.replayAll(store).finally(() => (this.replaying = null));
    return this.replaying;
  }

  /** Closes the file (shutdown). */
  async close(): Promise<void> {
    await this.inTurn(async () => {
      await this.handle?.close();
      this.handle = null;
    });
  }

  private async replayAll(store: (entry: SpoolEntry) => Promise<void>): Promise<number> {
    let stored = 0;
    let offset = 0;
    for (;;) {
      if (!(await this.pending())) return stored;
      for await (const { line, next } of this.linesFrom(offset)) {
        let entry: SpoolEntry | null = null;
        try {
          if (line !== '') entry = JSON.parse(line) as SpoolEntry;
        } catch {
          this.opts.log.error({ spool: this.file }, 'unreadable spool line skipped');
        }
        if (entry) {
          await store(entry);
          stored += 1;
          spoolCounters.replayed += 1;
        }
        offset = next;
      }
      // Empty the file only if nothing was appended meanwhile; otherwise go on from `offset`.
      const end = offset;
      const done = await this.inTurn(async () => {
        const size = await stat(this.file).then((st) => st.size, () => 0);
        if (size !== end) return false;
        await this.handle?.close();
        this.handle = null;
        await truncate(this.file, 0);
        this.size = 0;
        return true;
      });
      if (done) return stored;
    }
  }

  /** The complete lines after byte `from`, read 1 MiB at a time (the spool may be large). */
  private async *linesFrom(from: number): AsyncGenerator<{ line: string; next: number }> {
    const fh = await open(this.file, 'r');
    try {
      let pos = from;
      let carry = Buffer.alloc(0);
      const chunk = Buffer.alloc(1 << 20);
      for (;;) {
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, pos + carry.length);
        if (bytesRead === 0) return;
        let buf = Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
        let nl = buf.indexOf(0x0a);
        while (nl >= 0) {
          const line = buf.subarray(0, nl).toString('utf8');
          pos += nl + 1;
          buf = buf.subarray(nl + 1);
          yield { line, next: pos };
          nl = buf.indexOf(0x0a);
        }
        carry = Buffer.from(buf);
      }
    } finally {
      await fh.close();
    }
  }

  private inTurn<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.turn.then(fn, fn);
    this.turn = run.catch(() => undefined);
    return run;
  }
}

/**
 * The spool's settings from the environment: `SPOOL_DIR` (default `data/spool`; one folder per
 * server instance) and `SPOOL_MAX_MB` (default 256 — about ten minutes of 200 messages/s).
 */
export function spoolSettings(env: NodeJS.ProcessEnv): { dir: string; maxBytes: number } {
  const mb = env.SPOOL_MAX_MB === undefined || env.SPOOL_MAX_MB === '' ? 256 : Number(env.SPOOL_MAX_MB);
  if (!Number.isInteger(mb) || mb < 1) throw new Error(`SPOOL_MAX_MB 应为正整数（兆字节），现在是「${env.SPOOL_MAX_MB}」`);
  return { dir: env.SPOOL_DIR || 'data/spool', maxBytes: mb * 1024 * 1024 };
}
