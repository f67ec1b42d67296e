import { expect, it } from 'vitest';
import { orm, describeEachDatabase, statementsOf } from '../helpers/db.js';
import { atCommit, transaction } from '../../src/persistence/db.js';
import { isUniqueViolation, oneTrip } from '../../src/persistence/sql.js';
import { storeInbound, type NewInbound } from '../../src/persistence/inbound.js';
import { InboundSchema } from '../../src/persistence/schemas/inbound.js';

const item = (key: string): NewInbound => ({ dedupeKey: key, kind: 'message', channel: 'app', sender: 'tx-user', msgType: 'text', message: {} });

describeEachDatabase('transaction()', (db) => {
  it('runs concurrent transactions of one process without nesting them, and rolls back a failed one', async () => {
    const ds = db.ds();
    await orm(ds).query('CREATE TABLE tx_probe (n INTEGER)');
    const ok = Array.from({ length: 8 }, (_, i) =>
      transaction(ds, async (tx) => {
        await orm(tx).query('INSERT INTO tx_probe (n) VALUES (?)', [i]);
        await new Promise((r) => setTimeout(r, 5));
        await orm(tx).query('INSERT INTO tx_probe (n) VALUES (?)', [i + 100]);
      }),
    );
    const failing = transaction(ds, async (tx) => {
      await orm(tx).query('INSERT INTO tx_probe (n) VALUES (?)', [-1]);
      throw new Error('boom');
    }).then(
      () => null,
      (e: unknown) => e,
    );
    await Promise.all(ok);
    expect(await failing).toEqual(new Error('boom'));
    const rows: Array<{ c: number | string }> = await orm(ds).query('SELECT COUNT(*) AS c FROM tx_probe');
    expect(Number(rows[0]?.c)).toBe(16);
    const neg: Array<{ c: number | string }> = await orm(ds).query('SELECT COUNT(*) AS c FROM tx_probe WHERE n < 0');
    expect(Number(neg[0]?.c)).toBe(0);
  });
});

