/**
 * 附件1 counted by the database: a handful of grouped queries over the base tables (households,
 * members, screening_record, monitoring_subject, subject_event, problem, campaign_activity), one row
 * per village (and grid), rolled up to towns and the city in memory — a city's records never leave
 * the database. The numbers are those of `computeProgress` (src/domain/progress.ts, the full recount
 * kept as the reference and compared in test/persistence/progress-sql.test.ts); each query below
 * says which of its columns it counts. Indexes: migration 1764400000000-ProgressIndexes. When the
 * window's screened households are kept (src/persistence/screened-households.ts), 集中排查对象 comes
 * from their counters, the register (户数, 人数) from its own (src/persistence/register-counts.ts),
 * and no statement visits every household of the place (`householdsFromKept`).
 *
 * Which records belong to the report, as in the recount: the households of the place's villages
 * (and of the place by their own column: `households.town_code = ?` for a town); screenings,
 * subjects, reviews and problems whose own village is one of the place's villages; households,
 * subjects and reviews counted in the village of their household.
 *
 * @example
 *   const r = await progressByQueries(tx, { campaign: '2022', window, villages, node: { level: 'town', code: '610821101' }, deployments, trainings });
 *   r.report.towns[0].screened          // { households: 1820, people: 5313 }
 *   r.roster.get('610821101001')        // { households: 412, people: 1207 } (the register)
 */
import { newTally, rollUpProgress, tallyActivities, type HouseholdsPeople, type ProgressInput, type ProgressReport, type VillageTally } from '../domain/progress.js';
import type { Category } from '../domain/catalog.js';
import { isMariadb, isMysql, type Tx } from './db.js';
import { em } from './orm.js';
import { REGISTER_COUNT_TABLE } from './register-counts.js';
import { screenedWindowKept, SCREENED_COUNT_TABLE, SCREENED_TABLE } from './screened-households.js';
import { MAX_IN, q, readInt, readStrOrNull } from './sql.js';

/** A region node whose households are reported: city, town or village. */
export interface ReportNode {
  level: 'city' | 'town' | 'village';
  code: string;
}

export interface ProgressQuery extends Pick<ProgressInput, 'window' | 'villages' | 'deployments' | 'trainings'> {
  campaign: string;
  node: ReportNode;
  /** From how many households not counted yet their members are counted in one grouped pass (default 20,000; tests lower it). */
  manyUncounted?: number;
}

/** A grid's households on the register and how many of them were screened in the window. */
export interface GridCoverage {
  code: string;
  villageCode: string;
  households: number;
  screened: number;
}

export interface ProgressCounts {
  report: ProgressReport;
  /** Households and people (members not left) on the register, by village, town and the node's own code. */
  roster: Map<string, HouseholdsPeople>;
  /** Households with a monitoring subject not withdrawn, by village. */
  subjectHouseholds: Map<string, number>;
  /** Per grid (households without a grid left out), in code order. */
  grids: GridCoverage[];
}

const NODE_COLUMN: Record<ReportNode['level'], string> = { city: 'city_code', town: 'town_code', village: 'village_code' };

/** A scalar of a JSON text column as SQL text ('true'/'false' for booleans on MariaDB/MySQL, 1/0 on SQLite). */
function jsonScalar(tx: Tx, column: string, path: string): string {
  return isMysql(tx) ? `JSON_UNQUOTE(JSON_EXTRACT(${column}, '${path}'))` : `json_extract(${column}, '${path}')`;
}
/** True when a JSON boolean is true, on both engines. */
function jsonTrue(tx: Tx, column: string, path: string): string {
  return isMysql(tx) ? `${jsonScalar(tx, column, path)} = 'true'` : `${jsonScalar(tx, column, path)} = 1`;
}

/** The placeholders `(?, ?, …)` of a list of values. */
const list = (values: readonly string[]): string => `(${values.map(() => '?').join(', ')})`;

