import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpWeComApi, MediaSizeError, type WeComApiOptions } from '../../../src/bot/wecom/api.js';
import { WeComApiError, WeComTransportError } from '../../../src/bot/wecom/api-types.js';
import { FakeWeCom } from '../../../src/bot/fake-wecom/index.js';
import { CAMPAIGN_MONDAY, frozenClock, type FrozenClock } from '../../helpers/clock.js';

const CORP = 'wwshouwang';
const AGENT = 1000002;

let fake: FakeWeCom;
let clock: FrozenClock;
let apiBase: string;
let sleeps: number[];

function client(over: Partial<WeComApiOptions> = {}): HttpWeComApi {
  return new HttpWeComApi({
    apiBase,
    corpId: CORP,
    agentId: AGENT,
    secret: 'app-secret',
    kfSecret: 'kf-secret',
    now: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...over,
  });
}

const text = (touser: string, content: string) => ({ touser, msgtype: 'text' as const, text: { content } });

beforeEach(async () => {
  clock = frozenClock(CAMPAIGN_MONDAY);
  sleeps = [];
  fake = new FakeWeCom({ corpId: CORP, agentId: AGENT, secret: 'app-secret', kfSecret: 'kf-secret', now: clock.now, tokenTtlMs: 7_200_000 });
  apiBase = await fake.start();
});

afterEach(async () => {
  await fake.stop();
});

