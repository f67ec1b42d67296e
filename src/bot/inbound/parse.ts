/**
 * From WeCom's shapes to inbound rows, and from stored rows to the flows' `Input`.
 *
 * The callback handler turns the decrypted XML into a `NewInbound` (dedupe key, lane, message
 * JSON); the processor later turns the STORED message back into an `Input` — processing never
 * looks at the HTTP request.
 *
 * @example
 *   const item = inboundFromCallback(parseXml(innerXml));
 *   // { dedupeKey: 'app:msg:4561255354251345929', kind: 'message', channel: 'app', sender: 'mycreate', … }
 *   inputOf(storedRow)   // { type: 'text', text: 'hello' }
 */
import { createHash } from 'node:crypto';
import type { Input } from '../../flows/types.js';
import type { KfMessage } from '../wecom/api-types.js';
import type { XmlObject, XmlValue } from '../wecom/xml.js';
import type { InboundRow, NewInbound } from '../../persistence/inbound.js';

/** Keys longer than the column are replaced by a digest of themselves (still deterministic). */
export function boundedKey(prefix: string, rest: string): string {
  const key = `${prefix}:${rest}`;
  return key.length <= 191 ? key : `${prefix}:sha256:${createHash('sha256').update(rest).digest('hex')}`;
}

function str(obj: XmlObject, key: string): string {
  const v = obj[key];
  return typeof v === 'string' ? v : '';
}

/** Epoch ms of a WeCom time in seconds ('1700000000'), or undefined when there is none. */
function writtenAt(seconds: unknown): number | undefined {
  const n = Number(seconds);
  return Number.isFinite(n) && n > 0 ? n * 1000 : undefined;
}

/** A MsgId as a key that sorts like the number (MsgIds are up to 20 digits). */
function msgIdKey(msgId: string): string {
  return /^\d{1,32}$/.test(msgId) ? msgId.padStart(32, '0') : '';
}

/** The inbound row for one decrypted callback (app message, app event, or a kf pull trigger). */
export function inboundFromCallback(msg: XmlObject, rawXml: string): NewInbound {
  const msgType = str(msg, 'MsgType').slice(0, 32) || 'unknown';
  const from = str(msg, 'FromUserName');
  const event = str(msg, 'Event');
  if (msgType === 'event' && event === 'kf_msg_or_event') {
    // No FromUserName here: the event only says "pull this kf account"; its Token is unique per event.
    const openKfid = str(msg, 'OpenKfId');
    return { dedupeKey: boundedKey('app:evt:kf', `${openKfid}:${str(msg, 'Token')}`), kind: 'kf_sync', channel: 'kf', sender: openKfid.slice(0, 128), openKfid: openKfid.slice(0, 64), msgType, message: msg };
  }
  const sender = from.slice(0, 128);
  if (msgType === 'event') {
    // WeCom de-duplication for events is FromUserName + CreateTime; the event name and key keep two
    // different clicks within one second apart (a retry repeats them exactly).
    const key = str(msg, 'EventKey');
    const rest = `${from}:${str(msg, 'CreateTime')}:${event}${key ? `:${key}` : ''}`;
    return { dedupeKey: boundedKey('app:evt', rest), kind: 'event', channel: 'app', sender, msgType, message: msg, orderAt: writtenAt(str(msg, 'CreateTime')) };
  }
  const msgId = str(msg, 'MsgId');
  const dedupeKey = msgId ? boundedKey('app:msg', msgId) : boundedKey('app:raw', createHash('sha256').update(rawXml).digest('hex'));
  return { dedupeKey, kind: 'message', channel: 'app', sender, msgType, message: msg, orderAt: writtenAt(str(msg, 'CreateTime')), orderKey: msgIdKey(msgId) };
}

