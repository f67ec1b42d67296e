/**
 * `WeComApi` over HTTP (Node's fetch), against WeCom or the fake WeCom (WECOM_API_BASE).
 *
 * - access_token per secret (app secret, 微信客服 secret), cached and single-flight
 *   (`AccessTokenCache`); on 40014/42001/42009 (and 40001 outside gettoken) the token is re-fetched
 *   and the call retried, up to 3 fresh tokens per call (WeCom may answer 42001 again right after
 *   a refresh during its own token rotation).
 * - -1 (busy) is retried up to 3 tries in all; 45009 (frequency) and 45033 (concurrency) back off
 *   longer, also ≤ 3 tries; pauses double and are jittered so many callers do not retry in step.
 *   What is still refused after that is thrown; the outbox retries it later (sender.ts). Sleeps
 *   are injected so tests do not wait.
 * - A request that may have reached WeCom without a readable answer throws `WeComTransportError`
 *   and is never retried here: for a send that would risk a duplicate (the outbox decides).
 *
 * @example
 *   const api = new HttpWeComApi({ apiBase, corpId, agentId: 1000002, secret, kfSecret });
 *   await api.sendMessage({ touser: 'zhangsan', msgtype: 'text', text: { content: '你好' } });
 */
import { countWeComError } from '../metrics.js';
import { buildMediaUpload } from './multipart.js';
import { AccessTokenCache } from './token.js';
import {
  WeComApiError,
  WeComErrcode,
  WeComTransportError,
  type AppMessageBody,
  type KfMessageBody,
  type KfSyncResult,
  type MediaFile,
  type SendResult,
  type WeComApi,
} from './api-types.js';

export interface WeComApiOptions {
  /** e.g. https://qyapi.weixin.qq.com/cgi-bin (no trailing slash needed). */
  apiBase: string;
  corpId: string;
  agentId: number;
  secret: string;
  /** The 微信客服 secret; the app secret when not given. */
  kfSecret?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Per request; WeCom answers in well under a second. */
  timeoutMs?: number;
  /** First back-off after -1 (doubles each try). */
  busyBackoffMs?: number;
  /** First back-off after 45009/45033 (doubles each try). */
  rateBackoffMs?: number;
  refreshBeforeMs?: number;
  /** Largest file `getMedia` reads (default 20 MB): checked against the declared size and the bytes read. */
  maxDownloadBytes?: number;
}

/** Conservative upload limits, checked before anything is sent (WeCom: file 20 MB, image 10 MB, > 5 bytes). */
export const MEDIA_LIMITS = { file: 20 * 1024 * 1024, image: 2 * 1024 * 1024, min: 6 } as const;

export class MediaSizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MediaSizeError';
  }
}

type Via = 'app' | 'kf';
const MAX_TRIES = 3;
const MAX_TOKEN_REFRESHES = 3;
export const TOKEN_ERRORS: ReadonlySet<number> = new Set<number>([WeComErrcode.invalidAccessToken, WeComErrcode.accessTokenExpired, WeComErrcode.suiteTokenExpired, WeComErrcode.invalidSecret]);
const RATE_ERRORS = new Set<number>([WeComErrcode.frequencyLimit, WeComErrcode.concurrencyLimit]);

interface Envelope {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

export class HttpWeComApi implements WeComApi {
  private readonly base: string;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly tokens: Record<Via, AccessTokenCache>;

  constructor(private readonly opts: WeComApiOptions) {
    this.base = opts.apiBase.replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? globalThis.fetch;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const now = opts.now ?? Date.now;
    const app = new AccessTokenCache(() => this.fetchToken(opts.secret), { now, refreshBeforeMs: opts.refreshBeforeMs });
    const kfSecret = opts.kfSecret ?? opts.secret;
    // One token per secret: the same secret shares one cache.
    const kf = kfSecret === opts.secret ? app : new AccessTokenCache(() => this.fetchToken(kfSecret), { now, refreshBeforeMs: opts.refreshBeforeMs });
    this.tokens = { app, kf };
  }

  async sendMessage(body: AppMessageBody): Promise<SendResult> {
    const r = await this.call('message/send', 'app', { ...body, agentid: this.opts.agentId });
    return pick(r, ['invaliduser', 'msgid', 'response_code']) as SendResult;
  }

