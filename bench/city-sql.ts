/**
 * 附件1 by hand: a few plain SQL statements over the product's tables, written from the column
 * definitions in the header of src/domain/progress.ts (not from its code), so the benchmark can
 * check the product's numbers against an independent calculation and time the two side by side.
 * The statements only group and count; the few lines of TypeScript after them put the counts into
 * rows and add villages up into towns and the city (staff excepted: people are counted once across
 * villages, so towns and the city have their own DISTINCT counts).
 *
 *   const hand = await handProgress(ds, { campaign: '2022', from: '2022-04-25', to: '2022-05-27' });
 *   compareProgress(hand, placeReport(...).report)     // [] when every cell agrees
 */
import type { Database } from '../src/persistence/db.js';
import { dataSourceOf } from '../src/persistence/orm.js';

type DataSource = Database;
import type { HouseholdsPeople, ProgressReport, ProgressRow } from '../src/domain/progress.js';

export interface HandWindow {
  campaign: string;
  from: string;
  to: string;
}

type Raw = Record<string, unknown>;
const n = (v: unknown): number => Number(v ?? 0);

const mysqlOf = (ds: DataSource): boolean => dataSourceOf(ds).options.type === 'mysql';

/** A JSON member as text, and a JSON member that is `true`, in the dialect of the connection. */
function jsonSql(ds: DataSource) {
  const mysql = dataSourceOf(ds).options.type === 'mysql';
  return {
    text: (col: string, path: string) => (mysql ? `JSON_VALUE(${col}, '${path}')` : `json_extract(${col}, '${path}')`),
    isTrue: (col: string, path: string) => (mysql ? `JSON_VALUE(${col}, '${path}') IN ('1', 'true')` : `json_extract(${col}, '${path}') = 1`),
  };
}

/**
 * People of a household: its members who have not left. MariaDB joins a grouped count (it keys the
 * derived table); SQLite would scan such a table once per household, so there each household counts
 * its own members through the members' household index.
 */
const PEOPLE_BY_HOUSEHOLD = `SELECT household_id, COUNT(*) AS people FROM members WHERE left_on IS NULL GROUP BY household_id`;
const PEOPLE_OF = (h: string) => `(SELECT COUNT(*) FROM members m WHERE m.household_id = ${h}.id AND m.left_on IS NULL)`;

