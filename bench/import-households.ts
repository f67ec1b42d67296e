/**
 * Benchmark of `import households` on a synthetic roster (deterministic: the same arguments give
 * the same file, byte for byte). Each measured phase runs in its own child process, so its peak
 * RSS is its own:
 *   read      — a plain streaming read of the file, no parsing, no writing (the baseline);
 *   import    — the real import into a fresh database (regions imported first, not timed);
 *   reimport  — the same file again into that database (every household unchanged).
 *
 *   npx tsx bench/import-households.ts [--people 1000000] [--runs 3] [--format csv|xlsx|xlsx-shared] [--mysql] [--only-mysql] [--heap MB | --no-flags] [--db-prefix NAME]
 *
 * The import phases run with the Node options the command line gives `import` (bin/node-flags.mjs,
 * a heap cap); --no-flags runs them without, --heap MB with another cap (--max-old-space-size):
 * the import finishing under a small cap shows it does not hold the roster in memory.
 *
 * Files go to bench/out/ (git-ignored). Results are printed and written to bench/out/results-*.json.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import mysql from 'mysql2/promise';
import { HOUSEHOLD_COLUMNS, REGION_COLUMNS } from '../src/bot/import/columns.js';
import { importHouseholds } from '../src/bot/import/households.js';
import { importRegions } from '../src/bot/import/regions.js';
import { readTable } from '../src/bot/import/table-reader.js';
import { idCheckChar } from '../src/domain/id-number.js';
import { openDatabase } from '../src/persistence/data-source.js';
import { commandNodeFlags } from '../bin/node-flags.mjs';
import { commandLine, peakRssMb, rng } from './common.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'out');
const args = commandLine();
const people = Number(args.get('people') ?? 1_000_000);
const runs = Number(args.get('runs') ?? 3);
/** csv; xlsx with inline strings (as streaming writers produce); xlsx-shared with a shared-strings table (as Excel saves). */
const format = (args.get('format') ?? 'csv') as 'csv' | 'xlsx' | 'xlsx-shared';
const MYSQL_ADMIN = process.env.SHOUWANG_TEST_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306/test';


const TOWNS = 20;
const VILLAGES = 15;
const GRIDS = 4;
const townCode = (t: number) => `610821${String(101 + t)}`;
const villageCode = (t: number, v: number) => `${townCode(t)}${String(201 + v)}`;
const gridCode = (t: number, v: number, g: number) => `${villageCode(t, v)}-${String(g + 1).padStart(2, '0')}`;

function regionRows(): string[][] {
  const rows: string[][] = [REGION_COLUMNS.map((c) => c.header)];
  for (let t = 0; t < TOWNS; t++)
    for (let v = 0; v < VILLAGES; v++)
      for (let g = 0; g < GRIDS; g++) rows.push(['神木市', '610821', '', `第${t + 1}镇`, townCode(t), '', `第${t + 1}镇${v + 1}村`, villageCode(t, v), '', `${v + 1}村${g + 1}网格`, gridCode(t, v, g), '']);
  return rows;
}

