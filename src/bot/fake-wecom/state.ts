/**
 * The memory of the fake WeCom: tokens, what each person received (the delivery log), what was
 * silently dropped, media, card response codes, 微信客服 sessions and queues, and injected
 * failures. The HTTP handlers (app.ts, kf.ts) and the callback sender read and change it; tests
 * and the sandbox read it.
 *
 * @example
 *   const state = new FakeWeComState({ corpId: 'wwcorp', agentId: 1000002, secret: 's' });
 *   state.failNext('message/send', -1, 2);   // the next two sends answer "busy"
 *   state.texts('zhangsan');                 // what zhangsan saw, in order
 */
import { randomBytes } from 'node:crypto';

export interface FakeWeComOptions {
  corpId: string;
  agentId: number;
  /** The internal app's secret. */
  secret: string;
  /** The 微信客服 secret; when it differs, kf APIs need its token (and app APIs refuse it). */
  kfSecret?: string;
  /** The 微信客服 accounts that exist. */
  openKfIds?: string[];
  /** Clock in epoch ms (tests freeze and move it). */
  now?: () => number;
  /** access_token lifetime; WeCom's is 7200 s. */
  tokenTtlMs?: number;
  /** Per app per member: 30 per minute and 1000 per hour; the excess is silently dropped. */
  perMinute?: number;
  perHour?: number;
}

export type SecretKind = 'app' | 'kf';
export type DeliveryVia = 'api' | 'passive' | 'welcome';

export interface Delivery {
  seq: number;
  at: number;
  channel: 'app' | 'kf';
  /** UserID (app) or external_userid (kf). */
  to: string;
  via: DeliveryVia;
  msgtype: string;
  /** The text a person reads (text, markdown, menu, card title and buttons, file name). */
  text: string;
  content: unknown;
  msgid?: string;
}

export interface DroppedMessage {
  at: number;
  to: string;
  reason: 'rate_minute' | 'rate_hour' | 'duplicate';
  msgtype: string;
  text: string;
}

/** An errcode to answer, 'lost' (the work is done, the answer never arrives), or a slow success. */
export type InjectedFailure = number | 'lost' | { slowMs: number };

export interface MediaRecord {
  type: 'file' | 'image';
  fileName: string;
  size: number;
  createdAt: number;
  /** The bytes: media/get answers them, and the sandbox page offers the file for download. */
  content: Buffer;
}

