/**
 * Policy cases, second round: the rules as a county office applies them — the order of the
 * procedures and what each must record, the 15-day clock over weekends, holidays and month ends,
 * 风险消除 timing (also after a 回退), 重新识别 after 风险消除 or 清退, measures against risks, edge
 * values of income and household size, members who left, the audit findings and the 附件6 category
 * each one lands in, what 附件1 counts for such households, and who may see what. Each case names, in
 * a comment, the rule it checks (docs/CASEWORK.md "Policy decisions" holds the ones we had to choose).
 */
import { describe, expect, it } from 'vitest';
import { form4Rows, form5Rows, type HouseholdLine } from '../../src/bot/forms/from-records.js';
import { decideAccess, type Viewer } from '../../src/domain/access.js';
import { milestoneDeadline, nextReviewMeeting, weekReportDeadline, DEFAULT_CAMPAIGN_2022 } from '../../src/domain/campaign.js';
import { unwrap, type Fault, type Outcome } from '../../src/domain/case-faults.js';
import { decideRequest, openRequest, type CaseRequest, type OpenInput, type RequestRules } from '../../src/domain/case-request.js';
import { CATEGORY, PROBLEM_CATEGORY, type Category, type RiskType } from '../../src/domain/catalog.js';
import { checkDuplicateIds, checkHousehold, type QualityFacts } from '../../src/domain/data-quality.js';
import type { HouseholdFact } from '../../src/domain/household-fact.js';
import { checkRecords } from '../../src/domain/register-audit.js';
import { derivedKeyGroups, householdFacts, keyGroupsOf } from '../../src/domain/household.js';
import { DEFAULT_MONITORING_LINES, monitoringRange, netIncome, perCapitaNetIncome, type IncomeComponents } from '../../src/domain/income.js';
import { leadClock } from '../../src/domain/lead-clock.js';
import { absorbLead, admitLead, decideLead, DEFAULT_LEAD_CONFIG, recordRelief, recordStep, type Lead, type StepInput } from '../../src/domain/lead.js';
import { maskText } from '../../src/domain/privacy.js';
import { isProblemOverdue, openProblem, problemCounts, rectifyProblem, type Problem, type ProblemInput } from '../../src/domain/problem.js';
import { computeProgress, type ProgressInput, type ProgressRow } from '../../src/domain/progress.js';
import { measureWarnings, type MeasureEntry, type RiskEntry } from '../../src/domain/risk-profile.js';
import { followUpConsequence, keyGroupsFromNumbers, leadOriginFromScreening, reviewConsequence, validateScreening, type FollowUpAnswers, type ReviewAnswers, type ScreeningRecord } from '../../src/domain/screening.js';
import { addDays } from '../../src/domain/shanghai-days.js';
import {
  addFoundRisk, approveWithdrawal, DEFAULT_SUBJECT_CONFIG, eliminateSubject, eliminationFaults, includeSubject, rejectWithdrawal, requestWithdrawal, revertSubject,
  riskAddedWords, type EliminationFacts, type FoundRisk, type Subject,
} from '../../src/domain/subject.js';
import { supervisionTargets, type VillageFigures } from '../../src/domain/supervision.js';
import type { Member, Placement } from '../../src/domain/types.js';
import { at, CITY, openLead, origin, placeA1, placeA2, placeB1, progressSubject, TOWN_A, TOWN_B, walkAllSteps } from '../helpers/casework.js';
import { household, idNumber, member } from '../helpers/people.js';

const codes = <T>(o: Outcome<T>): string[] => (o.ok ? [] : o.faults.map((f) => f.code));
const faultCodes = (fs: readonly Fault[]): string[] => fs.map((f) => f.code);
const risk = (type: RiskType, extra: Partial<RiskEntry> = {}): RiskEntry => ({ type, remark: null, disasterSubtype: null, ...extra });
const done = (...ms: MeasureEntry['measure'][]): MeasureEntry[] => ms.map((measure) => ({ measure, status: 'done' as const }));
const planned = (...ms: MeasureEntry['measure'][]): MeasureEntry[] => ms.map((measure) => ({ measure, status: 'pending' as const }));

const HEAD = idNumber('19700101', 11);
const SPOUSE = idNumber('19720202', 22);
const PROBLEM_LABEL = PROBLEM_CATEGORY.label;

// ---------------------------------------------------------------- fixtures

const ORDER: Array<[StepInput['step'], number]> = [
  ['home_visit', 1], ['consent', 1], ['data_comparison', 1], ['village_review', 1], ['publicity', 2], ['town_review', 7], ['city_approval', 8], ['announcement', 9], ['system_entry', 10],
];

/** Records `steps` in the given order on a lead found 2022-05-20, each at its usual day (see ORDER) unless overridden. */
function record(lead: Lead, steps: Array<StepInput['step'] | [StepInput['step'], Partial<StepInput> & { offset?: number }]>): Outcome<Lead> {
  let l = lead;
  for (const s of steps) {
    const [step, over] = typeof s === 'string' ? [s, {}] : s;
    const offset = over.offset ?? (ORDER.find(([x]) => x === step) as [string, number])[1];
    const day = addDays(lead.discoveredOn, offset);
    const r = recordStep(l, { step, actor: 'cadre1', at: at(day, 12), note: '', publicityUntil: step === 'publicity' ? addDays(day, 4) : null, ...over }, DEFAULT_LEAD_CONFIG);
    if (!r.ok) return r;
    l = r.value;
  }
  return { ok: true, value: l };
}
const ALL = ORDER.map(([s]) => s);
const upTo = (last: StepInput['step']) => ALL.slice(0, ALL.indexOf(last) + 1);

function includedLead(foundOn = '2022-05-20', id = 11, category: Category = 'marginal'): Lead {
  const walked = { ...walkAllSteps(openLead(7, foundOn)), id };
  return unwrap(decideLead(walked, { decision: 'include', category, householdType: category === 'unstable_alleviated' ? 'alleviated' : 'general', note: '', actor: 'city1', at: at(addDays(foundOn, 11)) }));
}

function subject(over: Partial<Parameters<typeof includeSubject>[0]> = {}): Subject {
  return {
    ...unwrap(includeSubject({
      lead: includedLead(), memberIds: [HEAD, SPOUSE], risks: [risk('illness')], measures: done('health', 'employment'),
      actor: 'city1', at: at('2022-05-31', 11), previous: null, otherOpenMemberships: [], ...over,
    })),
    id: 100,
  };
}

const GOOD: EliminationFacts = { wholeHouseholdNoLabour: false, perCapitaIncome: 9000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] };
const assisted = (day: string) => ({ mode: 'assisted' as const, cause: null, actor: 'town1', at: at(day), note: '' });
const eliminatedOn = (day = '2022-12-01', s: Subject = subject()): Subject => ({ ...unwrap(eliminateSubject(s, assisted(day), GOOD, DEFAULT_SUBJECT_CONFIG)), id: s.id });
const revertedOn = (day: string, s: Subject = eliminatedOn()): Subject => unwrap(revertSubject(s, { reason: 'unstable', actor: 'town1', at: at(day), note: '收入不稳' }, []));

// ================================================================ A. the identification procedure, step by step

describe('识别认定: what may follow what', () => {
  const lead = () => openLead(7, '2022-05-20');

  it.each<[string, Parameters<typeof record>[1], string[]]>([
    // Seed 四(二): 入户核查和农户授权 → 民主评议和公示 → 审核批准和公告. Each step waits for the one before.
    ['民主评议 before 承诺授权', ['home_visit', 'village_review'], ['LEAD.STEP_OUT_OF_ORDER']],
    ['公示 before 民主评议', ['home_visit', 'consent', 'data_comparison', 'publicity'], ['LEAD.STEP_OUT_OF_ORDER']],
    ['市级审批 straight after 公示, no 镇街审核', [...upTo('publicity'), 'city_approval'], ['LEAD.STEP_OUT_OF_ORDER']],
    ['公告 before 市级审批', [...upTo('town_review'), 'announcement'], ['LEAD.STEP_OUT_OF_ORDER']],
    ['系统录入 before 公告', [...upTo('city_approval'), 'system_entry'], ['LEAD.STEP_OUT_OF_ORDER']],
    // A step is recorded once: the record says who did it and when, a second record would rewrite that.
    ['入户核查 recorded twice', ['home_visit', 'home_visit'], ['LEAD.STEP_REPEATED']],
    ['公示 recorded twice', [...upTo('publicity'), ['publicity', { offset: 3 }]], ['LEAD.STEP_REPEATED']],
    // Seed: 信息比对与识别程序同步进行 — the comparison runs beside 评议 and 公示 and must be in before 镇街审核.
    ['信息比对 after 民主评议 and 公示 (it runs alongside)', ['home_visit', 'consent', 'village_review', 'publicity', ['data_comparison', { offset: 3 }]], []],
    ['镇街审核 while 信息比对 is still missing', ['home_visit', 'consent', 'village_review', 'publicity', 'town_review'], ['LEAD.STEP_OUT_OF_ORDER']],
    // Time runs forward: a step cannot be dated before the step it follows.
    ['承诺授权 dated the day before 入户核查', [['home_visit', { offset: 3 }], ['consent', { offset: 2 }]], ['LEAD.STEP_BEFORE_PREVIOUS']],
    ['镇街审核 dated before the 公示 began', [...upTo('village_review'), ['publicity', { offset: 5 }], ['town_review', { offset: 4 }]], ['LEAD.STEP_BEFORE_PREVIOUS']],
    // 公示 ≥ 5 days, both ends counted; its end is required and may not come before its start.
    ['公示 without a last day', [...upTo('village_review'), ['publicity', { publicityUntil: null }]], ['LEAD.PUBLICITY_END_REQUIRED']],
    ['公示 ending before it starts', [...upTo('village_review'), ['publicity', { publicityUntil: '2022-05-21' }]], ['LEAD.PUBLICITY_TOO_SHORT']],
    ['公示 of one day', [...upTo('village_review'), ['publicity', { publicityUntil: '2022-05-22' }]], ['LEAD.PUBLICITY_TOO_SHORT']],
    ['公示 of ten days is fine', [...upTo('village_review'), ['publicity', { publicityUntil: '2022-05-31' }], ['town_review', { offset: 12 }]], []],
    // 入户核查 the same day the lead was found (before it is impossible, on it is allowed).
    ['入户核查 on the day the lead was found', [['home_visit', { offset: 0 }]], []],
  ])('%s', (_t, steps, want) => {
    expect(codes(record(lead(), steps))).toEqual(want);
  });

  it('承诺授权 may be signed by a proxy for someone who cannot write: the step records who and why', () => {
    // DOMAIN: a proxy may fill the consent for someone who cannot write; the note carries it.
    const l = unwrap(record(lead(), ['home_visit', ['consent', { note: '户主不识字，由其子代签' }]]));
    expect(l.steps.find((s) => s.step === 'consent')).toMatchObject({ note: '户主不识字，由其子代签', actor: 'cadre1', day: '2022-05-21' });
  });

  it('every step keeps who did it and on which day', () => {
    const l = unwrap(record(lead(), ALL));
    expect(l.steps.map((s) => [s.step, s.day])).toEqual(ORDER.map(([s, o]) => [s, addDays('2022-05-20', o)]));
    expect(l.steps.every((s) => s.actor === 'cadre1')).toBe(true);
  });

  it('nothing is recorded on a lead already decided', () => {
    // A decided case is closed: corrections go through a new lead, not by rewriting the old one.
    const decided = includedLead();
    expect(codes(recordStep(decided, { step: 'system_entry', actor: 'c', at: at('2022-06-02'), note: '' }, DEFAULT_LEAD_CONFIG))).toEqual(['LEAD.CLOSED']);
  });

  it('a lead is decided only once', () => {
    expect(codes(decideLead(includedLead(), { decision: 'exclude', reason: '复核后不符合', actor: 'city1', at: at('2022-06-03') }))).toEqual(['LEAD.CLOSED']);
  });

  it('不纳入 may come at the 民主评议, before the rest of the procedure, with its reason kept', () => {
    const l = unwrap(record(lead(), upTo('village_review')));
    const out = unwrap(decideLead(l, { decision: 'exclude', reason: '评议认为家庭有稳定务工收入，无返贫风险', actor: 'cadre1', at: at('2022-05-22') }));
    expect(out).toMatchObject({ status: 'not_included', outcome: { decision: 'exclude', reason: '评议认为家庭有稳定务工收入，无返贫风险', late: false } });
  });

  it('纳入 of a declarant not yet linked to a registered household is refused', () => {
    const l = walkAllSteps(openLead(null, '2022-05-20'));
    expect(codes(decideLead(l, { decision: 'include', category: 'marginal', householdType: 'general', note: '', actor: 'city1', at: at('2022-05-31') }))).toEqual(['LEAD.HOUSEHOLD_UNKNOWN']);
  });

  it('a lead merged into another takes no more steps', () => {
    const a = { ...openLead(7, '2022-05-20'), id: 1 };
    const b = { ...openLead(7, '2022-05-22'), id: 2 };
    const { other } = unwrap(absorbLead(a, b, DEFAULT_LEAD_CONFIG));
    expect(other.status).toBe('merged');
    expect(codes(recordStep(other, { step: 'home_visit', actor: 'c', at: at('2022-05-23'), note: '' }, DEFAULT_LEAD_CONFIG))).toEqual(['LEAD.CLOSED']);
  });
});

