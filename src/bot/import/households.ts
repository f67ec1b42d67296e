/**
 * `import households <file>`: the roster, one row per person, grouped by 户编号, streamed from
 * the file and written in batches of households, one transaction per batch. Each batch costs a
 * few statements whatever its size: one read of what it touches (its households by 户编号 with
 * their members, and only the ID numbers not found there), multi-row INSERTs, batched UPDATEs of
 * what changed, the history rows at once; an unchanged household writes nothing. While a batch is
 * written the next one is read and parsed. Memory holds those two batches plus the 户编号 seen so
 * far, compactly (key-rows.ts; to refuse a household whose rows are not together, and to tell a person listed twice in
 * the file from one registered elsewhere).
 *
 * Identity is guarded: an ID number is one person. A row whose ID number is registered under
 * another name, or in another household while the row carries no 变动 (分户, 合户, 婚嫁迁入, 迁入),
 * is refused with both named (the ID masked) — and with it the whole household: a household is
 * applied whole or not at all. Re-importing the same file changes nothing; a changed row updates
 * its record with history; a stored member missing from the household is marked left, with the
 * file as reason. The household columns' facts (income, 三保障 …) go to the facts register.
 *
 * @example
 *   const { counts, report } = await importHouseholds(db, 'roster.xlsx', { now: Date.now(), actor: 'import' });
 */
import { basename } from 'node:path';
import { dayOf } from '../../domain/calendar.js';
import { bulkWrites, readOnly, transaction, type Database } from '../../persistence/db.js';
import { saveHouseholds, type HouseholdInput, type HouseholdSaveOutcome } from '../../persistence/household-writes.js';
import { maskIdNumber } from '../../domain/privacy.js';
import { recordHouseholdFacts } from '../../persistence/household-facts.js';
import { findHouseholdByCode, loadStoredBatch, type StoredBatch, type StoredMember } from '../../persistence/households.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { listStaff } from '../../persistence/staff.js';
import { isActive, isHead, isJoining, MEMBER_CHANGE_LABEL, sameName } from '../../domain/household.js';
import { buildHousehold, type PersonRow, type RosterContext } from './household-rows.js';
import { KeyRows } from './key-rows.js';
import { readPersonRows } from './person-rows.js';
import { ImportReport, type ReportOptions, type RowProblem } from './report.js';

export interface ImportOptions extends ReportOptions {
  /** Epoch ms of the import: the time of every change and history row. */
  now: number;
  /** Who imports (a UserID, or 'import'). */
  actor: string;
  /** People per transaction (default 5000). */
  batchPeople?: number;
  tz?: string;
  /** The address codes of ID numbers (GB/T 2260), when a region code table is configured. */
  idRegionCodes?: ReadonlySet<string>;
  /** Read and parse the rows in a worker thread (person-rows.ts): by default for large files. */
  parseInWorker?: boolean;
}

export interface HouseholdImportCounts {
  /** Data rows read (one per person). */
  rows: number;
  /** Rows whose person was not imported. */
  rowsRejected: number;
  households: { created: number; updated: number; unchanged: number; rejected: number };
  members: { created: number; updated: number; movedIn: number; left: number };
  /** Facts (income, 三保障 …) appended to the facts register. */
  facts: number;
}

export interface ImportResult<C> {
  counts: C;
  report: ImportReport;
  summary: string[];
}

export async function importHouseholds(db: Database, file: string, opts: ImportOptions): Promise<ImportResult<HouseholdImportCounts>> {
  const report = await ImportReport.open(file, opts);
  try {
    const counts = await bulkWrites(db, () => run(db, file, opts, report));
    return { counts, report, summary: summarize(file, counts) };
  } finally {
    await report.close();
  }
}

