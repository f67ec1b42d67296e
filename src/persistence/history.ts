/**
 * The shared append-only history. Every change of a register record (and, from the campaign
 * records, of leads and subjects) is one row: which record, the changed fields before and after,
 * who, when and why. Rows are never updated or deleted.
 *
 * @example
 *   await recordHistory(tx, {
 *     entity: 'household', entityId: 42, actor: 'zhangsan', at: now, reason: '重点人群调整',
 *     before: { keyGroups: ['kg1_alleviated'] }, after: { keyGroups: ['kg1_alleviated', 'kg4_dibao'] },
 *   }); // → the new row's id
 */
import type { Tx } from './db.js';
import { em } from './orm.js';
import { HistorySchema, type HistoryRow } from './schemas/history.js';
import { loadMany } from './sql.js';

/** Who changed something, when, and why: passed to every repository write. */
export interface ChangeMeta {
  /** A staff UserID, a farmer's external_userid, or a system actor such as 'import'. */
  actor: string;
  /** Epoch ms. */
  at: number;
  reason: string;
}

export interface HistoryEntry extends ChangeMeta {
  entity: string;
  entityId: string | number;
  /** The record (or the fields) before; null when it was created. */
  before: Record<string, unknown> | null;
  /** The record (or the fields) after; null for an event that removes nothing but ends something. */
  after: Record<string, unknown> | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields that differ between two versions of a record, each side holding only those fields;
 * null when nothing differs.
 */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !same(before[k], after[k]));
  if (keys.length === 0) return null;
  return { before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])), after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])) };
}

/** Reduces an entry to its changed fields; null when both sides are records and nothing changed. */
function reduce(e: HistoryEntry): HistoryEntry | null {
  if (e.before === null || e.after === null) return e;
  const changes = fieldChanges(e.before, e.after);
  return changes ? { ...e, ...changes } : null;
}

/**
 * Appends one history row. When both `before` and `after` are given only the fields that differ
 * are stored, and nothing is written if none differ (the result is then null).
 */
export async function recordHistory(tx: Tx, entry: HistoryEntry): Promise<number | null> {
  const e = reduce(entry);
  if (!e) return null;
  const saved = await em(tx).getRepository(HistorySchema).save({
    entity: e.entity,
    entityId: String(e.entityId),
    actor: e.actor,
    at: e.at,
    reason: e.reason,
    before: e.before,
    after: e.after,
  });
  return saved.id;
}

/** Appends many history rows at once (bulk paths); same reduction as `recordHistory`. Returns how many were written. */
export async function recordHistories(tx: Tx, entries: readonly HistoryEntry[]): Promise<number> {
  const rows = entries
    .map(reduce)
    .filter((e): e is HistoryEntry => e !== null)
    .map((e) => [e.entity, String(e.entityId), e.actor, e.at, e.reason, e.before === null ? null : JSON.stringify(e.before), e.after === null ? null : JSON.stringify(e.after)]);
  // Many rows (an import's batch) are loaded from memory on MariaDB/MySQL, a few go in one INSERT (sql.ts).
  await loadMany(tx, 'history', ['entity', 'entity_id', 'actor', 'at', 'reason', 'before_json', 'after_json'], rows);
  return rows.length;
}

/** The history of one record, in the order it was written. */
export async function listHistory(tx: Tx, entity: string, entityId: string | number): Promise<HistoryRow[]> {
  return em(tx).getRepository(HistorySchema).find({ where: { entity, entityId: String(entityId) }, order: { id: 'ASC' } });
}