// ================================================================ B. the 15-day clock on the calendar

describe('the 15-day clock counts calendar days (weekends and holidays included)', () => {
  // Seed 四(二): “一般不超过15天” from the day the lead was found; no working-day rule is given,
  // so Saturdays, Sundays and public holidays count like any day (docs/CASEWORK.md, Policy decisions).
  it.each<[string, string, string]>([
    ['found on a Friday, due on a Saturday two weeks later', '2022-05-20', '2022-06-04'],
    ['found the day before 劳动节 (5-1…5-4 off): not extended', '2022-04-30', '2022-05-15'],
    ['over 端午 (6-3) and a month end', '2022-05-31', '2022-06-15'],
    ['over 春节 (1-31…2-6)', '2022-01-25', '2022-02-09'],
    ['over 国庆 (10-1…10-7)', '2022-09-28', '2022-10-13'],
    ['over February of a leap year', '2024-02-20', '2024-03-06'],
    ['over the new year', '2022-12-25', '2023-01-09'],
  ])('%s', (_t, foundOn, deadline) => {
    expect(openLead(7, foundOn).deadline).toBe(deadline);
  });

  it.each<[string, number, number, boolean]>([
    // Days are Asia/Shanghai days: 23:30 on day 15 is still day 15 (15:30 UTC), 00:10 of day 16 is late.
    ['decided 23:30 on the 15th day', 15, 23, false],
    ['decided 00:10 on the 16th day', 16, 0, true],
  ])('%s is late: %s', (_t, offset, hour, late) => {
    const walked = walkAllSteps(openLead(7, '2022-05-20'));
    const minute = hour === 23 ? 30 : 10;
    const l = unwrap(decideLead(walked, { decision: 'include', category: 'marginal', householdType: 'general', note: '', actor: 'city1', at: at(addDays('2022-05-20', offset), hour, minute) }));
    expect(l.outcome?.late).toBe(late);
  });

  it('a late decision is still taken (the case must be closed) and marked late', () => {
    const walked = walkAllSteps(openLead(7, '2022-05-20'));
    const l = unwrap(decideLead(walked, { decision: 'exclude', reason: '信息比对发现家有营运车辆', actor: 'city1', at: at('2022-06-20') }));
    expect(l).toMatchObject({ status: 'not_included', outcome: { late: true } });
  });

  it.each<[string, string, string]>([
    // “Due soon” is the last three days (configuration, DEFAULT_LEAD_CONFIG.dueSoonDays).
    ['four days before the deadline', '2022-05-31', 'on_time'],
    ['three days before the deadline', '2022-06-01', 'due_soon'],
    ['the day after a holiday weekend that ate the deadline', '2022-06-05', 'overdue'],
  ])('%s: %s', (_t, day, state) => {
    expect(leadClock(openLead(7, '2022-05-20'), at(day), DEFAULT_LEAD_CONFIG).state).toBe(state);
  });

  it('a decided lead has no clock any more', () => {
    expect(leadClock(includedLead(), at('2022-07-01'), DEFAULT_LEAD_CONFIG).state).toBe('closed');
  });

  it('the days are configuration (a province may shorten them)', () => {
    const r = admitLead(null, { householdId: 7, declarant: null, placement: placeA1, origin: origin('2022-05-20') }, { ...DEFAULT_LEAD_CONFIG, deadlineDays: 10 });
    expect(unwrap(r).lead.deadline).toBe('2022-05-30');
  });

  it('a find of the same risk dated earlier than the open lead starts the clock from the earlier day', () => {
    // Seed: “从农户申报、干部排查、部门预警发现风险线索之日起”: the clock runs from the day the risk was
    // first found, whoever found it; a department's list dated earlier moves the deadline forward.
    const merged = unwrap(admitLead(openLead(7, '2022-05-20'), { householdId: 7, declarant: null, placement: placeA1, origin: origin('2022-05-16', { source: 'department_warning', department: 'medical_insurance', at: at('2022-05-21') }) }, DEFAULT_LEAD_CONFIG));
    expect(merged.lead).toMatchObject({ discoveredOn: '2022-05-16', deadline: '2022-05-31' });
  });

  it('先行救助 is recorded with its day and does not close the case', () => {
    const opened = unwrap(admitLead(null, { householdId: 7, declarant: null, placement: placeA1, origin: origin('2022-05-20'), suddenHardship: true }, DEFAULT_LEAD_CONFIG)).lead;
    const r = unwrap(recordRelief(opened, { what: '临时救助', amountYuan: 5000, actor: 'town1', at: at('2022-05-20', 16) }));
    expect(r.reliefs[0]).toMatchObject({ what: '临时救助', day: '2022-05-20' });
    expect(leadClock(r, at('2022-06-05'), DEFAULT_LEAD_CONFIG).state).toBe('overdue');
  });

  it('先行救助 needs to say what was given', () => {
    const opened = unwrap(admitLead(null, { householdId: 7, declarant: null, placement: placeA1, origin: origin('2022-05-20'), suddenHardship: true }, DEFAULT_LEAD_CONFIG)).lead;
    expect(codes(recordRelief(opened, { what: ' ', amountYuan: 5000, actor: 'town1', at: at('2022-05-20', 16) }))).toEqual(['LEAD.RELIEF_WHAT_REQUIRED']);
  });
});

// ================================================================ C. 纳入: who the subject is

describe('纳入 the subject household', () => {
  it.each<[string, Partial<Parameters<typeof includeSubject>[0]>, string[]]>([
    // A household of nobody cannot be monitored: 家庭人口 is at least one (附件4/5 print it).
    ['no members at all', { memberIds: [] }, ['SUBJECT.NO_MEMBERS']],
    ['a single-person household (③ 特困 单人户)', { memberIds: [HEAD] }, []],
    ['the same person listed twice', { memberIds: [HEAD, HEAD] }, ['SUBJECT.MEMBER_REPEATED']],
    // 风险类型: the first is required — a subject is never included without its risk.
    ['no risk type', { risks: [] }, ['RISK.NONE']],
    ['risk 因自然灾害 without its sub-type', { risks: [risk('natural_disaster')] }, ['RISK.DISASTER_NEEDS_SUBTYPE']],
    ['a lead still open', { lead: { ...openLead(7, '2022-05-20'), id: 3 } }, ['SUBJECT.LEAD_NOT_INCLUDED']],
  ])('%s', (_t, over, want) => {
    const r = includeSubject({
      lead: includedLead(), memberIds: [HEAD, SPOUSE], risks: [risk('illness')], measures: done('health', 'employment'),
      actor: 'city1', at: at('2022-05-31', 11), previous: null, otherOpenMemberships: [], ...over,
    });
    expect(codes(r)).toEqual(want);
  });

  it('不纳入 leads make no subject', () => {
    const l = unwrap(decideLead(walkAllSteps(openLead(7, '2022-05-20')), { decision: 'exclude', reason: '收入稳定', actor: 'city1', at: at('2022-05-31') }));
    expect(codes(includeSubject({ lead: { ...l, id: 4 }, memberIds: [HEAD], risks: [risk('illness')], measures: [], actor: 'city1', at: at('2022-05-31'), previous: null, otherOpenMemberships: [] }))).toEqual(['SUBJECT.LEAD_NOT_INCLUDED']);
  });

  it('纳入 records the day, the category and the lead it came from', () => {
    expect(subject()).toMatchObject({ includedOn: '2022-05-31', category: 'marginal', leadId: 11, episode: 1, status: 'open' });
  });

  it.each<[string, Category, string[]]>([
    // 脱贫不稳定户 ⇒ 脱贫户; 边缘易致贫户 ⇒ 一般农户; 突发严重困难户 fits either (category precedence:
    // the household type decides between the first two, 突发 is open to both).
    ['a 脱贫户 as 突发严重困难户', 'sudden_hardship', []],
    ['a 脱贫户 as 脱贫不稳定户', 'unstable_alleviated', []],
    ['a 脱贫户 as 边缘易致贫户', 'marginal', ['LEAD.CATEGORY_MISMATCH']],
  ])('%s', (_t, category, want) => {
    const walked = walkAllSteps(openLead(7, '2022-05-20'));
    expect(codes(decideLead(walked, { decision: 'include', category, householdType: 'alleviated', note: '', actor: 'city1', at: at('2022-05-31') }))).toEqual(want);
  });
});

// ================================================================ D. 风险消除 timing and conditions

