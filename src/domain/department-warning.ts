/**
 * 部门筛查预警 (DOMAIN.md "Department warnings"): one row of a 行业部门's warning list, and what
 * becomes of it. A warning names a person by ID number; the person's household (or, when the
 * person is not on the register, the village the department named) gets a risk lead with the
 * warning day as its discovery day and the same 15-day clock; repeated warnings of one household
 * merge into its open lead. Where a department's rows carry amounts, a configured threshold
 * (e.g. 医保 自付费用 ≥ 10000 元) decides: below it the warning is recorded as seen and opens no
 * lead. A warning is identified by department + ID number + day + reason, so a list sent twice
 * opens nothing new.
 *
 * Pure: the caller looks things up (stored warnings, households, villages, open leads) and this
 * module decides, row by row, in file order.
 *
 * @example
 *   const plan = planWarnings([{ row: 2, warning }], { seen: new Set(), households, village, openLeadKeys: new Set(), thresholds: DEFAULT_WARNING_THRESHOLDS });
 *   // [{ row: 2, warning, outcome: 'opened', target: { kind: 'household', householdId: 7, placement, contactStaff: 'wangwu' } }]
 */
import { z } from 'zod';
import { DEPARTMENT, type Department, type LeadStep } from './catalog.js';
import { placementOf, type RegionTree } from './hierarchy.js';
import { toHalfWidth } from './id-number.js';
import { leadKey, type Declarant } from './lead.js';
import { maskIdNumber, maskText } from './privacy.js';
import { regionLabel, resolveRegion } from './region-names.js';
import type { Day } from './shanghai-days.js';
import type { Placement } from './types.js';

/** One warning as the department sent it, already checked (ID checksum, day, amount). */
export interface DepartmentWarning {
  department: Department;
  /** 预警日期: the day the department found the risk; the lead's discovery day. */
  warnedOn: Day;
  name: string;
  /** Normalized (half-width, upper-case X) and checksum-checked. */
  idNumber: string;
  /** 镇街 and 行政村 as written ('' when not given); used only for a person not on the register. */
  townName: string;
  villageName: string;
  /** 预警类型/事由, tidied (see `tidyReason`). */
  reason: string;
  /** 金额 in yuan (e.g. 医保 个人自付费用), when the row carries one. */
  amountYuan: number | null;
  remark: string;
}

/** A warning with the row of the file it came from. */
export interface WarningRow {
  row: number;
  warning: DepartmentWarning;
}

/**
 * Spaces collapsed, full-width letters and digits made half-width ("住院  自付２万" = "住院 自付2万");
 * Chinese punctuation （，、：（）…） is the department's own writing and stays as it is.
 */
export function tidyReason(s: string): string {
  return s.replace(/[０-９Ａ-Ｚａ-ｚ\u3000]/g, (ch) => toHalfWidth(ch)).replace(/\s+/g, ' ').trim();
}

/** What identifies a warning: department + ID number + day + reason. */
export function warningKey(w: Pick<DepartmentWarning, 'department' | 'idNumber' | 'warnedOn' | 'reason'>): string {
  return [w.department, w.idNumber, w.warnedOn, tidyReason(w.reason)].join('|');
}

// ---------------------------------------------------------------- thresholds (configuration)

export const warningThresholdSchema = z.object({
  /** Rows with a smaller amount open no lead. */
  minYuan: z.number().min(0, { error: '门槛金额不能为负数' }).max(100_000_000, { error: '门槛金额过大' }),
  /** What the amount is, in the department's words (医保: 自付费用). */
  amountLabel: z.string().trim().min(1, { error: '请写明金额是什么，如“自付费用”' }).max(16),
});
export type WarningThreshold = z.infer<typeof warningThresholdSchema>;

/** Per department; a department without an entry has no threshold (every row opens a lead). */
export const warningThresholdsSchema = z.partialRecord(z.enum(DEPARTMENT.codes as [Department, ...Department[]]), warningThresholdSchema);
export type WarningThresholds = z.infer<typeof warningThresholdsSchema>;

/**
 * The default: 医保 warns of large out-of-pocket medical costs after insurance; 10000 元 of
 * 个人自付 in the year is a common local line (configurable; `setWarningThreshold` changes it).
 */
export const DEFAULT_WARNING_THRESHOLDS: WarningThresholds = { medical_insurance: { minYuan: 10000, amountLabel: '自付费用' } };

