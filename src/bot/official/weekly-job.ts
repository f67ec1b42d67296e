/**
 * The weekly report jobs (SPEC.md §2.6), as system jobs of the sweeper (src/bot/jobs): Thursday
 * night each town's officials get the draft of the Friday report — the figures, the villages still
 * missing, and 附件1 + 附件6 as files; Friday morning the officials of a town with something
 * missing, and the cadres of each village that has not reported, get a reminder naming only what
 * is missing. Timed off the campaign's report deadline (src/domain/weekly-report.ts: 21:10 and
 * 07:10 for Friday 08:00; never at minute 0 or 30).
 *
 * Timers are rows: each job keeps its next run in the `timer` table (sender `system:weekly-report`)
 * with the deadline it serves in the payload. The sweeper fires it and calls `onTimer` inside its
 * transaction, which writes the messages to the outbox and schedules the next week — so each run
 * happens exactly once across instances (outbox keys are deterministic per week and person as a
 * second guard). The draft's xlsx files are NOT built in that transaction (on SQLite it would hold
 * the whole process): just before, `prepare` sees the timer due, reads what the forms need in a
 * short read transaction and builds the files outside any; `onTimer` then only writes them (the
 * bytes into `outbox_media`, the rows a reference: src/persistence/media.ts). Should
 * the prepared run not match (another instance moved the timer meanwhile), it builds them itself. A run found after its deadline (the server was down) is skipped, not sent late;
 * nothing is sent outside the campaign (before its window, after its summary day).
 *
 * Wired in `systemJobs()` (src/bot/jobs/index.ts).
 *
 * @example
 *   const jobs = weeklyReportJobs();          // [draft, reminder], each a SystemJob
 *   new Sweeper({ db, processor, instanceId, log, jobs })
 */
import { createHash } from 'node:crypto';
import { dayOf } from '../../domain/calendar.js';
import { nextReportDeadline, type Campaign } from '../../domain/campaign.js';
import type { RegionTree } from '../../domain/hierarchy.js';
import { maskText } from '../../domain/privacy.js';
import { type Role, POLICY } from '../../domain/roles.js';
import { draftDueAt, reminderDueAt, weekOfDeadline, type ReportWeek } from '../../domain/weekly-report.js';
import type { Staff } from '../../domain/types.js';
import { draftMessage, townReminder, villageReminder } from '../../flows/official/weekly-messages.js';
import type { Reply } from '../../flows/types.js';
import { transaction, type Database, type Tx } from '../../persistence/db.js';
import { storeOutbound, type OutboundItem } from '../../persistence/outbox.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { listStaff } from '../../persistence/staff.js';
import { findTimer, scheduleTimer, type TimerRow } from '../../persistence/timer.js';
import { FormInputError } from '../forms/index.js';
import type { SystemJob } from '../jobs/index.js';
import { buildFormFile, gatherForm, type FormInputs } from './files.js';
import { campaignOn, campaignWindow, placeIn, placeReport } from './sources.js';
import { progressViewOf, reportingViewOf } from './views.js';

const SENDER = 'system:weekly-report';
export const DRAFT_TIMER = { channel: 'app', sender: SENDER, name: 'weekly-report-draft' } as const;
export const REMINDER_TIMER = { channel: 'app', sender: SENDER, name: 'weekly-report-reminder' } as const;

const TOWN_ROLES: readonly Role[] = POLICY.confirm_town_week;
const VILLAGE_ROLES: readonly Role[] = POLICY.confirm_village_week;

interface Context {
  tx: Tx;
  campaign: Campaign;
  week: ReportWeek;
  tree: RegionTree;
  /** The active staff by jurisdiction code (read once per run, looked up per town and village). */
  staff: ReadonlyMap<string, readonly Staff[]>;
}

interface WeeklyJob {
  timer: typeof DRAFT_TIMER | typeof REMINDER_TIMER;
  dueOf: (deadline: number) => number;
  messages: (c: Context) => Promise<OutboundItem[]>;
  /** Builds the messages ahead, outside the sweeper's transaction (the draft's files). */
  ahead?: (c: Context) => Promise<{ gathered: TownDraft[] }>;
}

/** A run prepared ahead: the deadline it serves and its finished messages. */
interface Prepared {
  deadline: number;
  items: OutboundItem[];
}

