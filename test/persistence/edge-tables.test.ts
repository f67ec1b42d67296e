import { describe, expect, it } from 'vitest';
import { describeEachDatabase, orm } from '../helpers/db.js';
import { OutboxSchema } from '../../src/persistence/schemas/outbox.js';
import { transaction } from '../../src/persistence/db.js';
import { claimInbound, completeInbound, getInbound, nextInLane, openLanes, releaseInbound, storeInbound, type NewInbound } from '../../src/persistence/inbound.js';
import { pruneNonces, recordNonce } from '../../src/persistence/callback-nonce.js';
import { claimConversation, ensureConversation, loadConversation, releaseConversation, saveConversation } from '../../src/persistence/conversation.js';
import { claimKfCursor, getKfCursor, releaseKfCursor, saveKfCursor } from '../../src/persistence/kf-cursor.js';
import { cancelTimer, fireDueTimers, findTimer, scheduleTimer } from '../../src/persistence/timer.js';
import { enqueueOutbound, findOutbox, markOutboundSent, markPassive } from '../../src/persistence/outbox.js';
import { isUniqueViolation, isTransient, withRetry } from '../../src/persistence/sql.js';

const T0 = 1_764_300_000_000;

function item(key: string, sender = 'zhangsan', extra: Partial<NewInbound> = {}): NewInbound {
  return { dedupeKey: key, kind: 'message', channel: 'app', sender, msgType: 'text', message: { Content: key }, ...extra };
}

