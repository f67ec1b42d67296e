/**
 * The outbox sender: delivers the outbox rows through the WeCom API, at most once per message.
 *
 * - Claims due heads (one per recipient, id order) across several instances, marked 'sending'
 *   with a lease before any HTTP call (src/persistence/outbox.ts).
 * - App: throttled to WeCom's per-member limit (30/min, 1000/h — WeCom silently drops the
 *   excess, so the row is deferred, never sent over it).
 * - kf: only within 48 h of the farmer's last message (`KfSessionClock`), at most 5 messages per
 *   farmer message: the rows waiting for a farmer are merged (render.ts) and what still does not
 *   fit is not sent (noted on the row). The answer to an entry event goes first with its
 *   welcome_code (kf/send_msg_on_event), which needs no earlier message from the farmer.
 * - A row found 'sending' with an expired lease, or whose last try may have reached WeCom, is
 *   *uncertain*: kf resends with the same msgid (idempotent at WeCom); every app send carries
 *   `enable_duplicate_check: 1` (WeCom drops a repeat within `DUPLICATE_CHECK_S`; another reply that
 *   reads the same goes with a note, repeat-note.ts). Parts already confirmed
 *   are skipped. Claims last 10 s and are renewed while the batch is being sent.
 * - Errors: token errors (40014/42001/42009, still refused after the client's own refreshes),
 *   -1/45009/45033 and transport errors retry with jittered exponential back-off, without limit
 *   unless `maxAttempts` is set; other errcodes cannot succeed and fail at once — the row is
 *   'failed' and the office is told (an error log line in Chinese, `onFailed`).
 *
 * @example
 *   const sender = new OutboxSender({ db, api, kfClock, owner: 'web-1' });
 *   sender.start();
 *   // … on SIGTERM:
 *   await sender.stop();   // finishes what is in flight, gives back unstarted claims
 */
import { RepeatNotes } from './repeat-note.js';
import { countDeferral } from '../metrics.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../persistence/db.js';
import { backoffMs } from '../../persistence/sql.js';
import {
  appSendsSince,
  claimOutbound,
  deferOutbound,
  findOutbox,
  kfPartsSince,
  markOutboundFinal,
  markOutboundProgress,
  markOutboundRetry,
  markOutboundSent,
  releaseOutbound,
  renewOutbound,
  type ClaimedBatch,
} from '../../persistence/outbox.js';
import { MissingMediaError, withMediaBytes } from '../../persistence/media.js';
import type { OutboxRow } from '../../persistence/schemas/outbox.js';
import type { Reply } from '../../flows/types.js';
import { WeComApiError, WeComErrcode, type WeComApi } from '../wecom/api-types.js';
import { MediaSizeError, TOKEN_ERRORS } from '../wecom/api.js';
import { renderApp, renderKfBatch, type AppPart, type KfPart } from '../wecom/render.js';
import { planAppWindow } from './throttle.js';

/**
 * When did a farmer last write to a 微信客服 account? Implemented by the inbound side (it
 * stores what kf/sync_msg returned); the sender asks before each kf send.
 */

/** WeCom's duplicate check window for app sends, in seconds (see sendAppPart). */
export const DUPLICATE_CHECK_S = 120;
export interface KfSessionClock {
  /** Epoch ms of the farmer's last message (origin 3), or null when none is known. */
  lastFarmerMessageAt(openKfid: string, externalUserId: string): Promise<number | null>;
}

export interface SenderLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface OutboxSenderOptions {
  db: Database;
  api: WeComApi;
  kfClock: KfSessionClock;
  /** This instance's name (claimed_by); unique per process. */
  owner?: string;
  now?: () => number;
  leaseMs?: number;
  /** Idle wait between polls. */
  pollMs?: number;
  /** Recipients handled per tick. */
  headsPerTick?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  perMinute?: number;
  perHour?: number;
  /** kf send window; WeCom's 48 h less a safety margin. */
  kfWindowMs?: number;
  kfMaxPerFarmerMessage?: number;
  log?: SenderLogger;
  /** Told when a row fails for good (after the log line): an operator notice, a metric. */
  onFailed?: (row: OutboxRow, reason: string) => void;
}

export interface TickResult {
  claimed: number;
  sent: number;
  deferred: number;
  retried: number;
  failed: number;
  dropped: number;
}

