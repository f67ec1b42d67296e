/**
 * Processing of the inbound log: exactly one effect per stored input, one sender at a time.
 *
 * - A "lane" is one sender's inputs (or one kf account's pulls), processed strictly in the order
 *   the person wrote them (CreateTime / send_time, then MsgId, then arrival). An input waits
 *   `settleMs` after it arrived before it is processed, so an earlier message of the same person
 *   that is still on its way (another instance, a WeCom retry) is sorted in front of it.
 * - Across server instances a lane is owned through a lease on its conversation row; inside this
 *   process a lane has at most one worker (a kick while it runs makes it look again).
 * - Each row is claimed (pending → processing, with its own lease) and finished in the SAME
 *   transaction that writes its effects, conditional on still holding the claim — so a retry,
 *   a second instance or a crashed-and-restarted one can never apply it twice.
 * - A flow that throws marks the row failed (with the error), writes nothing else, apologizes to
 *   the user, and the lane moves on. An infrastructure error (`isTransient`: the database lost,
 *   refused, killed, read-only, deadlocked) never fails a row: it is given back and retried with
 *   jittered back-off for as long as it takes.
 * - Leases are short (10 s) and renewed while a row is worked on, so after a crash (kill -9)
 *   another instance's sweeper takes the lane over within about `leaseMs` + one sweep.
 *
 * @example
 *   const p = new Processor({ db, dispatcher, kf, log, instanceId: 'web-1' });
 *   p.kick({ channel: 'app', sender: 'zhangsan', sync: false });
 *   const row = await p.waitFor(inboundId, 1500);   // the finished row, or null when still running
 */
import { observeProcessed } from '../metrics.js';
import { maskText } from '../../domain/privacy.js';
import { transaction, type Database, type Tx } from '../../persistence/db.js';
import { claimConversation, releaseConversation, renewConversation, type ConversationRow } from '../../persistence/conversation.js';
import { claimAndRead, claimInbound, completeInbound, getInbound, nextInLane, releaseInbound, renewInbound, takeLaneAndLook, type InboundRow, type Lane, type NextInLane } from '../../persistence/inbound.js';
import { enqueueOutbound, type OutboundItem } from '../../persistence/outbox.js';
import { backoffMs, isTransient, withRetry } from '../../persistence/sql.js';
import { holdForPassive, type Dispatcher } from '../dispatch/dispatcher.js';
import { texts } from '../dispatch/texts.js';
import type { KfMessage } from '../wecom/api-types.js';
import type { Logger } from '../log.js';
import type { KfSyncer } from './kf-sync.js';
import { inputOf } from './parse.js';

export interface ProcessorDeps {
  db: Database;
  dispatcher: Dispatcher;
  /** Null when no WeCom API is configured: kf pulls then fail with a clear error. */
  kf: KfSyncer | null;
  log: Logger;
  instanceId: string;
  clock?: () => number;
  /** How long a lane or row claim holds without renewal (default 10 s; renewed every third of it while working). */
  leaseMs?: number;
  /** How long an input waits after it arrived, for earlier messages of its sender (default 200 ms). */
  settleMs?: number;
  /** How often `waitFor` looks at the database for rows finished by another instance (default 250 ms; a row this process finishes wakes its waiters at once). */
  waitPollMs?: number;
  /** See DispatcherDeps.passiveHoldMs (the apology of a failed message is held the same way). */
  passiveHoldMs?: number;
  /**
   * How many lanes work (claim, flow, commit) at once in this process (default 6, below the
   * MariaDB pool's 10 connections, so a callback's accept never queues behind all of them). 12
   * measured no faster with the generator in a thread of its own (bench/README.md).
   */
  maxActive?: number;
  /** Called after a row's replies were committed (wakes the outbox sender). */
  afterReplies?: () => void;
  /**
   * Told when a lane of this process starts or stops running, and when a row is finished: a
   * processor in a thread of its own reports them to the thread that accepts callbacks
   * (src/bot/processing-thread.ts), which takes lane leases and wakes `waitFor` by them.
   */
  report?: { lane(key: string, running: boolean): void; finished(id: number): void };
  /** Failed kf pulls are retried this many times, `retryMs` apart (defaults 5 and 2 s). */
  maxAttempts?: number;
  retryMs?: number;
}

