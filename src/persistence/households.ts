/**
 * Reading the household register: households with their members (active and left), by id, by
 * 户编号, by a member's ID number, or page by page inside a jurisdiction. Writes are in
 * household-writes.ts.
 *
 * @example
 *   const h = await findHouseholdByCode(tx, 'H0001');
 *   const page = await listHouseholds(tx, { level: 'village', code: '610821101201' }, { limit: 50 });
 *   const next = await listHouseholds(tx, { level: 'village', code: '610821101201' }, { limit: 50, afterId: page.at(-1)?.id });
 */
import type { HouseholdType, KeyGroup } from '../domain/catalog.js';
import type { Jurisdiction } from '../domain/roles.js';
import type { HealthStatus, Household, LabourAbility, Member, Placement, SchoolingStatus } from '../domain/types.js';
import { normalizeIdNumber } from '../domain/id-number.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { q, readBool, readInt, readIntOrNull, readStrOrNull, selectIn } from './sql.js';

export type Raw = Record<string, unknown>;

export const HOUSEHOLD_COLUMNS = [
  'code',
  'head_name',
  'city_code',
  'town_code',
  'village_code',
  'grid_code',
  'type',
  'alleviation_year',
  'dibao',
  'tekun',
  'key_groups',
  'phone',
  'contact_staff',
] as const;
export const MEMBER_COLUMNS = ['household_id', 'id_number', 'name', 'relation', 'labour', 'health', 'schooling', 'phone', 'left_on', 'left_reason'] as const;

export const SELECT_HOUSEHOLDS = `SELECT ${['id', ...HOUSEHOLD_COLUMNS].map(q).join(', ')} FROM ${q('households')}`;
export const SELECT_MEMBERS = `SELECT ${['id', ...MEMBER_COLUMNS].map(q).join(', ')} FROM ${q('members')}`;

export function memberFromRow(r: Raw): Member & { rowId: number; householdId: number } {
  const leftOn = readStrOrNull(r.left_on);
  return {
    rowId: readInt(r.id),
    householdId: readInt(r.household_id),
    idNumber: String(r.id_number),
    name: String(r.name),
    relation: String(r.relation),
    labour: String(r.labour) as LabourAbility,
    health: String(r.health) as HealthStatus,
    schooling: String(r.schooling) as SchoolingStatus,
    phone: readStrOrNull(r.phone),
    left: leftOn === null ? null : { on: leftOn, reason: String(r.left_reason ?? '') },
  };
}

const placementFromRow = (r: Raw): Placement => ({ cityCode: String(r.city_code), townCode: String(r.town_code), villageCode: String(r.village_code), gridCode: readStrOrNull(r.grid_code) });

export function householdFromRow(r: Raw, members: Member[]): Household {
  return {
    id: readInt(r.id),
    code: String(r.code),
    headName: String(r.head_name),
    placement: placementFromRow(r),
    type: String(r.type) as HouseholdType,
    alleviationYear: readIntOrNull(r.alleviation_year),
    dibao: readBool(r.dibao),
    tekun: readBool(r.tekun),
    keyGroups: JSON.parse(String(r.key_groups ?? '[]')) as KeyGroup[],
    phone: readStrOrNull(r.phone),
    contactStaff: readStrOrNull(r.contact_staff),
    members,
  };
}

/** ID numbers are stored half-width, without spaces or dashes, with an upper-case X. */
export const normalizeId = (idNumber: string): string => normalizeIdNumber(idNumber);

/** Strips the storage-only fields a member row carries. */
export function plainMember(m: Member & { rowId?: number; householdId?: number }): Member {
  const { rowId: _rowId, householdId: _householdId, ...member } = m;
  return member;
}

/** Households for raw rows, each with its members in the order they were stored. */
async function withMembers(tx: Tx, rows: Raw[]): Promise<Household[]> {
  const members = await selectIn<Raw>(tx, SELECT_MEMBERS, 'household_id', rows.map((r) => r.id));
  members.sort((a, b) => readInt(a.id) - readInt(b.id));
  const byHousehold = new Map<number, Member[]>();
  for (const m of members.map(memberFromRow)) {
    const list = byHousehold.get(m.householdId) ?? [];
    list.push(plainMember(m));
    byHousehold.set(m.householdId, list);
  }
  return rows.map((r) => householdFromRow(r, byHousehold.get(readInt(r.id)) ?? []));
}

