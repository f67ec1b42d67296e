/**
 * Only a single plain-text reply can go out in the HTTP answer; every other reply must not wait
 * for that chance (an official's markdown progress answer used to sit 2 s for nothing).
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
  it('holds a single text, and sends markdown or several replies at once', async () => {
    // A budget of 0: the HTTP answer never waits, so every reply stays in the outbox to look at.
    const kit = edgeKit(db.ds(), { flows, replyBudgetMs: 0 });
    const cases = [
      ['一句', 'hold-1', true],
      ['进度', 'hold-2', false],
      ['两句', 'hold-3', false],
    ] as const;
    for (const [content, msgId] of cases) expect((await kit.post(seal(appText({ from: 'wangwu', content, msgId })))).status).toBe(200);
    await kit.edge.processor.idle();
    for (const [, msgId, held] of cases) {
      const rows = await outboxOf(db.ds(), `app:msg:${msgId}`);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.nextAttemptAt > T0).toBe(held);
    }
    await kit.edge.stop();
  });
});
