/**
 * The internal-app APIs of the fake WeCom: message/send, media/upload, media/get, update_template_card,
 * with WeCom's rules — 2048-byte text, media ids valid 3 days, single-use response codes valid
 * 72 h, unique task_id, duplicate check, and the per-member limit whose excess is silently
 * dropped (errcode 0, nothing delivered).
 */
import { parseMediaUpload } from '../wecom/multipart.js';
import { WeComErrcode } from '../wecom/api-types.js';
import { DAY, HOUR, type FakeWeComState, type SecretKind } from './state.js';

export type Json = Record<string, unknown>;
export interface HandlerInput {
  kind: SecretKind;
  body: Json;
  query: URLSearchParams;
  raw: Buffer;
  contentType: string | undefined;
}

const ok = (extra: Json = {}): Json => ({ errcode: 0, errmsg: 'ok', ...extra });
export const err = (errcode: number, errmsg: string): Json => ({ errcode, errmsg });

const MEDIA_TTL = 3 * DAY;
const RESPONSE_CODE_TTL = 72 * HOUR;
const TEXT_MAX = 2048;

/** The error of an unusable media id, or null when it can be sent. */
export function mediaProblem(state: FakeWeComState, mediaId: unknown, type: 'file' | 'image'): Json | null {
  const m = typeof mediaId === 'string' ? state.media.get(mediaId) : undefined;
  if (!m || m.type !== type) return err(WeComErrcode.invalidMediaId, 'invalid media_id');
  if (state.now() - m.createdAt >= MEDIA_TTL) return err(WeComErrcode.invalidMediaId, 'media_id expired');
  return null;
}

/** What a person reads of a message (the delivery log's `text`). */
export function readableText(state: FakeWeComState, msgtype: string, body: Json): string {
  const part = (body[msgtype] ?? {}) as Json;
  switch (msgtype) {
    case 'text':
    case 'markdown':
      return String(part.content ?? '');
    case 'file':
    case 'image':
      return `[${msgtype === 'file' ? '文件' : '图片'}] ${state.media.get(String(part.media_id))?.fileName ?? ''}`;
    case 'template_card': {
      const title = (part.main_title ?? {}) as Json;
      const lines = ((part.horizontal_content_list ?? []) as Json[]).map((l) => `${String(l.keyname)}：${String(l.value)}`);
      const buttons = ((part.button_list ?? []) as Json[]).map((b) => `[${String(b.text)}]`).join(' ');
      return [title.title, title.desc, ...lines, buttons].filter((s) => s !== undefined && s !== '').join('\n');
    }
    case 'msgmenu': {
      const items = ((part.list ?? []) as Json[]).map((i) => `· ${String(((i.click ?? {}) as Json).content ?? '')}`);
      return [part.head_content, ...items, part.tail_content].filter((s) => s !== undefined && s !== '').join('\n');
    }
    default:
      return `[${msgtype}]`;
  }
}

/** Content checks shared by message/send and kf/send_msg; null when the content is acceptable. */
export function contentProblem(state: FakeWeComState, msgtype: unknown, body: Json, allowed: string[]): Json | null {
  if (typeof msgtype !== 'string' || !allowed.includes(msgtype)) return err(40008, `invalid message type ${String(msgtype)}`);
  const part = body[msgtype] as Json | undefined;
  if (!part || typeof part !== 'object') return err(40035, `missing ${msgtype}`);
  if (msgtype === 'text' || msgtype === 'markdown') {
    const content = part.content;
    if (typeof content !== 'string' || content === '') return err(40035, 'empty content');
    if (Buffer.byteLength(content, 'utf8') > TEXT_MAX) return err(WeComErrcode.contentTooLong, 'content size out of limit');
  }
  if (msgtype === 'file' || msgtype === 'image') return mediaProblem(state, part.media_id, msgtype);
  return null;
}

