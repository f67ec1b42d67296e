import { describe, expect, it } from 'vitest';
import { looksLikeHardshipAccount, readAssistanceRequest, readIncome, readLabour, suddenHardshipHint, withRepeatedCosts } from '../../../src/flows/understand/facts.js';
import { findAmounts } from '../../../src/flows/understand/quantities.js';
import { extractAmounts } from '../../../src/flows/understand/risks.js';

describe('income statements are income, with their period', () => {
  it.each([
    ['一年收入就两千五 家里四口人', { value: 2500, period: 'year', householdSize: 4, perPersonYear: 625 }],
    ['一个月收入八百 两个人过', { value: 800, period: 'month', householdSize: 2, perPersonYear: 4800 }],
    ['全家一年收入不到三千块', { value: 3000, period: 'year' }],
    ['俺家五口人 一年就挣个万把块钱', { value: 10000, period: 'year', householdSize: 5, perPersonYear: 2000 }],
    ['一年到头就落下两千块钱', { value: 2000, period: 'year' }],
  ])('%s', (text, expected) => {
    expect(readIncome(text)).toMatchObject(expected);
  });

  it('an income said only by its magnitude (几千块) gives no figure per person', () => {
    const income = readIncome('一年收入就几千块 家里四口人');
    expect(income).toMatchObject({ value: 2000, text: '几千块' });
    expect(income?.perPersonYear).toBeUndefined();
  });

  it('a cost is no income, and an income is never tied to a risk as its cost', () => {
    expect(readIncome('看病花了三万多')).toBeNull();
    const [income] = extractAmounts('娃娃上大学 一年收入就两千五');
    expect(income).toMatchObject({ kind: 'income', value: 2500 });
    expect(income?.riskType).toBeUndefined();
    expect(extractAmounts('娃娃上大学 学费一年八千')[0]).toMatchObject({ kind: 'cost', riskType: 'schooling' });
  });
});

describe('amounts as people mean them', () => {
  it('a cost per time, repeated: 一次一万多 做了五次 → 五万多', () => {
    const text = '娃娃他爸得了癌症 在西安化疗 一次一万多 做了五次了';
    const [a] = withRepeatedCosts(text, findAmounts(text));
    expect(a).toMatchObject({ value: 50000, approx: 'more', kind: 'cost', text: '一万多 做了五次' });
    expect(extractAmounts(text)[0]).toMatchObject({ value: 50000, riskType: 'illness' });
  });

  it('a cost per month is not multiplied', () => {
    const text = '一个月药钱就七八百 吃了三年了';
    expect(withRepeatedCosts(text, findAmounts(text))[0]?.value).toBe(700);
  });

  it('a cost per day by the days of the stay: 一天就得一千多 住了二十天 → 两万多; a day’s wage is not multiplied', () => {
    const text = '俺男人住院 一天就得一千多 已经住了二十天了';
    expect(withRepeatedCosts(text, findAmounts(text))[0]).toMatchObject({ value: 20000, kind: 'cost' });
    expect(findAmounts('每天八百多')[0]).toMatchObject({ value: 800 });
    expect(findAmounts('一天两顿饭')).toEqual([]);
    const wage = '打零工一天两百 干了二十天';
    expect(withRepeatedCosts(wage, findAmounts(wage))[0]?.value).toBe(200);
  });

  it('掏, 自付, 垫 are costs', () => {
    expect(findAmounts('自己掏了三万多')[0]).toMatchObject({ value: 30000, kind: 'cost' });
    expect(findAmounts('自付两万')[0]).toMatchObject({ value: 20000, kind: 'cost' });
  });
});

describe('the labour situation', () => {
  it.each([
    ['男人瘫在炕上 我一个人拉扯三个娃', 'none', ['瘫在炕上', '一个人拉扯']],
    ['家里没劳力 就我一个老婆子', 'none', ['没劳力']],
    ['我肺上有毛病 干不了重活', 'weak', ['干不了重活']],
    ['老汉走了 我一个人拉扯两个娃娃', 'weak', ['一个人拉扯']],
  ] as const)('%s → %s', (text, situation, evidence) => {
    expect(readLabour(text)).toEqual({ situation, evidence });
  });

  it('nothing said of labour: null', () => {
    expect(readLabour('娃娃上大学学费高')).toBeNull();
  });
});

describe('a request for 低保 or 救助', () => {
  it.each([
    ['俺想申请低保 男人有病干不了活', ['dibao'], ['低保']],
    ['能不能给办个医疗救助', ['medical_aid'], ['医疗救助']],
    ['想申请临时救助', ['temporary_aid'], ['临时救助']],
    ['家里困难 求政府救助一下', ['aid'], ['救助']],
  ] as const)('%s', (text, kinds, evidence) => {
    expect(readAssistanceRequest(text)).toEqual({ kinds, evidence });
  });

  it('no request: null', () => {
    expect(readAssistanceRequest('老汉住院了')).toBeNull();
  });
});

describe('the one rule of the 突发严重困难 hint', () => {
  const illness = ['illness'];
  it('a cost or loss of an illness, accident or disaster at or above the threshold', () => {
    expect(suddenHardshipHint([{ value: 30000, kind: 'cost', riskType: 'illness' }], illness, 10000)).toBe(true);
    expect(suddenHardshipHint([{ value: 20000, kind: 'unknown' }], ['accident'], 10000)).toBe(true);
    expect(suddenHardshipHint([{ value: 9999, kind: 'cost', riskType: 'illness' }], illness, 10000)).toBe(false);
  });

  it('follows the configured threshold', () => {
    expect(suddenHardshipHint([{ value: 12000, kind: 'cost' }], illness, 15000)).toBe(false);
    expect(suddenHardshipHint([{ value: 12000, kind: 'cost' }], illness, 5000)).toBe(true);
  });

  it('never from an income, nor from school costs alone', () => {
    expect(suddenHardshipHint([{ value: 30000, kind: 'income' }], illness, 10000)).toBe(false);
    expect(suddenHardshipHint([{ value: 40000, kind: 'cost', riskType: 'schooling' }], ['schooling'], 10000)).toBe(false);
  });
});

describe('an account in words no risk rule knows', () => {
  it('is taken as an account', () => {
    expect(looksLikeHardshipAccount('老汉腿脚不利索了 走路得拄拐')).toBe(true);
  });
  it('a question for a person or about the procedure is not', () => {
    expect(looksLikeHardshipAccount('俺们村网格员是谁，电话多少')).toBe(false);
    expect(looksLikeHardshipAccount('申报要花钱不')).toBe(false);
  });
});

describe('a period and a little, with no word of spending, is income', () => {
  it.each([
    ['一年就两千五 家里四口人', 2500, 'year'],
    ['一个月才八百', 800, 'month'],
  ] as const)('%s', (text, value, period) => {
    expect(readIncome(text)).toMatchObject({ value, period });
  });
  it('a cost said per year stays a cost', () => {
    expect(findAmounts('学费一年八千')[0]?.kind).toBe('cost');
    expect(findAmounts('药费一年就一万多')[0]?.kind).toBe('cost');
  });
});
