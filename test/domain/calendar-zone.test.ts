/**
 * One calendar: shanghai-days.ts is calendar.ts under older names, the results are those of the
 * fixed +8 h arithmetic it replaced (and of dayjs, which calendar.ts used before), and the zone
 * named at start (`TZ_NAME` → `useTimeZone`) is the one every default means.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TZ, dayOf, endOfDay, instantOf, isoWeekLabel, timeZone, useTimeZone } from '../../src/domain/calendar.js';
import { shanghaiDay, startOfShanghaiDay } from '../../src/domain/shanghai-days.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const EIGHT_HOURS = 8 * 3_600_000;
// A deterministic spread of instants over 2020–2027 (every ~37 h, odd seconds included).
const instants = Array.from({ length: 1500 }, (_, i) => Date.UTC(2020, 0, 1) + i * 133_337_777);

describe('the one calendar', () => {
  afterEach(() => useTimeZone(DEFAULT_TZ));

  it('gives the days and midnights of the former fixed-offset module, under both names', () => {
    for (const t of instants) {
      const fixed = new Date(t + EIGHT_HOURS).toISOString().slice(0, 10);
      expect(shanghaiDay(t)).toBe(fixed);
      expect(dayOf(t)).toBe(fixed);
      expect(startOfShanghaiDay(fixed)).toBe(Date.UTC(Number(fixed.slice(0, 4)), Number(fixed.slice(5, 7)) - 1, Number(fixed.slice(8, 10))) - EIGHT_HOURS);
    }
  });

  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata'])('agrees with dayjs in %s, clock changes included', (tz) => {
    for (const t of instants) {
      expect(dayOf(t, tz)).toBe(dayjs(t).tz(tz).format('YYYY-MM-DD'));
      const day = dayOf(t, tz);
      expect(instantOf(day, '12:34', tz)).toBe(dayjs.tz(`${day} 12:34`, tz).valueOf());
    }
  });

  it('uses the configured zone for every default', () => {
    const t = Date.UTC(2022, 4, 31, 20, 0); // Shanghai 06-01 04:00, Berlin 05-31 22:00
    expect([timeZone(), shanghaiDay(t), isoWeekLabel(t)]).toEqual(['Asia/Shanghai', '2022-06-01', '2022-W22']);
    useTimeZone('Europe/Berlin');
    expect([timeZone(), shanghaiDay(t), dayOf(t)]).toEqual(['Europe/Berlin', '2022-05-31', '2022-05-31']);
    expect(startOfShanghaiDay('2022-06-01')).toBe(Date.UTC(2022, 4, 31, 22));
    expect(endOfDay('2022-10-30')).toBe(Date.UTC(2022, 9, 30, 23)); // the day DST ends has 25 hours
  });

  it('refuses an unknown zone and a malformed day or time', () => {
    expect(() => useTimeZone('Mars/Olympus')).toThrow(/unknown time zone/);
    expect(timeZone()).toBe('Asia/Shanghai');
    expect(() => instantOf('2022-02-30')).toThrow(/not a calendar day/);
    expect(() => instantOf('2022-02-03', '8点')).toThrow(/not a time of day/);
  });
});
