/**
 * The weekly report jobs (SPEC.md §2.6): Thursday night each town's officials get the draft of
 * the Friday report — the figures, the villages still missing, and 附件1 + 附件6 as files; Friday
 * morning the officials of a town with something missing, and the cadres of each village that
 * has not reported, get a reminder naming only what is missing. Timed off the campaign's report
 * deadline (src/domain/weekly-report.ts: 21:10 and 07:10 for Friday 08:00).
 *
 * Timers are rows: each job has a `scheduled_job` row (its next due instant). `runDue(now)`
 * looks at both rows; for a due one it reads and builds everything outside any transaction,
 * then claims the row and enqueues the messages in ONE transaction — so a run happens once
 * across instances, and a crash before the commit leaves the run to the next round. Outbox keys
 * are deterministic per week and person as a second guard. A run found past its deadline (the
 * server was down) is skipped, not sent late; outside the campaign (before its window, after its
 * summary day) nothing is sent.
 *
 * Wiring (for main.ts): call `runDue()` from the sweeper round or any interval of a minute or
 * less; it is cheap when nothing is due (one read of two rows).
 *
 * @example
 *   const job = new WeeklyReportJob({ db, instanceId: 'edge-1', log });
 *   await job.runDue();   // { draft: 'sent' | 'skipped' | null, reminder: … }
 */
import { createHash } from 'node:crypto';
import { dayOf } from '../../domain/calendar.js';
import { maskText } from '../../domain/privacy.js';
import { nextReportDeadline, type Campaign } from '../../domain/campaign.js';
import type { RegionTree } from '../../domain/hierarchy.js';
import type { Role } from '../../domain/roles.js';
import { draftDueAt, reminderDueAt, weekOfDeadline, type ReportWeek } from '../../domain/weekly-report.js';
import type { Reply } from '../../flows/types.js';
import { draftMessage, townReminder, villageReminder } from '../../flows/official/weekly-messages.js';
import { transaction, type Database } from '../../persistence/db.js';
import { enqueueOutbound, type OutboundItem } from '../../persistence/outbox.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { claimDueJob, getJob, noteJobResult } from '../../persistence/scheduled-jobs.js';
import { withRetry } from '../../persistence/sql.js';
import { listStaff } from '../../persistence/staff.js';
import type { Logger } from '../log.js';
import { FormInputError } from '../forms/index.js';
import { buildFormFile, gatherForm } from './files.js';
import { campaignOn, campaignWindow, placeIn, placeReport } from './sources.js';
import { progressViewOf, reportingViewOf } from './views.js';

export const DRAFT_JOB = 'weekly-report-draft';
export const REMINDER_JOB = 'weekly-report-reminder';
const WEEK_MS = 7 * 24 * 3_600_000;

export type RunResult = 'sent' | 'skipped' | null;

export interface WeeklyJobDeps {
  db: Database;
  /** Who runs it (kept on the job row). */
  instanceId: string;
  log?: Logger;
  clock?: () => number;
}

interface Plan {
  items: OutboundItem[];
  result: Record<string, number | string>;
}

const TOWN_ROLES: readonly Role[] = ['town_official'];
const VILLAGE_ROLES: readonly Role[] = ['village_cadre', 'screening_team'];

export class WeeklyReportJob {
  constructor(private readonly deps: WeeklyJobDeps) {}

  /** Runs the draft and the reminder if they are due. */
  async runDue(now: number = (this.deps.clock ?? Date.now)()): Promise<{ draft: RunResult; reminder: RunResult }> {
    return {
      draft: await this.runOne(DRAFT_JOB, draftDueAt, now, (c, w, t) => this.planDraft(c, w, t)),
      reminder: await this.runOne(REMINDER_JOB, reminderDueAt, now, (c, w, t) => this.planReminders(c, w, t)),
    };
  }

  private async runOne(name: string, dueOf: (deadline: number) => number, now: number, plan: (c: Campaign, w: ReportWeek, tree: RegionTree) => Promise<Plan>): Promise<RunResult> {
    const { db } = this.deps;
    const read = () => transaction(db, async (tx) => ({ row: await getJob(tx, name), campaign: await campaignOn(tx, dayOf(now)), tree: await loadRegionTree(tx) }));
    let { row, campaign, tree } = await read();
    // First sight: the job starts with the due time of the coming deadline (possibly already past).
    const claim = { name, now, me: this.deps.instanceId, first: dueOf(nextReportDeadline(now, campaign)), next: (d: number) => d + WEEK_MS };
    if (!row) {
      await withRetry(() => transaction(db, (tx) => claimDueJob(tx, claim)));
      ({ row, campaign, tree } = await read());
    }
    if (!row || row.dueAt > now) return null;
    const dueAt = row.dueAt;
    const week = weekOfDeadline(nextReportDeadline(dueAt, campaign), campaign.tz);
    const day = dayOf(week.deadline, campaign.tz);
    const window = campaignWindow(campaign, day);
    const live = now <= week.deadline && day >= window.from && day <= campaign.milestones.summary;
    const built = live ? await plan(campaign, week, tree) : { items: [], result: { skipped: now > week.deadline ? 'late' : 'outside campaign' } };
    const claimed = await withRetry(() =>
      transaction(db, async (tx) => {
        const due = await claimDueJob(tx, claim);
        if (due !== dueAt) return false;
        await enqueueOutbound(tx, built.items, now);
        await noteJobResult(tx, name, { week: week.week, ...built.result }, now);
        return true;
      }),
    );
    if (!claimed) return null;
    this.deps.log?.info({ job: name, week: week.week, ...built.result }, live ? 'weekly report job ran' : 'weekly report job skipped');
    return live ? 'sent' : 'skipped';
  }

