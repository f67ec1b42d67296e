import { beforeAll, expect, it } from 'vitest';
import { orm, describeEachDatabase, statementsOf } from '../../helpers/db.js';
import { appText, edgeKit, inboundOf, openPassive, outboxOf, say, seal, textsOf, type Kit } from '../../helpers/edge-kit.js';
import { boomFlow, gate, slowFlow, tallyFlow, type Gate } from '../../helpers/test-flows.js';
import { until } from '../../helpers/e2e.js';
import { helpFlow } from '../../../src/flows/help.js';
import { transaction } from '../../../src/persistence/db.js';
import { loadConversation } from '../../../src/persistence/conversation.js';
import { dataSourceOf } from '../../../src/persistence/orm.js';
import { openDatabase } from '../../../src/persistence/data-source.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';

describeEachDatabase('processing', (db) => {
  let kit: Kit;
  let slowKit: Kit;
  let slow: Gate;
  beforeAll(() => {
    slow = gate();
    kit = edgeKit(db.ds(), { flows: [helpFlow, tallyFlow, boomFlow] });
    // A short budget so the slow case does not wait 1.5 s.
    slowKit = edgeKit(db.ds(), { flows: [helpFlow, slowFlow(slow)], replyBudgetMs: 300, instanceId: 'test-slow', settleMs: 20 });
  });

  it('answers a fast single text as a passive reply and marks its outbox row passive', async () => {
    const r = await say(kit, 'wangwu', '帮助');
    expect(r.status).toBe(200);
    expect(r.passive).toMatch(/^您好，王五（网格员）。您可以对我说：/);
    const [row] = await outboxOf(kit.ds, `app:msg:${r.msgId}`);
    expect(row).toMatchObject({ status: 'passive', channel: 'app', recipient: 'wangwu' });
    expect((await inboundOf(kit.ds, `app:msg:${r.msgId}`))?.passiveReply).toBe(r.passive);
  });

  it('the passive reply is encrypted XML with CreateTime in seconds', async () => {
    const res = await kit.post(seal(appText({ from: 'wangwu', content: '菜单', msgId: 'ct-1' })));
    expect(res.headers['content-type']).toMatch(/xml/);
    const p = openPassive(res.text);
    expect(p).toMatchObject({ to: 'wangwu', from: 'wx5823bf96d3bd56c7', msgType: 'text', createTime: String(kit.clock.now / 1000) });
  });

  it('the same message posted 3 times: one inbound row, one reply, one state change, the same answer', async () => {
    const sealed = seal(appText({ from: 'retry-user', content: '记 一', msgId: 'retry-1' }));
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await kit.post(sealed));
    await kit.edge.processor.idle();
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => openPassive(a.text).content))).toEqual(new Set(['已记：记 一\n（回复“取消”可退出）']));
    const rows = await transaction(kit.ds, (tx) => orm(tx).getRepository(InboundSchema).find({ where: { sender: 'retry-user' } }));
    expect(rows).toHaveLength(1);
    expect(await outboxOf(kit.ds, 'app:msg:retry-1')).toHaveLength(1);
    const conv = await transaction(kit.ds, (tx) => loadConversation(tx, 'app', 'retry-user'));
    expect(conv?.version).toBe(1);
    expect((conv?.state as { data: { items: string[] } }).data.items).toEqual(['记 一']);
  });

  it('simultaneous copies of one message: never two different answers, and the newest copy carries it', async () => {
    const sealed = seal(appText({ from: 'wangwu', content: '菜单', msgId: 'same-time-1' }));
    // WeCom listens only to its latest delivery: an older copy still waiting when a newer one
    // arrives answers empty; a copy arriving after the answer gets the same answer.
    const answers = await Promise.all([kit.post(sealed), kit.post(sealed), kit.post(sealed)]);
    const texts = answers.filter((a) => a.text !== '').map((a) => openPassive(a.text).content);
    expect(texts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toContain('王五');
    // A later delivery of the same message (WeCom's retry) gets that answer again.
    expect(openPassive((await kit.post(sealed)).text).content).toBe(texts[0]);
    expect((await outboxOf(kit.ds, 'app:msg:same-time-1')).map((o) => o.status)).toEqual(['passive']);
  });

  it('a slow flow: the HTTP answer goes out empty at the budget, the reply waits in the outbox', async () => {
    const kit = slowKit;
    const started = Date.now();
    const res = await kit.post(seal(appText({ from: 'slow-user', content: '慢', msgId: 'slow-1' })));
    const took = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(took).toBeLessThan(1500);
    // Meanwhile another sender is not held up (their answer comes back within the budget).
    const other = await kit.post(seal(appText({ from: 'wangwu', content: '帮助', msgId: 'slow-other' })));
    expect(openPassive(other.text).content).toContain('王五');
    expect((await inboundOf(kit.ds, 'app:msg:slow-1'))?.status).toBe('processing');
    slow.open();
    await kit.edge.processor.idle();
    const rows = await outboxOf(kit.ds, 'app:msg:slow-1');
    expect(rows.map((o) => [o.status, (o.payload as { text: string }).text])).toEqual([['pending', '慢慢来，办好了']]);
    // Held back a little longer than the callback waited (budget 300 ms + 500), then the sender's.
    expect(rows[0]!.nextAttemptAt).toBe(kit.clock.now + 800);
    expect((await inboundOf(kit.ds, 'app:msg:slow-1'))?.status).toBe('done');
  });

  it('one sender, concurrent posts: processed one at a time in arrival order', async () => {
    const contents = ['记 1', '记 2', '记 3', '记 4', '记 5', '记 6'];
    await Promise.all(contents.map((c, i) => kit.post(seal(appText({ from: 'order-user', content: c, msgId: `order-${i}` })))));
    await kit.edge.processor.idle();
    const rows = await transaction(kit.ds, (tx) => orm(tx).getRepository(InboundSchema).find({ where: { sender: 'order-user' }, order: { id: 'ASC' } }));
    const arrival = rows.map((r) => String(r.message.Content));
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    // The first arrival started the tally; each later one was appended after all earlier ones.
    const conv = await transaction(kit.ds, (tx) => loadConversation(tx, 'app', 'order-user'));
    expect((conv?.state as { data: { items: string[] } }).data.items).toEqual(arrival);
    expect(conv?.version).toBe(contents.length);
    for (const [k, r] of rows.entries()) {
      // The first reply starts the tally, so it says how to leave; later ones do not repeat it.
      expect(textsOf(await outboxOf(kit.ds, r.dedupeKey))).toEqual([`已记：${arrival.slice(0, k + 1).join(',')}${k === 0 ? '\n（回复“取消”可退出）' : ''}`]);
    }
  });

  it('a lane with a backlog: each commit claims the next row, so a row costs one transaction, in order', async () => {
    const g = gate();
    // A connection of its own, so that only this lane's transactions are counted.
    const own = await openDatabase(db.url(), { migrate: false });
    const chain = edgeKit(own, { flows: [helpFlow, tallyFlow, slowFlow(g)], replyBudgetMs: 0, instanceId: 'test-chain', settleMs: 20 });
    await chain.post(seal(appText({ from: 'chain-user', content: '慢', msgId: 'chain-0' })));
    await until(async () => (await inboundOf(chain.ds, 'app:msg:chain-0'))?.status === 'processing', 5_000);
    // The first message is held in its flow while four more arrive behind it.
    for (let i = 1; i <= 4; i++) await chain.post(seal(appText({ from: 'chain-user', content: `记 ${i}`, msgId: `chain-${i}` })));
    const { statements } = await statementsOf(own, async () => {
      chain.clock.now += 1_000; // past their settling window
      g.open();
      await chain.edge.processor.idle();
    });
    // Five commits (one per row), no transaction of its own to claim a row; at most one more look
    // at the lane after it was given back (the later messages' kicks came while it was worked on).
    const commits = statements.flatMap((s) => s.split(';\n')).filter((s) => s === 'COMMIT').length;
    expect(commits).toBeGreaterThanOrEqual(5);
    expect(commits).toBeLessThanOrEqual(6);
    const rows = await transaction(chain.ds, (tx) => orm(tx).getRepository(InboundSchema).find({ where: { sender: 'chain-user' }, order: { id: 'ASC' } }));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array.from({ length: 5 }, () => ['done', 1]));
    const conv = await transaction(chain.ds, (tx) => loadConversation(tx, 'app', 'chain-user'));
    expect((conv?.state as { data: { items: string[] } }).data.items).toEqual(['记 1', '记 2', '记 3', '记 4']);
    expect(conv?.claimedBy).toBeNull();
    await dataSourceOf(own).destroy();
  });

  it('a flow that throws: row failed with the error, an apology, nothing else written, later messages go on', async () => {
    await say(kit, 'boom-user', '记 前');
    const before = await transaction(kit.ds, (tx) => loadConversation(tx, 'app', 'boom-user'));
    // “炸” interrupts the waiting tally (another command matches) and throws while starting.
    const r = await say(kit, 'boom-user', '炸');
    expect(r.passive).toMatch(/^抱歉/);
    const row = await inboundOf(kit.ds, `app:msg:${r.msgId}`);
    expect(row?.status).toBe('failed');
    expect(row?.error).toBe('flow exploded for 6108**********123X');
    const after = await transaction(kit.ds, (tx) => loadConversation(tx, 'app', 'boom-user'));
    expect(after?.version).toBe(before?.version);
    expect(after?.state).toEqual(before?.state);
    const next = await say(kit, 'boom-user', '记 后');
    expect(next.passive).toBe('已记：记 前,记 后');
  });
});
