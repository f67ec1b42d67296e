/**
 * The fake WeCom calling the bot: a staff member writing or clicking in the internal app, a
 * farmer writing to 微信客服 or opening it. Each callback is signed and encrypted as WeCom does
 * (envelope.ts), POSTed to the bot's callback URL, and retried like WeCom — 3 tries in all with
 * the same content, when no HTTP 200 came within the timeout (5 s in WeCom; short in tests).
 * A passive reply is opened (`openReply`) and logged as delivered to that user.
 *
 * @example
 *   const cb = new CallbackSender(fake.state, { url: 'http://127.0.0.1:3000/wecom/callback', token, encodingAesKey });
 *   const r = await cb.userSays('zhangsan', '帮助');     // r.ok, r.attempts, r.reply?.content
 *   await cb.farmerSays('wmFarmer01', '我家有人生病了');  // queued for kf/sync_msg + kf_msg_or_event
 *   await cb.userSendsFile('yibao01', { mediaId: fake.state.storeMedia('file', '预警.xlsx', bytes), fileName: '预警.xlsx' });
 */
import { randomBytes } from 'node:crypto';
import { WeComCrypto } from '../wecom/crypto.js';
import { openReply, sealCallback } from '../wecom/envelope.js';
import { buildXml, parseXml, text as xmlText, type XmlObject } from '../wecom/xml.js';
import { farmerEnter, farmerMessage } from './kf.js';
import type { FakeWeComState } from './state.js';

export interface CallbackSenderOptions {
  /** The bot's callback URL, e.g. http://127.0.0.1:3000/wecom/callback. */
  url: string;
  token: string;
  encodingAesKey: string;
  /** How long to wait for the bot's HTTP 200 before retrying (WeCom: 5000). */
  timeoutMs?: number;
  /** Tries in all (WeCom: 3). */
  tries?: number;
  fetch?: typeof fetch;
}

export interface PassiveReply {
  msgType: string;
  /** Text content, or the media id / replace name for other types. */
  content: string;
  xml: string;
}

export interface CallbackResult {
  /** An HTTP 200 arrived. */
  ok: boolean;
  attempts: number;
  /** Status of the last answer; null when the last try timed out or failed to connect. */
  status: number | null;
  /** The decrypted passive reply, when the bot answered one. */
  reply: PassiveReply | null;
  /** Why the reply could not be opened (bad signature, corrupt ciphertext…), if it could not. */
  replyError?: string;
  /** The decrypted callback that was sent. */
  inner: string;
}

export class CallbackSender {
  private readonly crypto: WeComCrypto;
  private readonly fetchFn: typeof fetch;
  private msgSeq = 0n;
  /** The real clock when this sender started, in millionths of a millisecond (not the fake's clock, which tests set). */
  private readonly msgBase = BigInt(Date.now()) * 1_000_000n;

  constructor(
    private readonly state: FakeWeComState,
    private readonly opts: CallbackSenderOptions,
  ) {
    this.crypto = new WeComCrypto({ token: opts.token, encodingAesKey: opts.encodingAesKey, receiveId: state.corpId });
    this.fetchFn = opts.fetch ?? globalThis.fetch;
  }

  /** A staff member sends text in the internal app. */
  userSays(userId: string, content: string): Promise<CallbackResult> {
    return this.appCallback(userId, { MsgType: 'text', Content: content, MsgId: this.nextMsgId() });
  }

  /**
   * A staff member sends a file in the internal app. `mediaId` is what WeCom keeps of the file
   * (`state.storeMedia`, or an upload); the bot fetches the bytes with media/get.
   */
  userSendsFile(userId: string, file: { mediaId: string; fileName?: string }): Promise<CallbackResult> {
    return this.appCallback(userId, { MsgType: 'file', MediaId: file.mediaId, ...(file.fileName ? { FileName: file.fileName } : {}), MsgId: this.nextMsgId() });
  }

  /** A staff member presses a template-card button; carries a fresh single-use ResponseCode. */
  userClicks(userId: string, taskId: string, eventKey: string): Promise<CallbackResult> {
    const responseCode = this.state.issueResponseCode(userId, taskId);
    return this.appCallback(userId, { MsgType: 'event', Event: 'template_card_event', EventKey: eventKey, TaskId: taskId, CardType: 'button_interaction', ResponseCode: responseCode });
  }

  /** Any other app event (enter_agent, subscribe, click with a menu key, …). */
  userEvent(userId: string, event: string, eventKey?: string): Promise<CallbackResult> {
    return this.appCallback(userId, { MsgType: 'event', Event: event, ...(eventKey === undefined ? {} : { EventKey: eventKey }) });
  }

