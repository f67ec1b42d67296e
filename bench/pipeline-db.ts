/**
 * What the pipeline benches share: their command-line numbers and a scratch MariaDB database
 * holding the demo city, dropped afterwards.
 *
 *   const n = arg('seconds', 10);
 *   await withDemoCity(async (ds) => { ... });
 */
import mysql from 'mysql2/promise';
import { DEMO_CITY_CODE, demoIdNumber } from '../src/bot/sandbox/demo-city.js';
import { seedDemoCity } from '../src/bot/sandbox/seed.js';
import type { Household, Region, Staff } from '../src/domain/types.js';
import { openDatabase } from '../src/persistence/data-source.js';
import { transaction, type Database } from '../src/persistence/db.js';
import { saveHouseholds } from '../src/persistence/household-writes.js';
import { loadRegionTree, saveRegions } from '../src/persistence/regions.js';
import { saveStaff } from '../src/persistence/staff.js';
import { household, member } from '../test/helpers/people.js';

/** `--name <number>` from the command line, or `dflt`. */
export const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

const ADMIN = new URL(process.env.SHOUWANG_TEST_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306/test');

/** A person the bench writes as: a grid worker and the head of a household of their grid. */
export interface BenchPerson {
  userId: string;
  head: string;
}

const VILLAGES = ['999900101201', '999900101202', '999900101203', '999900102201', '999900102202', '999900103201', '999900103202'];
const SURNAMES = ['王', '李', '张', '刘', '杨', '郭', '白', '贺', '乔', '苏', '武', '薛', '冯', '马', '田', '高', '石', '赵'];
const GIVEN = ['建军', '志刚', '海生', '永平', '保国', '长富', '满堂', '玉山', '立强', '振国', '文清', '富有', '秀兰', '桂英', '玉兰', '翠英', '春花', '改梅'];

/** The `k`-th person `addBenchPeople` adds (known without the database, for the ceiling's callbacks). */
export function benchPerson(k: number): BenchPerson {
  const head = `${SURNAMES[k % SURNAMES.length]}${GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length]}${k >= SURNAMES.length * GIVEN.length ? k : ''}`;
  return { userId: `bench${k}`, head };
}

/**
 * Adds `n` grid workers (`bench0` …) to the demo city, each with a grid of their own in one of
 * its villages and one general household there, so that the bench can write as many distinct
 * people. Returns them with the head of their household.
 */
export async function addBenchPeople(ds: Database, n: number, now: number): Promise<BenchPerson[]> {
  const meta = { actor: 'system:bench', at: now, reason: '压测用的网格员和农户' };
  const people: BenchPerson[] = [];
  const regions: Region[] = [];
  const staff: Staff[] = [];
  const households: Array<Omit<Household, 'id'>> = [];
  for (let k = 0; k < n; k++) {
    const villageCode = VILLAGES[k % VILLAGES.length]!;
    const gridCode = `${villageCode}-b${k}`;
    const userId = `bench${k}`;
    const { head } = benchPerson(k);
    regions.push({ code: gridCode, name: `压测${k}网格`, level: 'grid', parentCode: villageCode, aliases: [] });
    staff.push({ userId, name: `压测员${k}`, phone: `1370000${String(k).padStart(4, '0')}`, role: 'grid_worker', jurisdiction: { level: 'grid', code: gridCode }, active: true, department: null });
    const born = `19${60 + (k % 30)}${String((Math.floor(k / 28) % 12) + 1).padStart(2, '0')}${String((k % 28) + 1).padStart(2, '0')}`;
    const { id: _id, ...h } = household({
      code: `${villageCode}${String(500 + Math.floor(k / VILLAGES.length)).padStart(3, '0')}`,
      headName: head,
      placement: { cityCode: DEMO_CITY_CODE, townCode: villageCode.slice(0, 9), villageCode, gridCode },
      members: [member({ idNumber: demoIdNumber(born, 400 + (k % 90), true), name: head, relation: '户主' })],
      contactStaff: userId,
    });
    households.push(h);
    people.push({ userId, head });
  }
  await transaction(ds, async (tx) => {
    await saveRegions(tx, regions, meta);
    await saveStaff(tx, staff, meta, await loadRegionTree(tx));
    await saveHouseholds(tx, households, meta);
  });
  return people;
}

/** Runs `fn` on a fresh MariaDB database seeded with the demo city; drops it afterwards. */
export async function withDemoCity<T>(prefix: string, fn: (ds: Database, url: string) => Promise<T>): Promise<T> {
  const name = `${prefix}_${process.pid}`;
  const conn = await mysql.createConnection({ host: ADMIN.hostname, port: Number(ADMIN.port || 3306), user: decodeURIComponent(ADMIN.username), password: decodeURIComponent(ADMIN.password) });
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  // `--socket <path>`: the product reaches MariaDB through its Unix socket (DATABASE_URL `?socket=`).
  const at = process.argv.indexOf('--socket');
  const socket = at > 0 ? `?socket=${encodeURIComponent(process.argv[at + 1]!)}` : '';
  const url = `mysql://${ADMIN.username}:${ADMIN.password}@${ADMIN.hostname}:${ADMIN.port || 3306}/${name}${socket}`;
  const ds = await openDatabase(url);
  try {
    await seedDemoCity(ds, { now: Date.now() });
    return await fn(ds, url);
  } finally {
    await ds.destroy();
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.end();
  }
}
