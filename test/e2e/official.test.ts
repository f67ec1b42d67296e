/**
 * End to end: a town official asks through the real callback (signed, encrypted, over HTTP) and
 * the answer comes back through the outbox sender and the fake WeCom — the numbers of 高家堡镇,
 * and for “导出附件1” a file message whose media id the fake WeCom issued for the uploaded xlsx.
 * The stack is assembled as main.ts does, with the clock set to Thursday 2022-05-12 10:00
 * (running on from there) so the 2022 campaign's records are this campaign's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCommands } from '../../src/bot/commands/index.js';
import { MemoryStaffDirectory } from '../../src/bot/dispatch/ports.js';
import { createEdge, type Edge } from '../../src/bot/edge.js';
import { CallbackSender, FakeWeCom } from '../../src/bot/fake-wecom/index.js';
import { InboundKfSessionClock } from '../../src/bot/inbound/kf-session.js';
import { silentLogger } from '../../src/bot/log.js';
import { OutboxSender } from '../../src/bot/outbox/sender.js';
import { HttpWeComApi } from '../../src/bot/wecom/api.js';
import { WeComCrypto } from '../../src/bot/wecom/crypto.js';
import { flows } from '../../src/flows/registry.js';
import { describeEachDatabase } from '../helpers/db.js';
import { OFFICIAL } from '../helpers/edge-kit.js';
import { ACTORS, T0 } from '../flows/official/fixtures.js';
import { seedCity } from '../flows/official/seed.js';
import { until } from '../helpers/e2e.js';


describeEachDatabase('an official asks through WeCom', (db) => {
  const offset = T0 - Date.now();
  const clock = () => Date.now() + offset;
  let fake: FakeWeCom;
  let edge: Edge;
  let server: Server;
  let sender: OutboxSender;
  let callbacks: CallbackSender;

  beforeAll(async () => {
    await seedCity(db.ds());
    fake = new FakeWeCom({ corpId: OFFICIAL.corpId, agentId: 218, secret: 'app-secret', now: clock, openKfIds: [] });
    const api = new HttpWeComApi({ apiBase: await fake.start(), corpId: OFFICIAL.corpId, agentId: 218, secret: 'app-secret', now: clock });
    edge = createEdge({
      db: db.ds(),
      log: silentLogger(),
      wecom: { crypto: new WeComCrypto({ token: OFFICIAL.token, encodingAesKey: OFFICIAL.aesKey, receiveId: OFFICIAL.corpId }), corpId: OFFICIAL.corpId },
      api,
      flows,
      staff: new MemoryStaffDirectory([ACTORS.town.staff!]),
      commands: createCommands(),
      tz: 'Asia/Shanghai',
      maxClockSkewS: 300,
      callbackMaxBytes: 262_144,
      clock,
    });
    edge.start();
    server = createServer(edge.app.callback());
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    sender = new OutboxSender({ db: db.ds(), api, kfClock: new InboundKfSessionClock(db.ds()), now: clock, pollMs: 50 });
    sender.start();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`;
    callbacks = new CallbackSender(fake.state, { url, token: OFFICIAL.token, encodingAesKey: OFFICIAL.aesKey, timeoutMs: 4000 });
  });

  afterAll(async () => {
    await sender?.stop();
    await edge?.stop();
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
    await fake?.stop();
  });

  it('“高家堡镇进度” brings the town’s numbers', async () => {
    const r = await callbacks.userSays('zhaoliu', '高家堡镇进度');
    expect(r).toMatchObject({ ok: true, attempts: 1, status: 200 });
    const said = () => [r.reply?.content ?? '', ...fake.state.texts('zhaoliu')].join('\n');
    await until(() => said().includes('排查覆盖'));
    expect(said()).toMatch(/高家堡镇排查进度\*{0,2}（截至5月12日）\n排查覆盖：3\/5户（60\.0%），共9人\n其中脱贫户1户3人，监测对象1户2人\n/);
    expect(said()).toMatch(/凉水井村 3\/4户（75\.0%）/);
  });

  it('“导出附件1” brings the xlsx as a file message with a media id', async () => {
    await callbacks.userSays('zhaoliu', '导出附件1');
    await until(() => fake.state.deliveries('zhaoliu').some((d) => d.msgtype === 'file'));
    const file = fake.state.deliveries('zhaoliu').find((d) => d.msgtype === 'file')!;
    const mediaId = (file.content as { media_id: string }).media_id;
    expect(mediaId).toMatch(/^3/);
    expect(fake.state.media.get(mediaId)).toMatchObject({ type: 'file', fileName: '附件1_进度统计表_高家堡镇_2022-05-12.xlsx' });
    expect(fake.state.texts('zhaoliu').join('\n')).toMatch(/已生成附件1 进度统计表（高家堡镇，截至5月12日），请查收文件。/);
  });

  it('another town is refused without a number', async () => {
    const before = fake.state.texts('zhaoliu').length;
    const r = await callbacks.userSays('zhaoliu', '店塔镇进度');
    const said = () => [r.reply?.content ?? '', ...fake.state.texts('zhaoliu').slice(before)].join('\n');
    await until(() => said().includes('不在您的辖区'));
    expect(said()).toMatch(/^\n?店塔镇不在您的辖区（高家堡镇）内，无法查看。/);
    expect(said()).not.toMatch(/\d/);
  });
});
