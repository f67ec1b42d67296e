import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MONITORING_LINES,
  incomeRecordSchema,
  monitoringLine,
  monitoringLinesSchema,
  monitoringRange,
  netIncome,
  perCapitaNetIncome,
  withLines,
  type IncomeComponents,
} from '../../src/domain/income.js';

const zero: IncomeComponents = { wage: 0, business: 0, property: 0, transfer: 0, businessCost: 0 };
const period = { from: '2021-01-01', to: '2021-12-31' };

describe('net and per-capita net income', () => {
  it.each<[Partial<IncomeComponents>, number]>([
    [{ wage: 12000, business: 3000, property: 0, transfer: 1800, businessCost: 1000 }, 15800],
    [{ wage: 0.1, business: 0.2 }, 0.3],
    [{ business: 1000, businessCost: 2500 }, -1500],
    [{}, 0],
  ])('%o → %d', (c, net) => {
    expect(netIncome({ ...zero, ...c })).toBe(net);
  });

  it.each<[number, number, number]>([
    [15800, 3, 5266.67],
    [20100, 3, 6700],
    [6700.01, 1, 6700.01],
    [-1500, 4, -375],
    [10, 3, 3.33],
    [0.05, 2, 0.03],
  ])('net %d over %i people → %d', (net, size, perCapita) => {
    expect(perCapitaNetIncome({ ...zero, wage: Math.max(net, 0), businessCost: Math.max(-net, 0) }, size)).toBe(perCapita);
  });

  it.each([0, -1, 1.5])('refuses a household size of %d', (size) => {
    expect(() => perCapitaNetIncome(zero, size)).toThrow(RangeError);
  });
});

describe('the monitoring line is a table by year', () => {
  it.each<[number, number, string, number | null]>([
    // The range is “not above” the line: exactly at the line is inside it (isWithinLine).
    [5999.99, 2021, 'within', 6000],
    [6000, 2021, 'within', 6000],
    [6000.01, 2021, 'above', 6000],
    [6699.99, 2022, 'within', 6700],
    [6700, 2022, 'within', 6700],
    [6700.01, 2022, 'above', 6700],
    [6500, 2021, 'above', 6000],
    [6500, 2022, 'within', 6700],
  ])('%d in %i is %s the line', (perCapita, year, status, line) => {
    expect(monitoringRange(perCapita, year, DEFAULT_MONITORING_LINES)).toEqual({ status, line });
  });

  it('has no line for a year nobody configured (no silent fallback)', () => {
    expect(monitoringLine(DEFAULT_MONITORING_LINES, 2023)).toBeNull();
    expect(monitoringRange(100, 2023, DEFAULT_MONITORING_LINES)).toEqual({ status: 'no_line', year: 2023 });
  });

  it('takes later years from configuration, a configured year replacing the default', () => {
    const lines = withLines(DEFAULT_MONITORING_LINES, [
      { year: 2023, line: 7100 },
      { year: 2022, line: 6800 },
    ]);
    expect(lines).toEqual([
      { year: 2021, line: 6000 },
      { year: 2022, line: 6800 },
      { year: 2023, line: 7100 },
    ]);
    expect(monitoringRange(7000, 2023, lines)).toEqual({ status: 'within', line: 7100 });
  });

  it.each<[unknown, boolean]>([
    [[{ year: 2023, line: 7100 }], true],
    [[{ year: 2023, line: 7100 }, { year: 2023, line: 7200 }], false],
    [[{ year: 2023, line: 0 }], false],
    [[{ year: 2023.5, line: 7100 }], false],
  ])('validates a line table %o → %s', (input, valid) => {
    expect(monitoringLinesSchema.safeParse(input).success).toBe(valid);
  });
});

describe('income records', () => {
  it.each<[string, unknown, string | null]>([
    ['a full year', { period, ...zero, wage: 12000.5 }, null],
    ['a negative amount', { period, ...zero, wage: -1 }, '金额不能为负数'],
    ['three decimals', { period, ...zero, transfer: 1.234 }, '金额最多两位小数（元）'],
    ['a period backwards', { period: { from: '2021-12-31', to: '2021-01-01' }, ...zero }, '收入期间的开始日期不能晚于结束日期'],
    ['a non-day', { period: { from: '2021-02-30', to: '2021-12-31' }, ...zero }, '日期应为 YYYY-MM-DD'],
  ])('%s', (_what, input, message) => {
    const r = incomeRecordSchema.safeParse(input);
    expect(r.success ? null : r.error.issues[0]?.message).toBe(message);
  });
});
