/**
 * The city benchmark: a 1,000,000-household city (bench/city-data.ts) in the product's schema,
 * the product's 附件1 of the whole city against an independent hand-written SQL (bench/city-sql.ts)
 * in the same run, checked equal row by row (village, town 小计, city 合计), and the answer times
 * of one village and one town.
 *
 *   npx tsx bench/scale-city.ts --households 1000000 --mysql-db benchcity_city1m [--runs 3]
 *   npx tsx bench/scale-city.ts --households 20000 --sqlite bench/out/city20k.sqlite
 *
 * Options: --mysql-db NAME (any database name; default benchcity_city1m), --regenerate (drop and
 * write the city again; only databases named benchcity_…),
 * --generate-only, --heap MB (caps the V8 heap of the measured product process),
 * --towns/--villages/--grids (shape; default 20 × 15 × 4), --report-day (default 2022-05-27).
 *
 * The database is generated once and then reused (its household count must match). Every measured
 * phase runs in its own child process, so its peak RSS (VmHWM) is its own:
 *   hand     — the hand SQL of the whole city (the baseline);
 *   product  — `placeReport` of the city (the product's 附件1, the one call every answer uses);
 *   answers  — one village's and one town's answer: `placeReport` + `progressViewOf`, five places of
 *              each, every place answered once to warm up, then three timed rounds.
 * Exit code 1 when any cell differs. Results go to bench/out/scale-city-*.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { placeReport } from '../src/bot/official/sources.js';
import { progressViewOf } from '../src/bot/official/views.js';
import type { ProgressReport } from '../src/domain/progress.js';
import { openDatabase } from '../src/persistence/data-source.js';
import { transaction } from '../src/persistence/db.js';
import { loadRegionTree } from '../src/persistence/regions.js';
import { CAMPAIGN, CITY_CODE, peopleOf, REPORT_DAY, townCode, villageCode, WINDOW, writeCity, type CityShape } from './city-data.js';
import { compareProgress, handProgress } from './city-sql.js';
import { dataSourceOf } from '../src/persistence/orm.js';
import { commandLine, peakRssMb } from './common.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'out');
const args = commandLine();
const MYSQL_ADMIN = new URL(process.env.SHOUWANG_TEST_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306/test');
const shape: CityShape = {
  towns: Number(args.get('towns') ?? 20),
  villagesPerTown: Number(args.get('villages') ?? 15),
  gridsPerVillage: Number(args.get('grids') ?? 4),
  households: Number(args.get('households') ?? 1_000_000),
};
const runs = Number(args.get('runs') ?? 3);
const reportDay = args.get('report-day') ?? REPORT_DAY;

interface Measure {
  phase: string;
  seconds: number;
  peakRssMb: number;
  /** Per-answer times of the answers phase, ms. */
  village?: number[];
  town?: number[];
  detail?: string;
}


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const mysqlConn = () => mysql.createConnection({ host: MYSQL_ADMIN.hostname, port: Number(MYSQL_ADMIN.port || 3306), user: decodeURIComponent(MYSQL_ADMIN.username), password: decodeURIComponent(MYSQL_ADMIN.password) });

function targetUrl(): string {
  if (args.has('sqlite')) return `sqlite:${args.get('sqlite')}`;
  const name = args.get('mysql-db') ?? 'benchcity_city1m';
  if (!/^\w+$/.test(name)) throw new Error('--mysql-db: letters, digits and _ only');
  if (args.has('regenerate') && !/^benchcity_\w+$/.test(name)) throw new Error('--regenerate drops the database: only for names starting with benchcity_');
  return `mysql://${MYSQL_ADMIN.username}:${MYSQL_ADMIN.password}@${MYSQL_ADMIN.hostname}:${MYSQL_ADMIN.port || 3306}/${name}`;
}

/** Creates the database (MariaDB) or removes the file (SQLite) when asked to start over. */
async function prepare(url: string, fresh: boolean): Promise<void> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (fresh) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    mkdirSync(dirname(file), { recursive: true });
    return;
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const c = await mysqlConn();
  if (fresh) await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await c.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
}

