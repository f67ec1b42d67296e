/**
 * The Thursday draft's xlsx files are built before the sweeper's transaction, not inside it (on
 * SQLite a transaction holds the whole process); the transaction only writes them.
 */
import { beforeAll, expect, it } from 'vitest';
import { Sweeper } from '../../../src/bot/inbound/sweeper.js';
import { silentLogger } from '../../../src/bot/log.js';
import { weeklyDraftBuilds, weeklyReportJobs } from '../../../src/bot/official/weekly-job.js';
import type { Reply } from '../../../src/flows/types.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { describeEachDatabase } from '../../helpers/db.js';
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
    const toZhaoliu = (await db.ds().getRepository(OutboxSchema).find({ where: { recipient: 'zhaoliu' }, order: { id: 'ASC' } })).map((r) => r.payload as Reply);
    expect(toZhaoliu.map((r) => r.type)).toEqual(['markdown', 'file', 'file']);
  });
});
