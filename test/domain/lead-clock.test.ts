import { describe, expect, it } from 'vitest';
import { describeFault } from '../../src/domain/case-faults.js';
import { DEFAULT_LEAD_CONFIG } from '../../src/domain/lead.js';
import { isDueSoon, isOverdue, leadAlert, leadClock } from '../../src/domain/lead-clock.js';
import { addDays } from '../../src/domain/shanghai-days.js';
import { at } from '../helpers/casework.js';

const cfg = DEFAULT_LEAD_CONFIG;

describe('the 15-day clock', () => {
  it.each([
    // discovered, today (Shanghai), daysLeft, state
    ['2022-05-20', '2022-05-20', 15, 'on_time'],
    ['2022-05-20', '2022-06-01', 3, 'due_soon'],
    ['2022-05-20', '2022-06-04', 0, 'due_soon'],
    ['2022-05-20', '2022-06-05', -1, 'overdue'],
    ['2022-12-25', '2023-01-07', 2, 'due_soon'],
    ['2022-12-25', '2023-01-10', -1, 'overdue'],
    ['2024-02-20', '2024-03-06', 0, 'due_soon'],
    ['2023-02-20', '2023-03-06', 1, 'due_soon'],
    ['2022-01-31', '2022-02-11', 4, 'on_time'],
  ])('found %s, on %s: %i days left, %s', (found, today, left, state) => {
    const lead = { deadline: addDays(found, cfg.deadlineDays), status: 'open' as const };
    expect(leadClock(lead, at(today, 23, 59), cfg)).toEqual({ deadline: lead.deadline, daysLeft: left, state });
    expect(isOverdue(lead, at(today))).toBe(state === 'overdue');
  });

  it('uses the Shanghai day, not the UTC one (00:30 in Shanghai is still the previous UTC day)', () => {
    const lead = { deadline: '2022-06-04', status: 'open' as const };
    expect(leadClock(lead, at('2022-06-05', 0, 30), cfg).state).toBe('overdue');
    expect(leadClock(lead, at('2022-06-04', 23, 59), cfg).state).toBe('due_soon');
  });

  it('is closed for a decided lead', () => {
    expect(leadClock({ deadline: '2022-06-04', status: 'included' }, at('2022-07-01'), cfg).state).toBe('closed');
    expect(isOverdue({ deadline: '2022-06-04', status: 'not_included' }, at('2022-07-01'))).toBe(false);
  });

  it.each([
    [2, '2022-06-02', true],
    [2, '2022-06-01', false],
    [5, '2022-06-01', true],
    [5, '2022-06-05', false],
  ])('due soon within %i days on %s → %s', (n, today, want) => {
    expect(isDueSoon({ deadline: '2022-06-04', status: 'open' }, at(today), n)).toBe(want);
  });

  it('alerts before and after the deadline, in Chinese', () => {
    const lead = { deadline: '2022-06-04', status: 'open' as const };
    expect(leadAlert(lead, at('2022-05-25'), cfg)).toBeNull();
    const soon = leadAlert(lead, at('2022-06-02'), cfg);
    expect(soon && describeFault(soon)).toBe('线索还剩2天到期（截止2022-06-04）。');
    const late = leadAlert(lead, at('2022-06-07'), cfg);
    expect(late && describeFault(late)).toBe('线索已超过15天认定时限（截止2022-06-04），已超期3天。');
  });
});