/** The timer payload: the deadline the run serves. */
interface Payload {
  deadline: number;
}

async function scheduleFor(tx: Tx, job: WeeklyJob, deadline: number, now: number): Promise<void> {
  await scheduleTimer(tx, { ...job.timer, dueAt: job.dueOf(deadline), payload: { deadline } satisfies Payload }, now);
}

/** At start (every instance): the coming deadline's run, unless one is pending or the coming one just ran. */
async function schedule(tx: Tx, job: WeeklyJob, now: number): Promise<void> {
  const existing = await findTimer(tx, job.timer.channel, job.timer.sender, job.timer.name);
  if (existing?.status === 'pending') return;
  const campaign = await campaignOn(tx, dayOf(now));
  const served = (existing?.payload as Payload | null)?.deadline ?? 0;
  // The coming deadline's run may be already past (started Thursday 22:00): it fires at once.
  await scheduleFor(tx, job, nextReportDeadline(Math.max(now, served), campaign), now);
}

/** The context of a run serving `deadline`, and whether it is still to be sent. */
async function contextOf(tx: Tx, t: Pick<TimerRow, 'payload'>, now: number): Promise<{ c: Context; live: boolean }> {
  const campaign = await campaignOn(tx, dayOf(now));
  const deadline = (t.payload as Payload | null)?.deadline ?? nextReportDeadline(now, campaign);
  const week = weekOfDeadline(deadline, campaign.tz);
  const day = dayOf(deadline, campaign.tz);
  const live = now <= deadline && day >= campaignWindow(campaign, day).from && day <= campaign.milestones.summary;
  const staff = new Map<string, Staff[]>();
  if (live) for (const s of await listStaff(tx)) if (s.active) staff.set(s.jurisdiction.code, [...(staff.get(s.jurisdiction.code) ?? []), s]);
  const c: Context = { tx, campaign, week, tree: await loadRegionTree(tx), staff };
  return { c, live };
}

/** Before the sweeper's transaction: if the draft is due, read what it needs and build its files now. */
async function prepare(db: Database, job: WeeklyJob, now: number): Promise<Prepared | null> {
  if (!job.ahead) return null;
  const read = await transaction(db, async (tx) => {
    const t = await findTimer(tx, job.timer.channel, job.timer.sender, job.timer.name);
    if (!t || t.status !== 'pending' || t.dueAt > now) return null;
    const { c, live } = await contextOf(tx, t, now);
    return live ? { week: c.week, gathered: (await job.ahead!(c)).gathered } : null;
  });
  if (!read) return null;
  weeklyDraftBuilds.outside += read.gathered.length;
  return { deadline: read.week.deadline, items: await finishDrafts(read.week, read.gathered) };
}

async function onTimer(tx: Tx, job: WeeklyJob, t: Pick<TimerRow, 'channel' | 'sender' | 'name' | 'payload'>, now: number, prepared: Prepared | null): Promise<boolean> {
  if (t.channel !== job.timer.channel || t.sender !== job.timer.sender || t.name !== job.timer.name) return false;
  const { c, live } = await contextOf(tx, t, now);
  if (live) await storeOutbound(tx, prepared?.deadline === c.week.deadline ? prepared.items : await job.messages(c), now);
  await scheduleFor(tx, job, nextReportDeadline(c.week.deadline, c.campaign), now);
  return true;
}

const towns = (tree: RegionTree) => [...tree.byCode.values()].filter((r) => r.level === 'town');
const holders = (staff: Context['staff'], roles: readonly Role[], code: string) => (staff.get(code) ?? []).filter((s) => roles.includes(s.role));

/** What the draft of one town needs, read in a transaction; the files are built after it. */
interface TownDraft {
  officials: Staff[];
  message: Reply;
  forms: FormInputs[];
}

/** Thursday night, first half (inside a transaction): per town with officials, the draft and the forms' inputs. */
async function gatherDrafts({ tx, campaign, week, tree, staff }: Context): Promise<TownDraft[]> {
  const day = dayOf(week.deadline, campaign.tz);
  const drafts: TownDraft[] = [];
  for (const town of towns(tree)) {
    const officials = holders(staff, TOWN_ROLES, town.code);
    if (officials.length === 0) continue;
    const pr = await placeReport(tx, tree, town.code, day);
    const reporting = await reportingViewOf(tx, tree, town.code, week);
    const message = draftMessage({ week: week.week, deadline: week.deadline, progress: progressViewOf(pr, tree), reporting, confirmed: null }, placeIn(tree, town.code)!);
    drafts.push({ officials, message, forms: [await gatherForm(tx, tree, 'attachment1', town.code, day, pr), await gatherForm(tx, tree, 'attachment6', town.code, day, pr)] });
  }
  return drafts;
}