describe('风险消除: timing', () => {
  const cfg = DEFAULT_SUBJECT_CONFIG;
  it.each<[string, string, string, string[]]>([
    // “At least six months” from 纳入, counted in calendar months; a month without the day ends on its last day.
    ['included 8-31: 2-27 is too soon', '2022-08-31', '2023-02-27', ['ELIM.TOO_SOON']],
    ['included 8-31: 2-28 is six months', '2022-08-31', '2023-02-28', []],
    ['included 8-31 of 2023: 2-29 in a leap year', '2023-08-31', '2024-02-29', []],
    ['included 1-10: 7-9 is one day short', '2022-01-10', '2022-07-09', ['ELIM.TOO_SOON']],
    ['included 1-10: 7-10 is six months', '2022-01-10', '2022-07-10', []],
    ['a day before the inclusion', '2022-05-31', '2022-05-30', ['ELIM.TOO_SOON']],
  ])('%s', (_t, includedOn, day, want) => {
    expect(faultCodes(eliminationFaults(includedOn, null, GOOD, day, cfg))).toEqual(want);
  });

  it('every reason is given at once, not one by one', () => {
    const facts = { ...GOOD, perCapitaIncome: 5000, drinkingWaterSafe: false, wholeHouseholdNoLabour: true, risksRemaining: ['illness' as RiskType] };
    expect(new Set(faultCodes(eliminationFaults('2022-05-31', null, facts, '2022-08-01', cfg)))).toEqual(new Set(['ELIM.NO_LABOUR', 'ELIM.BELOW_LINE', 'ELIM.WATER_UNSAFE', 'ELIM.RISK_REMAINS', 'ELIM.TOO_SOON']));
  });

  it('after a 回退 the six months start again from the 回退', () => {
    // Seed 三(二): a 回退 means the elimination was not stable; marking it eliminated again a few
    // weeks later is the 风险消除简单化 the audit names. The income must be stable again for the
    // campaign's months, counted from the 回退 (docs/CASEWORK.md, Policy decisions).
    const back = revertedOn('2023-03-01');
    expect(codes(eliminateSubject(back, assisted('2023-04-01'), GOOD, cfg))).toEqual(['ELIM.TOO_SOON']);
    expect(codes(eliminateSubject(back, assisted('2023-09-01'), GOOD, cfg))).toEqual([]);
  });

  it('自然消除 because the ill member died still waits the months (the household lives on)', () => {
    const s = subject();
    expect(codes(eliminateSubject(s, { mode: 'natural', cause: 'member_died', actor: 't', at: at('2022-07-01'), note: '患病成员去世' }, GOOD, cfg))).toEqual(['ELIM.TOO_SOON']);
  });

  it('自然消除 of a dissolved household needs no income or months: nobody is left to measure', () => {
    const s = subject();
    const gone = { ...GOOD, perCapitaIncome: null, wholeHouseholdNoLabour: true };
    expect(unwrap(eliminateSubject(s, { mode: 'natural', cause: 'household_dissolved', actor: 't', at: at('2022-07-01'), note: '唯一成员去世' }, gone, cfg))).toMatchObject({ status: 'eliminated', elimination: { mode: 'natural', cause: 'household_dissolved' } });
  });

  it('帮扶消除 may not carry a 自然消除 cause', () => {
    expect(codes(eliminateSubject(subject(), { mode: 'assisted', cause: 'member_left', actor: 't', at: at('2022-12-01'), note: '' }, GOOD, cfg))).toEqual(['ELIM.CAUSE_NOT_NATURAL']);
  });

  it('a new risk found at elimination time stops it (no new risk)', () => {
    expect(faultCodes(eliminationFaults('2022-05-31', null, { ...GOOD, risksRemaining: ['accident'] }, '2022-12-01', cfg))).toEqual(['ELIM.RISK_REMAINS']);
  });

  it('风险消除 records who, when and how, and keeps the inclusion', () => {
    const s = eliminatedOn('2022-12-01');
    expect(s.elimination).toMatchObject({ mode: 'assisted', day: '2022-12-01', actor: 'town1' });
    expect(s.events.map((e) => e.kind)).toEqual(['include', 'eliminate']);
    expect(s.includedOn).toBe('2022-05-31');
  });
});

// ================================================================ E. 回退, 清退, 重新识别: order and records

describe('回退, 清退 and 重新识别', () => {
  it('回退 records its reason, who and when, and keeps the elimination in the history', () => {
    const s = unwrap(revertSubject(eliminatedOn(), { reason: 'no_labour', actor: 'town1', at: at('2023-03-01'), note: '夫妻二人均丧失劳动能力' }, []));
    expect(s.status).toBe('open');
    expect(s.events.map((e) => e.kind)).toEqual(['include', 'eliminate', 'revert']);
    expect(s.events[2]).toMatchObject({ actor: 'town1', day: '2023-03-01', reason: 'no_labour', note: '夫妻二人均丧失劳动能力' });
  });

  it('回退 of a subject already 清退 is refused', () => {
    let s = unwrap(requestWithdrawal(eliminatedOn(), { reason: 'favouritism', note: '村干部亲属', requestedOn: '2023-05-20', actor: 'v1', at: at('2023-05-20') }));
    s = unwrap(approveWithdrawal(s, 'town', { actor: 'town1', at: at('2023-05-21'), note: '' }));
    s = unwrap(approveWithdrawal(s, 'city', { actor: 'city1', at: at('2023-05-22'), note: '' }));
    expect(codes(revertSubject(s, { reason: 'unstable', actor: 'town1', at: at('2023-05-23'), note: '' }, []))).toEqual(['SUBJECT.WITHDRAWN']);
  });

  it('清退 of an eliminated subject is possible (wrongly identified whatever its state)', () => {
    expect(unwrap(requestWithdrawal(eliminatedOn(), { reason: 'data_mismatch', note: '信息比对：家有商品房', requestedOn: '2023-05-20', actor: 'v1', at: at('2023-05-20') })).withdrawal).toMatchObject({ reason: 'data_mismatch', requestedOn: '2023-05-20', requestedBy: 'v1' });
  });

  it('a second 清退 request while one is pending is refused', () => {
    const s = unwrap(requestWithdrawal(subject(), { reason: 'duplicate', note: '', requestedOn: '2022-06-01', actor: 'v1', at: at('2022-06-01') }));
    expect(codes(requestWithdrawal(s, { reason: 'favouritism', note: '', requestedOn: '2022-06-02', actor: 'v1', at: at('2022-06-02') }))).toEqual(['SUBJECT.WITHDRAWAL_PENDING']);
  });

  it('a written request dated after the day it is filed is refused', () => {
    expect(codes(requestWithdrawal(subject(), { reason: 'duplicate', note: '', requestedOn: '2022-06-05', actor: 'v1', at: at('2022-06-01') }))).toEqual(['SUBJECT.REQUEST_DATE_INVALID']);
  });

  it.each<[string, (s: Subject) => Outcome<Subject>, string[]]>([
    ['the town approves twice', (s) => approveWithdrawal(unwrap(approveWithdrawal(s, 'town', { actor: 'town1', at: at('2022-06-02'), note: '' })), 'town', { actor: 'town1', at: at('2022-06-03'), note: '' }), ['SUBJECT.APPROVAL_REPEATED']],
    ['the town approves before the written request’s date', (s) => approveWithdrawal(s, 'town', { actor: 'town1', at: at('2022-05-31'), note: '' }), ['SUBJECT.APPROVAL_BEFORE_REQUEST']],
    ['turned down without a reason', (s) => rejectWithdrawal(s, { actor: 'town1', at: at('2022-06-02'), reason: '' }), ['SUBJECT.REJECTION_REASON_REQUIRED']],
  ])('清退: %s', (_t, run, want) => {
    const s = unwrap(requestWithdrawal(subject(), { reason: 'duplicate', note: '', requestedOn: '2022-06-01', actor: 'v1', at: at('2022-06-01') }));
    expect(codes(run(s))).toEqual(want);
  });

  it('a 清退 turned down leaves the subject as it was, and may be asked for again with new grounds', () => {
    const s = unwrap(requestWithdrawal(subject(), { reason: 'duplicate', note: '', requestedOn: '2022-06-01', actor: 'v1', at: at('2022-06-01') }));
    const back = unwrap(rejectWithdrawal(s, { actor: 'town1', at: at('2022-06-02'), reason: '未发现重复纳入' }));
    expect(back.status).toBe('open');
    expect(back.events.map((e) => e.kind)).toEqual(['include', 'withdrawal_request', 'withdrawal_rejected']);
    expect(codes(requestWithdrawal(back, { reason: 'favouritism', note: '', requestedOn: '2022-06-03', actor: 'v1', at: at('2022-06-03') }))).toEqual([]);
  });

  it('重新识别 after 风险消除 opens episode 2 with the new category, linked to the first', () => {
    const lead2 = includedLead('2023-03-01', 12, 'sudden_hardship');
    const again = unwrap(includeSubject({ lead: lead2, memberIds: [HEAD, SPOUSE], risks: [risk('accident')], measures: done('social', 'employment'), actor: 'city1', at: at('2023-03-12'), previous: eliminatedOn(), otherOpenMemberships: [] }));
    expect(again).toMatchObject({ episode: 2, previousSubjectId: 100, category: 'sudden_hardship', includedOn: '2023-03-12', status: 'open' });
  });

  it('a third episode follows the second', () => {
    const second: Subject = { ...eliminatedOn('2023-10-01', { ...subject(), episode: 2, previousSubjectId: 100, includedOn: '2023-03-12' }), id: 200 };
    const again = unwrap(includeSubject({ lead: includedLead('2024-01-05', 13), memberIds: [HEAD], risks: [risk('illness')], measures: done('health', 'employment'), actor: 'city1', at: at('2024-01-16'), previous: second, otherOpenMemberships: [] }));
    expect(again).toMatchObject({ episode: 3, previousSubjectId: 200 });
  });

  it('a household 清退 (wrongly identified) may still be identified later when a real risk comes', () => {
    // 清退 ends that subject, not the household's right to be monitored: a new lead and the full
    // procedure make a new episode (docs/CASEWORK.md, Policy decisions).
    let s = unwrap(requestWithdrawal(subject(), { reason: 'data_mismatch', note: '家有小轿车', requestedOn: '2022-06-01', actor: 'v1', at: at('2022-06-01') }));
    s = unwrap(approveWithdrawal(s, 'town', { actor: 'town1', at: at('2022-06-02'), note: '' }));
    s = { ...unwrap(approveWithdrawal(s, 'city', { actor: 'city1', at: at('2022-06-03'), note: '' })), id: 100 };
    const again = includeSubject({ lead: includedLead('2023-07-01', 14, 'sudden_hardship'), memberIds: [HEAD, SPOUSE], risks: [risk('accident')], measures: done('social', 'employment'), actor: 'city1', at: at('2023-07-12'), previous: s, otherOpenMemberships: [] });
    expect(unwrap(again)).toMatchObject({ episode: 2, previousSubjectId: 100, status: 'open' });
  });

  it('重新识别 needs a lead of the same household', () => {
    const other = { ...eliminatedOn(), householdId: 8 };
    expect(codes(includeSubject({ lead: includedLead('2023-03-01', 12), memberIds: [HEAD], risks: [risk('illness')], measures: [], actor: 'city1', at: at('2023-03-12'), previous: other, otherOpenMemberships: [] }))).toEqual(['SUBJECT.OTHER_HOUSEHOLD']);
  });
});

