/**
 * 风险类型 and 帮扶措施 of a monitoring subject (DOMAIN.md): validation of the risk list and the
 * two warnings the forms and the problem ledger use — "一兜了之" and risks no measure answers.
 *
 * @example
 *   validateRisks([{ type: 'illness', remark: null, disasterSubtype: null }])            // ok
 *   validateRisks([{ type: 'other', remark: '', disasterSubtype: null }])                 // RISK.OTHER_NEEDS_REMARK
 *   measureWarnings([{ type: 'illness', … }], [{ measure: 'industry', status: 'done' }], { labourCapable: true })
 *   // [{ code: 'MEASURE.RISK_UNANSWERED', params: { risk: '因病', expected: '健康帮扶、社会帮扶、综合保障' } }]
 */
import { DEVELOPMENTAL_MEASURES, DISASTER_SUBTYPE, MEASURE, RISK_TYPE, type DisasterSubtype, type Measure, type RiskType } from './catalog.js';
import { ok, refuseAll, type Fault, type Outcome } from './case-faults.js';

export interface RiskEntry {
  type: RiskType;
  /** Required for 其他 (e.g. "受新冠肺炎疫情影响务工中断"). */
  remark: string | null;
  /** Required for 因自然灾害. */
  disasterSubtype: DisasterSubtype | null;
}

/** 已实施 / 尚未实施. */
export type MeasureStatus = 'done' | 'pending';
export const MEASURE_STATUS_LABEL: Record<MeasureStatus, string> = { done: '已实施', pending: '尚未实施' };

export interface MeasureEntry {
  measure: Measure;
  status: MeasureStatus;
  note?: string | null;
}

export const MAX_RISKS = 5;

/** Checks a risk list: 1–5 entries (the first is the main risk), no duplicates, remarks and sub-types where needed. */
export function validateRisks(risks: RiskEntry[]): Outcome<RiskEntry[]> {
  const faults: Fault[] = [];
  if (risks.length === 0) faults.push({ code: 'RISK.NONE' });
  if (risks.length > MAX_RISKS) faults.push({ code: 'RISK.TOO_MANY', params: { count: risks.length, max: MAX_RISKS } });
  const seen = new Set<RiskType>();
  for (const r of risks) {
    const label = RISK_TYPE.label[r.type];
    if (seen.has(r.type)) faults.push({ code: 'RISK.DUPLICATE', params: { risk: label } });
    seen.add(r.type);
    if (r.type === 'other' && !r.remark?.trim()) faults.push({ code: 'RISK.OTHER_NEEDS_REMARK' });
    if (r.type === 'natural_disaster' && !(r.disasterSubtype && r.disasterSubtype in DISASTER_SUBTYPE.label)) faults.push({ code: 'RISK.DISASTER_NEEDS_SUBTYPE' });
  }
  return faults.length ? refuseAll(faults) : ok(risks);
}

/** Checks a measure list: no measure twice. */
export function validateMeasures(measures: MeasureEntry[]): Outcome<MeasureEntry[]> {
  const seen = new Set<Measure>();
  const faults: Fault[] = [];
  for (const m of measures) {
    if (seen.has(m.measure)) faults.push({ code: 'MEASURE.DUPLICATE', params: { measure: MEASURE.label[m.measure] } });
    seen.add(m.measure);
  }
  return faults.length ? refuseAll(faults) : ok(measures);
}

/** The measures that answer a risk (DOMAIN.md); risks not listed here have no fixed answer. */
export const ANSWERING_MEASURES: Partial<Record<RiskType, readonly Measure[]>> = {
  illness: ['health', 'social', 'comprehensive_security'],
  schooling: ['compulsory_education', 'education'],
  disability: ['comprehensive_security'],
  housing_safety: ['housing_safety', 'relocation'],
  drinking_water: ['drinking_water'],
};

/**
 * The 风险类型 entries of risk types read from a find: 其他 carries the find's words as its remark
 * (DOMAIN: 其他 needs a remark), 因自然灾害 the sub-type 其他 until someone names it.
 */
export function riskEntriesOf(types: readonly RiskType[], note: string): RiskEntry[] {
  return types.map((type) => ({ type, remark: type === 'other' ? note.trim() || '见线索' : null, disasterSubtype: type === 'natural_disaster' ? 'other' : null }));
}

/**
 * The measures to plan (尚未实施) for risks: for each risk no measure in `have` answers yet, the
 * first measure that answers it (ANSWERING_MEASURES), once. 纳入 plans them for the risks read from
 * the finds; a new risk of an open subject plans them for the risk types it added.
 */
export function plannedMeasures(types: readonly RiskType[], have: readonly MeasureEntry[] = []): MeasureEntry[] {
  const held = new Set(have.map((m) => m.measure));
  const out = new Map<Measure, MeasureEntry>();
  for (const t of types) {
    const answers = ANSWERING_MEASURES[t] ?? [];
    if (answers.some((m) => held.has(m))) continue;
    const m = answers[0];
    if (m && !out.has(m)) out.set(m, { measure: m, status: 'pending' });
  }
  return [...out.values()];
}

export interface MeasureFacts {
  /** At least one member can work (the register decides; DOMAIN: 有劳动能力). */
  labourCapable: boolean;
}

/**
 * “一兜了之” (seed 三(五): 对有劳动能力的监测对象简单“一兜了之”，开发式帮扶措施落实不够): the measures
 * lean on 综合保障 (兜底) and hold no 开发式 measure (产业, 就业, 金融, 公益岗位) — 综合保障 with only
 * 健康帮扶 or 社会帮扶 beside it is still 兜底 without development. Planned measures count as listed.
 * Whether the household can work is the caller's question (this is only a finding when it can).
 */
export function leansOnSecurityOnly(measures: readonly Pick<MeasureEntry, 'measure'>[]): boolean {
  return measures.some((m) => m.measure === 'comprehensive_security') && !measures.some((m) => DEVELOPMENTAL_MEASURES.includes(m.measure));
}

/**
 * Warnings, never refusals: people decide, the bot points out. `MEASURE.ONLY_COMPREHENSIVE` is the
 * audit finding "一兜了之"; `MEASURE.RISK_UNANSWERED` names a risk with none of its answering
 * measures listed (planned ones count: the plan answers the risk, 帮扶是否落实 is asked separately).
 */
export function measureWarnings(risks: RiskEntry[], measures: MeasureEntry[], facts: MeasureFacts): Fault[] {
  const warnings: Fault[] = [];
  if (facts.labourCapable && leansOnSecurityOnly(measures)) {
    warnings.push({ code: 'MEASURE.ONLY_COMPREHENSIVE' });
  }
  const listed = new Set(measures.map((m) => m.measure));
  for (const r of risks) {
    const answers = ANSWERING_MEASURES[r.type];
    if (answers && !answers.some((m) => listed.has(m))) {
      warnings.push({ code: 'MEASURE.RISK_UNANSWERED', params: { risk: RISK_TYPE.label[r.type], expected: answers.map((m) => MEASURE.label[m]).join('、') } });
    }
  }
  return warnings;
}