/** Members of household `h` who have not left, counted. */
const MEMBERS_COUNT = `(SELECT COUNT(*) FROM ${q('members')} m WHERE m.${q('household_id')} = h.${q('id')} AND m.${q('left_on')} IS NULL)`;

/**
 * 家庭人口 of household `h`: the count kept on the household (`households.people`, written with
 * every change of its members; migration 1764400100000-HouseholdPeople), or, for a household not
 * counted yet (NULL: written by other means), its members who have not left.
 */
const PEOPLE = `COALESCE(h.${q('people')}, ${MEMBERS_COUNT})`;

/** From this many households not counted yet, their members are counted in one grouped pass (MariaDB/MySQL). */
const MANY_UNCOUNTED = 20_000;
/** A statement's part and the values of its placeholders, in order. */
type Fragment = [sql: string, params: readonly unknown[]];

/**
 * On MariaDB, the prefix that lets one statement keep its temporary tables in memory up to `mb`
 * (and any other settings given) — `SET STATEMENT … FOR`; nothing elsewhere.
 */
async function roomFor(tx: Tx, mb: number, also?: string): Promise<string> {
  if (!(await isMariadb(tx))) return '';
  const bytes = mb * 1024 * 1024;
  return `SET STATEMENT max_heap_table_size = ${bytes}, tmp_table_size = ${bytes}${also ? `, ${also}` : ''} FOR `;
}

/**
 * On MariaDB/MySQL, the one index a table of a statement is read by (`FORCE INDEX`); nothing on
 * SQLite. With several indexes on a column compared to a place's list of villages, MariaDB's
 * planner reads each of them once per village to estimate (“index dives”): on a buffer pool that
 * does not hold the place, 20–55 ms before a statement that then runs in a few. The statements
 * of an answer know their one good plan (the indexes of migrations 1764300402000 and 1764400000000).
 */
const readBy = (tx: Tx, index: string): string => (isMysql(tx) ? ` FORCE INDEX (${index === 'PRIMARY' ? 'PRIMARY' : q(index)})` : '');

const n = (v: unknown): number => (v === null || v === undefined ? 0 : readInt(v));

/** 附件1 of the villages of a node, counted by the database, with the register's counts the views show. */
export async function progressByQueries(tx: Tx, p: ProgressQuery): Promise<ProgressCounts> {
  const codes = p.villages.map((v) => v.villageCode);
  const tallies = new Map<string, VillageTally>(p.villages.map((v) => [v.villageCode, newTally()]));
  tallyActivities(tallies, p);
  const out: ProgressCounts = { report: rollUpProgress(p.villages, tallies), roster: new Map(), subjectHouseholds: new Map(), grids: [] };
  if (codes.length === 0) return out;
  // The village list first: the index on households' village_code covers everything the queries read.
  const ctx = { tx, p, codes, tallies, nodeWhere: `h.${q('village_code')} IN ${list(codes)} AND h.${q(NODE_COLUMN[p.node.level])} = ?` };
  await households(ctx, out);
  await subjects(ctx);
  await reviews(ctx);
  await problems(ctx);
  await staff(ctx);
  out.report = rollUpProgress(p.villages, tallies);
  return out;
}

interface Ctx {
  tx: Tx;
  p: ProgressQuery;
  codes: string[];
  tallies: Map<string, VillageTally>;
  nodeWhere: string;
}

const addHp = (c: HouseholdsPeople, households: number, people: number): void => {
  c.households += households;
  c.people += people;
};

const addTo = (m: Map<string, HouseholdsPeople>, code: string, households: number, people: number): void => {
  const c = m.get(code) ?? { households: 0, people: 0 };
  addHp(c, households, people);
  m.set(code, c);
};

/**
 * Per village and grid: the register (户数, 人数), 集中排查对象 (households screened in the window,
 * each once), 其中脱贫户, 其中监测对象 (a subject not withdrawn), and the grids' coverage.
 */
async function households(ctx: Ctx, out: ProgressCounts): Promise<void> {
  const rows = (await keptWindow(ctx)) ? await householdsFromKept(ctx) : null;
  addHouseholdRows(ctx, rows ?? (await householdsFromScreenings(ctx)), out);
}

