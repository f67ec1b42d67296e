import { describe, expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../helpers/db.js';
import { dataSourceOptions, openDatabase } from '../../src/persistence/data-source.js';
import { dataSourceOf } from '../../src/persistence/orm.js';
import { migrations } from '../../src/persistence/migrations/index.js';
import { bulkWrites, transaction } from '../../src/persistence/db.js';

describeEachDatabase('database', (db) => {
  it('opens, runs every migration, and stores 4-byte UTF-8 and 64-bit numbers', async () => {
    const ds = db.ds();
    const ran = await orm(ds).query(db.engine === 'mariadb' ? 'SELECT COUNT(*) AS n FROM migrations' : 'SELECT COUNT(*) AS n FROM migrations');
    expect(Number(ran[0].n)).toBe(migrations.length);
    await orm(ds).query('CREATE TABLE probe (t VARCHAR(50), b BIGINT)' + (db.engine === 'mariadb' ? ' CHARACTER SET utf8mb4' : ''));
    await orm(ds).query('INSERT INTO probe (t, b) VALUES (?, ?)', ['👨‍🌾𠀋高家堡', '4561255354251345929']);
    const rows = await orm(ds).query('SELECT t, CAST(b AS CHAR) AS b FROM probe');
    expect(rows[0].t).toBe('👨‍🌾𠀋高家堡');
    expect(String(rows[0].b)).toBe('4561255354251345929');
  });

  it('sets SQLite up for a bulk write only while it runs, and sets it back even when it fails', async () => {
    const ds = db.ds();
    const pragmas = async () => {
      if (db.engine === 'mariadb') return null;
      const read = async (name: string) => Object.values((await orm(ds).query(`PRAGMA ${name}`))[0] as Record<string, unknown>)[0];
      return { synchronous: await read('synchronous'), cache: await read('cache_size'), checkpoint: await read('wal_autocheckpoint') };
    };
    const before = await pragmas();
    const during = await bulkWrites(ds, async () => {
      await transaction(ds, async () => undefined);
      return pragmas();
    });
    if (db.engine !== 'mariadb') expect(during).toEqual({ synchronous: 1, cache: -65536, checkpoint: 65536 });
    if (db.engine !== 'mariadb') expect(before).not.toEqual(during);
    await expect(bulkWrites(ds, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await pragmas()).toEqual(before);
  });

  it('MariaDB through its Unix socket (`?socket=`): the connection is local, not TCP', async (ctx) => {
    if (db.engine !== 'mariadb') return ctx.skip();
    const [{ socket }] = await orm(db.ds()).query('SELECT @@socket AS socket');
    const url = new URL(db.url());
    url.hostname = 'localhost';
    url.port = '';
    url.searchParams.set('socket', String(socket));
    const local = await openDatabase(url.toString(), { migrate: false });
    try {
      const [me] = await dataSourceOf(local).query('SELECT HOST AS host FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()');
      expect(me.host).toBe('localhost');
      const [tcp] = await orm(db.ds()).query('SELECT HOST AS host FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()');
      expect(String(tcp.host)).toMatch(/^127\.0\.0\.1:\d+$/);
    } finally {
      await dataSourceOf(local).destroy();
    }
  });
});

describe('DATABASE_URL', () => {
  it('?socket= connects through that Unix socket; without it, host and port', () => {
    expect(dataSourceOptions('mysql://shouwang:p%40ss@localhost/shouwang?socket=/run/mysqld/mysqld.sock')).toMatchObject({ socketPath: '/run/mysqld/mysqld.sock', database: 'shouwang', password: 'p@ss' });
    const tcp = dataSourceOptions('mysql://root:@127.0.0.1:3307/test');
    expect(tcp).toMatchObject({ host: '127.0.0.1', port: 3307, database: 'test' });
    expect(tcp).not.toHaveProperty('socketPath');
  });
});