  async uploadMedia(type: 'file' | 'image', fileName: string, content: Buffer, via: Via = 'app'): Promise<{ media_id: string; created_at: string }> {
    const max = MEDIA_LIMITS[type];
    if (content.length < MEDIA_LIMITS.min) throw new MediaSizeError(`文件「${fileName}」内容过小（${content.length} 字节），企业微信要求大于 5 字节`);
    if (content.length > max) {
      throw new MediaSizeError(`${type === 'image' ? '图片' : '文件'}「${fileName}」大小 ${mb(content.length)} 超过上限 ${mb(max)}`);
    }
    const { body, contentType } = buildMediaUpload(fileName, content);
    const r = await this.call(`media/upload`, via, { raw: body, contentType }, { type });
    return { media_id: String(r.media_id), created_at: String(r.created_at) };
  }

  async getMedia(mediaId: string): Promise<MediaFile> {
    const r = await this.withToken('media/get', 'app', (token) => this.download('media/get', { access_token: token, media_id: mediaId }));
    return r as MediaFile;
  }

  async updateTemplateCard(body: { userids: string[]; response_code: string; button: { replace_name: string } }): Promise<void> {
    await this.call('message/update_template_card', 'app', { ...body, agentid: this.opts.agentId });
  }

  async kfSyncMsg(req: { cursor?: string; token?: string; limit?: number; open_kfid: string }): Promise<KfSyncResult> {
    const r = await this.call('kf/sync_msg', 'kf', req);
    return { next_cursor: String(r.next_cursor ?? ''), has_more: r.has_more === 1 ? 1 : 0, msg_list: (r.msg_list as KfSyncResult['msg_list']) ?? [] };
  }

  async kfSendMsg(req: { touser: string; open_kfid: string; msgid?: string } & KfMessageBody): Promise<{ msgid: string }> {
    const r = await this.call('kf/send_msg', 'kf', req);
    return { msgid: String(r.msgid) };
  }

  async kfSendMsgOnEvent(req: { code: string; msgid?: string } & KfMessageBody): Promise<{ msgid: string }> {
    const r = await this.call('kf/send_msg_on_event', 'kf', req);
    return { msgid: String(r.msgid) };
  }

  async kfServiceStateTrans(req: { open_kfid: string; external_userid: string; service_state: number; servicer_userid?: string }): Promise<{ msg_code?: string }> {
    const r = await this.call('kf/service_state/trans', 'kf', req);
    return r.msg_code === undefined ? {} : { msg_code: String(r.msg_code) };
  }

  /** Calls `api` with a token of `via`, retrying as the module comment says. */
  private call(api: string, via: Via, payload: unknown, query: Record<string, string> = {}): Promise<Envelope> {
    return this.withToken(api, via, (token) => this.request(api, { ...query, access_token: token }, payload)) as Promise<Envelope>;
  }

  /**
   * Runs one try with a token of `via` until it succeeds: an answer without errcode (or 0) is the
   * result; token errors re-fetch the token once, busy and rate errors back off (≤ 3 tries).
   */
  private async withToken(api: string, via: Via, attempt: (token: string) => Promise<Envelope | MediaAnswer>): Promise<Envelope | MediaFile> {
    let refreshes = 0;
    let tries = 0;
    for (;;) {
      const token = await this.tokens[via].get();
      tries += 1;
      const r = await attempt(token);
      if (r instanceof MediaAnswer) return r.file;
      const errcode = (r as Envelope).errcode ?? 0;
      if (errcode === 0) return r;
      countWeComError(api, errcode);
      if (TOKEN_ERRORS.has(errcode) && refreshes < MAX_TOKEN_REFRESHES) {
        this.tokens[via].invalidate(token);
        // A second refused fresh token: give WeCom a moment before the next one.
        if (refreshes > 0) await this.sleep(jitter((this.opts.busyBackoffMs ?? 200) * refreshes));
        refreshes += 1;
        tries -= 1; // a stale token is not a try against the busy/rate budget
        continue;
      }
      if (errcode === WeComErrcode.busy && tries < MAX_TRIES) {
        await this.sleep(jitter((this.opts.busyBackoffMs ?? 200) * 2 ** (tries - 1)));
        continue;
      }
      if (RATE_ERRORS.has(errcode) && tries < MAX_TRIES) {
        await this.sleep(jitter((this.opts.rateBackoffMs ?? 1000) * 2 ** (tries - 1)));
        continue;
      }
      throw new WeComApiError(errcode, String((r as Envelope).errmsg ?? ''), api);
    }
  }

