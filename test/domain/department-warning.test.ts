import { describe, expect, it } from 'vitest';
import {
  tidyReason,
  belowThreshold, countOutcomes, DEFAULT_WARNING_THRESHOLDS, formatYuan, planWarnings, villageOfWarning, warningKey, warningNote,
  warningThresholdsSchema, type DepartmentWarning, type WarningLookups,
} from '../../src/domain/department-warning.js';
import type { Placement } from '../../src/domain/types.js';
import { idNumber } from '../helpers/people.js';
import { DEMO, demoTree } from '../helpers/regions.js';

const tree = demoTree();
const LSJ: Placement = { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 };
const ZHANG = idNumber('19700101', 11);
const LI = idNumber('19720202', 22);
const STRANGER = idNumber('19900909', 91);

const w = (over: Partial<DepartmentWarning> = {}): DepartmentWarning => ({
  department: 'medical_insurance', warnedOn: '2022-05-20', name: '张三', idNumber: ZHANG, townName: '', villageName: '',
  reason: '住院自付费用高', amountYuan: 23456, remark: '', ...over,
});

function lookups(over: Partial<WarningLookups> = {}): WarningLookups {
  return {
    seen: new Set(),
    households: new Map([[ZHANG, { id: 7, headName: '张三', placement: LSJ, contactStaff: 'wangwu' }], [LI, { id: 7, headName: '张三', placement: LSJ, contactStaff: 'wangwu' }]]),
    village: (town, village) => villageOfWarning(tree, town, village),
    openLeadKeys: new Set(),
    openSubjectHouseholds: new Set(),
    thresholds: DEFAULT_WARNING_THRESHOLDS,
    ...over,
  };
}

describe('department warnings: the plan, row by row', () => {
  it.each([
    ['a registered person → a lead for the household', [w()], lookups(), [['opened', 'h:7']]],
    ['the household has an open lead → merged', [w()], lookups({ openLeadKeys: new Set(['h:7']) }), [['merged', 'h:7']]],
    ['the household is an open monitoring subject → added to the subject, no lead', [w()], lookups({ openSubjectHouseholds: new Set([7]) }), [['subject', 'h:7']]],
    ['an open subject wins over an open lead of the same household (no second identification)', [w(), w({ idNumber: LI, name: '李四', reason: '门诊慢病' })], lookups({ openSubjectHouseholds: new Set([7]), openLeadKeys: new Set(['h:7']) }), [['subject', 'h:7'], ['subject', 'h:7']]],
    ['below the threshold a subject’s warning is still only recorded', [w({ amountYuan: 100 })], lookups({ openSubjectHouseholds: new Set([7]) }), [['below_threshold', 'h:7']]],
    ['a person not on the register is never matched to a subject', [w({ idNumber: STRANGER, name: '王五', townName: '高家堡镇', villageName: '凉水井村' })], lookups({ openSubjectHouseholds: new Set([7]) }), [['opened', `u:${DEMO.lsj}:王五:${STRANGER.slice(-4)}`]]],
    ['two members of one household in one file → opened, then merged', [w(), w({ idNumber: LI, name: '李四', reason: '门诊慢病' })], lookups(), [['opened', 'h:7'], ['merged', 'h:7']]],
    ['not on the register, village named → a lead for the declarant', [w({ idNumber: STRANGER, name: '王五', townName: '高家堡镇', villageName: '凉水井村' })], lookups(), [['opened', `u:${DEMO.lsj}:王五:${STRANGER.slice(-4)}`]]],
    ['not on the register, village by alias without town', [w({ idNumber: STRANGER, name: '王五', villageName: 'lsj' })], lookups(), [['opened', `u:${DEMO.lsj}:王五:${STRANGER.slice(-4)}`]]],
    ['imported before → seen', [w()], lookups({ seen: new Set([warningKey(w())]) }), [['seen', null]]],
    ['below the 医保 threshold → recorded only', [w({ amountYuan: 9999.99 })], lookups(), [['below_threshold', 'h:7']]],
    ['at the threshold → a lead', [w({ amountYuan: 10000 })], lookups(), [['opened', 'h:7']]],
    ['no amount (e.g. 未参保) → a lead', [w({ amountYuan: null, reason: '家庭成员未参保' })], lookups(), [['opened', 'h:7']]],
    ['a department without a threshold ignores the amount', [w({ department: 'emergency', amountYuan: 5, reason: '房屋受损' })], lookups(), [['opened', 'h:7']]],
    ['a threshold set to 0 lets every amount through', [w({ amountYuan: 1 })], lookups({ thresholds: { medical_insurance: { minYuan: 0, amountLabel: '自付费用' } } }), [['opened', 'h:7']]],
  ] as const)('%s', (_title, rows, lk, expected) => {
    const plan = planWarnings(rows.map((warning, i) => ({ row: i + 2, warning })), lk);
    expect(plan.map((p) => [p.outcome, 'target' in p && p.target ? (p.target.kind === 'household' ? `h:${p.target.householdId}` : `u:${p.target.declarant.villageCode}:${p.target.declarant.name}:${p.target.declarant.idTail}`) : null])).toEqual(expected);
  });

  it.each([
    ['no village given', { townName: '', villageName: '' }, '身份证号 6108**********9912 不在户籍名册中，且没有填写行政村，无法确定所在村'],
    ['unknown village', { townName: '高家堡镇', villageName: '不存在村' }, '身份证号 6108**********9912 不在户籍名册中，且行政村「不存在村」在「高家堡镇」下找不到，无法确定所在村'],
    ['unknown town', { townName: '火星镇', villageName: '凉水井村' }, '身份证号 6108**********9912 不在户籍名册中，且镇街「火星镇」找不到，无法确定所在村'],
    ['ambiguous village without town', { townName: '', villageName: '新村' }, '身份证号 6108**********9912 不在户籍名册中，且行政村「新村」有多个：高家堡镇新村、店塔镇新村，请填写镇街，无法确定所在村'],
  ])('refused: %s', (_t, place, reason) => {
    const [p] = planWarnings([{ row: 5, warning: w({ idNumber: STRANGER, name: '王五', ...place }) }], lookups());
    expect(p).toMatchObject({ row: 5, outcome: 'refused', reason: reason.replace('9912', STRANGER.slice(-4)) });
  });

  it('the same warning twice in a file: the second row is refused; another reason the same day is a new warning', () => {
    const plan = planWarnings([{ row: 2, warning: w() }, { row: 3, warning: w({ reason: ' 住院自付费用高 ' }) }, { row: 4, warning: w({ reason: '门诊自付费用高' }) }], lookups());
    expect(plan.map((p) => p.outcome)).toEqual(['opened', 'refused', 'merged']);
    expect(plan[1]).toMatchObject({ reason: '与第 2 行重复（同一部门、同一人、同一预警日期、同一事由）' });
    expect(countOutcomes(plan)).toEqual({ opened: 1, merged: 1, subject: 0, below_threshold: 0, seen: 0, refused: 1 });
  });

  it('a below-threshold row of an unknown person is still recorded, without a target', () => {
    const [p] = planWarnings([{ row: 2, warning: w({ idNumber: STRANGER, amountYuan: 100 }) }], lookups());
    expect(p).toMatchObject({ outcome: 'below_threshold', target: null, threshold: { minYuan: 10000 } });
  });
});

