import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startChild } from './child-instance.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { appText, edgeKit, inboundOf, outboxOf, queryString, seal, textsOf, type Kit, type Sealed } from '../../helpers/edge-kit.js';
import { tallyFlow } from '../../helpers/test-flows.js';
import { helpFlow } from '../../../src/flows/help.js';
import { transaction } from '../../../src/persistence/db.js';
import { loadConversation } from '../../../src/persistence/conversation.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';



async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describeEachDatabase('two instances on one database', (db) => {
  let a: Kit;
  let b: { child: ChildProcess; port: number };
  const postB = (s: Sealed) =>
    fetch(`http://127.0.0.1:${b.port}/wecom/callback?${queryString(s.query)}`, { method: 'POST', body: s.body, headers: { 'content-type': 'text/xml' } }).then(async (r) => ({ status: r.status, text: await r.text() }));

  beforeAll(async () => {
    b = await startChild(db.url(), 'instance-b');
    // Both instances read the real clock: leases are compared across processes.
    a = edgeKit(db.ds(), { flows: [helpFlow, tallyFlow], maxClockSkewS: 0, instanceId: 'instance-a', clock: Date.now, sweepIntervalMs: 100 });
    a.edge.start();
  }, 60_000);

  afterAll(async () => {
    await a?.edge.stop();
    if (b && b.child.exitCode === null) {
      const exited = new Promise((r) => b.child.once('exit', r));
      b.child.kill('SIGTERM');
      await exited;
    }
  });

  it('the same message fed to both, with retries to each: one row, one reply, one state change', async () => {
    const m = seal(appText({ from: 'twin-user', content: '记 双', msgId: 'twin-1' }));
    const answers = await Promise.all([a.post(m).then((r) => ({ status: r.status, text: r.text })), postB(m), postB(m), a.post(m), a.post(m), postB(m)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await until(async () => (await inboundOf(db.ds(), 'app:msg:twin-1'))?.status === 'done');
    const rows = await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).find({ where: { sender: 'twin-user' } }));
    expect(rows).toHaveLength(1);
    expect(textsOf(await outboxOf(db.ds(), 'app:msg:twin-1'))).toEqual(['已记：记 双\n（回复“取消”可退出）']);
    const conv = await transaction(db.ds(), (tx) => loadConversation(tx, 'app', 'twin-user'));
    expect(conv?.version).toBe(1);
    expect((conv?.state as { data: { items: string[] } }).data.items).toEqual(['记 双']);
  });

  it('one sender writing to both instances at once: processed in arrival order, one at a time', async () => {
    const sends = ['记 1', '记 2', '记 3', '记 4', '记 5', '记 6'].map((c, i) => seal(appText({ from: 'twin-order', content: c, msgId: `twin-o${i}` })));
    await Promise.all(sends.map((s, i) => (i % 2 ? postB(s) : a.post(s))));
    await until(async () => {
      const rows = await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).find({ where: { sender: 'twin-order' } }));
      return rows.length === 6 && rows.every((r) => r.status === 'done');
    });
    const rows = await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).find({ where: { sender: 'twin-order' }, order: { id: 'ASC' } }));
    const arrival = rows.map((r) => String(r.message.Content));
    const conv = await transaction(db.ds(), (tx) => loadConversation(tx, 'app', 'twin-order'));
    expect((conv?.state as { data: { items: string[] } }).data.items).toEqual(arrival);
    expect(conv?.version).toBe(6);
    const processedBy = new Set(rows.map((r) => r.claimedBy));
    expect([...processedBy].every((p) => p === 'instance-a' || p === 'instance-b')).toBe(true);
    for (const [k, r] of rows.entries()) expect(textsOf(await outboxOf(db.ds(), r.dedupeKey))).toEqual([`已记：${arrival.slice(0, k + 1).join(',')}${k === 0 ? '\n（回复“取消”可退出）' : ''}`]);
  });
});