  /**
   * A GET whose answer is a file, or a JSON envelope when WeCom refuses (the envelope is what comes
   * back without a Content-disposition and with a JSON or text type).
   */
  private async download(api: string, query: Record<string, string>): Promise<Envelope | MediaAnswer> {
    const url = `${this.base}/${api}?${new URLSearchParams(query).toString()}`;
    let res: Response;
    try {
      res = await this.fetchFn(url, { method: 'GET', signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000) });
    } catch (e) {
      throw new WeComTransportError(api, e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) throw new WeComTransportError(api, `HTTP ${res.status}`);
    const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
    const disposition = res.headers.get('content-disposition');
    const max = this.opts.maxDownloadBytes ?? MEDIA_LIMITS.file;
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > max) {
      await res.body?.cancel().catch(() => undefined);
      throw new MediaSizeError(`文件大小 ${mb(declared)} 超过可读取的上限 ${mb(max)}`);
    }
    const body = await readCapped(res, max, api);
    if (!disposition && /json|text\/plain/i.test(contentType)) {
      try {
        return JSON.parse(body.toString('utf8')) as Envelope;
      } catch {
        throw new WeComTransportError(api, 'the answer is neither a file nor JSON');
      }
    }
    return new MediaAnswer({ fileName: dispositionFileName(disposition), contentType, content: body });
  }

  private async fetchToken(secret: string): Promise<{ accessToken: string; expiresIn: number }> {
    const r = await this.request('gettoken', { corpid: this.opts.corpId, corpsecret: secret }, undefined);
    if ((r.errcode ?? 0) !== 0) countWeComError('gettoken', r.errcode ?? -1);
    if ((r.errcode ?? 0) !== 0) throw new WeComApiError(r.errcode ?? -1, String(r.errmsg ?? ''), 'gettoken');
    if (typeof r.access_token !== 'string') throw new WeComTransportError('gettoken', 'no access_token in the answer');
    return { accessToken: r.access_token, expiresIn: Number(r.expires_in ?? 7200) };
  }

  private async request(api: string, query: Record<string, string>, payload: unknown): Promise<Envelope> {
    const url = `${this.base}/${api}?${new URLSearchParams(query).toString()}`;
    const init: RequestInit = { method: 'GET', signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000) };
    if (payload !== undefined) {
      const raw = payload as { raw?: Buffer; contentType?: string };
      init.method = 'POST';
      if (raw.raw) {
        init.body = new Blob([new Uint8Array(raw.raw)]);
        init.headers = { 'content-type': raw.contentType ?? 'application/octet-stream' };
      } else {
        init.body = JSON.stringify(payload);
        init.headers = { 'content-type': 'application/json; charset=utf-8' };
      }
    }
    let res: Response;
    try {
      res = await this.fetchFn(url, init);
    } catch (e) {
      throw new WeComTransportError(api, e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) throw new WeComTransportError(api, `HTTP ${res.status}`);
    try {
      return (await res.json()) as Envelope;
    } catch {
      throw new WeComTransportError(api, 'the answer is not JSON');
    }
  }
}

/** The body, read chunk by chunk and abandoned as soon as it passes `max` bytes (a size header may lie or be missing). */
async function readCapped(res: Response, max: number, api: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw new MediaSizeError(`文件超过可读取的上限 ${mb(max)}`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof MediaSizeError) throw e;
    throw new WeComTransportError(api, e instanceof Error ? e.message : String(e));
  }
  return Buffer.concat(chunks);
}

/** A downloaded file, told apart from a JSON envelope by its class. */
class MediaAnswer {
  constructor(readonly file: MediaFile) {}
}

/** The file name of a Content-disposition header: RFC 5987 `filename*=UTF-8''…` first, else `filename="…"`. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  const name = (plain?.[1] ?? plain?.[2] ?? '').trim();
  return name === '' ? null : name;
}

/** ±25 %: retries of many callers spread out instead of arriving together. */
function jitter(ms: number): number {
  return Math.round(ms * (0.75 + Math.random() / 2));
}

function pick(o: Envelope, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined && o[k] !== '').map((k) => [k, o[k]]));
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
