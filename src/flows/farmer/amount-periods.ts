/**
 * A sum said by the day, the month or the year (“ICU一天就得好几千”, “吃药一个月两千”, “学费一年八千”):
 * the period is kept beside the sum as said, and shown with it (“好几千/天”). No yearly figure is
 * ever stored or shown: the farmer said “好几千 a day”, and that is what the grid worker reads.
 *
 * The 突发严重困难 hint's line is a yearly out-of-pocket cost (the 医保 warning threshold). A cost by
 * the day is a stay or a treatment going on now — a sudden jump in spending — and is compared as a
 * year of it; a sum by the month or the year is a running cost (a chronic illness, school fees),
 * which is no sudden hardship however large, and is compared as said.
 *
 * A sum already multiplied by the days or times said after it (“一天八百 已经住了二十天”, understand/facts.ts
 * `withRepeatedCosts`) is a total, not a rate.
 *
 * @example
 *   periodBefore('老汉在ICU 一天就得', '好几千')   // 'day'
 *   hintYuan({ value: 2000, per: 'day' })          // 730_000 — compared with the line, never stored
 *   hintYuan({ value: 2000, per: 'month' })        // 2000
 */
import { normalize } from '../understand/index.js';

export type AmountPeriod = 'day' | 'month' | 'year';

const FILLER = '(?:就|要|得|光|下来|需要|花|是|都|大概|差不多|起码|至少|的|能|也){0,3}\\s?$';
const PERIODS: Array<[AmountPeriod, RegExp]> = [
  ['day', new RegExp(`(?:一天|每天|天天|一日|每日|一晚上|一宿)${FILLER}`)],
  ['month', new RegExp(`(?:一个?月|每个?月|月月)${FILLER}`)],
  ['year', new RegExp(`(?:一年|每年|年年|一年到头)${FILLER}`)],
];
// The sum runs to the days or times said after it: a total.
const TOTALLED = /(?:天|日|次|回|趟|疗程)$/;

/** The period the words right before a sum give it, or null (a sum said once, or a total). */
export function periodBefore(before: string, sumText: string): AmountPeriod | null {
  if (TOTALLED.test(sumText)) return null;
  const t = normalize(before).slice(-10);
  return PERIODS.find(([, re]) => re.test(t))?.[0] ?? null;
}

/** What the 突发严重困难 hint compares with its yearly line: a year of a cost by the day, any other sum as said. */
export function hintYuan(a: { value: number; per?: AmountPeriod }): number {
  return a.per === 'day' ? a.value * 365 : a.value;
}

/** “/天”, “/月”, “/年” after the sum as said. */
export const PER_LABEL: Record<AmountPeriod, string> = { day: '/天', month: '/月', year: '/年' };
