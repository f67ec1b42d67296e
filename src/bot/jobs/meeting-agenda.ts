/**
 * The Thursday agenda push: on the morning of the weekly 研判会 (the campaign's weekday), every
 * 村干部 and 排查小组成员 of a village with something to judge gets the agenda (agendaMessages in
 * src/flows/field/agenda.ts), and every cadre responsible for a monitored household with planned
 * measures not yet implemented gets the weekly 帮扶 reminder (src/flows/casework/measure-reminders.ts). Timer-driven, never a sleep: one row in the `timer` table (sender
 * `system:meeting-agenda`) holds the next push; when the sweeper fires it, `onMeetingAgendaTimer`
 * — called inside the sweeper's transaction — writes the messages to the outbox and schedules the
 * following week, so across several instances each week's push happens exactly once.
 *
 * Wiring (by the lead): at start, `await transaction(db, (tx) => scheduleMeetingAgenda(tx, now))`
 * (idempotent); in the sweeper, for each fired timer, `if (await onMeetingAgendaTimer(tx, t, now))
 * continue;` before turning it into an inbound `timeout` row.
 *
 * @example
 *   await scheduleMeetingAgenda(tx, now);                  // due next Thursday 08:10 (Asia/Shanghai)
 *   const fired = await fireDueTimers(tx, 'sweeper-a', now, 50);
 *   for (const t of fired) if (await onMeetingAgendaTimer(tx, t, now)) continue;
 */
import { createHash } from 'node:crypto';
import { nextWeekly } from '../../domain/calendar.js';
import type { Day } from '../../domain/shanghai-days.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { indexRoster, responsibleIn } from '../../domain/farmer-routing.js';
import { measureReminders, type PendingMeasures } from '../../flows/casework/measure-reminders.js';
import { agendaMessages, type VillageAgenda } from '../../flows/field/agenda.js';
import { getHouseholds } from '../../persistence/households.js';
import { subjectsInRegion } from '../../persistence/subjects.js';
import type { Tx } from '../../persistence/db.js';
import { storeOutbound } from '../../persistence/outbox.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { listStaff } from '../../persistence/staff.js';
import { findTimer, scheduleTimer, type TimerRow } from '../../persistence/timer.js';
import { agendasIn } from '../flow-data/field-agenda.js';
import type { AgendaItem } from '../../flows/field/data.js';
import { campaignCode, campaignOf, regionName } from '../flow-data/field-views.js';
import { may } from '../../domain/roles.js';

/** The timer row of the push: not a person's lane, so the dispatcher never sees it. */
export const MEETING_AGENDA_TIMER = { channel: 'app', sender: 'system:meeting-agenda', name: 'meeting-agenda' } as const;

export interface MeetingAgendaOptions {
  /** Wall-clock time of the push on the meeting day; 08:10 keeps clear of minutes 0 and 30 (WECOM.md). */
  time?: string;
}

const DEFAULT_TIME = '08:10';

/** Schedules (or moves) the next push: the next meeting weekday at `time` after `now`. */
export async function scheduleMeetingAgenda(tx: Tx, now: number, opts: MeetingAgendaOptions = {}): Promise<number> {
  const campaign = await campaignOf(tx, shanghaiDay(now));
  const dueAt = nextWeekly(now, { weekday: campaign.weekly.reviewMeeting.weekday, time: opts.time ?? DEFAULT_TIME }, campaign.tz);
  const existing = await findTimer(tx, MEETING_AGENDA_TIMER.channel, MEETING_AGENDA_TIMER.sender, MEETING_AGENDA_TIMER.name);
  // Already pending for that moment: nothing to do (every instance calls this at start).
  if (existing?.status === 'pending' && existing.dueAt === dueAt) return dueAt;
  await scheduleTimer(tx, { ...MEETING_AGENDA_TIMER, dueAt, payload: { meetingDay: shanghaiDay(dueAt) } }, now);
  return dueAt;
}

/**
 * The agendas of every village that has village-level cadres on the roster, as of `day`: the
 * agendas read city by city (a fixed number of reads per city, src/bot/flow-data/field-agenda.ts),
 * the cadres grouped from one roster read.
 */
