/**
 * Writing the household register. `saveHouseholds` is the one path for single saves and bulk
 * imports: it matches households by 户编号 and people by ID number, inserts what is new, updates
 * what changed with a history row per change, and never deletes — a member missing from the input
 * is kept, or marked left with a reason when the caller says so.
 *
 * An ID number is one person: a registered number under another name is refused
 * (`MEMBER.NAME_MISMATCH`), and a person still in another household moves only when the caller
 * names the move (`moves`: 分户, 合户, 婚嫁迁入, 迁入) — the move is recorded in the member's history
 * with its kind, and their place in an open monitoring subject goes with them (member-moves.ts).
 *
 * @example
 *   const [r] = await saveHouseholds(tx, [household], { actor: 'zhangsan', at: now, reason: '入户核实' });
 *   // r = { id: 7, code: 'H0001', household: 'updated', members: { created: 1, updated: 0, movedIn: 0, left: 0 } }
 */
import { KEY_GROUP, type KeyGroup } from '../domain/catalog.js';
import { sameName, validateHousehold } from '../domain/household.js';
import { normalizeIdNumber } from '../domain/id-number.js';
import type { Household, Member } from '../domain/types.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { recordHistories, recordHistory, type ChangeMeta, type HistoryEntry } from './history.js';
import { HOUSEHOLD_COLUMNS, householdFromRow, loadStoredBatch, MEMBER_COLUMNS, memberFromRow, normalizeId, SELECT_HOUSEHOLDS, SELECT_MEMBERS, type Raw, type StoredBatch } from './households.js';
import { carrySubjectMembership } from './member-moves.js';
import { countNewHouseholds, keepRegisterAround, updateKeepingRegister } from './register-counts.js';
import { keepScreenedOf } from './screened-households.js';
import { chunkSizes, insertMany, insertReturningIds, loadMany, MAX_PARAMS, MAX_ROWS, q, readInt, selectIn, sqlBool, updateMany } from './sql.js';

export type HouseholdInput = Omit<Household, 'id'>;

/** A caller broke a precondition (invalid household, duplicate code or person in one call). */
export class HouseholdWriteError extends Error {
  constructor(
    readonly code:
      | 'HOUSEHOLD.INVALID'
      | 'HOUSEHOLD.DUPLICATE_CODE'
      | 'MEMBER.DUPLICATE_ID'
      | 'HOUSEHOLD.NOT_FOUND'
      | 'MEMBER.NOT_FOUND'
      | 'HOUSEHOLD.UNKNOWN_KEY_GROUP'
      | 'MEMBER.NAME_MISMATCH'
      | 'MEMBER.IN_OTHER_HOUSEHOLD',
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'HouseholdWriteError';
  }
}

export interface SaveHouseholdsOptions {
  /** Stored active members missing from the input: kept (default), or marked left on `on` for `reason`. */
  absentMembers?: { markLeft: false } | { markLeft: true; on: string; reason: string };
  /**
   * People allowed to move here from another household they are still in, by ID number, with
   * the kind of move (分户, 合户, 婚嫁迁入, 迁入). Anyone else still in another household is refused
   * (`MEMBER.IN_OTHER_HOUSEHOLD`): an ID number is one person, and a move is never implied.
   */
  moves?: ReadonlyMap<string, string>;
  /** What `loadStoredBatch` read for these households and people in this transaction (bulk paths read it once). */
  stored?: StoredBatch;
  /**
   * The caller has just checked each input with `validateHousehold` and given normalized ID numbers
   * (the roster import builds them so): not checked again (three ID checks per person were 5 % of
   * an import). Duplicate 户编号 and ID numbers among the inputs are still refused.
   */
  validated?: boolean;
}

export interface HouseholdSaveOutcome {
  id: number;
  code: string;
  household: 'created' | 'updated' | 'unchanged';
  members: { created: number; updated: number; movedIn: number; left: number };
}

type Snapshot = Record<string, unknown>;

