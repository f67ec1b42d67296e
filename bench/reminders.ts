/**
 * The 15-day clock's morning reminders at the scale of a province: 10,000 staff and 100,000 open
 * leads (bench/README.md, "reminders.ts").
 *
 *   npx tsx bench/reminders.ts                                   # SQLite and MariaDB, 3 runs each, then the crash drill
 *   npx tsx bench/reminders.ts --engines mariadb --runs 5 --baseline
 *   npx tsx bench/reminders.ts --staff 1000 --leads 10000        # smaller
 *
 * Per engine: a deterministic register written with multi-row INSERTs in the product's schema
 * (MariaDB database `reminders_bench`, SQLite file bench/out/reminders.sqlite), then per run: the
 * job's timer due 1.5 s ahead, a child process running the sweeper (1 s rounds, woken at a job's
 * due time) and the outbox sender (1 s polls, woken when a job commits) against the fake WeCom of
 * this process, wired as `npm start` wires them (src/main.ts). Measured: the
 * build (the job's work inside the sweeper's transaction, and until its commit) and the first send
 * (timer due → the fake WeCom's first delivery). Checked: the outbox holds exactly one message for
 * every expected recipient, computed here from the generator, and nobody else.
 *
 * The crash drill: a child dies inside the firing transaction after building (nothing may be
 * committed, the timer stays due); a second one is killed (SIGKILL) after 1,500 deliveries; a third
 * one finishes the drain. Then every expected recipient must have received exactly one message at
 * the fake WeCom (a resend of a message already delivered is caught by WeCom's duplicate check,
 * counted separately), and nobody else anything.
 *
 * `--baseline` also times the build as it was before (test/helpers/per-lead-deadlines.ts: one
 * household read per lead, roster scans per lead), once, in this process, and checks that both
 * builds give the same messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { FakeWeCom } from '../src/bot/fake-wecom/index.js';
import { Sweeper } from '../src/bot/inbound/sweeper.js';
import { deadlineItems, LEAD_DEADLINES_TIMER, leadDeadlinesJob } from '../src/bot/jobs/lead-deadlines.js';
import { silentLogger } from '../src/bot/log.js';
import { OutboxSender } from '../src/bot/outbox/sender.js';
import { HttpWeComApi } from '../src/bot/wecom/api.js';
import { addDays, shanghaiDay } from '../src/domain/shanghai-days.js';
import { deadlineReminders } from '../src/flows/field/deadline-reminders.js';
import { openDatabase } from '../src/persistence/data-source.js';
import { transaction, type Database } from '../src/persistence/db.js';
import { insertMany } from '../src/persistence/sql.js';
import { rebuildRegisterCounts } from '../src/persistence/register-counts.js';
import { scheduleTimer } from '../src/persistence/timer.js';
import { perLeadDeadlineItems } from '../test/helpers/per-lead-deadlines.js';
import { dataSourceOf } from '../src/persistence/orm.js';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? dflt) : dflt;
};
const num = (name: string, dflt: number) => Number(opt(name, String(dflt)));
const flag = (name: string) => argv.includes(`--${name}`);

const CORP = { corpId: 'wwreminders', agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret' };
const ADMIN = new URL(process.env.SHOUWANG_TEST_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306/test');
const OUT = join(import.meta.dirname, 'out');
const DUE_SOON = 3;

// --- the register -------------------------------------------------------------------------------

interface Geometry {
  towns: number;
  villagesPerTown: number;
  gridsPerVillage: number;
  leads: number;
}

/** 80 % of the staff are grid workers (one per grid), 16 grids a village, 25 villages a town. */
function geometry(staff: number, leads: number): Geometry {
  const grids = Math.max(16, Math.round((staff * 0.8) / 16) * 16);
  const villages = grids / 16;
  const villagesPerTown = Math.min(25, villages);
  return { towns: Math.max(1, Math.round(villages / villagesPerTown)), villagesPerTown, gridsPerVillage: 16, leads };
}

