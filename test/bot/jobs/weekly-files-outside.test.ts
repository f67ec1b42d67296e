/**
 * The Thursday draft's xlsx files are built before the sweeper's transaction, not inside it (on
 * SQLite a transaction holds the whole process); the transaction only writes them — as bytes in
 * `outbox_media`, the outbox rows holding a reference — and the sender delivers them.
 */
import { beforeAll, expect, it } from 'vitest';
import { FakeWeCom } from '../../../src/bot/fake-wecom/index.js';
import { OutboxSender } from '../../../src/bot/outbox/sender.js';
import { HttpWeComApi } from '../../../src/bot/wecom/api.js';
import { readXlsx } from '../../helpers/xlsx.js';
import { Sweeper } from '../../../src/bot/inbound/sweeper.js';
import { silentLogger } from '../../../src/bot/log.js';
import { weeklyDraftBuilds, weeklyReportJobs } from '../../../src/bot/official/weekly-job.js';
import type { Reply } from '../../../src/flows/types.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { seedCity } from '../../flows/official/seed.js';

const may = (day: number, hh: number, mm: number) => Date.UTC(2022, 4, day, hh - 8, mm);

describeEachDatabase('the Thursday files and the sweeper transaction', (db) => {
  let now = may(12, 20, 0);
  let sweepers: Sweeper[] = [];
  beforeAll(async () => {
    await seedCity(db.ds());
    sweepers = ['a', 'b'].map((id) => new Sweeper({ db: db.ds(), processor: { kick: () => undefined }, instanceId: `files-${id}`, log: silentLogger(), clock: () => now, jobs: weeklyReportJobs() }));
  });

  it('builds every town’s files outside the transaction, and each official gets them once', async () => {
    await Promise.all(sweepers.map((s) => s.sweepOnce()));
    weeklyDraftBuilds.inside = 0;
    weeklyDraftBuilds.outside = 0;
    now = may(12, 21, 10);
    await Promise.all(sweepers.map((s) => s.sweepOnce()));
    expect(weeklyDraftBuilds.inside).toBe(0);
    expect(weeklyDraftBuilds.outside).toBeGreaterThan(0);
    const toZhaoliu = (await orm(db.ds()).getRepository(OutboxSchema).find({ where: { recipient: 'zhaoliu' }, order: { id: 'ASC' } })).map((r) => r.payload as Reply);
    expect(toZhaoliu.map((r) => r.type)).toEqual(['markdown', 'file', 'file']);
  });

  it('keeps the files out of the outbox rows, and they still arrive as xlsx', async () => {
    const raw = ((await orm(db.ds()).query('SELECT payload FROM outbox WHERE recipient = ? ORDER BY id', ['zhaoliu'])) as Array<{ payload: string }>).map((r) => String(r.payload));
    expect(raw).toHaveLength(3);
    for (const p of raw) expect(p).not.toMatch(/contentBase64|[A-Za-z0-9+/]{200}/);
    const fake = new FakeWeCom({ corpId: 'wwshouwang', agentId: 1000002, secret: 's', kfSecret: 'k', now: () => now, openKfIds: [] });
    try {
      const api = new HttpWeComApi({ apiBase: await fake.start(), corpId: 'wwshouwang', agentId: 1000002, secret: 's', kfSecret: 'k', now: () => now, sleep: async () => {} });
      const sender = new OutboxSender({ db: db.ds(), api, kfClock: { lastFarmerMessageAt: async () => null }, now: () => now });
      for (let i = 0; i < 100 && (await sender.tick()).claimed > 0; i++);
      const files = fake.state.texts('zhaoliu').filter((t) => t.startsWith('[文件]'));
      expect(files).toHaveLength(2);
      const sent = [...fake.state.media.values()].filter((m) => m.fileName.includes('附件1'));
      expect(sent.length).toBeGreaterThan(0);
      expect((await readXlsx(sent[0]!.content)).sheet('进度统计表')).toBeTruthy();
    } finally {
      await fake.stop();
    }
  });
});
