import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/db.js';
import { transaction } from '../../src/persistence/db.js';
import { storeInbound, type NewInbound } from '../../src/persistence/inbound.js';
import { InboundSchema } from '../../src/persistence/schemas/inbound.js';

const item = (key: string): NewInbound => ({ dedupeKey: key, kind: 'message', channel: 'app', sender: 'tx-user', msgType: 'text', message: {} });

describeEachDatabase('transactions', (db) => {
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
    const keys = (await transaction(ds, (tx) => tx.getRepository(InboundSchema).find({ where: { sender: 'tx-user' } }))).map((r) => r.dedupeKey);
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
    const n = await transaction(ds, (tx) => tx.getRepository(InboundSchema).count({ where: [{ dedupeKey: 'tx:outer' }, { dedupeKey: 'tx:inner' }] }));
    expect(n).toBe(0);
  });
});
