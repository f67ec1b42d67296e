/**
 * Policy cases written from the domain rules alone (categories, the line, risk types, measures, the
 * identification procedure and its 15-day clock, 风险消除, 回头看/回退/重新识别, 清退, the ten key
 * groups, department warnings, the audit findings, ID numbers and masking), one table per rule,
 * each case calling the domain's public functions the way a reviewer of the policy would.
 */
import { describe, expect, it } from 'vitest';
import { unwrap, type Fault, type Outcome } from '../../src/domain/case-faults.js';
import type { Category, HouseholdType, RiskType } from '../../src/domain/catalog.js';
import { checkDuplicateIds, checkHousehold, type QualityFacts } from '../../src/domain/data-quality.js';
import { DEFAULT_WARNING_THRESHOLDS, planWarnings, villageOfWarning, warningKey, type DepartmentWarning, type WarningLookups, type WarningThresholds } from '../../src/domain/department-warning.js';
import { derivedKeyGroups, isKeyGroupHousehold, keyGroupsOf } from '../../src/domain/household.js';
import { checkIdNumber, idCheckChar } from '../../src/domain/id-number.js';
import { DEFAULT_MONITORING_LINES, incomeRecordSchema, monitoringLine, monitoringRange, netIncome, perCapitaNetIncome, withLines, type IncomeComponents } from '../../src/domain/income.js';
import { leadClock } from '../../src/domain/lead-clock.js';
import {
  admitLead, checkCategory, decideLead, DEFAULT_LEAD_CONFIG, recordRelief, recordStep, type Lead, type LeadConfig, type StepInput,
} from '../../src/domain/lead.js';
import { maskIdNumber, maskPhone, maskText } from '../../src/domain/privacy.js';
import { measureWarnings, validateMeasures, validateRisks, type MeasureEntry, type RiskEntry } from '../../src/domain/risk-profile.js';
import { leadOriginFromScreening, reviewConsequence, type ReviewAnswers, type ScreeningRecord } from '../../src/domain/screening.js';
import { addDays } from '../../src/domain/shanghai-days.js';
import {
  approveWithdrawal, DEFAULT_SUBJECT_CONFIG, eliminateSubject, eliminationFaults, includeSubject, requestWithdrawal, revertSubject,
  type EliminationFacts, type NaturalCause, type Subject, type SubjectConfig,
} from '../../src/domain/subject.js';
import type { Household } from '../../src/domain/types.js';
import { at, openLead, origin, placeA1, walkAllSteps } from '../helpers/casework.js';
import { DEMO, demoTree } from '../helpers/regions.js';
import { household, idNumber, member } from '../helpers/people.js';

const codes = <T>(o: Outcome<T>): string[] => (o.ok ? [] : o.faults.map((f) => f.code));
const faultCodes = (fs: readonly Fault[]): string[] => fs.map((f) => f.code);
const risk = (type: RiskType, extra: Partial<RiskEntry> = {}): RiskEntry => ({ type, remark: null, disasterSubtype: null, ...extra });
const done = (...ms: MeasureEntry['measure'][]): MeasureEntry[] => ms.map((measure) => ({ measure, status: 'done' as const }));

// ---------------------------------------------------------------- fixtures

const HEAD = idNumber('19700101', 11);
const SPOUSE = idNumber('19720202', 22);

/** A lead of household 7 found on `foundOn`, walked through every step, decided as `category`. */
function decided(category: Category, householdType: HouseholdType, foundOn = '2022-05-20', decideOffset = 11): Outcome<Lead> {
  const walked = { ...walkAllSteps(openLead(7, foundOn)), id: 11 };
  return decideLead(walked, { decision: 'include', category, householdType, note: '评议通过', actor: 'city1', at: at(addDays(foundOn, decideOffset)) });
}

function subjectOf(category: Category = 'marginal', householdType: HouseholdType = 'general', over: Partial<Parameters<typeof includeSubject>[0]> = {}): Outcome<Subject> {
  return includeSubject({
    lead: unwrap(decided(category, householdType)), memberIds: [HEAD, SPOUSE], risks: [risk('illness')], measures: done('health', 'employment'),
    actor: 'city1', at: at('2022-05-31', 11), previous: null, otherOpenMemberships: [], ...over,
  });
}
const openSubject = (): Subject => ({ ...unwrap(subjectOf()), id: 100 });

const GOOD: EliminationFacts = { wholeHouseholdNoLabour: false, perCapitaIncome: 9000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] };
const eliminated = (): Subject => ({ ...unwrap(eliminateSubject(openSubject(), { mode: 'assisted', cause: null, actor: 'town1', at: at('2022-12-01'), note: '' }, GOOD, DEFAULT_SUBJECT_CONFIG)), id: 100 });

/** Steps in order from 入户核查, with the day offset from discovery of each (公示 from day 2, five days). */
function stepsUntil(lead: Lead, last: StepInput['step'], over: Partial<Record<StepInput['step'], Partial<StepInput> & { offset?: number }>> = {}, cfg: LeadConfig = DEFAULT_LEAD_CONFIG): Outcome<Lead> {
  const order: Array<[StepInput['step'], number]> = [
    ['home_visit', 1], ['consent', 1], ['data_comparison', 1], ['village_review', 1], ['publicity', 2], ['town_review', 7], ['city_approval', 8], ['announcement', 9], ['system_entry', 10],
  ];
  let l = lead;
  for (const [step, offset] of order) {
    const o = over[step] ?? {};
    const day = addDays(lead.discoveredOn, o.offset ?? offset);
    const input: StepInput = { step, actor: 'cadre1', at: at(day, 12), note: '', publicityUntil: step === 'publicity' ? addDays(day, 4) : null, ...o };
    const r = recordStep(l, input, cfg);
    if (!r.ok || step === last) return r;
    l = r.value;
  }
  return { ok: true, value: l };
}

