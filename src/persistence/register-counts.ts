/**
 * The household register kept as counters (`register_count`, migration
 * 1765300100000-RegisterCounts): per placement (village, grid — '' for none —, type, town, city)
 * the households on the register, their 家庭人口 (`households.people` added up) and how many of
 * them are not counted yet (`people` NULL). A town's 户数 and 人数 in 附件1 are then a few hundred
 * counters instead of a pass over its 50,000 households (`householdsFromKept`,
 * src/persistence/progress-sql.ts; bench/README.md, "The register from counters").
 *
 * Every write of `households` that can move a household between cells changes the counters in the
 * same transaction:
 * - new households (`saveHouseholds`, the one insert path): their cells added up in memory from the
 *   values inserted, one statement per 1,000 cells a call touches (`countNewHouseholds`) — an
 *   import adds a batch's households at once, never one at a time;
 * - a household's placement, type or 家庭人口 changed (`saveHouseholds`, `recountPeople`): its cell
 *   read before and after the write, the difference added (`keepRegisterAround`; for one UPDATE
 *   `updateKeepingRegister`, the reads and the UPDATE in one round trip per 199 households on
 *   MariaDB/MySQL). On MariaDB/MySQL the
 *   read before locks the households (FOR UPDATE), so a write committed meanwhile by another
 *   transaction is never counted twice.
 * Each call adds to the counters in key order. The writers are the import, the demo seed, the sweeper's count
 * of households not counted yet and `npx shouwang check --open` — not the chat's messages — so two
 * transactions seldom share a cell; when they lock shared cells in opposite orders the server
 * rolls one back: the sweeper retries it, an import or a check stops with the error and is simply
 * run again (a re-import completes the file).
 * Rows written by other means (a bulk load, a hand-made correction) leave the counters behind:
 * `registerDrift` compares them with a recount (`npx shouwang check`), `rebuildRegisterCounts`
 * counts everything again in one statement (`--open`, and a bulk load after it wrote).
 *
 * @example
 *   await keepRegisterAround(tx, [householdId], () => updateHousehold(tx));   // with every write of a household's cell
 *   await registerDrift(tx);                                                   // { cells: 0, examples: [] } when right
 */
import type { Tx } from './db.js';
import { isMysql } from './db.js';
import { em } from './orm.js';
import { batch, MAX_IN, q, readInt } from './sql.js';

export const REGISTER_COUNT_TABLE = 'register_count';

/** A counter's cell, in key order (the order of the households' register index as well). */
export const REGISTER_CELL = ['village_code', 'grid_code', 'type', 'town_code', 'city_code'] as const;
const SUMS = ['households', 'people', 'uncounted'] as const;

/** One cell with what it counts. */
export interface RegisterCell {
  villageCode: string;
  /** '' for households without a grid. */
  gridCode: string;
  type: string;
  townCode: string;
  cityCode: string;
  households: number;
  people: number;
  uncounted: number;
}

const cellColumn = (c: (typeof REGISTER_CELL)[number], alias: string): string => (c === 'grid_code' ? `COALESCE(${alias}.${q(c)}, '')` : `${alias}.${q(c)}`);

/** The households `h` matching a condition given after it, added up into cells (the counters as they should be). */
export const REGISTER_RECOUNT = `SELECT ${REGISTER_CELL.map((c) => `${cellColumn(c, 'h')} AS ${q(c)}`).join(', ')},
        COUNT(*) AS ${q('households')}, SUM(COALESCE(h.${q('people')}, 0)) AS ${q('people')},
        SUM(CASE WHEN h.${q('people')} IS NULL THEN 1 ELSE 0 END) AS ${q('uncounted')}
   FROM ${q('households')} h`;
export const REGISTER_RECOUNT_GROUP = `GROUP BY ${REGISTER_CELL.map((c) => cellColumn(c, 'h')).join(', ')}`;

const placeholders = (n: number): string => `(${Array.from({ length: n }, () => '?').join(', ')})`;

