/**
 * How much work waits, for the operator's metrics: inbound messages not yet processed and outbox
 * rows not yet delivered, with the age of the oldest of each. Reads only; cheap on the
 * status indexes.
 *
 * @example
 *   await backlog(tx)   // { inbound: { count: 2, oldestAt: 1764300000000 }, outbox: { count: 0, oldestAt: null } }
 */
import type { Tx } from './db.js';
import { em } from './orm.js';

export interface Waiting {
  count: number;
  /** Epoch ms of the oldest waiting row, null when none waits. */
  oldestAt: number | null;
}

async function waiting(tx: Tx, table: string, since: string, statuses: readonly string[]): Promise<Waiting> {
  const marks = statuses.map(() => '?').join(', ');
  const [row] = (await em(tx).query(`SELECT COUNT(*) AS n, MIN(${since}) AS oldest FROM ${table} WHERE status IN (${marks})`, [...statuses])) as Array<{ n: number | string; oldest: number | string | null }>;
  return { count: Number(row?.n ?? 0), oldestAt: row?.oldest == null ? null : Number(row.oldest) };
}

export async function backlog(tx: Tx): Promise<{ inbound: Waiting; outbox: Waiting }> {
  return {
    inbound: await waiting(tx, 'inbound_message', 'received_at', ['pending', 'processing']),
    outbox: await waiting(tx, 'outbox', 'created_at', ['pending', 'sending']),
  };
}
