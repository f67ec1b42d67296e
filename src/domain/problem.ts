/**
 * 问题清单 (附件6) and the 整改台账: each problem has a category, a place (village, optionally a
 * household), a description, the responsible person, the measure and a deadline; it is closed only
 * by recording its rectification (对账销号: what was done, by whom, when). Counts per village feed
 * 附件1 (排查问题总数 / 问题整改数 / 补正数据).
 *
 * @example
 *   const p = openProblem({ category: 'data_quality', placement, householdId: 7, description: '户主身份证号校验位错误',
 *     responsible: 'wangwu', measure: '核对户籍后补正', deadline: '2022-06-05', foundBy: 'lisi', at, source: 'manual', findingKey: null });
 *   rectifyProblem(p.value, { what: '已按户籍补正身份证号', by: 'wangwu', at, dataCorrected: true });
 */
import { PROBLEM_CATEGORY, type ProblemCategory } from './catalog.js';
import { ok, refuse, refuseAll, type Fault, type Outcome } from './case-faults.js';
import type { ActorRef } from './lead.js';
import { isDay, shanghaiDay, type Day } from './shanghai-days.js';
import type { Placement } from './types.js';

export type ProblemStatus = 'open' | 'rectified';
export const PROBLEM_STATUS_LABEL: Record<ProblemStatus, string> = { open: '未整改', rectified: '已整改' };

/** manual: reported by a person; check: opened by a data-quality check (see data-quality.ts). */
export type ProblemSource = 'manual' | 'check';

/** 对账销号: the record that closes a problem. */
export interface Rectification {
  what: string;
  by: ActorRef;
  at: number;
  day: Day;
  /** The fix corrected data in the register or the national system (counts as 补正数据). */
  dataCorrected: boolean;
}

export interface Problem {
  id: number | null;
  category: ProblemCategory;
  /** The village (附件6 is per village); gridCode may be null. */
  placement: Placement;
  householdId: number | null;
  description: string;
  responsible: ActorRef;
  measure: string;
  deadline: Day;
  status: ProblemStatus;
  foundOn: Day;
  foundBy: ActorRef;
  source: ProblemSource;
  /** For problems from checks: the finding's key, so a re-run does not open it twice. */
  findingKey: string | null;
  rectification: Rectification | null;
}

export interface ProblemInput {
  category: ProblemCategory;
  placement: Placement;
  householdId: number | null;
  description: string;
  responsible: ActorRef;
  measure: string;
  deadline: Day;
  foundBy: ActorRef;
  at: number;
  source: ProblemSource;
  findingKey: string | null;
}

/** Opens a problem; every field the ledger needs (责任人、整改措施、完成时限) is required. */
export function openProblem(input: ProblemInput): Outcome<Problem> {
  const faults: Fault[] = [];
  const foundOn = shanghaiDay(input.at);
  if (!(input.category in PROBLEM_CATEGORY.label)) faults.push({ code: 'PROBLEM.CATEGORY_INVALID' });
  if (!input.placement.villageCode) faults.push({ code: 'PROBLEM.VILLAGE_REQUIRED' });
  if (!input.description.trim()) faults.push({ code: 'PROBLEM.DESCRIPTION_REQUIRED' });
  if (!input.responsible.trim()) faults.push({ code: 'PROBLEM.RESPONSIBLE_REQUIRED' });
  if (!input.measure.trim()) faults.push({ code: 'PROBLEM.MEASURE_REQUIRED' });
  if (!isDay(input.deadline) || input.deadline < foundOn) faults.push({ code: 'PROBLEM.DEADLINE_INVALID', params: { day: String(input.deadline), foundOn } });
  if (faults.length) return refuseAll(faults);
  return ok({
    id: null,
    category: input.category,
    placement: input.placement,
    householdId: input.householdId,
    description: input.description.trim(),
    responsible: input.responsible,
    measure: input.measure.trim(),
    deadline: input.deadline,
    status: 'open',
    foundOn,
    foundBy: input.foundBy,
    source: input.source,
    findingKey: input.findingKey,
    rectification: null,
  });
}

/** 对账销号: closes the problem with what was done, by whom, when. */
export function rectifyProblem(p: Problem, input: { what: string; by: ActorRef; at: number; dataCorrected: boolean }): Outcome<Problem> {
  if (p.status === 'rectified') return refuse('PROBLEM.ALREADY_RECTIFIED');
  if (!input.what.trim()) return refuse('PROBLEM.RECTIFICATION_REQUIRED');
  if (!input.by.trim()) return refuse('PROBLEM.RECTIFIER_REQUIRED');
  const day = shanghaiDay(input.at);
  if (day < p.foundOn) return refuse('PROBLEM.RECTIFIED_BEFORE_FOUND', { foundOn: p.foundOn });
  return ok({ ...p, status: 'rectified', rectification: { what: input.what.trim(), by: input.by, at: input.at, day, dataCorrected: input.dataCorrected } });
}

/** Open past its deadline (the deadline day itself is still in time). */
export const isProblemOverdue = (p: Pick<Problem, 'status' | 'deadline'>, today: Day): boolean => p.status === 'open' && today > p.deadline;

export interface VillageProblemCounts {
  villageCode: string;
  /** 排查问题总数. */
  found: number;
  /** 问题整改数. */
  rectified: number;
  /** 补正数据: rectifications that corrected data. */
  dataCorrections: number;
  open: number;
  overdue: number;
  byCategory: Record<ProblemCategory, number>;
}

const emptyByCategory = (): Record<ProblemCategory, number> => Object.fromEntries(PROBLEM_CATEGORY.codes.map((c) => [c, 0])) as Record<ProblemCategory, number>;

/** Counts per village, in village-code order. */
export function problemCounts(problems: Problem[], today: Day): VillageProblemCounts[] {
  const by = new Map<string, VillageProblemCounts>();
  for (const p of problems) {
    const v = p.placement.villageCode;
    const c = by.get(v) ?? { villageCode: v, found: 0, rectified: 0, dataCorrections: 0, open: 0, overdue: 0, byCategory: emptyByCategory() };
    c.found += 1;
    c.byCategory[p.category] += 1;
    if (p.status === 'rectified') c.rectified += 1;
    else c.open += 1;
    if (p.rectification?.dataCorrected) c.dataCorrections += 1;
    if (isProblemOverdue(p, today)) c.overdue += 1;
    by.set(v, c);
  }
  return [...by.values()].sort((a, b) => a.villageCode.localeCompare(b.villageCode));
}
