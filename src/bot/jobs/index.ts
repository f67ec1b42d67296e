/**
 * System jobs: reminders and pushes that belong to nobody's conversation (the Thursday 研判会
 * agenda, the Friday report reminders, the 15-day clock warnings). Each keeps its next run as a
 * row of the `timer` table under a `system:` sender; the sweeper offers every fired timer to the
 * jobs first (inside its transaction, so each run happens exactly once across instances), and a
 * job that recognizes its timer does its work and schedules the next run.
 *
 * @example
 *   const jobs = systemJobs();
 *   await transaction(db, (tx) => scheduleJobs(tx, jobs, now));   // at start, idempotent
 */
import { countJobRun } from '../metrics.js';
import type { Database, Tx } from '../../persistence/db.js';
import type { TimerRow } from '../../persistence/timer.js';
import { weeklyReportJobs } from '../official/weekly-job.js';
import { caseQueueJob } from './case-queue.js';
import { leadDeadlinesJob } from './lead-deadlines.js';
import { onMeetingAgendaTimer, scheduleMeetingAgenda } from './meeting-agenda.js';

export interface SystemJob {
  name: string;
  /** Makes sure the next run is scheduled (called at every start; must be idempotent). */
  schedule(tx: Tx, now: number): Promise<unknown>;
  /** Handles `t` if it is this job's timer (and schedules the next run); false otherwise. */
  onTimer(tx: Tx, t: TimerRow, now: number): Promise<boolean>;
  /**
   * Called by the sweeper before the transaction that fires timers, outside any transaction: the
   * place for slow work (building files) that `onTimer` then only writes. Optional.
   */
  prepare?(db: Database, now: number): Promise<void>;
}

/** Lets every job prepare its coming run outside a transaction (see `SystemJob.prepare`). */
export async function prepareJobs(db: Database, jobs: readonly SystemJob[], now: number): Promise<void> {
  for (const job of jobs) await job.prepare?.(db, now);
}

/** Every system job of the bot. */
export function systemJobs(): SystemJob[] {
  return [
    { name: 'meeting-agenda', schedule: (tx, now) => scheduleMeetingAgenda(tx, now), onTimer: (tx, t, now) => onMeetingAgendaTimer(tx, t, now) },
    ...weeklyReportJobs(),
    leadDeadlinesJob(),
    caseQueueJob(),
  ];
}

export async function scheduleJobs(tx: Tx, jobs: readonly SystemJob[], now: number): Promise<void> {
  for (const job of jobs) await job.schedule(tx, now);
}

/** Offers a fired timer to the jobs; true when one of them took it. */
export async function runJobTimer(tx: Tx, jobs: readonly SystemJob[], t: TimerRow, now: number): Promise<boolean> {
  for (const job of jobs) {
    try {
      if (!(await job.onTimer(tx, t, now))) continue;
    } catch (e) {
      // Only the timer's own job throws for it: count the failure, let the sweeper retry.
      if (t.name === job.name) countJobRun(job.name, 'failed');
      throw e;
    }
    countJobRun(job.name, 'ok');
    return true;
  }
  return false;
}
