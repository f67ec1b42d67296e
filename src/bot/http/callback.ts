/**
 * `GET|POST /wecom/callback`, the fixed chain of SPEC/STYLE:
 * body limit → query check → timestamp window → signature + decryption → XML parse → nonce
 * replay guard and store in the inbound log (dedupe), one transaction → per-sender processing →
 * answer within budget. When the database cannot take the message (away, read-only, slower than
 * `acceptDeadlineMs`), it goes to the durable local spool and is answered 200 all the same.
 *
 * Nothing here acts on the message: it is stored, then the processor reads it from the log.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Database } from '../../persistence/db.js';
import type { InboundRow } from '../../persistence/inbound.js';
import { isTransient } from '../../persistence/sql.js';
import { acceptCallback, type Accepted } from '../inbound/accept.js';
import { inboundFromCallback } from '../inbound/parse.js';
import { takePassiveReply } from '../inbound/passive.js';
import type { ProcessingPort } from '../inbound/processor.js';
import { SpoolFullError, type Spool, type SpoolEntry } from '../inbound/spool.js';
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
  processor: Pick<ProcessingPort, 'kick' | 'waitFor'> & Partial<Pick<ProcessingPort, 'laneLease'>>;
  /** Epoch ms. */
  clock: () => number;
  /** Seconds; 0 disables the timestamp window. */
  maxClockSkewS: number;
  callbackMaxBytes: number;
  /** How long the HTTP answer waits for a passive reply before answering empty (0: it does not wait). */
  replyBudgetMs: number;
  /** Nonce of passive replies (random by default). */
  newNonce?: () => string;
  /** Where messages go while the database cannot take them; without it such a callback gets 500. */
  spool?: Spool | null;
  /** How long storing may take before the message is spooled instead (default 2 s). */
  acceptDeadlineMs?: number;
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
  let msg: XmlObject;
  try {
    // The decrypted message gets the same no-DOCTYPE parse as the envelope: no XXE from anywhere.
    msg = parseXml(inner);
  } catch (e) {
    throw refusalFor(e);
  }
  const entry: SpoolEntry = { item: inboundFromCallback(msg, inner), receivedAt: deps.clock(), nonce: { timestamp: q.timestamp, nonce: q.nonce, signature: q.msg_signature } };
  const accepted = await accept(deps, entry);
  if (accepted === 'spooled') {
    // Durable on disk; it reaches the inbound log (and gets its answer) when the database is back.
    deps.log.warn({ kind: entry.item.kind, msgType: entry.item.msgType }, 'callback spooled: database unavailable');
    ctx.status = 200;
    ctx.type = 'text/plain';
    ctx.body = '';
    return;
  }
  if (accepted === 'replayed_nonce') throw new HttpError(403, 'replayed_nonce', '重复的 nonce');
  const { row, created, leased } = accepted;
  deps.log.info({ inbound: row.id, kind: row.kind, msgType: row.msgType, sender: row.sender, duplicate: !created }, 'callback stored');

  ctx.status = 200;
  ctx.type = 'text/plain';
  ctx.body = '';
  if (row.passiveReply !== null) return answerPassive(ctx, deps, wecom, row, row.passiveReply);
  // A message stored just now with its lane taken: the worker waits out its settling window
  // holding the lane, then finds and claims the message in one transaction.
  deps.processor.kick({ channel: row.channel, sender: row.sender, sync: row.kind === 'kf_sync' }, leased ? { receivedAt: row.receivedAt } : undefined);
  // Without a reply budget the message is answered as soon as it is stored (its replies go out
  // through message/send); kf messages and pulls are never answered passively.
  if (deps.replyBudgetMs <= 0 || row.kind === 'kf_sync' || row.channel !== 'app' || !row.sender) return;
  // WeCom listens only to its latest delivery of a message (it sends a copy again when the earlier
  // one went unanswered): a passive reply given to an earlier copy could be lost, so when a newer
  // copy waits here too, only the newest takes it; if none can, the reply goes through the outbox.
  const mine = Symbol('delivery');
  const latest = latestDeliveries(deps);
  latest.set(row.id, mine);
  try {
    const finished = await deps.processor.waitFor(row.id, deps.replyBudgetMs);
    if (!finished || latest.get(row.id) !== mine) return;
    const text = await takePassiveReply(deps.db, finished);
    if (text !== null) answerPassive(ctx, deps, wecom, finished, text);
  } catch (e) {
    // The message is stored; its reply goes out through the outbox instead.
    if (!isTransient(e)) throw e;
    deps.log.warn({ err: e, inbound: row.id }, 'passive reply skipped: database unavailable');
  } finally {
    if (latest.get(row.id) === mine) latest.delete(row.id);
  }
}

/** Per edge (its processor): the newest waiting delivery of each inbound row. */
const deliveries = new WeakMap<object, Map<number, symbol>>();
function latestDeliveries(deps: CallbackDeps): Map<number, symbol> {
  let m = deliveries.get(deps.processor);
  if (!m) deliveries.set(deps.processor, (m = new Map()));
  return m;
}

/**
 * Stores the message, or spools it when the database is away (or slower than the deadline), or
 * when earlier messages still wait in the spool (they keep their place in line).
 */
async function accept(deps: CallbackDeps, entry: SpoolEntry): Promise<Accepted | 'spooled'> {
  const spool = deps.spool;
  if (spool && (await spool.pending())) return spoolIt(spool, entry);
  try {
    return await acceptCallback(deps.db, entry, deps.acceptDeadlineMs ?? 2000, deps.processor.laneLease?.({ channel: entry.item.channel, sender: entry.item.sender, sync: entry.item.kind === 'kf_sync' }));
  } catch (e) {
    if (!spool || !isTransient(e)) throw e;
    return spoolIt(spool, entry);
  }
}

async function spoolIt(spool: Spool, entry: SpoolEntry): Promise<'spooled'> {
  try {
    await spool.append(entry);
  } catch (e) {
    if (e instanceof SpoolFullError) throw new HttpError(503, 'spool_full', e.message);
    throw e;
  }
  return 'spooled';
}

function answerPassive(ctx: Context, deps: CallbackDeps, wecom: NonNullable<CallbackDeps['wecom']>, row: InboundRow, text: string): void {
  const createTime = Math.floor(deps.clock() / 1000);
  const inner = buildXml({ ToUserName: row.sender, FromUserName: wecom.corpId, CreateTime: createTime, MsgType: 'text', Content: text });
  const nonce = deps.newNonce ? deps.newNonce() : randomBytes(8).toString('hex');
  ctx.status = 200;
  ctx.type = 'application/xml';
  ctx.body = sealReply(wecom.crypto, inner, String(createTime), nonce);
}
