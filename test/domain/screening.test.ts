import { describe, expect, it } from 'vitest';
import { coverage, coverageRatio, unscreened } from '../../src/domain/coverage.js';
import {
  correctionTarget, followUpConsequence, keyGroupsFromNumbers, leadOriginFromScreening, reviewConsequence, validateScreening,
  type FamilySituation, type ReviewAnswers, type ScreeningRecord,
} from '../../src/domain/screening.js';
import { at, CITY, placeA1, placeA2, placeB1, TOWN_A, TOWN_B } from '../helpers/casework.js';

const base = { campaign: '2022', householdId: 7, placement: placeA1, screener: 'wangwu', at: at('2022-05-20'), remark: '' };
const family: FamilySituation = { income: '务工收入约2万元', annualIncomeYuan: 20000, schooling: '一子读高中', schoolingCostYuan: 3000, illness: '', illnessCostYuan: null, disaster: '', disasterLossYuan: null };
const general = (a: Partial<Extract<ScreeningRecord, { form: 'general' }>['answers']> = {}): ScreeningRecord => ({ ...base, form: 'general', answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true, ...a } });
const keyGroup = (a: Partial<Extract<ScreeningRecord, { form: 'key_group' }>['answers']> = {}): ScreeningRecord => ({ ...base, form: 'key_group', answers: { groups: ['kg1_alleviated', 'kg5_disability'], family, verdict: null, ...a } });
const reviewAnswers: ReviewAnswers = { subjectId: 3, category: 'marginal', incomeStable: true, measuresImplemented: true, guaranteesStable: true, eliminationStable: true, needsRelabel: false, relabelNote: null, needsWithdrawal: false };
const codes = (r: ScreeningRecord) => {
  const v = validateScreening(r);
  return v.ok ? [] : v.faults.map((f) => f.code);
};

describe('附件3 一般户', () => {
  it.each([
    ['no risk', general(), []],
    ['risk with details', general({ riskFound: true, riskDetails: '户主摔伤住院' }), []],
    ['risk without details', general({ riskFound: true, riskDetails: ' ' }), ['SCREENING.RISK_DETAILS_REQUIRED']],
    ['an unknown method', general({ method: 'letter' as never }), ['SCREENING.METHOD_INVALID']],
  ])('%s → %j', (_t, r, want) => {
    expect(codes(r)).toEqual(want);
  });

  it('opens a lead on the screening day when risk was found, none otherwise', () => {
    expect(leadOriginFromScreening(general({ riskFound: true, riskDetails: '户主摔伤住院' }))).toEqual({ source: 'cadre_screening', department: null, foundOn: '2022-05-20', note: '户主摔伤住院', actor: 'wangwu', at: at('2022-05-20') });
    expect(leadOriginFromScreening(general())).toBeNull();
  });
});

describe('附件2 十类人群', () => {
  it.each([
    ['two groups', keyGroup(), []],
    ['risk found, with details', keyGroup({ riskFound: true, riskDetails: '老伴住院' }), []],
    ['risk found, no details', keyGroup({ riskFound: true, riskDetails: '' }), ['SCREENING.RISK_DETAILS_REQUIRED']],
    ['no group', keyGroup({ groups: [] }), ['SCREENING.GROUPS_REQUIRED']],
    ['a group twice', keyGroup({ groups: ['kg1_alleviated', 'kg1_alleviated'] }), ['SCREENING.GROUP_DUPLICATE']],
    ['a group out of range', keyGroup({ groups: ['kg11' as never] }), ['SCREENING.GROUP_INVALID']],
    ['no income described', keyGroup({ family: { ...family, income: '' } }), ['SCREENING.FAMILY_INCOME_REQUIRED']],
    ['a negative amount', keyGroup({ family: { ...family, illnessCostYuan: -5 } }), ['SCREENING.AMOUNT_INVALID']],
  ])('%s → %j', (_t, r, want) => {
    expect(codes(r)).toEqual(want);
  });

  it('reads 对象类型 numbers 1–10', () => {
    expect(keyGroupsFromNumbers([1, 3, 10])).toEqual(['kg1_alleviated', 'kg3_extreme_poverty', 'kg10_rigid_spending']);
    expect(keyGroupsFromNumbers([0])).toBeNull();
    expect(keyGroupsFromNumbers([11])).toBeNull();
  });

  it('opens a lead dated the screening day when the 研判会 says 拟纳入', () => {
    expect(leadOriginFromScreening(keyGroup({ verdict: 'not_include' }))).toBeNull();
    expect(leadOriginFromScreening(keyGroup({ verdict: 'propose_include' }))).toMatchObject({ foundOn: '2022-05-20', note: '务工收入约2万元；一子读高中' });
  });
});

