/**
 * `import households <file>`: the roster, one row per person, grouped by 户编号, streamed from
 * the file and written in batches of households, one transaction per batch. Memory holds one
 * batch plus the 户编号 seen so far (to refuse a household whose rows are not together, and to
 * tell a person listed twice in the file from one who moved household since the last import).
 *
 * Re-importing the same file changes nothing; a changed row updates its record with history;
 * a stored member missing from a fully valid household is marked left, with the file as reason.
 *
 * @example
 *   const { counts, report } = await importHouseholds(db, 'roster.xlsx', { now: Date.now(), actor: 'import' });
 */
import { basename } from 'node:path';
import { dayOf } from '../../domain/calendar.js';
import { transaction, type Database } from '../../persistence/db.js';
import { saveHouseholds, type HouseholdInput, type HouseholdSaveOutcome } from '../../persistence/household-writes.js';
import { householdCodesOfPersons } from '../../persistence/households.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { listStaff } from '../../persistence/staff.js';
import { HOUSEHOLD_COLUMNS } from './columns.js';
import { buildHousehold, parsePersonRow, type PersonRow, type RosterContext } from './household-rows.js';
import { readRecords } from './records.js';
import { ImportReport, type RowProblem } from './report.js';

export interface ImportOptions {
  /** Epoch ms of the import: the time of every change and history row. */
  now: number;
  /** Who imports (a UserID, or 'import'). */
  actor: string;
  /** Write the report csv beside the file (default true). */
  reportFile?: boolean;
  /** People per transaction (default 2000). */
  batchPeople?: number;
  tz?: string;
}

export interface HouseholdImportCounts {
  /** Data rows read (one per person). */
  rows: number;
  /** Rows whose person was not imported. */
  rowsRejected: number;
  households: { created: number; updated: number; unchanged: number; rejected: number };
  members: { created: number; updated: number; movedIn: number; left: number };
}

export interface ImportResult<C> {
  counts: C;
  report: ImportReport;
  summary: string[];
}

export async function importHouseholds(db: Database, file: string, opts: ImportOptions): Promise<ImportResult<HouseholdImportCounts>> {
  const report = await ImportReport.open(file, opts.reportFile !== false);
  try {
    const counts = await run(db, file, opts, report);
    return { counts, report, summary: summarize(file, counts) };
  } finally {
    await report.close();
  }
}

async function run(db: Database, file: string, opts: ImportOptions, report: ImportReport): Promise<HouseholdImportCounts> {
  const counts: HouseholdImportCounts = { rows: 0, rowsRejected: 0, households: { created: 0, updated: 0, unchanged: 0, rejected: 0 }, members: { created: 0, updated: 0, movedIn: 0, left: 0 } };
  const ctx: RosterContext = { tree: await loadRegionTree(db.manager), staff: await listStaff(db.manager), regionCache: new Map() };
  const meta = { actor: opts.actor, at: opts.now, reason: `导入户籍名册 ${basename(file)}` };
  const leftOn = dayOf(opts.now, opts.tz);
  const batchPeople = opts.batchPeople ?? 2000;
  /** 户编号 → the row where it first appeared in this file. */
  const seen = new Map<string, number>();
  let group: PersonRow[] = [];
  let batch: PersonRow[][] = [];
  let pending: RowProblem[] = [];
  let batchSize = 0;

  const flush = async () => {
    const built = await buildBatch(db, batch, ctx, seen);
    const complete = built.filter((b) => b.complete).map((b) => b.household as HouseholdInput);
    const partial = built.filter((b) => !b.complete && b.household).map((b) => b.household as HouseholdInput);
    const outcomes = await transaction(db, async (tx) => [
      ...(await saveHouseholds(tx, complete, meta, { absentMembers: { markLeft: true, on: leftOn, reason: `${meta.reason}：名册中已无此人` } })),
      ...(await saveHouseholds(tx, partial, meta)),
    ]);
    tally(counts, outcomes);
    counts.households.rejected += built.filter((b) => !b.household).length;
    counts.rowsRejected += batch.reduce((n, g) => n + g.length, 0) - [...complete, ...partial].reduce((n, h) => n + h.members.length, 0);
    await report.add([...pending, ...built.flatMap((b) => b.problems)]);
    batch = [];
    pending = [];
    batchSize = 0;
  };

  const closeGroup = async () => {
    if (group.length === 0) return;
    const code = (group[0] as PersonRow).code;
    const first = seen.get(code);
    if (first !== undefined) {
      // The household was already imported from its earlier rows; these would overwrite it.
      for (const r of group) for (const message of r.problems) pending.push({ row: r.row, key: code, message });
      const rows = group.map((r) => r.row);
      pending.push({ row: rows[0] as number, key: code, message: `户编号 ${code}（第 ${rows.join('、')} 行）未导入：同一户的成员行不连续（第 ${first} 行已出现该户编号），请按户编号排序后重新导入` });
      counts.households.rejected++;
      counts.rowsRejected += group.length;
    } else {
      seen.set(code, (group[0] as PersonRow).row);
      batch.push(group);
      batchSize += group.length;
    }
    group = [];
    if (batchSize >= batchPeople) await flush();
  };

  for await (const record of readRecords(file, HOUSEHOLD_COLUMNS)) {
    counts.rows++;
    const person = parsePersonRow(record);
    if (person.code === '') {
      pending.push({ row: person.row, message: ['缺少户编号', ...person.problems].join('；') });
      counts.rowsRejected++;
      continue;
    }
    if (group.length > 0 && (group[0] as PersonRow).code !== person.code) await closeGroup();
    group.push(person);
  }
  await closeGroup();
  await flush();
  return counts;
}