const CITY = '610800';
const townCode = (t: number) => `${CITY}${String(t + 1).padStart(3, '0')}`;
const villageCode = (t: number, v: number) => `${townCode(t)}${String(v + 1).padStart(3, '0')}`;
const gridCode = (t: number, v: number, g: number) => `${villageCode(t, v)}-${String(g + 1).padStart(2, '0')}`;

/** The grid of household `h` (1-based): households go round the grids. */
function gridOf(geo: Geometry, h: number): { t: number; v: number; g: number } {
  const i = (h - 1) % (geo.towns * geo.villagesPerTown * geo.gridsPerVillage);
  const g = i % geo.gridsPerVillage;
  const vi = Math.floor(i / geo.gridsPerVillage);
  return { t: Math.floor(vi / geo.villagesPerTown), v: vi % geo.villagesPerTown, g };
}

/** Days from today to household `h`'s deadline: −5 … +24, spread evenly. */
const offsetOf = (h: number) => ((h * 7919) % 30) - 5;
/** Every tenth household has a 联系干部: the grid worker of the next grid of its village. */
const contactOf = (geo: Geometry, h: number) => {
  if (h % 10 !== 0) return null;
  const { t, v, g } = gridOf(geo, h);
  return `gw${t}_${v}_${(g + 1) % geo.gridsPerVillage}`;
};
/** Every thousandth lead was declared by someone not (yet) linked to a household. */
const declared = (h: number) => h % 1000 === 0;

