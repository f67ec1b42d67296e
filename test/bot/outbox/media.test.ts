/**
 * Files and images are stored as bytes in `outbox_media`, not base64 in the outbox row; the
 * sender reads them back when it sends, and WeCom (the fake's media/upload) gets the same bytes.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeWeCom } from '../../../src/bot/fake-wecom/index.js';
import { OutboxSender } from '../../../src/bot/outbox/sender.js';
import { HttpWeComApi } from '../../../src/bot/wecom/api.js';
import { enqueueOutbound } from '../../../src/persistence/outbox.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { CAMPAIGN_MONDAY, frozenClock } from '../../helpers/clock.js';

const CORP = 'wwshouwang';

describeEachDatabase('files in the outbox', (db) => {
  const clock = frozenClock(CAMPAIGN_MONDAY);
  let fake: FakeWeCom;
  let api: HttpWeComApi;
  beforeAll(async () => {
    fake = new FakeWeCom({ corpId: CORP, agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret', now: clock.now, openKfIds: [] });
    api = new HttpWeComApi({ apiBase: await fake.start(), corpId: CORP, agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret', now: clock.now, sleep: async () => {} });
  });
  afterAll(async () => {
    await fake.stop();
  });

  const rawPayloads = async (recipients: string[]): Promise<string[]> =>
    ((await orm(db.ds()).query(`SELECT payload FROM outbox WHERE recipient IN (${recipients.map(() => '?').join(', ')}) ORDER BY id`, recipients)) as Array<{ payload: string }>).map((r) => String(r.payload));
  const mediaRows = async (): Promise<number> => Number(((await orm(db.ds()).query('SELECT COUNT(*) AS n FROM outbox_media')) as Array<{ n: number | string }>)[0]?.n);
  async function drain(): Promise<void> {
    const s = new OutboxSender({ db: db.ds(), api, kfClock: { lastFarmerMessageAt: async () => null }, now: clock.now });
    for (let i = 0; i < 50 && (await s.tick()).claimed > 0; i++);
  }

  it('keeps the bytes out of the row, stores a file sent to two people once, and delivers the same bytes', async () => {
    const [a, b] = [`town_a_${clock.now()}`, `town_b_${clock.now()}`];
    const xlsx = randomBytes(40_000);
    const png = randomBytes(3_000);
    const before = await mediaRows();
    const file = { type: 'file', fileName: '附件1_进度统计表.xlsx', contentBase64: xlsx.toString('base64') };
    await enqueueOutbound(db.ds().manager, [
      { channel: 'app', recipient: a, payload: file },
      { channel: 'app', recipient: b, payload: file },
      { channel: 'app', recipient: a, payload: { type: 'image', fileName: '覆盖率.png', contentBase64: png.toString('base64') } },
    ], clock.now());

    const raw = await rawPayloads([a, b]);
    expect(raw).toHaveLength(3);
    for (const p of raw) {
      expect(p).not.toContain('contentBase64');
      expect(p.length).toBeLessThan(200); // a reference, not 53 KB of base64
      expect(JSON.parse(p)).toMatchObject({ mediaRef: expect.any(Number), bytes: expect.any(Number) });
    }
    expect(await mediaRows()).toBe(before + 2);

    await drain();
    expect(fake.state.texts(a)).toEqual(['[文件] 附件1_进度统计表.xlsx', '[图片] 覆盖率.png']);
    expect(fake.state.texts(b)).toEqual(['[文件] 附件1_进度统计表.xlsx']);
    const uploaded = [...fake.state.media.values()];
    expect(uploaded.filter((m) => m.fileName === '附件1_进度统计表.xlsx' && m.content.equals(xlsx))).toHaveLength(2);
    expect(uploaded.some((m) => m.fileName === '覆盖率.png' && m.type === 'image' && m.content.equals(png))).toBe(true);
  });

  it('fails a row whose stored bytes are missing, saying so, instead of retrying it forever', async () => {
    const u = `town_c_${clock.now()}`;
    await enqueueOutbound(db.ds().manager, [{ channel: 'app', recipient: u, payload: { type: 'file', fileName: '附件6.xlsx', mediaRef: 987_654_321, bytes: 10 } }], clock.now());
    await drain();
    const rows = (await orm(db.ds()).query('SELECT status, last_error FROM outbox WHERE recipient = ?', [u])) as Array<{ status: string; last_error: string }>;
    expect(rows).toEqual([{ status: 'failed', last_error: expect.stringContaining('要发送的文件内容不存在') }]);
    expect(fake.state.texts(u)).toEqual([]);
  });
});