const MEMBER_ROW = ['id', ...MEMBER_COLUMNS] as const;
/** One household with its members in one statement: a row per member (one with NULLs when it has none). */
const ONE_HOUSEHOLD =
  `SELECT ${['id', ...HOUSEHOLD_COLUMNS].map((c) => `h.${q(c)}`).join(', ')}, ${MEMBER_ROW.map((c) => `m.${q(c)} AS ${q(`m_${c}`)}`).join(', ')} ` +
  `FROM ${q('households')} h LEFT JOIN ${q('members')} m ON m.${q('household_id')} = h.${q('id')} WHERE h.${q('id')} = ? ORDER BY m.${q('id')}`;

export async function getHousehold(tx: Tx, id: number): Promise<Household | null> {
  const rows: Raw[] = await em(tx).query(ONE_HOUSEHOLD, [id]);
  if (!rows[0]) return null;
  const members = rows.filter((r) => r.m_id !== null && r.m_id !== undefined).map((r) => plainMember(memberFromRow(Object.fromEntries(MEMBER_ROW.map((c) => [c, r[`m_${c}`]])))));
  return householdFromRow(rows[0], members);
}

/** Where a household lies, without its members (a write checks the writer's jurisdiction with it); null when there is none. */
export async function householdPlacement(tx: Tx, id: number): Promise<Placement | null> {
  const rows: Raw[] = await em(tx).query(`SELECT ${['city_code', 'town_code', 'village_code', 'grid_code'].map(q).join(', ')} FROM ${q('households')} WHERE ${q('id')} = ?`, [id]);
  return rows[0] ? placementFromRow(rows[0]) : null;
}

/** The households with these ids, by id (chunked reads: a few statements for thousands). */
export async function getHouseholds(tx: Tx, ids: readonly number[]): Promise<Map<number, Household>> {
  const rows = await selectIn<Raw>(tx, SELECT_HOUSEHOLDS, 'id', ids);
  return new Map((await withMembers(tx, rows)).map((h) => [h.id, h]));
}

/** The household with this 户编号. */
export async function findHouseholdByCode(tx: Tx, code: string): Promise<Household | null> {
  const rows: Raw[] = await em(tx).query(`${SELECT_HOUSEHOLDS} WHERE ${q('code')} = ?`, [code]);
  return rows.length === 0 ? null : ((await withMembers(tx, rows))[0] ?? null);
}

/** The household a person (by ID number) belongs to, or null; a person is in one household only. */
export async function findHouseholdOfPerson(tx: Tx, idNumber: string): Promise<Household | null> {
  const rows: Raw[] = await em(tx).query(`SELECT ${q('household_id')} FROM ${q('members')} WHERE ${q('id_number')} = ? AND ${q('left_on')} IS NULL`, [normalizeId(idNumber)]);
  return rows.length === 0 ? null : getHousehold(tx, readInt(rows[0]?.household_id));
}

const PLACEMENT_COLUMN: Record<Jurisdiction['level'], string> = { city: 'city_code', town: 'town_code', village: 'village_code', grid: 'grid_code' };

/** Households inside a region node, ordered by id, `limit` at a time after `afterId`. */
export async function listHouseholds(tx: Tx, node: Jurisdiction, page: { limit: number; afterId?: number }): Promise<Household[]> {
  const rows: Raw[] = await em(tx).query(`${SELECT_HOUSEHOLDS} WHERE ${q(PLACEMENT_COLUMN[node.level])} = ? AND ${q('id')} > ? ORDER BY ${q('id')} LIMIT ${Math.max(1, Math.floor(page.limit))}`, [
    node.code,
    page.afterId ?? 0,
  ]);
  return withMembers(tx, rows);
}

/** A household as the names a worker may write it by: its 户主 and the members still in it. */
export interface HouseholdNames {
  id: number;
  headName: string;
  /** Members who have not left, other than the 户主, in register order. */
  members: string[];
}

/**
 * The names of every household inside a region node, in one statement (no member records): what
 * reading a report needs to recognise names, for a grid as for a whole village.
 */
export async function householdNamesIn(tx: Tx, node: Jurisdiction): Promise<HouseholdNames[]> {
  const rows: Raw[] = await em(tx).query(
    `SELECT h.${q('id')} AS id, h.${q('head_name')} AS head_name, m.${q('name')} AS name
       FROM ${q('households')} h LEFT JOIN ${q('members')} m ON m.${q('household_id')} = h.${q('id')} AND m.${q('left_on')} IS NULL
      WHERE h.${q(PLACEMENT_COLUMN[node.level])} = ? ORDER BY h.${q('id')}, m.${q('id')}`,
    [node.code],
  );
  const out: HouseholdNames[] = [];
  for (const r of rows) {
    const id = readInt(r.id);
    let h = out[out.length - 1];
    if (!h || h.id !== id) out.push((h = { id, headName: String(r.head_name), members: [] }));
    if (r.name !== null && r.name !== undefined && String(r.name) !== h.headName) h.members.push(String(r.name));
  }
  return out;
}