/** Second half (no transaction needed): the xlsx files, and the outbox items of every official. */
async function finishDrafts(week: ReportWeek, drafts: TownDraft[]): Promise<OutboundItem[]> {
  const items: OutboundItem[] = [];
  for (const d of drafts) {
    const files: Reply[] = [];
    for (const f of d.forms) files.push(await fileOrProblems(f));
    for (const o of d.officials) [d.message, ...files].forEach((r, i) => items.push(item(o.userId, r, `weekly:draft:${week.week}:${o.userId}:${i}`)));
  }
  return items;
}

/** Where the draft's files were built: counted for tests and metrics (inside a transaction should stay 0). */
export const weeklyDraftBuilds = { outside: 0, inside: 0 };

/** The draft when `prepare` could not build it beforehand: everything inside the sweeper's transaction. */
async function draftMessages(c: Context): Promise<OutboundItem[]> {
  const drafts = await gatherDrafts(c);
  weeklyDraftBuilds.inside += drafts.length;
  return finishDrafts(c.week, drafts);
}

/** Friday morning: the towns with something missing, and the villages that have not reported. */
async function reminderMessages({ tx, week, tree, staff }: Context): Promise<OutboundItem[]> {
  const items: OutboundItem[] = [];
  for (const town of towns(tree)) {
    const view = await reportingViewOf(tx, tree, town.code, week);
    const message = townReminder(view, placeIn(tree, town.code)!);
    if (message) for (const o of holders(staff, TOWN_ROLES, town.code)) items.push(item(o.userId, message, `weekly:remind:${week.week}:${o.userId}:${town.code}`));
    for (const v of view.villages.filter((x) => !x.confirmed)) {
      for (const c of holders(staff, VILLAGE_ROLES, v.place.code)) items.push(item(c.userId, villageReminder(v.place, week.week, week.deadline), `weekly:remind:${week.week}:${c.userId}:${v.place.code}`));
    }
  }
  return items;
}

/** The form as a file; a record it cannot print makes a message saying what to correct instead (the draft still goes). */
async function fileOrProblems(inputs: FormInputs): Promise<Reply> {
  try {
    const f = await buildFormFile(inputs);
    return { type: 'file', fileName: f.fileName, contentBase64: f.content.toString('base64') };
  } catch (e) {
    if (!(e instanceof FormInputError)) throw e;
    return { type: 'text', text: `${inputs.form.replace('attachment', '附件')}草稿没有生成：有记录填不进表格，请先更正：\n${e.problems.slice(0, 10).map(maskText).join('\n')}` };
  }
}

/** An app message with a deterministic key (the outbox keeps 32 characters: a digest of the readable key). */
const item = (userId: string, payload: Reply, key: string): OutboundItem => ({
  channel: 'app',
  recipient: userId,
  payload,
  idemKey: `wk${createHash('sha256').update(key).digest('base64url').slice(0, 30)}`,
});

const JOBS: WeeklyJob[] = [
  { timer: DRAFT_TIMER, dueOf: draftDueAt, messages: draftMessages, ahead: async (c) => ({ gathered: await gatherDrafts(c) }) },
  { timer: REMINDER_TIMER, dueOf: reminderDueAt, messages: reminderMessages },
];

/** The Thursday-night draft and the Friday-morning reminder, for `systemJobs()`. */
export function weeklyReportJobs(): SystemJob[] {
  return JOBS.map((job) => {
    // What `prepare` built for the coming run of this instance's sweeper.
    let prepared: Prepared | null = null;
    return {
      name: job.timer.name,
      schedule: (tx, now) => schedule(tx, job, now),
      prepare: async (db, now) => void (prepared = await prepare(db, job, now)),
      onTimer: async (tx, t, now) => {
        const handled = await onTimer(tx, job, t, now, prepared);
        if (handled) prepared = null;
        return handled;
      },
    };
  });
}