/** `released`: done, and the lane was found empty and given back in the same commit. */
type RowOutcome = 'next' | 'blocked' | 'released';

/** The lane's next row, claimed in the commit of the row before it, with its conversation as that commit left it. */
interface Carried {
  row: InboundRow;
  conversation: ConversationRow | null;
}

/** What working on a row leaves: an outcome, or (done, and the lane goes on) the next row already claimed. */
type RowDone = RowOutcome | { carried: Carried };

class ClaimLost extends Error {}

/** Waits shorter than this (settling, a quick back-off) are waited out by the lane worker itself. */
const INLINE_WAIT_MS = 2_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Counters for metrics: rows processed, failed by their flow, given back after an infrastructure error. */
export const processorCounters = { processed: 0, failed: 0, retried: 0 };

/**
 * What the callbacks need of processing (src/bot/http/callback.ts): a `Processor` in the same
 * thread, or one in a thread of its own behind src/bot/processing-thread.ts.
 */
export type ProcessingPort = Pick<Processor, 'kick' | 'waitFor' | 'laneLease'>;

export const laneKey = (l: Lane) => `${l.sync ? 'sync' : l.channel}\u0000${l.sender}`;

/** How long a lane or row claim holds without renewal, unless told otherwise. */
export const LEASE_MS = 10_000;

/**
 * Waiting for a row to be finished: woken at once by `signal` when a processor this process
 * talks to finishes it, and looking at the database every `pollMs` for rows finished elsewhere.
 */
export class FinishedRows {
  private readonly signals = new Map<number, Set<() => void>>();

  constructor(
    private readonly db: Database,
    private readonly pollMs = 250,
  ) {}

  /** Resolves with the row once it is done or failed (by any instance), or null after `timeoutMs`. */
  async waitFor(id: number, timeoutMs: number): Promise<InboundRow | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await transaction(this.db, (tx) => getInbound(tx, id));
      if (row && (row.status === 'done' || row.status === 'failed')) return row;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const set = this.signals.get(id) ?? new Set();
        const done = () => {
          clearTimeout(t);
          set.delete(done);
          if (set.size === 0) this.signals.delete(id);
          resolve();
        };
        const t = setTimeout(done, Math.min(left, this.pollMs));
        set.add(done);
        this.signals.set(id, set);
      });
    }
  }

  signal(id: number): void {
    for (const f of [...(this.signals.get(id) ?? [])]) f();
  }
}

export class Processor {
  private readonly lanes = new Map<string, { again: boolean; running: Promise<void> }>();
  private readonly finished: FinishedRows;
  private readonly clock: () => number;
  private readonly leaseMs: number;
  private readonly settleMs: number;
  private readonly maxActive: number;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private stopping = false;

  constructor(private readonly deps: ProcessorDeps) {
    this.clock = deps.clock ?? Date.now;
    this.leaseMs = deps.leaseMs ?? LEASE_MS;
    this.settleMs = deps.settleMs ?? 200;
    this.maxActive = Math.max(1, deps.maxActive ?? 6);
    this.finished = new FinishedRows(deps.db, deps.waitPollMs);
  }

  /**
   * The lane lease a callback takes for this process when it stores a message of `lane`
   * (src/bot/inbound/accept.ts); none when a worker of this process is on that lane already: it
   * holds the lease (or gives it back and then looks again, kicked), and the accept does not wait
   * for the lock of that worker's commit.
   */
  laneLease(lane: Lane): { me: string; leaseMs: number } | undefined {
    if (this.lanes.has(laneKey(lane))) return undefined;
    return { me: this.deps.instanceId, leaseMs: this.leaseMs };
  }