/**
 * True when the screened households of the query's window are kept as rows
 * (src/persistence/screened-households.ts). An answer never builds them — a first build reads
 * every screening of the campaign, far too long for a question in a chat or a form asked for:
 * until the sweeper's job (src/bot/jobs/screened-window.ts) or `npx shouwang check --open` has
 * built the window, the answer counts from the screenings.
 */
async function keptWindow({ tx, p }: Ctx): Promise<boolean> {
  return screenedWindowKept(tx, p.campaign, p.window.from);
}

/** One grouped row of the households' counts (any of the sums may be absent: zero). */
type CountRow = Record<string, unknown>;

/** Counter rows with their grid as the households have it: '' (a counter's key) is none. */
const gridOrNone = (rows: CountRow[]): CountRow[] => rows.map((r) => ({ ...r, g: r.g === '' ? null : r.g }));

/**
 * The same counts from the kept rows and counters: the register from its counters
 * (src/persistence/register-counts.ts: per village, grid, type and town), 集中排查对象 from the
 * kept counters (per grid, type and first day), the few households screened under another
 * village decided from their screenings, and the households with a subject read from the
 * subjects' side — no statement visits every household of the place. Null when some household's
 * 家庭人口 is not counted yet (NULL): those are counted from their members by the statements below.
 */
