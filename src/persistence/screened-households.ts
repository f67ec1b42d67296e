/**
 * The screened households of a campaign's window, kept as one row per household
 * (`screened_household`, migration 1765200000000-ScreenedHouseholds), so a town's 集中排查对象 is
 * read from one index range instead of being worked out from every screening of the town at each
 * answer (bench/README.md, "One town's answer from kept rows").
 *
 * A row holds, for a campaign and the first day of its statistics window (`window_from`, the
 * Monday of the mobilization week: src/bot/official/sources.ts `campaignWindow`):
 * - the household's placement, type and 家庭人口 as stored on `households` (copied, and copied
 *   again in the same transaction whenever they change);
 * - `first_day`: the first day on or after `window_from` of a screening of the household filed
 *   under its own village (NULL when there is none); the household counts as screened up to a
 *   report day when `first_day` <= that day;
 * - `elsewhere`: 1 when a screening on or after `window_from` was filed under another village
 *   (a household that moved, or a record filed under a neighbour). Such households are few; the
 *   statistics decide them from their screenings, as before, so every answer stays exact.
 * A household without any screening on or after `window_from` has no row.
 *
 * `screened_window` lists the (campaign, window_from) pairs whose rows are kept. The rows of a
 * pair are built once, in one statement (`keepScreenedWindow`): by the first progress answer of
 * that window, inside its transaction, by `npx shouwang check --open`, or by a bulk load after
 * it wrote. From then on every write that can change a row recounts the rows of the households it
 * touched in the same transaction (`keepScreenedOf`): a screening stored or corrected
 * (src/persistence/screenings.ts), a household's placement, type or members changed
 * (src/persistence/household-writes.ts: `saveHouseholds`, `recountPeople`). `screenedDrift`
 * compares the kept rows with a recount (`npx shouwang check`; `--open` rebuilds them).
 *
 * @example
 *   await keepScreenedWindow(tx, '2022', '2022-04-25');   // once
 *   await keepScreenedOf(tx, [householdId]);                 // with every write of that household
 *   await screenedDrift(tx);                                 // [] when every kept row is right
 */
import { isMysql, type Tx } from './db.js';
import { em } from './orm.js';
import { batch, isUniqueViolation, MAX_IN, q, readInt, readStrOrNull } from './sql.js';

export const SCREENED_TABLE = 'screened_household';
export const SCREENED_WINDOW_TABLE = 'screened_window';
export const SCREENED_COUNT_TABLE = 'screened_count';

/**
 * The counters' cell: a window, a placement (no grid: ''), a household type and a first day. A
 * cell counts the kept rows of its households screened in their own village (`elsewhere` = 0)
 * and their 家庭人口 (not counted yet: 0; the statistics then count without the kept rows).
 */
const CELL = ['campaign', 'window_from', 'village_code', 'grid_code', 'type', 'town_code', 'city_code', 'first_day'] as const;
/** The rows of `screened_household` (alias x) added up into cells, for a condition given after it. */
const CELLS_OF_ROWS = `SELECT ${CELL.map((c) => (c === 'grid_code' ? `COALESCE(x.${q(c)}, '') AS ${q(c)}` : `x.${q(c)} AS ${q(c)}`)).join(', ')},
        COUNT(*) AS ${q('households')}, SUM(COALESCE(x.${q('people')}, 0)) AS ${q('people')}
   FROM ${q(SCREENED_TABLE)} x WHERE x.${q('elsewhere')} = 0 AND x.${q('first_day')} IS NOT NULL`;
const CELLS_GROUP = `GROUP BY ${CELL.map((c) => (c === 'grid_code' ? `COALESCE(x.${q(c)}, '')` : `x.${q(c)}`)).join(', ')}`;
const cellKey = (r: Record<string, unknown>): string => CELL.map((c) => String(r[c] ?? '')).join('|');

/** The columns of a kept row, in insert order. */
const COLUMNS = ['campaign', 'window_from', 'household_id', 'city_code', 'town_code', 'village_code', 'grid_code', 'type', 'people', 'first_day', 'elsewhere'] as const;

/**
 * The rows as they should be, for every kept window `w` (joined by the caller) and the screenings
 * `s` of `households` `h` it joins: one row per (window, household) with a screening on or after
 * the window's first day.
 */