// ================================================================ 1. categories

describe('三类户 and 户类型', () => {
  it.each<[string, Category, HouseholdType, string[]]>([
    ['脱贫不稳定户 on a 脱贫户', 'unstable_alleviated', 'alleviated', []],
    ['脱贫不稳定户 on a 一般农户', 'unstable_alleviated', 'general', ['LEAD.CATEGORY_MISMATCH']],
    ['边缘易致贫户 on a 一般农户', 'marginal', 'general', []],
    ['边缘易致贫户 on a 脱贫户', 'marginal', 'alleviated', ['LEAD.CATEGORY_MISMATCH']],
    ['突发严重困难户 on a 脱贫户', 'sudden_hardship', 'alleviated', []],
    ['突发严重困难户 on a 一般农户', 'sudden_hardship', 'general', []],
  ])('%s', (_t, category, type, want) => {
    const fault = checkCategory(category, type);
    expect(fault ? [fault.code] : []).toEqual(want);
    expect(codes(decided(category, type))).toEqual(want);
  });

  it('one person in at most one open subject household', () => {
    expect(codes(subjectOf('marginal', 'general', { otherOpenMemberships: [{ idNumber: SPOUSE, householdId: 9 }] }))).toEqual(['SUBJECT.MEMBER_IN_OTHER_SUBJECT']);
  });

  it('the refusal names the person with a masked ID number', () => {
    const r = subjectOf('marginal', 'general', { otherOpenMemberships: [{ idNumber: SPOUSE, householdId: 9 }] });
    expect(JSON.stringify(r)).not.toContain(SPOUSE);
  });

  it('a person counted in the same household (its own earlier episode) is no conflict', () => {
    expect(codes(subjectOf('marginal', 'general', { otherOpenMemberships: [{ idNumber: SPOUSE, householdId: 7 }] }))).toEqual([]);
  });

  it('回退 may not make a person open in two households', () => {
    expect(codes(revertSubject(eliminated(), { reason: 'unstable', actor: 'town1', at: at('2023-03-01'), note: '' }, [{ idNumber: HEAD, householdId: 9 }]))).toEqual(['SUBJECT.MEMBER_IN_OTHER_SUBJECT']);
  });

  it('a 突发严重困难户 is not audited for an income above the line', () => {
    const s: Subject = { ...openSubject(), category: 'sudden_hardship', measures: done('health', 'employment') };
    expect(faultCodes(checkHousehold(quality({ subject: s, perCapitaIncome: 25000 }), DEFAULT_SUBJECT_CONFIG))).toEqual([]);
  });
});

// ================================================================ 2. the line and the income

const income = (over: Partial<IncomeComponents> = {}): IncomeComponents => ({ wage: 0, business: 0, property: 0, transfer: 0, businessCost: 0, ...over });

describe('the monitoring line by year and the net income', () => {
  it.each<[string, number, number | null]>([
    ['2021 is 6000', 2021, 6000],
    ['2022 (Shaanxi) is 6700', 2022, 6700],
    ['a later year not configured has no line (never last year’s)', 2023, null],
  ])('%s', (_t, year, want) => {
    expect(monitoringLine(DEFAULT_MONITORING_LINES, year)).toBe(want);
  });

  it('a later year is configured, not coded', () => {
    const lines = withLines(DEFAULT_MONITORING_LINES, [{ year: 2023, line: 7100 }]);
    expect([monitoringLine(lines, 2022), monitoringLine(lines, 2023)]).toEqual([6700, 7100]);
  });

  it.each<[string, IncomeComponents, number, number, number]>([
    ['four sources minus 生产经营性支出, four people', income({ wage: 20000, business: 8000, property: 500, transfer: 3500, businessCost: 6000 }), 4, 26000, 6500],
    ['one person', income({ wage: 6700 }), 1, 6700, 6700],
    ['a business loss makes the net income negative', income({ business: 1000, businessCost: 4000 }), 3, -3000, -1000],
    ['rounded to the fen', income({ wage: 10000 }), 3, 10000, 3333.33],
  ])('%s', (_t, c, size, net, perCapita) => {
    expect(netIncome(c)).toBe(net);
    expect(perCapitaNetIncome(c, size)).toBe(perCapita);
  });

  it('a household of no people has no per-capita income', () => {
    expect(() => perCapitaNetIncome(income({ wage: 1 }), 0)).toThrow();
  });

  it('the components are stored with the period they cover', () => {
    expect(incomeRecordSchema.safeParse({ period: { from: '2021-01-01', to: '2021-12-31' }, ...income({ wage: 100 }) }).success).toBe(true);
    expect(incomeRecordSchema.safeParse({ ...income({ wage: 100 }) }).success).toBe(false);
    expect(incomeRecordSchema.safeParse({ period: { from: '2021-01-01', to: '2021-12-31' }, ...income({ wage: -5 }) }).success).toBe(false);
  });

  it.each<[string, number, number, string]>([
    ['well below, 2022', 5000, 2022, 'within'],
    ['exactly at the 2022 line is inside (≤)', 6700, 2022, 'within'],
    ['one fen above the 2022 line', 6700.01, 2022, 'above'],
    ['exactly at the 2021 line is inside', 6000, 2021, 'within'],
    ['6500 is above the 2021 line but within 2022’s', 6500, 2021, 'above'],
    ['a year without a line', 5000, 2030, 'no_line'],
  ])('%s: %s in %s → %s', (_t, perCapita, year, want) => {
    expect(monitoringRange(perCapita, year, DEFAULT_MONITORING_LINES).status).toBe(want);
  });
});

// ================================================================ 3. income never decides alone

