import { describe, expect, it } from 'vitest';
import { screeningDayIn, withoutDayWords } from '../../../src/flows/field/screening-day.js';

// 2022-07-05 is a Tuesday.
const TODAY = '2022-07-05';
const day = (text: string) => screeningDayIn(text, TODAY, 2022);

describe('the day a screening report says it was made', () => {
  it.each([
    ['上礼拜四入的户 白秀兰家 没啥风险', '2022-06-30'],
    ['昨天去陈兰家看了 挺好的 政策了解', '2022-07-04'],
    ['排查 折二娃 入户 无风险 了解政策 3号去的', '2022-07-03'],
    ['前天电话问了刘军家 他说没啥事', '2022-07-03'],
    ['杨建萍家前天入户了 没风险', '2022-07-03'],
    ['陈兰家昨天去看了 挺好的', '2022-07-04'],
    ['6月28日入户 马有福家 无风险', '2022-06-28'],
    ['排查 马有福 入户 无风险 了解政策', null],
    ['排查 杨建平 入户 有风险 老汉前天住院了 了解政策', null],
    ['马有福家 有风险 儿子昨天去医院了', null],
    ['王在田家3号楼漏水 入户了', null],
    ['昨天电话没打通 今天入户了 马有福家 没风险', '2022-07-05'],
    ['前天去了两趟都没人 昨天电话问了 马有福家', '2022-07-04'],
    ['昨天入户的 马有福家 家里没人生病', '2022-07-04'],
  ])('“%s” → %s', (text, want) => {
    const r = day(text);
    expect(r.kind === 'day' ? r.day : r.kind === 'none' ? null : r).toBe(want);
  });

  it('asks what it cannot take: a week with no day, a day to come, another year', () => {
    expect(day('排查 陈兰 入户 无风险 上礼拜去的')).toMatchObject({ kind: 'ask', why: 'vague', words: '上礼拜' });
    expect(day('28号入户的 高志明家')).toMatchObject({ kind: 'ask', why: 'coming', guess: '2022-06-28' });
    expect(day('7月8日入户的 高志明家')).toMatchObject({ kind: 'ask', why: 'future', day: '2022-07-08' });
    expect(day('去年12月3日去的 高志明家')).toMatchObject({ kind: 'ask', why: 'outside', day: '2021-12-03' });
  });

  it('the day words are no part of the rest of the report', () => {
    const text = '上礼拜四入的户 白秀兰家 没啥风险';
    expect(withoutDayWords(text, day(text)).trim()).toBe('入的户 白秀兰家 没啥风险');
  });
});