const RETRYABLE = new Set<number>([WeComErrcode.busy, WeComErrcode.frequencyLimit, WeComErrcode.concurrencyLimit, ...TOKEN_ERRORS]);
const KF_SESSION_GONE = new Set<number>([WeComErrcode.kfSessionStatusInvalid, WeComErrcode.kfConversationEnd]);
const REPLY_TYPES = new Set(['text', 'markdown', 'menu', 'card', 'file', 'image', 'card_update']);
const silent: SenderLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** The kf msgid of part `i` of a batch: deterministic (same on a resend), ≤ 32 bytes, [A-Za-z0-9_-]. */
export function kfMsgId(idemKey: string, part: number): string {
  return createHash('sha256').update(`${idemKey}#${part}`).digest('base64url').slice(0, 32);
}

/** Counters for metrics: rows sent, retried later, failed for good. */
export const senderCounters = { sent: 0, retried: 0, failed: 0 };

export class OutboxSender {
  private readonly owner: string;
  private readonly now: () => number;
  private readonly log: SenderLogger;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly repeats = new RepeatNotes(DUPLICATE_CHECK_S * 1000);

  constructor(private readonly opts: OutboxSenderOptions) {
    this.owner = opts.owner ?? `sender-${randomBytes(6).toString('hex')}`;
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? silent;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Looks for due rows now instead of at the next poll (a job just committed its messages). */
  kick(): void {
    this.wake?.();
  }

  /** Finishes the batch in flight, then gives back the claims not yet started. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await releaseOutbound(this.opts.db.manager, this.owner);
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let busy = false;
      try {
        busy = (await this.tick()).claimed > 0;
      } catch (e) {
        this.log.error({ err: e instanceof Error ? e.message : String(e) }, 'outbox tick failed');
      }
      if (!busy && !this.stopping) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.opts.pollMs ?? 1000);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  /** One pass: claim due heads and deliver them. Exposed for tests and one-shot use. */
  async tick(): Promise<TickResult> {
    const result: TickResult = { claimed: 0, sent: 0, deferred: 0, retried: 0, failed: 0, dropped: 0 };
    const leaseMs = this.opts.leaseMs ?? 10_000;
    const batches = await claimOutbound(this.opts.db, { owner: this.owner, now: this.now(), leaseMs, limit: this.opts.headsPerTick ?? 20 });
    result.claimed = batches.length;
    if (batches.length === 0) return result;
    // The claims of the whole batch stay ours while we work through it; a dead process loses them in `leaseMs`.
    let renewal: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      renewal = renewOutbound(this.opts.db.manager, this.owner, this.now() + leaseMs).catch((e: unknown) => this.log.warn({ err: String(e) }, 'outbox lease renewal failed'));
    }, Math.max(20, Math.floor(leaseMs / 3)));
    try {
      for (const batch of batches) {
        if (this.stopping) break; // the rest is released by stop()
        const outcome = await this.deliver(batch);
        result[outcome] += 1;
        if (outcome === 'sent') senderCounters.sent += 1;
      }
    } finally {
      clearInterval(timer);
      await renewal;
    }
    return result;
  }

  private async deliver(batch: ClaimedBatch): Promise<Exclude<keyof TickResult, 'claimed'>> {
    const ids = batch.rows.map((r) => r.id);
    if (batch.rows.some((r) => !REPLY_TYPES.has(String((r.payload as { type?: unknown } | null)?.type)))) {
      // Retrying cannot fix a payload no renderer knows; say so on the row instead of looping.
      await markOutboundFinal(this.opts.db.manager, ids, 'failed', '无法识别的消息内容（payload 不是 Reply）');
      return 'failed';
    }
    try {
      await this.withBytes(batch);
      return batch.head.channel === 'kf' ? await this.deliverKf(batch) : await this.deliverApp(batch.head);
    } catch (e) {
      return this.onError(batch.head, ids, e);
    }
  }

  /** Files and images: their bytes come from `outbox_media` now, in memory only for this send. */
  private async withBytes(batch: ClaimedBatch): Promise<void> {
    const resolved = await withMediaBytes(this.opts.db.manager, batch.rows.map((r) => r.payload));
    batch.rows.forEach((r, i) => (r.payload = resolved[i]));
    if (!batch.rows.includes(batch.head)) batch.head.payload = (await withMediaBytes(this.opts.db.manager, [batch.head.payload]))[0];
  }

  private async deliverApp(row: OutboxRow): Promise<'sent' | 'deferred'> {
    const parts = renderApp(row.payload as Reply);
    const now = this.now();
    const window = planAppWindow(await appSendsSince(this.opts.db.manager, row.recipient, now - 3_600_000), now, {
      perMinute: this.opts.perMinute ?? 30,
      perHour: this.opts.perHour ?? 1000,
      // Parts of this row already sent count as sent just now (their exact times are not kept).
      alreadyNow: row.partsDone,
    });
    let done = row.partsDone;
    const end = Math.min(parts.length, done + window.available);
    for (; done < end; done++) {
      await this.sendAppPart(row, parts[done] as AppPart, done);
      await markOutboundProgress(this.opts.db.manager, row.id, done + 1);
    }
    if (done < parts.length) {
      await deferOutbound(this.opts.db.manager, [row.id], window.nextFreeAt, `每人每分钟30条、每小时1000条的上限：${parts.length - done} 条顺延`);
      this.log.info({ outbox: row.id, to: row.recipient, until: window.nextFreeAt }, 'outbox deferred by the per-member limit');
      countDeferral(row.recipient);
      return 'deferred';
    }
    await markOutboundSent(this.opts.db.manager, [{ id: row.id, partsSent: parts.length }], this.now());
    return 'sent';
  }

  private async sendAppPart(row: OutboxRow, part: AppPart, index: number): Promise<void> {
    // Always: a retry after a lost answer, a second instance or a restart can never show twice.
    // WeCom drops identical content within the interval, so it is kept short: long enough for a
    // resend (10 s leases plus back-off), short enough that a person who asks the same thing again
    // a few minutes later (帮助, a progress question) still gets the answer.
    const dedupe = { enable_duplicate_check: 1 as const, duplicate_check_interval: DUPLICATE_CHECK_S };
    if (part.kind === 'media') {
      const { media_id } = await this.opts.api.uploadMedia(part.mediaType, part.fileName, Buffer.from(part.contentBase64, 'base64'), 'app');
      const body = part.mediaType === 'file' ? { msgtype: 'file' as const, file: { media_id } } : { msgtype: 'image' as const, image: { media_id } };
      await this.opts.api.sendMessage({ touser: row.recipient, ...dedupe, ...body });
      return;
    }
    if (part.kind === 'card_update') {
      try {
        await this.opts.api.updateTemplateCard({ userids: [row.recipient], response_code: part.responseCode, button: { replace_name: part.replaceName } });
      } catch (e) {
        // Cosmetic: a code already used or past its 72 hours leaves the card as it was; only a
        // retryable failure (busy, frequency) is worth another try.
        if (!(e instanceof WeComApiError) || RETRYABLE.has(e.errcode)) throw e;
        this.log.warn({ outbox: row.id, errcode: e.errcode }, 'template card not updated');
      }
      return;
    }
    // Another reply that reads the same as one sent within the window would be dropped too: it gets a note.
    const content = this.repeats.contentFor(row.recipient, `${row.id}#${index}`, part.content, this.now());
    await this.opts.api.sendMessage({ touser: row.recipient, ...dedupe, ...content });
  }

  private async deliverKf(batch: ClaimedBatch): Promise<'sent' | 'dropped' | 'failed'> {
    const { head, rows } = batch;
    const ids = rows.map((r) => r.id);
    const db = this.opts.db.manager;
    if (!head.openKfid) {
      await markOutboundFinal(db, ids, 'failed', '缺少 open_kfid，无法通过微信客服发送');
      return 'failed';
    }
    const welcomed = head.partsDone === 0 && (await this.sendWelcome(head, rows));
    if (welcomed) head.partsDone = 1;
    const lastAt = await this.opts.kfClock.lastFarmerMessageAt(head.openKfid, head.recipient);
    const now = this.now();
    if (lastAt === null || now - lastAt > (this.opts.kfWindowMs ?? 48 * 3_600_000 - 60_000)) {
      // The welcome went; what follows it waits for a message from the farmer that never came.
      if (welcomed) return this.finishKf(rows, 1, renderKfBatch(rows.map((r) => r.payload as Reply)).length);
      await markOutboundFinal(db, ids, 'dropped', '距农户最后一条消息已超过48小时，微信客服不允许再发送');
      return 'dropped';
    }
    const parts = renderKfBatch(rows.map((r) => r.payload as Reply));
    const used = await kfPartsSince(db, head.recipient, head.openKfid, lastAt);
    const max = this.opts.kfMaxPerFarmerMessage ?? 5;
    let done = head.partsDone;
    const end = Math.min(parts.length, Math.max(done, max - used));
    for (; done < end; done++) {
      await this.sendKfPart(head, parts[done] as KfPart, done);
      await markOutboundProgress(db, head.id, done + 1);
    }
    return this.finishKf(rows, done, parts.length);
  }

  private async finishKf(rows: OutboxRow[], done: number, total: number): Promise<'sent' | 'dropped'> {
    const db = this.opts.db.manager;
    const ids = rows.map((r) => r.id);
    if (done === 0 && total > 0) {
      await markOutboundFinal(db, ids, 'dropped', '本条农户消息已回复满5条，微信客服不允许再发送');
      return 'dropped';
    }
    const note = done < total ? `超过每条农户消息5条回复的上限，${total - done} 条未发送` : null;
    await markOutboundSent(db, rows.map((r, i) => ({ id: r.id, partsSent: i === 0 ? done : 0 })), this.now(), note);
    if (note) this.log.warn({ outbox: ids, to: rows[0]?.recipient }, 'kf replies cut at the 5-message limit');
    return 'sent';
  }

  /**
   * The answer to a farmer entering the chat (enter_session) carries WeCom's welcome_code: the one
   * message allowed before the farmer has written anything (kf/send_msg_on_event, once, within
   * 20 s). Sends the batch's first part with it; false when there is no code, the part is not a
   * plain message, or WeCom says the code is used up or expired (then the ordinary rules apply).
   */
  private async sendWelcome(head: OutboxRow, rows: OutboxRow[]): Promise<boolean> {
    const code = (head.payload as { welcomeCode?: unknown }).welcomeCode;
    if (typeof code !== 'string' || code === '') return false;
    const first = renderKfBatch(rows.map((r) => r.payload as Reply))[0];
    if (first?.kind !== 'message') return false;
    try {
      await this.opts.api.kfSendMsgOnEvent({ code, msgid: kfMsgId(head.idemKey, 0), ...first.content });
    } catch (e) {
      if (e instanceof WeComApiError && e.errcode === WeComErrcode.invalidWelcomeCode) return false;
      throw e;
    }
    await markOutboundProgress(this.opts.db.manager, head.id, 1);
    return true;
  }

  private async sendKfPart(head: OutboxRow, part: KfPart, index: number): Promise<void> {
    const base = { touser: head.recipient, open_kfid: head.openKfid as string, msgid: kfMsgId(head.idemKey, index) };
    if (part.kind === 'media') {
      const { media_id } = await this.opts.api.uploadMedia(part.mediaType, part.fileName, Buffer.from(part.contentBase64, 'base64'), 'kf');
      const body = part.mediaType === 'file' ? { msgtype: 'file' as const, file: { media_id } } : { msgtype: 'image' as const, image: { media_id } };
      await this.opts.api.kfSendMsg({ ...base, ...body });
      return;
    }
    await this.opts.api.kfSendMsg({ ...base, ...part.content });
  }

  private async onError(head: OutboxRow, ids: number[], e: unknown): Promise<'retried' | 'failed' | 'dropped' | 'sent'> {
    const db = this.opts.db.manager;
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof WeComApiError && head.channel === 'kf' && KF_SESSION_GONE.has(e.errcode)) {
      await markOutboundFinal(db, ids, 'dropped', `微信客服会话已失效（errcode ${e.errcode}）`);
      return 'dropped';
    }
    if (e instanceof WeComApiError && head.channel === 'kf' && e.errcode === WeComErrcode.kfSendCountLimit) {
      const done = (await findOutbox(db, [head.id]))[0]?.partsDone ?? 0;
      if (done > 0) {
        await markOutboundSent(db, ids.map((id, i) => ({ id, partsSent: i === 0 ? done : 0 })), this.now(), '微信客服回复已达5条上限（errcode 95001），其余未发送');
        return 'sent';
      }
      await markOutboundFinal(db, ids, 'dropped', '微信客服回复已达5条上限（errcode 95001）');
      return 'dropped';
    }
    const permanent = e instanceof MediaSizeError || e instanceof MissingMediaError || (e instanceof WeComApiError && !RETRYABLE.has(e.errcode));
    const attempts = head.attempts + 1;
    if (permanent || attempts >= (this.opts.maxAttempts ?? Infinity)) {
      await markOutboundFinal(db, ids, 'failed', message);
      senderCounters.failed += 1;
      // The office must hear of it: someone did not get a message and nothing will retry it.
      this.log.error({ outbox: ids, to: head.recipient, channel: head.channel, err: message, notice: true }, `消息发送失败，不会再重试，请人工联系收件人：${message}`);
      this.opts.onFailed?.(head, message);
      return 'failed';
    }
    // A transport error (or anything unexpected) may have happened after WeCom took the message.
    const uncertain = !(e instanceof WeComApiError);
    const delay = backoffMs(attempts, this.opts.backoffBaseMs ?? 2000, this.opts.backoffMaxMs ?? 300_000);
    await markOutboundRetry(db, ids, { nextAttemptAt: this.now() + delay, error: message, uncertain });
    senderCounters.retried += 1;
    this.log.warn({ outbox: ids, to: head.recipient, err: message, attempts, uncertain }, 'outbox row will be retried');
    return 'retried';
  }
}
