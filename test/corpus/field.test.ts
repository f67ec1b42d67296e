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

  it('the judge can fail: another household, another value, nothing understood, a wrong echo', async () => {
    const results = await runFieldCorpus('sqlite', [
      ['x1', 'g', '排查 马有福 入户 无风险 了解政策', '刘有才 入户 无 知'],
      ['x2', 'g', '马有福家入户 无风险 了解政策', '马有福 电话 无 知'],
      ['x3', 'g', '你好', '马有福 入户 无 知'],
      ['x4', 'g', '马有福、刘有才两户都入户了，都没风险，政策都了解', '马有福 入户 无 知 ; 刘有才 入户 有 知'],
      ['x5', 'g', '排查 马有富 入户 无风险 了解政策', '?sounds 马有福 入户 无 知'],
    ]);
    expect(results.map((r) => [r.id, r.verdict, r.firstMessage])).toEqual([
      ['x1', 'silent_misrecord', false],
      ['x2', 'silent_misrecord', false],
      ['x3', 'not_understood', false],
      ['x4', 'wrong', false],
      ['x5', 'asked', false],
    ]);
  }, 60_000);

  for (const engine of ['sqlite', 'mariadb'] as const) {
    it(`is understood on ${engine}: 0 silent misrecords, ≥ 95 % correct or asked, ≥ 85 % at the first message`, async () => {
      const results = await runFieldCorpus(engine);
      expect(results).toHaveLength(FIELD_ITEMS.length);
      const silent = results.filter((r) => r.verdict === 'silent_misrecord');
      expect(silent.map((r) => `${r.id} ${r.text} :: ${r.detail}`)).toEqual([]);
      const ok = results.filter((r) => r.verdict === 'correct' || r.verdict === 'asked').length / results.length;
      const first = results.filter((r) => r.firstMessage).length / results.length;
      const misses = results.filter((r) => r.verdict !== 'correct' && r.verdict !== 'asked').map((r) => `${r.id} ${r.verdict} ${r.text} :: ${r.detail}`);
      expect(ok, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
      expect(first).toBeGreaterThanOrEqual(0.85);
    }, 240_000);
  }
});
