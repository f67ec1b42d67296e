import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../src/domain/phone.js';
import {
  keyGroupsLabel,
  parseHealth,
  parseHouseholdType,
  parseKeyGroups,
  parseLabour,
  parseSchooling,
  parseYear,
  parseYesNo,
  type Parsed,
} from '../../src/domain/register-labels.js';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

describe('register values as offices write them', () => {
  it.each([
    ['普通劳动力', ok('normal')],
    ['技能劳动力', ok('normal')],
    [' 弱劳动力或半劳动力 ', ok('weak')],
    ['丧失劳动力', ok('none')],
    ['无劳动力', ok('none')],
    ['能干活', { ok: false, message: '劳动能力「能干活」无法识别（可填：普通劳动力、弱劳动力或半劳动力、无劳动力）' }],
    ['', { ok: false, message: '劳动能力「」无法识别（可填：普通劳动力、弱劳动力或半劳动力、无劳动力）' }],
  ])('劳动能力 %s', (input, expected) => {
    expect(parseLabour(input)).toEqual(expected);
  });

  it.each([
    ['健康', ok('healthy')],
    ['长期慢性病', ok('chronic_illness')],
    ['患有大病', ok('serious_illness')],
    ['残疾', ok('disabled')],
    ['感冒', { ok: false, message: '健康状况「感冒」无法识别（可填：健康、长期慢性病、患有大病、残疾）' }],
  ])('健康状况 %s', (input, expected) => {
    expect(parseHealth(input)).toEqual(expected);
  });

  it.each([
    ['', ok('none')],
    ['非在校生', ok('none')],
    ['七年级', ok('compulsory')],
    ['高中', ok('high_school')],
    ['中职', ok('vocational')],
    ['本科', ok('college')],
    ['辍学', ok('dropout')],
    ['学前教育', ok('preschool')],
    ['留级', { ok: false, message: '在校情况「留级」无法识别（可填：非在校生、学前教育、义务教育、普通高中、中职、大专及以上、辍学）' }],
  ])('在校情况 %s', (input, expected) => {
    expect(parseSchooling(input)).toEqual(expected);
  });

  it.each([
    ['脱贫户', ok('alleviated')],
    ['一般农户', ok('general')],
    ['一般户', ok('general')],
    ['边缘易致贫户', { ok: false, message: '户类型「边缘易致贫户」是监测对象类别，户类型只能填脱贫户或一般农户' }],
    ['贫困户', { ok: false, message: '户类型「贫困户」无法识别（可填：脱贫户、一般农户）' }],
  ])('户类型 %s', (input, expected) => {
    expect(parseHouseholdType(input)).toEqual(expected);
  });

  it.each([
    ['是', ok(true)],
    ['Y', ok(true)],
    ['√', ok(true)],
    ['否', ok(false)],
    ['', ok(false)],
    ['可能', { ok: false, message: '是否低保「可能」应填“是”或“否”' }],
  ])('是否低保 %s', (input, expected) => {
    expect(parseYesNo(input, '是否低保')).toEqual(expected);
  });

  it.each([
    ['', ok(null)],
    ['2019', ok(2019)],
    ['２０１９年', ok(2019)],
    ['19', { ok: false, message: '脱贫年度「19」应为四位年份，如 2019' }],
  ])('脱贫年度 %s', (input, expected) => {
    expect(parseYear(input, '脱贫年度')).toEqual(expected);
  });

  it.each([
    ['', ok([])],
    ['①', ok(['kg1_alleviated'])],
    ['①③⑩', ok(['kg1_alleviated', 'kg3_extreme_poverty', 'kg10_rigid_spending'])],
    ['1、3、5', ok(['kg1_alleviated', 'kg3_extreme_poverty', 'kg5_disability'])],
    ['10,2', ok(['kg2_low_income', 'kg10_rigid_spending'])],
    ['５；３', ok(['kg3_extreme_poverty', 'kg5_disability'])],
    ['一 三 十', ok(['kg1_alleviated', 'kg3_extreme_poverty', 'kg10_rigid_spending'])],
    ['③、③', ok(['kg3_extreme_poverty'])],
    ['135', { ok: false, message: '重点人群「135」无法识别（填①–⑩或1–10，多个用顿号分隔，如“1、3、5”）' }],
    ['11', { ok: false, message: '重点人群「11」无法识别（填①–⑩或1–10，多个用顿号分隔，如“1、3、5”）' }],
    ['0', { ok: false, message: '重点人群「0」无法识别（填①–⑩或1–10，多个用顿号分隔，如“1、3、5”）' }],
    ['低保', { ok: false, message: '重点人群「低保」无法识别（填①–⑩或1–10，多个用顿号分隔，如“1、3、5”）' }],
  ])('重点人群 %s', (input, expected) => {
    expect(parseKeyGroups(input)).toEqual(expected);
  });

  it('labels key groups with circled numbers', () => {
    expect(keyGroupsLabel(['kg1_alleviated', 'kg10_rigid_spending'])).toBe('①⑩');
  });

  it.each([
    ['13812345678', { ok: true, value: '13812345678' }],
    ['+86 138-1234-5678', { ok: true, value: '13812345678' }],
    ['０９１２－８３３１２６６', { ok: true, value: '0912-8331266' }],
    ['09128331266', { ok: true, value: '09128331266' }],
    ['12812345678', { ok: false }],
    ['1381234567', { ok: false }],
    ['电话', { ok: false }],
  ])('phone %s', (input, expected) => {
    expect(normalizePhone(input)).toEqual(expected);
  });
});
