/**
 * 微信客服 in the fake WeCom: the farmer's side (messages and session entries queued for
 * sync_msg) and the APIs with WeCom's rules — sync Token valid 10 minutes, cursor paging with
 * limit ≤ 1000; send_msg only within 48 h of the farmer's last message, ≤ 5 per farmer message,
 * only while the session is new or with the smart assistant, `msgid` idempotent; a welcome_code
 * usable once within 20 s; service-state transitions.
 */
import { WeComErrcode } from '../wecom/api-types.js';
import { contentProblem, err, readableText, type HandlerInput, type Json } from './app.js';
import { HOUR, type FakeWeComState } from './state.js';

const ok = (extra: Json = {}): Json => ({ errcode: 0, errmsg: 'ok', ...extra });
const SEND_WINDOW = 48 * HOUR;
const MAX_PER_FARMER_MESSAGE = 5;
const WELCOME_TTL = 20_000;
const KF_TYPES = ['text', 'image', 'voice', 'video', 'file', 'link', 'miniprogram', 'msgmenu', 'location'];
/** Allowed service-state changes (0 new, 1 smart assistant, 2 queue, 3 human, 4 ended). */
const TRANSITIONS: Record<number, number[]> = { 0: [1, 2, 3, 4], 1: [2, 3, 4], 2: [3, 4], 3: [4], 4: [] };

/** A farmer writes: queued for sync_msg; opens the 48 h window and resets the 5-message count. */
export function farmerMessage(state: FakeWeComState, openKfid: string, externalUserId: string, text: string, menuId?: string): Json {
  const s = state.kfSession(openKfid, externalUserId);
  s.lastFarmerAt = state.now();
  s.sentSinceLast = 0;
  if (s.serviceState === 4) s.serviceState = 0;
  return state.enqueueKf(openKfid, { external_userid: externalUserId, origin: 3, msgtype: 'text', text: { content: text, ...(menuId ? { menu_id: menuId } : {}) } });
}

/** A farmer opens the chat (link or QR code with scene_param): an enter_session event with a welcome_code. */
export function farmerEnter(state: FakeWeComState, openKfid: string, externalUserId: string, sceneParam: string): Json {
  state.kfSession(openKfid, externalUserId);
  const welcomeCode = `wc_${state.newMsgId()}`;
  state.welcomeCodes.set(welcomeCode, { openKfid, externalUserId, issuedAt: state.now(), used: false });
  return state.enqueueKf(openKfid, {
    origin: 4,
    msgtype: 'event',
    event: { event_type: 'enter_session', open_kfid: openKfid, external_userid: externalUserId, scene: 'shouwang', scene_param: sceneParam, welcome_code: welcomeCode },
  });
}

function kfForbidden(state: FakeWeComState, input: HandlerInput): Json | null {
  return input.kind !== 'kf' && state.separateKfSecret ? err(WeComErrcode.apiForbidden, 'api forbidden: use the 微信客服 secret') : null;
}

function encodeCursor(n: number): string {
  return Buffer.from(`c:${n}`).toString('base64url');
}

