/**
 * Finding households by a person's name inside a region node — the head's name, or an active
 * member's (a grid worker may know the household by whoever opened the door). Exact names only:
 * the flows ask back when several households match, and never guess.
 *
 * @example
 *   await householdIdsByName(tx, { level: 'grid', code: '610821101001-01' }, '张三')   // [7, 12]
 */
import type { Jurisdiction } from '../domain/roles.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { q } from './sql.js';

const COLUMN: Record<Jurisdiction['level'], string> = { city: 'city_code', town: 'town_code', village: 'village_code', grid: 'grid_code' };

/** Ids (ascending, at most `limit`) of the node's households whose head or an active member is named `name`. */
export async function householdIdsByName(tx: Tx, node: Jurisdiction, name: string, limit = 20): Promise<number[]> {
  const rows: Array<{ id: number | string }> = await em(tx).query(
    `SELECT h.${q('id')} AS id FROM ${q('households')} h WHERE h.${q(COLUMN[node.level])} = ? AND (h.${q('head_name')} = ? OR EXISTS (` +
      `SELECT 1 FROM ${q('members')} m WHERE m.${q('household_id')} = h.${q('id')} AND m.${q('name')} = ? AND m.${q('left_on')} IS NULL)) ` +
      `ORDER BY h.${q('id')} LIMIT ${Math.max(1, Math.floor(limit))}`,
    [node.code, name, name],
  );
  return rows.map((r) => Number(r.id));
}