describeEachDatabase('transaction() isolation and nesting', (db) => {
  it('two concurrent transactions stay separate: one rolling back keeps the other’s writes', async () => {
    const ds = db.ds();
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const failing = transaction(ds, async (tx) => {
      await storeInbound(tx, item('tx:rolled-back'), 1);
      await hold;
      throw new Error('changed my mind');
    });
    const committing = transaction(ds, (tx) => storeInbound(tx, item('tx:kept'), 1));
    release();
    await expect(failing).rejects.toThrow('changed my mind');
    await committing;
    const keys = (await transaction(ds, (tx) => orm(tx).getRepository(InboundSchema).find({ where: { sender: 'tx-user' } }))).map((r) => r.dedupeKey);
    expect(keys).toEqual(['tx:kept']);
  });

  it('a transaction opened inside another joins it (no deadlock) and rolls back with it', async () => {
    const ds = db.ds();
    await expect(
      transaction(ds, async (tx) => {
        await storeInbound(tx, item('tx:outer'), 1);
        await transaction(ds, (inner) => storeInbound(inner, item('tx:inner'), 1));
        throw new Error('undo both');
      }),
    ).rejects.toThrow('undo both');
    const n = await transaction(ds, (tx) => orm(tx).getRepository(InboundSchema).count({ where: [{ dedupeKey: 'tx:outer' }, { dedupeKey: 'tx:inner' }] }));
    expect(n).toBe(0);
  });

  it('a statement outside any transaction neither joins another task’s open transaction nor is lost', async () => {
    const ds = db.ds();
    await orm(ds).query('CREATE TABLE bare_probe (n INTEGER)');
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const undone = transaction(ds, async (tx) => {
      await orm(tx).query('INSERT INTO bare_probe (n) VALUES (1)');
      await hold;
      throw new Error('undo');
    });
    await new Promise((r) => setTimeout(r, 10));
    const bare = orm(ds).query('INSERT INTO bare_probe (n) VALUES (2)');
    release();
    await expect(undone).rejects.toThrow('undo');
    await bare;
    const rows: Array<{ n: number | string }> = await orm(ds).query('SELECT n FROM bare_probe');
    expect(rows.map((r) => Number(r.n))).toEqual([2]);
  });

  it('TypeORM’s own transactions (save outside transaction()) run alongside transaction() calls', async () => {
    const ds = db.ds();
    const saves = Array.from({ length: 5 }, (_, i) =>
      orm(ds).getRepository(InboundSchema).save({ ...item(`tx:save-${i}`), status: 'pending', attempts: 0, claimedBy: null, claimedUntil: null, receivedAt: 1, processedAt: null, error: null, outboxIds: null, passiveReply: null, openKfid: null }),
    );
    const txs = Array.from({ length: 5 }, (_, i) => transaction(ds, (tx) => storeInbound(tx, item(`tx:tx-${i}`), 1)));
    await Promise.all([...saves, ...txs]);
    const n = await transaction(ds, (tx) => orm(tx).getRepository(InboundSchema).createQueryBuilder('i').where("i.dedupe_key LIKE 'tx:save-%' OR i.dedupe_key LIKE 'tx:tx-%'").getCount());
    expect(n).toBe(10);
  });

  it('oneTrip: one transaction in one round trip on MariaDB, each statement\'s result; a failing statement keeps nothing', async () => {
    const ds = db.ds();
    await orm(ds).query('CREATE TABLE trip_probe (id INTEGER PRIMARY KEY AUTO_INCREMENT, n INTEGER NOT NULL UNIQUE)'.replace('AUTO_INCREMENT', db.engine === 'sqlite' ? 'AUTOINCREMENT' : 'AUTO_INCREMENT'));
    const { result, statements } = await statementsOf(ds, () =>
      oneTrip(ds, [
        ['INSERT INTO trip_probe (n) VALUES (?)', [1]],
        ['INSERT INTO trip_probe (n) VALUES (?)', [2]],
        ['UPDATE trip_probe SET n = n + 10 WHERE n = ?', [1]],
        ['SELECT n FROM trip_probe ORDER BY n', []],
      ]),
    );
    if (db.engine === 'mariadb') expect(statements).toHaveLength(1);
    expect(result[0]!.insertId).toBeGreaterThan(0);
    expect(result[1]!.insertId).toBe(result[0]!.insertId + 1);
    expect(result[2]!.affected).toBe(1);
    expect(result[3]!.rows.map((r) => Number(r.n))).toEqual([2, 11]);
    // The second statement fails on the unique key: the first one's row must not stay, and the
    // connection goes back to the pool with no transaction open (the next statements commit).
    const failed = await oneTrip(ds, [
      ['INSERT INTO trip_probe (n) VALUES (?)', [3]],
      ['INSERT INTO trip_probe (n) VALUES (?)', [2]],
      ['INSERT INTO trip_probe (n) VALUES (?)', [4]],
    ]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(failed)).toBe(true);
    await Promise.all(Array.from({ length: 12 }, (_, i) => orm(ds).query('INSERT INTO trip_probe (n) VALUES (?)', [100 + i])));
    const rows: Array<{ n: number | string }> = await orm(ds).query('SELECT n FROM trip_probe WHERE n < 100 ORDER BY n');
    expect(rows.map((r) => Number(r.n))).toEqual([2, 11]);
    const after: Array<{ c: number | string }> = await transaction(ds, (tx) => orm(tx).query('SELECT COUNT(*) AS c FROM trip_probe WHERE n >= 100'));
    expect(Number(after[0]?.c)).toBe(12);
  });

  it('on MariaDB a transaction\'s START goes with its first statement; one that sends nothing sends nothing; a failure still rolls back', async () => {
    const ds = db.ds();
    await orm(ds).query('CREATE TABLE begin_probe (n INTEGER NOT NULL UNIQUE)');
    const { statements } = await statementsOf(ds, async () => {
      await transaction(ds, async (tx) => {
        const rows: Array<{ c: number | string }> = await orm(tx).query('SELECT COUNT(*) AS c FROM begin_probe');
        expect(Number(rows[0]?.c)).toBe(0);
        await orm(tx).query('INSERT INTO begin_probe (n) VALUES (?)', [1]);
      });
      await transaction(ds, () => Promise.resolve('nothing to do'));
    });
    if (db.engine === 'mariadb') expect(statements).toEqual(['START TRANSACTION;\nSELECT COUNT(*) AS c FROM begin_probe', 'INSERT INTO begin_probe (n) VALUES (?)', 'COMMIT']);
    // Thrown after its first statement: rolled back. Failing in its first statement: nothing stays either.
    await expect(
      transaction(ds, async (tx) => {
        await orm(tx).query('INSERT INTO begin_probe (n) VALUES (?)', [2]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const failed = await transaction(ds, async (tx) => {
      await orm(tx).query('INSERT INTO begin_probe (n) VALUES (?)', [1]);
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(failed)).toBe(true);
    // A nested transaction (a savepoint) inside one whose START is still held back.
    await transaction(ds, (tx) => transaction(ds, () => orm(tx).query('INSERT INTO begin_probe (n) VALUES (?)', [3])));
    const rows: Array<{ n: number | string }> = await orm(ds).query('SELECT n FROM begin_probe ORDER BY n');
    expect(rows.map((r) => Number(r.n))).toEqual([1, 3]);
  });

  it('atCommit: on MariaDB the write goes with the COMMIT; if it fails nothing commits; a rollback drops it', async () => {
    const ds = db.ds();
    await orm(ds).query('CREATE TABLE commit_probe (n INTEGER NOT NULL UNIQUE)');
    const { statements } = await statementsOf(ds, () =>
      transaction(ds, async (tx) => {
        await orm(tx).query('INSERT INTO commit_probe (n) VALUES (?)', [1]);
        await atCommit(tx, 'INSERT INTO commit_probe (n) VALUES (?)', [2]);
      }),
    );
    if (db.engine === 'mariadb') expect(statements).toEqual(['START TRANSACTION;\nINSERT INTO commit_probe (n) VALUES (?)', 'INSERT INTO commit_probe (n) VALUES (?);\nCOMMIT']);
    // The held-back write fails on the unique key: the transaction's own write (5) must not stay.
    const failed = await transaction(ds, async (tx) => {
      await orm(tx).query('INSERT INTO commit_probe (n) VALUES (?)', [5]);
      await atCommit(tx, 'INSERT INTO commit_probe (n) VALUES (?)', [1]);
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(failed)).toBe(true);
    await expect(
      transaction(ds, async (tx) => {
        await atCommit(tx, 'INSERT INTO commit_probe (n) VALUES (?)', [6]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    // Alone in its transaction, it is sent with START and COMMIT.
    await transaction(ds, (tx) => atCommit(tx, 'INSERT INTO commit_probe (n) VALUES (?)', [7]));
    const rows: Array<{ n: number | string }> = await orm(ds).query('SELECT n FROM commit_probe ORDER BY n');
    expect(rows.map((r) => Number(r.n))).toEqual([1, 2, 7]);
  });
});