describe('a new risk of a household already monitored (风险未消除) is added to it, not identified again', () => {
  const find = (risks: RiskType[], over: Partial<FoundRisk> = {}): FoundRisk => ({ source: 'self_declared', department: null, foundOn: '2022-07-01', risks, note: '孩子辍学打工', actor: 'kf:wm1', at: at('2022-07-01'), ...over });

  it.each<[string, Partial<FoundRisk>, string]>([
    ['the farmer’s own declaration', { source: 'self_declared' }, '农户自主申报'],
    ['a department’s warning, with its department', { source: 'department_warning', department: 'education', actor: 'jiaoyu1' }, '部门筛查预警（教育）'],
    ['a grid worker’s screening', { source: 'cadre_screening', actor: 'g1' }, '干部排查'],
  ])('%s: the risk type is added after the main one, who/when/source kept', (_t, over, source) => {
    const r = unwrap(addFoundRisk(subject(), find(['schooling'], over)));
    expect(r.added).toEqual(['schooling']);
    expect(r.subject.risks.map((x) => x.type)).toEqual(['illness', 'schooling']);
    expect(r.subject.events.at(-1)).toMatchObject({ kind: 'risk_found', actor: over.actor ?? 'kf:wm1', day: '2022-07-01', reason: source });
  });

  it('the subject is not included again: same episode, category, inclusion day and status', () => {
    const before = subject();
    const r = unwrap(addFoundRisk(before, find(['schooling'])));
    expect(r.subject).toMatchObject({ id: before.id, episode: 1, category: before.category, includedOn: before.includedOn, status: 'open', leadId: before.leadId });
  });

  it('the measures that answer the new risk are planned (尚未实施); a risk already answered plans nothing', () => {
    expect(unwrap(addFoundRisk(subject(), find(['schooling']))).planned).toEqual(planned('compulsory_education'));
    // 综合保障 answers 因病 too: with it already listed, a new 因病 needs no new measure.
    const withSecurity = subject({ risks: [risk('disability')], measures: done('comprehensive_security', 'employment') });
    expect(unwrap(addFoundRisk(withSecurity, find(['illness']))).planned).toEqual([]);
  });

  it('a risk already listed adds no type; the find is still recorded', () => {
    const r = unwrap(addFoundRisk(subject(), find(['illness'])));
    expect(r.added).toEqual([]);
    expect(r.subject.risks).toEqual([risk('illness')]);
    expect(r.subject.events.map((e) => e.kind)).toEqual(['include', 'risk_found']);
  });

  it('at most five risk types: the rest are named in the record, not dropped silently', () => {
    const four = subject({ risks: [risk('illness'), risk('disability'), risk('schooling'), risk('accident')] });
    const r = unwrap(addFoundRisk(four, find(['housing_safety', 'drinking_water'])));
    expect(r.added).toEqual(['housing_safety']);
    expect(r.overflow).toEqual(['drinking_water']);
    expect(r.subject.events.at(-1)?.note).toContain('未补充：因安全饮水');
  });

  it('其他 takes the find’s words as its remark; 因自然灾害 gets a sub-type to be named later', () => {
    const r = unwrap(addFoundRisk(subject(), find(['other', 'natural_disaster'], { note: '疫情停工' })));
    expect(r.subject.risks.slice(1)).toEqual([risk('other', { remark: '疫情停工' }), risk('natural_disaster', { disasterSubtype: 'other' })]);
  });

  it.each<[string, () => Subject, string]>([
    ['风险消除 (重新识别 through a new lead)', () => eliminatedOn(), 'SUBJECT.RISK_FOUND_NOT_OPEN'],
    ['已清退', () => {
      let s = unwrap(requestWithdrawal(subject(), { reason: 'duplicate', note: '', requestedOn: '2022-06-01', actor: 'v1', at: at('2022-06-01') }));
      s = unwrap(approveWithdrawal(s, 'town', { actor: 'town1', at: at('2022-06-02'), note: '' }));
      return unwrap(approveWithdrawal(s, 'city', { actor: 'city1', at: at('2022-06-03'), note: '' }));
    }, 'SUBJECT.WITHDRAWN'],
  ])('a subject %s takes no find: it is refused', (_t, make, code) => {
    expect(codes(addFoundRisk(make(), find(['schooling'], { at: at('2023-01-05'), foundOn: '2023-01-05' })))).toEqual([code]);
  });

  it('the reporter reads that the household is monitored, what was added and who follows up', () => {
    expect(riskAddedWords(['illness'])).toBe('该户已是监测对象（风险未消除），不再新开线索，已将新发现的风险“因病”补充到该户的风险类型，请帮扶责任人跟进落实措施。');
    expect(riskAddedWords([])).toContain('风险类型已包含');
  });

  it('附件1 counts the household once, as included when it was, not again on the new risk', () => {
    const s = unwrap(addFoundRisk(subject(), find(['schooling']))).subject;
    const row = (from: string, to: string) => computeProgress({
      window: { from, to }, villages: [{ cityCode: CITY, townCode: TOWN_A, villageCode: placeA1.villageCode }],
      roster: [{ householdId: 7, villageCode: placeA1.villageCode, type: 'general', people: 2 }], deployments: [], screenings: [], keyGroups: [],
      subjects: [{ ...s, id: 100 }], reviews: [], problems: [], trainings: [],
    }).villages[0]!;
    expect(row('2022-06-15', '2022-07-31').includedMarginal.households).toBe(0);
    expect(row('2022-05-01', '2022-07-31').includedMarginal.households).toBe(1);
  });
});

// ================================================================ F. requests: 风险消除 公示, 回退/清退 deadline, levels

describe('requests (风险消除, 回退, 清退) and who decides them', () => {
  const rules: RequestRules = { rollbackBy: '2022-05-25', publicityMinDays: 5 };
  const base = (over: Partial<OpenInput> = {}): OpenInput => ({
    subjectId: 100, householdId: 7, placement: placeA1, payload: { kind: 'revert', reason: 'unstable', note: '' }, requestedBy: 'v1', at: at('2022-05-20'), day: '2022-05-20', publicityUntil: null, evidence: null, ...over,
  });
  const evidence = { mediaId: 'm1', msgType: 'image' as const, fileName: '申请.jpg', bytes: 1000, sha256: 'a'.repeat(64) };
  const elim = (day: string, until: string | null): OpenInput => base({ payload: { kind: 'elimination', mode: 'assisted', cause: null, facts: GOOD, note: '' }, day, at: at(day), publicityUntil: until });

  it.each<[string, OpenInput, string[]]>([
    // Seed 四(三): 回退 and 清退 written requests by 5-25; the deadline day itself is in time.
    ['回退 on 5-25', base({ day: '2022-05-25' }), []],
    ['回退 on 5-26', base({ day: '2022-05-26' }), ['REQUEST.AFTER_DEADLINE']],
    ['清退 on 5-26', base({ day: '2022-05-26', payload: { kind: 'withdrawal', reason: 'favouritism', note: '' }, evidence }), ['REQUEST.AFTER_DEADLINE']],
    ['清退 without its written request', base({ payload: { kind: 'withdrawal', reason: 'favouritism', note: '' } }), ['REQUEST.EVIDENCE_REQUIRED']],
    ['清退 其他 without words', base({ payload: { kind: 'withdrawal', reason: 'other', note: ' ' }, evidence }), ['SUBJECT.WITHDRAWAL_NOTE_REQUIRED']],
    // 风险消除 is not a 回退/清退: the 5-25 deadline does not apply to it, its 公示 does.
    ['风险消除 in November with a five-day 公示', elim('2022-11-01', '2022-11-05'), []],
    ['风险消除 with a four-day 公示', elim('2022-11-01', '2022-11-04'), ['LEAD.PUBLICITY_TOO_SHORT']],
    ['风险消除 without a 公示', elim('2022-11-01', null), ['LEAD.PUBLICITY_END_REQUIRED']],
  ])('%s', (_t, input, want) => {
    expect(codes(openRequest(null, input, rules))).toEqual(want);
  });

  it('one pending request of a kind; once returned, a new one may be filed', () => {
    const first = unwrap(openRequest(null, base(), rules));
    expect(codes(openRequest(first, base({ day: '2022-05-21' }), rules))).toEqual(['REQUEST.PENDING']);
    const returned = unwrap(decideRequest(first, { level: 'town', approve: false, actor: 'town1', at: at('2022-05-21'), reason: '收入已稳定，无需回退' }, '2022-05-21'));
    expect(codes(openRequest(returned, base({ day: '2022-05-22' }), rules))).toEqual([]);
  });

  it.each<[string, (r: CaseRequest) => Outcome<CaseRequest>, string[]]>([
    ['the town approves 风险消除 on the 公示’s last day', (r) => decideRequest(r, { level: 'town', approve: true, actor: 'town1', at: at('2022-11-05'), reason: '' }, '2022-11-05'), ['REQUEST.PUBLICITY_NOT_OVER']],
    ['the town approves the day after', (r) => decideRequest(r, { level: 'town', approve: true, actor: 'town1', at: at('2022-11-06'), reason: '' }, '2022-11-06'), []],
    ['the city decides what the town has not', (r) => decideRequest(r, { level: 'city', approve: true, actor: 'city1', at: at('2022-11-06'), reason: '' }, '2022-11-06'), ['REQUEST.WRONG_LEVEL']],
    ['returned without a reason', (r) => decideRequest(r, { level: 'town', approve: false, actor: 'town1', at: at('2022-11-06'), reason: '' }, '2022-11-06'), ['REQUEST.RETURN_REASON_REQUIRED']],
  ])('风险消除: %s', (_t, run, want) => {
    expect(codes(run(unwrap(openRequest(null, elim('2022-11-01', '2022-11-05'), rules))))).toEqual(want);
  });

  it('风险消除 and 回退 end with the town; 清退 goes on to the city', () => {
    const revert = unwrap(decideRequest(unwrap(openRequest(null, base(), rules)), { level: 'town', approve: true, actor: 'town1', at: at('2022-05-21'), reason: '' }, '2022-05-21'));
    expect(revert.status).toBe('approved');
    const w = unwrap(openRequest(null, base({ payload: { kind: 'withdrawal', reason: 'duplicate', note: '' }, evidence }), rules));
    const town = unwrap(decideRequest(w, { level: 'town', approve: true, actor: 'town1', at: at('2022-05-21'), reason: '' }, '2022-05-21'));
    expect(town.status).toBe('pending_city');
    const city = unwrap(decideRequest(town, { level: 'city', approve: true, actor: 'city1', at: at('2022-05-23'), reason: '' }, '2022-05-23'));
    expect(city.status).toBe('approved');
    expect(city.decisions.map((d) => [d.level, d.actor, d.day])).toEqual([['town', 'town1', '2022-05-21'], ['city', 'city1', '2022-05-23']]);
    expect(codes(decideRequest(city, { level: 'city', approve: true, actor: 'city1', at: at('2022-05-24'), reason: '' }, '2022-05-24'))).toEqual(['REQUEST.NOT_PENDING']);
  });
});

// ================================================================ G. 回头看 (附件4) and follow-up (附件5)

