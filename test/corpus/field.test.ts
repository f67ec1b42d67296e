/**
 * The grid-worker corpus as a gate: no silent misrecord, at least 95 % recorded or helpfully
 * asked, at least 85 % understood at the first message (field.corpus.ts says how each is judged).
 */
import { describe, expect, it } from 'vitest';
import { runFieldCorpus } from './field.corpus.js';
import { FIELD_ITEMS } from './field.items.js';

describe('grid-worker corpus', () => {
  it('has at least 150 realistic reports, each with an expectation', () => {
    expect(FIELD_ITEMS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(FIELD_ITEMS.map((i) => i[0])).size).toBe(FIELD_ITEMS.length);
  });

  it('is understood: 0 silent misrecords, ≥ 95 % correct or asked, ≥ 85 % at the first message', async () => {
    const results = await runFieldCorpus();
    expect(results).toHaveLength(FIELD_ITEMS.length);
    const silent = results.filter((r) => r.verdict === 'silent_misrecord');
    expect(silent.map((r) => `${r.id} ${r.text} :: ${r.detail}`)).toEqual([]);
    const ok = results.filter((r) => r.verdict === 'correct' || r.verdict === 'asked').length / results.length;
    const first = results.filter((r) => r.firstMessage).length / results.length;
    const misses = results.filter((r) => r.verdict !== 'correct' && r.verdict !== 'asked').map((r) => `${r.id} ${r.verdict} ${r.text} :: ${r.detail}`);
    expect(ok, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(first).toBeGreaterThanOrEqual(0.85);
  }, 120_000);
});