  /**
   * Makes sure a worker runs this lane soon (no-op while stopping). `stored`: the arrival time of
   * the row whose storing caused the kick and took the lane for this process (the callback's): a
   * worker started for it waits out its settling window first, holding the lane, and then finds
   * and claims the row in one transaction, instead of looking once to learn that it must wait.
   */
  kick(lane: Lane, stored?: { receivedAt: number }): void {
    if (this.stopping) return;
    const key = laneKey(lane);
    const current = this.lanes.get(key);
    if (current) {
      current.again = true;
      return;
    }
    const entry = { again: false, running: Promise.resolve() };
    entry.running = (async () => {
      const settledUpTo = lane.sync || !stored || this.settleMs <= 0 ? null : stored.receivedAt;
      if (settledUpTo !== null) await sleep(this.settleMs);
      do {
        entry.again = false;
        try {
          await this.drainLane(lane, settledUpTo);
        } catch (e) {
          this.deps.log.error({ err: e, lane }, 'lane worker failed; the sweeper will retry');
        }
      } while (entry.again && !this.stopping);
      this.lanes.delete(key);
      this.deps.report?.lane(key, false);
    })();
    this.lanes.set(key, entry);
    this.deps.report?.lane(key, true);
  }

  /** Resolves with the row once it is done or failed (by any instance), or null after `timeoutMs`. */
  waitFor(id: number, timeoutMs: number): Promise<InboundRow | null> {
    return this.finished.waitFor(id, timeoutMs);
  }

  /** A working slot (see `maxActive`); the function returned gives it back (once). */
  private async slot(): Promise<() => void> {
    if (this.active < this.maxActive) this.active += 1;
    else await new Promise<void>((handed) => this.waiting.push(handed)); // a finishing lane hands its slot over
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }

  /** Waits until no lane of this process is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.lanes.size > 0) await Promise.all([...this.lanes.values()].map((l) => l.running));
  }

  /** Stops taking work and waits for the rows in hand; leases are released by the workers. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  private signal(id: number): void {
    this.deps.report?.finished(id);
    this.finished.signal(id);
  }

  /**
   * Runs the lane until it is empty or blocked. The transaction that finds the lane empty gives
   * the lane lease back itself, after taking the conversation row's lock, so a row stored by
   * another instance while we held the lease is either seen here or kicked by its own instance
   * after we let go. `settledUpTo`: rows that arrived at or before it have had their settling
   * window waited out already.
   */
  private async drainLane(lane: Lane, settledUpTo: number | null): Promise<'empty' | 'blocked'> {
    const { db } = this.deps;
    const me = this.deps.instanceId;
    let outcome: RowOutcome = 'next';
    // Rows whose settling time this worker has waited out (in real time, whatever the clock says).
    const settled = new Set<number>();
    // Whether this worker may hold the lane lease (it is given back in the step that finds the lane empty).
    let held = false;
    // A lane with a backlog: the commit of each row also claims the next (see dispatchClaimed).
    let carried: Carried | null = null;
    const ready = (n: NextInLane) => !n.busy || (n.settling === true && (settled.has(n.row.id) || (settledUpTo !== null && n.row.receivedAt <= settledUpTo)));
    try {
      while (!this.stopping && outcome === 'next') {
        // At most `maxActive` lanes of this process work at once (a waiting lane holds no slot):
        // the others wait here, not in the connection pool ahead of the callbacks' accepts.
        const release = await this.slot();
        let pause = 0;
        try {
          let result: RowDone = 'next';
          if (carried) {
            const chained: Carried = carried;
            carried = null;
            held = true;
            result = await this.processClaimed(lane, chained.row, chained.conversation, ready);
          } else {
            // One transaction takes (or renews) the lane, finds its next row and, when it is ready,
            // claims it and reads the conversation the flow continues; the flow then runs outside,
            // and the dispatcher's one commit writes everything (src/bot/dispatch/dispatcher.ts).
            // The lane's lease is taken FIRST: the UPDATE locks the conversation row until this
            // transaction ends, and the look for the next row comes after it. So when the lane is
            // found empty and given back in the same transaction, a row another instance stored
            // meanwhile is either seen by that look or its own kick waits for our lock and then finds
            // the lane free — nothing is left behind, without a look after the release.
            const step = await withRetry(() =>
              transaction(db, async (tx) => {
                const took = await this.takeAndLook(tx, lane);
                if (took === 'lost' || took === 'unmatched') return { lost: true as const };
                const { next } = took;
                if (!next) {
                  if (!lane.sync) await releaseConversation(tx, lane.channel, lane.sender, me, { withCommit: true });
                  return { next, claimed: null };
                }
                if (lane.sync || !ready(next)) return { next, claimed: null };
                return { next, claimed: await this.claimIn(tx, lane, next.row, false) };
              }),
            );
            // Another instance owns this sender now; it (or the sweeper later) handles what is pending.
            if ('lost' in step) return 'blocked';
            const next = step.next;
            held = !!next;
            if (!next) return 'empty';
            if (!ready(next)) {
              if (!this.waitable(next)) return 'blocked';
              if (next.settling) settled.add(next.row.id);
              // A settling row waits the whole window from when this worker first saw it: an earlier
              // message still being committed elsewhere becomes visible only after its own commit.
              pause = next.settling ? this.settleMs : Math.max(1, Math.min(INLINE_WAIT_MS, (next.readyAt ?? 0) - this.clock()));
            } else if (lane.sync) result = await this.syncRow(lane, next.row);
            else if (!step.claimed) result = 'blocked';
            else result = await this.processClaimed(lane, next.row, step.claimed.conversation, ready);
          }
          if (typeof result === 'object') carried = result.carried;
          outcome = typeof result === 'object' ? 'next' : result;
          if (outcome === 'released') {
            held = false;
            return 'empty';
          }
        } finally {
          release();
        }
        if (pause > 0) await sleep(pause);
      }
      return 'blocked';
    } finally {
      // Stopping with the next row already claimed: give it back at once rather than at its lease's end.
      const left: Carried | null = carried;
      if (left) await withRetry(() => transaction(db, (tx) => releaseInbound(tx, left.row.id, me))).catch((e: unknown) => this.deps.log.warn({ err: e }, 'row release failed'));
      if (!lane.sync && held) {
        await withRetry(() => transaction(db, (tx) => releaseConversation(tx, lane.channel, lane.sender, me))).catch((e: unknown) => this.deps.log.warn({ err: e }, 'lane release failed'));
      }
    }
  }