describe('回头看 and follow-up answers', () => {
  const review = (over: Partial<ReviewAnswers> = {}): ReviewAnswers => ({
    subjectId: 100, category: 'marginal', incomeStable: true, measuresImplemented: true, guaranteesStable: true, eliminationStable: true,
    needsRelabel: false, relabelNote: null, needsWithdrawal: false, ...over,
  });
  it.each<[string, Partial<ReviewAnswers>, boolean, { revert: string | null; withdrawalCandidate: boolean }]>([
    // Seed 三(二): 风险消除不稳定 or 整户无劳动力 → 回退; 是否需要清退 → a written 清退 request follows.
    ['measures not carried out: the elimination is not stable', { measuresImplemented: false }, false, { revert: 'unstable', withdrawalCandidate: false }],
    ['风险消除是否稳定 = 否', { eliminationStable: false }, false, { revert: 'unstable', withdrawalCandidate: false }],
    ['unstable and 整户无劳动力: 回退 either way', { incomeStable: false }, true, { revert: 'unstable', withdrawalCandidate: false }],
    ['stable, but wrongly identified: 清退, not 回退', { needsWithdrawal: true }, false, { revert: null, withdrawalCandidate: true }],
  ])('%s', (_t, over, noLabour, want) => {
    expect(reviewConsequence(review(over), { wholeHouseholdNoLabour: noLabour })).toMatchObject(want);
  });

  const follow = (over: Partial<FollowUpAnswers> = {}): FollowUpAnswers => ({ subjectId: 100, includedOn: '2022-05-31', risks: ['illness'], measuresInPlace: ['health'], assistanceImplemented: true, meetsEliminationStandard: false, ...over });
  it.each<[string, Partial<FollowUpAnswers>, boolean, string[]]>([
    // 附件5: 帮扶是否落实 and 是否达到消除标准; only a household whose help is in place is a candidate.
    ['meets the standard and the help is in place', { meetsEliminationStandard: true }, true, []],
    ['meets the standard but the help is not in place', { meetsEliminationStandard: true, assistanceImplemented: false }, false, ['SCREENING.ASSISTANCE_NOT_IMPLEMENTED']],
    ['no measure in place at all', { measuresInPlace: [], assistanceImplemented: false }, false, ['SCREENING.ASSISTANCE_NOT_IMPLEMENTED', 'SCREENING.NO_MEASURES']],
  ])('%s', (_t, over, candidate, warnings) => {
    const r = followUpConsequence(follow(over));
    expect([r.eliminationCandidate, faultCodes(r.warnings)]).toEqual([candidate, warnings]);
  });
});

// ================================================================ H. measures against risks

describe('measures answer the risks; labour gets 开发式 help first', () => {
  it.each<[string, RiskEntry[], MeasureEntry[], boolean, string[]]>([
    // DOMAIN: 因病 → 健康/社会/综合保障; 因学 → 义务教育保障/教育帮扶; 因残 → 综合保障; 因安全住房 → 住房安全保障/搬迁; 因安全饮水 → 饮水安全保障.
    ['因学 answered by 义务教育保障', [risk('schooling')], done('compulsory_education', 'employment'), true, []],
    ['因学 with only 健康帮扶', [risk('schooling')], done('health', 'employment'), true, ['MEASURE.RISK_UNANSWERED']],
    ['因病 answered by 社会帮扶', [risk('illness')], done('social', 'industry'), true, []],
    ['因残 with only 健康帮扶 (康复) and 就业', [risk('disability')], done('health', 'employment'), true, ['MEASURE.RISK_UNANSWERED']],
    ['因安全饮水 answered by 饮水安全保障', [risk('drinking_water')], done('drinking_water', 'industry'), true, []],
    ['因安全住房 with 住房安全保障 planned, not yet done (the plan answers it)', [risk('housing_safety')], [...planned('housing_safety'), ...done('employment')], true, []],
    ['two risks, the second unanswered', [risk('illness'), risk('housing_safety')], done('health', 'employment'), true, ['MEASURE.RISK_UNANSWERED']],
    ['因意外事故 has no fixed answer', [risk('accident')], done('employment'), true, []],
    ['no measures at all for 因病', [risk('illness')], [], true, ['MEASURE.RISK_UNANSWERED']],
    // 一兜了之 (seed 三(五)): a household that can work with 兜底 only. 综合保障 planned counts the same.
    ['综合保障 alone, planned, for a household that can work', [risk('accident')], planned('comprehensive_security'), true, ['MEASURE.ONLY_COMPREHENSIVE']],
    ['综合保障 with 健康帮扶 but no 开发式 measure, household can work', [risk('illness')], done('comprehensive_security', 'health'), true, ['MEASURE.ONLY_COMPREHENSIVE']],
    ['综合保障 with 金融帮扶 (小额信贷) for a household that can work', [risk('illness')], done('comprehensive_security', 'finance', 'health'), true, []],
    ['综合保障 and 健康帮扶 when nobody can work', [risk('illness')], done('comprehensive_security', 'health'), false, []],
  ])('%s', (_t, risks, measures, labourCapable, want) => {
    expect(faultCodes(measureWarnings(risks, measures, { labourCapable }))).toEqual(want);
  });
});

// ================================================================ I. the line, income and household size at the edges

const income = (over: Partial<IncomeComponents> = {}): IncomeComponents => ({ wage: 0, business: 0, property: 0, transfer: 0, businessCost: 0, ...over });

describe('income at the edges', () => {
  it.each<[string, IncomeComponents, number, string]>([
    // Monitoring range: per-capita ≤ the year's line (2022: 6700), computed to the fen.
    ['three people, 20100 in all: 6700.00 is inside', income({ wage: 20100 }), 3, 'within'],
    ['three people, 20101 in all: 6700.33 is above', income({ wage: 20101 }), 3, 'above'],
    ['two people, 13401: 6700.50 is above', income({ wage: 13000, transfer: 401 }), 2, 'above'],
    ['only transfer income (pension, 低保) counts too', income({ transfer: 6000 }), 1, 'within'],
    ['a large 生产经营性支出 brings a good gross income inside', income({ business: 60000, businessCost: 45000 }), 3, 'within'],
    ['a business loss (negative net) is inside', income({ business: 2000, businessCost: 9000 }), 2, 'within'],
  ])('%s', (_t, c, size, want) => {
    expect(monitoringRange(perCapitaNetIncome(c, size), 2022, DEFAULT_MONITORING_LINES).status).toBe(want);
  });

  it('net income adds the four sources and takes off only the business cost', () => {
    expect(netIncome(income({ wage: 1, business: 2, property: 3, transfer: 4, businessCost: 5 }))).toBe(5);
  });

  it.each<[string, number]>([
    ['a negative household size', -1],
    ['a fractional household size', 2.5],
  ])('%s has no per-capita income', (_t, size) => {
    expect(() => perCapitaNetIncome(income({ wage: 100 }), size)).toThrow();
  });

  it.each<[string, number, boolean]>([
    // Key group ② follows the same comparison (≤ line).
    ['6699.99 suggests ②', 6699.99, true],
    ['6700.01 does not', 6700.01, false],
    ['a negative income suggests ②', -500, true],
  ])('%s', (_t, perCapita, want) => {
    const got = derivedKeyGroups(household(), { asOf: '2022-05-01', income: { year: 2021, perCapita, line: 6700 } }).map((d) => d.group);
    expect(got.includes('kg2_low_income')).toBe(want);
  });
});

// ================================================================ J. members changing

const left = (m: Member, on = '2022-03-01', reason = '死亡'): Member => ({ ...m, left: { on, reason } });

describe('members who joined or left', () => {
  const head = member({ idNumber: HEAD, name: '张三', relation: '户主' });
  const spouse = member({ idNumber: SPOUSE, name: '李四', relation: '配偶' });

  it.each<[string, Member[], { size: number; noLabour: boolean; singlePerson: boolean }]>([
    // 家庭人口 counts the people still in the household (户不漏人, nobody counted twice).
    ['two members', [head, spouse], { size: 2, noLabour: false, singlePerson: false }],
    ['the spouse died: one person left', [head, left(spouse)], { size: 1, noLabour: false, singlePerson: true }],
    ['the only worker left; the one who stays cannot work: 整户无劳动力', [{ ...head, labour: 'none' }, left(spouse, '2022-03-01', '婚嫁迁出')], { size: 1, noLabour: true, singlePerson: true }],
    ['a weak labourer is still labour', [{ ...head, labour: 'weak' }, { ...spouse, labour: 'none' }], { size: 2, noLabour: false, singlePerson: false }],
    ['everyone gone: nobody to call 无劳动力', [left(head), left(spouse)], { size: 0, noLabour: false, singlePerson: false }],
  ])('%s', (_t, members, want) => {
    expect(householdFacts({ members }, { asOf: '2022-05-01' })).toMatchObject(want);
  });

  it.each<[string, string, Member['schooling'], number]>([
    // 义务教育 ages 6–15: a child of those ages not in school is 疑似辍学; older or in preschool is not.
    ['15 and not in school', '20070101', 'none', 1],
    ['16 and not in school', '20060101', 'none', 0],
    ['6 and in preschool', '20160101', 'preschool', 0],
    ['17 and marked 辍学', '20050101', 'dropout', 1],
  ])('%s', (_t, birth, schooling, out) => {
    const kid = member({ idNumber: idNumber(birth, 41), name: '张小', schooling });
    expect(householdFacts({ members: [head, kid] }, { asOf: '2022-05-01' }).outOfSchoolChildren).toBe(out);
  });

  it('⑤ is not implied by a disabled member who has died', () => {
    expect(keyGroupsOf(household({ members: [head, left({ ...spouse, health: 'disabled' })] }))).toEqual([]);
  });

  it('⑥ needs two in non-compulsory schooling, one is not enough', () => {
    const kid = member({ idNumber: idNumber('20050101', 31), name: '张大', schooling: 'high_school' });
    expect(derivedKeyGroups(household({ members: [head, spouse, kid] }), { asOf: '2022-05-01' })).toEqual([]);
  });

  it('⑥ does not count a student who has left the household', () => {
    const a = member({ idNumber: idNumber('20050101', 31), name: '张大', schooling: 'high_school' });
    const b = left(member({ idNumber: idNumber('20030101', 41), name: '张二', schooling: 'college' }), '2022-01-10', '分户');
    expect(derivedKeyGroups(household({ members: [head, spouse, a, b] }), { asOf: '2022-05-01' })).toEqual([]);
  });
});

// ================================================================ K. audit findings and where they land on 附件6

const SECURE = { basicNeeds: true, education: true, medical: true, housing: true, water: true };
function quality(over: Partial<QualityFacts> = {}): QualityFacts {
  return {
    household: household({ id: 7 }), perCapitaIncome: 9000, incomeLine: 6700, guarantees: SECURE, wholeHouseholdNoLabour: false, subject: null, hasOpenLead: false,
    exclusionRecorded: false, uninsuredMember: false, schoolDropout: false, departmentWarning: false, reliefReceived: false, ...over,
  };
}
const elimSubject = (includedOn: string, day: string, over: Partial<Subject> = {}): Subject => ({
  ...subject(), status: 'eliminated', includedOn, elimination: { mode: 'assisted', cause: null, day, actor: 'town1', at: at(day), note: '' }, ...over,
});
const withdrawn = (): Subject => {
  let s = unwrap(requestWithdrawal(subject(), { reason: 'data_mismatch', note: '家有小轿车', requestedOn: '2022-06-01', actor: 'v1', at: at('2022-06-01') }));
  s = unwrap(approveWithdrawal(s, 'town', { actor: 'town1', at: at('2022-06-02'), note: '' }));
  return unwrap(approveWithdrawal(s, 'city', { actor: 'city1', at: at('2022-06-03'), note: '' }));
};