/** How many households, and active members, a region node holds. */
export async function countHouseholds(tx: Tx, node: Jurisdiction): Promise<{ households: number; people: number }> {
  const col = q(PLACEMENT_COLUMN[node.level]);
  const [h] = (await em(tx).query(`SELECT COUNT(*) AS n FROM ${q('households')} WHERE ${col} = ?`, [node.code])) as Raw[];
  const [p] = (await em(tx).query(
    `SELECT COUNT(*) AS n FROM ${q('members')} m JOIN ${q('households')} h ON h.${q('id')} = m.${q('household_id')} WHERE h.${col} = ? AND m.${q('left_on')} IS NULL`,
    [node.code],
  )) as Raw[];
  return { households: readInt(h?.n), people: readInt(p?.n) };
}

/** Who an ID number is on the register: the name, the 户编号 of the household, whether the person left it. */
export interface RegisteredPerson {
  householdId: number;
  name: string;
  code: string;
  left: boolean;
}

/** For each registered ID number among `idNumbers` (normalized): who it is on the register. */
export async function householdCodesOfPersons(tx: Tx, idNumbers: readonly string[]): Promise<Map<string, RegisteredPerson>> {
  const rows = await selectIn<Raw>(
    tx,
    `SELECT m.${q('id_number')} AS id_number, m.${q('name')} AS name, m.${q('left_on')} AS left_on, h.${q('id')} AS household_id, h.${q('code')} AS code FROM ${q('members')} m JOIN ${q('households')} h ON h.${q('id')} = m.${q('household_id')}`,
    `m.${q('id_number')}`,
    [...new Set(idNumbers.map(normalizeIdNumber))],
  );
  return new Map(rows.map((r) => [String(r.id_number), { householdId: readInt(r.household_id), name: String(r.name), code: String(r.code), left: r.left_on !== null && r.left_on !== undefined }]));
}

/** A stored member row, with the 户编号 of the household it is in. */
export type StoredMember = Member & { rowId: number; householdId: number; code: string };

/**
 * What the register holds for a batch of households about to be saved: the stored households by
 * 户编号, their members (active and left) by household, and every ID number of the batch that is
 * registered anywhere, with its household's 户编号.
 */
export interface StoredBatch {
  households: Map<string, Raw>;
  membersOf: Map<number, StoredMember[]>;
  persons: Map<string, StoredMember>;
}

/**
 * Reads what a batch of households touches, by key and in as few statements as the IN-list limits
 * allow: the households by 户编号, their members by household, then only those ID numbers that are
 * not already among those members (people new to the register, or registered elsewhere). A
 * re-import of unchanged households therefore reads each household and its members once, and
 * never looks a person up by ID number. `idNumbers` must be normalized.
 */
export async function loadStoredBatch(tx: Tx, codes: readonly string[], idNumbers: readonly string[]): Promise<StoredBatch> {
  const households = new Map((await selectIn<Raw>(tx, SELECT_HOUSEHOLDS, 'code', codes, { uniqueKey: true })).map((r) => [String(r.code), r]));
  const codeOf = new Map([...households.values()].map((r) => [readInt(r.id), String(r.code)]));
  const membersOf = new Map<number, StoredMember[]>();
  const persons = new Map<string, StoredMember>();
  const rows = await selectIn<Raw>(tx, SELECT_MEMBERS, 'household_id', [...codeOf.keys()]);
  rows.sort((a, b) => readInt(a.id) - readInt(b.id));
  for (const r of rows) {
    const m = { ...memberFromRow(r), code: codeOf.get(readInt(r.household_id)) as string };
    const list = membersOf.get(m.householdId);
    if (list) list.push(m);
    else membersOf.set(m.householdId, [m]);
    persons.set(m.idNumber, m);
  }
  const elsewhere = idNumbers.filter((id) => !persons.has(id));
  if (elsewhere.length > 0) {
    const select = `SELECT ${['id', ...MEMBER_COLUMNS].map((c) => `m.${q(c)}`).join(', ')}, h.${q('code')} AS code FROM ${q('members')} m JOIN ${q('households')} h ON h.${q('id')} = m.${q('household_id')}`;
    for (const r of await selectIn<Raw>(tx, select, `m.${q('id_number')}`, elsewhere, { uniqueKey: true })) persons.set(String(r.id_number), { ...memberFromRow(r), code: String(r.code) });
  }
  return { households, membersOf, persons };
}
