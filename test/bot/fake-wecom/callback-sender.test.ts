import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallbackSender, FakeWeCom } from '../../../src/bot/fake-wecom/index.js';
import { WeComCrypto } from '../../../src/bot/wecom/crypto.js';
import { openCallback, sealReply } from '../../../src/bot/wecom/envelope.js';
import { buildXml, parseXml, text } from '../../../src/bot/wecom/xml.js';
import { HttpWeComApi } from '../../../src/bot/wecom/api.js';
import { CAMPAIGN_MONDAY, frozenClock } from '../../helpers/clock.js';

const CORP = 'wwshouwang';
const TOKEN = 'shouwangtoken';
const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const crypto = new WeComCrypto({ token: TOKEN, encodingAesKey: AES, receiveId: CORP });
const clock = frozenClock(CAMPAIGN_MONDAY);

/** A tiny stand-in bot: records what it got, answers after `delays[n]` ms with `answer(n)`. */
interface StubBot {
  url: string;
  seen: Array<{ inner: string; body: string }>;
  delays: number[];
  answer: (inner: string, n: number) => { status: number; body: string };
  server: Server;
}

let bot: StubBot;
let fake: FakeWeCom;

beforeAll(async () => {
  fake = new FakeWeCom({ corpId: CORP, agentId: 1000002, secret: 'app-secret', now: clock.now });
  await fake.start();
  const seen: StubBot['seen'] = [];
  const stub: Partial<StubBot> = { seen, delays: [], answer: () => ({ status: 200, body: '' }) };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const q = new URL(req.url ?? '/', 'http://bot').searchParams;
      const inner = openCallback(crypto, { msg_signature: q.get('msg_signature') ?? '', timestamp: q.get('timestamp') ?? '', nonce: q.get('nonce') ?? '' }, body);
      const n = seen.length;
      seen.push({ inner, body });
      const { status, body: out } = (stub as StubBot).answer(inner, n);
      setTimeout(() => {
        if (!res.destroyed) {
          res.writeHead(status, { 'content-type': 'text/xml' });
          res.end(out);
        }
      }, (stub as StubBot).delays[n] ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  // The same object the server reads, so tests can change delays and answers.
  bot = Object.assign(stub as StubBot, { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback` });
});

afterAll(async () => {
  bot.server.closeAllConnections();
  await new Promise<void>((r) => bot.server.close(() => r()));
  await fake.stop();
});

afterEach(() => {
  bot.seen.length = 0;
  bot.delays = [];
  bot.answer = () => ({ status: 200, body: '' });
});

const sender = () => new CallbackSender(fake.state, { url: bot.url, token: TOKEN, encodingAesKey: AES, timeoutMs: 150 });

describe('callback sender', () => {
  it('sends a signed, encrypted text callback with a 64-bit MsgId and stops at the first 200', async () => {
    const r = await sender().userSays('zhangsan', '帮助');
    expect(r).toMatchObject({ ok: true, attempts: 1, status: 200, reply: null });
    expect(bot.seen).toHaveLength(1);
    const inner = parseXml(bot.seen[0]?.inner ?? '');
    expect(text(inner, 'FromUserName')).toBe('zhangsan');
    expect(text(inner, 'Content')).toBe('帮助');
    expect(BigInt(text(inner, 'MsgId'))).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('a sender started later (a restarted sandbox on its kept database) never reuses an earlier sender’s MsgIds', async () => {
    const first = sender();
    await first.userSays('zhangsan', '一');
    await first.userSays('zhangsan', '二');
    await new Promise((r) => setTimeout(r, 5));
    await sender().userSays('zhangsan', '三');
    const ids = bot.seen.map((s) => BigInt(text(parseXml(s.inner), 'MsgId')));
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]! > ids[1]!).toBe(true);
  });

  it('retries the same content after the timeout when the bot is slow, and stops on 200', async () => {
    bot.delays = [400, 0];
    const r = await sender().userSays('lisi', '排查 张三 入户 无风险 了解政策');
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    expect(bot.seen).toHaveLength(2);
    expect(bot.seen[1]?.body).toBe(bot.seen[0]?.body);
  });

  it('tries 3 times in all on non-200 answers, then gives up', async () => {
    bot.answer = () => ({ status: 500, body: 'oops' });
    const r = await sender().userSays('lisi', '你好');
    expect(r).toMatchObject({ ok: false, attempts: 3, status: 500 });
    expect(bot.seen).toHaveLength(3);
  });

  it('opens a passive reply and logs it as delivered to the user', async () => {
    bot.answer = (inner) => {
      const m = parseXml(inner);
      const reply = buildXml({ ToUserName: text(m, 'FromUserName'), FromUserName: CORP, CreateTime: 1652058000, MsgType: 'text', Content: '您好，请问要做什么？' });
      return { status: 200, body: sealReply(crypto, reply, '1652058000', 'nonce1') };
    };
    const r = await sender().userSays('wangwu', '你好');
    expect(r.reply).toMatchObject({ msgType: 'text', content: '您好，请问要做什么？' });
    expect(fake.state.deliveries('wangwu').map((d) => [d.via, d.text])).toEqual([['passive', '您好，请问要做什么？']]);
  });

  it('reports a passive reply it cannot open instead of delivering it', async () => {
    bot.answer = () => ({ status: 200, body: '<xml><Encrypt><![CDATA[bm90IGEgcmVhbCBjaXBoZXJ0ZXh0]]></Encrypt><MsgSignature>x</MsgSignature><TimeStamp>1</TimeStamp><Nonce>n</Nonce></xml>' });
    const r = await sender().userSays('zhaoliu', '你好');
    expect(r.ok).toBe(true);
    expect(r.reply).toBeNull();
    expect(r.replyError).toBeTruthy();
    expect(fake.state.deliveries('zhaoliu')).toEqual([]);
  });

  it('carries a fresh single-use ResponseCode on a card click', async () => {
    await sender().userClicks('wangwu', 'lead_9_verify', 'accept');
    const inner = parseXml(bot.seen[0]?.inner ?? '');
    expect([text(inner, 'Event'), text(inner, 'TaskId'), text(inner, 'EventKey')]).toEqual(['template_card_event', 'lead_9_verify', 'accept']);
    const code = text(inner, 'ResponseCode');
    const api = new HttpWeComApi({ apiBase: fake.apiBase, corpId: CORP, agentId: 1000002, secret: 'app-secret', now: clock.now });
    await api.updateTemplateCard({ userids: ['wangwu'], response_code: code, button: { replace_name: '已接单' } });
    await expect(api.updateTemplateCard({ userids: ['wangwu'], response_code: code, button: { replace_name: '已接单' } })).rejects.toThrow(/40035/);
  });

  it('queues a farmer message for kf/sync_msg and calls the bot with a Token and OpenKfId', async () => {
    const r = await sender().farmerSays('wmFarmer42', '我家孩子上学困难', { menuId: 'study' });
    expect(r.ok).toBe(true);
    const inner = parseXml(bot.seen[0]?.inner ?? '');
    expect(text(inner, 'Event')).toBe('kf_msg_or_event');
    expect(text(inner, 'OpenKfId')).toBe('wkShouwangKf');
    const api = new HttpWeComApi({ apiBase: fake.apiBase, corpId: CORP, agentId: 1000002, secret: 'app-secret', now: clock.now });
    const page = await api.kfSyncMsg({ open_kfid: 'wkShouwangKf', token: text(inner, 'Token') });
    expect(page.msg_list.at(-1)).toMatchObject({ external_userid: 'wmFarmer42', origin: 3, msgtype: 'text', text: { content: '我家孩子上学困难', menu_id: 'study' } });
  });
});