describe('audit findings, second round', () => {
  const found = (over: Partial<QualityFacts>) => faultCodes(checkHousehold(quality(over), DEFAULT_SUBJECT_CONFIG));

  it.each<[string, Partial<QualityFacts>, string[]]>([
    // 风险消除简单化: the months counted to the day (6: 1-10 → 7-10 is enough).
    ['eliminated exactly six months after 纳入', { subject: elimSubject('2022-01-10', '2022-07-10') }, []],
    ['eliminated one day short of six months', { subject: elimSubject('2022-01-10', '2022-07-09') }, ['QUALITY.ELIMINATED_TOO_SOON']],
    ['eliminated, income below the line and 整户无劳动力: both', { perCapitaIncome: 5000, wholeHouseholdNoLabour: true, subject: elimSubject('2022-01-10', '2022-08-10') }, ['QUALITY.ELIMINATED_BELOW_LINE', 'QUALITY.ELIMINATED_NO_LABOUR']],
    // 应纳未纳 is about households never identified: an eliminated subject below the line is a 风险消除 finding instead.
    ['eliminated and below the line is not also 应纳未纳', { perCapitaIncome: 5000, subject: elimSubject('2022-01-10', '2022-08-10') }, ['QUALITY.ELIMINATED_BELOW_LINE']],
    ['清退 household: no 一兜了之 or elimination findings', { subject: { ...withdrawn(), measures: done('comprehensive_security') } }, []],
    // 体外循环 = helped but never identified: relief while the case is being identified (先行救助) is not.
    ['relief while a lead is open (先行救助 of a 突发 case)', { reliefReceived: true, hasOpenLead: true }, []],
    ['relief to a household assessed and not included, with its reason', { reliefReceived: true, exclusionRecorded: true }, []],
    ['relief and below the line, never identified: both findings', { reliefReceived: true, perCapitaIncome: 5000 }, ['QUALITY.MISSED_CANDIDATE', 'QUALITY.OUTSIDE_LOOP']],
    // 应纳未纳 signals beside income: 基本医疗 not secured, 两不愁 not secured, 义务教育 not secured.
    ['above the line but 基本医疗 not secured', { perCapitaIncome: 20000, guarantees: { ...SECURE, medical: false } }, ['QUALITY.MISSED_CANDIDATE']],
    ['above the line but 义务教育 not secured', { perCapitaIncome: 20000, guarantees: { ...SECURE, education: false } }, ['QUALITY.MISSED_CANDIDATE']],
    ['an open subject with unsafe housing is being helped, not missed', { guarantees: { ...SECURE, housing: false }, subject: { ...subject(), risks: [risk('housing_safety')], measures: done('housing_safety', 'employment') } }, []],
    // 一兜了之 for an open subject whose household can work.
    ['open subject, 综合保障 and 健康帮扶 only, household can work', { subject: { ...subject(), measures: done('comprehensive_security', 'health') } }, ['QUALITY.ONLY_COMPREHENSIVE']],
    // 数据质量: 因学 without a student; members changed.
    ['因学 with no student and no school-age child', { subject: { ...subject(), risks: [risk('schooling')], measures: done('education', 'employment') } }, ['QUALITY.SCHOOLING_NO_STUDENT']],
    ['因残 whose disabled member has died', { household: household({ id: 7, members: [member({ idNumber: HEAD, name: '张三', relation: '户主' }), left(member({ idNumber: SPOUSE, name: '李四', relation: '配偶', health: 'disabled' }))] }), subject: { ...subject(), risks: [risk('disability')], measures: done('comprehensive_security', 'employment') } }, ['QUALITY.DISABILITY_NO_DISABLED_MEMBER']],
    ['the 户主 died and nobody took over', { household: household({ id: 7, members: [left(member({ idNumber: HEAD, name: '张三', relation: '户主' })), member({ idNumber: SPOUSE, name: '李四', relation: '配偶' })] }) }, ['QUALITY.NO_HEAD']],
    ['the old 户主 left and the new one is registered: one head', { household: household({ id: 7, members: [left(member({ idNumber: HEAD, name: '张三', relation: '户主' })), member({ idNumber: SPOUSE, name: '李四', relation: '户主' })] }) }, []],
    ['脱贫不稳定户 on a 一般农户', { subject: { ...subject(), category: 'unstable_alleviated' } }, ['QUALITY.CATEGORY_TYPE_MISMATCH']],
    ['突发严重困难户 on a 脱贫户 is consistent', { household: household({ id: 7, type: 'alleviated', alleviationYear: 2019 }), subject: { ...subject(), category: 'sudden_hardship' } }, []],
  ])('%s', (_t, over, want) => {
    expect(found(over)).toEqual(want);
  });

  it.each<[string, Partial<QualityFacts>, string]>([
    // Each finding lands in the 附件6 category of what it is about.
    ['应纳未纳 → “应纳未纳”“体外循环”方面', { perCapitaIncome: 5000 }, '“应纳未纳”“体外循环”方面'],
    ['体外循环 → “应纳未纳”“体外循环”方面', { reliefReceived: true }, '“应纳未纳”“体外循环”方面'],
    ['一兜了之 → 帮扶政策落实方面', { subject: { ...subject(), measures: done('comprehensive_security') } }, '帮扶政策落实方面'],
    ['eliminated below the line → 收入未稳定达标方面', { perCapitaIncome: 6000, subject: elimSubject('2022-01-10', '2022-08-10') }, '收入未稳定达标方面'],
    ['eliminated with unsafe water → “两不愁三保障”和饮水安全方面', { guarantees: { ...SECURE, water: false }, subject: elimSubject('2022-01-10', '2022-08-10') }, '“两不愁三保障”和饮水安全方面'],
    ['income missing → 数据质量方面', { perCapitaIncome: null }, '数据质量方面'],
  ])('%s', (_t, over, label) => {
    const [f] = checkHousehold(quality(over), DEFAULT_SUBJECT_CONFIG);
    expect(f ? PROBLEM_LABEL[f.category] : null).toBe(label);
  });

  it.each<[string, string, string[]]>([
    // 清退 is a written, town- and city-approved reason for not monitoring: no 应纳未纳 or 体外循环 for
    // the campaign it was approved in; an old 清退 (before the income year) is no reason for this one.
    ['清退 approved this campaign', '2022-06-03', []],
    ['清退 approved three years before', '2019-06-03', ['QUALITY.MISSED_CANDIDATE', 'QUALITY.OUTSIDE_LOOP']],
  ])('a 清退 household below the line, receiving relief: %s', (_t, approvedOn, want) => {
    const w = withdrawn();
    const s: Subject = { ...w, withdrawal: { ...(w.withdrawal as NonNullable<Subject['withdrawal']>), city: { actor: 'city1', at: at(approvedOn), day: approvedOn, note: '' } } };
    const facts: HouseholdFact[] = [
      ...(['basic_needs', 'education', 'medical', 'housing', 'water'] as const).map((key) => ({ householdId: 7, key, value: 'yes', source: 'screening' as const, sourceRef: 'screening:1', asOf: '2022-05-01', recordedBy: 'g1', recordedAt: at('2022-05-01') })),
      { householdId: 7, key: 'relief_temporary', value: 'yes', source: 'department', sourceRef: '民政临时救助名单.xlsx', asOf: '2022-05-01', recordedBy: 'system:import', recordedAt: at('2022-05-01') },
    ];
    const basis = { asOf: '2022-06-10', incomeYear: 2021, line: 6700, since: '2021-01-01', subjectConfig: DEFAULT_SUBJECT_CONFIG };
    const records = { household: household({ id: 7 }), incomes: [{ period: { from: '2021-01-01', to: '2021-12-31' }, ...income({ wage: 10000 }) }], subjects: [s], leads: [], facts };
    expect(faultCodes(checkRecords(records, basis))).toEqual(want);
  });

  it('a household nobody is left in (整户消亡) is not audited for a head, income or 三保障: there is nobody to measure', () => {
    // Members are never deleted; when the last one died or moved away the household is dissolved —
    // an open subject of it is closed by 自然消除 (整户消亡), not by filling in its income.
    const gone = household({ id: 7, members: [left(member({ idNumber: HEAD, name: '张三', relation: '户主' })), left(member({ idNumber: SPOUSE, name: '李四', relation: '配偶' }), '2022-02-01', '迁出')] });
    const basis = { asOf: '2022-06-10', incomeYear: 2021, line: 6700, since: '2021-01-01', subjectConfig: DEFAULT_SUBJECT_CONFIG };
    expect(faultCodes(checkRecords({ household: gone, incomes: [], subjects: [], leads: [], facts: [] }, basis))).toEqual([]);
  });

  it('the same facts give the same finding keys (a re-run opens nothing twice)', () => {
    const a = checkHousehold(quality({ perCapitaIncome: 5000, reliefReceived: true }), DEFAULT_SUBJECT_CONFIG).map((f) => f.key);
    const b = checkHousehold(quality({ perCapitaIncome: 5000, reliefReceived: true }), DEFAULT_SUBJECT_CONFIG).map((f) => f.key);
    expect(a).toHaveLength(2);
    expect(b).toEqual(a);
  });

  it('a person who moved (marked left in the old household) is not a duplicate ID', () => {
    const a = household({ id: 7, members: [member({ idNumber: HEAD, name: '张三', relation: '户主' }), left(member({ idNumber: SPOUSE, name: '李四', relation: '配偶' }), '2022-02-01', '分户')] });
    const b = household({ id: 8, code: 'H0008', headName: '李四', members: [member({ idNumber: SPOUSE, name: '李四', relation: '户主' })] });
    expect(faultCodes(checkDuplicateIds([a, b]))).toEqual([]);
  });

  it('the same ID number twice in one household is a duplicate', () => {
    const a = household({ id: 7, members: [member({ idNumber: HEAD, name: '张三', relation: '户主' }), member({ idNumber: HEAD, name: '张三', relation: '之子' })] });
    expect(faultCodes(checkDuplicateIds([a]))).toEqual(['QUALITY.ID_DUPLICATE']);
  });
});


// ================================================================ L. 附件1 counts for such households