export interface KfSession {
  openKfid: string;
  externalUserId: string;
  /** Time of the farmer's last message; null before the first one. */
  lastFarmerAt: number | null;
  /** Messages the bot sent since that last farmer message (≤ 5). */
  sentSinceLast: number;
  /** 0 未处理, 1 智能助手接待, 2 待接入池, 3 人工接待, 4 已结束. */
  serviceState: number;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export class FakeWeComState {
  readonly corpId: string;
  readonly agentId: number;
  readonly openKfIds: Set<string>;
  readonly now: () => number;
  readonly stats = { gettoken: 0, calls: new Map<string, number>() };
  /** Every API request body as received, in order (tests check flags like enable_duplicate_check). */
  readonly requests: Array<{ api: string; at: number; body: unknown }> = [];
  readonly dropped: DroppedMessage[] = [];
  readonly media = new Map<string, MediaRecord>();
  /** response_code → card and use. */
  readonly responseCodes = new Map<string, { userId: string; taskId: string; issuedAt: number; used: boolean }>();
  readonly taskIds = new Set<string>();
  readonly kfQueues = new Map<string, Array<Record<string, unknown>>>();
  readonly kfSessions = new Map<string, KfSession>();
  readonly kfMsgIds = new Map<string, Set<string>>();
  readonly syncTokens = new Map<string, { openKfid: string; expiresAt: number }>();
  readonly welcomeCodes = new Map<string, { openKfid: string; externalUserId: string; issuedAt: number; used: boolean }>();
  private readonly secrets: Record<SecretKind, string>;
  private readonly tokens = new Map<string, { kind: SecretKind; expiresAt: number }>();
  private readonly failures = new Map<string, InjectedFailure[]>();
  private readonly log: Delivery[] = [];
  private readonly sentTimes = new Map<string, number[]>();
  private seq = 0;

  constructor(readonly opts: FakeWeComOptions) {
    this.corpId = opts.corpId;
    this.agentId = opts.agentId;
    this.secrets = { app: opts.secret, kf: opts.kfSecret ?? opts.secret };
    this.openKfIds = new Set(opts.openKfIds ?? ['wkShouwangKf']);
    this.now = opts.now ?? Date.now;
  }

  get separateKfSecret(): boolean {
    return this.secrets.app !== this.secrets.kf;
  }

  /** gettoken: a fresh token for a known secret, or the errcode WeCom answers. */
  issueToken(corpId: string, secret: string): { token: string; expiresIn: number } | { errcode: number; errmsg: string } {
    this.stats.gettoken += 1;
    if (corpId !== this.corpId) return { errcode: 40013, errmsg: 'invalid corpid' };
    const kind: SecretKind | null = secret === this.secrets.app ? 'app' : secret === this.secrets.kf ? 'kf' : null;
    if (!kind) return { errcode: 40001, errmsg: 'invalid credential' };
    const ttl = this.opts.tokenTtlMs ?? 7_200_000;
    const token = `fk_${kind}_${randomBytes(12).toString('hex')}`;
    this.tokens.set(token, { kind, expiresAt: this.now() + ttl });
    return { token, expiresIn: Math.round(ttl / 1000) };
  }

  /** The secret kind of a live token, or the errcode for a bad (40014) or expired (42001) one. */
  checkToken(token: string | null): SecretKind | { errcode: number; errmsg: string } {
    const t = token ? this.tokens.get(token) : undefined;
    if (!t) return { errcode: 40014, errmsg: 'invalid access_token' };
    if (this.now() >= t.expiresAt) return { errcode: 42001, errmsg: 'access_token expired' };
    return t.kind;
  }

  /** Makes every issued token expired (as WeCom may do early): the next call answers 42001. */
  expireAllTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, this.now());
  }

  /** Forgets every token: the next call answers 40014. */
  revokeAllTokens(): void {
    this.tokens.clear();
  }

  /** The next `times` calls to `api` (e.g. 'message/send') answer `errcode`, lose the answer ('lost') or answer only after `slowMs`. */
  failNext(api: string, failure: InjectedFailure, times = 1): void {
    const list = this.failures.get(api) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(api, list);
  }

  takeFailure(api: string): InjectedFailure | undefined {
    return this.failures.get(api)?.shift();
  }

  countCall(api: string, body: unknown): void {
    this.stats.calls.set(api, (this.stats.calls.get(api) ?? 0) + 1);
    this.requests.push({ api, at: this.now(), body });
  }

  callsTo(api: string): number {
    return this.stats.calls.get(api) ?? 0;
  }

  /** Why an app message to `userId` would be silently dropped now, or null when it goes through. */
  rateLimited(userId: string): 'rate_minute' | 'rate_hour' | null {
    const now = this.now();
    const times = (this.sentTimes.get(userId) ?? []).filter((t) => t > now - HOUR);
    this.sentTimes.set(userId, times);
    if (times.filter((t) => t > now - MINUTE).length >= (this.opts.perMinute ?? 30)) return 'rate_minute';
    if (times.length >= (this.opts.perHour ?? 1000)) return 'rate_hour';
    return null;
  }

  deliver(d: Omit<Delivery, 'seq' | 'at'>): Delivery {
    const delivery: Delivery = { ...d, seq: ++this.seq, at: this.now() };
    this.log.push(delivery);
    if (d.channel === 'app' && d.via === 'api' && d.msgtype !== 'update_button') {
      const times = this.sentTimes.get(d.to) ?? [];
      times.push(delivery.at);
      this.sentTimes.set(d.to, times);
    }
    return delivery;
  }

  drop(m: Omit<DroppedMessage, 'at'>): void {
    this.dropped.push({ ...m, at: this.now() });
  }

  /** What people received, in order (optionally only `to`). */
  deliveries(to?: string): Delivery[] {
    return to === undefined ? [...this.log] : this.log.filter((d) => d.to === to);
  }

  /** The texts `to` received, in order. */
  texts(to: string): string[] {
    return this.deliveries(to).map((d) => d.text);
  }

  kfSession(openKfid: string, externalUserId: string): KfSession {
    const key = `${openKfid}\u0000${externalUserId}`;
    let s = this.kfSessions.get(key);
    if (!s) {
      s = { openKfid, externalUserId, lastFarmerAt: null, sentSinceLast: 0, serviceState: 0 };
      this.kfSessions.set(key, s);
    }
    return s;
  }

  /** Appends a message or event to the kf account's queue (what sync_msg returns). */
  enqueueKf(openKfid: string, msg: Record<string, unknown>): Record<string, unknown> {
    const queue = this.kfQueues.get(openKfid) ?? [];
    const stored = { msgid: `kfmsg_${randomBytes(10).toString('hex')}`, open_kfid: openKfid, send_time: Math.floor(this.now() / 1000), ...msg };
    queue.push(stored);
    this.kfQueues.set(openKfid, queue);
    return stored;
  }

  /** A sync_msg Token as the kf_msg_or_event callback carries it (valid 10 minutes). */
  issueSyncToken(openKfid: string): string {
    const token = `ENC${randomBytes(16).toString('hex')}`;
    this.syncTokens.set(token, { openKfid, expiresAt: this.now() + 10 * MINUTE });
    return token;
  }

  /** A single-use response_code for a template card (valid 72 h). */
  issueResponseCode(userId: string, taskId: string): string {
    const code = `rc_${randomBytes(12).toString('hex')}`;
    this.responseCodes.set(code, { userId, taskId, issuedAt: this.now(), used: false });
    return code;
  }

  /** Keeps a file or image as WeCom does with what is uploaded or sent by a user; returns its media id (valid 3 days). */
  storeMedia(type: 'file' | 'image', fileName: string, content: Buffer): string {
    const mediaId = `3${this.newMsgId()}`;
    this.media.set(mediaId, { type, fileName, size: content.length, createdAt: this.now(), content: Buffer.from(content) });
    return mediaId;
  }

  newMsgId(): string {
    return randomBytes(16).toString('hex');
  }
}
