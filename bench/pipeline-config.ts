/**
 * The per-message configuration reads of the pipeline, alone: what one message pays for the
 * campaign settings, the region tree and its calendar days, without the HTTP and flow work around
 * them (bench/pipeline.ts measures the whole). Same database and seed as pipeline.ts (MariaDB,
 * the demo city); medians of `--rounds` rounds.
 *
 *   npx tsx bench/pipeline-config.ts --rounds 5 --tx 300   # as measured in bench/README.md
 */
import { dayOf } from '../src/domain/calendar.js';
import { getCampaign } from '../src/persistence/campaigns.js';
import { autocommit, transaction } from '../src/persistence/db.js';
import { em } from '../src/persistence/orm.js';
import { loadRegionTree } from '../src/persistence/regions.js';
import { arg, withDemoCity } from './pipeline-db.js';

const ROUNDS = arg('rounds', 5);
const TX = arg('tx', 500);
const DAYS = arg('days', 200_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await withDemoCity('shouwang_bench_cfg', async (ds) => {
  const year = Number(((await em(autocommit(ds)).query('SELECT year FROM campaigns ORDER BY year DESC LIMIT 1')) as Array<{ year: number }>)[0]?.year);
  const perTx: number[] = [];
  const perDay: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = performance.now();
    for (let i = 0; i < TX; i++) {
      await transaction(ds, async (tx) => {
        await getCampaign(tx, year);
        await loadRegionTree(tx);
      });
    }
    perTx.push((performance.now() - t0) / TX);
    t0 = performance.now();
    let sink = 0;
    for (let i = 0; i < DAYS; i++) sink += dayOf(1_650_000_000_000 + i * 61_000).length;
    perDay.push(((performance.now() - t0) * 1000) / DAYS);
    if (sink === 0) throw new Error('unreachable');
  }
  console.log(`config ${JSON.stringify({ txMs: perTx.map((x) => +x.toFixed(3)), dayUs: perDay.map((x) => +x.toFixed(3)) })}`);
  console.log(`median: campaign + region tree ${median(perTx).toFixed(2)} ms per transaction; dayOf ${median(perDay).toFixed(2)} µs per call`);
});
