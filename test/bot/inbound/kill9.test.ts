/**
 * After kill -9 of the instance working on a sender, another instance resumes within 15 s:
 * leases are short (10 s) and renewed only while their holder lives.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startChild } from './child-instance.js';
import { until } from '../../helpers/e2e.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { appText, edgeKit, inboundOf, queryString, seal, type Kit } from '../../helpers/edge-kit.js';
import { gate, slowFlow, tallyFlow } from '../../helpers/test-flows.js';
import type { Flow } from '../../../src/flows/types.js';
import { transaction } from '../../../src/persistence/db.js';
import { loadConversation } from '../../../src/persistence/conversation.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Here '卡住' is answered at once (in the killed process it never finished). */
const unstuck: Flow = { name: 'stuck', version: 1, matches: (i) => i.type === 'text' && i.text === '卡住', start: () => ({ status: 'done', effects: [{ type: 'reply', reply: { type: 'text', text: '好了' } }] }), step: () => ({ status: 'done', effects: [] }) };


describeEachDatabase('kill -9 of a working instance', (db) => {
  let survivor: Kit;
  const slow = gate();
  beforeAll(() => {
    survivor = edgeKit(db.ds(), { flows: [tallyFlow, unstuck, slowFlow(slow)], clock: Date.now, maxClockSkewS: 0, instanceId: 'survivor', sweepIntervalMs: 200 });
  });
  afterAll(async () => {
    slow.open();
    await survivor.edge.stop();
  });

  it('its sender is resumed by the other instance within 15 s, each message once, in order', async () => {
    const b = await startChild(db.url(), 'doomed');
    const post = (content: string, msgId: string) => {
      const s = seal(appText({ from: 'k9-user', content, msgId, createTime: Math.floor(Date.now() / 1000) }));
      return fetch(`http://127.0.0.1:${b.port}/wecom/callback?${queryString(s.query)}`, { method: 'POST', body: s.body, headers: { 'content-type': 'text/xml' } });
    };
    expect((await post('记 前', 'k9-1')).status).toBe(200);
    await post('卡住', 'k9-2');
    expect((await post('记 后', 'k9-3')).status).toBe(200);
    // The callbacks are answered once stored: wait until the doomed instance works on '卡住'.
    await until(async () => (await inboundOf(db.ds(), 'app:msg:k9-2'))?.status === 'processing');
    // The survivor sweeps from now on: earlier, its sweeper could take the sender's first message
    // before the doomed instance's worker did (both are equal), and nobody would be stuck.
    survivor.edge.start();
    b.child.kill('SIGKILL');
    const killedAt = Date.now();
    const done = async () => (await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).count({ where: { sender: 'k9-user', status: 'done' } }))) === 3;
    while (!(await done()) && Date.now() - killedAt < 20_000) await sleep(100);
    const took = Date.now() - killedAt;
    expect(await done()).toBe(true);
    expect(took).toBeLessThan(15_000);
    const conv = await transaction(db.ds(), (tx) => loadConversation(tx, 'app', 'k9-user'));
    expect((conv?.state as { data: { items: string[] } } | null)?.data.items).toEqual(['记 前', '记 后']);
  }, 40_000);

  it('a slow flow keeps its leases while it works: nobody else takes the sender over', async () => {
    // Only the two instances of this test sweep: the survivor above would take a new sender too.
    await survivor.edge.stop();
    const other = edgeKit(db.ds(), { flows: [tallyFlow, slowFlow(gate())], clock: Date.now, maxClockSkewS: 0, instanceId: 'thief', sweepIntervalMs: 50, leaseMs: 2000 });
    const mine = edgeKit(db.ds(), { flows: [tallyFlow, slowFlow(slow)], clock: Date.now, maxClockSkewS: 0, instanceId: 'worker', sweepIntervalMs: 50, leaseMs: 2000, replyBudgetMs: 50 });
    await mine.post(seal(appText({ from: 'lease-user', content: '慢', msgId: 'lease-1', createTime: Math.floor(Date.now() / 1000) })));
    // The other instance sweeps only once the worker has the row: a first message of a new sender
    // has no conversation row to take the lane with at accept, and either instance may take it.
    await until(async () => (await inboundOf(db.ds(), 'app:msg:lease-1'))?.claimedBy === 'worker');
    other.edge.start();
    // Three and a half leases long (2 s each, renewed every 667 ms, so a timer or a statement late by
    // more than a second on a loaded machine does not lose it): without renewal the other
    // instance's sweeper would have taken the row.
    await sleep(7000);
    const row = await inboundOf(db.ds(), 'app:msg:lease-1');
    expect(row).toMatchObject({ status: 'processing', claimedBy: 'worker', attempts: 1 });
    slow.open();
    await mine.edge.processor.idle();
    expect(await inboundOf(db.ds(), 'app:msg:lease-1')).toMatchObject({ status: 'done', attempts: 1 });
    await other.edge.stop();
    await mine.edge.stop();
  }, 30_000);
});
