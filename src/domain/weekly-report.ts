/**
 * The weekly report (seed 六(一)): every Friday 08:00 each town sends the city its 进度统计表
 * (附件1) and 问题清单 (附件6). This module decides which report week a moment belongs to, what
 * “a village has reported” means, and when the bot drafts and reminds. Pure; the deadline's
 * weekday and time come from the campaign (`Campaign.weekly.reportDeadline`).
 *
 * Reported (our definition, used by “哪些村还没报”, the Friday reminder and the city's view):
 * a village has reported for the week of deadline D when its 村干部 or 排查小组成员 confirmed the
 * village's figures (“本周上报”) after the previous deadline (D − 7 days) and by D. A town has
 * confirmed its report the same way (“周报” by a 镇街干部). The latest confirmation of the week
 * stands; a confirmation after D counts for the next week.
 *
 * The jobs, timed off the deadline (never at minute 0 or 30, WECOM.md): the draft the evening
 * before (08:00 Friday → 21:10 Thursday), the reminder shortly before (08:00 → 07:10).
 *
 * @example
 *   const w = reportWeek(now, campaign);        // { week: '2022-W19', deadline: <Fri 08:00>, opens: <previous Fri 08:00> }
 *   countsForWeek(confirmedAt, w)              // true when confirmed in (opens, deadline]
 *   draftDueAt(w.deadline)                      // Thursday 21:10
 */
import { isoWeekLabel } from './calendar.js';
import { nextReportDeadline, type Campaign } from './campaign.js';

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;
/** The draft goes out this long before the deadline (08:00 → 21:10 the evening before). */
export const DRAFT_LEAD_MS = (10 * 60 + 50) * MINUTE;
/** The reminder goes out this long before the deadline (08:00 → 07:10). */
export const REMINDER_LEAD_MS = 50 * MINUTE;

export interface ReportWeek {
  /** 'YYYY-Www' of the deadline (Asia/Shanghai). */
  week: string;
  /** The Friday 08:00 the report is due. */
  deadline: number;
  /** The previous deadline: confirmations after it count for this week. */
  opens: number;
}

/** The report week whose deadline is the first one strictly after `t`. */
export function reportWeek(t: number, c: Pick<Campaign, 'weekly' | 'tz'>): ReportWeek {
  return weekOfDeadline(nextReportDeadline(t, c), c.tz);
}

/** The report week ending at `deadline`. */
export function weekOfDeadline(deadline: number, tz?: string): ReportWeek {
  return { week: isoWeekLabel(deadline, tz), deadline, opens: deadline - WEEK };
}

/** Whether a confirmation at `at` counts for this week. */
export function countsForWeek(at: number, w: Pick<ReportWeek, 'opens' | 'deadline'>): boolean {
  return at > w.opens && at <= w.deadline;
}

/** `t`, moved 3 minutes earlier when it falls on minute 0 or 30 (WeCom's busiest minutes). */
export function avoidBusyMinutes(t: number): number {
  const minute = Math.floor(t / MINUTE) % 60;
  return minute % 30 === 0 ? t - 3 * MINUTE : t;
}

export const draftDueAt = (deadline: number): number => avoidBusyMinutes(deadline - DRAFT_LEAD_MS);
export const reminderDueAt = (deadline: number): number => avoidBusyMinutes(deadline - REMINDER_LEAD_MS);