  /** A pending head that becomes ready soon (settling, a short back-off) is waited for in place. */
  private waitable(next: NextInLane): boolean {
    return next.row.status === 'pending' && next.readyAt !== undefined && next.readyAt - this.clock() <= INLINE_WAIT_MS;
  }

  /**
   * Runs `work` while renewing the lane's and the row's leases every third of `leaseMs`, so a
   * slow flow keeps its claim and a dead process loses it quickly. The last renewal is awaited
   * before returning: a late one must not take the lane back after it was released.
   */
  private async keepLeases<T>(lane: Lane, id: number, work: () => Promise<T>): Promise<T> {
    const { db, instanceId: me, log } = this.deps;
    let inflight: Promise<unknown> = Promise.resolve();
    const timer = setInterval(
      () => {
        const until = this.clock() + this.leaseMs;
        inflight = transaction(db, async (tx) => {
          if (!lane.sync) await renewConversation(tx, lane.channel, lane.sender, me, this.clock(), this.leaseMs);
          await renewInbound(tx, id, me, until);
        }).catch((e: unknown) => log.warn({ err: e, inbound: id }, 'lease renewal failed'));
      },
      Math.max(20, Math.floor(this.leaseMs / 3)),
    );
    try {
      return await work();
    } finally {
      clearInterval(timer);
      await inflight;
    }
  }

  /** Claims the row (renewing the lane lease in the same transaction). */
  private async claim(lane: Lane, row: InboundRow): Promise<boolean> {
    return withRetry(() => transaction(this.deps.db, async (tx) => (await this.claimIn(tx, lane, row)) !== null));
  }

  /**
   * Inside `tx`: renews the lane lease (unless the caller just did) and claims the row; with a
   * message lane, reads its conversation too.
   */
  private async claimIn(tx: Tx, lane: Lane, row: InboundRow, renew = true): Promise<{ conversation: ConversationRow | null } | null> {
    const me = this.deps.instanceId;
    const now = this.clock();
    if (lane.sync) return (await claimInbound(tx, row.id, me, now, this.leaseMs)) ? { conversation: null } : null;
    if (renew && !(await claimConversation(tx, lane.channel, lane.sender, me, now, this.leaseMs))) return null;
    return claimAndRead(tx, lane, row.id, me, now, this.leaseMs);
  }