describe('income never decides alone', () => {
  it('a household above the line with an unsafe house is still a candidate (应纳未纳)', () => {
    expect(faultCodes(checkHousehold(quality({ perCapitaIncome: 12000, guarantees: { ...SECURE, housing: false } }), DEFAULT_SUBJECT_CONFIG))).toEqual(['QUALITY.MISSED_CANDIDATE']);
  });

  it('a household above the line with unsafe water is still a candidate', () => {
    expect(faultCodes(checkHousehold(quality({ perCapitaIncome: 12000, guarantees: { ...SECURE, water: false } }), DEFAULT_SUBJECT_CONFIG))).toEqual(['QUALITY.MISSED_CANDIDATE']);
  });

  it('an income high enough does not make an elimination when 三保障 is not secured', () => {
    expect(faultCodes(eliminationFaults('2022-05-31', null, { ...GOOD, perCapitaIncome: 30000, threeGuaranteesSecured: false }, '2022-12-01', DEFAULT_SUBJECT_CONFIG))).toEqual(['ELIM.GUARANTEES_UNSOLVED']);
  });

  it('the screening team’s proposal carries spending, illness and losses beside the income to the 研判会', () => {
    const r: ScreeningRecord = {
      form: 'key_group', campaign: '2022', householdId: 7, placement: placeA1, screener: 'team1', at: at('2022-05-10'), remark: '',
      answers: {
        groups: ['kg10_rigid_spending'], verdict: 'propose_include',
        family: { income: '年收入约2万', annualIncomeYuan: 20000, schooling: '两个孩子上高中', schoolingCostYuan: 8000, illness: '户主住院自付3万', illnessCostYuan: 30000, disaster: '', disasterLossYuan: null },
      },
    };
    const note = leadOriginFromScreening(r)?.note ?? '';
    expect(note).toContain('年收入约2万');
    expect(note).toContain('户主住院自付3万');
    expect(note).toContain('两个孩子上高中');
  });
});

// ================================================================ 4. risk types

describe('风险类型', () => {
  it.each<[string, RiskEntry[], string[]]>([
    ['none at all (the first is required)', [], ['RISK.NONE']],
    ['one main risk', [risk('illness')], []],
    ['five risks', [risk('illness'), risk('disability'), risk('schooling'), risk('accident'), risk('lack_of_labour')], []],
    ['six risks', [risk('illness'), risk('disability'), risk('schooling'), risk('accident'), risk('lack_of_labour'), risk('housing_safety')], ['RISK.TOO_MANY']],
    ['the same risk twice', [risk('illness'), risk('illness')], ['RISK.DUPLICATE']],
    ['其他 without a remark', [risk('other')], ['RISK.OTHER_NEEDS_REMARK']],
    ['其他 with only spaces', [risk('other', { remark: '   ' })], ['RISK.OTHER_NEEDS_REMARK']],
    ['其他 with a remark', [risk('other', { remark: '家中失火' })], []],
    ['COVID-19 as 其他 + remark (key group ⑧)', [risk('other', { remark: '受新冠肺炎疫情影响务工中断' })], []],
    ['因自然灾害 without a sub-type', [risk('natural_disaster')], ['RISK.DISASTER_NEEDS_SUBTYPE']],
    ['因自然灾害 · 旱灾', [risk('natural_disaster', { disasterSubtype: 'drought' })], []],
    ['因自然灾害 · 洪涝 as the second risk', [risk('illness'), risk('natural_disaster', { disasterSubtype: 'flood' })], []],
  ])('%s', (_t, risks, want) => {
    expect(codes(validateRisks(risks))).toEqual(want);
  });
});

// ================================================================ 5. measures

describe('帮扶措施', () => {
  it.each<[string, RiskEntry[], MeasureEntry[], boolean, string[]]>([
    ['一兜了之: labour-capable household with only 综合保障', [risk('lack_of_labour')], done('comprehensive_security'), true, ['MEASURE.ONLY_COMPREHENSIVE']],
    ['综合保障 alone when nobody can work', [risk('lack_of_labour')], done('comprehensive_security'), false, []],
    ['综合保障 with 就业帮扶 for a household that can work', [risk('lack_of_labour')], done('comprehensive_security', 'employment'), true, []],
    ['因病 answered by 健康帮扶', [risk('illness')], done('health', 'employment'), true, []],
    ['因病 with only 产业帮扶', [risk('illness')], done('industry'), true, ['MEASURE.RISK_UNANSWERED']],
    ['因学 answered by 教育帮扶 (雨露计划)', [risk('schooling')], done('education', 'employment'), true, []],
    ['因残 answered by 综合保障 beside 公益岗位', [risk('disability')], done('comprehensive_security', 'public_welfare_job'), true, []],
    ['因安全住房 answered by 搬迁', [risk('housing_safety')], done('relocation'), true, []],
    ['因安全饮水 with 住房安全保障 only', [risk('drinking_water')], done('housing_safety'), true, ['MEASURE.RISK_UNANSWERED']],
  ])('%s', (_t, risks, measures, labourCapable, want) => {
    expect(faultCodes(measureWarnings(risks, measures, { labourCapable }))).toEqual(want);
  });

  it('a measure listed twice is refused', () => {
    expect(codes(validateMeasures([{ measure: 'health', status: 'done' }, { measure: 'health', status: 'pending' }]))).toEqual(['MEASURE.DUPLICATE']);
  });
});

// ================================================================ 6. the procedure and its clock