async function householdsFromKept({ tx, p, codes }: Ctx): Promise<CountRow[] | null> {
  const { from, to } = p.window;
  const nodeColumn = q(NODE_COLUMN[p.node.level]);
  const group = (a: string) => `${a}.${q('village_code')}, ${a}.${q('grid_code')}, ${a}.${q('type')}, ${a}.${q('town_code')}`;
  const named = (a: string) => `${a}.${q('village_code')} AS v, ${a}.${q('grid_code')} AS g, ${a}.${q('type')} AS ty, ${a}.${q('town_code')} AS t`;
  // The register: its counters (a grid of '' is none; a cell counted down to nothing is nothing).
  const register = gridOrNone(
    (await em(tx).query(
      `SELECT ${named('r')}, SUM(r.${q('households')}) AS hh, SUM(r.${q('people')}) AS pp, SUM(r.${q('uncounted')}) AS uncounted
         FROM ${q(REGISTER_COUNT_TABLE)} r WHERE r.${q('village_code')} IN ${list(codes)} AND r.${nodeColumn} = ?
        GROUP BY ${group('r')} HAVING SUM(r.${q('households')}) <> 0`,
      [...codes, p.node.code],
    )) as CountRow[],
  );
  if (register.some((r) => n(r.uncounted) > 0)) return null;
  const kept = `x.${q('campaign')} = ? AND x.${q('window_from')} = ? AND x.${q('village_code')} IN ${list(codes)}`;
  const inPlace = new Set(codes);
  const keptParams = [p.campaign, from, ...codes];
  // Screened in their own village: the counters per grid, type and first day (a grid of '' is none).
  const screened = gridOrNone(
    (await em(tx).query(
      `SELECT ${named('c')}, SUM(c.${q('households')}) AS shh, SUM(c.${q('people')}) AS spp
         FROM ${q(SCREENED_COUNT_TABLE)} c
        WHERE c.${q('campaign')} = ? AND c.${q('window_from')} = ? AND c.${q('village_code')} IN ${list(codes)} AND c.${q('first_day')} <= ? AND c.${nodeColumn} = ?
        GROUP BY ${group('c')}`,
      [...keptParams, to, p.node.code],
    )) as CountRow[],
  );
  // Screened under another village as well: counted when a screening of the window was filed
  // under one of the place's villages, as the statements below decide it. Such rows are few, mostly
  // none: they are looked for alone first, and their screenings read only when there are some (a
  // statement that joins the screenings costs MariaDB's planner 20–30 ms of index dives on a cold
  // buffer pool even when it finds nothing).
  const elsewhereRows = (await em(tx).query(
    `SELECT x.${q('household_id')} AS id, ${named('x')}, x.${q('people')} AS spp
       FROM ${q(SCREENED_TABLE)} x
      WHERE ${kept} AND x.${q('elsewhere')} = 1 AND x.${nodeColumn} = ?`,
    [...keptParams, p.node.code],
  )) as CountRow[];
  const elsewhereScreened = new Set<number>();
  const elsewhereIds = elsewhereRows.map((r) => n(r.id));
  for (let k = 0; k < elsewhereIds.length; k += MAX_IN) {
    const ids = elsewhereIds.slice(k, k + MAX_IN);
    const found = (await em(tx).query(
      `SELECT DISTINCT s.${q('household_id')} AS id FROM ${q('screening_record')} s
        WHERE s.${q('campaign')} = ? AND s.${q('household_id')} IN (${ids.map(() => '?').join(', ')}) AND s.${q('day')} >= ? AND s.${q('day')} <= ? AND s.${q('village_code')} IN ${list(codes)}`,
      [p.campaign, ...ids, from, to, ...codes],
    )) as CountRow[];
    for (const r of found) elsewhereScreened.add(n(r.id));
  }
  const elsewhere = elsewhereRows.filter((r) => elsewhereScreened.has(n(r.id)));
  // 其中监测对象 and the households with a subject not withdrawn (督导): a place's subjects are few,
  // each household's kept row found by its key. Whether the household is still in the place is
  // decided here, not in the statement: a condition on the households' columns would have the
  // planner weigh their indexes for a table it reads by key only.
  const subjects = (
    (await em(tx).query(
      `SELECT DISTINCT h.${q('id')} AS id, h.${q('village_code')} AS v, h.${nodeColumn} AS node, h.${q('people')} AS pp, x.${q('first_day')} AS fd, x.${q('elsewhere')} AS e
         FROM ${q('monitoring_subject')} ms${readBy(tx, 'ix_monitoring_subject_village_code_status')}
         JOIN ${q('households')} h${readBy(tx, 'PRIMARY')} ON h.${q('id')} = ms.${q('household_id')}
         LEFT JOIN ${q(SCREENED_TABLE)} x${readBy(tx, 'PRIMARY')} ON x.${q('campaign')} = ? AND x.${q('window_from')} = ? AND x.${q('household_id')} = h.${q('id')}
        WHERE ms.${q('status')} <> 'withdrawn' AND ms.${q('village_code')} IN ${list(codes)}`,
      [p.campaign, from, ...codes],
    )) as CountRow[]
  ).filter((r) => inPlace.has(String(r.v)) && String(r.node) === p.node.code);
  const subjectRows = subjects.map((r) => {
    const fd = readStrOrNull(r.fd);
    const isScreened = n(r.e) === 1 ? elsewhereScreened.has(n(r.id)) : fd !== null && fd <= to;
    return { v: r.v, g: null, jhh: 1, sjh: isScreened ? 1 : 0, sjp: isScreened ? r.pp : 0 };
  });
  return [...register, ...screened, ...elsewhere.map((r) => ({ ...r, shh: 1 })), ...subjectRows];
}