export function messageSend(state: FakeWeComState, input: HandlerInput): Json {
  if (input.kind !== 'app' && state.separateKfSecret) return err(301002, 'api forbidden: not the app token');
  const b = input.body;
  if (Number(b.agentid) !== state.agentId) return err(40056, 'invalid agentid');
  const touser = typeof b.touser === 'string' ? b.touser : '';
  if (touser === '' || touser.includes('|')) return err(40003, 'invalid userid (the fake takes one user)');
  const problem = contentProblem(state, b.msgtype, b, ['text', 'markdown', 'file', 'image', 'template_card']);
  if (problem) return problem;
  const msgtype = String(b.msgtype);
  const text = readableText(state, msgtype, b);
  const content = b[msgtype];
  let responseCode: string | undefined;
  if (msgtype === 'template_card') {
    const card = content as Json;
    const buttons = (card.button_list ?? []) as unknown[];
    if (card.card_type === 'button_interaction' && (buttons.length === 0 || buttons.length > 6)) return err(40035, 'button_list must have 1..6 buttons');
    const taskId = typeof card.task_id === 'string' ? card.task_id : '';
    if (card.card_type !== 'text_notice' && card.card_type !== 'news_notice' && !/^[A-Za-z0-9_\-@]{1,128}$/.test(taskId)) return err(40035, 'invalid task_id');
  }
  // Duplicate check first: a duplicate is answered 0 and not delivered (nor counted).
  if (b.enable_duplicate_check === 1) {
    const interval = Math.min(Number(b.duplicate_check_interval ?? 1800), 4 * 3600) * 1000;
    const key = JSON.stringify(content);
    const dup = state.deliveries(touser).some((d) => d.channel === 'app' && d.via === 'api' && d.msgtype === msgtype && JSON.stringify(d.content) === key && state.now() - d.at < interval);
    if (dup) {
      state.drop({ to: touser, reason: 'duplicate', msgtype, text });
      return ok({ invaliduser: '', msgid: state.newMsgId() });
    }
  }
  if (msgtype === 'template_card') {
    const taskId = String((content as Json).task_id ?? '');
    if (taskId !== '') {
      if (state.taskIds.has(taskId)) return err(40035, 'task_id already used');
      state.taskIds.add(taskId);
      responseCode = state.issueResponseCode(touser, taskId);
    }
  }
  const limited = state.rateLimited(touser);
  const msgid = state.newMsgId();
  if (limited) {
    // WeCom answers success and the member never sees the message.
    state.drop({ to: touser, reason: limited, msgtype, text });
  } else {
    state.deliver({ channel: 'app', to: touser, via: 'api', msgtype, text, content, msgid });
  }
  return ok({ invaliduser: '', msgid, ...(responseCode ? { response_code: responseCode } : {}) });
}

export function mediaUpload(state: FakeWeComState, input: HandlerInput): Json {
  const type = input.query.get('type');
  if (type !== 'file' && type !== 'image') return err(40005, 'invalid media type (file|image)');
  const part = parseMediaUpload(input.contentType, input.raw);
  if (!part) return err(41005, 'media data missing');
  const size = part.content.length;
  if (size <= 5) return err(WeComErrcode.invalidFileSize, 'file too small (must be > 5 bytes)');
  if (type === 'image' && size > 10 * 1024 * 1024) return err(WeComErrcode.invalidImageSize, 'invalid image size');
  if (type === 'file' && size > 20 * 1024 * 1024) return err(WeComErrcode.invalidFileSize, 'invalid file size');
  const mediaId = state.storeMedia(type, part.fileName, part.content);
  return ok({ type, media_id: mediaId, created_at: String(Math.floor(state.now() / 1000)) });
}

const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** What media/get answers: the file with its headers, or WeCom's JSON error. */
export type MediaGetAnswer = { file: { contentType: string; disposition: string; content: Buffer } } | { json: Json };

/**
 * media/get: the stored bytes, as WeCom answers a download — Content-Type by kind, and a
 * Content-disposition naming the file (`filename="<media_id>.<ext>"` as WeCom's example shows,
 * plus the original name as `filename*`); 40007 for an unknown or expired media id.
 */
export function mediaGet(state: FakeWeComState, query: URLSearchParams): MediaGetAnswer {
  const mediaId = query.get('media_id') ?? '';
  const m = state.media.get(mediaId);
  if (!m) return { json: err(WeComErrcode.invalidMediaId, 'invalid media_id') };
  if (state.now() - m.createdAt >= MEDIA_TTL) return { json: err(WeComErrcode.invalidMediaId, 'media_id expired') };
  const ext = /\.([A-Za-z0-9]+)$/.exec(m.fileName)?.[1]?.toLowerCase() ?? (m.type === 'image' ? 'jpg' : 'bin');
  const disposition = `attachment; filename="${mediaId}.${ext}"; filename*=UTF-8''${encodeURIComponent(m.fileName)}`;
  return { file: { contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream', disposition, content: m.content } };
}

export function updateTemplateCard(state: FakeWeComState, input: HandlerInput): Json {
  const b = input.body;
  if (Number(b.agentid) !== state.agentId) return err(40056, 'invalid agentid');
  const code = state.responseCodes.get(String(b.response_code ?? ''));
  if (!code) return err(40035, 'invalid response_code');
  if (code.used) return err(40035, 'response_code already used');
  if (state.now() - code.issuedAt >= RESPONSE_CODE_TTL) return err(40035, 'response_code expired');
  const replace = String(((b.button ?? {}) as Json).replace_name ?? '');
  if (replace === '' && !b.template_card) return err(40035, 'nothing to update');
  code.used = true;
  const users = Array.isArray(b.userids) && b.userids.length > 0 ? (b.userids as string[]) : [code.userId];
  for (const to of users) {
    state.deliver({ channel: 'app', to, via: 'api', msgtype: 'update_button', text: replace, content: { task_id: code.taskId, replace_name: replace } });
  }
  return ok({ invaliduser: [] });
}