async function generate(ds: Database, geo: Geometry, today: string, now: number): Promise<void> {
  const regions: unknown[][] = [[CITY, '榆林市', 'city', null, '[]', null, now, now]];
  const staff: unknown[][] = [];
  const person = (id: string, name: string, role: string, level: string, code: string, active = true) => staff.push([id, name, null, role, level, code, null, active ? 1 : 0, now, now]);
  for (let t = 0; t < geo.towns; t++) {
    regions.push([townCode(t), `第${t + 1}镇`, 'town', CITY, '[]', null, now, now]);
    for (let k = 1; k <= 5; k++) person(`to${t}_${k}`, `镇干部${t}-${k}`, 'town_official', 'town', townCode(t));
    for (let v = 0; v < geo.villagesPerTown; v++) {
      regions.push([villageCode(t, v), `第${t + 1}镇${v + 1}村`, 'village', townCode(t), '[]', null, now, now]);
      person(`vc${t}_${v}_a`, `村干部${t}-${v}甲`, 'village_cadre', 'village', villageCode(t, v));
      person(`vc${t}_${v}_b`, `村干部${t}-${v}乙`, 'village_cadre', 'village', villageCode(t, v));
      person(`st${t}_${v}`, `排查队员${t}-${v}`, 'screening_team', 'village', villageCode(t, v));
      for (let g = 0; g < geo.gridsPerVillage; g++) {
        regions.push([gridCode(t, v, g), `第${g + 1}网格`, 'grid', villageCode(t, v), '[]', null, now, now]);
        person(`gw${t}_${v}_${g}`, `网格员${t}-${v}-${g}`, 'grid_worker', 'grid', gridCode(t, v, g));
        // The first grid of each village also keeps a former grid worker, inactive: never told.
        if (g === 0) person(`gx${t}_${v}_${g}`, `原网格员${t}-${v}-${g}`, 'grid_worker', 'grid', gridCode(t, v, g), false);
      }
    }
  }
  const households: unknown[][] = [];
  const leads: unknown[][] = [];
  const steps: unknown[][] = [];
  for (let h = 1; h <= geo.leads; h++) {
    const { t, v, g } = gridOf(geo, h);
    const deadline = addDays(today, offsetOf(h));
    const placement = [CITY, townCode(t), villageCode(t, v), gridCode(t, v, g)];
    households.push([h, `H${String(h).padStart(7, '0')}`, `户主${h}`, ...placement, 'general', null, 0, 0, '[]', null, contactOf(geo, h), now, now]);
    const d = declared(h);
    leads.push([h, d ? null : h, d ? JSON.stringify({ name: `申报人${h}`, phone: null }) : null, ...placement, addDays(deadline, -15), deadline, 0, 'open', null, '[]', null, d ? `d:${h}` : `h:${h}`, 1, now, now]);
    if (h % 3 === 0) steps.push([h, 'home_visit', `gw${t}_${v}_${g}`, now, today, '已入户', 0, null]);
    if (h % 9 === 0) steps.push([h, 'consent', `gw${t}_${v}_${g}`, now, today, '已签字', 0, null]);
  }
  await transaction(ds, async (tx) => {
    await insertMany(tx, 'regions', ['code', 'name', 'level', 'parent_code', 'aliases', 'levels', 'created_at', 'updated_at'], regions);
    await insertMany(tx, 'staff', ['user_id', 'name', 'phone', 'role', 'level', 'jurisdiction_code', 'department', 'active', 'created_at', 'updated_at'], staff);
  });
  for (let i = 0; i < geo.leads; i += 20_000) {
    await transaction(ds, async (tx) => {
      const cols = ['id', 'code', 'head_name', 'city_code', 'town_code', 'village_code', 'grid_code', 'type', 'alleviation_year', 'dibao', 'tekun', 'key_groups', 'phone', 'contact_staff', 'created_at', 'updated_at'];
      await insertMany(tx, 'households', cols, households.slice(i, i + 20_000));
      const leadCols = ['id', 'household_id', 'declarant', 'city_code', 'town_code', 'village_code', 'grid_code', 'discovered_on', 'deadline', 'sudden_hardship', 'status', 'outcome', 'reliefs', 'merged_into_id', 'open_key', 'version', 'created_at', 'updated_at'];
      await insertMany(tx, 'risk_lead', leadCols, leads.slice(i, i + 20_000));
    });
  }
  await transaction(ds, (tx) => insertMany(tx, 'risk_lead_step', ['lead_id', 'step', 'actor', 'at', 'day', 'note', 'skipped', 'publicity_until'], steps));
  // The households written in bulk bypass the register's counters (src/persistence/register-counts.ts).
  await transaction(ds, rebuildRegisterCounts);
}

/** Who must get a reminder today, from the generator's own rules (not from the job's code). */
function expectedRecipients(geo: Geometry): Set<string> {
  const out = new Set<string>();
  for (let h = 1; h <= geo.leads; h++) {
    const off = offsetOf(h);
    if (off > DUE_SOON) continue;
    const { t, v, g } = gridOf(geo, h);
    out.add((!declared(h) && contactOf(geo, h)) || `gw${t}_${v}_${g}`);
    out.add(`vc${t}_${v}_a`).add(`vc${t}_${v}_b`);
    if (off < 0) for (let k = 1; k <= 5; k++) out.add(`to${t}_${k}`);
  }
  return out;
}

// --- databases ------------------------------------------------------------------------------------

async function freshDatabase(engine: 'sqlite' | 'mariadb'): Promise<string> {
  if (engine === 'sqlite') {
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'reminders.sqlite');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    return `sqlite:${file}`;
  }
  const conn = await mysql.createConnection({ host: ADMIN.hostname, port: Number(ADMIN.port || 3306), user: decodeURIComponent(ADMIN.username), password: decodeURIComponent(ADMIN.password) });
  await conn.query('DROP DATABASE IF EXISTS `reminders_bench`');
  await conn.query('CREATE DATABASE `reminders_bench` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  await conn.end();
  return `mysql://${ADMIN.username}:${ADMIN.password}@${ADMIN.hostname}:${ADMIN.port || 3306}/reminders_bench`;
}