/** The threshold the warning falls below, or null when it opens a lead (no amount, no threshold, or at or above it). */
export function belowThreshold(w: Pick<DepartmentWarning, 'department' | 'amountYuan'>, thresholds: WarningThresholds): WarningThreshold | null {
  const t = thresholds[w.department];
  return t && w.amountYuan !== null && w.amountYuan < t.minYuan ? t : null;
}

/** "23,456.5元". */
export function formatYuan(yuan: number): string {
  const [whole, frac] = (Math.round(yuan * 100) / 100).toFixed(2).split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = frac.replace(/0+$/, '');
  return `${grouped}${cents ? `.${cents}` : ''}元`;
}

/** The note on the lead's origin: department, day, reason, amount, remark (ID numbers and phones masked). */
export function warningNote(w: DepartmentWarning, thresholds: WarningThresholds = {}): string {
  const amountLabel = thresholds[w.department]?.amountLabel ?? '金额';
  const parts = [`${DEPARTMENT.label[w.department]}预警（${w.warnedOn}）：${w.reason}`];
  if (w.amountYuan !== null) parts.push(`${amountLabel}${formatYuan(w.amountYuan)}`);
  if (w.remark) parts.push(`备注：${w.remark}`);
  return maskText(parts.join('；'));
}

// ---------------------------------------------------------------- where a warning goes

/** Where the lead of a warning belongs: the person's household, or (not on the register) the named village. */
export type WarningTarget =
  | { kind: 'household'; householdId: number; headName: string; placement: Placement; contactStaff: string | null }
  | { kind: 'declarant'; declarant: Declarant; placement: Placement };

/** The declarant of a person not on the register: name, the last 4 characters of the ID, the village. */
export function warningDeclarant(w: Pick<DepartmentWarning, 'name' | 'idNumber'>, villageCode: string): Declarant {
  return { name: w.name.trim(), idTail: w.idNumber.slice(-4), villageCode };
}

export function targetKey(t: WarningTarget): string {
  return t.kind === 'household' ? leadKey({ householdId: t.householdId, declarant: null }) : leadKey({ householdId: null, declarant: t.declarant });
}

export type VillageLookup = { ok: true; placement: Placement } | { ok: false; message: string };

/**
 * The village a department named (镇街 + 行政村, by name or alias, as the household import reads
 * them). The 镇街 may be left out when the village name is unique in the city.
 */
export function villageOfWarning(tree: RegionTree, townName: string, villageName: string): VillageLookup {
  const [town, village] = [townName.trim(), villageName.trim()];
  if (village === '') return { ok: false, message: '没有填写行政村' };
  let within: string | undefined;
  if (town !== '') {
    const t = resolveRegion(tree, town, { level: 'town', prefix: false });
    if (t.status === 'not_found') return { ok: false, message: `镇街「${town}」找不到` };
    if (t.status === 'ambiguous') return { ok: false, message: `镇街「${town}」有多个：${t.candidates.map((c) => c.name).join('、')}` };
    within = t.region.code;
  }
  const v = resolveRegion(tree, village, { level: 'village', prefix: false, ...(within ? { within } : {}) });
  const where = town !== '' ? `在「${town}」下` : '';
  if (v.status === 'not_found') return { ok: false, message: `行政村「${village}」${where}找不到` };
  if (v.status === 'ambiguous') return { ok: false, message: `行政村「${village}」${where}有多个：${v.candidates.map((c) => regionLabel(tree, c.code)).join('、')}，请填写镇街` };
  const placement = placementOf(tree, v.region.code);
  return placement ? { ok: true, placement } : { ok: false, message: `行政村「${village}」找不到` };
}

// ---------------------------------------------------------------- the plan

export type WarningOutcome = 'opened' | 'merged' | 'subject' | 'below_threshold' | 'seen' | 'refused';

export type PlannedWarning =
  /**
   * A lead opens, or the find merges into the target's open lead, or — the household is already an
   * open monitoring subject (风险未消除) — the find is added to the subject (no lead, no clock).
   */
  | { row: number; warning: DepartmentWarning; outcome: 'opened' | 'merged' | 'subject'; target: WarningTarget }
  /** Recorded as seen; no lead. The target when known (for the record). */
  | { row: number; warning: DepartmentWarning; outcome: 'below_threshold'; target: WarningTarget | null; threshold: WarningThreshold }
  /** Imported before (same department, ID, day and reason): nothing happens. */
  | { row: number; warning: DepartmentWarning; outcome: 'seen' }
  /** Not imported, with the reason in Chinese (ID numbers masked). */
  | { row: number; warning: DepartmentWarning; outcome: 'refused'; reason: string };

