/**
 * Test kit for the callback edge: WeCom's official sample credentials, sealed callbacks,
 * message builders, a frozen clock, and an edge assembled with the test flows.
 *
 * @example
 *   const kit = edgeKit(db.ds(), { flows: testFlows(gates) });
 *   const res = await kit.post(appText({ from: 'wangwu', content: '帮助', msgId: '1' }));
 *   kit.passiveText(res.text)   // '您好，王五（网格员）…'
 */
import supertest from 'supertest';
import { createEdge, type Edge, type EdgeOptions } from '../../src/bot/edge.js';
import { MemoryStaffDirectory, commandHandlers } from '../../src/bot/dispatch/ports.js';
import { silentLogger } from '../../src/bot/log.js';
import { WeComCrypto } from '../../src/bot/wecom/crypto.js';
import { openReply, sealCallback } from '../../src/bot/wecom/envelope.js';
import { buildXml, parseXml, text } from '../../src/bot/wecom/xml.js';
import type { StaffActor } from '../../src/flows/types.js';
import { transaction, type Database } from '../../src/persistence/db.js';
import { findOutbox } from '../../src/persistence/outbox.js';
import { InboundSchema, type InboundRow } from '../../src/persistence/schemas/inbound.js';
import type { OutboxRow } from '../../src/persistence/schemas/outbox.js';
import { orm } from './db.js';

/** The official WXBizMsgCrypt sample credentials. */
export const OFFICIAL = {
  token: 'QDG6eK',
  corpId: 'wx5823bf96d3bd56c7',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  getQuery:
    'msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D',
  postQuery: 'msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149',
  postEncrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
} as const;

export const crypto = new WeComCrypto({ token: OFFICIAL.token, encodingAesKey: OFFICIAL.aesKey, receiveId: OFFICIAL.corpId });

/** 2025-11-28 12:00:00 +08:00, the frozen "now" of these tests. */
export const T0 = 1_764_302_400_000;
export const T0_S = String(T0 / 1000);

export const STAFF: StaffActor[] = [
  { userId: 'wangwu', name: '王五', role: 'grid_worker', jurisdiction: { level: 'grid', code: '610821101001-01' } },
  { userId: 'zhaoliu', name: '赵六', role: 'town_official', jurisdiction: { level: 'town', code: '610821101' } },
];

export interface Sealed {
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
}

let nonceSeq = 0;
/** Seals inner XML as WeCom would (fresh nonce each time unless given). */
export function seal(inner: string, opts: { timestamp?: string; nonce?: string } = {}): Sealed {
  return sealCallback(crypto, inner, { timestamp: opts.timestamp ?? T0_S, nonce: opts.nonce ?? `n${process.pid}x${++nonceSeq}`, agentId: 1000002 });
}

export function appText(m: { from: string; content: string; msgId: string; createTime?: number }): string {
  return buildXml({ ToUserName: OFFICIAL.corpId, FromUserName: m.from, CreateTime: m.createTime ?? T0 / 1000, MsgType: 'text', Content: m.content, MsgId: m.msgId, AgentID: 1000002 });
}

export function appXml(fields: Record<string, unknown>): string {
  return buildXml({ ToUserName: OFFICIAL.corpId, CreateTime: T0 / 1000, AgentID: 1000002, ...fields });
}

export function kfEvent(openKfid: string, token: string): string {
  return buildXml({ ToUserName: OFFICIAL.corpId, CreateTime: T0 / 1000, MsgType: 'event', Event: 'kf_msg_or_event', Token: token, OpenKfId: openKfid });
}

export function queryString(q: Sealed['query']): string {
  return new URLSearchParams(q).toString();
}

/** Decrypts a passive reply body and returns its inner fields. */
export function openPassive(body: string): { to: string; from: string; content: string; msgType: string; createTime: string } {
  const inner = parseXml(openReply(crypto, body));
  return { to: text(inner, 'ToUserName'), from: text(inner, 'FromUserName'), content: text(inner, 'Content'), msgType: text(inner, 'MsgType'), createTime: text(inner, 'CreateTime') };
}

export interface Kit {
  ds: Database;
  edge: Edge;
  clock: { now: number };
  post(s: Sealed): supertest.Test;
  request: ReturnType<typeof supertest>;
}

/** An edge on `ds` with official credentials, a frozen clock and fast timings. */
export function edgeKit(ds: Database, opts: Partial<Omit<EdgeOptions, 'staff'>> & { staff?: StaffActor[] } = {}): Kit {
  const clock = { now: T0 };
  const { staff, ...rest } = opts;
  const edge = createEdge({
    db: ds,
    log: silentLogger(),
    wecom: { crypto, corpId: OFFICIAL.corpId },
    api: null,
    flows: [],
    staff: new MemoryStaffDirectory(staff ?? STAFF),
    commands: commandHandlers(),
    tz: 'Asia/Shanghai',
    maxClockSkewS: 300,
    callbackMaxBytes: 256 * 1024,
    instanceId: 'test-a',
    clock: () => clock.now,
    replyBudgetMs: 1500,
    waitPollMs: 10,
    newNonce: () => 'fixednonce',
    ...rest,
  });
  const request = supertest(edge.app.callback());
  return { ds, edge, clock, request, post: (s) => request.post(`/wecom/callback?${queryString(s.query)}`).type('text/xml').send(s.body) };
}

/** The outbox rows produced by the inbound row with this dedupe key (in order). */
export async function outboxOf(ds: Database, dedupeKey: string): Promise<OutboxRow[]> {
  return transaction(ds, async (tx) => {
    const row = await orm(tx).getRepository(InboundSchema).findOne({ where: { dedupeKey } });
    return findOutbox(tx, row?.outboxIds ?? []);
  });
}

export async function inboundOf(ds: Database, dedupeKey: string): Promise<InboundRow | null> {
  return transaction(ds, (tx) => orm(tx).getRepository(InboundSchema).findOne({ where: { dedupeKey } }));
}

/** Texts of reply payloads (text, or a menu's head). */
export function textsOf(rows: OutboxRow[]): string[] {
  return rows.map((o) => {
    const p = o.payload as { type: string; text?: string; head?: string };
    return p.type === 'text' ? (p.text ?? '') : `[${p.type}] ${p.head ?? ''}`;
  });
}

let msgSeq = 0;
/** Posts a text from `from`, waits for processing, and returns the HTTP answer and the replies. */
export async function say(kit: Kit, from: string, content: string): Promise<{ status: number; passive: string | null; replies: string[]; msgId: string }> {
  const msgId = `${process.pid}${String(++msgSeq).padStart(6, '0')}`;
  const res = await kit.post(seal(appText({ from, content, msgId }), { timestamp: String(Math.floor(kit.clock.now / 1000)) }));
  await kit.edge.processor.idle();
  const rows = await outboxOf(kit.ds, `app:msg:${msgId}`);
  return { status: res.status, passive: res.text ? openPassive(res.text).content : null, replies: textsOf(rows), msgId };
}
