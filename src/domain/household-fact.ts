/**
 * What is known about a household beyond its roster, each value with where it came from and as of
 * when: income (the components of 家庭人均纯收入 and the year they cover), 两不愁, 三保障 (义务教育,
 * 基本医疗, 住房安全), 饮水安全, 参保 and relief received (低保, 特困, 临时救助, 医疗救助).
 *
 * Facts are appended, never overwritten: a later value from any source (the roster import, an 入户
 * screening, a follow-up, a department's list) supersedes an earlier one, and the earlier stays as
 * history. “Latest” is the latest as-of day, then the latest recording.
 *
 * @example
 *   const latest = latestFacts(facts);
 *   latest.get('housing')?.value                    // 'no' — 住房不安全, as of latest.get('housing')?.asOf
 *   incomeOfFacts(facts, 2021)                      // { period: { from: '2021-01-01', to: '2021-12-31' }, wage: 12000, … } or null
 */
import type { IncomeRecord } from './income.js';

export const FACT_KEYS = [
  'income',
  'basic_needs',
  'education',
  'medical',
  'housing',
  'water',
  'insured',
  'relief_dibao',
  'relief_tekun',
  'relief_temporary',
  'relief_medical',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export const FACT_LABEL: Record<FactKey, string> = {
  income: '家庭收入',
  basic_needs: '两不愁（吃穿不愁）',
  education: '义务教育保障',
  medical: '基本医疗保障',
  housing: '住房安全保障',
  water: '饮水安全',
  insured: '全家参加基本医疗保险',
  relief_dibao: '享受低保',
  relief_tekun: '享受特困供养',
  relief_temporary: '获得临时救助',
  relief_medical: '获得医疗救助',
};

/** Where a value came from: the roster import, an 入户 screening, a follow-up, a department's list, the income register. */
export type FactSource = 'import' | 'screening' | 'follow_up' | 'department' | 'income_record';

export const FACT_SOURCE_LABEL: Record<FactSource, string> = {
  import: '花名册导入',
  screening: '入户排查',
  follow_up: '跟进回访',
  department: '部门名单',
  income_record: '收入登记',
};

/**
 * One recorded value. Yes/no facts hold 'yes' or 'no' (for 三保障 and 饮水 'yes' means secured);
 * `income` holds the JSON of `IncomeFact`.
 */
export interface HouseholdFact {
  householdId: number;
  key: FactKey;
  value: string;
  source: FactSource;
  /** The file, screening or list the value came from (a file name, 'screening:12' …). */
  sourceRef: string;
  /** The day the value describes the household on. */
  asOf: string;
  recordedBy: string;
  recordedAt: number;
}

/** 家庭收入 of one calendar year, yuan. */
export interface IncomeFact {
  year: number;
  wage: number;
  business: number;
  property: number;
  transfer: number;
  businessCost: number;
}

const later = (a: HouseholdFact, b: HouseholdFact) => a.asOf.localeCompare(b.asOf) || a.recordedAt - b.recordedAt;

/** The latest value of each key among `facts`. */
export function latestFacts(facts: readonly HouseholdFact[]): Map<FactKey, HouseholdFact> {
  const out = new Map<FactKey, HouseholdFact>();
  for (const f of facts) {
    const seen = out.get(f.key);
    if (!seen || later(f, seen) >= 0) out.set(f.key, f);
  }
  return out;
}

/** A yes/no fact as a boolean; null when never recorded. */
export function yesNoFact(latest: ReadonlyMap<FactKey, HouseholdFact>, key: Exclude<FactKey, 'income'>): boolean | null {
  const f = latest.get(key);
  return f ? f.value === 'yes' : null;
}

export const yesNoValue = (b: boolean): string => (b ? 'yes' : 'no');

export function readIncomeFact(value: string): IncomeFact | null {
  try {
    const o = JSON.parse(value) as Partial<IncomeFact>;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
    const parts = [o.wage, o.business, o.property, o.transfer, o.businessCost].map(n);
    if (!Number.isInteger(o.year) || parts.some((p) => p === null)) return null;
    const [wage, business, property, transfer, businessCost] = parts as number[];
    return { year: o.year as number, wage: wage as number, business: business as number, property: property as number, transfer: transfer as number, businessCost: businessCost as number };
  } catch {
    return null;
  }
}

/** The latest recorded income of `year`, as an income record of that calendar year; null when none. */
export function incomeOfFacts(facts: readonly HouseholdFact[], year: number): IncomeRecord | null {
  const ofYear = facts.filter((f) => f.key === 'income' && readIncomeFact(f.value)?.year === year);
  const f = latestFacts(ofYear).get('income');
  const i = f ? readIncomeFact(f.value) : null;
  if (!i) return null;
  return { period: { from: `${year}-01-01`, to: `${year}-12-31` }, wage: i.wage, business: i.business, property: i.property, transfer: i.transfer, businessCost: i.businessCost };
}