/** The roster, one row per person, households contiguous. */
function* rosterRows(n: number): Generator<string[]> {
  const rand = rng(20220429);
  const relations = ['配偶', '之子', '之女', '之孙子', '之孙女', '之母'];
  const labour = ['普通劳动力', '普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '无劳动力'];
  const health = ['健康', '健康', '健康', '长期慢性病', '患有大病', '残疾'];
  let i = 0;
  let h = 0;
  while (i < n) {
    const size = Math.min(n - i, 1 + Math.floor(rand() * 5));
    const [t, v, g] = [Math.floor(rand() * TOWNS), Math.floor(rand() * VILLAGES), Math.floor(rand() * GRIDS)];
    const alleviated = rand() < 0.3;
    const household = {
      type: alleviated ? '脱贫户' : '一般农户',
      year: alleviated ? String(2014 + Math.floor(rand() * 7)) : '',
      dibao: rand() < 0.08 ? '是' : '否',
      kg: alleviated ? '1' : rand() < 0.1 ? '7' : '',
    };
    const code = `${villageCode(t, v)}-${String(++h).padStart(7, '0')}`;
    const head = `户主${h}`;
    for (let m = 0; m < size; m++, i++) {
      // Unique by construction: a birth day from the index, the sequence from its quotient.
      const birth = new Date(Date.UTC(1935, 0, 1) + (i % 31_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      const first17 = `610821${birth}${String(Math.floor(i / 31_000)).padStart(3, '0')}`;
      const row: Record<string, string> = {
        town: `第${t + 1}镇`,
        village: `第${t + 1}镇${v + 1}村`,
        grid: `${v + 1}村${g + 1}网格`,
        code,
        headName: head,
        name: m === 0 ? head : `成员${i}`,
        idNumber: first17 + idCheckChar(first17),
        relation: m === 0 ? '户主' : (relations[Math.floor(rand() * relations.length)] as string),
        labour: labour[Math.floor(rand() * labour.length)] as string,
        health: health[Math.floor(rand() * health.length)] as string,
        schooling: '',
        phone: m === 0 ? `138${String(i % 100_000_000).padStart(8, '0')}` : '',
        type: household.type,
        alleviationYear: household.year,
        dibao: household.dibao,
        tekun: '否',
        keyGroups: household.kg,
        contactStaff: '',
      };
      yield HOUSEHOLD_COLUMNS.map((c) => row[c.key] ?? '');
    }
  }
}

async function generate(file: string): Promise<void> {
  const header = HOUSEHOLD_COLUMNS.map((c) => c.header);
  if (format === 'csv') {
    const out = createWriteStream(file);
    const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
    await write(`\uFEFF${header.join(',')}\r\n`);
    for (const r of rosterRows(people)) await write(`${r.join(',')}\r\n`);
    await new Promise<void>((r) => out.end(() => r()));
  } else {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: format === 'xlsx-shared', useStyles: false });
    const ws = wb.addWorksheet('名册');
    ws.addRow(header).commit();
    for (const r of rosterRows(people)) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
  }
  const regions = join(OUT, 'regions.csv');
  writeFileSync(regions, `\uFEFF${regionRows().map((r) => r.join(',')).join('\r\n')}\r\n`);
}

interface Measure {
  phase: string;
  seconds: number;
  peakRssMb: number;
  detail: string;
}


/** Runs one phase in this process (called in the child). */
async function phase(name: string, file: string, url: string): Promise<Measure> {
  if (name === 'read') {
    const t0 = performance.now();
    let rows = 0;
    for await (const _r of readTable(file)) rows++;
    return { phase: name, seconds: (performance.now() - t0) / 1000, peakRssMb: peakRssMb(), detail: `${rows} rows` };
  }
  const db = await openDatabase(url);
  if (name === 'import') await importRegions(db, join(OUT, 'regions.csv'), { now: 0, actor: 'bench', reportFile: false });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { counts } = await importHouseholds(db, file, { now: Date.UTC(2022, 4, 1) + (name === 'import' ? 0 : 1), actor: 'bench', reportFile: false });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await db.destroy();
  if (counts.rowsRejected !== 0) throw new Error(`unexpected rejections: ${JSON.stringify(counts)}`);
  // CPU time of this process (all its threads): on a shared machine it varies less than the seconds.
  const detail = `cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ${counts.rows} people, households created ${counts.households.created}, unchanged ${counts.households.unchanged}`;
  return { phase: name, seconds, peakRssMb: peakRssMb(), detail };
}

/** The local database server's process id (Linux /proc), or null when it does not run on this machine. */
function serverPid(): string | null {
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        if (comm === 'mariadbd' || comm === 'mysqld') return pid;
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // not Linux
  }
  return null;
}

