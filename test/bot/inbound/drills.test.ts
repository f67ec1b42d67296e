/**
 * Two drills of the whole pipeline (callback → inbound log → processor → outbox → sender → WeCom),
 * the fake WeCom standing in for the API:
 * - a 3× retry storm: every callback delivered three times at once, as WeCom does when it does not
 *   hear back in time — each message processed exactly once, in its sender's order, each reply
 *   reaching the person once (in the HTTP answer or through the API, never both, never twice);
 * - a troubled API: message/send answering -1 (busy), 45009 (frequency), 42001 (token expired) and
 *   slowly, several times in a row each — 0 failed sends, each reply once, in order.
 * Both wait past the sender's poll and the passive-hold window before counting, so a late
 * duplicate would be seen. Figures: bench/README.md ("Drills").
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeWeCom } from '../../../src/bot/fake-wecom/index.js';
import { OutboxSender } from '../../../src/bot/outbox/sender.js';
import { HttpWeComApi } from '../../../src/bot/wecom/api.js';
import { transaction } from '../../../src/persistence/db.js';
import { loadConversation } from '../../../src/persistence/conversation.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { appText, edgeKit, openPassive, seal, OFFICIAL, type Kit } from '../../helpers/edge-kit.js';
import { tallyFlow } from '../../helpers/test-flows.js';

const PEOPLE = 4;
const PER_PERSON = 6;
const POLL_MS = 20;

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describeEachDatabase('pipeline drills', (db) => {
  let fake: FakeWeCom;
  let sender: OutboxSender;
  beforeAll(async () => {
    fake = new FakeWeCom({ corpId: OFFICIAL.corpId, agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret', now: Date.now, openKfIds: [] });
    const api = new HttpWeComApi({ apiBase: await fake.start(), corpId: OFFICIAL.corpId, agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret', now: Date.now, sleep: async () => {} });
    sender = new OutboxSender({ db: db.ds(), api, kfClock: { lastFarmerMessageAt: async () => null }, pollMs: POLL_MS, backoffBaseMs: 10, backoffMaxMs: 200 });
    sender.start();
  });
  afterAll(async () => {
    await sender?.stop();
    await fake?.stop();
  });

  const edge = (replyBudgetMs: number): Kit => {
    const kit = edgeKit(db.ds(), { flows: [tallyFlow], clock: Date.now, maxClockSkewS: 0, sweepIntervalMs: 100, replyBudgetMs, settleMs: 30 });
    kit.edge.start();
    return kit;
  };
  // The flow's first question carries the way out, once per run (src/bot/dispatch/router.ts).
  const expected = () => Array.from({ length: PER_PERSON }, (_, i) => `已记：${Array.from({ length: i + 1 }, (_, k) => `记 ${k + 1}`).join(',')}${i === 0 ? '\n（回复“取消”可退出）' : ''}`);
  /** Replies in the order they were written: by how many notes they list. */
  const notes = (t: string) => t.split(',').length;

  /** Each person writes their messages one after another; each callback goes `copies` times at once. Returns the passive replies the person saw. */
  async function write(kit: Kit, tag: string, copies: number): Promise<Map<string, string[]>> {
    const passive = new Map<string, string[]>();
    const base = Math.floor(Date.now() / 1000);
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, p) => {
        const who = `${tag}-${p}`;
        for (let i = 1; i <= PER_PERSON; i++) {
          const sealed = seal(appText({ from: who, content: `记 ${i}`, msgId: `${tag.length}${p}${String(i).padStart(3, '0')}${base % 100000}`, createTime: base + i }), { timestamp: String(base) });
          const answers = await Promise.all(Array.from({ length: copies }, () => kit.post(sealed)));
          expect(answers.map((a) => a.status)).toEqual(Array(copies).fill(200));
          // WeCom shows only the answer to the delivery it still waits for — its latest copy. The
          // edge never lets an older copy answer while a newer one waits, and a copy arriving after
          // the answer gets the same answer: so whenever any copy was answered, the latest was too,
          // with the same text.
          const answered = [...new Set(answers.filter((a) => a.text).map((a) => openPassive(a.text).content))];
          expect(answered.length).toBeLessThanOrEqual(1);
          if (answered[0]) passive.set(who, [...(passive.get(who) ?? []), answered[0]]);
        }
      }),
    );
    return passive;
  }

  /** Waits until every reply is out, then past the poll and passive-hold windows, and checks each person. */
  async function settleAndCheck(tag: string, passive: Map<string, string[]>, holdMs: number): Promise<void> {
    const people = Array.from({ length: PEOPLE }, (_, p) => `${tag}-${p}`);
    const inbound = () => transaction(db.ds(), async (tx) => (await orm(tx).getRepository(InboundSchema).find()).filter((r) => people.includes(r.sender)));
    const outbox = () => transaction(db.ds(), async (tx) => (await orm(tx).getRepository(OutboxSchema).find({ order: { id: 'ASC' } })).filter((r) => people.includes(r.recipient)));
    await until(async () => (await inbound()).every((r) => r.status === 'done') && (await outbox()).every((r) => r.status === 'sent' || r.status === 'passive'));
    await new Promise((r) => setTimeout(r, holdMs + 10 * POLL_MS + 500));
    expect(await inbound()).toHaveLength(PEOPLE * PER_PERSON);
    const rows = await outbox();
    expect(rows).toHaveLength(PEOPLE * PER_PERSON); // one reply per message
    expect(rows.filter((r) => r.status !== 'sent' && r.status !== 'passive')).toEqual([]);
    for (const who of people) {
      const conv = await transaction(db.ds(), (tx) => loadConversation(tx, 'app', who));
      expect((conv?.state as { data: { items: string[] } }).data.items).toEqual(Array.from({ length: PER_PERSON }, (_, i) => `记 ${i + 1}`));
      // What the person saw, whichever way it came: each reply once, in order.
      const seen = [...(passive.get(who) ?? []), ...fake.state.texts(who)].sort((a, b) => notes(a) - notes(b));
      expect(seen).toEqual(expected());
      expect(fake.state.texts(who)).toEqual(expected().filter((t) => !(passive.get(who) ?? []).includes(t)));
    }
  }

  it('a 3× retry storm: every message once, in order, nothing sent twice', async () => {
    const kit = edge(300);
    try {
      const passive = await write(kit, 'storm', 3);
      await settleAndCheck('storm', passive, 800);
    } finally {
      await kit.edge.stop();
    }
  }, 90_000);

  it('the API answering -1, 45009, 42001 and slowly, several in a row: 0 failed sends, each once, in order', async () => {
    const kit = edge(0); // no passive answers: every reply goes through the troubled API
    const failedBefore = fake.state.requests.length;
    fake.state.failNext('message/send', -1, 3);
    fake.state.failNext('message/send', 45009, 3);
    fake.state.failNext('message/send', 42001, 4);
    fake.state.failNext('message/send', { slowMs: 400 }, 3);
    fake.state.failNext('message/send', -1, 2);
    try {
      const passive = await write(kit, 'api', 1);
      expect([...passive.values()].flat()).toEqual([]);
      await settleAndCheck('api', passive, 500);
      const sends = fake.state.requests.slice(failedBefore).filter((r) => r.api === 'message/send');
      expect(sends.length).toBeGreaterThan(PEOPLE * PER_PERSON); // the faults were really met
      expect(sends.every((r) => (r.body as { enable_duplicate_check?: number }).enable_duplicate_check === 1)).toBe(true);
    } finally {
      await kit.edge.stop();
    }
  }, 90_000);
});