/**
 * Builds the households of a batch. An ID number used twice in the file keeps its first row: a
 * later row is refused when the first is in this batch, or when the stored person belongs (not
 * left) to a household imported earlier from this file. Otherwise a stored person elsewhere has
 * moved, and is moved.
 */
async function buildBatch(db: Database, batch: PersonRow[][], ctx: RosterContext, seen: ReadonlyMap<string, number>) {
  const ids = batch.flatMap((g) => g.flatMap((r) => (r.member ? [r.member.idNumber] : [])));
  const stored = await householdCodesOfPersons(db.manager, ids);
  const inBatch = new Set(batch.map((g) => (g[0] as PersonRow).code));
  const owner = new Map<string, PersonRow>();
  return batch.map((g) => {
    const dropped = new Map<number, string>();
    for (const r of g) {
      if (!r.member) continue;
      const first = owner.get(r.member.idNumber);
      const s = stored.get(r.member.idNumber);
      if (first) {
        dropped.set(r.row, first.code === r.code ? `身份证号与本户第 ${first.row} 行重复` : `身份证号与第 ${first.row} 行（户编号 ${first.code}）重复`);
      } else if (s && s.code !== r.code && !s.left && seen.has(s.code) && !inBatch.has(s.code)) {
        dropped.set(r.row, `身份证号已在本文件第 ${seen.get(s.code)} 行起的户编号 ${s.code} 中导入`);
      } else {
        owner.set(r.member.idNumber, r);
      }
    }
    return buildHousehold(g, ctx, dropped);
  });
}

function tally(counts: HouseholdImportCounts, outcomes: readonly HouseholdSaveOutcome[]): void {
  for (const o of outcomes) {
    counts.households[o.household]++;
    counts.members.created += o.members.created;
    counts.members.updated += o.members.updated;
    counts.members.movedIn += o.members.movedIn;
    counts.members.left += o.members.left;
  }
}

function summarize(file: string, c: HouseholdImportCounts): string[] {
  const h = c.households;
  const m = c.members;
  return [
    `导入户籍名册：${basename(file)}`,
    `读取 ${c.rows} 行（每行一人），导入 ${c.rows - c.rowsRejected} 人，未导入 ${c.rowsRejected} 人`,
    `户：新增 ${h.created}，更新 ${h.updated}，无变化 ${h.unchanged}，未导入 ${h.rejected}`,
    `成员：新增 ${m.created}，更新 ${m.updated}，迁入 ${m.movedIn}，标记迁出 ${m.left}`,
  ];
}