/** The statements, by cell group. Parameters: see `handProgress`. */
function statements(ds: DataSource) {
  const j = jsonSql(ds);
  const mysql = dataSourceOf(ds).options.type === 'mysql';
  return {
    villages: `SELECT v.code AS village, v.parent_code AS town, t.parent_code AS city FROM regions v JOIN regions t ON t.code = v.parent_code WHERE v.level = 'village'`,
    // 集中排查对象, 其中脱贫户, 其中监测对象: households with a record of the campaign in the window, counted once, in their own village.
    screened: mysql
      ? `
      SELECT h.village_code AS village,
             COUNT(*) AS households, SUM(COALESCE(p.people, 0)) AS people,
             SUM(CASE WHEN h.type = 'alleviated' THEN 1 ELSE 0 END) AS alleviated_h,
             SUM(CASE WHEN h.type = 'alleviated' THEN COALESCE(p.people, 0) ELSE 0 END) AS alleviated_p,
             SUM(CASE WHEN so.household_id IS NOT NULL THEN 1 ELSE 0 END) AS subject_h,
             SUM(CASE WHEN so.household_id IS NOT NULL THEN COALESCE(p.people, 0) ELSE 0 END) AS subject_p
        FROM (SELECT DISTINCT household_id FROM screening_record WHERE campaign = ? AND day BETWEEN ? AND ?) s
        JOIN households h ON h.id = s.household_id
        LEFT JOIN (${PEOPLE_BY_HOUSEHOLD}) p ON p.household_id = h.id
        LEFT JOIN (SELECT DISTINCT household_id FROM monitoring_subject WHERE status <> 'withdrawn') so ON so.household_id = h.id
       GROUP BY h.village_code`
      : `
      SELECT x.village AS village,
             COUNT(*) AS households, SUM(x.people) AS people,
             SUM(CASE WHEN x.type = 'alleviated' THEN 1 ELSE 0 END) AS alleviated_h,
             SUM(CASE WHEN x.type = 'alleviated' THEN x.people ELSE 0 END) AS alleviated_p,
             SUM(CASE WHEN x.subject = 1 THEN 1 ELSE 0 END) AS subject_h,
             SUM(CASE WHEN x.subject = 1 THEN x.people ELSE 0 END) AS subject_p
        FROM (SELECT h.village_code AS village, h.type AS type, ${PEOPLE_OF('h')} AS people,
                     CASE WHEN EXISTS (SELECT 1 FROM monitoring_subject so WHERE so.household_id = h.id AND so.status <> 'withdrawn') THEN 1 ELSE 0 END AS subject
                FROM households h
               WHERE EXISTS (SELECT 1 FROM screening_record r WHERE r.campaign = ? AND r.household_id = h.id AND r.day BETWEEN ? AND ?)) x
       GROUP BY x.village`,
    // 纳入 by category, and 其中因疫情纳入: subjects included in the window (each inclusion counts).
    included: `
      SELECT h.village_code AS village, s.category AS category, s.epidemic AS epidemic, COUNT(*) AS households, SUM(${PEOPLE_OF('h')}) AS people
        FROM monitoring_subject s JOIN households h ON h.id = s.household_id
       WHERE s.included_on BETWEEN ? AND ?
       GROUP BY h.village_code, s.category, s.epidemic`,
    // 回退 (a revert in the window) and 清退 (a standing written request dated in the window), subjects.
    revertedWithdrawn: `
      SELECT h.village_code AS village,
             SUM(CASE WHEN EXISTS (SELECT 1 FROM subject_event e WHERE e.subject_id = s.id AND e.kind = 'revert' AND e.day BETWEEN ? AND ?) THEN 1 ELSE 0 END) AS reverted,
             SUM(CASE WHEN s.withdrawal IS NOT NULL AND ${j.text('s.withdrawal', '$.requestedOn')} BETWEEN ? AND ? THEN 1 ELSE 0 END) AS withdrawn
        FROM monitoring_subject s JOIN households h ON h.id = s.household_id
       GROUP BY h.village_code`,
    // 回头看 总数: subjects with a 附件4 record of the campaign in the window.
    reviews: `
      SELECT h.village_code AS village, COUNT(DISTINCT r.subject_id) AS reviewed
        FROM screening_record r JOIN households h ON h.id = r.household_id
       WHERE r.campaign = ? AND r.form = 'review' AND r.day BETWEEN ? AND ?
       GROUP BY h.village_code`,
    // 排查问题总数 / 问题整改数 / 补正数据: problems found in the window, rectified by the report day.
    problems: `
      SELECT village_code AS village, COUNT(*) AS found,
             SUM(CASE WHEN status = 'rectified' AND ${j.text('rectification', '$.day')} <= ? THEN 1 ELSE 0 END) AS rectified,
             SUM(CASE WHEN status = 'rectified' AND ${j.text('rectification', '$.day')} <= ? AND ${j.isTrue('rectification', '$.dataCorrected')} THEN 1 ELSE 0 END) AS corrected
        FROM problem WHERE found_on BETWEEN ? AND ?
       GROUP BY village_code`,
    // 参与集中排查的各级部门总人数: who screened where (distinct pairs, read from an index alone);
    // counted per village, town and city below, each person once per place. (Grouping the records by
    // their town or city column instead reads every record in full: 26 s on the 1,000,000-household city.)
    staff: `SELECT DISTINCT village_code AS village, screener FROM screening_record WHERE campaign = ? AND day BETWEEN ? AND ?`,
    // 是否专门安排部署: the village's latest deployment report (a void withdraws it) is a deployment dated by the report day.
    deployed: `
      SELECT a.village_code AS village FROM campaign_activity a
       WHERE a.campaign = ? AND a.kind = 'deployment' AND a.day <= ?
         AND NOT EXISTS (SELECT 1 FROM campaign_activity b
                          WHERE b.campaign = a.campaign AND b.village_code = a.village_code AND b.kind IN ('deployment', 'deployment_void')
                            AND (b.recorded_at > a.recorded_at OR (b.recorded_at = a.recorded_at AND b.id > a.id)))`,
    // 培训人数: the village's latest report in the window (by day, then as recorded).
    trained: `
      SELECT a.village_code AS village, a.people AS people FROM campaign_activity a
       WHERE a.campaign = ? AND a.kind = 'training' AND a.day BETWEEN ? AND ?
         AND NOT EXISTS (SELECT 1 FROM campaign_activity b
                          WHERE b.campaign = a.campaign AND b.village_code = a.village_code AND b.kind = 'training' AND b.day BETWEEN ? AND ?
                            AND (b.day > a.day OR (b.day = a.day AND (b.recorded_at > a.recorded_at OR (b.recorded_at = a.recorded_at AND b.id > a.id)))))`,
  };
}

