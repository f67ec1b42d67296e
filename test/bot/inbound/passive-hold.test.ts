/**
 * Only a single plain-text reply can go out in the HTTP answer, and only when a reply budget is
 * set (REPLY_BUDGET_MS); every other reply must not wait for that chance (an official's markdown
 * progress answer used to sit 2 s for nothing), and without a budget nothing waits.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { appText, edgeKit, outboxOf, seal, T0 } from '../../helpers/edge-kit.js';
import type { Flow, Reply } from '../../../src/flows/types.js';

const replying = (word: string, replies: Reply[]): Flow => ({
  name: `reply-${word}`,
  version: 1,
  matches: (i) => i.type === 'text' && i.text === word,
  start: () => ({ status: 'done', effects: replies.map((reply) => ({ type: 'reply' as const, reply })) }),
  step: () => ({ status: 'done', effects: [] }),
});

const flows = [
  replying('一句', [{ type: 'text', text: '好的' }]),
  replying('进度', [{ type: 'markdown', markdown: '**高家堡镇** 已排查 12 户', fallback: '高家堡镇 已排查 12 户' }]),
  replying('两句', [
    { type: 'text', text: '第一句' },
    { type: 'text', text: '第二句' },
  ]),
];

describeEachDatabase('replies held for the passive answer', (db) => {
  it('with a reply budget: a single text is held and answered in the callback; markdown or several replies go at once', async () => {
    const kit = edgeKit(db.ds(), { flows, replyBudgetMs: 1500 });
    const cases = [
      ['一句', 'hold-1', true],
      ['进度', 'hold-2', false],
      ['两句', 'hold-3', false],
    ] as const;
    for (const [content, msgId, passive] of cases) {
      const res = await kit.post(seal(appText({ from: 'wangwu', content, msgId })));
      expect(res.status).toBe(200);
      expect(res.text !== '').toBe(passive);
    }
    await kit.edge.processor.idle();
    for (const [, msgId, passive] of cases) {
      const rows = await outboxOf(db.ds(), `app:msg:${msgId}`);
      expect(rows.length).toBeGreaterThan(0);
      // The passive one was held, then taken by the callback; the others were due at once.
      for (const r of rows) expect(r.status === 'passive').toBe(passive);
      if (!passive) for (const r of rows) expect(r.nextAttemptAt <= T0).toBe(true);
    }
    await kit.edge.stop();
  });

  it('without a reply budget (the default) the callback answers empty at once and nothing is held', async () => {
    const kit = edgeKit(db.ds(), { flows, replyBudgetMs: 0 });
    for (const [content, msgId] of [['一句', 'nohold-1'], ['进度', 'nohold-2'], ['两句', 'nohold-3']] as const) {
      const res = await kit.post(seal(appText({ from: 'wangwu', content, msgId })));
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    }
    await kit.edge.processor.idle();
    for (const msgId of ['nohold-1', 'nohold-2', 'nohold-3']) {
      const rows = await outboxOf(db.ds(), `app:msg:${msgId}`);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect([r.status, r.nextAttemptAt <= T0]).toEqual(['pending', true]);
    }
    await kit.edge.stop();
  });

  it('wakes the outbox sender once a message’s replies are committed (they go out at once, not at its next poll)', async () => {
    let wakes = 0;
    const silent: Flow = { name: 'silent', version: 1, matches: (i) => i.type === 'text' && i.text === '不回', start: () => ({ status: 'done', effects: [] }), step: () => ({ status: 'done', effects: [] }) };
    const kit = edgeKit(db.ds(), { flows: [...flows, silent], replyBudgetMs: 0, afterReplies: () => wakes++ });
    await kit.post(seal(appText({ from: 'wangwu', content: '不回', msgId: 'wake-1' })));
    await kit.edge.processor.idle();
    expect(wakes).toBe(0);
    await kit.post(seal(appText({ from: 'wangwu', content: '两句', msgId: 'wake-2' })));
    await kit.edge.processor.idle();
    expect(wakes).toBe(1);
    await kit.edge.stop();
  });
});