describe('识别认定: order, 公示, the 15-day clock', () => {
  const lead = () => openLead(7, '2022-05-20');

  it('the clock ends 15 days after the lead was found', () => {
    expect(lead().deadline).toBe('2022-06-04');
  });

  it.each<[string, () => Outcome<Lead>, string[]]>([
    ['承诺授权 before 入户核查', () => recordStep(lead(), { step: 'consent', actor: 'c', at: at('2022-05-21'), note: '' }, DEFAULT_LEAD_CONFIG), ['LEAD.STEP_OUT_OF_ORDER']],
    ['公示 of four days (both ends counted)', () => stepsUntil(lead(), 'publicity', { publicity: { publicityUntil: '2022-05-25' } }), ['LEAD.PUBLICITY_TOO_SHORT']],
    ['公示 of five days', () => stepsUntil(lead(), 'publicity', { publicity: { publicityUntil: '2022-05-26' } }), []],
    ['镇街审核 on the 公示’s last day', () => stepsUntil(lead(), 'town_review', { town_review: { offset: 6 } }), ['LEAD.PUBLICITY_NOT_OVER']],
    ['镇街审核 the day after the 公示', () => stepsUntil(lead(), 'town_review'), []],
    ['信息比对 skipped with a reason (new 低保 household)', () => stepsUntil(lead(), 'data_comparison', { data_comparison: { skipped: true, note: '新纳入低保时已比对' } }), []],
    ['信息比对 skipped without a reason', () => stepsUntil(lead(), 'data_comparison', { data_comparison: { skipped: true, note: '' } }), ['LEAD.SKIP_REASON_REQUIRED']],
    ['入户核查 may not be skipped', () => recordStep(lead(), { step: 'home_visit', actor: 'c', at: at('2022-05-21'), note: '电话了解', skipped: true }, DEFAULT_LEAD_CONFIG), ['LEAD.SKIP_NOT_ALLOWED']],
    ['a step dated before the lead', () => recordStep(openLead(7, '2022-05-20', { at: at('2022-05-22') }), { step: 'home_visit', actor: 'c', at: at('2022-05-19'), note: '' }, DEFAULT_LEAD_CONFIG), ['LEAD.STEP_BEFORE_DISCOVERY']],
  ])('%s', (_t, run, want) => {
    expect(codes(run())).toEqual(want);
  });

  it('no decision before every step is done', () => {
    const half = unwrap(stepsUntil(lead(), 'publicity'));
    expect(codes(decideLead(half, { decision: 'include', category: 'marginal', householdType: 'general', note: '', actor: 'city1', at: at('2022-05-30') }))).toEqual(['LEAD.STEPS_INCOMPLETE']);
  });

  it('不纳入 needs a written reason', () => {
    expect(codes(decideLead(walkAllSteps(lead()), { decision: 'exclude', reason: ' ', actor: 'city1', at: at('2022-06-01') }))).toEqual(['LEAD.REASON_REQUIRED']);
  });

  it.each<[string, number, boolean]>([
    ['decided on day 15 (公示 included) is on time', 15, false],
    ['decided on day 16 is late', 16, true],
  ])('%s', (_t, offset, late) => {
    const l = unwrap(decided('marginal', 'general', '2022-05-20', offset));
    expect(l.outcome?.late).toBe(late);
  });

  it.each<[string, string, string]>([
    ['on the deadline day the lead is due, not overdue', '2022-06-04', 'due_soon'],
    ['the day after the deadline it is overdue', '2022-06-05', 'overdue'],
    ['early on it is on time', '2022-05-22', 'on_time'],
  ])('%s', (_t, day, state) => {
    expect(leadClock(lead(), at(day), DEFAULT_LEAD_CONFIG).state).toBe(state);
  });

  it('a 部门筛查预警 lead names its department', () => {
    const r = admitLead(null, { householdId: 7, declarant: null, placement: placeA1, origin: origin('2022-05-20', { source: 'department_warning', department: null }) }, DEFAULT_LEAD_CONFIG);
    expect(codes(r)).toEqual(['LEAD.DEPARTMENT_REQUIRED']);
  });

  it('突发严重困难: relief first, within the same clock', () => {
    const opened = unwrap(admitLead(null, { householdId: 7, declarant: null, placement: placeA1, origin: origin('2022-05-20'), suddenHardship: true }, DEFAULT_LEAD_CONFIG)).lead;
    const relieved = unwrap(recordRelief(opened, { what: '临时救助', amountYuan: 3000, actor: 'town1', at: at('2022-05-20', 15) }));
    expect(relieved.reliefs).toHaveLength(1);
    expect(relieved.deadline).toBe(opened.deadline);
    expect(relieved.status).toBe('open');
  });

  it('relief first is only for a suspected 突发严重困难 case', () => {
    expect(codes(recordRelief(lead(), { what: '临时救助', amountYuan: 3000, actor: 'town1', at: at('2022-05-20', 15) }))).toEqual(['LEAD.RELIEF_NOT_SUDDEN']);
  });

  it('a later find merges into the open lead and the clock keeps counting from the first', () => {
    const later = admitLead(lead(), { householdId: 7, declarant: null, placement: placeA1, origin: origin('2022-05-28', { source: 'self_declared' }) }, DEFAULT_LEAD_CONFIG);
    expect(unwrap(later)).toMatchObject({ kind: 'merged', lead: { deadline: '2022-06-04', discoveredOn: '2022-05-20' } });
  });
});

describe('公示 and 公告 texts show no ID number, phone or bank account', () => {
  const ID = idNumber('19800101', 33);
  it.each<[string, string, string]>([
    ['an ID number', `张三 身份证${ID}`, ID],
    ['an ID number with a lower-case x', `张三 身份证${'11010519491231002X'.toLowerCase()}`, '11010519491231002'],
    ['a mobile phone', '联系电话13812345678', '13812345678'],
    ['a bank card number of 19 digits', '开户行 农商银行 卡号6217996540001234567', '6217996540001234567'],
    ['a bank card number written in groups', '银行卡 6217 9965 4000 1234 567', '6217 9965 4000 1234 567'],
  ])('%s', (_t, text, secret) => {
    const masked = maskText(text);
    expect(masked).not.toContain(secret);
    expect(masked.replace(/\s/g, '')).not.toContain(secret.replace(/\s/g, ''));
  });
});