async function generate(url: string): Promise<{ seconds: number; rows: Record<string, number> } | null> {
  await prepare(url, args.has('regenerate'));
  const db = await openDatabase(url);
  try {
    const [row] = (await dataSourceOf(db).query('SELECT COUNT(*) AS n FROM households')) as Array<{ n: unknown }>;
    const stored = Number(row?.n ?? 0);
    if (stored === shape.households) return null;
    if (stored !== 0) throw new Error(`the database holds ${stored} households, not ${shape.households}: use --regenerate or another database`);
    console.log(`generating ${shape.households} households, ${peopleOf(shape)} people, ${shape.towns} towns × ${shape.villagesPerTown} villages …`);
    let last = 0;
    const stats = await writeCity(db, shape, {
      progress: (done, total) => {
        if (performance.now() - last > 15_000 || done === total) {
          last = performance.now();
          console.log(`  ${done}/${total} villages`);
        }
      },
    });
    console.log(`generated in ${stats.seconds.toFixed(1)} s: ${Object.entries(stats.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    return stats;
  } finally {
    await db.destroy();
  }
}

/** One measured phase, in this (child) process. */
async function phase(name: string, url: string): Promise<Measure> {
  const db = await openDatabase(url, { migrate: false });
  try {
    if (name === 'hand') {
      const window = await transaction(db, async (tx) => (await placeReport(tx, await loadRegionTree(tx), villageCode(0, 0), reportDay)).window);
      const t0 = performance.now();
      const report = await handProgress(db, { campaign: String(CAMPAIGN.year), from: window.from, to: window.to });
      const seconds = (performance.now() - t0) / 1000;
      writeFileSync(join(OUT, 'scale-city-hand.json'), JSON.stringify(report));
      return { phase: name, seconds, peakRssMb: peakRssMb() };
    }
    if (name === 'product') {
      const t0 = performance.now();
      const pr = await transaction(db, async (tx) => placeReport(tx, await loadRegionTree(tx), CITY_CODE, reportDay));
      const seconds = (performance.now() - t0) / 1000;
      writeFileSync(join(OUT, 'scale-city-product.json'), JSON.stringify(pr.report));
      return { phase: name, seconds, peakRssMb: peakRssMb(), detail: `window ${pr.window.from} … ${pr.window.to}, ${pr.roster.get(pr.place.code)?.households ?? 0} households` };
    }
    // answers: a warm-up, then several villages and towns, each one server answer.
    const answer = async (code: string) => {
      const t0 = performance.now();
      await transaction(db, async (tx) => {
        const tree = await loadRegionTree(tx);
        progressViewOf(await placeReport(tx, tree, code, reportDay), tree);
      });
      return performance.now() - t0;
    };
    const villages = [[1, 2], [5, 7], [9, 14], [13, 3], [19, 11]].map(([t, v]) => villageCode((t as number) % shape.towns, (v as number) % shape.villagesPerTown));
    const towns = [1, 7, 12, 17, 19].map((t) => townCode(t % shape.towns));
    // A running server has answered before: each place once to warm up (code, caches, the
    // database's pages), then three rounds over the places, every answer timed.
    for (const code of [...villages, ...towns]) await answer(code);
    const t0 = performance.now();
    const village: number[] = [];
    const town: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const v of villages) village.push(await answer(v));
      for (const t of towns) town.push(await answer(t));
    }
    return { phase: name, seconds: (performance.now() - t0) / 1000, peakRssMb: peakRssMb(), village, town };
  } finally {
    await db.destroy();
  }
}

function child(name: string, url: string): Measure | { phase: string; failed: string } {
  const heap = name === 'product' && args.has('heap') ? [`--max-old-space-size=${args.get('heap')}`] : [];
  const passOn = ['households', 'towns', 'villages', 'grids', 'report-day'].flatMap((k) => (args.has(k) ? [`--${k}`, args.get(k) as string] : []));
  const r = spawnSync(process.execPath, [...heap, '--import', 'tsx', fileURLToPath(import.meta.url), '--phase', name, '--url', url, ...passOn], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return { phase: name, failed: (r.stderr || `exit ${String(r.status)} ${String(r.signal)}`).trim().split('\n').slice(-5).join(' | ') };
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Measure;
}

async function main(): Promise<void> {
  if (args.has('phase')) {
    console.log(JSON.stringify(await phase(args.get('phase') as string, args.get('url') as string)));
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const url = targetUrl();
  const generated = await generate(url);
  if (args.has('generate-only')) return;

  const all: Record<string, Array<Measure | { phase: string; failed: string }>> = { hand: [], product: [], answers: [] };
  let mismatches: string[] | null = null;
  for (let run = 0; run < runs; run++) {
    for (const name of ['hand', 'product', 'answers'] as const) {
      const m = child(name, url);
      all[name]?.push(m);
      console.log(`run ${run + 1} ${name.padEnd(8)} ${'failed' in m ? `FAILED: ${m.failed}` : `${m.seconds.toFixed(2).padStart(8)} s  peak RSS ${m.peakRssMb.toFixed(0).padStart(5)} MB${m.village ? `  village ${m.village.map((x) => x.toFixed(0)).join('/')} ms  town ${(m.town ?? []).map((x) => x.toFixed(0)).join('/')} ms` : ''}`}`);
    }
    if (mismatches === null && !all.product?.some((m) => 'failed' in m)) {
      const read = (f: string) => JSON.parse(readFileSync(join(OUT, f), 'utf8')) as ProgressReport;
      mismatches = compareProgress(read('scale-city-product.json'), read('scale-city-hand.json'));
      console.log(mismatches.length === 0 ? 'product 附件1 = hand SQL, every village, town and the city' : `MISMATCH in ${mismatches.length} cells:\n  ${mismatches.slice(0, 50).join('\n  ')}`);
    }
  }
  const ok = (xs: Array<Measure | { phase: string; failed: string }> | undefined) => (xs ?? []).filter((m): m is Measure => !('failed' in m));
  const hand = ok(all.hand);
  const product = ok(all.product);
  const answers = ok(all.answers);
  const summary = {
    households: shape.households,
    people: peopleOf(shape),
    reportDay,
    window: { from: WINDOW.from, to: reportDay },
    handSeconds: hand.length ? median(hand.map((m) => m.seconds)) : null,
    productSeconds: product.length ? median(product.map((m) => m.seconds)) : null,
    productPeakRssMb: product.length ? median(product.map((m) => m.peakRssMb)) : null,
    handPeakRssMb: hand.length ? median(hand.map((m) => m.peakRssMb)) : null,
    villageMs: answers.length ? median(answers.flatMap((m) => m.village ?? [])) : null,
    townMs: answers.length ? median(answers.flatMap((m) => m.town ?? [])) : null,
    mismatches: mismatches?.length ?? null,
    generated,
  };
  const ratio = summary.handSeconds && summary.productSeconds ? summary.productSeconds / summary.handSeconds : null;
  console.log(`\nmedians of ${runs} runs, ${shape.households} households, ${summary.people} people, report day ${reportDay}:`);
  console.log(`  hand SQL (baseline)      ${summary.handSeconds?.toFixed(2) ?? '—'} s, peak RSS ${summary.handPeakRssMb?.toFixed(0) ?? '—'} MB`);
  console.log(`  product city 附件1        ${summary.productSeconds?.toFixed(2) ?? 'failed'} s, peak RSS ${summary.productPeakRssMb?.toFixed(0) ?? '—'} MB   (targets: ≤ 1.5 × hand SQL, ≤ 300 MB)`);
  console.log(`  ratio product / hand     ${ratio?.toFixed(2) ?? '—'}`);
  console.log(`  one village's answer     ${summary.villageMs?.toFixed(0) ?? '—'} ms   (target ≤ 20 ms)`);
  console.log(`  one town's answer        ${summary.townMs?.toFixed(0) ?? '—'} ms   (target ≤ 100 ms)`);
  console.log(`  reminder build time      see the reminders benchmark in bench/README.md (not measured here)`);
  console.log(`  import times             see bench/import-households.ts in bench/README.md (not measured here)`);
  writeFileSync(join(OUT, `scale-city-${shape.households}-${url.startsWith('sqlite:') ? 'sqlite' : 'mysql'}.json`), JSON.stringify({ summary: { ...summary, ratio }, runs: all }, null, 2));
  if (mismatches === null || mismatches.length > 0 || product.length === 0) process.exitCode = 1;
}

await main();
