/**
 * Pure calendar arithmetic in the campaign's time zone (Asia/Shanghai unless configured): days,
 * ISO weeks, the weekly 研判会 and the Friday report deadline. Time comes in as epoch ms; nothing
 * here reads the clock.
 *
 * @example
 *   dayOf(Date.UTC(2022, 4, 31, 16, 30))                 // '2022-06-01' (00:30 in Shanghai)
 *   isoWeekLabel(Date.UTC(2021, 0, 1, 4))                // '2020-W53'
 *   nextWeekly(t, { weekday: 4, time: '15:00' })         // the next Thursday 15:00 after t
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DEFAULT_TZ = 'Asia/Shanghai';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A weekly moment: ISO weekday (1 = Monday … 7 = Sunday) and a wall-clock time 'HH:mm'. */
export interface WeeklyMoment {
  weekday: number;
  time: string;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar day 'YYYY-MM-DD'. */
export function isDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whether `s` is a wall-clock time 'HH:mm' (00:00–23:59). */
/** Whether `name` is an IANA time zone this runtime knows (e.g. Asia/Shanghai). */
export function isValidTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function isTimeOfDay(s: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
}

/** The calendar day of instant `t` in `tz`. */
export function dayOf(t: number, tz = DEFAULT_TZ): string {
  return dayjs(t).tz(tz).format('YYYY-MM-DD');
}

/** The instant a wall-clock time on `day` happens in `tz` (default midnight, the start of the day). */
export function instantOf(day: string, time = '00:00', tz = DEFAULT_TZ): number {
  return dayjs.tz(`${day} ${time}`, tz).valueOf();
}

/** 24:00 of `day`: the moment a deadline "by `day`" passes. */
export function endOfDay(day: string, tz = DEFAULT_TZ): number {
  return instantOf(addDays(day, 1), '00:00', tz);
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + n * DAY).toISOString().slice(0, 10);
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const at = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((at(b) - at(a)) / DAY);
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
export function isoWeekLabel(t: number, tz = DEFAULT_TZ): string {
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
export function nextWeekly(t: number, at: WeeklyMoment, tz = DEFAULT_TZ): number {
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
export function inWeekOf(t: number, at: WeeklyMoment, tz = DEFAULT_TZ): number {
  const today = dayOf(t, tz);
  return instantOf(addDays(today, at.weekday - isoWeekday(today)), at.time, tz);
}
