import { describe, expect, it } from 'vitest';
import { findAmounts, findQuantities, parseAmount, parseChineseNumber, parseCount } from '../../../src/flows/understand/index.js';

const range = (min: number, max: number) => ({ value: min, approx: 'about', range: { min, max } });

describe('parseChineseNumber', () => {
  it.each([
    ['0', { value: 0 }], ['7', { value: 7 }], ['12', { value: 12 }], ['１２', { value: 12 }], ['30,000', { value: 30000 }],
    ['1.5', { value: 1.5 }], ['十', { value: 10 }], ['十二', { value: 12 }], ['二十', { value: 20 }], ['二十五', { value: 25 }],
    ['一百零五', { value: 105 }], ['一百五', { value: 150 }], ['两百五十', { value: 250 }], ['一千零五', { value: 1005 }],
    ['两千五', { value: 2500 }], ['三万五', { value: 35000 }], ['一万二千五', { value: 12500 }], ['十万八千', { value: 108000 }],
    ['一亿三千万', { value: 130000000 }], ['壹万贰仟', { value: 12000 }], ['1.5万', { value: 15000 }], ['一点五万', { value: 15000 }],
    ['3万5', { value: 35000 }], ['3万', { value: 30000 }], ['5k', { value: 5000 }], ['3w', { value: 30000 }],
    ['二〇二二', { value: 2022 }],
    // rough
    ['3万多', { value: 30000, approx: 'more' }], ['三万多', { value: 30000, approx: 'more' }], ['３万多', { value: 30000, approx: 'more' }],
    ['三十多万', { value: 300000, approx: 'more' }], ['十几万', { value: 100000, approx: 'more' }], ['二十几', { value: 20, approx: 'more' }],
    ['一百多', { value: 100, approx: 'more' }], ['一千来', { value: 1000, approx: 'about' }], ['一万左右', { value: 10000, approx: 'about' }],
    ['大约三千', { value: 3000, approx: 'about' }], ['将近一万', { value: 10000, approx: 'less' }], ['不到五千', { value: 5000, approx: 'less' }],
    ['上万', { value: 10000, approx: 'more' }], ['一万出头', { value: 10000, approx: 'more' }], ['大约三万多', { value: 30000, approx: 'more' }],
    // ranges
    ['两三千', range(2000, 3000)], ['五六百', range(500, 600)], ['十五六', range(15, 16)], ['三四十', range(30, 40)],
    ['二三十万', range(200000, 300000)], ['三千五六', range(3500, 3600)], ['一两', range(1, 2)],
    ['2-3万', range(20000, 30000)], ['两到三万', range(20000, 30000)], ['2万到3万', range(20000, 30000)], ['1~3', range(1, 3)],
  ])('%j → %j', (text, expected) => {
    expect(parseChineseNumber(text)).toEqual(expected);
  });

  it.each(['', '几个', '几十', '几', '很多', '百', '万', '十百', '一三五', '三万多多', '3-2', '好几', '一点', 'abc', '三个'])('%j is no number', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });

  // A magnitude without a digit is a vague range: its lower bound is never above what was meant.
  const vague = (min: number, max: number) => ({ value: min, approx: 'about', range: { min, max }, vague: true });
  it.each([
    ['几千', vague(2000, 9000)], ['好几千', vague(2000, 9000)], ['好几万', vague(20000, 90000)], ['几万', vague(20000, 90000)],
    ['大几千', vague(5000, 9000)], ['大几万', vague(50000, 90000)], ['几十万', vague(200000, 900000)],
    ['小一万', { value: 10000, approx: 'less' }], ['小两万', { value: 20000, approx: 'less' }],
  ])('%j → %j (only a magnitude said)', (text, expected) => {
    expect(parseChineseNumber(text)).toEqual(expected);
  });
});

describe('amounts said only by their magnitude', () => {
  it.each([
    ['俺婆姨在西安做手术 一天就得好几千', '好几千', 2000],
    ['家里花了好几万看病', '好几万', 20000],
    ['老汉脑梗 住了一个月院 花了大几千', '大几千', 5000],
    ['花了小一万', '小一万', 10000],
  ])('%j: the words quoted, the lower bound as value', (text, words, value) => {
    const [a, ...more] = findAmounts(text);
    expect(more).toEqual([]);
    expect(a?.text).toBe(words);
    expect(a?.value).toBe(value);
  });

  it('a magnitude is no count: 几个人, 几十只羊 and 二十几 inside 十几万 stay as they were', () => {
    expect(findAmounts('来了几个人 死了几十只羊')).toEqual([]);
    expect(findAmounts('花了十几万').map((a) => [a.text, a.value, a.approx])).toEqual([['十几万', 100000, 'more']]);
  });
});