// ================================================================ 7. 风险消除

describe('风险消除', () => {
  const cfg = DEFAULT_SUBJECT_CONFIG;
  const faults = (facts: Partial<EliminationFacts>, day = '2022-12-01', cause: NaturalCause | null = null, c: SubjectConfig = cfg) => faultCodes(eliminationFaults('2022-05-31', cause, { ...GOOD, ...facts }, day, c));

  it.each<[string, Partial<EliminationFacts>, string, string[]]>([
    ['everything met, six months on', {}, '2022-12-01', []],
    ['exactly six months after 纳入', {}, '2022-11-30', []],
    ['one day short of six months', {}, '2022-11-29', ['ELIM.TOO_SOON']],
    ['income exactly at the line is not above it', { perCapitaIncome: 6700 }, '2022-12-01', ['ELIM.BELOW_LINE']],
    ['income one fen above the line', { perCapitaIncome: 6700.01 }, '2022-12-01', []],
    ['income below the line', { perCapitaIncome: 5200 }, '2022-12-01', ['ELIM.BELOW_LINE']],
    ['income not recorded', { perCapitaIncome: null }, '2022-12-01', ['ELIM.INCOME_UNKNOWN']],
    ['整户无劳动力 with a good income', { wholeHouseholdNoLabour: true }, '2022-12-01', ['ELIM.NO_LABOUR']],
    ['三保障 not secured', { threeGuaranteesSecured: false }, '2022-12-01', ['ELIM.GUARANTEES_UNSOLVED']],
    ['drinking water unsafe', { drinkingWaterSafe: false }, '2022-12-01', ['ELIM.WATER_UNSAFE']],
    ['a risk still present', { risksRemaining: ['illness'] }, '2022-12-01', ['ELIM.RISK_REMAINS']],
  ])('%s', (_t, facts, day, want) => {
    expect(faults(facts, day)).toEqual(want);
  });

  it('the months are configuration', () => {
    expect(faults({}, '2022-12-01', null, { minMonthsBeforeElimination: 12 })).toEqual(['ELIM.TOO_SOON']);
    expect(faults({}, '2022-08-31', null, { minMonthsBeforeElimination: 3 })).toEqual([]);
  });

  it('自然消除 (the ill member died) still needs the income above the line', () => {
    expect(faults({ perCapitaIncome: 4000 }, '2022-12-01', 'member_died')).toEqual(['ELIM.BELOW_LINE']);
  });

  it('自然消除 needs its cause', () => {
    expect(codes(eliminateSubject(openSubject(), { mode: 'natural', cause: null, actor: 't', at: at('2022-12-01'), note: '' }, GOOD, cfg))).toContain('ELIM.NATURAL_CAUSE_REQUIRED');
  });

  it('帮扶消除 of an open subject with everything met', () => {
    expect(eliminated()).toMatchObject({ status: 'eliminated', elimination: { mode: 'assisted', day: '2022-12-01' } });
  });

  it('an eliminated subject is not eliminated again', () => {
    expect(codes(eliminateSubject(eliminated(), { mode: 'assisted', cause: null, actor: 't', at: at('2023-01-01'), note: '' }, GOOD, cfg))).toEqual(['SUBJECT.NOT_OPEN']);
  });
});

// ================================================================ 8. 回头看, 回退, 重新识别, 清退

