import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN_2022 } from '../../src/domain/campaign.js';
import { avoidBusyMinutes, countsForWeek, draftDueAt, reminderDueAt, reportWeek, weekOfDeadline } from '../../src/domain/weekly-report.js';

/** Shanghai wall-clock instants of May 2022. */
const may = (day: number, hh: number, mm = 0) => Date.UTC(2022, 4, day, hh - 8, mm);

describe('the report week', () => {
  it.each([
    ['Monday morning', may(9, 9), '2022-W19', may(13, 8)],
    ['Thursday night', may(12, 23), '2022-W19', may(13, 8)],
    ['Friday 07:59', may(13, 7, 59), '2022-W19', may(13, 8)],
    ['Friday 08:00 exactly: the next week', may(13, 8), '2022-W20', may(20, 8)],
    ['Saturday', may(14, 10), '2022-W20', may(20, 8)],
  ])('%s', (_n, t, week, deadline) => {
    expect(reportWeek(t, DEFAULT_CAMPAIGN_2022)).toEqual({ week, deadline, opens: deadline - 7 * 24 * 3_600_000 });
  });

  it('counts a confirmation after the previous deadline and by this one', () => {
    const w = weekOfDeadline(may(13, 8));
    expect(countsForWeek(may(6, 8), w)).toBe(false);
    expect(countsForWeek(may(6, 8, 1), w)).toBe(true);
    expect(countsForWeek(may(13, 8), w)).toBe(true);
    expect(countsForWeek(may(13, 8, 1), w)).toBe(false);
  });
});

describe('when the jobs run', () => {
  it('the draft the evening before, the reminder shortly before: never at minute 0 or 30', () => {
    expect(draftDueAt(may(13, 8))).toBe(may(12, 21, 10));
    expect(reminderDueAt(may(13, 8))).toBe(may(13, 7, 10));
    // A 09:20 deadline would remind at 08:30: moved to 08:27.
    expect(reminderDueAt(may(13, 9, 20))).toBe(may(13, 8, 27));
    expect(avoidBusyMinutes(may(13, 9, 0))).toBe(may(13, 8, 57));
    expect(avoidBusyMinutes(may(13, 9, 1))).toBe(may(13, 9, 1));
  });
});