describe('附件1 counts', () => {
  const V1 = placeA1.villageCode;
  const V2 = placeA2.villageCode;
  const V3 = placeB1.villageCode;
  const subj = progressSubject;
  const input = (over: Partial<ProgressInput> = {}): ProgressInput => ({
    window: { from: '2022-05-01', to: '2022-05-31' },
    villages: [{ cityCode: CITY, townCode: TOWN_A, villageCode: V1 }, { cityCode: CITY, townCode: TOWN_A, villageCode: V2 }, { cityCode: CITY, townCode: TOWN_B, villageCode: V3 }],
    roster: [
      { householdId: 1, villageCode: V1, type: 'alleviated', people: 4 },
      { householdId: 2, villageCode: V1, type: 'general', people: 1 },
      { householdId: 3, villageCode: V2, type: 'general', people: 3 },
      { householdId: 4, villageCode: V3, type: 'alleviated', people: 2 },
    ],
    deployments: [], screenings: [], keyGroups: [], subjects: [], reviews: [], problems: [], trainings: [], ...over,
  });
  const v1 = (r: ReturnType<typeof computeProgress>) => r.villages.find((v) => v.villageCode === V1);

  it.each<[string, Partial<ProgressInput>, (r: ReturnType<typeof computeProgress>) => unknown, unknown]>([
    // 纳入 counts the households included in the window with their people, by category.
    ['a 脱贫户 included as 突发严重困难户 counts under 突发, not 脱贫不稳定', { subjects: [subj(1, 'sudden_hardship', '2022-05-10')] }, (r) => [v1(r)?.includedSudden, v1(r)?.includedUnstable], [{ households: 1, people: 4 }, { households: 0, people: 0 }]],
    ['a single-person household included counts one person', { subjects: [subj(2, 'marginal', '2022-05-31')] }, (r) => v1(r)?.includedMarginal, { households: 1, people: 1 }],
    ['an inclusion the day after the window is not counted', { subjects: [subj(2, 'marginal', '2022-06-01')] }, (r) => v1(r)?.includedMarginal.households, 0],
    ['一户 screened three times counts once', { screenings: [1, 2, 3].map((d) => ({ householdId: 1, villageCode: V1, screener: 'g1', day: `2022-05-0${d}` })) }, (r) => v1(r)?.screened, { households: 1, people: 4 }],
    ['a screened 脱贫户 counts in 其中脱贫户', { screenings: [{ householdId: 1, villageCode: V1, screener: 'g1', day: '2022-05-03' }, { householdId: 2, villageCode: V1, screener: 'g1', day: '2022-05-03' }] }, (r) => v1(r)?.screenedAlleviated, { households: 1, people: 4 }],
    ['a screened household whose subject was 清退 is not a 监测对象', { screenings: [{ householdId: 2, villageCode: V1, screener: 'g1', day: '2022-05-03' }], subjects: [subj(2, 'marginal', '2021-05-01', { status: 'withdrawn' })] }, (r) => v1(r)?.screenedSubjects.households, 0],
    ['a screened household with an eliminated subject is a 监测对象', { screenings: [{ householdId: 2, villageCode: V1, screener: 'g1', day: '2022-05-03' }], subjects: [subj(2, 'marginal', '2021-05-01', { status: 'eliminated' })] }, (r) => v1(r)?.screenedSubjects.households, 1],
    ['回头看 of one subject twice is one household', { reviews: [{ subjectId: 10, householdId: 1, day: '2022-05-05' }, { subjectId: 10, householdId: 1, day: '2022-05-20' }] }, (r) => v1(r)?.reviewTotal, 1],
    ['a 回退 in the window counts; one before it does not', { subjects: [subj(1, 'unstable_alleviated', '2021-01-01', { events: [{ kind: 'revert', actor: 't', at: 0, day: '2022-05-20', reason: 'unstable', note: '' }] }), subj(2, 'marginal', '2021-01-01', { events: [{ kind: 'revert', actor: 't', at: 0, day: '2022-04-20', reason: 'unstable', note: '' }] })] }, (r) => v1(r)?.reverted, 1],
    ['a 清退 requested in the window counts', { subjects: [subj(1, 'unstable_alleviated', '2021-01-01', { withdrawal: { reason: 'favouritism', note: '', requestedOn: '2022-05-24', requestedBy: 'v1', town: null, city: null } })] }, (r) => v1(r)?.withdrawn, 1],
    ['an inclusion marked as caused by the epidemic counts in 其中因疫情纳入', { subjects: [subj(1, 'unstable_alleviated', '2022-05-10', { epidemic: true }), subj(2, 'marginal', '2022-05-10')] }, (r) => v1(r)?.includedCovid, { households: 1, people: 4 }],
    ['the town adds its villages; the other town is apart', { subjects: [subj(1, 'sudden_hardship', '2022-05-10'), subj(3, 'sudden_hardship', '2022-05-11'), subj(4, 'sudden_hardship', '2022-05-12')] }, (r) => [r.towns.find((t) => t.townCode === TOWN_A)?.includedSudden, r.city.includedSudden], [{ households: 2, people: 7 }, { households: 3, people: 9 }]],
  ])('%s', (_t, over, pick, want) => {
    expect(pick(computeProgress(input(over)))).toEqual(want);
  });
});

// ================================================================ M. problems (附件6): the ledger

describe('问题清单 and 对账销号', () => {
  const p = (over: Partial<ProblemInput> = {}): ProblemInput => ({
    category: 'data_quality', placement: placeA1, householdId: 7, description: '收入信息缺失', responsible: 'g1', measure: '补录收入', deadline: '2022-05-20', foundBy: 'g1', at: at('2022-05-10'), source: 'manual', findingKey: null, ...over,
  });
  it.each<[string, Partial<ProblemInput>, string[]]>([
    // Seed 五(三): 逐问题明确责任人、整改措施和完成时限.
    ['no responsible person', { responsible: ' ' }, ['PROBLEM.RESPONSIBLE_REQUIRED']],
    ['no measure', { measure: '' }, ['PROBLEM.MEASURE_REQUIRED']],
    ['a deadline before the problem was found', { deadline: '2022-05-09' }, ['PROBLEM.DEADLINE_INVALID']],
    ['a deadline on the day it was found (立行立改)', { deadline: '2022-05-10' }, []],
  ])('%s', (_t, over, want) => {
    expect(codes(openProblem(p(over)))).toEqual(want);
  });

  it('销号 needs what was done and who did it, and happens once', () => {
    const open = unwrap(openProblem(p()));
    expect(codes(rectifyProblem(open, { what: '', by: 'g1', at: at('2022-05-12'), dataCorrected: true }))).toEqual(['PROBLEM.RECTIFICATION_REQUIRED']);
    const fixed = unwrap(rectifyProblem(open, { what: '已补录2021年收入', by: 'g1', at: at('2022-05-12'), dataCorrected: true }));
    expect(codes(rectifyProblem(fixed, { what: '再次补录', by: 'g1', at: at('2022-05-13'), dataCorrected: true }))).toEqual(['PROBLEM.ALREADY_RECTIFIED']);
  });

  it('销号 dated before the problem was found is refused', () => {
    expect(codes(rectifyProblem(unwrap(openProblem(p())), { what: '补录', by: 'g1', at: at('2022-05-09'), dataCorrected: true }))).toEqual(['PROBLEM.RECTIFIED_BEFORE_FOUND']);
  });

  it('a problem is overdue the day after its deadline, not on it', () => {
    const open = unwrap(openProblem(p()));
    expect([isProblemOverdue(open, '2022-05-20'), isProblemOverdue(open, '2022-05-21')]).toEqual([false, true]);
  });

  it('补正数据 counts the fixes that corrected data; open and overdue are counted per village', () => {
    const a = unwrap(rectifyProblem({ ...unwrap(openProblem(p())), id: 1 }, { what: '补录', by: 'g1', at: at('2022-05-12'), dataCorrected: true }));
    const b = unwrap(rectifyProblem({ ...unwrap(openProblem(p({ category: 'policy_implementation' }))), id: 2 }, { what: '落实就业帮扶', by: 'g1', at: at('2022-05-12'), dataCorrected: false }));
    const c: Problem = { ...unwrap(openProblem(p({ deadline: '2022-05-15' }))), id: 3 };
    const [row] = problemCounts([a, b, c], '2022-05-16');
    expect(row).toMatchObject({ found: 3, rectified: 2, dataCorrections: 1, open: 1, overdue: 1 });
  });
});

// ================================================================ N. 督导 targets and the calendar of the campaign

describe('督导 and the campaign calendar', () => {
  type Fig = { problemsFound: number; subjects: number; openProblems: number; overdueProblems: number };
  const v = (code: string, over: Partial<Fig> = {}): VillageFigures => {
    const f: Fig = { problemsFound: 2, subjects: 3, openProblems: 0, overdueProblems: 0, ...over };
    const row = { screened: { households: 100, people: 300 }, problemsFound: f.problemsFound, problemsRectified: f.problemsFound - f.openProblems } as ProgressRow;
    return { code, row, roster: { households: 100, people: 300 }, subjects: f.subjects, openProblems: f.openProblems, overdueProblems: f.overdueProblems };
  };

  it('a village that reports zero problems is a 督导 target', () => {
    expect(supervisionTargets([v('A'), v('B', { problemsFound: 0 })], 1).zeroProblem).toEqual(['B']);
  });

  it('a village with open problems past their deadline is a target (整改不彻底)', () => {
    expect(supervisionTargets([v('A', { openProblems: 2, overdueProblems: 1 }), v('B')], 1).unrectified.map((u) => u.code)).toEqual(['A']);
  });

  it('a large village with no monitoring subject at all is 三类人员异常', () => {
    expect(supervisionTargets([v('A', { subjects: 0 }), v('B')], 1).abnormal).toMatchObject([{ code: 'A', kind: 'none' }]);
  });

  it.each<[string, string, string]>([
    // Seed 四(三): 信息变更 by 6-05 24:00; 回退/清退 requests by 5-25 (the whole day).
    ['corrections end at 24:00 on 6-05', 'corrections', '2022-06-05T16:00:00.000Z'],
    ['回退/清退 requests end at 24:00 on 5-25', 'rollbackRequests', '2022-05-25T16:00:00.000Z'],
  ])('%s', (_t, m, iso) => {
    expect(new Date(milestoneDeadline(DEFAULT_CAMPAIGN_2022, m as 'corrections')).toISOString()).toBe(iso);
  });

  it.each<[string, number, string]>([
    // Seed 四(二): 村级每周四召开研判会议; 镇街每周五上午8:00前上报.
    ['the 研判会 after a Friday is the next Thursday', at('2022-05-20', 9), '2022-05-26'],
    ['a Thursday morning’s next 研判会 is that afternoon', at('2022-05-26', 9), '2022-05-26'],
  ])('%s', (_t, t, day) => {
    expect(new Date(nextReviewMeeting(t, DEFAULT_CAMPAIGN_2022) + 8 * 3600_000).toISOString().slice(0, 10)).toBe(day);
  });

  it('a report written on Thursday evening is due Friday 08:00 the next morning', () => {
    expect(new Date(weekReportDeadline(at('2022-05-26', 20), DEFAULT_CAMPAIGN_2022)).toISOString()).toBe('2022-05-27T00:00:00.000Z');
  });
});

// ================================================================ O. who may see what; masking