/** Between runs: this bench's own scratch outbox emptied, the job's timer due at `dueAt`. */
async function resetRun(ds: Database, dueAt: number): Promise<void> {
  await dataSourceOf(ds).query('DELETE FROM outbox');
  await transaction(ds, (tx) => scheduleTimer(tx, { ...LEAD_DEADLINES_TIMER, dueAt, payload: { day: shanghaiDay(dueAt) } }, Date.now()));
}

async function outboxCounts(ds: Database): Promise<Map<string, number>> {
  const rows: Array<{ recipient: string; n: number | string }> = await dataSourceOf(ds).query('SELECT recipient, COUNT(*) AS n FROM outbox GROUP BY recipient');
  return new Map(rows.map((r) => [r.recipient, Number(r.n)]));
}

/** Exactly one for every expected recipient, nothing for anyone else: the problems, at most a few. */
function checkOnce(counts: Map<string, number>, expected: Set<string>): string[] {
  const problems: string[] = [];
  for (const r of expected) if ((counts.get(r) ?? 0) !== 1) problems.push(`${r}: ${counts.get(r) ?? 0}`);
  for (const [r, n] of counts) if (!expected.has(r)) problems.push(`${r} not expected: ${n}`);
  return problems.slice(0, 10);
}

// --- the child: sweeper and sender, as the server runs them ----------------------------------------

async function child(): Promise<void> {
  const ds = await openDatabase(opt('url', ''));
  const emit = (ev: string, extra: object = {}) => process.stdout.write(`${JSON.stringify({ ev, t: Date.now(), ...extra })}\n`);
  const job = leadDeadlinesJob();
  let built = false;
  const timed = {
    ...job,
    onTimer: async (...a: Parameters<typeof job.onTimer>) => {
      emit('build-start');
      const took = await job.onTimer(...a);
      emit('build-end');
      built ||= took;
      // The crash drill: die inside the firing transaction, after the work, before the commit.
      if (took && flag('die-before-commit')) process.kill(process.pid, 'SIGKILL');
      return took;
    },
  };
  const api = new HttpWeComApi({ apiBase: opt('api', ''), ...CORP });
  const sender = new OutboxSender({ db: ds, api, kfClock: { lastFarmerMessageAt: async () => null } });
  sender.start();
  const sweeper = new Sweeper({
    db: ds,
    processor: { kick: () => undefined },
    instanceId: `reminders-${process.pid}`,
    log: silentLogger(),
    jobs: [timed],
    // Called once the job's transaction has committed.
    afterJobs: () => {
      if (built) emit('committed');
      built = false;
      sender.kick();
    },
  });
  // One round first (scheduling the jobs, recovering work: the start-up is not the job's), then the rounds as the server runs them.
  await sweeper.sweepOnce();
  emit('ready');
  sweeper.start();
  const count = async (status: string) => Number(((await dataSourceOf(ds).query(`SELECT COUNT(*) AS n FROM outbox WHERE status IN (${status})`)) as Array<{ n: number | string }>)[0]?.n ?? 0);
  for (;;) {
    await new Promise((ok) => setTimeout(ok, 1000));
    if ((await count("'pending', 'sending'")) === 0 && (await count("'sent'")) > 0) emit('drained');
  }
}

// --- the parent -----------------------------------------------------------------------------------

interface ChildRun {
  proc: ChildProcess;
  events: Map<string, number>;
  exited: Promise<void>;
}

function spawnChild(url: string, api: string, extra: string[] = []): ChildRun {
  const proc = spawn(process.execPath, [...process.execArgv, import.meta.filename, '--child', '--url', url, '--api', api, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const events = new Map<string, number>();
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        const e = JSON.parse(line) as { ev: string; t: number };
        if (!events.has(e.ev)) events.set(e.ev, e.t);
      } catch {
        /* not an event line */
      }
    }
  });
  return { proc, events, exited: new Promise((ok) => proc.on('exit', () => ok())) };
}

async function until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

