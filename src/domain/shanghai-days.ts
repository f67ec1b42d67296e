/**
 * Calendar days in Asia/Shanghai, as 'YYYY-MM-DD' strings, and the arithmetic the deadlines need.
 *
 * China has kept UTC+8 all year since 1991 (no daylight saving), so a Shanghai day is the UTC
 * date of `instant + 8 h`; no time-zone database is needed and the result never depends on the
 * machine's zone. All arithmetic goes through UTC midnights, so month and year ends, and leap
 * days, come out right.
 *
 * @example
 *   shanghaiDay(Date.UTC(2022, 4, 31, 16, 0))  // '2022-06-01' (00:00 in Shanghai)
 *   addDays('2022-12-25', 15)                    // '2023-01-09'
 *   daysBetween('2022-05-20', '2022-06-04')      // 15
 *   addMonths('2022-08-31', 6)                   // '2023-02-28'
 */

/** A calendar day in Asia/Shanghai, 'YYYY-MM-DD'. */
export type Day = string;

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar day written 'YYYY-MM-DD'. */
export function isDay(s: unknown): s is Day {
  if (typeof s !== 'string') return false;
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function utcMidnight(day: Day): number {
  if (!isDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function format(utcMs: number): Day {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/** The Shanghai calendar day of an instant (epoch ms). */
export function shanghaiDay(instant: number): Day {
  return format(instant + SHANGHAI_OFFSET_MS);
}

/** The instant (epoch ms) of 00:00 Shanghai time on `day`. */
export function startOfShanghaiDay(day: Day): number {
  return utcMidnight(day) - SHANGHAI_OFFSET_MS;
}

/** `day` moved by `n` calendar days (n may be negative). */
export function addDays(day: Day, n: number): Day {
  return format(utcMidnight(day) + n * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/**
 * `day` moved by `n` months; a day that does not exist in the target month is clamped to its
 * last day (08-31 + 6 months = 02-28, or 02-29 in a leap year), as people count "six months".
 */
export function addMonths(day: Day, n: number): Day {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  const d = Number(day.slice(8, 10));
  utcMidnight(day);
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return format(Date.UTC(y, m, Math.min(d, lastOfTarget)));
}

/** Whether `day` lies in [from, to], both inclusive. */
export function dayWithin(day: Day, from: Day, to: Day): boolean {
  return day >= from && day <= to;
}