describe('回头看 → 回退 or 重新识别; 清退', () => {
  const review = (over: Partial<ReviewAnswers> = {}): ReviewAnswers => ({
    subjectId: 100, category: 'marginal', incomeStable: true, measuresImplemented: true, guaranteesStable: true, eliminationStable: true,
    needsRelabel: false, relabelNote: null, needsWithdrawal: false, ...over,
  });

  it.each<[string, Partial<ReviewAnswers>, boolean, string | null]>([
    ['stable, with labour: stays eliminated', {}, false, null],
    ['income unstable: 回退', { incomeStable: false }, false, 'unstable'],
    ['三保障 not stable: 回退', { guaranteesStable: false }, false, 'unstable'],
    ['stable but 整户无劳动力: 回退', {}, true, 'no_labour'],
  ])('%s', (_t, over, noLabour, want) => {
    expect(reviewConsequence(review(over), { wholeHouseholdNoLabour: noLabour }).revert).toBe(want);
  });

  it('回退 brings an eliminated subject back to open', () => {
    expect(unwrap(revertSubject(eliminated(), { reason: 'no_labour', actor: 'town1', at: at('2023-03-01'), note: '' }, [])).status).toBe('open');
  });

  it('only an eliminated subject can be reverted', () => {
    expect(codes(revertSubject(openSubject(), { reason: 'unstable', actor: 'town1', at: at('2023-03-01'), note: '' }, []))).toEqual(['SUBJECT.NOT_ELIMINATED']);
  });

  it('重新识别: a new risk makes a new episode of the same household, linked to the last', () => {
    const again = unwrap(subjectOf('marginal', 'general', { lead: { ...unwrap(decided('marginal', 'general', '2023-02-01')), id: 12 }, previous: eliminated() }));
    expect(again).toMatchObject({ householdId: 7, episode: 2, previousSubjectId: 100, status: 'open' });
  });

  it('重新识别 of a household still open is refused', () => {
    expect(codes(subjectOf('marginal', 'general', { previous: openSubject() }))).toEqual(['SUBJECT.ALREADY_OPEN']);
  });

  it.each<[string, () => Outcome<Subject>, string[]]>([
    ['清退 reason 其他 without words', () => requestWithdrawal(openSubject(), { reason: 'other', note: '', requestedOn: '2022-05-24', actor: 'v1', at: at('2022-05-24') }), ['SUBJECT.WITHDRAWAL_NOTE_REQUIRED']],
    ['清退 approved by the city before the town', () => approveWithdrawal(unwrap(requestWithdrawal(openSubject(), { reason: 'favouritism', note: '', requestedOn: '2022-05-24', actor: 'v1', at: at('2022-05-24') })), 'city', { actor: 'city1', at: at('2022-05-26'), note: '' }), ['SUBJECT.TOWN_APPROVAL_FIRST']],
    ['清退 approved without a written request', () => approveWithdrawal(openSubject(), 'town', { actor: 'town1', at: at('2022-05-26'), note: '' }), ['SUBJECT.NO_WITHDRAWAL_REQUEST']],
  ])('%s', (_t, run, want) => {
    expect(codes(run())).toEqual(want);
  });

  it('清退 after town and city approval is terminal and keeps the whole record', () => {
    let s = unwrap(requestWithdrawal(openSubject(), { reason: 'data_mismatch', note: '家有小轿车', requestedOn: '2022-05-24', actor: 'v1', at: at('2022-05-24') }));
    s = unwrap(approveWithdrawal(s, 'town', { actor: 'town1', at: at('2022-05-25'), note: '' }));
    s = unwrap(approveWithdrawal(s, 'city', { actor: 'city1', at: at('2022-05-26'), note: '' }));
    expect(s.status).toBe('withdrawn');
    expect(s.memberIds).toEqual([HEAD, SPOUSE]);
    expect(s.events.map((e) => e.kind)).toEqual(['include', 'withdrawal_request', 'withdrawal_town_approval', 'withdrawal_city_approval']);
    expect(codes(eliminateSubject(s, { mode: 'assisted', cause: null, actor: 't', at: at('2022-12-01'), note: '' }, GOOD, DEFAULT_SUBJECT_CONFIG))).toEqual(['SUBJECT.WITHDRAWN']);
    expect(codes(requestWithdrawal(s, { reason: 'duplicate', note: '', requestedOn: '2022-06-01', actor: 'v1', at: at('2022-06-01') }))).toEqual(['SUBJECT.WITHDRAWN']);
  });
});

// ================================================================ 9. the ten key groups

describe('十类人群: tags and 附件2 / 附件3', () => {
  const h = (over: Partial<Household> = {}) => household(over);

  it.each<[string, Partial<Household>, string[]]>([
    ['a general household without tags', {}, []],
    ['a 脱贫户 is ①', { type: 'alleviated', alleviationYear: 2020 }, ['kg1_alleviated']],
    ['分散供养特困 is ③', { tekun: true }, ['kg3_extreme_poverty']],
    ['低保 is ④', { dibao: true }, ['kg4_dibao']],
    ['a disabled member is ⑤', { members: [member({ idNumber: HEAD, name: '张三', relation: '户主', health: 'disabled' })] }, ['kg5_disability']],
    ['overlapping tags, in order', { type: 'alleviated', alleviationYear: 2019, dibao: true, keyGroups: ['kg8_covid'] }, ['kg1_alleviated', 'kg4_dibao', 'kg8_covid']],
  ])('%s', (_t, over, want) => {
    expect(keyGroupsOf(h(over))).toEqual(want);
  });

  it.each<[string, Partial<Household>, boolean, boolean]>([
    ['no tag → 附件3 (general)', {}, false, false],
    ['one tag → 附件2', { keyGroups: ['kg7_migrant_income'] }, false, true],
    ['several tags → 附件2 once', { keyGroups: ['kg9_disaster', 'kg10_rigid_spending'] }, false, true],
    ['an open monitoring subject without tags → 附件2', {}, true, true],
  ])('%s', (_t, over, monitored, want) => {
    expect(isKeyGroupHousehold(h(over), monitored)).toBe(want);
  });

  it.each<[string, number, boolean]>([
    ['② below the line', 5000, true],
    ['② exactly at the line is within the range', 6700, true],
    ['② above the line', 6800, false],
  ])('%s', (_t, perCapita, want) => {
    const got = derivedKeyGroups(h(), { asOf: '2022-05-01', income: { year: 2021, perCapita, line: 6700 } }).map((d) => d.group);
    expect(got.includes('kg2_low_income')).toBe(want);
  });

  it('⑥ with two members in non-compulsory schooling', () => {
    const kids = [member({ idNumber: idNumber('20050101', 31), name: '张大', schooling: 'high_school' }), member({ idNumber: idNumber('20030101', 41), name: '张二', schooling: 'college' })];
    const got = derivedKeyGroups(h({ members: [...h().members, ...kids] }), { asOf: '2022-05-01' }).map((d) => d.group);
    expect(got).toEqual(['kg6_many_children']);
  });
});

// ================================================================ 10. department warnings

