import { expect, it } from 'vitest';
import { transaction } from '../../src/persistence/db.js';
import { claimDueJob, getJob, noteJobResult } from '../../src/persistence/scheduled-jobs.js';
import { describeEachDatabase } from '../helpers/db.js';

const H = 3_600_000;
const WEEK = 7 * 24 * H;

describeEachDatabase('scheduled jobs', (db) => {
  const claim = (name: string, now: number, me = 'a') => transaction(db.ds(), (tx) => claimDueJob(tx, { name, now, me, first: 10 * H, next: (d) => d + WEEK }));

  it('is created on first sight, runs once when due, then waits for its next week', async () => {
    expect(await claim('j1', 1 * H)).toBeNull();
    expect(await claim('j1', 9 * H)).toBeNull();
    expect(await claim('j1', 10 * H, 'a')).toBe(10 * H);
    expect(await claim('j1', 10 * H + 1, 'b')).toBeNull();
    expect(await transaction(db.ds(), (tx) => getJob(tx, 'j1'))).toMatchObject({ dueAt: 10 * H + WEEK, lastRunAt: 10 * H, lastRunBy: 'a' });
  });

  it('after a long stop it runs once and moves past the missed weeks', async () => {
    await claim('j2', 0);
    expect(await claim('j2', 10 * H + 3 * WEEK + 5)).toBe(10 * H);
    expect((await transaction(db.ds(), (tx) => getJob(tx, 'j2')))?.dueAt).toBe(10 * H + 4 * WEEK);
  });

  it('a rolled-back run gives the claim back; two claimers at once get it once', async () => {
    await claim('j3', 0);
    await expect(
      transaction(db.ds(), async (tx) => {
        await claimDueJob(tx, { name: 'j3', now: 11 * H, me: 'a', first: 10 * H, next: (d) => d + WEEK });
        throw new Error('send failed');
      }),
    ).rejects.toThrow('send failed');
    const results = await Promise.all([claim('j3', 11 * H, 'a'), claim('j3', 11 * H, 'b')]);
    expect(results.filter((r) => r !== null)).toEqual([10 * H]);
    await transaction(db.ds(), (tx) => noteJobResult(tx, 'j3', { towns: 2 }, 11 * H));
    expect((await transaction(db.ds(), (tx) => getJob(tx, 'j3')))?.lastResult).toEqual({ towns: 2 });
  });
});
