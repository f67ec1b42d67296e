/**
 * The officials' corpus must hold its targets: no silent misrecord (numbers of another place or
 * view given as the answer), ≥ 95 % answered right or helpfully asked, ≥ 85 % at the first message.
 */
import { describe, expect, it } from 'vitest';
import { judgeOfficial, runOfficialCorpus } from './official.corpus.js';
import { OFFICIAL_ITEMS } from './official.items.js';

describe('officials’ questions (corpus)', () => {
  it('has at least 100 questions, each judged', async () => {
    expect(OFFICIAL_ITEMS.length).toBeGreaterThanOrEqual(100);
    expect(await runOfficialCorpus()).toHaveLength(OFFICIAL_ITEMS.length);
  });

  it('no silent misrecord; ≥ 95 % right or asked; ≥ 85 % understood at the first message', async () => {
    const results = await runOfficialCorpus();
    expect(results.filter((r) => r.verdict === 'silent_misrecord').map((r) => `${r.id} ${r.text} — ${r.detail}`)).toEqual([]);
    const misses = results.filter((r) => r.verdict !== 'correct').map((r) => `${r.id} ${r.verdict} ${r.text} — ${r.detail}`).join('\n');
    expect(results.filter((r) => r.verdict === 'correct' || r.verdict === 'asked').length / results.length, misses).toBeGreaterThanOrEqual(0.95);
    expect(results.filter((r) => r.firstMessage).length / results.length, misses).toBeGreaterThanOrEqual(0.85);
  });

  it('a question about the asker’s own area never says a place was not found (no “没有找到“还”这个地方”)', async () => {
    const results = await runOfficialCorpus();
    const own = results.filter((_, i) => /@own$/.test(OFFICIAL_ITEMS[i]?.[2] ?? ''));
    expect(own.length).toBeGreaterThan(50);
    expect(own.filter((r) => /没有找到|没看出/.test(r.detail ?? '')).map((r) => `${r.text} — ${r.detail}`)).toEqual([]);
  });

  it('the judge fails another place’s numbers, a missing refusal and the general menu', () => {
    const gjb = '高家堡镇排查进度（截至5月12日）\n排查覆盖：4/6户';
    expect(judgeOfficial(['凉水井村进度', 'town', 'P@LSJ'], [gjb]).verdict).toBe('silent_misrecord');
    expect(judgeOfficial(['凉水井村进度', 'town', 'P@LSJ'], ['没有找到“凉水井”这个地方，以下是您的辖区高家堡镇的情况：', gjb]).verdict).toBe('wrong');
    expect(judgeOfficial(['店塔镇进度', 'town', 'refuse'], [gjb]).verdict).toBe('silent_misrecord');
    expect(judgeOfficial(['进度', 'town', 'P@own'], ['没太明白“进度”。发送“帮助”查看您可以办的事。']).verdict).toBe('not_understood');
    expect(judgeOfficial(['进度', 'town', 'P@own'], [gjb]).verdict).toBe('correct');
  });
});