function householdSnapshot(h: HouseholdInput | Household): Snapshot {
  const p = h.placement;
  return {
    headName: h.headName,
    cityCode: p.cityCode,
    townCode: p.townCode,
    villageCode: p.villageCode,
    gridCode: p.gridCode,
    type: h.type,
    alleviationYear: h.alleviationYear,
    dibao: h.dibao,
    tekun: h.tekun,
    keyGroups: h.keyGroups,
    phone: h.phone,
    contactStaff: h.contactStaff,
  };
}

function memberSnapshot(m: Member): Snapshot {
  return { idNumber: m.idNumber, name: m.name, relation: m.relation, labour: m.labour, health: m.health, schooling: m.schooling, phone: m.phone, left: m.left ?? null };
}

const HOUSEHOLD_FIELD_COLUMN: Record<string, (typeof HOUSEHOLD_COLUMNS)[number]> = {
  headName: 'head_name',
  cityCode: 'city_code',
  townCode: 'town_code',
  villageCode: 'village_code',
  gridCode: 'grid_code',
  type: 'type',
  alleviationYear: 'alleviation_year',
  dibao: 'dibao',
  tekun: 'tekun',
  keyGroups: 'key_groups',
  phone: 'phone',
  contactStaff: 'contact_staff',
};

function householdValues(code: string, s: Snapshot): unknown[] {
  return [code, s.headName, s.cityCode, s.townCode, s.villageCode, s.gridCode, s.type, s.alleviationYear, sqlBool(!!s.dibao), sqlBool(!!s.tekun), JSON.stringify(s.keyGroups), s.phone, s.contactStaff];
}

function memberValues(householdId: number, m: Member): unknown[] {
  return [householdId, m.idNumber, m.name, m.relation, m.labour, m.health, m.schooling, m.phone, m.left?.on ?? null, m.left?.reason ?? null];
}

const changed = (a: Snapshot, b: Snapshot) => Object.keys(b).filter((k) => a[k] !== b[k] && JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null));

/** Checks the inputs (unless `validated`) and normalizes ID numbers (upper-case X, half-width digits). */
function prepare(inputs: readonly HouseholdInput[], validated: boolean): HouseholdInput[] {
  const codes = new Set<string>();
  const ids = new Set<string>();
  return inputs.map((h) => {
    const problems = validated ? [] : validateHousehold({ ...h, id: 0 });
    if (problems.length > 0) throw new HouseholdWriteError('HOUSEHOLD.INVALID', `${h.code}: ${problems.map((p) => p.code).join(', ')}`);
    if (codes.has(h.code)) throw new HouseholdWriteError('HOUSEHOLD.DUPLICATE_CODE', h.code);
    codes.add(h.code);
    // validateHousehold has checked every active member's number; the stored form is the normalized one.
    const members = validated ? h.members : h.members.map((m) => ({ ...m, idNumber: normalizeIdNumber(m.idNumber) }));
    for (const m of members) {
      if (ids.has(m.idNumber)) throw new HouseholdWriteError('MEMBER.DUPLICATE_ID', `${h.code}`);
      ids.add(m.idNumber);
    }
    // Catalogue order, so the same tags never read as a change.
    return { ...h, keyGroups: KEY_GROUP.codes.filter((g) => h.keyGroups.includes(g)), members };
  });
}

/**
 * Saves households (created or updated by 户编号) with their members, in the caller's transaction.
 * Everything is batched: one read of what is stored (`loadStoredBatch`, or the caller's `stored`
 * when it already read it in this transaction), then multi-row INSERTs for what is new, batched
 * UPDATEs for what changed, and the history rows in one go. Nothing is written for an unchanged
 * household or member.
 */