const RECOUNT_SELECT = `SELECT w.${q('campaign')} AS ${q('campaign')}, w.${q('window_from')} AS ${q('window_from')}, h.${q('id')} AS ${q('household_id')},
        h.${q('city_code')} AS ${q('city_code')}, h.${q('town_code')} AS ${q('town_code')}, h.${q('village_code')} AS ${q('village_code')}, h.${q('grid_code')} AS ${q('grid_code')},
        h.${q('type')} AS ${q('type')}, h.${q('people')} AS ${q('people')},
        MIN(CASE WHEN s.${q('village_code')} = h.${q('village_code')} THEN s.${q('day')} END) AS ${q('first_day')},
        MAX(CASE WHEN s.${q('village_code')} = h.${q('village_code')} THEN 0 ELSE 1 END) AS ${q('elsewhere')}
   FROM ${q(SCREENED_WINDOW_TABLE)} w
   JOIN ${q('screening_record')} s ON s.${q('campaign')} = w.${q('campaign')} AND s.${q('day')} >= w.${q('window_from')}
   JOIN ${q('households')} h ON h.${q('id')} = s.${q('household_id')}`;
const RECOUNT_GROUP = `GROUP BY w.${q('campaign')}, w.${q('window_from')}, h.${q('id')}, h.${q('city_code')}, h.${q('town_code')}, h.${q('village_code')}, h.${q('grid_code')}, h.${q('type')}, h.${q('people')}`;
const INSERT = `INSERT INTO ${q(SCREENED_TABLE)} (${COLUMNS.map(q).join(', ')})`;

const placeholders = (n: number): string => `(${Array.from({ length: n }, () => '?').join(', ')})`;

/** True when the rows of the campaign's window starting on `from` are kept. */
export async function screenedWindowKept(tx: Tx, campaign: string, from: string): Promise<boolean> {
  const rows = (await em(tx).query(`SELECT 1 AS k FROM ${q(SCREENED_WINDOW_TABLE)} WHERE ${q('campaign')} = ? AND ${q('window_from')} = ?`, [campaign, from])) as unknown[];
  return rows.length > 0;
}

/**
 * Starts keeping the rows of a campaign's window, in the caller's transaction: the window is
 * listed and its rows are built from every screening of the campaign in one statement. The same
 * campaign's rows for another first day (a campaign whose mobilization day was changed) are
 * dropped: only one window per campaign is kept. Returns false (and writes nothing) when another
 * transaction listed the window meanwhile; the caller then counts without the rows.
 */
