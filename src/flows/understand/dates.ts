/**
 * Calendar days as people say them, relative to a given "today" (an Asia/Shanghai calendar day
 * 'YYYY-MM-DD' supplied by the caller — this module never reads the clock).
 *
 * Understood: 今天/昨天/前天/大前天/明天/后天, "3天前", "上周四"/"上星期四"/"上礼拜四",
 * "本周五"/"这周五"/"周五" (this week), "下周一", "2022-05-03", "2022/5/3", "2022.5.3",
 * "2022年5月3日", "22年5月3日", "去年12月28日", "5月3日"/"5月3号"/"五月三日", "5.3", "5/3", "5-3",
 * "3号" (this month), "上个月15号". Weeks run Monday to Sunday, as on Chinese calendars.
 * A day without a year is in today's year; an impossible day ("2月30日") gives null.
 *
 * @example
 *   parseDay('昨天', '2022-05-12')     // '2022-05-11'
 *   parseDay('上周四', '2022-05-12')   // '2022-05-05' (2022-05-12 is a Thursday)
 *   parseDay('5.3', '2022-05-12')      // '2022-05-03'
 *   parseDay('2月30日', '2022-05-12')  // null
 */
import { normalize } from './normalize.js';
import { parseChineseNumber } from './numbers.js';

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parseToday(today: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** The day as 'YYYY-MM-DD', or null when it does not exist. */
function format(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function addDays(t: Ymd, days: number): string {
  return new Date(Date.UTC(t.y, t.m - 1, t.d + days)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
function weekday(t: Ymd): number {
  const w = new Date(Date.UTC(t.y, t.m - 1, t.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** A small whole number in Arabic or Chinese numerals ("12", "十二", "廿"), else null. */
function int(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  if (/^\d+$/.test(s)) return Number(s);
  const q = parseChineseNumber(s.replace(/^廿/, '二十').replace(/^卅/, '三十'));
  return q && !q.approx && Number.isInteger(q.value) ? q.value : null;
}

const NUM = '[0-9零〇一二两三四五六七八九十廿卅]{1,3}';
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const RELATIVE: Array<[RegExp, number]> = [
  [/大前天|大前日/, -3],
  [/大后天/, 3],
  [/前天|前日|前儿/, -2],
  [/昨天|昨日|昨儿|夜来/, -1],
  [/今天|今日|今儿|当天/, 0],
  [/明天|明日|明儿/, 1],
  [/后天/, 2],
];

/**
 * Reads the first day mentioned in `text`, as 'YYYY-MM-DD' (see the module comment).
 *
 * @example
 *   parseDay('我是2022年5月3日入户的', '2022-05-12') // '2022-05-03'
 *   parseDay('本周五', '2022-05-12')                  // '2022-05-13'
 *   parseDay('三天前', '2022-05-12')                  // '2022-05-09'
 */
export function parseDay(text: string, today: string): string | null {
  const t = normalize(text).replace(/\s+/g, '');
  const now = parseToday(today);

  const full = /(?<!\d)(\d{4}|\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?:日|号)?(?!\d)/.exec(t);
  if (full) {
    const y = Number(full[1]);
    return format(y < 100 ? 2000 + y : y, Number(full[2]), Number(full[3]));
  }
  const ago = new RegExp(`(${NUM})(?:天|日)(以前|之前|前|以后|之后|后)`).exec(t);
  if (ago) {
    const n = int(ago[1]);
    if (n !== null) return addDays(now, ago[2]?.includes('前') ? -n : n);
  }
  for (const [re, days] of RELATIVE) if (re.test(t)) return addDays(now, days);

  const week = /(上上|上|本|这|下)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/.exec(t);
  if (week) {
    const shift = { 上上: -14, 上: -7, 本: 0, 这: 0, 下: 7 }[week[1] ?? '本'] ?? 0;
    const target = WEEKDAY[week[2] as string] as number;
    return addDays(now, shift + target - weekday(now));
  }

  const yearWord = /(去年|前年|今年)/.exec(t)?.[1];
  const year = now.y - (yearWord === '去年' ? 1 : yearWord === '前年' ? 2 : 0);
  const monthDay = new RegExp(`(${NUM})月(${NUM})(?:日|号)?`).exec(t);
  if (monthDay) {
    const m = int(monthDay[1]);
    const d = int(monthDay[2]);
    return m !== null && d !== null ? format(year, m, d) : null;
  }
  // "5.3", "5/3", "5-3": not part of a longer number or an amount ("5.3万").
  const short = /(?<![\d./-])(\d{1,2})[./-](\d{1,2})(?![\d.万千元块%/-])/.exec(t);
  if (short) return format(year, Number(short[1]), Number(short[2]));

  const lastMonth = new RegExp(`(上个?月|本月|这个?月)(${NUM})(?:日|号)`).exec(t);
  const dayOnly = lastMonth ?? new RegExp(`(?<![月\\d])()(${NUM})(?:日|号)(?!\\d)`).exec(t);
  if (dayOnly) {
    const d = int(dayOnly[2]);
    if (d === null) return null;
    const back = dayOnly[1]?.startsWith('上') ? 1 : 0;
    const month = new Date(Date.UTC(now.y, now.m - 1 - back, 1));
    return format(month.getUTCFullYear(), month.getUTCMonth() + 1, d);
  }
  return null;
}