/** The register and 集中排查对象 worked out from the screenings at each answer (the window not kept, or people not counted yet). */
async function householdsFromScreenings({ tx, p, codes, nodeWhere }: Ctx): Promise<CountRow[]> {
  const { from, to } = p.window;
  const screenedExists = `EXISTS (SELECT 1 FROM ${q('screening_record')} s WHERE s.${q('campaign')} = ? AND s.${q('household_id')} = h.${q('id')}
                                AND s.${q('day')} >= ? AND s.${q('day')} <= ? AND s.${q('village_code')} IN ${list(codes)})`;
  const screenedParams = [p.campaign, from, to, ...codes];
  // The register and the screened households, with the people kept on each household: the
  // households' index in its own order (village, grid, type, town), so the groups stream without a
  // temporary table. "Screened" comes from the window's screened households, read from the index on
  // (campaign, village, day, household): MariaDB/MySQL join them as a keyed table; SQLite does not
  // key a joined subquery (it would scan it once per household) but builds a set for `IN`.
  const mysql = isMysql(tx);
  // DISTINCT for the keyed table. For SQLite's `IN` set only when the whole city is read anyway
  // (a smaller set, from the index ordered by household); for a town or a village SQLite would take
  // it as a reason to read every screening of the campaign in that order instead of the villages'
  // range (a village's answer: 271 ms against 6 ms on the 1,000,000-household city).
  const distinct = mysql || p.node.level === 'city' ? 'DISTINCT ' : '';
  const screenedOf = `SELECT ${distinct}s.${q('household_id')} AS household_id FROM ${q('screening_record')} s
                       WHERE s.${q('campaign')} = ? AND s.${q('village_code')} IN ${list(codes)} AND s.${q('day')} >= ? AND s.${q('day')} <= ?`;
  const screenedOfParams = [p.campaign, ...codes, from, to];
  // 其中监测对象 and the households with a subject not withdrawn (督导) ride along the same way.
  const subjectOf = `SELECT ${distinct}ms.${q('household_id')} AS household_id FROM ${q('monitoring_subject')} ms
                      WHERE ms.${q('status')} <> 'withdrawn' AND ms.${q('village_code')} IN ${list(codes)}`;
  // Each expression with the parameters of its placeholders, so the statement's list stays in order
  // on SQLite, where the sets are subqueries inside the expressions.
  const isScreened: Fragment = mysql ? ['sc.household_id IS NOT NULL', []] : [`h.${q('id')} IN (${screenedOf})`, screenedOfParams];
  const hasSubject: Fragment = mysql ? ['so.household_id IS NOT NULL', []] : [`h.${q('id')} IN (${subjectOf})`, codes];
  const both: Fragment = [`${hasSubject[0]} AND ${isScreened[0]}`, [...hasSubject[1], ...isScreened[1]]];
  const people = `h.${q('people')}`;
  const sums: Array<[name: string, when: Fragment, then: string]> = [
    ['shh', isScreened, '1'],
    ['spp', isScreened, people],
    ['jhh', hasSubject, '1'],
    ['sjh', both, '1'],
    ['sjp', both, people],
    ['uncounted', [`${people} IS NULL`, []], '1'],
  ];
  // The keyed tables of a whole city hold about a million household ids: MariaDB would move them
  // to disk beyond its default 16 MB for in-memory temporary tables (7× slower on the 1,000,000-
  // household city, bench/README.md), so this one statement may use up to 64 MB.
  const counted = (await em(tx).query(
    `${await roomFor(tx, 64)}SELECT h.${q('village_code')} AS v, h.${q('grid_code')} AS g, h.${q('type')} AS ty, h.${q('town_code')} AS t, COUNT(*) AS hh, SUM(${people}) AS pp,
            ${sums.map(([name, [when], then]) => `SUM(CASE WHEN ${when} THEN ${then} ELSE 0 END) AS ${name}`).join(',\n            ')}
       FROM ${q('households')} h
       ${mysql ? `LEFT JOIN (${screenedOf}) sc ON sc.household_id = h.${q('id')} LEFT JOIN (${subjectOf}) so ON so.household_id = h.${q('id')}` : ''}
      WHERE ${nodeWhere}
      GROUP BY h.${q('village_code')}, h.${q('grid_code')}, h.${q('type')}, h.${q('town_code')}`,
    [...sums.flatMap(([, [, params]]) => params), ...(mysql ? [...screenedOfParams, ...codes] : []), ...codes, p.node.code],
  )) as Array<Record<string, unknown>>;
  // Households not counted yet (NULL: written by other means): their members' count, asked for
  // only when the first statement saw some. They add people only: the households are in the first
  // statement's counts. A few (found through the index on (people, village)) count their members
  // one household at a time, each per-household expression named once (an engine that merges the
  // inner query into the outer one evaluates a subquery as often as it is named). Many — a register
  // loaded in bulk by other means — make MariaDB/MySQL join everyone's grouped member counts, as the
  // hand-written SQL of bench/city-sql.ts does (MariaDB would otherwise turn the grouped table back
  // into a probe per household: split_materialized), in memory.
  const uncountedHouseholds = counted.reduce((sum, r) => sum + n(r.uncounted), 0);
  const uncounted =
    uncountedHouseholds === 0
      ? []
      : mysql && uncountedHouseholds >= (p.manyUncounted ?? MANY_UNCOUNTED)
        ? ((await em(tx).query(
            `${await roomFor(tx, 256, "optimizer_switch = 'split_materialized=off'")}SELECT h.${q('village_code')} AS v, h.${q('grid_code')} AS g, h.${q('type')} AS ty, h.${q('town_code')} AS t,
                    CASE WHEN sc.household_id IS NULL THEN 0 ELSE 1 END AS screened, CASE WHEN so.household_id IS NULL THEN 0 ELSE 1 END AS subject, SUM(COALESCE(pc.n, 0)) AS pp
               FROM ${q('households')} h
               LEFT JOIN (SELECT m.${q('household_id')} AS household_id, COUNT(*) AS n FROM ${q('members')} m WHERE m.${q('left_on')} IS NULL GROUP BY m.${q('household_id')}) pc
                      ON pc.household_id = h.${q('id')}
               LEFT JOIN (${screenedOf}) sc ON sc.household_id = h.${q('id')} LEFT JOIN (${subjectOf}) so ON so.household_id = h.${q('id')}
              WHERE ${nodeWhere} AND h.${q('people')} IS NULL
              GROUP BY h.${q('village_code')}, h.${q('grid_code')}, h.${q('type')}, h.${q('town_code')}, screened, subject`,
            [...screenedOfParams, ...codes, ...codes, p.node.code],
          )) as Array<Record<string, unknown>>)
        : ((await em(tx).query(
            `SELECT x.v AS v, x.g AS g, x.ty AS ty, x.t AS t, x.screened AS screened, x.subject AS subject, SUM(x.people) AS pp
               FROM (SELECT h.${q('village_code')} AS v, h.${q('grid_code')} AS g, h.${q('type')} AS ty, h.${q('town_code')} AS t,
                            ${MEMBERS_COUNT} AS people, CASE WHEN ${screenedExists} THEN 1 ELSE 0 END AS screened,
                            CASE WHEN h.${q('id')} IN (${subjectOf}) THEN 1 ELSE 0 END AS subject
                       FROM ${q('households')} h
                      WHERE ${nodeWhere} AND h.${q('people')} IS NULL) x
              GROUP BY x.v, x.g, x.ty, x.t, x.screened, x.subject`,
            [...screenedParams, ...codes, ...codes, p.node.code],
          )) as Array<Record<string, unknown>>);
  return [
    ...counted,
    ...uncounted.map((r) => {
      const screened = n(r.screened) === 1;
      return { ...r, hh: 0, shh: 0, spp: screened ? r.pp : 0, jhh: 0, sjh: 0, sjp: screened && n(r.subject) === 1 ? r.pp : 0 };
    }),
  ];
}

