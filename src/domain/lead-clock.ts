/**
 * The 15-day clock of a risk lead, in Asia/Shanghai calendar days.
 *
 * The deadline is the discovery day plus `deadlineDays`; the deadline day itself still counts
 * ("一般不超过15天": found on 05-20, decided on 06-04 is in time; 06-05 is late). `daysLeft` is 0
 * on the deadline day and negative after it.
 *
 * @example
 *   // now = 2023-01-07 10:00 in Shanghai
 *   leadClock({ deadline: '2023-01-09', status: 'open' }, now, { dueSoonDays: 3 })
 *   // { deadline: '2023-01-09', daysLeft: 2, state: 'due_soon' }
 */
import type { Fault } from './case-faults.js';
import type { Lead, LeadConfig } from './lead.js';
import { daysBetween, shanghaiDay, type Day } from './shanghai-days.js';

export type ClockState = 'on_time' | 'due_soon' | 'overdue' | 'closed';

export interface LeadClock {
  deadline: Day;
  /** Calendar days from today to the deadline: 0 on the deadline day, negative when overdue. */
  daysLeft: number;
  state: ClockState;
}

export function leadClock(lead: Pick<Lead, 'deadline' | 'status'>, now: number, cfg: Pick<LeadConfig, 'dueSoonDays'>): LeadClock {
  const daysLeft = daysBetween(shanghaiDay(now), lead.deadline);
  if (lead.status !== 'open') return { deadline: lead.deadline, daysLeft, state: 'closed' };
  const state: ClockState = daysLeft < 0 ? 'overdue' : daysLeft <= cfg.dueSoonDays ? 'due_soon' : 'on_time';
  return { deadline: lead.deadline, daysLeft, state };
}

export const isOverdue = (lead: Pick<Lead, 'deadline' | 'status'>, now: number): boolean => lead.status === 'open' && shanghaiDay(now) > lead.deadline;

/** Open and at most `withinDays` days left (not yet overdue). */
export function isDueSoon(lead: Pick<Lead, 'deadline' | 'status'>, now: number, withinDays: number): boolean {
  if (lead.status !== 'open') return false;
  const left = daysBetween(shanghaiDay(now), lead.deadline);
  return left >= 0 && left <= withinDays;
}

/** The warning to send about an open lead today, if any (`LEAD.DUE_SOON` or `LEAD.DEADLINE_PASSED`). */
export function leadAlert(lead: Pick<Lead, 'deadline' | 'status'>, now: number, cfg: Pick<LeadConfig, 'dueSoonDays' | 'deadlineDays'>): Fault | null {
  const c = leadClock(lead, now, cfg);
  if (c.state === 'overdue') return { code: 'LEAD.DEADLINE_PASSED', params: { deadline: c.deadline, days: -c.daysLeft, deadlineDays: cfg.deadlineDays } };
  if (c.state === 'due_soon') return { code: 'LEAD.DUE_SOON', params: { deadline: c.deadline, days: c.daysLeft } };
  return null;
}
