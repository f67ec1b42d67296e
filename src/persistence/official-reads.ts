/**
 * Lean reads of the household register for the officials' statistics: one line per household
 * (placement, 户类型, people still in it, 户主 and phone for the ledgers) without loading every
 * member, so a whole city's 附件1 stays a handful of queries.
 *
 * @example
 *   const lines = await rosterLines(tx, { level: 'town', code: '610821101' });
 *   // [{ householdId: 7, villageCode: '610821101201', gridCode: '610821101201-01', type: 'general', people: 3, headName: '张三', phone: '13800000000', … }]
 */
import type { HouseholdType, KeyGroup } from '../domain/catalog.js';
import type { Jurisdiction } from '../domain/roles.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { q, readBool, readInt, readStrOrNull, selectIn } from './sql.js';

export interface RosterLine {
  householdId: number;
  cityCode: string;
  townCode: string;
  villageCode: string;
  gridCode: string | null;
  type: HouseholdType;
  /** Members who have not left. */
  people: number;
  headName: string;
  phone: string | null;
  /** What `keyGroupsOf` reads: the register's tags, 低保, 特困, and whether an active member is disabled. */
  dibao: boolean;
  tekun: boolean;
  keyGroups: KeyGroup[];
  disabledMember: boolean;
}

const COLUMN: Record<Jurisdiction['level'], string> = { city: 'city_code', town: 'town_code', village: 'village_code', grid: 'grid_code' };

// A correlated count rather than GROUP BY: portable across SQLite, MariaDB and MySQL's ONLY_FULL_GROUP_BY.
const LINE_SELECT = `SELECT h.${q('id')} AS id, h.${q('city_code')} AS city_code, h.${q('town_code')} AS town_code, h.${q('village_code')} AS village_code,
            h.${q('grid_code')} AS grid_code, h.${q('type')} AS type, h.${q('head_name')} AS head_name, h.${q('phone')} AS phone,
            h.${q('dibao')} AS dibao, h.${q('tekun')} AS tekun, h.${q('key_groups')} AS key_groups,
            (SELECT COUNT(*) FROM ${q('members')} m WHERE m.${q('household_id')} = h.${q('id')} AND m.${q('left_on')} IS NULL) AS people,
            (SELECT COUNT(*) FROM ${q('members')} d WHERE d.${q('household_id')} = h.${q('id')} AND d.${q('left_on')} IS NULL AND d.${q('health')} = 'disabled') AS disabled
       FROM ${q('households')} h`;

/** Every household of a region node, by id. */
export async function rosterLines(tx: Tx, node: Jurisdiction): Promise<RosterLine[]> {
  return lines((await em(tx).query(`${LINE_SELECT} WHERE h.${q(COLUMN[node.level])} = ? ORDER BY h.${q('id')}`, [node.code])) as Array<Record<string, unknown>>);
}

/** The households of `ids` that belong to a region node (what a ledger lists), by id. */
export async function rosterLinesOf(tx: Tx, node: Jurisdiction, ids: readonly number[]): Promise<RosterLine[]> {
  const rows = await selectIn<Record<string, unknown>>(tx, LINE_SELECT, `h.${q('id')}`, ids);
  return lines(rows.filter((r) => String(r[COLUMN[node.level]]) === node.code)).sort((a, b) => a.householdId - b.householdId);
}

/** 户主 by household id. */
export async function headNames(tx: Tx, ids: readonly number[]): Promise<Map<number, string>> {
  const rows = await selectIn<{ id: unknown; head_name: unknown }>(tx, `SELECT h.${q('id')} AS id, h.${q('head_name')} AS head_name FROM ${q('households')} h`, `h.${q('id')}`, ids);
  return new Map(rows.map((r) => [readInt(r.id), String(r.head_name)]));
}

/** Those of `ids` with an open monitoring subject (监测对象, 风险未消除). */
export async function openSubjectHouseholds(tx: Tx, ids: readonly number[]): Promise<Set<number>> {
  const rows = await selectIn<{ id: unknown }>(tx, `SELECT DISTINCT ms.${q('household_id')} AS id FROM ${q('monitoring_subject')} ms`, `ms.${q('status')} = 'open' AND ms.${q('household_id')}`, ids);
  return new Set(rows.map((r) => readInt(r.id)));
}

function lines(rows: Array<Record<string, unknown>>): RosterLine[] {
  return rows.map((r) => ({
    householdId: readInt(r.id),
    cityCode: String(r.city_code),
    townCode: String(r.town_code),
    villageCode: String(r.village_code),
    gridCode: readStrOrNull(r.grid_code),
    type: String(r.type) as HouseholdType,
    people: readInt(r.people),
    headName: String(r.head_name),
    phone: readStrOrNull(r.phone),
    dibao: readBool(r.dibao),
    tekun: readBool(r.tekun),
    keyGroups: JSON.parse(String(r.key_groups ?? '[]')) as KeyGroup[],
    disabledMember: readInt(r.disabled) > 0,
  }));
}
