import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isDay, shanghaiDay, startOfShanghaiDay } from '../../src/domain/shanghai-days.js';

describe('Asia/Shanghai calendar days', () => {
  it.each([
    [Date.UTC(2022, 4, 31, 15, 59, 59), '2022-05-31'],
    [Date.UTC(2022, 4, 31, 16, 0, 0), '2022-06-01'],
    [Date.UTC(2022, 11, 31, 16, 0, 0), '2023-01-01'],
    [Date.UTC(2024, 1, 28, 16, 30, 0), '2024-02-29'],
  ])('instant %i is %s in Shanghai', (ms, day) => {
    expect(shanghaiDay(ms)).toBe(day);
  });

  it('starts a Shanghai day at 16:00 UTC of the day before', () => {
    expect(startOfShanghaiDay('2022-06-01')).toBe(Date.UTC(2022, 4, 31, 16));
  });

  it.each([
    ['2022-05-20', 15, '2022-06-04'],
    ['2022-12-25', 15, '2023-01-09'],
    ['2024-02-20', 15, '2024-03-06'],
    ['2023-02-20', 15, '2023-03-07'],
    ['2022-03-01', -1, '2022-02-28'],
  ])('%s + %i days = %s', (d, n, want) => {
    expect(addDays(d, n)).toBe(want);
    expect(daysBetween(d, want)).toBe(n);
  });

  it.each([
    ['2022-08-31', 6, '2023-02-28'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2022-05-20', 6, '2022-11-20'],
    ['2022-10-15', 3, '2023-01-15'],
  ])('%s + %i months = %s', (d, n, want) => {
    expect(addMonths(d, n)).toBe(want);
  });

  it.each([
    ['2022-02-29', false],
    ['2024-02-29', true],
    ['2022-13-01', false],
    ['2022-5-1', false],
    ['2022-05-01', true],
  ])('isDay(%s) = %s', (s, want) => {
    expect(isDay(s)).toBe(want);
  });

  it('refuses to compute with a malformed day', () => {
    expect(() => addDays('2022-02-30', 1)).toThrow(RangeError);
  });
});