export interface WarningLookups {
  /** Keys (`warningKey`) of warnings stored already. */
  seen: ReadonlySet<string>;
  /** The household of each registered person (active member), by normalized ID number. */
  households: ReadonlyMap<string, { id: number; headName: string; placement: Placement; contactStaff: string | null }>;
  village(townName: string, villageName: string): VillageLookup;
  /** `leadKey`s that have an open lead now. */
  openLeadKeys: ReadonlySet<string>;
  /** Households that are an open monitoring subject now (a warning about them adds to the subject). */
  openSubjectHouseholds: ReadonlySet<number>;
  thresholds: WarningThresholds;
}

function targetOf(w: DepartmentWarning, lk: WarningLookups): { ok: true; target: WarningTarget } | { ok: false; message: string } {
  const h = lk.households.get(w.idNumber);
  if (h) return { ok: true, target: { kind: 'household', householdId: h.id, headName: h.headName, placement: h.placement, contactStaff: h.contactStaff } };
  const v = lk.village(w.townName, w.villageName);
  if (!v.ok) return { ok: false, message: v.message };
  return { ok: true, target: { kind: 'declarant', declarant: warningDeclarant(w, v.placement.villageCode), placement: v.placement } };
}

/** Why a row repeating an earlier one of the same file is not imported. */
export const duplicateReason = (earlierRow: number): string => `与第 ${earlierRow} 行重复（同一部门、同一人、同一预警日期、同一事由）`;

/**
 * Decides every row, in file order: imported before → seen; the same warning earlier in the file
 * → refused; below its department's threshold → recorded only; no household and no usable village
 * → refused; a household that is an open monitoring subject → added to the subject; else a lead
 * opens, or merges into the open lead of the household (or of the same unregistered person),
 * including one opened by an earlier row of the file.
 */
export function planWarnings(rows: readonly WarningRow[], lk: WarningLookups): PlannedWarning[] {
  const firstRow = new Map<string, number>();
  const open = new Set(lk.openLeadKeys);
  return rows.map(({ row, warning }): PlannedWarning => {
    const key = warningKey(warning);
    if (lk.seen.has(key)) return { row, warning, outcome: 'seen' };
    const earlier = firstRow.get(key);
    if (earlier !== undefined) return { row, warning, outcome: 'refused', reason: duplicateReason(earlier) };
    firstRow.set(key, row);
    const target = targetOf(warning, lk);
    const threshold = belowThreshold(warning, lk.thresholds);
    if (threshold) return { row, warning, outcome: 'below_threshold', target: target.ok ? target.target : null, threshold };
    if (!target.ok) {
      return { row, warning, outcome: 'refused', reason: `身份证号 ${maskIdNumber(warning.idNumber)} 不在户籍名册中，且${target.message}，无法确定所在村` };
    }
    if (target.target.kind === 'household' && lk.openSubjectHouseholds.has(target.target.householdId)) return { row, warning, outcome: 'subject', target: target.target };
    const tk = targetKey(target.target);
    const outcome = open.has(tk) ? 'merged' : 'opened';
    open.add(tk);
    return { row, warning, outcome, target: target.target };
  });
}

/** How many rows ended each way. */
export function countOutcomes(plan: ReadonlyArray<{ outcome: WarningOutcome }>): Record<WarningOutcome, number> {
  const counts: Record<WarningOutcome, number> = { opened: 0, merged: 0, subject: 0, below_threshold: 0, seen: 0, refused: 0 };
  for (const p of plan) counts[p.outcome]++;
  return counts;
}

/** Where a department's warnings stand (the leads they became, read only). */
export interface WarningProgress {
  department: Department;
  /** Warning rows recorded (opened, merged or below threshold). */
  warnings: number;
  belowThreshold: number;
  /** Distinct leads the warnings opened or joined, by where they stand today. */
  leads: { open: number; overdue: number; included: number; notIncluded: number };
  /** Overdue leads: the warned person (name, masked ID), the warning day, the deadline, the last step. */
  overdue: Array<{ name: string; maskedId: string; warnedOn: Day; deadline: Day; lastStep: LeadStep | null }>;
  lastImportAt: number | null;
}
