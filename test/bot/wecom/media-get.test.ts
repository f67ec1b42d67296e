/**
 * media/get: the client fetches the bytes of a media id from the fake WeCom (which answers like
 * WeCom: the file with Content-Type and Content-disposition, or a JSON errcode), with the token
 * and retry rules of every other call.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeWeCom } from '../../../src/bot/fake-wecom/index.js';
import { dispositionFileName, HttpWeComApi, MediaSizeError } from '../../../src/bot/wecom/api.js';
import { WeComApiError, WeComTransportError } from '../../../src/bot/wecom/api-types.js';
import { CAMPAIGN_MONDAY, frozenClock, type FrozenClock } from '../../helpers/clock.js';

let fake: FakeWeCom;
let clock: FrozenClock;
let api: HttpWeComApi;
let sleeps: number[];

beforeEach(async () => {
  clock = frozenClock(CAMPAIGN_MONDAY);
  sleeps = [];
  fake = new FakeWeCom({ corpId: 'wwshouwang', agentId: 1000002, secret: 'app-secret', now: clock.now });
  const apiBase = await fake.start();
  api = new HttpWeComApi({ apiBase, corpId: 'wwshouwang', agentId: 1000002, secret: 'app-secret', now: clock.now, sleep: async (ms) => void sleeps.push(ms) });
});

afterEach(async () => {
  await fake.stop();
});

const XLSX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('预警名单 fake xlsx bytes')]);

describe('media/get', () => {
  it('returns the bytes of an uploaded file, with its name and type', async () => {
    const { media_id } = await api.uploadMedia('file', '5月医保预警.xlsx', XLSX);
    const got = await api.getMedia(media_id);
    expect(got.content.equals(XLSX)).toBe(true);
    expect(got.fileName).toBe('5月医保预警.xlsx');
    expect(got.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('refuses a file larger than the cap by its declared size, before reading it', async () => {
    const mediaId = fake.state.storeMedia('file', '大表.xlsx', Buffer.alloc(4096, 1));
    const small = new HttpWeComApi({ apiBase: await fake.start(), corpId: 'wwshouwang', agentId: 1000002, secret: 'app-secret', now: clock.now, maxDownloadBytes: 1024 });
    const e = await small.getMedia(mediaId).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MediaSizeError);
    expect((e as Error).message).toContain('超过可读取的上限');
  });

  it('stops reading a file without a size once it passes the cap', async () => {
    let pulled = 0;
    // An endless body with no Content-Length: only counting the bytes read can stop it.
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += 1;
        c.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const fetchFn = (async (url: string | URL) =>
      String(url).includes('gettoken')
        ? new Response(JSON.stringify({ errcode: 0, access_token: 't', expires_in: 7200 }), { headers: { 'content-type': 'application/json' } })
        : new Response(endless, { headers: { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="x.xlsx"' } })) as typeof fetch;
    const capped = new HttpWeComApi({ apiBase: 'http://wecom.invalid', corpId: 'c', agentId: 1, secret: 's', fetch: fetchFn, maxDownloadBytes: 1024 * 1024 });
    await expect(capped.getMedia('m')).rejects.toBeInstanceOf(MediaSizeError);
    expect(pulled).toBeLessThan(40);
  });

  it('returns a file a user sent (kept by WeCom under a media id)', async () => {
    const mediaId = fake.state.storeMedia('file', '名单.csv', Buffer.from('部门,姓名\r\n医保,张三\r\n'));
    const got = await api.getMedia(mediaId);
    expect(got.content.toString('utf8')).toBe('部门,姓名\r\n医保,张三\r\n');
    expect(got.fileName).toBe('名单.csv');
  });

  it('answers 40007 for an unknown id and for one older than 3 days', async () => {
    await expect(api.getMedia('nope')).rejects.toMatchObject({ errcode: 40007 });
    const mediaId = fake.state.storeMedia('file', 'a.csv', Buffer.from('123456'));
    clock.advance(3 * 86_400_000);
    const e = await api.getMedia(mediaId).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WeComApiError);
    expect((e as WeComApiError).errmsg).toBe('media_id expired');
  });

  it('re-fetches an expired token once; retries busy; a lost answer is a transport error', async () => {
    const mediaId = fake.state.storeMedia('file', 'a.csv', Buffer.from('123456'));
    await api.getMedia(mediaId);
    fake.state.expireAllTokens();
    await api.getMedia(mediaId);
    expect(fake.state.stats.gettoken).toBe(2);
    fake.state.failNext('media/get', -1);
    expect((await api.getMedia(mediaId)).content.toString()).toBe('123456');
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(150);
    expect(sleeps[0]).toBeLessThanOrEqual(250);
    fake.state.failNext('media/get', 'lost');
    await expect(api.getMedia(mediaId)).rejects.toBeInstanceOf(WeComTransportError);
    expect(fake.state.callsTo('media/get')).toBe(5);
  });
});

describe('Content-disposition file names', () => {
  it.each([
    ['attachment; filename="MEDIA_ID.jpg"', 'MEDIA_ID.jpg'],
    [`attachment; filename="m.xlsx"; filename*=UTF-8''${encodeURIComponent('5月预警.xlsx')}`, '5月预警.xlsx'],
    ['attachment; filename=plain.csv', 'plain.csv'],
    ["attachment; filename*=UTF-8''%E0%A4%A; filename=\"fallback.csv\"", 'fallback.csv'],
    ['attachment', null],
    [null, null],
  ])('%s → %s', (header, name) => expect(dispositionFileName(header)).toBe(name));
});
