/**
 * The village cadre's corpus as a gate: every item taken by the flow it names (cadre.corpus.ts
 * says how each is judged), and the judge can fail.
 */
import { describe, expect, it } from 'vitest';
import { judgeCadre, runCadreCorpus } from './cadre.corpus.js';
import { CADRE_ITEMS } from './cadre.items.js';

describe('village cadres’ requests (corpus)', () => {
  it('the judge fails another flow, a record stored by it, and nothing understood', () => {
    expect(judgeCadre(['开研判会', 'field/meeting'], 'field/meeting', false).verdict).toBe('correct');
    expect(judgeCadre(['开研判会', 'field/meeting'], 'field/review', false).verdict).toBe('wrong');
    expect(judgeCadre(['开研判会', 'field/meeting'], 'field/activity', true).verdict).toBe('silent_misrecord');
    expect(judgeCadre(['开研判会', 'field/meeting'], null, false).verdict).toBe('not_understood');
  });

  it('every request is taken by its flow at the first message, nothing stored by another', async () => {
    const results = await runCadreCorpus();
    expect(results).toHaveLength(CADRE_ITEMS.length);
    expect(results.filter((r) => r.verdict !== 'correct').map((r) => `${r.id} ${r.verdict} ${r.text} :: ${r.detail}`)).toEqual([]);
  }, 60_000);
});
