/**
 * The background round, every `intervalMs` on every instance:
 * 1. due timers are offered to the system jobs (src/bot/jobs), the rest become `timeout` inputs
 *    (fired and handled in one transaction: exactly once); a job's timer falling due between two
 *    rounds gets a round of its own at its due time (`start`);
 * 2. lanes with unclaimed work are kicked — this is crash recovery: rows left pending, or
 *    processing under an expired lease, by a process that died are picked up here (and at start);
 * 3. old callback nonces are pruned;
 * 4. households whose 家庭人口 is not counted yet (a register loaded by other means) are counted,
 *    a batch per round while there are any, then looked for once a minute;
 * 5. the current campaign's window of screened households is built when it is not kept yet
 *    (src/bot/jobs/screened-window.ts), looked for every ten minutes.
 *
 * @example
 *   const s = new Sweeper({ db, processor, instanceId, log, nonceRetentionMs: 300_000 });
 *   s.start();  …  await s.stop();
 */
import { autocommit, transaction, type Database } from '../../persistence/db.js';
import { countUncountedPeople } from '../../persistence/household-writes.js';
import { keepCurrentScreenedWindow, SCREENED_WINDOW_EVERY_MS } from '../jobs/screened-window.js';
import { nextSystemTimerDue } from '../../persistence/job-timers.js';
import { pruneNonces } from '../../persistence/callback-nonce.js';
import { openLanes, storeInbound, type Lane } from '../../persistence/inbound.js';
import { fireDueTimers } from '../../persistence/timer.js';
import { withRetry } from '../../persistence/sql.js';
import type { Logger } from '../log.js';
import { prepareJobs, runJobTimer, scheduleJobs, type SystemJob } from '../jobs/index.js';
import { inboundFromTimer } from './parse.js';
import type { Processor } from './processor.js';

export interface SweeperDeps {
  db: Database;
  processor: Pick<Processor, 'kick'>;
  instanceId: string;
  log: Logger;
  clock?: () => number;
  intervalMs?: number;
  timerBatch?: number;
  /** Nonces older than this are deleted; null keeps them. */
  nonceRetentionMs?: number | null;
  pruneEveryMs?: number;
  /** System jobs: offered every fired timer before it becomes a conversation's `timeout` input. */
  jobs?: readonly SystemJob[];
  /** Called after a round in which a job ran and committed (its messages are in the outbox): wakes the sender. */
  afterJobs?: () => void;
  /** Households whose 家庭人口 is counted per round while some are not counted yet (default 2,000; 0: never). */
  peopleBatch?: number;
  /** How often the current campaign's window of screened households is looked for (default 10 min; 0: never). */
  screenedWindowEveryMs?: number;
}

export class Sweeper {
  private handle: NodeJS.Timeout | null = null;
  private wake: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private lastPrune = 0;
  private nextPeopleCount = 0;
  private nextWindowLook = 0;
  private jobsScheduled = false;
  private readonly clock: () => number;