export async function keepScreenedWindow(tx: Tx, campaign: string, from: string): Promise<boolean> {
  try {
    await em(tx).query(`INSERT INTO ${q(SCREENED_WINDOW_TABLE)} (${q('campaign')}, ${q('window_from')}) VALUES (?, ?)`, [campaign, from]);
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
  await em(tx).query(`DELETE FROM ${q(SCREENED_WINDOW_TABLE)} WHERE ${q('campaign')} = ? AND ${q('window_from')} <> ?`, [campaign, from]);
  await em(tx).query(`DELETE FROM ${q(SCREENED_TABLE)} WHERE ${q('campaign')} = ?`, [campaign]);
  await em(tx).query(`DELETE FROM ${q(SCREENED_COUNT_TABLE)} WHERE ${q('campaign')} = ?`, [campaign]);
  await em(tx).query(`${INSERT} ${RECOUNT_SELECT} WHERE w.${q('campaign')} = ? AND w.${q('window_from')} = ? ${RECOUNT_GROUP}`, [campaign, from]);
  await em(tx).query(
    `INSERT INTO ${q(SCREENED_COUNT_TABLE)} (${[...CELL, 'households', 'people'].map(q).join(', ')}) ${CELLS_OF_ROWS} AND x.${q('campaign')} = ? AND x.${q('window_from')} = ? ${CELLS_GROUP}`,
    [campaign, from],
  );
  return true;
}

/**
 * Counts the kept rows of these households again (every kept window), in the caller's
 * transaction. Every write that changes a household's screenings, placement, type or members
 * calls it for the households it touched: per 199 households one round trip on MariaDB for the
 * cells before, the rows rewritten and the cells after, and one for the counters. The rewrite reads
 * the households' screenings with InnoDB's locks (an INSERT … SELECT), so two transactions screening
 * neighbouring households at the same moment can deadlock; the server then rolls one back, and the
 * message pipeline retries it as any lock conflict (src/bot/inbound/processor.ts).
 */
export async function keepScreenedOf(tx: Tx, householdIds: readonly number[]): Promise<void> {
  const ids = [...new Set(householdIds)];
  for (let i = 0; i < ids.length; i += MAX_IN) {
    const chunk = ids.slice(i, i + MAX_IN);
    const cells: [string, readonly unknown[]] = [`${CELLS_OF_ROWS} AND x.${q('household_id')} IN ${placeholders(chunk.length)} ${CELLS_GROUP}`, chunk];
    // The households' cells before and after, in one round trip on MariaDB; the difference is
    // added to the counters.
    const [before, , , after] = await batch(tx, [
      cells,
      [`DELETE FROM ${q(SCREENED_TABLE)} WHERE ${q('household_id')} IN ${placeholders(chunk.length)}`, chunk],
      [`${INSERT} ${RECOUNT_SELECT} WHERE s.${q('household_id')} IN ${placeholders(chunk.length)} ${RECOUNT_GROUP}`, chunk],
      cells,
    ]);
    await addToCounters(tx, before?.rows ?? [], after?.rows ?? []);
  }
}

/** Adds `after` less `before` (cells with their households and people) to the counters. */
async function addToCounters(tx: Tx, before: ReadonlyArray<Record<string, unknown>>, after: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const delta = new Map<string, { cell: Record<string, unknown>; households: number; people: number }>();
  const add = (r: Record<string, unknown>, sign: number) => {
    const k = cellKey(r);
    const d = delta.get(k) ?? { cell: r, households: 0, people: 0 };
    d.households += sign * readInt(r.households);
    d.people += sign * readInt(r.people);
    delta.set(k, d);
  };
  for (const r of before) add(r, -1);
  for (const r of after) add(r, 1);
  // In key order, so two transactions lock the cells they share in the same order.
  const changed = [...delta.entries()]
    .filter(([, d]) => d.households !== 0 || d.people !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
  if (changed.length === 0) return;
  const columns = [...CELL, 'households', 'people'];
  const values = changed.map(() => placeholders(columns.length)).join(', ');
  const params = changed.flatMap((d) => [...CELL.map((c) => String(d.cell[c] ?? '')), d.households, d.people]);
  const add1 = (c: string) => (isMysql(tx) ? `${q(c)} = ${q(c)} + VALUES(${q(c)})` : `${q(c)} = ${q(c)} + excluded.${q(c)}`);
  const upsert = isMysql(tx) ? 'ON DUPLICATE KEY UPDATE' : `ON CONFLICT (${CELL.map(q).join(', ')}) DO UPDATE SET`;
  await em(tx).query(`INSERT INTO ${q(SCREENED_COUNT_TABLE)} (${columns.map(q).join(', ')}) VALUES ${values} ${upsert} ${add1('households')}, ${add1('people')}`, params);
}

/** Households compared per page by `screenedDrift` (tests give fewer). */
const DRIFT_PAGE = 20_000;

/** A kept window whose rows or counters differ from a recount, with the households concerned (first 20). */
export interface ScreenedDrift {
  campaign: string;
  from: string;
  /** Households whose kept row is missing, extra or different. */
  households: number;
  /** Counter cells that differ from the recount added up. */
  cells: number;
  examples: number[];
}

/**
 * Compares every kept window's rows with a recount from the screenings and households; returns
 * the windows that differ (none when all is well). Reads every screening of the kept campaigns:
 * for `npx shouwang check`, not for answers.
 */
export async function screenedDrift(tx: Tx, page = DRIFT_PAGE): Promise<ScreenedDrift[]> {
  const windows = (await em(tx).query(`SELECT ${q('campaign')} AS c, ${q('window_from')} AS f FROM ${q(SCREENED_WINDOW_TABLE)} ORDER BY ${q('campaign')}`)) as Array<Record<string, unknown>>;
  const out: ScreenedDrift[] = [];
  const compared = COLUMNS.slice(2);
  const key = (r: Record<string, unknown>): string => compared.map((c) => (r[c] === null || r[c] === undefined ? '' : String(c === 'people' || c === 'elsewhere' || c === 'household_id' ? readInt(r[c]) : r[c]))).join('|');
  for (const w of windows) {
    const [campaign, from] = [String(w.c), String(w.f)];
    const [span] = (await em(tx).query(
      `SELECT MIN(x.lo) AS lo, MAX(x.hi) AS hi FROM (SELECT MIN(${q('id')}) AS lo, MAX(${q('id')}) AS hi FROM ${q('households')}
        UNION ALL SELECT MIN(${q('household_id')}), MAX(${q('household_id')}) FROM ${q(SCREENED_TABLE)} WHERE ${q('campaign')} = ? AND ${q('window_from')} = ?) x`,
      [campaign, from],
    )) as Array<Record<string, unknown>>;
    let wrong = 0;
    const examples: number[] = [];
    const miss = (id: number) => {
      wrong++;
      if (examples.length < 20) examples.push(id);
    };
    // The recount added up into cells, for the counters below.
    const expected = new Map<string, [number, number]>();
    // A page of households at a time, so a city's rows never sit in memory at once.
    for (let lo = readInt(span?.lo ?? 0); span?.lo !== null && span?.lo !== undefined && lo <= readInt(span.hi); lo += page) {
      const range = [campaign, from, lo, lo + page - 1];
      const kept = (await em(tx).query(
        `SELECT ${compared.map(q).join(', ')} FROM ${q(SCREENED_TABLE)} WHERE ${q('campaign')} = ? AND ${q('window_from')} = ? AND ${q('household_id')} BETWEEN ? AND ?`,
        range,
      )) as Array<Record<string, unknown>>;
      const recounted = (await em(tx).query(`${RECOUNT_SELECT} WHERE w.${q('campaign')} = ? AND w.${q('window_from')} = ? AND s.${q('household_id')} BETWEEN ? AND ? ${RECOUNT_GROUP}`, range)) as Array<
        Record<string, unknown>
      >;
      const keptBy = new Map(kept.map((r) => [readInt(r.household_id), key(r)]));
      for (const r of recounted) {
        const id = readInt(r.household_id);
        if (keptBy.get(id) !== key(r)) miss(id);
        keptBy.delete(id);
        if (readInt(r.elsewhere) !== 0 || r.first_day === null) continue;
        const k = cellKey({ ...r, grid_code: r.grid_code ?? '' });
        const [h, p] = expected.get(k) ?? [0, 0];
        expected.set(k, [h + 1, p + (r.people === null ? 0 : readInt(r.people))]);
      }
      for (const id of keptBy.keys()) miss(id);
    }
    // The counters against the recount's cells (a cell counted down to nothing is nothing).
    const counted = (await em(tx).query(`SELECT * FROM ${q(SCREENED_COUNT_TABLE)} WHERE ${q('campaign')} = ? AND ${q('window_from')} = ?`, [campaign, from])) as Array<Record<string, unknown>>;
    let cells = 0;
    for (const r of counted) {
      const k = cellKey(r);
      const [h, p] = expected.get(k) ?? [0, 0];
      if (h !== readInt(r.households) || p !== readInt(r.people)) cells++;
      expected.delete(k);
    }
    cells += expected.size;
    if (wrong > 0 || cells > 0) out.push({ campaign, from, households: wrong, cells, examples: examples.sort((x, y) => x - y) });
  }
  return out;
}

const nullableInt = (v: unknown): number | null => (v === null || v === undefined ? null : readInt(v));

/** Builds a kept window's rows again from the screenings (`npx shouwang check --open` after drift). */
export async function rebuildScreenedWindow(tx: Tx, campaign: string, from: string): Promise<void> {
  await em(tx).query(`DELETE FROM ${q(SCREENED_WINDOW_TABLE)} WHERE ${q('campaign')} = ? AND ${q('window_from')} = ?`, [campaign, from]);
  await keepScreenedWindow(tx, campaign, from);
}

/** The kept row of a household (tests and the check's messages). */
export async function keptScreenedRow(tx: Tx, campaign: string, householdId: number): Promise<{ villageCode: string; gridCode: string | null; type: string; people: number | null; firstDay: string | null; elsewhere: boolean } | null> {
  const [r] = (await em(tx).query(`SELECT * FROM ${q(SCREENED_TABLE)} WHERE ${q('campaign')} = ? AND ${q('household_id')} = ?`, [campaign, householdId])) as Array<Record<string, unknown>>;
  if (!r) return null;
  return { villageCode: String(r.village_code), gridCode: readStrOrNull(r.grid_code), type: String(r.type), people: nullableInt(r.people), firstDay: readStrOrNull(r.first_day), elsewhere: readInt(r.elsewhere) === 1 };
}
