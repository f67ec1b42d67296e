/**
 * The daily 15-day clock job: every morning at 08:20 (Asia/Shanghai; clear of minutes 0 and 30,
 * WECOM.md) the people responsible for open leads that are due soon or overdue are reminded, and
 * the town officials get the overdue ones (deadlineReminders in src/flows/field). One timer row
 * under the sender `system:lead-deadlines`; run inside the sweeper's transaction, so each day's
 * reminders go out exactly once across instances. A run found on a later day is skipped (no stale
 * reminders) and the next one scheduled.
 */
import { createHash } from 'node:crypto';
import { LEAD_STEP } from '../../domain/catalog.js';
import { instantOf } from '../../domain/calendar.js';
import { indexRoster, responsibleIn, staffAt, type RosterIndex } from '../../domain/farmer-routing.js';
import type { RegionTree } from '../../domain/hierarchy.js';
import { addDays, shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import { deadlineReminders, type DeadlineItem } from '../../flows/field/deadline-reminders.js';
import type { Tx } from '../../persistence/db.js';
import { leadsDueBy, type LeadDue } from '../../persistence/lead-warnings.js';
import { storeOutbound } from '../../persistence/outbox.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { listStaff } from '../../persistence/staff.js';
import { findTimer, scheduleTimer, type TimerRow } from '../../persistence/timer.js';
import type { SystemJob } from './index.js';
import { may } from '../../domain/roles.js';

export const LEAD_DEADLINES_TIMER = { channel: 'app', sender: 'system:lead-deadlines', name: 'lead-deadlines' } as const;

export interface LeadDeadlineOptions {
  /** Wall-clock time of the daily run. */
  time?: string;
  /** "Due soon" = at most this many days left. */
  dueSoonDays?: number;
}

const DEFAULT_TIME = '08:20';

/** The next `time` (Asia/Shanghai) after `now`: today's if still ahead, else tomorrow's. */
export function nextRun(now: number, time: string): number {
  const today = shanghaiDay(now);
  const at = instantOf(today, time);
  return at > now ? at : instantOf(addDays(today, 1), time);
}

/** The next step of the procedure not yet recorded (信息比对 may have been skipped: it is recorded too). */
function nextStepLabel(steps: readonly string[]): string | null {
  const done = new Set(steps);
  const next = LEAD_STEP.codes.find((c) => !done.has(c));
  return next ? LEAD_STEP.label[next] : null;
}

/**
 * Everything the reminders of `today` need, from the open leads of every city, set-based: one
 * query for the leads due by `today + dueSoonDays` with their household heads, one for their
 * steps, one for the roster (indexed once in memory). Items come city by city (in the region
 * tree's order), soonest deadline first.
 */
export async function deadlineItems(tx: Tx, now: number, dueSoonDays: number): Promise<DeadlineItem[]> {
  const today = shanghaiDay(now);
  const tree = await loadRegionTree(tx);
  const cities = new Map((tree.children.get(null) ?? []).map((c, i) => [c.code, i]));
  const roster = indexRoster(await listStaff(tx));
  const leads = (await leadsDueBy(tx, addDays(today, dueSoonDays))).filter((l) => cities.has(l.placement.cityCode));
  // Stable: within a city the query's order (deadline, id) stays.
  leads.sort((a, b) => (cities.get(a.placement.cityCode) ?? 0) - (cities.get(b.placement.cityCode) ?? 0));
  return leads.map((l) => itemOf(l, tree, roster));
}

function itemOf(l: LeadDue, tree: RegionTree, roster: RosterIndex): DeadlineItem {
  const p = l.placement;
  const responsible = responsibleIn(roster, tree, p, l.contactStaff).map((s) => s.userId);
  const town = staffAt(roster, 'town', p.townCode).filter((s) => may(s.role, 'escalate_overdue')).map((s) => s.userId);
  return {
    lead: { name: l.headName ?? l.declarantName ?? '（未登记）', villageName: tree.byCode.get(p.villageCode)?.name ?? p.villageCode, deadline: l.deadline, nextStep: nextStepLabel(l.steps) },
    responsible,
    town,
  };
}

export async function scheduleLeadDeadlines(tx: Tx, now: number, opts: LeadDeadlineOptions = {}): Promise<number> {
  const dueAt = nextRun(now, opts.time ?? DEFAULT_TIME);
  const existing = await findTimer(tx, LEAD_DEADLINES_TIMER.channel, LEAD_DEADLINES_TIMER.sender, LEAD_DEADLINES_TIMER.name);
  if (existing?.status === 'pending') return existing.dueAt;
  await scheduleTimer(tx, { ...LEAD_DEADLINES_TIMER, dueAt, payload: { day: shanghaiDay(dueAt) } }, now);
  return dueAt;
}

export async function onLeadDeadlinesTimer(tx: Tx, t: Pick<TimerRow, 'channel' | 'sender' | 'name' | 'payload'>, now: number, opts: LeadDeadlineOptions = {}): Promise<boolean> {
  if (t.channel !== LEAD_DEADLINES_TIMER.channel || t.sender !== LEAD_DEADLINES_TIMER.sender || t.name !== LEAD_DEADLINES_TIMER.name) return false;
  const today: Day = shanghaiDay(now);
  const day = (t.payload as { day?: string } | null)?.day ?? today;
  if (day === today) {
    const dueSoonDays = opts.dueSoonDays ?? 3;
    const messages = deadlineReminders(today, await deadlineItems(tx, now, dueSoonDays), dueSoonDays);
    // A person's n-th message of the day (a town official told of a village nobody covers also gets the 督办).
    const nth = new Map<string, number>();
    await storeOutbound(
      tx,
      messages.map((m) => {
        const n = (nth.get(m.to) ?? 0) + 1;
        nth.set(m.to, n);
        return {
          channel: 'app' as const,
          recipient: m.to,
          payload: m.reply,
          // Each reminder once per person per day, even if the timer were ever handled twice.
          idemKey: createHash('sha256').update(`lead-deadlines|${today}|${m.to}${n > 1 ? `|${n}` : ''}`).digest('hex').slice(0, 32),
        };
      }),
      now,
    );
  }
  const next = nextRun(now, opts.time ?? DEFAULT_TIME);
  await scheduleTimer(tx, { ...LEAD_DEADLINES_TIMER, dueAt: next, payload: { day: shanghaiDay(next) } }, now);
  return true;
}

export function leadDeadlinesJob(opts: LeadDeadlineOptions = {}): SystemJob {
  return { name: 'lead-deadlines', schedule: (tx, now) => scheduleLeadDeadlines(tx, now, opts), onTimer: (tx, t, now) => onLeadDeadlinesTimer(tx, t, now, opts) };
}