  constructor(private readonly deps: SweeperDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  /** One round; returns how many timers fired and lanes were kicked. */
  async sweepOnce(): Promise<{ timers: number; lanes: number }> {
    const { db, processor, instanceId } = this.deps;
    const now = this.clock();
    if (this.deps.jobs && !this.jobsScheduled) {
      // Every instance makes sure each job's next run exists (idempotent); a failure is retried next round.
      const jobs = this.deps.jobs;
      await withRetry(() => transaction(db, (tx) => scheduleJobs(tx, jobs, now)));
      this.jobsScheduled = true;
    }
    // Slow job work (the Thursday files) happens here, outside the transaction below.
    if (this.deps.jobs) await prepareJobs(db, this.deps.jobs, now);
    let jobsRan = false;
    const fired = await withRetry(() =>
      transaction(db, async (tx) => {
        jobsRan = false;
        const timers = await fireDueTimers(tx, instanceId, now, this.deps.timerBatch ?? 100);
        const lanes: Lane[] = [];
        for (const t of timers) {
          if (this.deps.jobs && (await runJobTimer(tx, this.deps.jobs, t, now))) {
            jobsRan = true;
            continue;
          }
          const { row } = await storeInbound(tx, inboundFromTimer(t), now);
          lanes.push({ channel: row.channel, sender: row.sender, sync: false });
        }
        return lanes;
      }),
    );
    if (jobsRan) this.deps.afterJobs?.();
    const open = await transaction(db, (tx) => openLanes(tx, now));
    for (const lane of [...fired, ...open]) processor.kick(lane);
    const retention = this.deps.nonceRetentionMs;
    if (retention != null && now - this.lastPrune >= (this.deps.pruneEveryMs ?? 60_000)) {
      this.lastPrune = now;
      const n = await withRetry(() => transaction(db, (tx) => pruneNonces(tx, now - retention)));
      if (n > 0) this.deps.log.debug({ pruned: n }, 'callback nonces pruned');
    }
    const batch = this.deps.peopleBatch ?? 2000;
    if (batch > 0 && now >= this.nextPeopleCount) {
      const counted = await withRetry(() => transaction(db, (tx) => countUncountedPeople(tx, batch)));
      // A full batch: more may be waiting, next round; otherwise look again in a minute.
      this.nextPeopleCount = counted === batch ? now : now + 60_000;
      if (counted > 0) this.deps.log.info({ counted }, 'household sizes counted for households written by other means');
    }
    const windowEvery = this.deps.screenedWindowEveryMs ?? SCREENED_WINDOW_EVERY_MS;
    if (windowEvery > 0 && now >= this.nextWindowLook) {
      this.nextWindowLook = now + windowEvery;
      if (await keepCurrentScreenedWindow(db, now)) this.deps.log.info('screened households of the campaign window kept from now on');
    }
    return { timers: fired.length, lanes: open.length };
  }

  start(): void {
    if (this.handle) return;
    let busy = false;
    let wakeMissed = false;
    const round = () => {
      // Rounds never overlap: a tick that finds the previous round still running is skipped
      // (a job's wake-up is not: it runs as soon as that round has finished).
      if (busy) return;
      busy = true;
      this.running = this.sweepOnce()
        .catch((e: unknown) => this.deps.log.error({ err: e }, 'sweep failed'))
        .then(() => (wakeMissed ? undefined : this.planWake(wake)))
        .finally(() => {
          busy = false;
          if (!wakeMissed) return;
          wakeMissed = false;
          round();
        });
    };
    const wake = () => {
      if (busy) wakeMissed = true;
      else round();
    };
    round();
    this.handle = setInterval(round, this.deps.intervalMs ?? 1000);
    this.handle.unref();
  }

  /**
   * A system job's run (the morning reminders) starts when its timer falls due, not at the next
   * round after it: when the next job timer is due before the next round, a one-off wake-up is set
   * for that instant. Only the jobs' few timers are looked at, so conversations' timers keep the
   * round's pace and the rounds stay bounded.
   */
  private async planWake(wake: () => void): Promise<void> {
    if (!this.deps.jobs?.length || !this.handle) return;
    const now = this.clock();
    const interval = this.deps.intervalMs ?? 1000;
    let due: number | null;
    try {
      due = await nextSystemTimerDue(autocommit(this.deps.db), now);
    } catch (e) {
      this.deps.log.debug({ err: e }, 'next job timer not read');
      return;
    }
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
    if (due === null || due - now >= interval || !this.handle) return;
    const at = due;
    const fire = () => {
      // Node's timers may fire a millisecond before the wall clock reaches the due time.
      const left = at - this.clock();
      this.wake = left > 0 ? setTimeout(fire, left) : null;
      this.wake?.unref();
      if (left <= 0) wake();
    };
    this.wake = setTimeout(fire, due - now);
    this.wake.unref();
  }

  async stop(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    if (this.wake) clearTimeout(this.wake);
    this.handle = null;
    this.wake = null;
    await this.running;
  }
}