describe('department warnings: small rules', () => {
  it.each([
    [23456, '23,456元'],
    [23456.5, '23,456.5元'],
    [0.1 + 0.2, '0.3元'],
    [1234567.891, '1,234,567.89元'],
    [0, '0元'],
  ])('formatYuan(%s) = %s', (n, text) => expect(formatYuan(n)).toBe(text));

  it('belowThreshold is null without an amount or without a threshold', () => {
    expect(belowThreshold({ department: 'medical_insurance', amountYuan: null }, DEFAULT_WARNING_THRESHOLDS)).toBeNull();
    expect(belowThreshold({ department: 'civil_affairs', amountYuan: 1 }, DEFAULT_WARNING_THRESHOLDS)).toBeNull();
    expect(belowThreshold({ department: 'medical_insurance', amountYuan: 1 }, DEFAULT_WARNING_THRESHOLDS)).toEqual({ minYuan: 10000, amountLabel: '自付费用' });
  });

  it('the note carries department, day, reason, amount and remark, masked', () => {
    expect(warningNote(w({ remark: '家属电话13812345678' }), DEFAULT_WARNING_THRESHOLDS)).toBe('医保预警（2022-05-20）：住院自付费用高；自付费用23,456元；备注：家属电话138****5678');
    expect(warningNote(w({ department: 'civil_affairs', amountYuan: 800, reason: '临时救助' }))).toBe('民政预警（2022-05-20）：临时救助；金额800元');
  });

  it('the key ignores spacing in the reason but not the day', () => {
    expect(warningKey(w({ reason: '住院  自付' }))).toBe(warningKey(w({ reason: '住院 自付' })));
    expect(warningKey(w({ warnedOn: '2022-05-21' }))).not.toBe(warningKey(w()));
  });

  it('thresholds are validated as configuration', () => {
    expect(warningThresholdsSchema.safeParse({ medical_insurance: { minYuan: -1, amountLabel: '自付费用' } }).success).toBe(false);
    expect(warningThresholdsSchema.safeParse({ nobody: { minYuan: 1, amountLabel: 'x' } }).success).toBe(false);
    expect(warningThresholdsSchema.parse({ civil_affairs: { minYuan: 500, amountLabel: '救助金额' } })).toEqual({ civil_affairs: { minYuan: 500, amountLabel: '救助金额' } });
  });
});

describe('tidyReason', () => {
  it('makes full-width letters, digits and spaces half-width and keeps Chinese punctuation', () => {
    expect(tidyReason('独居老人，无劳动力（Ａ类）　住院  自付２万')).toBe('独居老人，无劳动力（A类） 住院 自付2万');
  });
});