function decodeCursor(cursor: unknown): number | null {
  if (cursor === undefined || cursor === '') return 0;
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const m = /^c:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

export function syncMsg(state: FakeWeComState, input: HandlerInput): Json {
  const forbidden = kfForbidden(state, input);
  if (forbidden) return forbidden;
  const b = input.body;
  const openKfid = String(b.open_kfid ?? '');
  if (!state.openKfIds.has(openKfid)) return err(WeComErrcode.kfInvalidOpenKfid, 'invalid open_kfid');
  if (b.token !== undefined && b.token !== '') {
    const t = state.syncTokens.get(String(b.token));
    if (!t || t.openKfid !== openKfid || state.now() >= t.expiresAt) return err(WeComErrcode.kfInvalidMsgToken, 'invalid msg token');
  }
  const limit = b.limit === undefined ? 1000 : Number(b.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return err(WeComErrcode.invalidArgument, 'limit must be 1..1000');
  const from = decodeCursor(b.cursor);
  if (from === null) return err(WeComErrcode.invalidArgument, 'invalid cursor');
  const queue = state.kfQueues.get(openKfid) ?? [];
  const page = queue.slice(from, from + limit);
  const next = from + page.length;
  return ok({ next_cursor: encodeCursor(next), has_more: next < queue.length ? 1 : 0, msg_list: page });
}

function msgidProblem(msgid: unknown): Json | null {
  if (msgid === undefined) return null;
  if (typeof msgid !== 'string' || msgid === '' || Buffer.byteLength(msgid) > 32 || !/^[0-9A-Za-z_-]+$/.test(msgid)) return err(WeComErrcode.invalidArgument, 'invalid msgid');
  return null;
}

function usedMsgIds(state: FakeWeComState, openKfid: string): Set<string> {
  let set = state.kfMsgIds.get(openKfid);
  if (!set) {
    set = new Set();
    state.kfMsgIds.set(openKfid, set);
  }
  return set;
}

export function sendMsg(state: FakeWeComState, input: HandlerInput): Json {
  const forbidden = kfForbidden(state, input);
  if (forbidden) return forbidden;
  const b = input.body;
  const openKfid = String(b.open_kfid ?? '');
  const touser = String(b.touser ?? '');
  if (!state.openKfIds.has(openKfid)) return err(WeComErrcode.kfInvalidOpenKfid, 'invalid open_kfid');
  const badMsgid = msgidProblem(b.msgid);
  if (badMsgid) return badMsgid;
  const used = usedMsgIds(state, openKfid);
  // The same msgid again is the same message: answered as before, delivered once.
  if (typeof b.msgid === 'string' && used.has(b.msgid)) return ok({ msgid: b.msgid });
  const problem = contentProblem(state, b.msgtype, b, KF_TYPES);
  if (problem) return problem;
  const s = state.kfSession(openKfid, touser);
  if (s.lastFarmerAt === null || state.now() - s.lastFarmerAt > SEND_WINDOW || s.serviceState > 1) {
    return err(WeComErrcode.kfSessionStatusInvalid, 'send msg session status invalid');
  }
  if (s.sentSinceLast >= MAX_PER_FARMER_MESSAGE) return err(WeComErrcode.kfSendCountLimit, 'send msg count limit');
  const msgid = typeof b.msgid === 'string' ? b.msgid : state.newMsgId();
  used.add(msgid);
  s.sentSinceLast += 1;
  const msgtype = String(b.msgtype);
  state.deliver({ channel: 'kf', to: touser, via: 'api', msgtype, text: readableText(state, msgtype, b), content: b[msgtype], msgid });
  return ok({ msgid });
}

export function sendMsgOnEvent(state: FakeWeComState, input: HandlerInput): Json {
  const forbidden = kfForbidden(state, input);
  if (forbidden) return forbidden;
  const b = input.body;
  const code = state.welcomeCodes.get(String(b.code ?? ''));
  if (!code) return err(WeComErrcode.invalidWelcomeCode, 'invalid welcome code');
  const badMsgid = msgidProblem(b.msgid);
  if (badMsgid) return badMsgid;
  const used = usedMsgIds(state, code.openKfid);
  if (typeof b.msgid === 'string' && used.has(b.msgid)) return ok({ msgid: b.msgid });
  if (code.used || state.now() - code.issuedAt > WELCOME_TTL) return err(WeComErrcode.invalidWelcomeCode, 'welcome code used or expired');
  const problem = contentProblem(state, b.msgtype, b, ['text', 'msgmenu']);
  if (problem) return problem;
  code.used = true;
  const msgid = typeof b.msgid === 'string' ? b.msgid : state.newMsgId();
  used.add(msgid);
  const msgtype = String(b.msgtype);
  state.deliver({ channel: 'kf', to: code.externalUserId, via: 'welcome', msgtype, text: readableText(state, msgtype, b), content: b[msgtype], msgid });
  return ok({ msgid });
}

export function serviceStateTrans(state: FakeWeComState, input: HandlerInput): Json {
  const forbidden = kfForbidden(state, input);
  if (forbidden) return forbidden;
  const b = input.body;
  const openKfid = String(b.open_kfid ?? '');
  if (!state.openKfIds.has(openKfid)) return err(WeComErrcode.kfInvalidOpenKfid, 'invalid open_kfid');
  const key = `${openKfid}\u0000${String(b.external_userid ?? '')}`;
  const s = state.kfSessions.get(key);
  if (!s) return err(40096, 'invalid external_userid');
  const to = Number(b.service_state);
  if (!(TRANSITIONS[s.serviceState] ?? []).includes(to)) return err(WeComErrcode.kfStateTransitionRefused, `state ${s.serviceState} → ${to} not allowed`);
  if (to === 3 && typeof b.servicer_userid !== 'string') return err(40035, 'servicer_userid required for state 3');
  s.serviceState = to;
  return ok(to >= 2 ? { msg_code: `mc_${state.newMsgId()}` } : {});
}