/** CPU seconds (user + system) of one thread of process `pid`, or null once it is gone. */
function threadCpuSeconds(pid: string, tid: string): number | null {
  try {
    const fields = (readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * The server's CPU spent on one database: every 250 ms the server threads of the connections using
 * that database (information_schema.PROCESSLIST's TID) are read in /proc, and what each used
 * between its first and last sighting is summed. Other work on the same server (other databases)
 * is not counted; a connection's first and last 250 ms at most are missed.
 */
function watchServerCpu(url: string): { stop: () => Promise<number | null> } {
  const pid = serverPid();
  if (pid === null) return { stop: async () => null };
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(MYSQL_ADMIN);
  const seen = new Map<string, { first: number; last: number }>();
  let stopped = false;
  const done = (async () => {
    const c = await mysql.createConnection({ host: admin.hostname, port: Number(admin.port || 3306), user: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) });
    try {
      while (!stopped) {
        const [rows] = await c.query('SELECT TID AS tid FROM information_schema.PROCESSLIST WHERE DB = ?', [database]);
        for (const { tid } of rows as Array<{ tid: unknown }>) {
          const cpu = threadCpuSeconds(pid, String(tid));
          if (cpu === null) continue;
          const t = seen.get(String(tid));
          if (t) t.last = cpu;
          else seen.set(String(tid), { first: cpu, last: cpu });
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await c.end();
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
      return [...seen.values()].reduce((n, t) => n + t.last - t.first, 0);
    },
  };
}

const load = () => loadavg()[0]?.toFixed(1) ?? '?';

async function child(name: string, file: string, url: string): Promise<Measure> {
  const watch = url.startsWith('mysql') ? watchServerCpu(url) : null;
  const load0 = load();
  const m = await childRun(name, file, url);
  const server = watch ? await watch.stop() : null;
  return { ...m, detail: `${m.detail}${server === null ? '' : `, server cpu ${server.toFixed(1)} s`}, load ${load0} → ${load()}` };
}

async function childRun(name: string, file: string, url: string): Promise<Measure> {
  // The import phases run with the Node options `npx shouwang import` gives itself (a heap cap), unless --heap or --no-flags says otherwise.
  const heap = args.has('heap') ? [`--max-old-space-size=${args.get('heap')}`] : name === 'read' || args.has('no-flags') ? [] : commandNodeFlags('import');
  // Asynchronously, so that the server's CPU can be sampled meanwhile.
  const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [...heap, '--import', 'tsx', fileURLToPath(import.meta.url), '--phase', name, '--file', file, '--url', url]);
    let [stdout, stderr] = ['', ''];
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  if (r.status !== 0) throw new Error(`phase ${name} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Measure;
}

async function scratch(engine: 'sqlite' | 'mysql', run: number): Promise<{ url: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const file = join(OUT, `bench-${run}.sqlite`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    return { url: `sqlite:${file}`, drop: async () => [file, `${file}-wal`, `${file}-shm`].forEach((f) => rmSync(f, { force: true })) };
  }
  const admin = new URL(MYSQL_ADMIN);
  const name = `${args.get('db-prefix') ?? 'shouwang_bench'}_${randomBytes(3).toString('hex')}`;
  const conn = () => mysql.createConnection({ host: admin.hostname, port: Number(admin.port || 3306), user: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) });
  const c = await conn();
  await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
  return {
    url: `mysql://${admin.username}:${admin.password}@${admin.hostname}:${admin.port || 3306}/${name}`,
    drop: async () => {
      const d = await conn();
      await d.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await d.end();
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  if (args.has('phase')) {
    console.log(JSON.stringify(await phase(args.get('phase') as string, args.get('file') as string, args.get('url') as string)));
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `roster-${people}${format === 'xlsx-shared' ? '-shared.xlsx' : `.${format}`}`);
  if (!existsSync(file)) {
    const t = performance.now();
    await generate(file);
    console.log(`generated ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const engines: Array<'sqlite' | 'mysql'> = args.has('only-mysql') ? ['mysql'] : args.has('mysql') ? ['sqlite', 'mysql'] : ['sqlite'];
  const results: Record<string, Measure[]> = {};
  const add = (key: string, m: Measure) => {
    (results[key] ??= []).push(m);
    console.log(`${key.padEnd(16)} ${m.seconds.toFixed(1).padStart(7)} s  peak RSS ${m.peakRssMb.toFixed(0).padStart(5)} MB  ${m.detail}`);
  };
  for (let run = 0; run < runs; run++) {
    add('read', await child('read', file, ''));
    for (const engine of engines) {
      const db = await scratch(engine, run);
      try {
        add(`import/${engine}`, await child('import', file, db.url));
        add(`reimport/${engine}`, await child('reimport', file, db.url));
      } finally {
        await db.drop();
      }
    }
  }
  const base = median((results.read ?? []).map((m) => m.seconds));
  console.log(`\nmedians of ${runs} runs, ${people} people, ${format}:`);
  const summary = Object.entries(results).map(([key, ms]) => ({
    key,
    seconds: median(ms.map((m) => m.seconds)),
    peakRssMb: median(ms.map((m) => m.peakRssMb)),
    peoplePerSecond: Math.round(people / median(ms.map((m) => m.seconds))),
    vsRead: median(ms.map((m) => m.seconds)) / base,
  }));
  for (const s of summary) console.log(`${s.key.padEnd(16)} ${s.seconds.toFixed(1).padStart(7)} s  ${String(s.peoplePerSecond).padStart(7)} people/s  peak RSS ${s.peakRssMb.toFixed(0).padStart(5)} MB  ×${s.vsRead.toFixed(1)} of read`);
  writeFileSync(join(OUT, `results-${people}-${format}-${engines.join('-')}${args.has('heap') ? `-heap${args.get('heap')}` : args.has('no-flags') ? '-no-flags' : ''}.json`), JSON.stringify({ people, format, runs, results, summary }, null, 2));
}

await main();