describe('access_token', () => {
  it('is fetched once and reused across calls', async () => {
    const api = client();
    await api.sendMessage(text('zhangsan', '一'));
    await api.sendMessage(text('zhangsan', '二'));
    expect(fake.state.stats.gettoken).toBe(1);
    expect(fake.state.texts('zhangsan')).toEqual(['一', '二']);
  });

  it('is fetched once for 20 concurrent callers (single flight)', async () => {
    const api = client();
    await Promise.all(Array.from({ length: 20 }, (_, i) => api.sendMessage(text(`user${i}`, `第${i}条`))));
    expect(fake.state.stats.gettoken).toBe(1);
    expect(fake.state.callsTo('message/send')).toBe(20);
  });

  it('is fetched again after it expires, not before', async () => {
    const api = client();
    await api.sendMessage(text('zhangsan', '一'));
    clock.advance(7_200_000 - 301_000); // inside the 5-minute early-refresh margin? not yet
    await api.sendMessage(text('zhangsan', '二'));
    expect(fake.state.stats.gettoken).toBe(1);
    clock.advance(2_000); // now within 5 minutes of expiry: refresh early
    await api.sendMessage(text('zhangsan', '三'));
    expect(fake.state.stats.gettoken).toBe(2);
  });

  it.each([
    ['42001 (expired early by WeCom)', (f: FakeWeCom) => f.state.expireAllTokens()],
    ['40014 (invalid)', (f: FakeWeCom) => f.state.revokeAllTokens()],
  ])('is re-fetched and the call retried once on %s', async (_name, spoil) => {
    const api = client();
    await api.sendMessage(text('zhangsan', '一'));
    spoil(fake);
    await api.sendMessage(text('zhangsan', '二'));
    expect(fake.state.stats.gettoken).toBe(2);
    expect(fake.state.texts('zhangsan')).toEqual(['一', '二']);
  });

  it.each([
    ['42001 twice in a row', 42001, 2],
    ['40014 three times', 40014, 3],
    ['42009 once', 42009, 1],
  ])('survives %s: a fresh token each time, then the call goes through', async (_name, errcode, times) => {
    const api = client();
    await api.sendMessage(text('zhangsan', '一'));
    fake.state.failNext('message/send', errcode, times);
    await api.sendMessage(text('zhangsan', '二'));
    expect(fake.state.stats.gettoken).toBe(1 + times);
    expect(fake.state.texts('zhangsan')).toEqual(['一', '二']);
  });

  it('gives the token error back after three refused fresh tokens (the outbox retries later)', async () => {
    const api = client();
    fake.state.failNext('message/send', 42001, 4);
    const e = await api.sendMessage(text('zhangsan', '一')).catch((x: unknown) => x);
    expect((e as WeComApiError).errcode).toBe(42001);
    expect(fake.state.callsTo('message/send')).toBe(4);
  });

  it('waits for a slow answer within its timeout', async () => {
    const api = client({ timeoutMs: 2_000 });
    fake.state.failNext('message/send', { slowMs: 300 });
    const started = Date.now();
    await api.sendMessage(text('zhangsan', '慢'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(fake.state.texts('zhangsan')).toEqual(['慢']);
  });

  it('keeps one token per secret (app vs 微信客服)', async () => {
    const api = client();
    await api.sendMessage(text('zhangsan', '一'));
    await api.kfSyncMsg({ open_kfid: 'wkShouwangKf' });
    await api.kfSyncMsg({ open_kfid: 'wkShouwangKf' });
    expect(fake.state.stats.gettoken).toBe(2);
  });

  it('answers a wrong secret with WeComApiError 40001', async () => {
    const api = client({ secret: 'wrong' });
    const e = await api.sendMessage(text('zhangsan', '一')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WeComApiError);
    expect((e as WeComApiError).errcode).toBe(40001);
    expect((e as WeComApiError).api).toBe('gettoken');
  });
});

describe('busy and rate limits', () => {
  it.each([
    [-1, 200],
    [45009, 1000],
    [45033, 1000],
  ])('backs off on %i and succeeds on the third try', async (errcode, first) => {
    const api = client();
    fake.state.failNext('message/send', errcode, 2);
    const r = await api.sendMessage(text('zhangsan', '你好'));
    expect(r.msgid).toBeTruthy();
    // Doubling pauses, each jittered by ±25 %.
    expect(sleeps).toHaveLength(2);
    sleeps.forEach((ms, i) => expect(Math.abs(ms - first * 2 ** i)).toBeLessThanOrEqual(first * 2 ** i * 0.25));
    expect(fake.state.texts('zhangsan')).toEqual(['你好']);
  });

  it('gives up after 3 tries with the errcode', async () => {
    const api = client();
    fake.state.failNext('message/send', -1, 3);
    const e = await api.sendMessage(text('zhangsan', '你好')).catch((x: unknown) => x);
    expect((e as WeComApiError).errcode).toBe(-1);
    expect(fake.state.callsTo('message/send')).toBe(3);
    expect(fake.state.texts('zhangsan')).toEqual([]);
  });

  it('does not retry other errcodes', async () => {
    const api = client();
    const e = await api.sendMessage(text('zhangsan', '字'.repeat(683))).catch((x: unknown) => x);
    expect((e as WeComApiError).errcode).toBe(45002);
    expect(fake.state.callsTo('message/send')).toBe(1);
  });

  it('reports a lost answer as a transport error, without retrying', async () => {
    const api = client();
    fake.state.failNext('message/send', 'lost');
    const e = await api.sendMessage(text('zhangsan', '你好')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WeComTransportError);
    expect(fake.state.callsTo('message/send')).toBe(1);
    expect(fake.state.texts('zhangsan')).toEqual(['你好']); // it did arrive: the sender must treat it as uncertain
  });
});

describe('media', () => {
  it('uploads a file (multipart field media) and sends it by media_id', async () => {
    const api = client();
    const { media_id } = await api.uploadMedia('file', '高家堡镇进度统计表.xlsx', Buffer.from('PK\u0003\u0004 fake xlsx'));
    await api.sendMessage({ touser: 'lisi', msgtype: 'file', file: { media_id } });
    expect(fake.state.texts('lisi')).toEqual(['[文件] 高家堡镇进度统计表.xlsx']);
  });

  it.each([
    ['image', 2 * 1024 * 1024 + 1],
    ['file', 20 * 1024 * 1024 + 1],
    ['file', 5],
  ] as const)('refuses a %s of %i bytes before uploading', async (type, size) => {
    const api = client();
    await expect(api.uploadMedia(type, 'x.bin', Buffer.alloc(size))).rejects.toBeInstanceOf(MediaSizeError);
    expect(fake.state.callsTo('media/upload')).toBe(0);
  });

  it('finds a media id dead after 3 days (40007)', async () => {
    const api = client();
    const { media_id } = await api.uploadMedia('image', 'chart.png', Buffer.from('\u0089PNG fake image'));
    clock.advance(3 * 86_400_000);
    const e = await api.sendMessage({ touser: 'lisi', msgtype: 'image', image: { media_id } }).catch((x: unknown) => x);
    expect((e as WeComApiError).errcode).toBe(40007);
  });
});

describe('template cards', () => {
  it('updates a card once with its response_code, then refuses it', async () => {
    const api = client();
    const card = { card_type: 'button_interaction', main_title: { title: '研判会议程' }, task_id: 'task_001', button_list: [{ text: '确认', style: 1, key: 'ok' }] };
    const r = await api.sendMessage({ touser: 'wangwu', msgtype: 'template_card', template_card: card });
    expect(r.response_code).toBeTruthy();
    await api.updateTemplateCard({ userids: ['wangwu'], response_code: String(r.response_code), button: { replace_name: '已确认' } });
    const again = await api.updateTemplateCard({ userids: ['wangwu'], response_code: String(r.response_code), button: { replace_name: '已确认' } }).catch((x: unknown) => x);
    expect(again).toBeInstanceOf(WeComApiError);
    expect(fake.state.texts('wangwu')).toEqual(['研判会议程\n[确认]', '已确认']);
  });

  it('refuses a card with 7 buttons or a reused task_id', async () => {
    const api = client();
    const buttons = Array.from({ length: 7 }, (_, i) => ({ text: `${i}`, key: `k${i}` }));
    const seven = await api.sendMessage({ touser: 'wangwu', msgtype: 'template_card', template_card: { card_type: 'button_interaction', main_title: { title: 't' }, task_id: 't7', button_list: buttons } }).catch((x: unknown) => x);
    expect((seven as WeComApiError).errcode).toBe(40035);
    const card = { card_type: 'button_interaction', main_title: { title: 't' }, task_id: 'same', button_list: [{ text: '好', key: 'k' }] };
    await api.sendMessage({ touser: 'wangwu', msgtype: 'template_card', template_card: card });
    const dup = await api.sendMessage({ touser: 'wangwu', msgtype: 'template_card', template_card: card }).catch((x: unknown) => x);
    expect((dup as WeComApiError).errcode).toBe(40035);
  });
});
