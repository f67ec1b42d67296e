/**
 * Household income (DOMAIN.md "The line and the judgement"): the four components and the
 * business costs over a stated period, net and per-capita net income, and the monitoring line,
 * which is a table by year (2021: 6000, 2022: 6700 in Shaanxi, later years set by the province).
 * Amounts are yuan with at most two decimals; sums are done in fen so they are exact.
 *
 * Income never decides alone: these numbers are one input people weigh with 三保障, 饮水 and
 * rigid spending.
 *
 * @example
 *   const r = { period: { from: '2021-01-01', to: '2021-12-31' }, wage: 12000, business: 3000, property: 0, transfer: 1800, businessCost: 1000 };
 *   netIncome(r)                                        // 15800
 *   perCapitaNetIncome(r, 3)                            // 5266.67
 *   monitoringRange(5266.67, 2022, DEFAULT_MONITORING_LINES) // { status: 'within', line: 6700 }
 */
import { z } from 'zod';
import { isDay } from './calendar.js';

/** Yuan, non-negative, at most two decimals. */
const yuan = z
  .number({ error: '金额应为数字（元）' })
  .finite()
  .min(0, { error: '金额不能为负数' })
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { error: '金额最多两位小数（元）' });

const day = z.string().refine(isDay, { error: '日期应为 YYYY-MM-DD' });

export const incomeRecordSchema = z
  .object({
    /** The period the amounts cover (the 2022 campaign judges calendar 2021). */
    period: z.object({ from: day, to: day }),
    /** 工资性收入. */
    wage: yuan,
    /** 生产经营性收入. */
    business: yuan,
    /** 财产性收入. */
    property: yuan,
    /** 转移性收入. */
    transfer: yuan,
    /** 生产经营性支出. */
    businessCost: yuan,
  })
  .refine((r) => r.period.from <= r.period.to, { error: '收入期间的开始日期不能晚于结束日期', path: ['period'] });

export type IncomeRecord = z.infer<typeof incomeRecordSchema>;
export type IncomeComponents = Omit<IncomeRecord, 'period'>;

export const INCOME_COMPONENT_LABEL: Record<keyof IncomeComponents, string> = {
  wage: '工资性收入',
  business: '生产经营性收入',
  property: '财产性收入',
  transfer: '转移性收入',
  businessCost: '生产经营性支出',
};

/** Yuan → fen, exact for amounts with two decimals. */
export const toFen = (yuanAmount: number): number => Math.round(yuanAmount * 100);
export const fromFen = (fen: number): number => fen / 100;

/** 家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出 (may be negative). */
export function netIncome(c: IncomeComponents): number {
  return fromFen(toFen(c.wage) + toFen(c.business) + toFen(c.property) + toFen(c.transfer) - toFen(c.businessCost));
}

/** 人均纯收入 = net ÷ household size, rounded to the fen (half away from zero). */
export function perCapitaNetIncome(c: IncomeComponents, householdSize: number): number {
  if (!Number.isInteger(householdSize) || householdSize < 1) throw new RangeError(`household size must be a positive integer, got ${householdSize}`);
  const fen = toFen(netIncome(c));
  return fromFen(Math.sign(fen) * Math.round(Math.abs(fen) / householdSize));
}

/** The monitoring line (元/人/年) of each year. */
export type MonitoringLines = ReadonlyArray<{ year: number; line: number }>;

export const DEFAULT_MONITORING_LINES: MonitoringLines = [
  { year: 2021, line: 6000 },
  { year: 2022, line: 6700 },
];

export const monitoringLinesSchema = z
  .array(z.object({ year: z.number().int().min(2000).max(2100), line: yuan.refine((v) => v > 0, { error: '监测标准应大于0' }) }))
  .refine((rows) => new Set(rows.map((r) => r.year)).size === rows.length, { error: '同一年份只能有一个监测标准' });

/** Merges configured lines over the defaults (a configured year replaces the default one). */
export function withLines(base: MonitoringLines, configured: MonitoringLines): MonitoringLines {
  const byYear = new Map(base.map((r) => [r.year, r.line]));
  for (const r of configured) byYear.set(r.year, r.line);
  return [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, line]) => ({ year, line }));
}

/** The line of `year`, or null when the table has none (never a silent fallback to another year). */
export function monitoringLine(lines: MonitoringLines, year: number): number | null {
  return lines.find((r) => r.year === year)?.line ?? null;
}

export type RangeResult = { status: 'within' | 'above'; line: number } | { status: 'no_line'; year: number };

/**
 * The monitoring range is a per-capita net income **not above** the year's line (≤): an income
 * exactly at the line is inside it (2022: 6700 is within, 6700.01 is not). This is the one
 * comparison of an income with the line — the monitoring range, key group ② (“收入在监测范围内”),
 * 应纳未纳, 风险消除 (which needs the income above the line) and its audit all use it — compared in
 * fen, so 6700.004 rounds the same way everywhere.
 *
 * @example
 *   isWithinLine(6700, 6700)      // true
 *   isWithinLine(6700.01, 6700)   // false
 */
export function isWithinLine(perCapita: number, line: number): boolean {
  return toFen(perCapita) <= toFen(line);
}

/** Whether a per-capita net income is within the monitoring range (not above the line, `isWithinLine`) of `year`. */
export function monitoringRange(perCapita: number, year: number, lines: MonitoringLines): RangeResult {
  const line = monitoringLine(lines, year);
  if (line === null) return { status: 'no_line', year };
  return { status: isWithinLine(perCapita, line) ? 'within' : 'above', line };
}