describe('findQuantities', () => {
  it('finds every number with its place, rough words included', () => {
    expect(findQuantities('两个孩子上学一年花两三万').map((q) => [q.start, q.end, q.quantity.value])).toEqual([
      [0, 1, 2],
      [6, 7, 1],
      [9, 12, 20000],
    ]);
    expect(findQuantities('花了将近一万，还差三千左右')).toEqual([
      { start: 2, end: 6, quantity: { value: 10000, approx: 'less' } },
      { start: 9, end: 13, quantity: { value: 3000, approx: 'about' } },
    ]);
  });
});

describe('parseAmount', () => {
  it.each([
    ['花了三万多', { value: 30000, approx: 'more', text: '三万多', kind: 'cost' }],
    ['一千来块', { value: 1000, approx: 'about', text: '一千来块', kind: 'unknown' }],
    ['看病花了3000', { value: 3000, text: '3000', kind: 'cost' }],
    ['收入5000元', { value: 5000, text: '5000元', kind: 'income' }],
    ['收入大概3000', { value: 3000, approx: 'about', text: '大概3000', kind: 'income' }],
    ['赔了将近两万', { value: 20000, approx: 'less', text: '将近两万', kind: 'loss' }],
    ['损失上万', { value: 10000, approx: 'more', text: '上万', kind: 'loss' }],
    ['欠了外债5万多', { value: 50000, approx: 'more', text: '5万多', kind: 'cost' }],
    ['一共花了30,000元', { value: 30000, text: '30,000元', kind: 'cost' }],
    ['两三千块', { value: 2000, approx: 'about', range: { min: 2000, max: 3000 }, text: '两三千块', kind: 'unknown' }],
    ['花了１．５万', { value: 15000, text: '１．５万', kind: 'cost' }],
    ['学费一年八千', { value: 8000, text: '八千', kind: 'cost' }],
    ['挣了2w', { value: 20000, text: '2w', kind: 'income' }],
    ['差不多有三万', { value: 30000, approx: 'about', text: '差不多有三万' }],
    ['外债十几万', { value: 100000, approx: 'more', text: '十几万', kind: 'cost' }],
    ['一个月一千五', { value: 1500, text: '一千五' }],
    ['花了1万2', { value: 12000, text: '1万2', kind: 'cost' }],
    ['每年收入也就七八千', { value: 7000, approx: 'about', range: { min: 7000, max: 8000 }, kind: 'income' }],
  ])('%j → %j', (text, expected) => {
    expect(parseAmount(text)).toMatchObject(expected);
  });

  it.each(['两个孩子', '住院300天', '养了50只羊', '2021年', '住了3天', '最近三个月', '家里5口人', '种了三万多亩', '5月3日', '一般', '一共三个人', '没花钱'])(
    '%j holds no money',
    (text) => {
      expect(parseAmount(text)).toBeNull();
    },
  );

  it('finds every amount in order, with where it stands', () => {
    const found = findAmounts('2021年收入5000元，看病花了三万多');
    expect(found.map((a) => [a.text, a.value, a.kind])).toEqual([
      ['5000元', 5000, 'income'],
      ['三万多', 30000, 'cost'],
    ]);
    expect(found[1]?.start).toBe(17);
  });
});

describe('parseCount', () => {
  it.each([
    ['三户', undefined, { value: 3, unit: '户' }],
    ['十二人', undefined, { value: 12, unit: '人' }],
    ['5口人', undefined, { value: 5, unit: '口人' }],
    ['家里５口人', undefined, { value: 5, unit: '口人' }],
    ['我们村一共两百三十户', undefined, { value: 230, unit: '户' }],
    ['三个人', undefined, { value: 3, unit: '个人' }],
    ['十来户', undefined, { value: 10, approx: 'about', unit: '户' }],
    ['五六个人', undefined, { value: 5, approx: 'about', range: { min: 5, max: 6 }, unit: '个人' }],
    ['羊50只', ['只', '头'], { value: 50, unit: '只' }],
  ] as const)('%j (%j) → %j', (text, units, expected) => {
    expect(parseCount(text, units)).toEqual(expected);
  });

  it.each(['羊50只', '花了三万', '2021年', '人很多', '1.5户'])('%j holds no count of people or households', (text) => {
    expect(parseCount(text)).toBeNull();
  });
});
