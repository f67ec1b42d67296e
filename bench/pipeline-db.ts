/**
 * What the pipeline benches share: their command-line numbers and a scratch MariaDB database
 * holding the demo city, dropped afterwards.
 *
 *   const n = arg('seconds', 10);
 *   await withDemoCity(async (ds) => { ... });
 */
import mysql from 'mysql2/promise';
import { seedDemoCity } from '../src/bot/sandbox/seed.js';
import { openDatabase } from '../src/persistence/data-source.js';
import type { Database } from '../src/persistence/db.js';

/** `--name <number>` from the command line, or `dflt`. */
export const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

const ADMIN = new URL(process.env.SHOUWANG_TEST_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306/test');

/** Runs `fn` on a fresh MariaDB database seeded with the demo city; drops it afterwards. */
export async function withDemoCity<T>(prefix: string, fn: (ds: Database) => Promise<T>): Promise<T> {
  const name = `${prefix}_${process.pid}`;
  const conn = await mysql.createConnection({ host: ADMIN.hostname, port: Number(ADMIN.port || 3306), user: decodeURIComponent(ADMIN.username), password: decodeURIComponent(ADMIN.password) });
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const ds = await openDatabase(`mysql://${ADMIN.username}:${ADMIN.password}@${ADMIN.hostname}:${ADMIN.port || 3306}/${name}`);
  try {
    await seedDemoCity(ds, { now: Date.now() });
    return await fn(ds);
  } finally {
    await ds.destroy();
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.end();
  }
}