  /** A farmer writes to 微信客服 (a menu click carries `menuId`). */
  farmerSays(externalUserId: string, content: string, opts: { menuId?: string; openKfid?: string } = {}): Promise<CallbackResult> {
    const openKfid = opts.openKfid ?? this.defaultKf();
    farmerMessage(this.state, openKfid, externalUserId, content, opts.menuId);
    return this.kfCallback(openKfid);
  }

  /** A farmer opens 微信客服 through a link or QR code carrying `sceneParam`. */
  farmerEnters(externalUserId: string, sceneParam: string, opts: { openKfid?: string } = {}): Promise<CallbackResult> {
    const openKfid = opts.openKfid ?? this.defaultKf();
    farmerEnter(this.state, openKfid, externalUserId, sceneParam);
    return this.kfCallback(openKfid);
  }

  private defaultKf(): string {
    const first = this.state.openKfIds.values().next();
    if (first.done) throw new Error('the fake WeCom has no 微信客服 account');
    return first.value;
  }

  private nextMsgId(): string {
    this.msgSeq += 1n;
    // 64-bit like WeCom's, beyond 2^53 on purpose: the bot must keep it a string. Unique across
    // restarts too, as WeCom's are: a sandbox restarted on its kept database must not send ids its
    // inbound log already holds (they would be taken for WeCom's retries and never answered).
    return (this.msgBase + this.msgSeq).toString();
  }

  private createTime(): number {
    return Math.floor(this.state.now() / 1000);
  }

  private appCallback(userId: string, fields: Record<string, unknown>): Promise<CallbackResult> {
    const inner = buildXml({ ToUserName: this.state.corpId, FromUserName: userId, CreateTime: this.createTime(), ...fields, AgentID: this.state.agentId });
    return this.post(inner, this.state.agentId, userId);
  }

  private kfCallback(openKfid: string): Promise<CallbackResult> {
    const token = this.state.issueSyncToken(openKfid);
    const inner = buildXml({ ToUserName: this.state.corpId, CreateTime: this.createTime(), MsgType: 'event', Event: 'kf_msg_or_event', Token: token, OpenKfId: openKfid });
    // 微信客服 events take no passive reply: whatever the bot answers reaches nobody.
    return this.post(inner, undefined, null);
  }

  /** POSTs one sealed callback, the same bytes on every try. */
  private async post(inner: string, agentId: number | undefined, replyTo: string | null): Promise<CallbackResult> {
    const { query, body } = sealCallback(this.crypto, inner, { timestamp: String(this.createTime()), nonce: randomBytes(5).toString('hex'), agentId });
    const url = `${this.opts.url}${this.opts.url.includes('?') ? '&' : '?'}${new URLSearchParams({ ...query }).toString()}`;
    const tries = this.opts.tries ?? 3;
    let status: number | null = null;
    for (let attempt = 1; attempt <= tries; attempt++) {
      let answer: string;
      try {
        const res = await this.fetchFn(url, { method: 'POST', body, headers: { 'content-type': 'text/xml; charset=utf-8' }, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000) });
        status = res.status;
        answer = await res.text();
      } catch {
        status = null; // timed out or refused: WeCom tries again
        continue;
      }
      if (status !== 200) continue;
      return { ok: true, attempts: attempt, status, inner, ...this.passive(answer, replyTo) };
    }
    return { ok: false, attempts: tries, status, reply: null, inner };
  }

  private passive(answer: string, replyTo: string | null): { reply: PassiveReply | null; replyError?: string } {
    if (answer.trim() === '' || answer.trim() === 'success') return { reply: null };
    let xml: string;
    let fields: XmlObject;
    try {
      xml = openReply(this.crypto, answer);
      fields = parseXml(xml);
    } catch (e) {
      return { reply: null, replyError: e instanceof Error ? e.message : String(e) };
    }
    const msgType = xmlText(fields, 'MsgType');
    const nested = (key: string, leaf: string): string => {
      const v = fields[key];
      return v && typeof v === 'object' && !Array.isArray(v) ? xmlText(v, leaf) : '';
    };
    const content = msgType === 'text' ? xmlText(fields, 'Content') : msgType === 'update_button' ? nested('Button', 'ReplaceName') : nested(capitalize(msgType), 'MediaId');
    const reply: PassiveReply = { msgType, content, xml };
    if (replyTo !== null) {
      this.state.deliver({ channel: 'app', to: replyTo, via: 'passive', msgtype: msgType, text: content, content: fields });
    }
    return { reply };
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