export async function villageAgendas(tx: Tx, day: Day): Promise<VillageAgenda[]> {
  const campaign = campaignCode(await campaignOf(tx, day));
  const tree = await loadRegionTree(tx);
  const cadres = new Map<string, string[]>();
  for (const s of await listStaff(tx)) {
    if (!s.active || !may(s.role, 'hold_meeting') || s.jurisdiction.level !== 'village') continue;
    cadres.set(s.jurisdiction.code, [...(cadres.get(s.jurisdiction.code) ?? []), s.userId]);
  }
  const agendas = new Map<string, AgendaItem[]>();
  if (cadres.size > 0) {
    for (const city of tree.children.get(null) ?? []) for (const [code, items] of await agendasIn(tx, { level: 'city', code: city.code }, campaign, day)) agendas.set(code, items);
  }
  return [...cadres]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, users]) => ({ villageName: regionName(tree, code) ?? code, cadres: users, items: agendas.get(code) ?? [] }));
}

/**
 * Every open subject with planned measures not yet implemented, and who answers for its household:
 * the subjects city by city, their households in one chunked read, the roster indexed once.
 */
export async function pendingMeasures(tx: Tx): Promise<PendingMeasures[]> {
  const tree = await loadRegionTree(tx);
  const roster = indexRoster(await listStaff(tx));
  const waiting: Array<{ householdId: number; pending: PendingMeasures['pending'] }> = [];
  for (const city of tree.children.get(null) ?? []) {
    for (const s of await subjectsInRegion(tx, { level: 'city', code: city.code }, 'open')) {
      const pending = s.measures.filter((m) => m.status === 'pending').map((m) => m.measure);
      if (pending.length) waiting.push({ householdId: s.householdId, pending });
    }
  }
  const households = await getHouseholds(tx, waiting.map((w) => w.householdId));
  const out: PendingMeasures[] = [];
  for (const { householdId, pending } of waiting) {
    const h = households.get(householdId);
    if (!h) continue;
    const responsible = responsibleIn(roster, tree, h.placement, h.contactStaff).map((x) => x.userId);
    out.push({ household: { headName: h.headName, villageName: regionName(tree, h.placement.villageCode) ?? h.placement.villageCode }, pending, responsible });
  }
  return out;
}

/**
 * Handles a fired timer if it is the push's: sends the agendas (when it fired on the meeting day
 * itself — a push found days late is skipped, not sent stale) and schedules the next week.
 * Returns false for any other timer.
 */
export async function onMeetingAgendaTimer(tx: Tx, t: Pick<TimerRow, 'channel' | 'sender' | 'name' | 'payload'>, now: number, opts: MeetingAgendaOptions = {}): Promise<boolean> {
  if (t.channel !== MEETING_AGENDA_TIMER.channel || t.sender !== MEETING_AGENDA_TIMER.sender || t.name !== MEETING_AGENDA_TIMER.name) return false;
  const today = shanghaiDay(now);
  const meetingDay = (t.payload as { meetingDay?: string } | null)?.meetingDay ?? today;
  if (meetingDay === today) {
    const messages = agendaMessages(await villageAgendas(tx, today), meetingDay, today);
    // One message per person per meeting day, whatever happens to the timer (the key fits the 32-character column).
    const key = (to: string) => `ag${meetingDay.replace(/-/g, '')}${createHash('sha256').update(to).digest('hex').slice(0, 22)}`;
    await storeOutbound(tx, messages.map((m) => ({ channel: 'app', recipient: m.to, payload: m.reply, idemKey: key(m.to) })), now);
    // The weekly 帮扶 reminder goes out with the agenda: planned measures not yet implemented.
    const measureKey = (to: string) => `mr${meetingDay.replace(/-/g, '')}${createHash('sha256').update(to).digest('hex').slice(0, 22)}`;
    const reminders = measureReminders(await pendingMeasures(tx));
    await storeOutbound(tx, reminders.map((m) => ({ channel: 'app', recipient: m.to, payload: m.reply, idemKey: measureKey(m.to) })), now);
  }
  await scheduleMeetingAgenda(tx, now, opts);
  return true;
}
