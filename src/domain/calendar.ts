/**
 * The one calendar: days, instants and ISO weeks in the campaign's time zone. Every date and time
 * of the application comes from here (src/domain/shanghai-days.ts only re-exports it under its
 * older names). Time comes in as epoch ms; nothing here reads the clock.
 *
 * The zone is an argument with a default: the process's zone, `Asia/Shanghai` unless the
 * deployment names another (`TZ_NAME`, set once at start through `useTimeZone`). Nothing assumes a
 * fixed offset: the offset of an instant is read from the runtime's time-zone data through one
 * cached `Intl.DateTimeFormat` per zone (creating one costs tens of microseconds, on every message
 * it showed in the profile). Day arithmetic goes through UTC midnights, so month and year ends and
 * leap days come out right.
 *
 * @example
 *   dayOf(Date.UTC(2022, 4, 31, 16, 30))                 // '2022-06-01' (00:30 in Shanghai)
 *   instantOf('2022-06-01')                              // Date.UTC(2022, 4, 31, 16)
 *   addMonths('2022-08-31', 6)                           // '2023-02-28'
 *   isoWeekLabel(Date.UTC(2021, 0, 1, 4))                // '2020-W53'
 *   nextWeekly(t, { weekday: 4, time: '15:00' })         // the next Thursday 15:00 after t
 */

export const DEFAULT_TZ = 'Asia/Shanghai';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A calendar day 'YYYY-MM-DD'. */
export type Day = string;

/** A weekly moment: ISO weekday (1 = Monday … 7 = Sunday) and a wall-clock time 'HH:mm'. */
export interface WeeklyMoment {
  weekday: number;
  time: string;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar day 'YYYY-MM-DD'. */
export function isDay(s: unknown): s is Day {
  if (typeof s !== 'string') return false;
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whether `name` is an IANA time zone this runtime knows (e.g. Asia/Shanghai). */
export function isValidTimeZone(name: string): boolean {
  try {
    formatterOf(name);
    return true;
  } catch {
    return false;
  }
}

let processZone = DEFAULT_TZ;

/** Sets the zone every default argument here means (`TZ_NAME`); called once at start. */
export function useTimeZone(name: string): void {
  if (!isValidTimeZone(name)) throw new RangeError(`unknown time zone: ${name}`);
  processZone = name;
}

/** The zone the defaults mean. */
export function timeZone(): string {
  return processZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall clock of instant `t` in `tz`, as the UTC instant with the same fields. */
function wallClock(t: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of formatterOf(tz).formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

// Offsets change only at whole quarter hours, so one answer serves a whole quarter hour of
// instants: the hot path (several days per message) formats once per quarter hour, not per call.
const QUARTER = 15 * MINUTE;
const offsets = new Map<string, number>();

/** How far `tz` is ahead of UTC at instant `t`, in ms. */
function offsetAt(t: number, tz: string): number {
  const quarter = Math.floor(t / QUARTER) * QUARTER;
  const key = `${tz}|${quarter}`;
  let off = offsets.get(key);
  if (off === undefined) {
    off = wallClock(quarter, tz) - quarter;
    if (offsets.size >= 4096) offsets.clear(); // bounded: memory stays flat however long it runs
    offsets.set(key, off);
  }
  return off;
}

function utcMidnight(day: Day): number {
  if (!isDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

const formatDay = (utcMs: number): Day => new Date(utcMs).toISOString().slice(0, 10);

/** Whether `s` is a wall-clock time 'HH:mm' (00:00–23:59). */
export function isTimeOfDay(s: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
}

/** The wall-clock time 'HH:mm' of instant `t` in `tz`. */
export function timeOfDayOf(t: number, tz = processZone): string {
  return new Date(t + offsetAt(t, tz)).toISOString().slice(11, 16);
}

/** The calendar day of instant `t` in `tz`. */
export function dayOf(t: number, tz = processZone): Day {
  return formatDay(t + offsetAt(t, tz));
}

/**
 * The instant a wall-clock time on `day` happens in `tz` (default midnight, the start of the day).
 * Where a clock change skips or repeats that time, the offset before the change is used.
 */
export function instantOf(day: Day, time = '00:00', tz = processZone): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m) throw new RangeError(`not a time of day: ${time}`);
  const wall = utcMidnight(day) + (Number(m[1]) * 60 + Number(m[2])) * MINUTE + Number(m[3] ?? 0) * 1000;
  const first = wall - offsetAt(wall, tz);
  return wall - offsetAt(first, tz);
}

/** 24:00 of `day`: the moment a deadline "by `day`" passes. */
export function endOfDay(day: string, tz = processZone): number {
  return instantOf(addDays(day, 1), '00:00', tz);
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: Day, n: number): Day {
  return formatDay(utcMidnight(day) + n * DAY);
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((utcMidnight(b) - utcMidnight(a)) / DAY);
}

/**
 * `day` moved by `n` months; a day that does not exist in the target month is clamped to its
 * last day (08-31 + 6 months = 02-28, or 02-29 in a leap year), as people count "six months".
 */
export function addMonths(day: Day, n: number): Day {
  utcMidnight(day);
  const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + n, Number(day.slice(8, 10))];
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return formatDay(Date.UTC(y, m, Math.min(d, lastOfTarget)));
}

/** Whether `day` lies in [from, to], both inclusive. */
export function dayWithin(day: Day, from: Day, to: Day): boolean {
  return day >= from && day <= to;
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week of a day: the week belongs to the year of its Thursday. */
export function isoWeekOfDay(day: string): { year: number; week: number } {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  return { year, week: Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1 };
}

/** 'YYYY-Www' of instant `t` in `tz`. */
export function isoWeekLabel(t: number, tz = processZone): string {
  const { year, week } = isoWeekOfDay(dayOf(t, tz));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week label, or null when the label is not a real week. */
export function mondayOfIsoWeek(label: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  // 4 January is always in week 1.
  const jan4 = `${year}-01-04`;
  const monday = addDays(addDays(jan4, 1 - isoWeekday(jan4)), (week - 1) * 7);
  const back = isoWeekOfDay(monday);
  return back.year === year && back.week === week ? monday : null;
}

/** The first occurrence of a weekly moment strictly after `t`. */
export function nextWeekly(t: number, at: WeeklyMoment, tz = processZone): number {
  const today = dayOf(t, tz);
  let day = addDays(today, (at.weekday - isoWeekday(today) + 7) % 7);
  let when = instantOf(day, at.time, tz);
  if (when <= t) {
    day = addDays(day, 7);
    when = instantOf(day, at.time, tz);
  }
  return when;
}

/** The weekly moment inside the ISO week (Monday–Sunday) that contains `t`, past or future. */
export function inWeekOf(t: number, at: WeeklyMoment, tz = processZone): number {
  const today = dayOf(t, tz);
  return instantOf(addDays(today, at.weekday - isoWeekday(today)), at.time, tz);
}