  /**
   * Inside `tx`: takes (or renews) the lane lease of a message lane FIRST — the UPDATE locks the
   * conversation row until `tx` ends — and then finds the lane's next row (one round trip); a kf
   * pull lane has no lease and is only looked at.
   */
  private async takeAndLook(tx: Tx, lane: Lane, first?: readonly [string, readonly unknown[]]): Promise<'lost' | 'unmatched' | { next: NextInLane | null }> {
    const me = this.deps.instanceId;
    if (!lane.sync) return takeLaneAndLook(tx, lane, me, this.clock(), this.leaseMs, this.settleMs, first);
    // A kf pull lane is never committed through the dispatcher, so it has no `first` to send.
    return { next: await nextInLane(tx, lane, me, this.clock(), this.settleMs) };
  }

  private async processClaimed(lane: Lane, row: InboundRow, conversation: ConversationRow | null, ready: (n: NextInLane) => boolean): Promise<RowDone> {
    const claimed: InboundRow = { ...row, status: 'processing', claimedBy: this.deps.instanceId, attempts: row.attempts + 1 };
    return this.keepLeases(lane, row.id, () => this.dispatchClaimed(lane, claimed, conversation, ready));
  }

  /**
   * Runs the row's flow and commits it; `conversation` is the one read when it was claimed (read
   * again after a conflict). When the lane's next row is ready, the same commit claims it and
   * returns it (`carried`), so a lane with a backlog needs no transaction of its own per row.
   */
  private async dispatchClaimed(lane: Lane, claimed: InboundRow, conversation: ConversationRow | null, ready: (n: NextInLane) => boolean): Promise<RowDone> {
    const { db, dispatcher, log } = this.deps;
    const me = this.deps.instanceId;
    const row = claimed;
    // Inside the commit: take the lane's lock (its lease row) first, then look for its next row, and
    // give the lane back when there is none — the same order as the step in drainLane, so a row
    // another instance stores meanwhile is either seen here or kicked by its instance after we let go.
    let released = false;
    let following: Carried | null = null;
    const lookNext = async (tx: Tx, completion: readonly [string, readonly unknown[]]) => {
      released = false;
      following = null;
      const took = await this.takeAndLook(tx, lane, completion);
      if (took === 'unmatched') return false;
      if (took === 'lost') return true;
      const { next } = took;
      if (next) {
        const claimedNext = !this.stopping && ready(next) ? await this.claimIn(tx, lane, next.row, false) : null;
        if (claimedNext) following = { row: next.row, conversation: claimedNext.conversation };
        return true;
      }
      await releaseConversation(tx, lane.channel, lane.sender, me, { withCommit: true });
      released = true;
      return true;
    };
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const outcome = await dispatcher.dispatch(db, claimed, me, this.clock(), attempt === 1 ? conversation : undefined, lane.sync ? undefined : lookNext);
        if (outcome.status === 'done') {
          processorCounters.processed += 1;
          log.info({ inbound: row.id, kind: row.kind, msgType: row.msgType, replies: outcome.outboxIds.length }, 'processed');
          observeProcessed(outcome.flow, row.receivedAt, this.clock());
          this.signal(row.id);
          if (outcome.outboxIds.length > 0) this.deps.afterReplies?.();
          // Handed over only after the commit that claimed it: a rolled-back claim is never carried.
          if (following) return { carried: following };
          return released ? 'released' : 'next';
        }
      } catch (e) {
        if (isTransient(e)) {
          await this.giveBack(row, e, backoffMs(row.attempts, 200, 30_000));
          return 'blocked';
        }
        await this.fail(claimed, e);
        return 'next';
      }
      // Conflict: the conversation moved or the claim was lost. If someone finished the row, go on.
      const now = await withRetry(() => transaction(db, (tx) => getInbound(tx, row.id)));
      if (!now || now.status === 'done' || now.status === 'failed' || now.claimedBy !== me) return 'blocked';
    }
    await this.giveBack(row, new Error('conversation kept changing'), 100);
    return 'blocked';
  }

  private async syncRow(lane: Lane, row: InboundRow): Promise<RowOutcome> {
    const { kf } = this.deps;
    if (!(await this.claim(lane, row))) return 'blocked';
    return this.keepLeases(lane, row.id, () => this.pull(lane, row, kf));
  }

  private async pull(lane: Lane, row: InboundRow, kf: KfSyncer | null): Promise<RowOutcome> {
    const { db, log } = this.deps;
    const me = this.deps.instanceId;
    try {
      if (!kf) throw new Error('微信客服未配置（没有可用的企业微信接口），无法拉取消息');
      const token = typeof row.message.Token === 'string' ? row.message.Token : null;
      const r = await kf.sync(row.sender, token, row.receivedAt);
      if (r.status === 'busy') {
        // Another instance is pulling this account right now; look again shortly.
        await withRetry(() => transaction(db, (tx) => releaseInbound(tx, row.id, me, null, this.clock() + 200)));
        return 'blocked';
      }
      await withRetry(() => transaction(db, (tx) => completeInbound(tx, row.id, me, { status: 'done', outboxIds: [] }, this.clock())));
      this.signal(row.id);
      for (const l of r.lanes) this.kick(l);
      return 'next';
    } catch (e) {
      const attempts = row.attempts + 1;
      log.warn({ err: e, inbound: row.id, openKfid: row.sender, attempts }, 'kf pull failed');
      // The database being away is no reason to give up a pull: it is retried until it works.
      if (isTransient(e)) {
        await this.giveBack(row, e, backoffMs(attempts, 200, 30_000));
        return 'blocked';
      }
      if (attempts >= (this.deps.maxAttempts ?? 5)) {
        await withRetry(() => transaction(db, (tx) => completeInbound(tx, row.id, me, { status: 'failed', error: errorText(e), outboxIds: [] }, this.clock())));
        this.signal(row.id);
        return 'next';
      }
      await withRetry(() => transaction(db, (tx) => releaseInbound(tx, row.id, me, errorText(e), this.clock() + (this.deps.retryMs ?? 2000))));
      return 'blocked';
    }
  }

  /** Gives the row back to be retried after `delayMs`; if even that fails, its lease runs out instead. */
  private async giveBack(row: InboundRow, e: unknown, delayMs: number): Promise<void> {
    processorCounters.retried += 1;
    this.deps.log.warn({ err: e, inbound: row.id, attempts: row.attempts, retryInMs: delayMs }, 'row given back for a later retry');
    await withRetry(() => transaction(this.deps.db, (tx) => releaseInbound(tx, row.id, this.deps.instanceId, errorText(e), this.clock() + delayMs))).catch(() => undefined);
  }

  /** The flow (or a command) threw: mark failed with the error, apologize, write nothing else. */
  private async fail(row: InboundRow, e: unknown): Promise<void> {
    const { db, log } = this.deps;
    processorCounters.failed += 1;
    log.error({ err: e, inbound: row.id, sender: row.sender }, 'processing failed');
    const input = inputOf(row);
    const apologize = !!row.sender && (row.kind === 'message' || input.type === 'card' || (input.type === 'event' && input.event === 'click'));
    const now = this.clock();
    await withRetry(() =>
      transaction(db, async (tx) => {
        const items: OutboundItem[] = apologize ? [apologyFor(row)] : [];
        const ids = await enqueueOutbound(tx, items, now);
        await holdForPassive(tx, row, items, ids, this.deps.passiveHoldMs ?? 2000, now);
        // Only the holder of the claim may finish the row; otherwise the apology is rolled back too.
        if (!(await completeInbound(tx, row.id, this.deps.instanceId, { status: 'failed', error: errorText(e), outboxIds: ids }, now))) throw new ClaimLost();
      }),
    ).catch((err: unknown) => {
      if (!(err instanceof ClaimLost)) throw err;
    });
    this.signal(row.id);
    if (apologize) this.deps.afterReplies?.();
  }
}

function apologyFor(row: InboundRow): OutboundItem {
  const payload = { type: 'text', text: texts.apology };
  if (row.channel === 'kf') {
    const m = row.message as unknown as KfMessage;
    return { channel: 'kf', recipient: row.sender, openKfid: row.openKfid, originMsgId: m.msgid ?? null, payload, idemKey: `in${row.id}-err` };
  }
  return { channel: 'app', recipient: row.sender, payload, idemKey: `in${row.id}-err` };
}

/** The error as stored on the row: code and message, personal data masked like in logs. */
function errorText(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err?.code === 'string' ? `${err.code}: ` : '';
  return maskText(`${code}${e instanceof Error ? e.message : String(e)}`).slice(0, 2000);
}