describe('附件4 回头看 and 附件5', () => {
  it.each([
    ['all stable', {}, false, null],
    ['income unstable', { incomeStable: false }, false, 'unstable'],
    ['measures not implemented', { measuresImplemented: false }, false, 'unstable'],
    ['三保障 not stable', { guaranteesStable: false }, false, 'unstable'],
    ['elimination not stable', { eliminationStable: false }, false, 'unstable'],
    ['stable but 整户无劳动力', {}, true, 'no_labour'],
  ])('%s → 回退 %s', (_t, over, noLabour, revert) => {
    expect(reviewConsequence({ ...reviewAnswers, ...over }, { wholeHouseholdNoLabour: noLabour }).revert).toBe(revert);
  });

  it('needs the change when 重新标注 is 是, and flags 清退 candidates', () => {
    expect(codes({ ...base, form: 'review', answers: { ...reviewAnswers, needsRelabel: true } })).toEqual(['SCREENING.RELABEL_NOTE_REQUIRED']);
    expect(codes({ ...base, form: 'review', answers: { ...reviewAnswers, needsRelabel: true, relabelNote: '类别改为突发严重困难户' } })).toEqual([]);
    expect(reviewConsequence({ ...reviewAnswers, needsWithdrawal: true }, { wholeHouseholdNoLabour: false })).toEqual({ revert: null, withdrawalCandidate: true, relabel: false });
  });

  it('a new risk found at 回头看 is 重新识别: a lead of the household, with the risk’s words; it needs them', () => {
    const review = (over: Partial<ReviewAnswers>): ScreeningRecord => ({ ...base, form: 'review', answers: { ...reviewAnswers, ...over } });
    expect(leadOriginFromScreening(review({ newRisk: true, newRiskDetails: '户主又住院，自付两万' }))).toMatchObject({ source: 'cadre_screening', foundOn: '2022-05-20', note: '户主又住院，自付两万' });
    expect(leadOriginFromScreening(review({ newRisk: false, newRiskDetails: null }))).toBeNull();
    expect(leadOriginFromScreening(review({}))).toBeNull();
    expect(codes(review({ newRisk: true, newRiskDetails: ' ' }))).toEqual(['SCREENING.RISK_DETAILS_REQUIRED']);
  });

  it('checks 附件5 rows and tells an elimination candidate', () => {
    const a = { subjectId: 3, includedOn: '2021-10-01', risks: ['illness' as const], measuresInPlace: ['health' as const], assistanceImplemented: true, meetsEliminationStandard: true };
    expect(codes({ ...base, form: 'follow_up', answers: a })).toEqual([]);
    expect(codes({ ...base, form: 'follow_up', answers: { ...a, includedOn: '2021-13-01', risks: [] } })).toEqual(['SCREENING.INCLUDED_ON_INVALID', 'SCREENING.RISKS_COUNT']);
    expect(followUpConsequence(a)).toEqual({ eliminationCandidate: true, warnings: [] });
    expect(followUpConsequence({ ...a, assistanceImplemented: false, measuresInPlace: [] })).toEqual({ eliminationCandidate: false, warnings: [{ code: 'SCREENING.ASSISTANCE_NOT_IMPLEMENTED' }, { code: 'SCREENING.NO_MEASURES' }] });
  });
});

describe('corrections', () => {
  const stored = [{ id: 1, form: 'general' as const, campaign: '2022', householdId: 7, screener: 'wangwu', day: '2022-05-20' }];
  it.each([
    ['same screener, same Shanghai day (late evening)', { at: at('2022-05-20', 23, 50) }, 1],
    ['same screener, next day', { at: at('2022-05-21', 0, 10) }, null],
    ['another screener, same day', { screener: 'lisi' }, null],
    ['another household', { householdId: 8 }, null],
    ['another campaign', { campaign: '2023' }, null],
  ])('%s → overwrites %s', (_t, over, want) => {
    expect(correctionTarget(stored, { ...general(), ...over } as ScreeningRecord)).toBe(want);
  });

  it('never overwrites a record of another form', () => {
    expect(correctionTarget(stored, keyGroup())).toBeNull();
  });
});

describe('coverage', () => {
  const roster = [
    { householdId: 1, placement: placeA1, people: 3 },
    { householdId: 2, placement: placeA1, people: 2 },
    { householdId: 3, placement: placeA2, people: 4 },
    { householdId: 4, placement: placeB1, people: 1 },
  ];

  it('counts households and people per grid, village, town and city', () => {
    const cells = coverage(roster, [1, 3, 99]);
    const get = (level: string, code: string) => cells.find((c) => c.level === level && c.code === code);
    expect(get('city', CITY)).toEqual({ level: 'city', code: CITY, households: 4, screenedHouseholds: 2, people: 10, screenedPeople: 7 });
    expect(get('town', TOWN_A)).toMatchObject({ households: 3, screenedHouseholds: 2, people: 9, screenedPeople: 7 });
    expect(get('town', TOWN_B)).toMatchObject({ households: 1, screenedHouseholds: 0 });
    expect(get('village', placeA1.villageCode)).toMatchObject({ households: 2, screenedHouseholds: 1, people: 5, screenedPeople: 3 });
    expect(get('grid', placeA1.gridCode!)).toMatchObject({ households: 2, screenedHouseholds: 1 });
    expect(cells.map((c) => c.level)).toEqual(['city', 'town', 'town', 'village', 'village', 'village', 'grid', 'grid']);
    expect(coverageRatio(get('town', TOWN_A)!)).toBeCloseTo(2 / 3);
    expect(unscreened(roster, [1, 3]).map((h) => h.householdId)).toEqual([2, 4]);
  });
});
