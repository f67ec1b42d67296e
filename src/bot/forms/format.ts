/**
 * How the forms print simple values: booleans as 是/否, multi-selects as "1、3、5", days as
 * 2022年5月13日.
 *
 * @example
 *   yesNo(true)              // '是'
 *   numberList([5, 1, 3, 1]) // '1、3、5'
 *   chineseDay('2022-05-13') // '2022年5月13日'
 */

export const yesNo = (b: boolean): string => (b ? '是' : '否');

/** Multi-selects as the forms' 说明 ask: "1、3、5" (sorted, each once). */
export const numberList = (ns: readonly number[]): string => [...new Set(ns)].sort((a, b) => a - b).join('、');

/** 填报时间 as printed. The day is already an Asia/Shanghai calendar day ('YYYY-MM-DD'). */
export function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