/** The inbound row for one `kf/sync_msg` item, or null for what nobody must answer (our own servicers' messages). */
export function inboundFromKf(m: KfMessage): NewInbound | null {
  const ev = m.event;
  if (m.origin === 3) {
    const sender = m.external_userid ?? '';
    if (!sender) return null;
    // Within one send_time second the page order (stored in that order: the id) decides.
    return { dedupeKey: boundedKey('kf', m.msgid), kind: 'message', channel: 'kf', sender, openKfid: m.open_kfid, msgType: String(m.msgtype).slice(0, 32), message: m, orderAt: writtenAt(m.send_time) };
  }
  if (m.origin === 4 && ev) {
    const sender = ev.external_userid ?? m.external_userid ?? '';
    // Events about servicers or sessions without a farmer have no lane to go to.
    if (!sender) return null;
    return { dedupeKey: boundedKey('kf', m.msgid), kind: 'event', channel: 'kf', sender, openKfid: ev.open_kfid ?? m.open_kfid, msgType: 'event', message: m, orderAt: writtenAt(m.send_time) };
  }
  return null;
}

/** What a fired timer stores: the timer's name and payload as written, and when it fell due. */
export interface TimeoutMessage {
  type: 'timeout';
  timerId: number;
  name: string;
  payload: unknown;
  dueAt: number;
}

export function inboundFromTimer(t: { id: number; channel: 'app' | 'kf'; sender: string; openKfid: string | null; name: string; payload: unknown; dueAt: number }): NewInbound {
  const message: TimeoutMessage = { type: 'timeout', timerId: t.id, name: t.name, payload: t.payload, dueAt: t.dueAt };
  return { dedupeKey: `timer:${t.id}:${t.dueAt}`, kind: 'timeout', channel: t.channel, sender: t.sender, openKfid: t.openKfid, msgType: 'timeout', message: message as unknown as Record<string, unknown>, orderAt: t.dueAt };
}

function leaves(v: XmlValue | undefined, name: string): string[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return [];
  if (Array.isArray(v)) return v.flatMap((x) => leaves(x, name));
  return Object.entries(v).flatMap(([k, x]) => (k === name ? (Array.isArray(x) ? x : [x]).filter((s): s is string => typeof s === 'string') : leaves(x, name)));
}

function appInput(m: XmlObject): Input {
  const type = str(m, 'MsgType');
  switch (type) {
    case 'text':
      return { type: 'text', text: str(m, 'Content') };
    case 'image':
    case 'voice':
    case 'video':
    case 'file':
      return { type: 'file', msgType: type, mediaId: str(m, 'MediaId'), ...(str(m, 'FileName') ? { fileName: str(m, 'FileName') } : {}) };
    case 'event': {
      const event = str(m, 'Event');
      if (event === 'template_card_event') {
        const selected = leaves(m.SelectedItems, 'OptionId');
        const responseCode = str(m, 'ResponseCode');
        return { type: 'card', taskId: str(m, 'TaskId'), eventKey: str(m, 'EventKey'), ...(selected.length ? { selected } : {}), ...(responseCode ? { responseCode } : {}) };
      }
      const key = str(m, 'EventKey');
      return { type: 'event', event, ...(key ? { key } : {}) };
    }
    default:
      return { type: 'unsupported', msgType: type || 'unknown' };
  }
}

function kfInput(m: KfMessage): Input {
  if (m.origin === 4 && m.event) {
    const e = m.event;
    const key = e.fail_msgid ?? undefined;
    return { type: 'event', event: e.event_type, ...(key ? { key } : {}), ...(e.scene_param !== undefined ? { scene: e.scene_param } : {}) };
  }
  const type = String(m.msgtype);
  if (type === 'text' && m.text) return { type: 'text', text: m.text.content, ...(m.text.menu_id ? { menuId: m.text.menu_id } : {}) };
  if (type === 'image' || type === 'voice' || type === 'video' || type === 'file') {
    const media = m[type] as { media_id?: string } | undefined;
    return { type: 'file', msgType: type, mediaId: media?.media_id ?? '' };
  }
  return { type: 'unsupported', msgType: type };
}

/** The flows' view of a stored row (timeouts are resolved by the dispatcher, which owns their names). */
export function inputOf(row: Pick<InboundRow, 'kind' | 'channel' | 'message'>): Input {
  if (row.kind === 'timeout') {
    const t = row.message as unknown as TimeoutMessage;
    return { type: 'timeout', key: t.name, payload: t.payload };
  }
  return row.channel === 'kf' ? kfInput(row.message as unknown as KfMessage) : appInput(row.message as XmlObject);
}
