import { expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../helpers/db.js';
import { migrations } from '../../src/persistence/migrations/index.js';

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
});