export async function saveHouseholds(tx: Tx, inputs: readonly HouseholdInput[], meta: ChangeMeta, opts: SaveHouseholdsOptions = {}): Promise<HouseholdSaveOutcome[]> {
  const list = prepare(inputs, opts.validated === true);
  if (list.length === 0) return [];
  const inputIds = new Set(list.flatMap((h) => h.members.map((m) => m.idNumber)));
  const { households: storedHouseholds, membersOf, persons: storedByPerson } = opts.stored ?? (await loadStoredBatch(tx, list.map((h) => h.code), [...inputIds]));

  const fresh = list.filter((h) => !storedHouseholds.has(h.code));
  // A new household's 家庭人口 is known here: every member given ends up in it, left or not as given.
  const people = (h: HouseholdInput) => h.members.filter((m) => !m.left).length;
  const freshIds = await insertHouseholds(tx, fresh.map((h) => [...householdValues(h.code, householdSnapshot(h)), people(h), meta.at, meta.at]));
  // The register's counters (src/persistence/register-counts.ts): the new households' cells at once.
  await countNewHouseholds(tx, fresh.map((h) => ({ ...h.placement, type: h.type, people: people(h) })));

  const history: HistoryEntry[] = [];
  const memberInserts: unknown[][] = [];
  const householdUpdates: Array<{ id: number; set: Record<string, unknown> }> = [];
  const memberUpdates: Array<{ id: number; set: Record<string, unknown> }> = [];
  const moves: Array<{ idNumber: string; from: number; to: number; meta: ChangeMeta }> = [];
  const outcomes: HouseholdSaveOutcome[] = [];
  for (const h of list) {
    const stored = storedHouseholds.get(h.code);
    const id = stored ? readInt(stored.id) : (freshIds.get(h.code) as number);
    const outcome: HouseholdSaveOutcome = { id, code: h.code, household: stored ? 'unchanged' : 'created', members: { created: 0, updated: 0, movedIn: 0, left: 0 } };
    const next = householdSnapshot(h);
    if (!stored) {
      history.push({ ...meta, entity: 'household', entityId: id, before: null, after: { code: h.code, ...next, members: h.members.map(memberSnapshot) } });
    } else {
      const prev = householdSnapshot(householdFromRow(stored, []));
      const fields = changed(prev, next);
      if (fields.length > 0) {
        const values = householdValues(h.code, next);
        const set: Record<string, unknown> = { updated_at: meta.at };
        for (const f of fields) {
          const column = HOUSEHOLD_FIELD_COLUMN[f] as (typeof HOUSEHOLD_COLUMNS)[number];
          set[column] = values[HOUSEHOLD_COLUMNS.indexOf(column)];
        }
        householdUpdates.push({ id, set });
        history.push({ ...meta, entity: 'household', entityId: id, before: prev, after: next });
        outcome.household = 'updated';
      }
    }
    for (const input of h.members) {
      const old = storedByPerson.get(input.idNumber);
      // Leaving again (a re-imported 死亡 row) keeps the day it was first recorded.
      const m = input.left && old?.left ? { ...input, left: old.left } : input;
      if (!old) {
        memberInserts.push([...memberValues(id, m), meta.at, meta.at]);
        // A new household's members are in its creation entry; a member history is keyed by ID number.
        if (stored) history.push({ ...meta, entity: 'member', entityId: m.idNumber, before: null, after: { householdId: id, ...memberSnapshot(m) } });
        outcome.members.created++;
        continue;
      }
      if (!sameName(old.name, m.name)) throw new HouseholdWriteError('MEMBER.NAME_MISMATCH', `${h.code}: the ID number is registered under another name`);
      const moving = old.householdId !== id;
      const move = opts.moves?.get(m.idNumber);
      if (moving && !old.left && move === undefined) throw new HouseholdWriteError('MEMBER.IN_OTHER_HOUSEHOLD', `${h.code}: a member of household ${old.householdId} without a move`);
      const before = { householdId: old.householdId, ...memberSnapshot(old) };
      const after = { householdId: id, ...memberSnapshot(m) };
      if (changed(before, after).length === 0) continue;
      const values = memberValues(id, m);
      memberUpdates.push({ id: old.rowId, set: { ...Object.fromEntries(MEMBER_COLUMNS.map((c, i) => [c, values[i]])), updated_at: meta.at } });
      const why = moving && move ? { ...meta, reason: `${meta.reason}：${move}` } : meta;
      history.push({ ...why, entity: 'member', entityId: m.idNumber, before, after });
      if (moving) {
        outcome.members.movedIn++;
        moves.push({ idNumber: m.idNumber, from: old.householdId, to: id, meta: why });
      } else outcome.members.updated++;
    }
    if (opts.absentMembers?.markLeft && stored) {
      const { on, reason } = opts.absentMembers;
      for (const m of membersOf.get(id) ?? []) {
        if (m.left || inputIds.has(m.idNumber)) continue;
        memberUpdates.push({ id: m.rowId, set: { left_on: on, left_reason: reason, updated_at: meta.at } });
        history.push({ ...meta, entity: 'member', entityId: m.idNumber, before: { left: null }, after: { left: { on, reason } } });
        outcome.members.left++;
      }
    }
    if (stored && outcome.household === 'unchanged' && Object.values(outcome.members).some((n) => n > 0)) outcome.household = 'updated';
    outcomes.push(outcome);
  }
  // A household moved to another village or grid, or of another type, moves between the register's counters.
  const recelled = householdUpdates.filter((u) => CELL_COLUMNS.some((c) => c in u.set)).map((u) => u.id);
  await keepRegisterAround(tx, recelled, () => updateMany(tx, 'households', householdUpdates));
  await updateMany(tx, 'members', memberUpdates);
  for (const mv of moves) await carrySubjectMembership(tx, mv.idNumber, { from: mv.from, to: mv.to }, mv.meta);
  await loadMany(tx, 'members', [...MEMBER_COLUMNS, 'created_at', 'updated_at'], memberInserts);
  // 家庭人口 of every stored household whose members changed: those that gained, changed or lost
  // a member, and those a member moved out of (new households were counted as they were inserted).
  const touched = new Set<number>(moves.map((m) => m.from));
  for (const o of outcomes) if (o.household !== 'created' && Object.values(o.members).some((n) => n > 0)) touched.add(o.id);
  await recountPeople(tx, [...touched]);
  // The kept screened rows copy placement and type (recountPeople recounts those it touched).
  await keepScreenedOf(tx, householdUpdates.map((u) => u.id).filter((id) => !touched.has(id)));
  await recordHistories(tx, history);
  return outcomes;
}

