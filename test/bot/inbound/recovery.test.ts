import supertest from 'supertest';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { appText, crypto, edgeKit, inboundOf, OFFICIAL, outboxOf, queryString, seal, T0, textsOf } from '../../helpers/edge-kit.js';
import { tallyFlow } from '../../helpers/test-flows.js';
import { createApp } from '../../../src/bot/http/app.js';
import { silentLogger } from '../../../src/bot/log.js';
import { helpFlow } from '../../../src/flows/help.js';
import { transaction } from '../../../src/persistence/db.js';
import { claimConversation, ensureConversation } from '../../../src/persistence/conversation.js';
import { claimInbound } from '../../../src/persistence/inbound.js';

describeEachDatabase('crash recovery', (db) => {
  /** A server that stores and acknowledges, then "crashes" before processing anything. */
  function crashingServer() {
    const app = createApp({
      db: db.ds(),
      log: silentLogger(),
      wecom: { crypto, corpId: OFFICIAL.corpId },
      processor: { kick: () => undefined, waitFor: async () => null },
      clock: () => T0,
      maxClockSkewS: 300,
      callbackMaxBytes: 256 * 1024,
      replyBudgetMs: 50,
    });
    const request = supertest(app.callback());
    return (from: string, content: string, msgId: string) => {
      const s = seal(appText({ from, content, msgId }));
      return request.post(`/wecom/callback?${queryString(s.query)}`).type('text/xml').send(s.body);
    };
  }

  it('a message stored but never processed is answered by the next instance at start', async () => {
    const post = crashingServer();
    const res = await post('wangwu', '帮助', 'crash-1');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect((await inboundOf(db.ds(), 'app:msg:crash-1'))?.status).toBe('pending');

    const next = edgeKit(db.ds(), { flows: [helpFlow], instanceId: 'restarted' });
    next.edge.start();
    await next.edge.sweeper.stop();
    await next.edge.processor.idle();
    expect((await inboundOf(db.ds(), 'app:msg:crash-1'))?.status).toBe('done');
    const replies = await outboxOf(db.ds(), 'app:msg:crash-1');
    expect(replies.map((o) => o.status)).toEqual(['pending']);
    expect(textsOf(replies)[0]).toContain('王五');
    await next.edge.stop();
  });

  it('a message a dead instance was processing is taken over once its leases expire, exactly once', async () => {
    const post = crashingServer();
    await post('crash-user', '记 甲', 'crash-2');
    const row = await inboundOf(db.ds(), 'app:msg:crash-2');
    // The dead instance had claimed the sender and the row, then died.
    await transaction(db.ds(), async (tx) => {
      await ensureConversation(tx, 'app', 'crash-user', T0);
      expect(await claimConversation(tx, 'app', 'crash-user', 'dead', T0, 60_000)).toBe(true);
      expect(await claimInbound(tx, row!.id, 'dead', T0, 60_000)).toBe(true);
    });

    const next = edgeKit(db.ds(), { flows: [tallyFlow], instanceId: 'survivor', leaseMs: 60_000 });
    next.clock.now = T0 + 30_000;
    await next.edge.sweeper.sweepOnce();
    await next.edge.processor.idle();
    expect((await inboundOf(db.ds(), 'app:msg:crash-2'))?.status).toBe('processing');

    next.clock.now = T0 + 61_000;
    await next.edge.sweeper.sweepOnce();
    await next.edge.processor.idle();
    await next.edge.sweeper.sweepOnce();
    await next.edge.processor.idle();
    const done = await inboundOf(db.ds(), 'app:msg:crash-2');
    expect(done).toMatchObject({ status: 'done', claimedBy: 'survivor', attempts: 2 });
    expect(textsOf(await outboxOf(db.ds(), 'app:msg:crash-2'))).toEqual(['已记：记 甲\n（回复“取消”可退出）']);
    await next.edge.stop();
  });
});