describe('部门筛查预警', () => {
  const tree = demoTree();
  const LSJ = { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 };
  const STRANGER = idNumber('19900909', 91);
  const w = (over: Partial<DepartmentWarning> = {}): DepartmentWarning => ({
    department: 'medical_insurance', warnedOn: '2022-05-20', name: '张三', idNumber: HEAD, townName: '', villageName: '', reason: '住院自付费用高', amountYuan: 23456, remark: '', ...over,
  });
  const lk = (over: Partial<WarningLookups> = {}): WarningLookups => ({
    seen: new Set(), households: new Map([[HEAD, { id: 7, headName: '张三', placement: LSJ, contactStaff: 'wangwu' }], [SPOUSE, { id: 7, headName: '张三', placement: LSJ, contactStaff: 'wangwu' }]]),
    village: (t, v) => villageOfWarning(tree, t, v), openLeadKeys: new Set(), openSubjectHouseholds: new Set(), thresholds: DEFAULT_WARNING_THRESHOLDS, ...over,
  });
  const outcomes = (rows: DepartmentWarning[], l = lk()) => planWarnings(rows.map((warning, i) => ({ row: i + 2, warning })), l).map((p) => p.outcome);
  const thresholds: WarningThresholds = { ...DEFAULT_WARNING_THRESHOLDS, civil_affairs: { minYuan: 500, amountLabel: '救助金额' } };

  it.each<[string, DepartmentWarning[], WarningLookups, string[]]>([
    ['医保 self-paid below the configured threshold: recorded only', [w({ amountYuan: 9999 })], lk(), ['below_threshold']],
    ['医保 self-paid at the threshold opens a lead', [w({ amountYuan: 10000 })], lk(), ['opened']],
    ['a threshold configured for 民政 applies', [w({ department: 'civil_affairs', amountYuan: 300 })], lk({ thresholds }), ['below_threshold']],
    ['a department without a threshold: every warning opens a lead', [w({ department: 'housing', amountYuan: 1 })], lk(), ['opened']],
    ['the household’s repeated warnings merge into one open lead', [w(), w({ department: 'civil_affairs', reason: '新纳入低保', amountYuan: null }), w({ idNumber: SPOUSE, name: '李四', reason: '门诊慢病' })], lk(), ['opened', 'merged', 'merged']],
    ['a warning for a household with an open lead merges', [w()], lk({ openLeadKeys: new Set(['h:7']) }), ['merged']],
    ['the same warning imported again', [w()], lk({ seen: new Set([warningKey(w())]) }), ['seen']],
    ['a person not on the roster, village named', [w({ idNumber: STRANGER, name: '王五', townName: '高家堡镇', villageName: '凉水井村' })], lk(), ['opened']],
    ['a person not on the roster, no village', [w({ idNumber: STRANGER, name: '王五' })], lk(), ['refused']],
  ])('%s', (_t, rows, l, want) => {
    expect(outcomes(rows, l)).toEqual(want);
  });

  it('a refused row names the person with a masked ID', () => {
    const [p] = planWarnings([{ row: 2, warning: w({ idNumber: STRANGER, name: '王五' }) }], lk());
    expect(p && p.outcome === 'refused' ? p.reason : '').not.toContain(STRANGER);
  });

  it('a warning merged into an open lead keeps that lead’s 15-day clock', () => {
    const first = openLead(7, '2022-05-20');
    const merged = unwrap(admitLead(first, { householdId: 7, declarant: null, placement: placeA1, origin: origin('2022-05-30', { source: 'department_warning', department: 'civil_affairs' }) }, DEFAULT_LEAD_CONFIG));
    expect(merged.lead.deadline).toBe('2022-06-04');
    expect(merged.lead.origins.map((o) => o.source)).toEqual(['cadre_screening', 'department_warning']);
  });
});

// ================================================================ 11. audit findings

const SECURE = { basicNeeds: true, education: true, medical: true, housing: true, water: true };
function quality(over: Partial<QualityFacts> = {}): QualityFacts {
  return {
    household: household({ id: 7 }), perCapitaIncome: 9000, incomeLine: 6700, guarantees: SECURE, wholeHouseholdNoLabour: false, subject: null, hasOpenLead: false,
    exclusionRecorded: false, uninsuredMember: false, schoolDropout: false, departmentWarning: false, reliefReceived: false, ...over,
  };
}
const elimOn = (day: string, over: Partial<Subject> = {}): Subject => ({
  ...openSubject(), status: 'eliminated', includedOn: '2022-01-10', elimination: { mode: 'assisted', cause: null, day, actor: 'town1', at: at(day), note: '' }, ...over,
});