async function stopChild(c: ChildRun): Promise<void> {
  c.proc.kill('SIGKILL');
  await c.exited;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function benchEngine(engine: 'sqlite' | 'mariadb', geo: Geometry): Promise<object> {
  const url = await freshDatabase(engine);
  const ds = await openDatabase(url, { migrate: true });
  const today = shanghaiDay(Date.now());
  let t0 = Date.now();
  await generate(ds, geo, today, t0);
  const generateMs = Date.now() - t0;
  const expected = expectedRecipients(geo);
  console.log(`[${engine}] register written in ${(generateMs / 1000).toFixed(1)} s; ${expected.size} recipients expected`);
  const result: Record<string, unknown> = { engine, generateMs, recipients: expected.size };

  if (flag('baseline')) {
    const now = Date.now();
    t0 = Date.now();
    const before = await transaction(ds, (tx) => perLeadDeadlineItems(tx, now, DUE_SOON));
    const beforeMs = Date.now() - t0;
    t0 = Date.now();
    const after = await transaction(ds, (tx) => deadlineItems(tx, now, DUE_SOON));
    const afterMs = Date.now() - t0;
    const same = JSON.stringify(deadlineReminders(today, before, DUE_SOON)) === JSON.stringify(deadlineReminders(today, after, DUE_SOON));
    console.log(`[${engine}] reading the items: per lead ${beforeMs} ms, set-based ${afterMs} ms (× ${(beforeMs / afterMs).toFixed(1)}); same messages: ${same}`);
    Object.assign(result, { baseline: { perLeadMs: beforeMs, setBasedMs: afterMs, sameMessages: same, items: after.length } });
    if (!same) process.exitCode = 1;
  }

  const fake = new FakeWeCom({ ...CORP, openKfIds: [] });
  const api = await fake.start();
  const runs: Array<{ buildMs: number; commitMs: number; firstSendMs: number; rows: number; problems: string[] }> = [];
  try {
    for (let run = 1; run <= num('runs', 3); run++) {
      // The previous run's rows go first (its child was stopped mid-drain: they must not be sent now),
      // then the child starts and sweeps once (its start-up is not the job's), then the timer falls due 1.5 s later.
      await resetRun(ds, Date.now() + 3_600_000);
      const c = spawnChild(url, api);
      await until(() => c.events.has('ready'), 120_000, 'the child');
      const dueAt = Date.now() + 1500;
      await resetRun(ds, dueAt);
      const fresh = () => fake.state.deliveries().filter((d) => d.at >= dueAt);
      await until(() => fresh().length > 0 && c.events.has('committed'), 120_000, 'the first send');
      const first = fresh()[0]!.at;
      await stopChild(c);
      const counts = await outboxCounts(ds);
      const r = {
        buildMs: c.events.get('build-end')! - c.events.get('build-start')!,
        commitMs: c.events.get('committed')! - c.events.get('build-start')!,
        firstSendMs: first - dueAt,
        rows: [...counts.values()].reduce((a, b) => a + b, 0),
        problems: checkOnce(counts, expected),
      };
      runs.push(r);
      console.log(`[${engine}] run ${run}: build ${r.buildMs} ms, until commit ${r.commitMs} ms, timer due → first send ${r.firstSendMs} ms; ${r.rows} rows; ${r.problems.length ? `PROBLEMS ${r.problems.join('; ')}` : 'one per recipient'}`);
      if (r.problems.length) process.exitCode = 1;
    }
    Object.assign(result, {
      runs,
      median: { buildMs: median(runs.map((r) => r.buildMs)), commitMs: median(runs.map((r) => r.commitMs)), firstSendMs: median(runs.map((r) => r.firstSendMs)) },
    });

    if (!flag('no-crash')) {
      // The crash drill, on a fresh fake WeCom so that its delivery log holds this drill only.
      await fake.stop();
      const drillFake = new FakeWeCom({ ...CORP, openKfIds: [] });
      const drillApi = await drillFake.start();
      try {
        await resetRun(ds, Date.now());
        const a = spawnChild(url, drillApi, ['--die-before-commit']);
        await a.exited;
        const afterA = (await outboxCounts(ds)).size;
        const b = spawnChild(url, drillApi);
        const killAfter = Math.min(1500, Math.floor(expected.size / 3));
        await until(() => drillFake.state.deliveries().length >= killAfter, 300_000, 'deliveries before the kill');
        await stopChild(b);
        const atKill = drillFake.state.deliveries().length;
        t0 = Date.now();
        const c = spawnChild(url, drillApi);
        await until(() => c.events.has('drained'), 900_000, 'the drain');
        await stopChild(c);
        const drainMs = Date.now() - t0;
        // What each person saw must be exactly the parts of their one outbox row: no message twice, none missing.
        const seenBy = new Map<string, string[]>();
        for (const d of drillFake.state.deliveries()) seenBy.set(d.to, [...(seenBy.get(d.to) ?? []), d.text]);
        const parts = new Map(((await dataSourceOf(ds).query("SELECT recipient, parts_sent FROM outbox WHERE status = 'sent'")) as Array<{ recipient: string; parts_sent: number | string }>).map((r) => [r.recipient, Number(r.parts_sent)]));
        const problems = checkOnce(await outboxCounts(ds), expected);
        for (const r of expected) {
          const texts = seenBy.get(r) ?? [];
          if (texts.length !== (parts.get(r) ?? -1) || new Set(texts).size !== texts.length) problems.push(`${r}: ${texts.length} delivered, ${parts.get(r) ?? 0} parts`);
        }
        for (const r of seenBy.keys()) if (!expected.has(r)) problems.push(`${r} got messages`);
        const got = seenBy;
        const dropped = drillFake.state.dropped.reduce((m, d) => m.set(d.reason, (m.get(d.reason) ?? 0) + 1), new Map<string, number>());
        const after = drillFake.state.deliveries().slice(atKill);
        const sendRate = after.length > 1 ? Math.round(((after.length - 1) / Math.max(1, after.at(-1)!.at - after[0]!.at)) * 1000) : 0;
        const drill = { rowsAfterCrashBeforeCommit: afterA, deliveredBeforeKill: atKill, delivered: drillFake.state.deliveries().length, drainMs, sendRatePerS: sendRate, droppedByWeCom: Object.fromEntries(dropped), problems };
        console.log(
          `[${engine}] crash drill: ${afterA} rows after dying before the commit; killed after ${atKill} deliveries; the third process drained the rest in ${(drainMs / 1000).toFixed(1)} s ` +
            `(start and the killed claims' 10 s lease included; sending ${sendRate}/s); delivered ${drill.delivered} messages to ${got.size} people; WeCom dropped ${JSON.stringify(drill.droppedByWeCom)}; ` +
            `${problems.length ? `PROBLEMS ${problems.slice(0, 10).join('; ')}` : 'every recipient exactly their one message'}`,
        );
        if (afterA !== 0 || problems.length) process.exitCode = 1;
        Object.assign(result, { drill });
      } finally {
        await drillFake.stop();
      }
    }
  } finally {
    await fake.stop().catch(() => undefined);
    await ds.destroy();
  }
  return result;
}

async function main(): Promise<void> {
  if (flag('child')) return child();
  const geo = geometry(num('staff', 10_000), num('leads', 100_000));
  const results: object[] = [];
  for (const engine of opt('engines', 'sqlite,mariadb').split(',') as Array<'sqlite' | 'mariadb'>) results.push(await benchEngine(engine, geo));
  mkdirSync(OUT, { recursive: true });
  const { writeFileSync } = await import('node:fs');
  const file = join(OUT, `reminders-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ geometry: geo, results }, null, 2));
  console.log(`results: ${file}`);
}

await main();
