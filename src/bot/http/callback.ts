/**
 * `GET|POST /wecom/callback`, the fixed chain of SPEC/STYLE:
 * body limit → query check → timestamp window → signature + decryption → nonce replay guard →
 * XML parse → store in the inbound log (dedupe) → per-sender processing → answer within budget.
 *
 * Nothing here acts on the message: it is stored, then the processor reads it from the log.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { z } from 'zod';
import { transaction, type Database } from '../../persistence/db.js';
import { recordNonce } from '../../persistence/callback-nonce.js';
import { storeInbound, type InboundRow } from '../../persistence/inbound.js';
import { withRetry } from '../../persistence/sql.js';
import { inboundFromCallback } from '../inbound/parse.js';
import { takePassiveReply } from '../inbound/passive.js';
import type { Processor } from '../inbound/processor.js';
import type { Logger } from '../log.js';
import { openCallback, openEchoStr, sealReply } from '../wecom/envelope.js';
import type { WeComCrypto } from '../wecom/crypto.js';
import { buildXml, parseXml, type XmlObject } from '../wecom/xml.js';
import { readBody } from './body.js';
import { HttpError, refusalFor } from './errors.js';

export interface CallbackDeps {
  db: Database;
  log: Logger;
  /** Null in sandbox mode without credentials: the callback then answers 503. */
  wecom: { crypto: WeComCrypto; corpId: string } | null;
  processor: Pick<Processor, 'kick' | 'waitFor'>;
  /** Epoch ms. */
  clock: () => number;
  /** Seconds; 0 disables the timestamp window. */
  maxClockSkewS: number;
  callbackMaxBytes: number;
  /** How long the HTTP answer waits for processing before answering empty (default 1.5 s). */
  replyBudgetMs: number;
  /** Nonce of passive replies (random by default). */
  newNonce?: () => string;
}

const one = z.string().min(1);
const baseQuery = z.object({
  msg_signature: one.max(64).regex(/^[0-9a-fA-F]+$/),
  timestamp: one.max(16).regex(/^\d+$/),
  nonce: one.max(64).regex(/^[\x21-\x7e]+$/),
});
const getQuery = baseQuery.extend({ echostr: one.max(4096) });

function queryOf<T extends z.ZodTypeAny>(ctx: Context, schema: T): z.infer<T> {
  const r = schema.safeParse(ctx.query);
  if (!r.success) throw new HttpError(400, 'bad_query', '缺少或错误的回调参数');
  return r.data;
}

function wecomOf(deps: CallbackDeps): NonNullable<CallbackDeps['wecom']> {
  if (!deps.wecom) throw new HttpError(503, 'not_configured', '未配置企业微信回调参数');
  return deps.wecom;
}

function checkWindow(deps: CallbackDeps, timestamp: string): void {
  if (deps.maxClockSkewS <= 0) return;
  const skew = Math.abs(deps.clock() / 1000 - Number(timestamp));
  if (skew > deps.maxClockSkewS) throw new HttpError(401, 'stale', '时间戳超出允许范围');
}

/**
 * GET: URL verification. Answers the bare decrypted echostr. No nonce is recorded: the answer has
 * no effect, and an administrator may re-verify the URL at any time.
 */
export async function verifyUrl(ctx: Context, deps: CallbackDeps): Promise<void> {
  const { crypto } = wecomOf(deps);
  const q = queryOf(ctx, getQuery);
  checkWindow(deps, q.timestamp);
  let plain: string;
  try {
    plain = openEchoStr(crypto, q);
  } catch (e) {
    throw refusalFor(e);
  }
  ctx.status = 200;
  ctx.type = 'text/plain';
  ctx.body = plain;
}

/** POST: a message or event. */
export async function receive(ctx: Context, deps: CallbackDeps): Promise<void> {
  const wecom = wecomOf(deps);
  const body = await readBody(ctx.req, deps.callbackMaxBytes);
  const q = queryOf(ctx, baseQuery);
  checkWindow(deps, q.timestamp);
  let inner: string;
  try {
    inner = openCallback(wecom.crypto, q, body);
  } catch (e) {
    throw refusalFor(e);
  }
  const now = deps.clock();
  const seen = await withRetry(() => transaction(deps.db, (tx) => recordNonce(tx, q.timestamp, q.nonce, q.msg_signature, now)));
  if (seen === 'conflict') throw new HttpError(403, 'replayed_nonce', '重复的 nonce');

  let msg: XmlObject;
  try {
    // The decrypted message gets the same no-DOCTYPE parse as the envelope: no XXE from anywhere.
    msg = parseXml(inner);
  } catch (e) {
    throw refusalFor(e);
  }
  const item = inboundFromCallback(msg, inner);
  const { row, created } = await withRetry(() => transaction(deps.db, (tx) => storeInbound(tx, item, now)));
  deps.log.info({ inbound: row.id, kind: row.kind, msgType: row.msgType, sender: row.sender, duplicate: !created }, 'callback stored');

  ctx.status = 200;
  ctx.type = 'text/plain';
  ctx.body = '';
  if (row.passiveReply !== null) return answerPassive(ctx, deps, wecom, row, row.passiveReply);
  deps.processor.kick({ channel: row.channel, sender: row.sender, sync: row.kind === 'kf_sync' });
  if (row.kind === 'kf_sync' || row.channel !== 'app' || !row.sender) return;
  const finished = await deps.processor.waitFor(row.id, deps.replyBudgetMs);
  if (!finished) return;
  const text = await takePassiveReply(deps.db, finished);
  if (text !== null) answerPassive(ctx, deps, wecom, finished, text);
}

function answerPassive(ctx: Context, deps: CallbackDeps, wecom: NonNullable<CallbackDeps['wecom']>, row: InboundRow, text: string): void {
  const createTime = Math.floor(deps.clock() / 1000);
  const inner = buildXml({ ToUserName: row.sender, FromUserName: wecom.corpId, CreateTime: createTime, MsgType: 'text', Content: text });
  const nonce = deps.newNonce ? deps.newNonce() : randomBytes(8).toString('hex');
  ctx.status = 200;
  ctx.type = 'application/xml';
  ctx.body = sealReply(wecom.crypto, inner, String(createTime), nonce);
}