/**
 * Adds grouped rows up: `hh`/`pp` the register, `shh`/`spp` 集中排查对象, `jhh` households with a
 * subject, `sjh`/`sjp` 其中监测对象 (absent sums count zero; rows without register counts leave the
 * register alone).
 */
function addHouseholdRows({ p, tallies }: Ctx, rows: CountRow[], out: ProgressCounts): void {
  const grids = new Map<string, GridCoverage>();
  for (const r of rows) {
    const [v, t] = [String(r.v), String(r.t)];
    const [households, people] = [n(r.hh), n(r.pp)];
    if (r.hh !== undefined) {
      addTo(out.roster, v, households, people);
      addTo(out.roster, t, households, people);
      if (p.node.code !== v && p.node.code !== t) addTo(out.roster, p.node.code, households, people);
    }
    const g = readStrOrNull(r.g);
    if (g !== null) {
      const cell = grids.get(g) ?? { code: g, villageCode: v, households: 0, screened: 0 };
      cell.households += households;
      cell.screened += n(r.shh);
      grids.set(g, cell);
    }
    if (n(r.jhh) > 0) out.subjectHouseholds.set(v, (out.subjectHouseholds.get(v) ?? 0) + n(r.jhh));
    const a = tallies.get(v);
    if (!a) continue;
    addHp(a.counts.screened, n(r.shh), n(r.spp));
    addHp(a.counts.screenedSubjects, n(r.sjh), n(r.sjp));
    if (String(r.ty) === 'alleviated') addHp(a.counts.screenedAlleviated, n(r.shh), n(r.spp));
  }
  out.grids = [...grids.values()].sort((x, y) => x.code.localeCompare(y.code));
}