describe('audit findings', () => {
  const found = (over: Partial<QualityFacts>) => faultCodes(checkHousehold(quality(over), DEFAULT_SUBJECT_CONFIG));

  it.each<[string, Partial<QualityFacts>, string[]]>([
    ['a clean household', {}, []],
    // 应纳未纳
    ['应纳未纳: below the line, nothing recorded', { perCapitaIncome: 5000 }, ['QUALITY.MISSED_CANDIDATE']],
    ['应纳未纳: exactly at the line is within the range', { perCapitaIncome: 6700 }, ['QUALITY.MISSED_CANDIDATE']],
    ['应纳未纳: uninsured member', { uninsuredMember: true }, ['QUALITY.MISSED_CANDIDATE']],
    ['应纳未纳: school-age child out of school', { schoolDropout: true }, ['QUALITY.MISSED_CANDIDATE']],
    ['应纳未纳: a department warning', { departmentWarning: true }, ['QUALITY.MISSED_CANDIDATE']],
    ['below the line with a recorded reason for not including', { perCapitaIncome: 5000, exclusionRecorded: true }, []],
    ['below the line with an open lead', { perCapitaIncome: 5000, hasOpenLead: true }, []],
    // 体外循环
    ['体外循环: relief received, never identified', { reliefReceived: true }, ['QUALITY.OUTSIDE_LOOP']],
    ['relief to an open subject', { reliefReceived: true, subject: openSubject() }, []],
    // 一兜了之
    ['一兜了之: labour-capable subject with only 综合保障', { subject: { ...openSubject(), risks: [risk('lack_of_labour')], measures: done('comprehensive_security') } }, ['QUALITY.ONLY_COMPREHENSIVE']],
    ['综合保障 only for 整户无劳动力', { wholeHouseholdNoLabour: true, subject: { ...openSubject(), risks: [risk('lack_of_labour')], measures: done('comprehensive_security') } }, []],
    // 风险消除简单化
    ['eliminated after three months', { subject: elimOn('2022-04-10') }, ['QUALITY.ELIMINATED_TOO_SOON']],
    ['eliminated after seven months, all fine', { subject: elimOn('2022-08-10') }, []],
    ['eliminated below the line', { perCapitaIncome: 6000, subject: elimOn('2022-08-10') }, ['QUALITY.ELIMINATED_BELOW_LINE']],
    ['eliminated with income exactly at the line', { perCapitaIncome: 6700, subject: elimOn('2022-08-10') }, ['QUALITY.ELIMINATED_BELOW_LINE']],
    ['eliminated though 整户无劳动力', { wholeHouseholdNoLabour: true, subject: elimOn('2022-08-10') }, ['QUALITY.ELIMINATED_NO_LABOUR']],
    ['eliminated with an unsafe house', { guarantees: { ...SECURE, housing: false }, subject: elimOn('2022-08-10') }, ['QUALITY.ELIMINATED_GUARANTEES_UNSOLVED']],
    ['eliminated with unsafe water', { guarantees: { ...SECURE, water: false }, subject: elimOn('2022-08-10') }, ['QUALITY.ELIMINATED_GUARANTEES_UNSOLVED']],
    ['eliminated with a child out of school', { schoolDropout: true, subject: elimOn('2022-08-10') }, ['QUALITY.ELIMINATED_GUARANTEES_UNSOLVED']],
    ['eliminated with an uninsured member', { uninsuredMember: true, subject: elimOn('2022-08-10') }, ['QUALITY.ELIMINATED_GUARANTEES_UNSOLVED']],
    // 数据质量
    ['no 户主', { household: household({ id: 7, members: [member({ idNumber: HEAD, name: '张三', relation: '配偶' })] }) }, ['QUALITY.NO_HEAD']],
    ['two 户主', { household: household({ id: 7, members: [member({ idNumber: HEAD, name: '张三', relation: '户主' }), member({ idNumber: SPOUSE, name: '李四', relation: '户主' })] }) }, ['QUALITY.SEVERAL_HEADS']],
    ['an ID number with a wrong check digit', { household: household({ id: 7, members: [member({ idNumber: `${HEAD.slice(0, 17)}${HEAD[17] === '0' ? '1' : '0'}`, name: '张三', relation: '户主' })] }) }, ['QUALITY.ID_INVALID']],
    ['income not recorded', { perCapitaIncome: null }, ['QUALITY.INCOME_MISSING']],
    ['三保障 not recorded', { guarantees: { ...SECURE, medical: null } }, ['QUALITY.GUARANTEES_MISSING']],
    ['risk 其他 without remark', { subject: { ...openSubject(), risks: [risk('other')] } }, ['QUALITY.RISK_OTHER_NO_REMARK']],
    ['边缘易致贫户 on a 脱贫户', { household: household({ id: 7, type: 'alleviated', alleviationYear: 2018 }), subject: { ...openSubject(), category: 'marginal' } }, ['QUALITY.CATEGORY_TYPE_MISMATCH']],
    ['因残 with no disabled member', { subject: { ...openSubject(), risks: [risk('disability')], measures: done('comprehensive_security', 'employment') } }, ['QUALITY.DISABILITY_NO_DISABLED_MEMBER']],
  ])('%s', (_t, over, want) => {
    expect(found(over)).toEqual(want);
  });

  it('an ID finding never shows the whole number', () => {
    const bad = `${HEAD.slice(0, 17)}${HEAD[17] === '0' ? '1' : '0'}`;
    const f = checkHousehold(quality({ household: household({ id: 7, members: [member({ idNumber: bad, name: '张三', relation: '户主' })] }) }), DEFAULT_SUBJECT_CONFIG);
    expect(JSON.stringify(f)).not.toContain(bad);
  });

  it('the same ID number in two households is a duplicate', () => {
    const a = household({ id: 7 });
    const b = household({ id: 8, code: 'H0008', headName: '王五', members: [member({ idNumber: idNumber('19650505', 51), name: '王五', relation: '户主' }), member({ idNumber: SPOUSE, name: '李四', relation: '配偶' })] });
    expect(faultCodes(checkDuplicateIds([a, b]))).toContain('QUALITY.ID_DUPLICATE');
  });
});

// ================================================================ 12. ID numbers and masking

describe('身份证号 (GB 11643) and masking', () => {
  it.each<[string, string, boolean]>([
    ['the standard’s example, check digit X', '11010519491231002X', true],
    ['the same with a lower-case x', '11010519491231002x', true],
    ['a wrong check digit', '110105194912310021', false],
    ['a valid built number', HEAD, true],
    ['17 characters', HEAD.slice(0, 17), false],
  ])('%s', (_t, id, valid) => {
    expect(checkIdNumber(id, { today: '2022-05-01' }).ok).toBe(valid);
  });

  it('the check character follows the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 mod 11', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const map = '10X98765432';
    for (const first17 of ['11010519491231002', '61082119800101123', '44052418800101001', '61010219900307552']) {
      const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] as number), 0);
      expect(idCheckChar(first17)).toBe(map[sum % 11]);
    }
  });

  it.each<[string, string, string]>([
    ['an ID number', maskIdNumber('610102199003071234'), '6101**********1234'],
    ['an ID number ending in X', maskIdNumber('11010519491231002X'), '1101**********002X'],
    ['a mobile', maskPhone('13812345678'), '138****5678'],
    ['inside a sentence', maskText('户主身份证610102199003071234，电话13812345678'), '户主身份证6101**********1234，电话138****5678'],
  ])('%s', (_t, got, want) => {
    expect(got).toBe(want);
  });
});
