/**
 * Sums said by the day, the month or the year: the period kept beside the sum as said, the
 * 突发严重困难 hint comparing a year of a cost by the day with its yearly line (a sum by the month or
 * the year is a running cost, compared as said), and no yearly figure stored or shown.
 */
import { describe, expect, it } from 'vitest';
import { hintYuan, periodBefore } from '../../../src/flows/farmer/amount-periods.js';
import { addStory, amountsLine, emptyDraft, riskTypesOf, suspectsSuddenHardship, withoutTakenBack } from '../../../src/flows/farmer/declaration.js';

const story = (t: string) => addStory(emptyDraft(), t);

describe('a sum said by the day, the month or the year', () => {
  it.each([
    ['老汉在ICU 一天就得', '好几千', 'day'],
    ['住院每天', '八百', 'day'],
    ['吃药一个月', '两千', 'month'],
    ['学费一年', '八千', 'year'],
    ['看病花了', '三万多', null],
    ['一天', '八百 已经住了二十天', null],
  ])('“%s%s” → %s', (before, sum, per) => {
    expect(periodBefore(before, sum)).toBe(per);
  });

  it('the hint compares a year of a cost by the day; a sum by the month or the year (a running cost) as said', () => {
    expect([hintYuan({ value: 800, per: 'day' }), hintYuan({ value: 2000, per: 'month' }), hintYuan({ value: 8000, per: 'year' }), hintYuan({ value: 8000 })]).toEqual([292_000, 2000, 8000, 8000]);
  });

  it('a chronic cost by the month (“一个月得两千多” of medicine) is no 突发严重困难, but keeps its period', () => {
    const d = story('我家娃娃肾病综合征 一直在吃激素 一个月得两千多');
    expect(suspectsSuddenHardship(d)).toBe(false);
    expect(amountsLine(d)).toBe('两千多/月（因病）');
  });

  it('“ICU一天就得好几千”, “住院一天八百”: the hint is given; the sum stays as said, with its period', () => {
    for (const t of ['老汉出车祸了现在在ICU 一天就得好几千', '住院一天八百']) {
      const d = story(t);
      expect(suspectsSuddenHardship(d), t).toBe(true);
      expect(d.amounts.map((a) => a.per), t).toEqual(['day']);
      expect(amountsLine(d), t).toMatch(/^(?:好几千|八百)\/天（因病）$/);
    }
    expect(story('住院一天八百').amounts[0]?.value).toBe(800);
  });

  it('the same sums said once are below the line: no hint (the period decides, not the words around it)', () => {
    expect(suspectsSuddenHardship(story('老汉住院了 花了八百'))).toBe(false);
    expect(suspectsSuddenHardship(story('老汉住院了 花了好几千'))).toBe(false);
  });

  it('a sum per day already totalled by the days said is a total, not a rate', () => {
    const d = story('娃娃得了肺炎住院 一天八百 已经住了二十天了');
    expect(d.amounts.map((a) => [a.value, a.per])).toEqual([[16000, undefined]]);
  });

  it('a yearly school cost is no 突发严重困难, whatever its period', () => {
    expect(suspectsSuddenHardship(story('娃娃上大学学费交不起 一年一万二'))).toBe(false);
  });
});

describe('a hardship taken back before the summary is submitted', () => {
  it('“不对 房子没事 就是老汉住院” drops 因安全住房 and keeps 因病 and the words', () => {
    const d = story('房子漏雨 还有老汉住院了');
    const after = withoutTakenBack(d, '不对 房子没事 就是老汉住院');
    expect(riskTypesOf(after!)).toEqual(['illness']);
    expect(after!.words).toEqual(['房子漏雨 还有老汉住院了', '不对 房子没事 就是老汉住院']);
  });

  it('takes nothing back when the words deny nothing said, or would deny every hardship', () => {
    expect(withoutTakenBack(story('房子漏雨 还有老汉住院了'), '娃上学也要钱')).toBeNull();
    expect(withoutTakenBack(story('房子漏雨了'), '房子没事')).toBeNull();
    // “人没事” names no hardship said (a single character is no one's words).
    expect(withoutTakenBack(story('病人在医院 房子也塌了'), '人没事 就是花钱多')).toBeNull();
  });
});