describeEachDatabase('edge tables', (db) => {
  it('stores an input once per dedupe key and keeps 64-bit ids as strings', async () => {
    const ds = db.ds();
    const a = await transaction(ds, (tx) => storeInbound(tx, item('app:msg:4561255354251345929', 'u1', { message: { MsgId: '4561255354251345929' } }), T0));
    const b = await transaction(ds, (tx) => storeInbound(tx, item('app:msg:4561255354251345929', 'u1'), T0 + 5));
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.row.id).toBe(a.row.id);
    const row = await transaction(ds, (tx) => getInbound(tx, a.row.id));
    expect(row?.message).toEqual({ MsgId: '4561255354251345929' });
    expect(row?.status).toBe('pending');
    expect(row?.receivedAt).toBe(T0);
  });

  it('concurrent stores of the same key make one row', async () => {
    const ds = db.ds();
    const results = await Promise.all([1, 2, 3, 4].map(() => withRetry(() => transaction(ds, (tx) => storeInbound(tx, item('app:msg:race', 'u2'), T0)))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.row.id)).size).toBe(1);
  });

  it('claims, completes and releases rows in lane order', async () => {
    const ds = db.ds();
    const lane = { channel: 'app' as const, sender: 'lane-user', sync: false };
    const first = await transaction(ds, (tx) => storeInbound(tx, item('app:msg:l1', 'lane-user'), T0));
    await transaction(ds, (tx) => storeInbound(tx, item('app:msg:l2', 'lane-user'), T0));
    const next = await transaction(ds, (tx) => nextInLane(tx, lane, 'A', T0));
    expect(next?.row.id).toBe(first.row.id);
    expect(await transaction(ds, (tx) => claimInbound(tx, first.row.id, 'A', T0, 1000))).toBe(true);
    // Another instance sees the lane busy and may not claim the row while the lease holds.
    expect((await transaction(ds, (tx) => nextInLane(tx, lane, 'B', T0 + 10)))?.busy).toBe(true);
    expect(await transaction(ds, (tx) => claimInbound(tx, first.row.id, 'B', T0 + 10, 1000))).toBe(false);
    // After the lease expires it may.
    expect(await transaction(ds, (tx) => claimInbound(tx, first.row.id, 'B', T0 + 2000, 1000))).toBe(true);
    // The old holder can no longer complete it; the new one can, exactly once.
    expect(await transaction(ds, (tx) => completeInbound(tx, first.row.id, 'A', { status: 'done', outboxIds: [] }, T0 + 2001))).toBe(false);
    expect(await transaction(ds, (tx) => completeInbound(tx, first.row.id, 'B', { status: 'done', outboxIds: [7] }, T0 + 2001))).toBe(true);
    expect(await transaction(ds, (tx) => completeInbound(tx, first.row.id, 'B', { status: 'done', outboxIds: [7] }, T0 + 2002))).toBe(false);
    const done = await transaction(ds, (tx) => getInbound(tx, first.row.id));
    expect(done).toMatchObject({ status: 'done', outboxIds: [7], attempts: 2, processedAt: T0 + 2001 });
    const second = await transaction(ds, (tx) => nextInLane(tx, lane, 'A', T0 + 2002));
    expect(second?.row.dedupeKey).toBe('app:msg:l2');
    expect(await transaction(ds, (tx) => claimInbound(tx, second!.row.id, 'A', T0, 1000))).toBe(true);
    await transaction(ds, (tx) => releaseInbound(tx, second!.row.id, 'A', 'shutdown'));
    expect((await transaction(ds, (tx) => getInbound(tx, second!.row.id)))?.status).toBe('pending');
    const lanes = await transaction(ds, (tx) => openLanes(tx, T0 + 3000));
    expect(lanes).toContainEqual(lane);
  });

  it('tells a WeCom retry from a replay with another signature', async () => {
    const ds = db.ds();
    expect(await transaction(ds, (tx) => recordNonce(tx, '1409659813', '1372623149', 'AAA', T0))).toBe('new');
    expect(await transaction(ds, (tx) => recordNonce(tx, '1409659813', '1372623149', 'aaa', T0 + 1))).toBe('retry');
    expect(await transaction(ds, (tx) => recordNonce(tx, '1409659813', '1372623149', 'bbb', T0 + 2))).toBe('conflict');
    expect(await transaction(ds, (tx) => recordNonce(tx, '1409659813', 'other', 'bbb', T0 + 3))).toBe('new');
    expect(await transaction(ds, (tx) => pruneNonces(tx, T0 + 3))).toBe(1);
    expect(await transaction(ds, (tx) => recordNonce(tx, '1409659813', '1372623149', 'ccc', T0 + 4))).toBe('new');
  });

  it('writes conversation state only at the expected version, and leases one holder at a time', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) => ensureConversation(tx, 'app', 'c1', T0));
    await transaction(ds, (tx) => ensureConversation(tx, 'app', 'c1', T0));
    const c = await transaction(ds, (tx) => loadConversation(tx, 'app', 'c1'));
    expect(c?.version).toBe(0);
    const state = { flow: 'help', v: 1, node: 'ask', data: { 名字: '张三' }, waitingSince: T0 };
    const write = { channel: 'app' as const, sender: 'c1', expectedVersion: 0, state, prompt: [{ type: 'text', text: '？' }], suspended: null };
    expect(await transaction(ds, (tx) => saveConversation(tx, write, T0 + 1))).toBe(true);
    expect(await transaction(ds, (tx) => saveConversation(tx, write, T0 + 2))).toBe(false);
    const after = await transaction(ds, (tx) => loadConversation(tx, 'app', 'c1'));
    expect(after).toMatchObject({ version: 1, state, updatedAt: T0 + 1 });

    expect(await transaction(ds, (tx) => claimConversation(tx, 'app', 'c1', 'A', T0, 1000))).toBe(true);
    expect(await transaction(ds, (tx) => claimConversation(tx, 'app', 'c1', 'A', T0, 1000))).toBe(true);
    expect(await transaction(ds, (tx) => claimConversation(tx, 'app', 'c1', 'B', T0 + 500, 1000))).toBe(false);
    expect(await transaction(ds, (tx) => claimConversation(tx, 'app', 'c1', 'B', T0 + 1001, 1000))).toBe(true);
    await transaction(ds, (tx) => releaseConversation(tx, 'app', 'c1', 'A'));
    expect(await transaction(ds, (tx) => claimConversation(tx, 'app', 'c1', 'A', T0 + 1002, 1000))).toBe(false);
    await transaction(ds, (tx) => releaseConversation(tx, 'app', 'c1', 'B'));
    expect(await transaction(ds, (tx) => claimConversation(tx, 'app', 'c1', 'A', T0 + 1002, 1000))).toBe(true);
  });

  it('keeps the kf cursor per account under a lease', async () => {
    const ds = db.ds();
    expect(await transaction(ds, (tx) => claimKfCursor(tx, 'wkA', 'A', T0, 1000))).toEqual({ cursor: null });
    expect(await transaction(ds, (tx) => claimKfCursor(tx, 'wkA', 'B', T0, 1000))).toBe(false);
    expect(await transaction(ds, (tx) => saveKfCursor(tx, 'wkA', 'A', 'c-1', T0))).toBe(true);
    expect(await transaction(ds, (tx) => saveKfCursor(tx, 'wkA', 'B', 'c-x', T0))).toBe(false);
    await transaction(ds, (tx) => releaseKfCursor(tx, 'wkA', 'A'));
    expect(await transaction(ds, (tx) => claimKfCursor(tx, 'wkA', 'B', T0, 1000))).toEqual({ cursor: 'c-1' });
    expect(await transaction(ds, (tx) => getKfCursor(tx, 'wkA'))).toBe('c-1');
  });

  it('moves, cancels and fires timers once', async () => {
    const ds = db.ds();
    const spec = { channel: 'app' as const, sender: 't1', name: 'expiry', dueAt: T0 + 100, payload: { v: 1 } };
    await transaction(ds, (tx) => scheduleTimer(tx, spec, T0));
    await transaction(ds, (tx) => scheduleTimer(tx, { ...spec, dueAt: T0 + 200, payload: { v: 2 } }, T0 + 1));
    expect(await transaction(ds, (tx) => fireDueTimers(tx, 'A', T0 + 150, 10))).toEqual([]);
    const fired = await transaction(ds, (tx) => fireDueTimers(tx, 'A', T0 + 250, 10));
    expect(fired.map((t) => [t.name, t.payload, t.dueAt])).toEqual([['expiry', { v: 2 }, T0 + 200]]);
    expect(await transaction(ds, (tx) => fireDueTimers(tx, 'B', T0 + 300, 10))).toEqual([]);
    await transaction(ds, (tx) => scheduleTimer(tx, { ...spec, name: 'other', dueAt: T0 + 10 }, T0));
    await transaction(ds, (tx) => cancelTimer(tx, 'app', 't1', 'other', T0 + 1));
    expect(await transaction(ds, (tx) => fireDueTimers(tx, 'A', T0 + 300, 10))).toEqual([]);
    expect((await transaction(ds, (tx) => findTimer(tx, 'app', 't1', 'other')))?.status).toBe('cancelled');
  });

  it('stores replies with their ids in order, from the INSERT itself or, with a key stored before, read back', async () => {
    const ds = db.ds();
    const reply = (key: string, to = 'ids-1') => ({ channel: 'app' as const, recipient: to, payload: { type: 'text', text: key }, idemKey: key });
    const byKey = (idemKey: string) => transaction(ds, (tx) => orm(tx).getRepository(OutboxSchema).findOne({ where: { idemKey } }));
    const ids = await transaction(ds, (tx) => enqueueOutbound(tx, [reply('ids-a'), reply('ids-b', 'ids-2'), reply('ids-c')], T0));
    // Each id is the row stored under that key, in the items' order.
    const stored = await Promise.all(['ids-a', 'ids-b', 'ids-c'].map(byKey));
    expect(ids).toEqual(stored.map((r) => r?.id));
    expect(ids[1]! - ids[0]!).toBe(1);
    // Interleaved with another transaction's rows, still each key's own id.
    const [again] = await Promise.all([
      transaction(ds, (tx) => enqueueOutbound(tx, [reply('ids-d'), reply('ids-e')], T0)),
      transaction(ds, (tx) => enqueueOutbound(tx, [reply('ids-f'), reply('ids-g')], T0)),
    ]);
    expect(again).toEqual((await Promise.all(['ids-d', 'ids-e'].map(byKey))).map((r) => r?.id));
    // A key stored before: its existing id, the new one stored once, the transaction goes on.
    const mixed = await transaction(ds, (tx) => enqueueOutbound(tx, [reply('ids-b', 'ids-2'), reply('ids-h')], T0 + 1));
    expect(mixed[0]).toBe(ids[1]);
    expect(mixed[1]).toBe((await byKey('ids-h'))?.id);
    expect((await byKey('ids-b'))?.createdAt).toBe(T0);
  });

  it('hands a pending outbox row to the passive reply once', async () => {
    const ds = db.ds();
    const [id] = await transaction(ds, (tx) => enqueueOutbound(tx, [{ channel: 'app', recipient: 'p1', payload: { type: 'text', text: '好' }, idemKey: 'edge-passive-1' }], T0));
    expect(await transaction(ds, (tx) => markPassive(tx, id!))).toBe(true);
    expect(await transaction(ds, (tx) => markPassive(tx, id!))).toBe(false);
    expect((await transaction(ds, (tx) => findOutbox(tx, [id!])))[0]?.status).toBe('passive');
  });

  it('does not hand a reply to the passive answer while an earlier one to the same person waits', async () => {
    const ds = db.ds();
    const item = (n: number, recipient = 'p2') => ({ channel: 'app' as const, recipient, payload: { type: 'text' as const, text: `第${n}条` }, idemKey: `edge-passive-order-${recipient}-${n}` });
    const [early] = await transaction(ds, (tx) => enqueueOutbound(tx, [item(1)], T0));
    const [late, other] = await transaction(ds, (tx) => enqueueOutbound(tx, [item(2), item(1, 'p3')], T0));
    expect(await transaction(ds, (tx) => markPassive(tx, late!))).toBe(false);
    expect(await transaction(ds, (tx) => markPassive(tx, other!))).toBe(true); // another person's earlier row does not count
    await transaction(ds, (tx) => markOutboundSent(tx, [{ id: early!, partsSent: 1 }], T0 + 1));
    expect(await transaction(ds, (tx) => markPassive(tx, late!))).toBe(true);
  });
});

describe('sql error classes', () => {
  it.each([
    [{ code: 'SQLITE_CONSTRAINT_UNIQUE' }, true, false],
    [{ driverError: { code: 'ER_DUP_ENTRY', errno: 1062 } }, true, false],
    [{ code: 'SQLITE_BUSY_SNAPSHOT' }, false, true],
    [{ driverError: { code: 'ER_LOCK_DEADLOCK', errno: 1213 } }, false, true],
    [{ code: 'ER_PARSE_ERROR', errno: 1064 }, false, false],
  ])('%j → unique %s, transient %s', (err, unique, transient) => {
    expect(isUniqueViolation(err)).toBe(unique);
    expect(isTransient(err)).toBe(transient);
  });
});