const INCLUDED: Record<Category, 'includedMarginal' | 'includedUnstable' | 'includedSudden'> = {
  marginal: 'includedMarginal',
  unstable_alleviated: 'includedUnstable',
  sudden_hardship: 'includedSudden',
};

/** Per subject (every episode, every status): 纳入 by category and 其中因疫情纳入 in the window, 回退 and 清退. */
async function subjects({ tx, p, codes, tallies, nodeWhere }: Ctx): Promise<void> {
  const { from, to } = p.window;
  const requestedOn = jsonScalar(tx, `ms.${q('withdrawal')}`, '$.requestedOn');
  const rows = (await em(tx).query(
    `SELECT x.village_code AS v, x.category AS category, x.included AS included, x.epidemic AS epidemic,
            COUNT(*) AS n, SUM(x.people) AS pp, SUM(x.reverted) AS reverted, SUM(x.withdrawn) AS withdrawn
       FROM (SELECT h.${q('village_code')} AS village_code, ms.${q('category')} AS category,
                    CASE WHEN ms.${q('included_on')} >= ? AND ms.${q('included_on')} <= ? THEN 1 ELSE 0 END AS included,
                    CASE WHEN ms.${q('epidemic')} = 1 THEN 1 ELSE 0 END AS epidemic,
                    CASE WHEN ms.${q('included_on')} >= ? AND ms.${q('included_on')} <= ? THEN ${PEOPLE} ELSE 0 END AS people,
                    CASE WHEN EXISTS (SELECT 1 FROM ${q('subject_event')} e WHERE e.${q('subject_id')} = ms.${q('id')} AND e.${q('kind')} = 'revert'
                                        AND e.${q('day')} >= ? AND e.${q('day')} <= ?) THEN 1 ELSE 0 END AS reverted,
                    CASE WHEN ms.${q('withdrawal')} IS NOT NULL AND ${requestedOn} >= ? AND ${requestedOn} <= ? THEN 1 ELSE 0 END AS withdrawn
               FROM ${q('monitoring_subject')} ms${readBy(tx, 'ix_monitoring_subject_village_code_status')} JOIN ${q('households')} h${readBy(tx, 'PRIMARY')} ON h.${q('id')} = ms.${q('household_id')}
              WHERE ms.${q('village_code')} IN ${list(codes)} AND ${nodeWhere}) x
      GROUP BY x.village_code, x.category, x.included, x.epidemic`,
    [from, to, from, to, from, to, from, to, ...codes, ...codes, p.node.code],
  )) as Array<Record<string, unknown>>;
  for (const r of rows) {
    const a = tallies.get(String(r.v));
    if (!a) continue;
    a.counts.reverted += n(r.reverted);
    a.counts.withdrawn += n(r.withdrawn);
    const key = INCLUDED[String(r.category) as Category];
    if (n(r.included) !== 1 || !key) continue;
    addHp(a.counts[key], n(r.n), n(r.pp));
    if (n(r.epidemic) === 1) addHp(a.counts.includedCovid, n(r.n), n(r.pp));
  }
}

