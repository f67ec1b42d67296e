import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/domain/case-faults.js';
import { isProblemOverdue, openProblem, problemCounts, rectifyProblem, type ProblemInput } from '../../src/domain/problem.js';
import { at, placeA1, placeA2 } from '../helpers/casework.js';

const input = (over: Partial<ProblemInput> = {}): ProblemInput => ({
  category: 'data_quality', placement: placeA1, householdId: 7, description: '户主身份证号校验位错误', responsible: 'wangwu',
  measure: '核对户籍后补正', deadline: '2022-06-05', foundBy: 'lisi', at: at('2022-05-20'), source: 'manual', findingKey: null, ...over,
});
const codes = (r: ReturnType<typeof openProblem>) => (r.ok ? [] : r.faults.map((f) => f.code));

describe('opening a problem', () => {
  it.each([
    ['complete', {}, []],
    ['no description', { description: ' ' }, ['PROBLEM.DESCRIPTION_REQUIRED']],
    ['no responsible person', { responsible: '' }, ['PROBLEM.RESPONSIBLE_REQUIRED']],
    ['no measure', { measure: '' }, ['PROBLEM.MEASURE_REQUIRED']],
    ['a deadline before it was found', { deadline: '2022-05-19' }, ['PROBLEM.DEADLINE_INVALID']],
    ['a deadline that is no day', { deadline: '2022-06-31' }, ['PROBLEM.DEADLINE_INVALID']],
    ['an unknown category', { category: 'weather' as never }, ['PROBLEM.CATEGORY_INVALID']],
    ['no village', { placement: { ...placeA1, villageCode: '' } }, ['PROBLEM.VILLAGE_REQUIRED']],
  ])('%s → %j', (_t, over, want) => {
    expect(codes(openProblem(input(over)))).toEqual(want);
  });

  it('starts open, found on the Shanghai day', () => {
    expect(unwrap(openProblem(input({ at: at('2022-05-20', 23, 30) })))).toMatchObject({ status: 'open', foundOn: '2022-05-20', rectification: null });
  });
});

describe('对账销号', () => {
  const p = unwrap(openProblem(input()));

  it('closes only with what was done, by whom, when', () => {
    const r = unwrap(rectifyProblem(p, { what: '已按户籍补正', by: 'wangwu', at: at('2022-05-25'), dataCorrected: true }));
    expect(r).toMatchObject({ status: 'rectified', rectification: { what: '已按户籍补正', by: 'wangwu', day: '2022-05-25', dataCorrected: true } });
  });

  it.each([
    ['nothing said about the fix', { what: ' ' }, 'PROBLEM.RECTIFICATION_REQUIRED'],
    ['no rectifier', { by: '' }, 'PROBLEM.RECTIFIER_REQUIRED'],
    ['a date before it was found', { at: at('2022-05-19') }, 'PROBLEM.RECTIFIED_BEFORE_FOUND'],
  ])('refuses %s', (_t, over, code) => {
    const r = rectifyProblem(p, { what: '已补正', by: 'wangwu', at: at('2022-05-25'), dataCorrected: false, ...over });
    expect(r.ok ? [] : r.faults.map((f) => f.code)).toEqual([code]);
  });

  it('refuses closing twice', () => {
    const closed = unwrap(rectifyProblem(p, { what: '已补正', by: 'w', at: at('2022-05-25'), dataCorrected: false }));
    const r = rectifyProblem(closed, { what: '再补', by: 'w', at: at('2022-05-26'), dataCorrected: false });
    expect(r.ok ? [] : r.faults.map((f) => f.code)).toEqual(['PROBLEM.ALREADY_RECTIFIED']);
  });
});

describe('counts per village', () => {
  it('counts found, rectified, data corrections, open and overdue', () => {
    const a = unwrap(openProblem(input()));
    const b = unwrap(rectifyProblem(unwrap(openProblem(input())), { what: '补正', by: 'w', at: at('2022-05-22'), dataCorrected: true }));
    const c = unwrap(rectifyProblem(unwrap(openProblem(input({ category: 'policy_implementation' }))), { what: '落实就业帮扶', by: 'w', at: at('2022-05-22'), dataCorrected: false }));
    const d = unwrap(openProblem(input({ placement: placeA2, deadline: '2022-05-30' })));
    const counts = problemCounts([a, b, c, d], '2022-06-01');
    expect(counts.map(({ byCategory: _b, ...rest }) => rest)).toEqual([
      { villageCode: placeA1.villageCode, found: 3, rectified: 2, dataCorrections: 1, open: 1, overdue: 0 },
      { villageCode: placeA2.villageCode, found: 1, rectified: 0, dataCorrections: 0, open: 1, overdue: 1 },
    ]);
    expect(counts[0]?.byCategory).toMatchObject({ data_quality: 2, policy_implementation: 1, other: 0 });
    expect(isProblemOverdue(d, '2022-05-30')).toBe(false);
  });
});