  /** Thursday night: per town with officials, the draft and its two files. */
  private async planDraft(campaign: Campaign, week: ReportWeek, tree: RegionTree): Promise<Plan> {
    const day = dayOf(week.deadline, campaign.tz);
    const staff = await this.activeStaff();
    const items: OutboundItem[] = [];
    let towns = 0;
    for (const town of [...tree.byCode.values()].filter((r) => r.level === 'town')) {
      const officials = staff.filter((s) => TOWN_ROLES.includes(s.role) && s.jurisdiction.code === town.code);
      if (officials.length === 0) continue;
      const place = placeIn(tree, town.code)!;
      const { message, f1, f6 } = await transaction(this.deps.db, async (tx) => {
        const pr = await placeReport(tx, tree, town.code, day);
        const reporting = await reportingViewOf(tx, tree, town.code, week);
        const message = draftMessage({ week: week.week, deadline: week.deadline, progress: progressViewOf(pr, tree), reporting, confirmed: null }, place);
        return { message, f1: await gatherForm(tx, tree, 'attachment1', town.code, day, pr), f6: await gatherForm(tx, tree, 'attachment6', town.code, day, pr) };
      });
      const replies: Reply[] = [message, ...(await Promise.all([f1, f6].map(fileOrProblems)))];
      for (const o of officials) items.push(...replies.map((r, i) => item(o.userId, r, `weekly:draft:${week.week}:${o.userId}:${i}`)));
      towns++;
    }
    return { items, result: { towns, messages: items.length } };
  }

  /** Friday morning: the towns with something missing, and the villages that have not reported. */
  private async planReminders(_campaign: Campaign, week: ReportWeek, tree: RegionTree): Promise<Plan> {
    const staff = await this.activeStaff();
    const items: OutboundItem[] = [];
    let villages = 0;
    for (const town of [...tree.byCode.values()].filter((r) => r.level === 'town')) {
      const place = placeIn(tree, town.code)!;
      const view = await transaction(this.deps.db, (tx) => reportingViewOf(tx, tree, town.code, week));
      const message = townReminder(view, place);
      if (message) for (const o of staff.filter((s) => TOWN_ROLES.includes(s.role) && s.jurisdiction.code === town.code)) items.push(item(o.userId, message, `weekly:remind:${week.week}:${o.userId}:${town.code}`));
      for (const v of view.villages.filter((x) => !x.confirmed)) {
        villages++;
        const cadres = staff.filter((s) => VILLAGE_ROLES.includes(s.role) && s.jurisdiction.code === v.place.code);
        for (const c of cadres) items.push(item(c.userId, villageReminder(v.place, week.week, week.deadline), `weekly:remind:${week.week}:${c.userId}:${v.place.code}`));
      }
    }
    return { items, result: { missingVillages: villages, messages: items.length } };
  }

  private activeStaff() {
    return transaction(this.deps.db, async (tx) => (await listStaff(tx)).filter((s) => s.active));
  }
}

/** An app message with a deterministic key (the outbox keeps 32 characters: a digest of the readable key). */
/** The form as a file; a record it cannot print makes a message saying what to correct instead (the draft still goes). */
async function fileOrProblems(inputs: Parameters<typeof buildFormFile>[0]): Promise<Reply> {
  try {
    const f = await buildFormFile(inputs);
    return { type: 'file', fileName: f.fileName, contentBase64: f.content.toString('base64') };
  } catch (e) {
    if (!(e instanceof FormInputError)) throw e;
    return { type: 'text', text: `${inputs.form.replace('attachment', '附件')}草稿没有生成：有记录填不进表格，请先更正：\n${e.problems.slice(0, 10).map(maskText).join('\n')}` };
  }
}

const item = (userId: string, payload: Reply, key: string): OutboundItem => ({
  channel: 'app',
  recipient: userId,
  payload,
  idemKey: `wk${createHash('sha256').update(key).digest('base64url').slice(0, 30)}`,
});
