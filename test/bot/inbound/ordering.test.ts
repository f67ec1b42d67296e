/**
 * Each person's order: messages delivered out of order (WeCom retries, two instances behind a
 * balancer, 30 ms apart) are processed in the order they were written — CreateTime, then MsgId —
 * as long as the earlier one arrives within the settling window.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { appText, edgeKit, seal, T0, type Kit } from '../../helpers/edge-kit.js';
import { tallyFlow } from '../../helpers/test-flows.js';
import { inboundFromCallback } from '../../../src/bot/inbound/parse.js';
import { inboundFromKf } from '../../../src/bot/inbound/parse.js';
import { parseXml } from '../../../src/bot/wecom/xml.js';
import { transaction } from '../../../src/persistence/db.js';
import { loadConversation } from '../../../src/persistence/conversation.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';

const PEOPLE = 5;
const MESSAGES = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('orders by CreateTime, then MsgId as a number, then arrival; kf by send_time', () => {
  const a = inboundFromCallback(parseXml(appText({ from: 'x', content: '记', msgId: '9', createTime: 1_700_000_000 })), '');
  const b = inboundFromCallback(parseXml(appText({ from: 'x', content: '记', msgId: '10', createTime: 1_700_000_000 })), '');
  expect(a.orderAt).toBe(1_700_000_000_000);
  expect(a.orderKey! < b.orderKey!).toBe(true);
  const kf = inboundFromKf({ msgid: 'k1', open_kfid: 'wk', external_userid: 'wm', send_time: 1_700_000_005, origin: 3, msgtype: 'text', text: { content: '你好' } });
  expect(kf?.orderAt).toBe(1_700_000_005_000);
});

describeEachDatabase('one person, two instances, messages delivered out of order', (db) => {
  let a: Kit;
  let b: Kit;
  beforeAll(() => {
    const common = { flows: [tallyFlow], clock: Date.now, maxClockSkewS: 0, sweepIntervalMs: 100, replyBudgetMs: 100 };
    a = edgeKit(db.ds(), { ...common, instanceId: 'order-a' });
    b = edgeKit(db.ds(), { ...common, instanceId: 'order-b' });
    a.edge.start();
    b.edge.start();
  });
  afterAll(async () => {
    await a.edge.stop();
    await b.edge.stop();
  });

  it('every conversation ends with its messages in the order they were written', async () => {
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, p) => {
        const sealed = Array.from({ length: MESSAGES }, (_, i) => seal(appText({ from: `order-${p}`, content: `记 ${i + 1}`, msgId: `${p}${String(i + 1).padStart(3, '0')}`, createTime: T0 / 1000 + Math.floor(i / 3) })));
        // Delivery order: each pair swapped (2,1,4,3,…), alternating instances, 30 ms apart.
        const order = sealed.map((_, i) => (i % 2 === 0 ? Math.min(i + 1, MESSAGES - 1) : i - 1));
        const posts: Array<Promise<unknown>> = [];
        for (const [k, i] of order.entries()) {
          posts.push((k % 2 === 0 ? a : b).post(sealed[i]!).then((r) => expect(r.status).toBe(200)));
          await sleep(30);
        }
        await Promise.all(posts);
      }),
    );
    const end = Date.now() + 30_000;
    const open = () => transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).count({ where: [{ status: 'pending' }, { status: 'processing' }] }));
    while ((await open()) > 0 && Date.now() < end) await sleep(50);
    expect(await open()).toBe(0);
    for (let p = 0; p < PEOPLE; p++) {
      const conv = await transaction(db.ds(), (tx) => loadConversation(tx, 'app', `order-${p}`));
      expect((conv?.state as { data: { items: string[] } }).data.items).toEqual(Array.from({ length: MESSAGES }, (_, i) => `记 ${i + 1}`));
    }
  }, 60_000);
});