const hp = (households = 0, people = 0): HouseholdsPeople => ({ households, people });

function emptyRow(level: ProgressRow['level'], cityCode: string, townCode: string | null, villageCode: string | null): ProgressRow {
  return {
    level, cityCode, townCode, villageCode, deployed: false, villages: 0, deployedVillages: 0, staff: 0,
    screened: hp(), screenedAlleviated: hp(), screenedSubjects: hp(), includedMarginal: hp(), includedUnstable: hp(), includedSudden: hp(), includedCovid: hp(),
    reviewTotal: 0, reverted: 0, withdrawn: 0, problemsFound: 0, problemsRectified: 0, dataCorrections: 0, trained: 0,
  };
}

const HP = ['screened', 'screenedAlleviated', 'screenedSubjects', 'includedMarginal', 'includedUnstable', 'includedSudden', 'includedCovid'] as const;
const COUNTS = ['reviewTotal', 'reverted', 'withdrawn', 'problemsFound', 'problemsRectified', 'dataCorrections', 'trained', 'villages', 'deployedVillages'] as const;
const INCLUDED: Record<string, (typeof HP)[number]> = { marginal: 'includedMarginal', unstable_alleviated: 'includedUnstable', sudden_hardship: 'includedSudden' };

/** 附件1 of every village of the stored region tree, its towns and the city, by the statements above. */
export async function handProgress(ds: DataSource, w: HandWindow): Promise<ProgressReport> {
  const s = statements(ds);
  // On MariaDB the big keyed tables (a million households) get the same 64 MB of memory the product's
  // statement asks for, so both are compared on equal terms.
  const mariadb = mysqlOf(ds) && /mariadb/i.test(String(((await dataSourceOf(ds).query('SELECT VERSION() AS v')) as Raw[])[0]?.v));
  const roomy = mariadb ? 'SET STATEMENT max_heap_table_size = 67108864, tmp_table_size = 67108864 FOR ' : '';
  const q = (sql: string, params: unknown[]) => dataSourceOf(ds).query(`${roomy}${sql}`, params) as Promise<Raw[]>;
  const villageList = (await q(s.villages, [])).map((r) => ({ village: String(r.village), town: String(r.town), city: String(r.city) }));
  villageList.sort((a, b) => a.town.localeCompare(b.town) || a.village.localeCompare(b.village));
  const rows = new Map(villageList.map((v) => [v.village, { ...emptyRow('village', v.city, v.town, v.village), villages: 1 }]));
  const at = (code: unknown): ProgressRow | undefined => rows.get(String(code));

  for (const r of await q(s.screened, [w.campaign, w.from, w.to])) {
    const row = at(r.village);
    if (!row) continue;
    row.screened = hp(n(r.households), n(r.people));
    row.screenedAlleviated = hp(n(r.alleviated_h), n(r.alleviated_p));
    row.screenedSubjects = hp(n(r.subject_h), n(r.subject_p));
  }
  for (const r of await q(s.included, [w.from, w.to])) {
    const row = at(r.village);
    const key = INCLUDED[String(r.category)];
    if (!row || !key) continue;
    row[key].households += n(r.households);
    row[key].people += n(r.people);
    if (n(r.epidemic) === 1) {
      row.includedCovid.households += n(r.households);
      row.includedCovid.people += n(r.people);
    }
  }
  for (const r of await q(s.revertedWithdrawn, [w.from, w.to, w.from, w.to])) {
    const row = at(r.village);
    if (row) Object.assign(row, { reverted: n(r.reverted), withdrawn: n(r.withdrawn) });
  }
  for (const r of await q(s.reviews, [w.campaign, w.from, w.to])) {
    const row = at(r.village);
    if (row) row.reviewTotal = n(r.reviewed);
  }
  for (const r of await q(s.problems, [w.to, w.to, w.from, w.to])) {
    const row = at(r.village);
    if (row) Object.assign(row, { problemsFound: n(r.found), problemsRectified: n(r.rectified), dataCorrections: n(r.corrected) });
  }
  for (const r of await q(s.deployed, [w.campaign, w.to])) {
    const row = at(r.village);
    if (row) Object.assign(row, { deployed: true, deployedVillages: 1 });
  }
  for (const r of await q(s.trained, [w.campaign, w.from, w.to, w.from, w.to])) {
    const row = at(r.village);
    if (row) row.trained = n(r.people);
  }
  const screeners = new Map<string, Set<string>>();
  const screenerAt = (code: string, who: string) => screeners.set(code, (screeners.get(code) ?? new Set()).add(who));
  const placeOf = new Map(villageList.map((v) => [v.village, v]));
  for (const r of await q(s.staff, [w.campaign, w.from, w.to])) {
    const v = placeOf.get(String(r.village));
    if (v) for (const code of [v.village, v.town, v.city]) screenerAt(code, String(r.screener));
  }
  const staffOf = (code: string) => screeners.get(code)?.size ?? 0;
  for (const row of rows.values()) row.staff = staffOf(row.villageCode as string);

  const cityCode = villageList[0]?.city ?? '';
  const towns = new Map<string, ProgressRow>();
  const city = emptyRow('city', cityCode, null, null);
  for (const v of rows.values()) {
    const t = towns.get(v.townCode as string) ?? emptyRow('town', cityCode, v.townCode, null);
    towns.set(v.townCode as string, t);
    for (const sum of [t, city]) {
      for (const k of HP) {
        sum[k].households += v[k].households;
        sum[k].people += v[k].people;
      }
      for (const k of COUNTS) sum[k] += v[k];
    }
  }
  for (const t of towns.values()) Object.assign(t, { staff: staffOf(t.townCode as string), deployed: t.villages > 0 && t.deployedVillages === t.villages });
  Object.assign(city, { staff: staffOf(cityCode), deployed: city.villages > 0 && city.deployedVillages === city.villages });
  return { villages: [...rows.values()], towns: [...towns.values()], city };
}

