import { expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { T0 } from '../../helpers/edge-kit.js';
import { Sweeper } from '../../../src/bot/inbound/sweeper.js';
import { silentLogger } from '../../../src/bot/log.js';
import type { SystemJob } from '../../../src/bot/jobs/index.js';
import { transaction } from '../../../src/persistence/db.js';
import { findTimer, scheduleTimer } from '../../../src/persistence/timer.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';

/** A job that runs every minute and counts its runs. */
function everyMinute(runs: number[]): SystemJob {
  const spec = { channel: 'app' as const, sender: 'system:test-job', name: 'tick' };
  return {
    name: 'tick',
    schedule: async (tx, now) => {
      if (!(await findTimer(tx, spec.channel, spec.sender, spec.name))) await scheduleTimer(tx, { ...spec, dueAt: now + 60_000 }, now);
    },
    onTimer: async (tx, t, now) => {
      if (t.sender !== spec.sender) return false;
      runs.push(now);
      await scheduleTimer(tx, { ...spec, dueAt: now + 60_000 }, now);
      return true;
    },
  };
}

describeEachDatabase('system jobs in the sweeper', (db) => {
  it('schedules each job once at start, runs it exactly once per due time across two sweepers, and leaves other timers to the conversations', async () => {
    const runs: number[] = [];
    let now = T0;
    const make = (id: string) => new Sweeper({ db: db.ds(), processor: { kick: () => undefined }, instanceId: id, log: silentLogger(), clock: () => now, jobs: [everyMinute(runs)] });
    const a = make('job-a');
    const b = make('job-b');
    await Promise.all([a.sweepOnce(), b.sweepOnce()]);
    expect(runs).toEqual([]);
    await transaction(db.ds(), (tx) => scheduleTimer(tx, { channel: 'app', sender: 'someone', name: 'expiry', dueAt: T0 + 30_000 }, T0));
    now = T0 + 61_000;
    await Promise.all([a.sweepOnce(), b.sweepOnce()]);
    expect(runs).toEqual([T0 + 61_000]);
    now = T0 + 122_000;
    await Promise.all([a.sweepOnce(), b.sweepOnce()]);
    expect(runs).toEqual([T0 + 61_000, T0 + 122_000]);
    const inbound = await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).find({ where: { kind: 'timeout' } }));
    expect(inbound.map((r) => r.sender)).toEqual(['someone']);
  });
});
