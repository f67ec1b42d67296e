/**
 * The calendar under its first names, kept so existing importers need not change: everything here
 * is src/domain/calendar.ts (the one calendar, which honours the configured zone — Asia/Shanghai
 * unless `TZ_NAME` says otherwise). New code imports calendar.ts.
 *
 * @example
 *   shanghaiDay(Date.UTC(2022, 4, 31, 16, 0))  // '2022-06-01' (00:00 in Shanghai)
 *   addDays('2022-12-25', 15)                    // '2023-01-09'
 */
import { dayOf, instantOf } from './calendar.js';

export { addDays, addMonths, daysBetween, dayWithin, isDay, type Day } from './calendar.js';

/** The calendar day of an instant (epoch ms) in the configured zone. */
export const shanghaiDay = (instant: number): string => dayOf(instant);

/** The instant (epoch ms) of 00:00 on `day` in the configured zone. */
export const startOfShanghaiDay = (day: string): number => instantOf(day);
