/**
 * Values read from a small configuration table (the campaign settings, the region tree) kept in
 * memory until the table changes, so the hot path does not reload, re-parse and rebuild them for
 * every message.
 *
 * Invalidation, two ways:
 * - this process's writers call `changed(table)` (saveCampaign, saveRegions): the next read
 *   reloads, even when a rewrite kept the same timestamps;
 * - another instance's writes are seen by the table's signature — row count and latest
 *   `updated_at`, one indexed aggregate instead of loading and mapping every row. The signature is
 *   looked at again at most once every `SIGNATURE_TTL_MS` (1 s) per table and database, so a busy
 *   process does not pay it per message: another instance's change is seen within a second.
 * Values are per database (tests open many) and shared between callers: callers must not mutate them.
 *
 * @example
 *   const tree = await cached(tx, 'regions', 'tree', () => buildTree(tx));
 *   markChanged('regions');   // after writing the table
 */
import type { Tx } from './db.js';
import { em } from './orm.js';

interface Entry {
  signature: string;
  version: number;
  value: unknown;
}

const versions = new Map<string, number>();
const stores = new WeakMap<object, Map<string, Entry>>();

/** Counts reloads and hits (tests and metrics). */
export const tableCacheStats = { loads: 0, hits: 0 };

/** Marks `table` as written by this process: its cached values are reloaded at their next read. */
export function markChanged(table: string): void {
  versions.set(table, (versions.get(table) ?? 0) + 1);
}

/** How long a table's signature is trusted before it is read again (this process's writes are seen at once). */
export const SIGNATURE_TTL_MS = 1000;
const signatures = new WeakMap<object, Map<string, { signature: string; version: number; at: number }>>();

async function signatureOf(tx: Tx, table: string): Promise<string> {
  let byTable = signatures.get(em(tx).connection);
  if (!byTable) signatures.set(em(tx).connection, (byTable = new Map()));
  const version = versions.get(table) ?? 0;
  const known = byTable.get(table);
  const now = Date.now();
  if (known && known.version === version && now - known.at < SIGNATURE_TTL_MS) return known.signature;
  const signature = await readSignature(tx, table);
  byTable.set(table, { signature, version, at: now });
  return signature;
}

async function readSignature(tx: Tx, table: string): Promise<string> {
  const rows: Array<{ n: number | string; m: number | string | null }> = await em(tx).query(`SELECT COUNT(*) AS n, MAX(updated_at) AS m FROM \`${table}\``);
  return `${Number(rows[0]?.n ?? 0)}:${String(rows[0]?.m ?? '')}`;
}

/** The cached value of `key` read from `table`, or `load()`'s when the table changed since. */
export async function cached<T>(tx: Tx, table: string, key: string, load: () => Promise<T>): Promise<T> {
  let store = stores.get(em(tx).connection);
  if (!store) stores.set(em(tx).connection, (store = new Map()));
  const id = `${table}|${key}`;
  const version = versions.get(table) ?? 0;
  const signature = await signatureOf(tx, table);
  const hit = store.get(id);
  if (hit && hit.version === version && hit.signature === signature) {
    tableCacheStats.hits++;
    return hit.value as T;
  }
  const value = await load();
  tableCacheStats.loads++;
  store.set(id, { signature, version, value });
  return value;
}
