import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/db.js';
import { transaction } from '../../src/persistence/db.js';

describeEachDatabase('transaction()', (db) => {
  it('runs concurrent transactions of one process without nesting them, and rolls back a failed one', async () => {
    const ds = db.ds();
    await ds.query('CREATE TABLE tx_probe (n INTEGER)');
    const ok = Array.from({ length: 8 }, (_, i) =>
      transaction(ds, async (tx) => {
        await tx.query('INSERT INTO tx_probe (n) VALUES (?)', [i]);
        await new Promise((r) => setTimeout(r, 5));
        await tx.query('INSERT INTO tx_probe (n) VALUES (?)', [i + 100]);
      }),
    );
    const failing = transaction(ds, async (tx) => {
      await tx.query('INSERT INTO tx_probe (n) VALUES (?)', [-1]);
      throw new Error('boom');
    }).then(
      () => null,
      (e: unknown) => e,
    );
    await Promise.all(ok);
    expect(await failing).toEqual(new Error('boom'));
    const rows: Array<{ c: number | string }> = await ds.query('SELECT COUNT(*) AS c FROM tx_probe');
    expect(Number(rows[0]?.c)).toBe(16);
    const neg: Array<{ c: number | string }> = await ds.query('SELECT COUNT(*) AS c FROM tx_probe WHERE n < 0');
    expect(Number(neg[0]?.c)).toBe(0);
  });
});