/** 回头看 总数: subjects reviewed in the window (附件4 rows, the subject in the answers), each once. */
async function reviews({ tx, p, codes, tallies, nodeWhere }: Ctx): Promise<void> {
  const rows = (await em(tx).query(
    `SELECT h.${q('village_code')} AS v, COUNT(DISTINCT ${jsonScalar(tx, `s.${q('answers')}`, '$.subjectId')}) AS n
       FROM ${q('screening_record')} s${readBy(tx, 'ix_screening_form_village_day')} JOIN ${q('households')} h${readBy(tx, 'PRIMARY')} ON h.${q('id')} = s.${q('household_id')}
      WHERE s.${q('campaign')} = ? AND s.${q('form')} = 'review' AND s.${q('village_code')} IN ${list(codes)}
        AND s.${q('day')} >= ? AND s.${q('day')} <= ? AND ${nodeWhere}
      GROUP BY h.${q('village_code')}`,
    [p.campaign, ...codes, p.window.from, p.window.to, ...codes, p.node.code],
  )) as Array<Record<string, unknown>>;
  for (const r of rows) {
    const a = tallies.get(String(r.v));
    if (a) a.counts.reviewTotal += n(r.n);
  }
}

/** 问题整改: problems found in the window, those rectified by the report day, and of those the data corrections. */
async function problems({ tx, p, codes, tallies }: Ctx): Promise<void> {
  const { from, to } = p.window;
  const rectified = `pb.${q('status')} = 'rectified' AND pb.${q('rectification')} IS NOT NULL AND ${jsonScalar(tx, `pb.${q('rectification')}`, '$.day')} <= ?`;
  const rows = (await em(tx).query(
    `SELECT pb.${q('village_code')} AS v, COUNT(*) AS found,
            SUM(CASE WHEN ${rectified} THEN 1 ELSE 0 END) AS rectified,
            SUM(CASE WHEN ${rectified} AND ${jsonTrue(tx, `pb.${q('rectification')}`, '$.dataCorrected')} THEN 1 ELSE 0 END) AS corrected
       FROM ${q('problem')} pb
      WHERE pb.${q('village_code')} IN ${list(codes)} AND pb.${q('found_on')} >= ? AND pb.${q('found_on')} <= ?
      GROUP BY pb.${q('village_code')}`,
    [to, to, ...codes, from, to],
  )) as Array<Record<string, unknown>>;
  for (const r of rows) {
    const a = tallies.get(String(r.v));
    if (!a) continue;
    a.counts.problemsFound += n(r.found);
    a.counts.problemsRectified += n(r.rectified);
    a.counts.dataCorrections += n(r.corrected);
  }
}

/**
 * 参与集中排查的各级部门总人数: who recorded a screening in the window, per village. The pairs
 * (village, screener) are few (a village's team), and the roll-up counts each person once per
 * town and city. The campaign's pairs come from the index on (campaign, village, screener, day)
 * without the window, which MariaDB/MySQL read one entry per pair (a loose index scan: a town's
 * 120 pairs instead of its 50,000 screenings — with the window in the same condition they read
 * every screening); each pair is then kept when one probe finds a screening of it in the window.
 */
async function staff({ tx, p, codes, tallies }: Ctx): Promise<void> {
  const rows = (await em(tx).query(
    `SELECT x.v AS v, x.who AS who
       FROM (SELECT DISTINCT s.${q('campaign')} AS c, s.${q('village_code')} AS v, s.${q('screener')} AS who
               FROM ${q('screening_record')} s
              WHERE s.${q('campaign')} = ? AND s.${q('village_code')} IN ${list(codes)}) x
      WHERE EXISTS (SELECT 1 FROM ${q('screening_record')} s WHERE s.${q('campaign')} = x.c AND s.${q('village_code')} = x.v AND s.${q('screener')} = x.who
                       AND s.${q('day')} >= ? AND s.${q('day')} <= ?)`,
    [p.campaign, ...codes, p.window.from, p.window.to],
  )) as Array<Record<string, unknown>>;
  for (const r of rows) tallies.get(String(r.v))?.staff.add(String(r.who));
}