/** The columns of a household that place it in a counter of the register (家庭人口 is written by `recountPeople`). */
const CELL_COLUMNS = ['city_code', 'town_code', 'village_code', 'grid_code', 'type'];

const HOUSEHOLD_INSERT_COLUMNS = [...HOUSEHOLD_COLUMNS, 'people', 'created_at', 'updated_at'] as const;

/**
 * Inserts new households (rows in HOUSEHOLD_INSERT_COLUMNS order, the 户编号 first) and returns
 * their ids by 户编号: from the INSERTs themselves where the engine gives one statement's rows
 * consecutive ids (`insertReturningIds`), else read back by 户编号 (one read per 999 households).
 */
async function insertHouseholds(tx: Tx, rows: ReadonlyArray<readonly unknown[]>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  let i = 0;
  for (const size of chunkSizes(rows.length, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / HOUSEHOLD_INSERT_COLUMNS.length)))) {
    const chunk = rows.slice(i, (i += size));
    const given = await insertReturningIds(tx, 'households', HOUSEHOLD_INSERT_COLUMNS, chunk);
    if (given) chunk.forEach((r, k) => ids.set(String(r[0]), given[k] as number));
    else {
      await insertMany(tx, 'households', HOUSEHOLD_INSERT_COLUMNS, chunk);
      const read = await selectIn<Raw>(tx, `SELECT ${q('id')}, ${q('code')} FROM ${q('households')}`, 'code', chunk.map((r) => r[0]), { uniqueKey: true });
      for (const r of read) ids.set(String(r.code), readInt(r.id));
    }
  }
  return ids;
}

const PEOPLE_RECOUNT = `(SELECT COUNT(*) FROM ${q('members')} m WHERE m.${q('household_id')} = ${q('households')}.${q('id')} AND m.${q('left_on')} IS NULL)`;

/**
 * Counts again the members still in each household (`households.people`, 家庭人口 as the
 * statistics read it; see migration 1764400100000-HouseholdPeople), in the caller's transaction,
 * with the register's counters (src/persistence/register-counts.ts). Every write of members calls
 * it for the households it touched.
 */