describe('jurisdiction and masking', () => {
  const place = (townCode: string, villageCode: string, gridCode: string | null): Placement => ({ cityCode: CITY, townCode, villageCode, gridCode });
  const staff = (role: 'grid_worker' | 'village_cadre' | 'town_official' | 'city_bureau' | 'department', level: 'grid' | 'village' | 'town' | 'city', code: string, over: { active?: boolean; department?: 'civil_affairs' | 'medical_insurance' } = {}): Viewer =>
    ({ kind: 'staff', staff: { userId: `u_${role}`, role, jurisdiction: { level, code }, active: over.active ?? true, department: over.department ?? null } });
  const hh = (p: Placement) => ({ kind: 'household' as const, householdId: 7, placement: p });

  it.each<[string, Viewer, 'read' | 'write', Parameters<typeof decideAccess>[2], boolean]>([
    // 个人信息保护: only within the viewer's jurisdiction.
    ['a grid worker reads a household of the next grid', staff('grid_worker', 'grid', placeA1.gridCode as string), 'read', hh({ ...placeA1, gridCode: `${placeA1.villageCode}-02` }), false],
    ['a grid worker reads their own grid', staff('grid_worker', 'grid', placeA1.gridCode as string), 'read', hh(placeA1), true],
    ['a village cadre reads another village of the same town', staff('village_cadre', 'village', placeA1.villageCode), 'read', hh(placeA2), false],
    ['a town official changes a household of another town', staff('town_official', 'town', TOWN_A), 'write', hh(placeB1), false],
    ['a town official reads every village of the town', staff('town_official', 'town', TOWN_A), 'read', hh(place(TOWN_A, placeA2.villageCode, null)), true],
    ['the city bureau reads any household of the city', staff('city_bureau', 'city', CITY), 'read', hh(placeB1), true],
    ['a city bureau member who left (inactive) reads nothing', staff('city_bureau', 'city', CITY, { active: false }), 'read', hh(placeB1), false],
    ['a department reads a household’s register', staff('department', 'city', CITY, { department: 'civil_affairs' }), 'read', hh(placeA1), false],
    ['a department reads another department’s warnings', staff('department', 'city', CITY, { department: 'civil_affairs' }), 'read', { kind: 'warning', department: 'medical_insurance' }, false],
    ['a department reads its own warnings', staff('department', 'city', CITY, { department: 'civil_affairs' }), 'read', { kind: 'warning', department: 'civil_affairs' }, true],
    ['a farmer reads the household they are bound to', { kind: 'farmer', externalUserId: 'wm1', boundHouseholdId: 7 }, 'read', hh(placeA1), true],
    ['a farmer reads a neighbour’s household', { kind: 'farmer', externalUserId: 'wm1', boundHouseholdId: 8 }, 'read', hh(placeA1), false],
    ['a farmer changes the register of their own household', { kind: 'farmer', externalUserId: 'wm1', boundHouseholdId: 7 }, 'write', hh(placeA1), false],
    ['a farmer reads someone else’s declaration', { kind: 'farmer', externalUserId: 'wm1', boundHouseholdId: null }, 'read', { kind: 'declaration', declaredBy: 'wm2', placement: null }, false],
  ])('%s', (_t, viewer, action, resource, allowed) => {
    expect(decideAccess(viewer, action, resource).allowed).toBe(allowed);
  });

  it.each<[string, string, string]>([
    // 公示/公告 and replies never show ID numbers or phones; amounts, dates and household codes stay readable.
    ['an old 15-digit ID number', '身份证610821700101123', '610821700101123'],
    ['an ID number in full-width digits', '身份证６１０８２１１９７００１０１００１Ｘ', '６１０８２１１９７００１０１００１Ｘ'],
    ['a mobile written with +86 and spaces', '电话 +86 138 1234 5678', '1234 5678'],
  ])('%s is masked', (_t, text, secret) => {
    expect(maskText(text)).not.toContain(secret);
  });

  it.each<[string, string]>([
    ['an income and a date', '2021年人均纯收入6700元，2022-05-20公示'],
    ['a 户编号 and a count', '户编号H0001，家庭人口4人'],
  ])('%s stay as they are', (_t, text) => {
    expect(maskText(text)).toBe(text);
  });

  it('附件4 and 附件5 number the categories 1 脱贫不稳定户, 2 边缘易致贫户, 3 突发严重困难户', () => {
    expect(CATEGORY.codes.map((c, i) => `${i + 1}${CATEGORY.label[c]}`)).toEqual(['1脱贫不稳定户', '2边缘易致贫户', '3突发严重困难户']);
  });
});


// ================================================================ P. 附件4 and 附件5 rows for such households

describe('附件4 / 附件5 rows', () => {
  const names = new Map([[TOWN_A, '高家堡镇'], [placeA1.villageCode, '凉水井村']]);
  const lines = new Map<number, HouseholdLine>([[7, { headName: '张三', familySize: 2, phone: '13812345678' }]]);
  const placed = (s: Subject) => ({ subject: { ...s, id: s.id ?? 100 }, placement: placeA1 });

  it.each<[string, () => Subject, number]>([
    // 附件5 is the 未消除风险 ledger: open subjects only — a reverted one is open again; 风险消除 and 清退 are not.
    ['an open subject', () => subject(), 1],
    ['a subject reverted to open', () => revertedOn('2023-03-01'), 1],
    ['an eliminated subject', () => eliminatedOn(), 0],
    ['a subject 清退', () => withdrawn(), 0],
  ])('附件5: %s → %s row(s)', (_t, s, n) => {
    expect(form5Rows([placed(s())], [], lines, names)).toHaveLength(n);
  });

  it('附件5 keeps the 纳入时间 of the national system after a 回退, and a planned measure is not 帮扶已落实', () => {
    const s: Subject = { ...revertedOn('2023-03-01'), measures: [...done('health'), ...planned('employment')] };
    const [row] = form5Rows([placed(s)], [], lines, names);
    expect(row).toMatchObject({ includedOn: '2022-05-31', assistanceInPlace: false, measures: ['健康帮扶'] });
  });

  it('附件4 lists an eliminated subject nobody has reviewed yet, with 对象类型 3 for 突发严重困难户', () => {
    const s: Subject = { ...eliminatedOn('2022-12-01'), category: 'sudden_hardship' };
    const [row] = form4Rows([], lines, names, [placed(s)]);
    expect(row).toMatchObject({ category: 3, incomeStable: null, remark: '未回头看（帮扶消除，2022-12-01）' });
  });

  it('附件4 leaves out an open subject and a 清退 one', () => {
    expect(form4Rows([], lines, names, [placed(subject()), placed(withdrawn())])).toEqual([]);
  });
});

// ================================================================ Q. the screening ledgers' own rules (附件2–5)

describe('what each screening ledger must record', () => {
  const family = { income: '务工年收入约1.5万', annualIncomeYuan: 15000, schooling: '', schoolingCostYuan: null, illness: '', illnessCostYuan: null, disaster: '', disasterLossYuan: null };
  const base = { campaign: '2022', householdId: 7, placement: placeA1, screener: 'g1', at: at('2022-05-10'), remark: '' };
  const general = (a: Partial<Extract<ScreeningRecord, { form: 'general' }>['answers']>): ScreeningRecord =>
    ({ ...base, form: 'general', answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true, ...a } });
  const keyGroup = (a: Partial<Extract<ScreeningRecord, { form: 'key_group' }>['answers']>): ScreeningRecord =>
    ({ ...base, form: 'key_group', answers: { groups: ['kg1_alleviated'], family, verdict: null, ...a } });

  it.each<[string, ScreeningRecord, string[]]>([
    // 附件3 说明2: 近期发生风险选“是”，在备注栏详细记录风险情况并提交村级会议研判.
    ['附件3: risk 是 without details', general({ riskFound: true, riskDetails: ' ' }), ['SCREENING.RISK_DETAILS_REQUIRED']],
    ['附件3: risk 否 needs no details', general({}), []],
    ['附件3: 排查方式 by 微信', general({ method: 'wechat' }), []],
    // 附件2 说明1–2: 对象类型 1–10, multi-select; 家庭情况 records the income at least.
    ['附件2: no 对象类型', keyGroup({ groups: [] }), ['SCREENING.GROUPS_REQUIRED']],
    ['附件2: the same 对象类型 twice', keyGroup({ groups: ['kg4_dibao', 'kg4_dibao'] }), ['SCREENING.GROUP_DUPLICATE']],
    ['附件2: 家庭情况 without the income', keyGroup({ family: { ...family, income: '' } }), ['SCREENING.FAMILY_INCOME_REQUIRED']],
    ['附件2: a negative illness cost', keyGroup({ family: { ...family, illness: '住院', illnessCostYuan: -100 } }), ['SCREENING.AMOUNT_INVALID']],
    // 附件4: 是否需要重新标注或备注 = 是 says what to change.
    ['附件4: relabel without saying what', { ...base, form: 'review', answers: { subjectId: 100, category: 'marginal', incomeStable: true, measuresImplemented: true, guaranteesStable: true, eliminationStable: true, needsRelabel: true, relabelNote: '', needsWithdrawal: false } }, ['SCREENING.RELABEL_NOTE_REQUIRED']],
    // 附件5: 风险类型 1–5, 纳入时间 a real day.
    ['附件5: six risk types', { ...base, form: 'follow_up', answers: { subjectId: 100, includedOn: '2022-05-31', risks: ['illness', 'disability', 'schooling', 'accident', 'lack_of_labour', 'other'], measuresInPlace: ['health'], assistanceImplemented: true, meetsEliminationStandard: false } }, ['SCREENING.RISKS_COUNT']],
    ['附件5: 纳入时间 that is no day', { ...base, form: 'follow_up', answers: { subjectId: 100, includedOn: '2022-02-30', risks: ['illness'], measuresInPlace: ['health'], assistanceImplemented: true, meetsEliminationStandard: false } }, ['SCREENING.INCLUDED_ON_INVALID']],
  ])('%s', (_t, r, want) => {
    expect(codes(validateScreening(r))).toEqual(want);
  });

  it.each<[string, ScreeningRecord, string | null]>([
    // A lead starts on the screening day: 附件3 with 近期发生风险 = 是, or 附件2 once the 研判会 says 拟纳入
    // (the day the risk was found, not the meeting's, so the 15-day clock is honest).
    ['附件3 risk 是 opens a lead dated the screening day', general({ riskFound: true, riskDetails: '户主车祸住院' }), '2022-05-10'],
    ['附件3 risk 否 opens nothing', general({}), null],
    ['附件2 拟纳入 at the meeting opens a lead dated the screening day', keyGroup({ verdict: 'propose_include' }), '2022-05-10'],
    ['附件2 不纳入 opens nothing', keyGroup({ verdict: 'not_include' }), null],
  ])('%s', (_t, r, foundOn) => {
    expect(leadOriginFromScreening(r)?.foundOn ?? null).toBe(foundOn);
  });

  it.each<[string, number[], string[] | null]>([
    ['对象类型 1、3、5', [1, 3, 5], ['kg1_alleviated', 'kg3_extreme_poverty', 'kg5_disability']],
    ['对象类型 10', [10], ['kg10_rigid_spending']],
    ['对象类型 11 is not on the form', [11], null],
    ['对象类型 0 is not on the form', [0], null],
  ])('%s', (_t, ns, want) => {
    expect(keyGroupsFromNumbers(ns)).toEqual(want);
  });
});