type Row = Record<string, unknown>;
const cellOf = (r: Row): RegisterCell => ({
  villageCode: String(r.village_code),
  gridCode: r.grid_code === null || r.grid_code === undefined ? '' : String(r.grid_code),
  type: String(r.type),
  townCode: String(r.town_code),
  cityCode: String(r.city_code),
  households: readInt(r.households ?? 0),
  people: readInt(r.people ?? 0),
  uncounted: readInt(r.uncounted ?? 0),
});
const keyOf = (c: RegisterCell): string => [c.villageCode, c.gridCode, c.type, c.townCode, c.cityCode].join('|');

/** Adds each cell's households, people and uncounted (negative to take away) to the counters, in key order. */
async function addToCounters(tx: Tx, cells: readonly RegisterCell[]): Promise<void> {
  const byKey = new Map<string, RegisterCell>();
  for (const c of cells) {
    const k = keyOf(c);
    const d = byKey.get(k) ?? { ...c, households: 0, people: 0, uncounted: 0 };
    d.households += c.households;
    d.people += c.people;
    d.uncounted += c.uncounted;
    byKey.set(k, d);
  }
  // In key order, so two transactions lock the cells they share in the same order.
  const changed = [...byKey.entries()]
    .filter(([, d]) => d.households !== 0 || d.people !== 0 || d.uncounted !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
  const columns = [...REGISTER_CELL, ...SUMS];
  const add = (c: string) => (isMysql(tx) ? `${q(c)} = ${q(c)} + VALUES(${q(c)})` : `${q(c)} = ${q(c)} + excluded.${q(c)}`);
  const upsert = isMysql(tx) ? 'ON DUPLICATE KEY UPDATE' : `ON CONFLICT (${REGISTER_CELL.map(q).join(', ')}) DO UPDATE SET`;
  // 8 values a cell: 1,000 cells a statement stay far below every engine's limit on placeholders.
  for (let i = 0; i < changed.length; i += 1000) {
    const chunk = changed.slice(i, i + 1000);
    const params = chunk.flatMap((d) => [d.villageCode, d.gridCode, d.type, d.townCode, d.cityCode, d.households, d.people, d.uncounted]);
    await em(tx).query(
      `INSERT INTO ${q(REGISTER_COUNT_TABLE)} (${columns.map(q).join(', ')}) VALUES ${chunk.map(() => placeholders(columns.length)).join(', ')} ${upsert} ${SUMS.map(add).join(', ')}`,
      params,
    );
  }
}

/** A new household as `countNewHouseholds` reads it: its placement, type and 家庭人口 as inserted. */
export interface NewHousehold {
  cityCode: string;
  townCode: string;
  villageCode: string;
  gridCode: string | null;
  type: string;
  people: number | null;
}

/** Adds households just inserted in the caller's transaction to the counters (one statement per 1,000 cells). */
export async function countNewHouseholds(tx: Tx, households: readonly NewHousehold[]): Promise<void> {
  await addToCounters(
    tx,
    households.map((h) => ({ villageCode: h.villageCode, gridCode: h.gridCode ?? '', type: h.type, townCode: h.townCode, cityCode: h.cityCode, households: 1, people: h.people ?? 0, uncounted: h.people === null ? 1 : 0 })),
  );
}

/**
 * Runs `write` (which may change the placement, type or 家庭人口 of these households) between a
 * read of their cells before and after, and adds the difference to the counters — all in the
 * caller's transaction. The ids are read 199 at a time.
 */
export async function keepRegisterAround<T>(tx: Tx, householdIds: readonly number[], write: () => Promise<T>): Promise<T> {
  const ids = [...new Set(householdIds)];
  if (ids.length === 0) return write();
  const lock = isMysql(tx) ? ' FOR UPDATE' : '';
  const cellsOf = async (suffix: string): Promise<Row[]> => {
    const out: Row[] = [];
    for (let i = 0; i < ids.length; i += MAX_IN) {
      const chunk = ids.slice(i, i + MAX_IN);
      out.push(...((await em(tx).query(`${REGISTER_RECOUNT} WHERE h.${q('id')} IN ${placeholders(chunk.length)} ${REGISTER_RECOUNT_GROUP}${suffix}`, chunk)) as Row[]));
    }
    return out;
  };
  const before = await cellsOf(lock);
  const result = await write();
  const after = await cellsOf('');
  await addToCounters(tx, [...before.map((r) => negate(cellOf(r))), ...after.map(cellOf)]);
  return result;
}

/**
 * An UPDATE of households (`sql`, whose last placeholders are the ids of `householdIds`) applied
 * 199 households at a time, each chunk's cells read before and after it in the same round trip on
 * MariaDB/MySQL (the read before locking them), the difference added to the counters.
 */
export async function updateKeepingRegister(tx: Tx, householdIds: readonly number[], sql: (ids: string) => string, params: readonly unknown[] = []): Promise<void> {
  const ids = [...new Set(householdIds)];
  const lock = isMysql(tx) ? ' FOR UPDATE' : '';
  for (let i = 0; i < ids.length; i += MAX_IN) {
    const chunk = ids.slice(i, i + MAX_IN);
    const inIds = placeholders(chunk.length);
    const cells = (suffix: string): [string, readonly unknown[]] => [`${REGISTER_RECOUNT} WHERE h.${q('id')} IN ${inIds} ${REGISTER_RECOUNT_GROUP}${suffix}`, chunk];
    const [before, , after] = await batch(tx, [cells(lock), [sql(inIds), [...params, ...chunk]], cells('')]);
    await addToCounters(tx, [...(before?.rows ?? []).map((r) => negate(cellOf(r))), ...(after?.rows ?? []).map(cellOf)]);
  }
}

const negate = (c: RegisterCell): RegisterCell => ({ ...c, households: -c.households, people: -c.people, uncounted: -c.uncounted });

/** Counts the whole register again into the counters, in one statement (a bulk load, `check --open` after drift). */
export async function rebuildRegisterCounts(tx: Tx): Promise<void> {
  await em(tx).query(`DELETE FROM ${q(REGISTER_COUNT_TABLE)}`);
  await em(tx).query(`INSERT INTO ${q(REGISTER_COUNT_TABLE)} (${[...REGISTER_CELL, ...SUMS].map(q).join(', ')}) ${REGISTER_RECOUNT} ${REGISTER_RECOUNT_GROUP}`);
}

/** Counter cells that differ from a recount of the register. */
export interface RegisterDrift {
  /** Cells whose households, people or uncounted differ (a cell counted down to nothing is nothing). */
  cells: number;
  /** The first few, as kept and as recounted. */
  examples: Array<{ kept: RegisterCell | null; recount: RegisterCell | null }>;
}

/**
 * Compares every counter with a recount of the households (one grouped pass over the register's
 * index: for `npx shouwang check`, not for answers).
 */
export async function registerDrift(tx: Tx): Promise<RegisterDrift> {
  const recount = new Map(((await em(tx).query(`${REGISTER_RECOUNT} ${REGISTER_RECOUNT_GROUP}`)) as Row[]).map((r) => [keyOf(cellOf(r)), cellOf(r)]));
  const kept = ((await em(tx).query(`SELECT * FROM ${q(REGISTER_COUNT_TABLE)}`)) as Row[]).map(cellOf);
  const out: RegisterDrift = { cells: 0, examples: [] };
  const differ = (k: RegisterCell | null, r: RegisterCell | null) => {
    out.cells++;
    if (out.examples.length < 5) out.examples.push({ kept: k, recount: r });
  };
  for (const k of kept) {
    const r = recount.get(keyOf(k)) ?? null;
    recount.delete(keyOf(k));
    const empty = k.households === 0 && k.people === 0 && k.uncounted === 0;
    if (r === null ? !empty : r.households !== k.households || r.people !== k.people || r.uncounted !== k.uncounted) differ(k, r);
  }
  for (const r of recount.values()) differ(null, r);
  return out;
}