export async function recountPeople(tx: Tx, householdIds: readonly number[]): Promise<void> {
  const ids = [...new Set(householdIds)];
  await updateKeepingRegister(tx, ids, (inIds) => `UPDATE ${q('households')} SET ${q('people')} = ${PEOPLE_RECOUNT} WHERE ${q('id')} IN ${inIds}`);
  // The kept screened rows copy 家庭人口 (src/persistence/screened-households.ts).
  await keepScreenedOf(tx, ids);
}

/**
 * Counts 家庭人口 for up to `limit` households not counted yet (`people` NULL: written by other
 * means, e.g. a register loaded by hand), lowest ids first; returns how many it counted. The
 * sweeper calls it every round while there are any, so such a register soon reads from the index.
 */
export async function countUncountedPeople(tx: Tx, limit: number): Promise<number> {
  const rows = (await em(tx).query(`SELECT ${q('id')} AS id FROM ${q('households')} WHERE ${q('people')} IS NULL ORDER BY ${q('id')} LIMIT ${Math.max(1, Math.floor(limit))}`)) as Raw[];
  await recountPeople(tx, rows.map((r) => readInt(r.id)));
  return rows.length;
}

/**
 * Households of a region node whose kept 家庭人口 is missing or differs from a recount of their
 * members (`npx shouwang check` reports them and, with --open, counts them again).
 */
export async function peopleMiscounted(tx: Tx, node: { level: 'city' | 'town' | 'village'; code: string }): Promise<number[]> {
  const column = { city: 'city_code', town: 'town_code', village: 'village_code' }[node.level];
  const rows = (await em(tx).query(
    `SELECT ${q('id')} AS id FROM ${q('households')} WHERE ${q(column)} = ? AND (${q('people')} IS NULL OR ${q('people')} <> ${PEOPLE_RECOUNT}) ORDER BY ${q('id')}`,
    [node.code],
  )) as Raw[];
  return rows.map((r) => readInt(r.id));
}

/** Marks a person as no longer in their household (death, marriage, 分户 …); false if not found or already left. */
export async function markMemberLeft(tx: Tx, idNumber: string, left: { on: string; reason: string }, meta: ChangeMeta): Promise<boolean> {
  const [row] = (await em(tx).query(`${SELECT_MEMBERS} WHERE ${q('id_number')} = ?`, [normalizeId(idNumber)])) as Raw[];
  if (!row) throw new HouseholdWriteError('MEMBER.NOT_FOUND', 'no member with this ID number');
  const m = memberFromRow(row);
  if (m.left) return false;
  await em(tx).query(`UPDATE ${q('members')} SET ${q('left_on')} = ?, ${q('left_reason')} = ?, ${q('updated_at')} = ? WHERE ${q('id')} = ?`, [left.on, left.reason, meta.at, m.rowId]);
  await recountPeople(tx, [m.householdId]);
  await recordHistory(tx, { ...meta, entity: 'member', entityId: m.idNumber, before: { left: null }, after: { left } });
  return true;
}

/** Replaces a household's recorded key-group tags (①–⑩), with history; false when they were already so. */
export async function setKeyGroups(tx: Tx, householdId: number, keyGroups: readonly KeyGroup[], meta: ChangeMeta): Promise<boolean> {
  const unknown = keyGroups.filter((g) => !(KEY_GROUP.codes as string[]).includes(g));
  if (unknown.length > 0) throw new HouseholdWriteError('HOUSEHOLD.UNKNOWN_KEY_GROUP', unknown.join(', '));
  const [row] = (await em(tx).query(`${SELECT_HOUSEHOLDS} WHERE ${q('id')} = ?`, [householdId])) as Raw[];
  if (!row) throw new HouseholdWriteError('HOUSEHOLD.NOT_FOUND', String(householdId));
  const before = householdFromRow(row, []).keyGroups;
  const after = KEY_GROUP.codes.filter((g) => keyGroups.includes(g));
  if (JSON.stringify(before) === JSON.stringify(after)) return false;
  await em(tx).query(`UPDATE ${q('households')} SET ${q('key_groups')} = ?, ${q('updated_at')} = ? WHERE ${q('id')} = ?`, [JSON.stringify(after), meta.at, householdId]);
  await recordHistory(tx, { ...meta, entity: 'household', entityId: householdId, before: { keyGroups: before }, after: { keyGroups: after } });
  return true;
}
