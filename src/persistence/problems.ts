/**
 * The problem ledger (附件6 and the 整改台账): problems are opened by people or by the data-quality
 * checks, and closed only by recording the rectification (对账销号). A check's finding opens at
 * most one open problem (unique `open_finding_key`), so the checks can run every night.
 *
 * @example
 *   await openProblemRecord(tx, { category: 'data_quality', placement, householdId: 7, description, responsible, measure, deadline, foundBy, at, source: 'manual', findingKey: null });
 *   await openProblemsFromFindings(tx, findings, { where: new Map([[7, { placement, responsible: 'wangwu' }]]), deadline: '2022-06-05', foundBy: 'system:quality', at: now });
 *   await rectifyProblemRecord(tx, id, { what: '已补正身份证号', by: 'wangwu', at: now, dataCorrected: true });
 */
import { In, IsNull, Not } from 'typeorm';
import { PROBLEM_CATEGORY, type ProblemCategory } from '../domain/catalog.js';
import { describeFault, unwrap } from '../domain/case-faults.js';
import type { Finding } from '../domain/data-quality.js';
import type { ActorRef } from '../domain/lead.js';
import { openProblem, problemCounts, rectifyProblem, type Problem, type ProblemInput, type ProblemSource, type ProblemStatus, type Rectification, type VillageProblemCounts } from '../domain/problem.js';
import type { Day } from '../domain/shanghai-days.js';
import type { Placement } from '../domain/types.js';
import { appendHistory } from './case-history.js';
import { notFound, placementColumns, placementOf, REGION_COLUMN, updateVersioned, type RegionRef } from './case-store.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { ProblemSchema, type ProblemRow } from './schemas/casework.js';

function fromRow(r: ProblemRow): Problem {
  return {
    id: r.id, category: r.category as ProblemCategory, placement: placementOf(r), householdId: r.householdId, description: r.description, responsible: r.responsible,
    measure: r.measure, deadline: r.deadline, status: r.status as ProblemStatus, foundOn: r.foundOn, foundBy: r.foundBy, source: r.source as ProblemSource,
    findingKey: r.findingKey, rectification: r.rectification as Rectification | null,
  };
}

const columns = (p: Problem) => ({
  category: p.category, ...placementColumns(p.placement), householdId: p.householdId, description: p.description, responsible: p.responsible, measure: p.measure,
  deadline: p.deadline, status: p.status, foundOn: p.foundOn, foundBy: p.foundBy, source: p.source, findingKey: p.findingKey,
  openFindingKey: p.status === 'open' ? p.findingKey : null, rectification: p.rectification,
});

export async function openProblemRecord(tx: Tx, input: ProblemInput): Promise<Problem> {
  const p = unwrap(openProblem(input));
  const saved = await em(tx).getRepository(ProblemSchema).save({ ...columns(p), version: 1, createdAt: input.at, updatedAt: input.at });
  const stored = { ...p, id: saved.id };
  await appendHistory(tx, { entity: 'problem', entityId: saved.id, actor: input.foundBy, at: input.at, reason: `发现问题：${PROBLEM_CATEGORY.label[p.category]}`, before: null, after: stored });
  return stored;
}

export interface FindingContext {
  /** Where each household of the findings is, and who answers for it (from the registers). */
  where: Map<number, { placement: Placement; responsible: ActorRef }>;
  deadline: Day;
  foundBy: ActorRef;
  at: number;
  /** The measure written on the problem; the default asks to verify and correct. */
  measure?: string;
}

/** Opens a problem for each finding that has none open yet; returns the new ones and how many were already open. */
export async function openProblemsFromFindings(tx: Tx, findings: Finding[], ctx: FindingContext): Promise<{ opened: Problem[]; alreadyOpen: number; unplaced: number }> {
  const opened: Problem[] = [];
  let alreadyOpen = 0;
  let unplaced = 0;
  const repo = em(tx).getRepository(ProblemSchema);
  for (const f of findings) {
    const where = ctx.where.get(f.householdId);
    if (!where) {
      unplaced += 1;
      continue;
    }
    if (await repo.findOne({ where: { openFindingKey: f.key } })) {
      alreadyOpen += 1;
      continue;
    }
    opened.push(
      await openProblemRecord(tx, {
        category: f.category, placement: where.placement, householdId: f.householdId, description: describeFault(f), responsible: where.responsible,
        measure: ctx.measure ?? '核实情况，补正数据或落实整改', deadline: ctx.deadline, foundBy: ctx.foundBy, at: ctx.at, source: 'check', findingKey: f.key,
      }),
    );
  }
  return { opened, alreadyOpen, unplaced };
}

/** 对账销号. */
export async function rectifyProblemRecord(tx: Tx, id: number, input: { what: string; by: ActorRef; at: number; dataCorrected: boolean }): Promise<Problem> {
  const row = await em(tx).getRepository(ProblemSchema).findOne({ where: { id } });
  if (!row) throw notFound('问题');
  const before = fromRow(row);
  const after = unwrap(rectifyProblem(before, input));
  await updateVersioned(tx, ProblemSchema, id, row.version, { ...columns(after), updatedAt: input.at });
  await appendHistory(tx, { entity: 'problem', entityId: id, actor: input.by, at: input.at, reason: `整改销号：${after.rectification?.what ?? ''}`, before, after });
  return after;
}

export async function getProblem(tx: Tx, id: number): Promise<Problem | null> {
  const row = await em(tx).getRepository(ProblemSchema).findOne({ where: { id } });
  return row ? fromRow(row) : null;
}

/** Problems of a region (village for 附件6), optionally of one status, oldest first. */
export async function problemsInRegion(tx: Tx, region: RegionRef, status?: ProblemStatus): Promise<Problem[]> {
  const rows = await em(tx).getRepository(ProblemSchema).find({ where: { [REGION_COLUMN[region.level]]: region.code, ...(status ? { status } : {}) }, order: { id: 'ASC' } });
  return rows.map(fromRow);
}

/** Found / rectified / 补正数据 / open / overdue per village of a region. */
export async function problemCountsInRegion(tx: Tx, region: RegionRef, today: Day): Promise<VillageProblemCounts[]> {
  return problemCounts(await problemsInRegion(tx, region), today);
}

/** Open problems opened by checks (what the next run of the checks compares against). */
export async function openCheckProblems(tx: Tx, region: RegionRef): Promise<Problem[]> {
  const rows = await em(tx).getRepository(ProblemSchema).find({ where: { [REGION_COLUMN[region.level]]: region.code, openFindingKey: Not(IsNull()) }, order: { id: 'ASC' } });
  return rows.map(fromRow);
}

/** Every problem of the given villages, oldest first. */
export async function problemsInVillages(tx: Tx, villageCodes: string[]): Promise<Problem[]> {
  if (villageCodes.length === 0) return [];
  return (await em(tx).getRepository(ProblemSchema).find({ where: { villageCode: In(villageCodes) }, order: { id: 'ASC' } })).map(fromRow);
}
