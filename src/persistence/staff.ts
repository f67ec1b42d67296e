/**
 * The staff roster: one row per WeCom UserID with role and jurisdiction. Saving validates with
 * the domain rules against the stored region tree; changes (role, jurisdiction, deactivation …)
 * are updates with history. Nobody is deleted: a person who leaves is set inactive.
 *
 * @example
 *   await saveStaff(tx, [{ userId: 'zhangsan', name: '张三', phone: null, role: 'grid_worker',
 *     jurisdiction: { level: 'grid', code: '610821101201-01' }, active: true }], meta);
 *   const s = await getStaff(tx, 'zhangsan');
 */
import type { Department } from '../domain/catalog.js';
import type { RegionTree } from '../domain/hierarchy.js';
import type { Level, Role } from '../domain/roles.js';
import { validateStaff, type StaffProblem } from '../domain/staff.js';
import type { Staff } from '../domain/types.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { recordHistories, type ChangeMeta, type HistoryEntry } from './history.js';
import { StaffSchema, type StaffRow } from './schemas/staff.js';
import { q, readBool, readStrOrNull } from './sql.js';
import { cached, markChanged } from './table-cache.js';

export class StaffWriteError extends Error {
  constructor(
    readonly userId: string,
    readonly problems: StaffProblem[],
  ) {
    super(`STAFF.INVALID: ${userId}: ${problems.map((p) => p.code).join(', ')}`);
    this.name = 'StaffWriteError';
  }
}

function toStaff(r: StaffRow): Staff {
  return {
    userId: r.userId,
    name: r.name,
    phone: r.phone,
    role: r.role as Role,
    jurisdiction: { level: r.level as Level, code: r.jurisdictionCode },
    active: Boolean(r.active),
    department: (r.department as Department | null) ?? null,
  };
}

const snapshot = (s: Staff) => ({
  name: s.name,
  phone: s.phone,
  role: s.role,
  level: s.jurisdiction.level,
  jurisdictionCode: s.jurisdiction.code,
  department: s.department ?? null,
  active: s.active,
});

const SELECT_STAFF = `SELECT ${q('user_id')} AS user_id, ${q('name')} AS name, ${q('phone')} AS phone, ${q('role')} AS role, ${q('level')} AS level, ${q('jurisdiction_code')} AS jurisdiction_code, ${q('department')} AS department, ${q('active')} AS active FROM ${q('staff')}`;

const staffOf = (r: Record<string, unknown>): Staff =>
  toStaff({ userId: String(r.user_id), name: String(r.name), phone: readStrOrNull(r.phone), role: String(r.role), level: String(r.level), jurisdictionCode: String(r.jurisdiction_code), department: readStrOrNull(r.department), active: readBool(r.active) } as StaffRow);

/**
 * Every message of a staff member looks them up: kept in memory until the roster changes
 * (table-cache.ts: at once in this process, within a second for another instance's change).
 */
export async function getStaff(tx: Tx, userId: string): Promise<Staff | null> {
  return cached(tx, 'staff', userId, async () => {
    const rows: Array<Record<string, unknown>> = await em(tx).query(`${SELECT_STAFF} WHERE ${q('user_id')} = ?`, [userId]);
    return rows[0] ? staffOf(rows[0]) : null;
  });
}

/**
 * The whole roster (a city has hundreds to a few thousand staff, a province ten thousand), by
 * UserID: one plain SELECT, no entity building — the morning jobs read it on every run.
 */
export async function listStaff(tx: Tx): Promise<Staff[]> {
  const rows: Array<Record<string, unknown>> = await em(tx).query(`${SELECT_STAFF} ORDER BY ${q('user_id')}`);
  return rows.map(staffOf);
}

export interface SaveStaffResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Adds or updates staff by UserID; throws StaffWriteError (nothing of that person written) when invalid. */
export async function saveStaff(tx: Tx, list: readonly Staff[], meta: ChangeMeta, tree?: RegionTree): Promise<SaveStaffResult> {
  const repo = em(tx).getRepository(StaffSchema);
  const result: SaveStaffResult = { created: 0, updated: 0, unchanged: 0 };
  const history: HistoryEntry[] = [];
  for (const s of list) {
    const problems = validateStaff(s, tree);
    if (problems.length > 0) throw new StaffWriteError(s.userId, problems);
    const existing = await repo.findOne({ where: { userId: s.userId } });
    const next = snapshot(s);
    if (!existing) {
      await repo.insert({ userId: s.userId, ...next, createdAt: meta.at, updatedAt: meta.at });
      history.push({ ...meta, entity: 'staff', entityId: s.userId, before: null, after: next });
      result.created++;
      continue;
    }
    const prev = snapshot(toStaff(existing));
    if (JSON.stringify(prev) === JSON.stringify(next)) {
      result.unchanged++;
      continue;
    }
    await repo.update({ userId: s.userId }, { ...next, updatedAt: meta.at });
    history.push({ ...meta, entity: 'staff', entityId: s.userId, before: prev, after: next });
    result.updated++;
  }
  if (history.length) markChanged('staff');
  await recordHistories(tx, history);
  return result;
}