async function run(db: Database, file: string, opts: ImportOptions, report: ImportReport): Promise<HouseholdImportCounts> {
  const counts: HouseholdImportCounts = { rows: 0, rowsRejected: 0, households: { created: 0, updated: 0, unchanged: 0, rejected: 0 }, members: { created: 0, updated: 0, movedIn: 0, left: 0 }, facts: 0 };
  const leftOn = dayOf(opts.now, opts.tz);
  const ctx: RosterContext & { today: string } = { tree: await loadRegionTree(db.manager), staff: await listStaff(db.manager), regionCache: new Map(), today: leftOn };
  const rowCtx = { today: leftOn, ...(opts.idRegionCodes ? { regionCodes: opts.idRegionCodes } : {}) };
  const meta = { actor: opts.actor, at: opts.now, reason: `导入户籍名册 ${basename(file)}` };
  const batchPeople = opts.batchPeople ?? 5000;
  /** 户编号 → the row where it first appeared in this file (compact: a million-person file has a third of a million). */
  const seen = new KeyRows();
  let group: PersonRow[] = [];
  let batch: PersonRow[][] = [];
  let pending: RowProblem[] = [];
  let batchSize = 0;

  /**
   * A batch is read and checked first (`check`: its stored households and people, the identity
   * rules, the households built), then written in one transaction (`write`). Batch N+1 is read and
   * checked while batch N is written, on another connection, so that the client's checks and the
   * server's inserts overlap; the writes stay one batch at a time, in file order. What batch N+1
   * read can be out of date only where batch N wrote: its households (and those its people moved
   * out of) and its people (and the members it marked left). If batch N+1 touches any of them, it
   * is read and checked again inside its own transaction, after batch N committed — so every batch
   * sees exactly what the batches before it wrote, as if they had run one after another.
   */
  const check = (batch: PersonRow[][], stored: StoredBatch) => {
    // Households of later batches, read meanwhile, are not imported yet: only codes first seen up to this batch's last row count.
    const last = (batch.at(-1)?.at(-1) as PersonRow | undefined)?.row ?? 0;
    const before = { has: (code: string) => (seen.get(code) ?? Infinity) <= last, get: (code: string) => seen.get(code) };
    return buildBatch(batch, ctx, before, stored.persons);
  };
  const keysOf = (batch: PersonRow[][]) => ({ codes: batch.map((g) => (g[0] as PersonRow).code), ids: batch.flatMap((g) => g.flatMap((r) => (r.member ? [r.member.idNumber] : []))) });
  /** What the batch written last may have changed (see `check`); null before the first. */
  let lastWritten: Written | null = null;
  /** How many batches have committed, and how many were handed to `write`. */
  let committed = 0;
  let dispatched = 0;

  const write = async (batch: PersonRow[][], pending: RowProblem[], read: Promise<CheckedBatch>, index: number) => {
    const early = await read;
    const { codes, ids } = keysOf(batch);
    // Read before the batch ahead of it (the only one that can be missing) committed, and touching what it wrote: read again below.
    const stale = early.after < index && lastWritten !== null && touches(lastWritten, codes, ids);
    const { built, saved, outcomes, written } = await transaction(db, async (tx) => {
      const stored = stale ? await loadStoredBatch(tx, codes, ids) : early.stored;
      const built = stale ? check(batch, stored) : early.built;
      const saved = built.filter((b) => b.household !== null);
      const moves = new Map(saved.flatMap((b) => [...b.moves]));
      const out = await saveHouseholds(tx, saved.map((b) => b.household as HouseholdInput), meta, { absentMembers: { markLeft: true, on: leftOn, reason: `${meta.reason}：名册中已无此人` }, moves, stored, validated: true });
      const idOf = new Map(out.map((o) => [o.code, o.id]));
      const facts = saved.flatMap((b) => b.facts.map((f) => ({ ...f, householdId: idOf.get((b.household as HouseholdInput).code) as number, source: 'import' as const, sourceRef: basename(file), asOf: leftOn })));
      counts.facts += await recordHouseholdFacts(tx, facts, meta);
      // A 户主 who moved out (分户 …) leaves the old household without one: say so, it is not an error of this file.
      const savedCodes = new Set(out.map((o) => o.code));
      const movedFrom = new Set(saved.flatMap((b) => b.movedFrom));
      for (const code of movedFrom) {
        const left = savedCodes.has(code) ? null : await findHouseholdByCode(tx, code);
        if (left && !left.members.some((m) => isActive(m) && isHead(m))) report.note(`户编号 ${code}：户主已迁到别的户，该户现在没有户主，请补填新户主后重新导入该户`);
      }
      return { built, saved, outcomes: out, written: writtenBy(codes, ids, movedFrom, stored) };
    });
    lastWritten = written;
    committed++;
    tally(counts, outcomes);
    counts.households.rejected += built.length - saved.length;
    counts.rowsRejected += batch.reduce((n, g) => n + g.length, 0) - saved.reduce((n, b) => n + (b.household as HouseholdInput).members.length, 0);
    await report.add([...pending, ...built.flatMap((b) => b.problems)]);
  };
  /** The batch being written, if any: at most one at a time, so each batch reads what the one before wrote. */
  let writing: Promise<void> | null = null;
  const flush = async () => {
    const [mine, mineProblems, ahead] = [batch, pending, writing];
    batch = [];
    pending = [];
    batchSize = 0;
    if (mine.length === 0 && mineProblems.length === 0) return;
    const index = dispatched++;
    const { codes, ids } = keysOf(mine);
    // Read and checked now, while the batch ahead is written (autocommit reads on MariaDB; SQLite takes its turn after that write).
    const read = readOnly(db, async (tx) => {
      const after = committed;
      const stored = await loadStoredBatch(tx, codes, ids);
      return { after, stored, built: check(mine, stored) };
    });
    // Its failure is thrown by `write`; until then it must not count as unhandled.
    read.catch(() => undefined);
    const next = (async () => {
      if (ahead) await ahead;
      await write(mine, mineProblems, read, index);
    })();
    next.catch(() => undefined);
    // At most one batch written and one checked at a time: the next is read from the file meanwhile.
    if (ahead) await ahead;
    writing = next;
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

  for await (const rows of readPersonRows(file, rowCtx, report.listUnknownColumns, opts.parseInWorker === undefined ? {} : { worker: opts.parseInWorker })) {
    for (const person of rows) {
      counts.rows++;
      if (person.code === '') {
        pending.push({ row: person.row, message: ['缺少户编号', ...person.problems].join('；') });
        counts.rowsRejected++;
        continue;
      }
      if (group.length > 0 && (group[0] as PersonRow).code !== person.code) await closeGroup();
      group.push(person);
    }
  }
  await closeGroup();
  await flush();
  await writing;
  return counts;
}

type CheckedBatch = { after: number; stored: StoredBatch; built: ReturnType<typeof buildBatch> };

/** What writing a batch may have changed of what a later batch reads: households by 户编号, people by ID number. */
interface Written {
  codes: ReadonlySet<string>;
  ids: ReadonlySet<string>;
}

/** The batch's households and those its people left, its people and every stored member of its households (some are marked left). */
function writtenBy(codes: readonly string[], ids: readonly string[], movedFrom: ReadonlySet<string>, stored: StoredBatch): Written {
  const people = new Set(ids);
  for (const members of stored.membersOf.values()) for (const m of members) people.add(m.idNumber);
  return { codes: new Set([...codes, ...movedFrom]), ids: people };
}

function touches(written: Written, codes: readonly string[], ids: readonly string[]): boolean {
  return codes.some((c) => written.codes.has(c)) || ids.some((id) => written.ids.has(id));
}

/**
 * Builds the households of a batch, guarding identity. An ID number used twice in the file keeps
 * its first row. A row is refused when its ID number is registered under another name, or (still
 * there, not left) in another household without a joining 变动 — or in a household imported
 * earlier from this file. With a joining 变动 the person moves (saveHouseholds records it).
 */
function buildBatch(batch: PersonRow[][], ctx: RosterContext & { today: string }, seen: Pick<ReadonlyMap<string, number>, 'has' | 'get'>, stored: ReadonlyMap<string, StoredMember>) {
  const inBatch = new Set(batch.map((g) => (g[0] as PersonRow).code));
  const owner = new Map<string, PersonRow>();
  return batch.map((g) => {
    const dropped = new Map<number, string>();
    const movedFrom: string[] = [];
    for (const r of g) {
      if (!r.member) continue;
      const id = r.member.idNumber;
      const first = owner.get(id);
      const s = stored.get(id);
      if (first) {
        dropped.set(r.row, first.code === r.code ? `身份证号与本户第 ${first.row} 行重复` : `身份证号与第 ${first.row} 行（户编号 ${first.code}）重复`);
      } else if (s && !sameName(s.name, r.member.name)) {
        dropped.set(r.row, `身份证号 ${maskIdNumber(id)} 在户籍名册中是「${s.name}」（户编号 ${s.code}），本行姓名是「${r.member.name}」：一个身份证号只能是一个人，请核对`);
      } else if (s && s.code !== r.code && !s.left && seen.has(s.code) && !inBatch.has(s.code)) {
        dropped.set(r.row, `身份证号已在本文件第 ${seen.get(s.code)} 行起的户编号 ${s.code} 中导入`);
      } else if (s && s.code !== r.code && !s.left && !(r.change !== null && isJoining(r.change))) {
        const what = r.change === null ? '本行“变动”列为空' : `本行的变动是“${MEMBER_CHANGE_LABEL[r.change]}”`;
        dropped.set(r.row, `「${r.member.name}」（身份证号 ${maskIdNumber(id)}）在户籍名册中属于户编号 ${s.code}，${what}：要转到户编号 ${r.code}，请在“变动”列填分户、合户、婚嫁迁入或迁入`);
      } else {
        owner.set(id, r);
        if (s && s.code !== r.code && !s.left) movedFrom.push(s.code);
      }
    }
    return { ...buildHousehold(g, ctx, dropped), movedFrom };
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
    `收入、两不愁三保障等情况：新记录 ${c.facts} 项`,
  ];
}