const CELLS = ['deployed', 'villages', 'deployedVillages', 'staff', ...HP, ...COUNTS.filter((k) => k !== 'villages' && k !== 'deployedVillages')] as const;

const label = (r: ProgressRow): string => (r.level === 'city' ? `合计 ${r.cityCode}` : r.level === 'town' ? `小计 ${r.townCode}` : `村 ${r.villageCode}`);

/** Every cell where the two reports differ ("村 610821101201 screened.people: product 9 ≠ hand 10"); empty when they agree row by row. */
export function compareProgress(product: ProgressReport, hand: ProgressReport): string[] {
  const out: string[] = [];
  const pair = (a: ProgressRow | undefined, b: ProgressRow | undefined, what: string) => {
    if (!a || !b) {
      out.push(`${what}: ${a ? 'missing in the hand SQL' : 'missing in the product'}`);
      return;
    }
    for (const k of CELLS) {
      const x = a[k];
      const y = b[k];
      if (typeof x === 'object' && typeof y === 'object') {
        if (x.households !== y.households) out.push(`${label(a)} ${k}.households: product ${x.households} ≠ hand ${y.households}`);
        if (x.people !== y.people) out.push(`${label(a)} ${k}.people: product ${x.people} ≠ hand ${y.people}`);
      } else if (x !== y) out.push(`${label(a)} ${k}: product ${String(x)} ≠ hand ${String(y)}`);
    }
  };
  const byCode = (rows: ProgressRow[], key: 'villageCode' | 'townCode') => new Map(rows.map((r) => [r[key] as string, r]));
  for (const [level, key] of [['villages', 'villageCode'], ['towns', 'townCode']] as const) {
    const a = byCode(product[level], key);
    const b = byCode(hand[level], key);
    for (const code of new Set([...a.keys(), ...b.keys()])) pair(a.get(code), b.get(code), `${level} ${code}`);
  }
  pair(product.city, hand.city, 'city');
  return out;
}
