/**
 * Integration tests run against both engines: SQLite (a temp file) and the real MariaDB of the
 * machine (a fresh database per test file, dropped afterwards). Never a mock.
 *
 * @example
 *   describeEachDatabase('inbound log', (db) => {
 *     it('stores a message', async () => { const ds = db.ds(); ... });
 *   });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import mysql from 'mysql2/promise';
import { openDatabase } from '../../src/persistence/data-source.js';
import type { EntityManager } from 'typeorm';
import type { Database, Tx } from '../../src/persistence/db.js';
import { dataSourceOf, em } from '../../src/persistence/orm.js';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner.js';

/** The server the MariaDB tests create their databases on. */
export const MYSQL_ADMIN_URL = process.env.SHOUWANG_TEST_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306/test';

export interface TestDatabase {
  engine: 'sqlite' | 'mariadb';
  /** The DATABASE_URL of this test database (a second process may open it too). */
  url(): string;
  /** The migrated database opened for this file. */
  ds(): Database;
}

/**
 * TypeORM's manager behind a database or transaction, for tests that look at rows directly
 * (the application itself reaches it only inside src/persistence).
 */
export function orm(handle: Database | Tx): EntityManager {
  return 'manager' in handle ? dataSourceOf(handle).manager : em(handle);
}

/** Creates an empty database and returns its URL and a function that drops it. */
export async function createScratchDatabase(engine: 'sqlite' | 'mariadb'): Promise<{ url: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shouwang-test-'));
    return { url: `sqlite:${join(dir, 'test.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new URL(MYSQL_ADMIN_URL);
  const name = `shouwang_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const conn = await mysql.createConnection({ host: admin.hostname, port: Number(admin.port || 3306), user: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) });
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const url = `mysql://${admin.username}:${admin.password}@${admin.hostname}:${admin.port || 3306}/${name}`;
  return {
    url,
    drop: async () => {
      const c = await mysql.createConnection({ host: admin.hostname, port: Number(admin.port || 3306), user: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** Runs the same describe block once on SQLite and once on MariaDB, each on a fresh migrated database. */
export function describeEachDatabase(title: string, body: (db: TestDatabase) => void): void {
  for (const engine of ['sqlite', 'mariadb'] as const) {
    describe(`${title} [${engine}]`, () => {
      let ds: Database | undefined;
      let url = '';
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const scratch = await createScratchDatabase(engine);
        url = scratch.url;
        drop = scratch.drop;
        ds = await openDatabase(url);
      });
      afterAll(async () => {
        await ds?.destroy();
        await drop?.();
      });
      body({
        engine,
        url: () => url,
        ds: () => {
          if (!ds) throw new Error('database not open yet (use it inside a test or hook)');
          return ds;
        },
      });
    });
  }
}

/**
 * Every statement sent to `db` while `fn` runs (TypeORM's and the plain ones alike), for tests that
 * hold a path to its number of round trips. SQLite has one query runner per database (patched at
 * open, data-source.ts); MariaDB's runners share their class's method.
 */
export async function statementsOf<T>(db: Database, fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const source = dataSourceOf(db);
  const target = (source.options.type === 'better-sqlite3' ? source.createQueryRunner() : MysqlQueryRunner.prototype) as unknown as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> };
  const own = Object.getOwnPropertyDescriptor(target, 'query');
  const run = target.query;
  target.query = function (this: unknown, sql: string, ...rest: unknown[]) {
    statements.push(sql);
    return run.call(this, sql, ...rest);
  };
  try {
    return { result: await fn(), statements };
  } finally {
    if (own) Object.defineProperty(target, 'query', own);
    else delete (target as { query?: unknown }).query;
  }
}
