import { describe, expect, it } from 'vitest';
import { LEAD_STEP, type LeadStep } from '../../src/domain/catalog.js';
import { describeFault, unwrap, type Outcome } from '../../src/domain/case-faults.js';
import {
  absorbLead, admitLead, decideLead, DEFAULT_LEAD_CONFIG, leadKey, linkHousehold, missingSteps, nextStep, recordRelief, recordStep, type Lead, type StepInput,
} from '../../src/domain/lead.js';
import { addDays } from '../../src/domain/shanghai-days.js';
import { at, openLead, origin, placeA1, placeB1, WALK, walkAllSteps } from '../helpers/casework.js';

const cfg = DEFAULT_LEAD_CONFIG;
const codes = <T>(o: Outcome<T>): string[] => (o.ok ? [] : o.faults.map((f) => f.code));

/** Records steps in order up to (not including) `until`, on the WALK schedule. */
function stepsUpTo(lead: Lead, until: LeadStep): Lead {
  let l = lead;
  for (const step of LEAD_STEP.codes) {
    if (step === until) break;
    const [offset, hour] = WALK[step] as [number, number];
    const day = addDays(lead.discoveredOn, offset);
    l = unwrap(recordStep(l, { step, actor: 'c', at: at(day, hour), note: '', publicityUntil: step === 'publicity' ? addDays(day, 4) : null }, cfg));
  }
  return l;
}

describe('opening and merging leads', () => {
  it('opens on the discovery day with a 15-day deadline', () => {
    const l = openLead(7, '2022-12-25');
    expect(l).toMatchObject({ status: 'open', discoveredOn: '2022-12-25', deadline: '2023-01-09', householdId: 7 });
    expect(nextStep(l)).toBe('home_visit');
  });

  it.each([
    ['no household and no declarant', { householdId: null, declarant: null }, 'LEAD.SUBJECT_REQUIRED'],
    ['declarant with a whole ID number', { householdId: null, declarant: { name: '李四', idTail: '610821198001011234', villageCode: 'v' } }, 'LEAD.DECLARANT_INVALID'],
    ['declarant without a name', { householdId: null, declarant: { name: ' ', idTail: '1234', villageCode: 'v' } }, 'LEAD.DECLARANT_INVALID'],
    ['declarant with neither an ID tail nor a reference', { householdId: null, declarant: { name: '李四', idTail: '', villageCode: 'v' } }, 'LEAD.DECLARANT_INVALID'],
  ])('refuses %s', (_t, who, code) => {
    expect(codes(admitLead(null, { ...who, placement: placeA1, origin: origin('2022-05-20') }, cfg))).toEqual([code]);
  });

  it.each([
    ['a bad day', origin('2022-02-30', { at: at('2022-03-01') }), 'LEAD.BAD_DAY'],
    ['a day after it was recorded', origin('2022-05-21', { at: at('2022-05-20') }), 'LEAD.FOUND_IN_FUTURE'],
    ['a department warning without the department', origin('2022-05-20', { source: 'department_warning' }), 'LEAD.DEPARTMENT_REQUIRED'],
  ])('refuses an origin with %s', (_t, o, code) => {
    expect(codes(admitLead(null, { householdId: 1, declarant: null, placement: placeA1, origin: o }, cfg))).toEqual([code]);
  });

  it('accepts an unregistered declarant and a department warning', () => {
    const r = admitLead(null, { householdId: null, declarant: { name: '李四', idTail: '123x', villageCode: placeA1.villageCode }, placement: placeA1, origin: origin('2022-05-20', { source: 'department_warning', department: 'medical_insurance' }) }, cfg);
    expect(r.ok && r.value.kind).toBe('opened');
    expect(r.ok && leadKey(r.value.lead)).toBe(`u:${placeA1.villageCode}:李四:123X`);
  });

  it('accepts a declarant who could not give the ID: keyed by the reference, never merged by name alone', () => {
    const declare = (ref: string) => admitLead(null, { householdId: null, declarant: { name: '李四', idTail: '', villageCode: placeA1.villageCode, ref }, placement: placeA1, origin: origin('2022-05-20', { source: 'self_declared' }) }, cfg);
    const a = unwrap(declare('SB1')).lead;
    const b = unwrap(declare('SB2')).lead;
    expect(leadKey(a)).toBe(`u:${placeA1.villageCode}:李四:ref:SB1`);
    expect(leadKey(b)).not.toBe(leadKey(a));
  });

  it('merges a second find into the open lead: sources appended, clock from the earliest find', () => {
    const first = openLead(7, '2022-05-20');
    const r = admitLead(first, { householdId: 7, declarant: null, placement: placeA1, origin: origin('2022-05-18', { source: 'department_warning', department: 'civil_affairs', note: '新纳入低保', at: at('2022-05-22') }), suddenHardship: true }, cfg);
    const v = unwrap(r);
    expect(v.kind).toBe('merged');
    expect(v.lead.origins.map((o) => o.source)).toEqual(['cadre_screening', 'department_warning']);
    expect(v.lead).toMatchObject({ discoveredOn: '2022-05-18', deadline: '2022-06-02', suddenHardship: true });
  });

  it('opens a new lead when the earlier one is closed', () => {
    const closed = unwrap(decideLead(openLead(7, '2022-05-01'), { decision: 'exclude', reason: '收入稳定，无风险', actor: 'c', at: at('2022-05-03') }));
    const r = unwrap(admitLead(closed, { householdId: 7, declarant: null, placement: placeA1, origin: origin('2022-05-20') }, cfg));
    expect(r.kind).toBe('opened');
    expect(r.lead.origins).toHaveLength(1);
  });
});

describe('the nine steps', () => {
  const base = openLead(7, '2022-05-20');
  const step = (l: Lead, s: Partial<StepInput> & { step: LeadStep }) => recordStep(l, { actor: 'c', at: at('2022-05-21'), note: '', ...s }, cfg);

  it('信息比对 runs alongside: 民主评议 and 公示 go on without it, 镇街审核 waits for it', () => {
    const noComparison = (l: Lead, st: LeadStep, day: string, extra: Partial<StepInput> = {}) => unwrap(step(l, { step: st, at: at(day), ...extra }));
    let l = noComparison(noComparison(base, 'home_visit', '2022-05-21'), 'consent', '2022-05-21');
    l = noComparison(l, 'village_review', '2022-05-22');
    l = noComparison(l, 'publicity', '2022-05-22', { publicityUntil: '2022-05-26' });
    expect(codes(step(l, { step: 'town_review', at: at('2022-05-27') }))).toEqual(['LEAD.STEP_OUT_OF_ORDER']);
    expect(step(l, { step: 'town_review', at: at('2022-05-27') })).toMatchObject({ faults: [{ params: { expected: '信息比对' } }] });
    l = noComparison(l, 'data_comparison', '2022-05-24');
    expect(unwrap(step(l, { step: 'town_review', at: at('2022-05-27') })).steps.map((x) => x.step)).toEqual(['home_visit', 'consent', 'village_review', 'publicity', 'data_comparison', 'town_review']);
  });

  it('records each step with actor, time and note, in order', () => {
    const l = walkAllSteps(base);
    expect(l.steps.map((s) => s.step)).toEqual(LEAD_STEP.codes);
    expect(l.steps[0]).toMatchObject({ actor: 'cadre1', day: '2022-05-21', skipped: false });
    expect(missingSteps(l)).toEqual([]);
    expect(nextStep(l)).toBeNull();
  });

  it.each([
    ['a step out of order', () => step(base, { step: 'consent' }), 'LEAD.STEP_OUT_OF_ORDER'],
    ['a step twice', () => step(unwrap(step(base, { step: 'home_visit' })), { step: 'home_visit' }), 'LEAD.STEP_REPEATED'],
    ['skipping 民主评议', () => step(stepsUpTo(base, 'village_review'), { step: 'village_review', skipped: true, note: '已评议' }), 'LEAD.SKIP_NOT_ALLOWED'],
    ['skipping 信息比对 without a reason', () => step(stepsUpTo(base, 'data_comparison'), { step: 'data_comparison', skipped: true, note: ' ' }), 'LEAD.SKIP_REASON_REQUIRED'],
    ['民主评议 before 承诺授权', () => step(stepsUpTo(base, 'consent'), { step: 'village_review' }), 'LEAD.STEP_OUT_OF_ORDER'],
    ['a step before discovery', () => step(base, { step: 'home_visit', at: at('2022-05-19') }), 'LEAD.STEP_BEFORE_DISCOVERY'],
    ['a step earlier than the previous one', () => step(unwrap(step(base, { step: 'home_visit', at: at('2022-05-22') })), { step: 'consent', at: at('2022-05-21') }), 'LEAD.STEP_BEFORE_PREVIOUS'],
    ['公示 without an end day', () => step(stepsUpTo(base, 'publicity'), { step: 'publicity', at: at('2022-05-22') }), 'LEAD.PUBLICITY_END_REQUIRED'],
    ['公示 of 4 days', () => step(stepsUpTo(base, 'publicity'), { step: 'publicity', at: at('2022-05-22'), publicityUntil: '2022-05-25' }), 'LEAD.PUBLICITY_TOO_SHORT'],
  ])('refuses %s', (_t, run, code) => {
    expect(codes(run())).toEqual([code]);
  });

  it('allows skipping 信息比对 with a reason', () => {
    const l = unwrap(step(stepsUpTo(base, 'data_comparison'), { step: 'data_comparison', skipped: true, note: '新纳入低保已比对' }));
    expect(l.steps.at(-1)).toMatchObject({ step: 'data_comparison', skipped: true, note: '新纳入低保已比对' });
  });

  it('takes a 5-day 公示 and refuses 镇街审核 before it is over, allows it the day after', () => {
    const pub = unwrap(step(stepsUpTo(base, 'publicity'), { step: 'publicity', at: at('2022-05-22'), publicityUntil: '2022-05-26' }));
    expect(codes(step(pub, { step: 'town_review', at: at('2022-05-26', 18) }))).toEqual(['LEAD.PUBLICITY_NOT_OVER']);
    expect(step(pub, { step: 'town_review', at: at('2022-05-27', 9) }).ok).toBe(true);
  });

  it('honours a configured minimum 公示', () => {
    const ready = stepsUpTo(base, 'publicity');
    const seven = { ...cfg, publicityMinDays: 7 };
    expect(codes(recordStep(ready, { step: 'publicity', actor: 'c', at: at('2022-05-22'), note: '', publicityUntil: '2022-05-27' }, seven))).toEqual(['LEAD.PUBLICITY_TOO_SHORT']);
    expect(recordStep(ready, { step: 'publicity', actor: 'c', at: at('2022-05-22'), note: '', publicityUntil: '2022-05-28' }, seven).ok).toBe(true);
  });

  it('refuses any step on a closed lead', () => {
    const closed = unwrap(decideLead(base, { decision: 'exclude', reason: '无风险', actor: 'c', at: at('2022-05-21') }));
    expect(codes(step(closed, { step: 'home_visit' }))).toEqual(['LEAD.CLOSED']);
  });
});

describe('outcome', () => {
  const done = walkAllSteps(openLead(7, '2022-05-20'));
  const include = (l: Lead, category: 'marginal' | 'unstable_alleviated' | 'sudden_hardship', householdType: 'general' | 'alleviated', day = '2022-05-31') =>
    decideLead(l, { decision: 'include', category, householdType, note: '', actor: 'city1', at: at(day) });

  it.each([
    ['unstable_alleviated', 'alleviated', true],
    ['unstable_alleviated', 'general', false],
    ['marginal', 'general', true],
    ['marginal', 'alleviated', false],
    ['sudden_hardship', 'general', true],
    ['sudden_hardship', 'alleviated', true],
  ] as const)('纳入 as %s for a %s household → allowed %s', (category, type, allowed) => {
    const r = include(done, category, type);
    expect(r.ok).toBe(allowed);
    if (!r.ok) {
      expect(codes(r)).toEqual(['LEAD.CATEGORY_MISMATCH']);
      expect(describeFault(r.faults[0]!)).toMatch(/只能是/);
    }
  });

  it('refuses 纳入 before every step is recorded, naming the missing ones', () => {
    const r = include(stepsUpTo(openLead(7, '2022-05-20'), 'announcement'), 'marginal', 'general');
    expect(codes(r)).toEqual(['LEAD.STEPS_INCOMPLETE']);
    expect(!r.ok && describeFault(r.faults[0]!)).toBe('认定程序还没走完，缺少：公告、系统录入。');
  });

  it('refuses 纳入 for an unlinked declarant, allows it after linking', () => {
    const walked = walkAllSteps(openLead(null, '2022-05-20'));
    expect(codes(include(walked, 'marginal', 'general'))).toEqual(['LEAD.HOUSEHOLD_UNKNOWN']);
    const linked = unwrap(linkHousehold(walked, 42, placeB1, null));
    expect(unwrap(include(linked, 'marginal', 'general'))).toMatchObject({ status: 'included', householdId: 42, placement: placeB1 });
  });

  it('requires a written reason for 不纳入, at any step', () => {
    const l = openLead(7, '2022-05-20');
    expect(codes(decideLead(l, { decision: 'exclude', reason: '  ', actor: 'c', at: at('2022-05-21') }))).toEqual(['LEAD.REASON_REQUIRED']);
    expect(unwrap(decideLead(l, { decision: 'exclude', reason: '家庭收入稳定', actor: 'c', at: at('2022-05-21') })).outcome).toMatchObject({ decision: 'exclude', reason: '家庭收入稳定', late: false });
  });

  it('marks a decision after the deadline as late, on time on the deadline day', () => {
    expect(unwrap(include(done, 'marginal', 'general', '2022-06-04')).outcome?.late).toBe(false);
    expect(unwrap(include(done, 'marginal', 'general', '2022-06-05')).outcome?.late).toBe(true);
  });

  it('refuses deciding twice', () => {
    expect(codes(include(unwrap(include(done, 'marginal', 'general')), 'marginal', 'general'))).toEqual(['LEAD.CLOSED']);
  });
});

describe('linking, absorbing and relief', () => {
  it.each([
    ['already linked', () => linkHousehold(openLead(7, '2022-05-20'), 8, placeA1, null), 'LEAD.ALREADY_LINKED'],
    ['household with another open lead', () => linkHousehold(openLead(null, '2022-05-20'), 7, placeA1, openLead(7, '2022-05-19')), 'LEAD.HOUSEHOLD_HAS_OPEN_LEAD'],
  ])('refuses linking when %s', (_t, run, code) => {
    expect(codes(run())).toEqual([code]);
  });

  it('absorbs a declarant lead into the household lead, closing it as merged', () => {
    const target = { ...openLead(7, '2022-05-20'), id: 1 };
    const other = { ...openLead(null, '2022-05-16', { source: 'self_declared', note: '自主申报：看病花费大' }), id: 2 };
    const r = unwrap(absorbLead(target, other, DEFAULT_LEAD_CONFIG));
    expect(r.target.origins.map((o) => o.source)).toEqual(['cadre_screening', 'self_declared']);
    expect(r.target.deadline).toBe('2022-05-31');
    expect(r.other).toMatchObject({ status: 'merged', mergedIntoId: 1 });
    expect(codes(absorbLead(target, target, DEFAULT_LEAD_CONFIG))).toEqual(['LEAD.MERGE_SELF']);
  });

  it('records relief first only for a suspected 突发严重困难 case', () => {
    const relief = { what: '临时救助', amountYuan: 3000, actor: 'town1', at: at('2022-05-21') };
    expect(codes(recordRelief(openLead(7, '2022-05-20'), relief))).toEqual(['LEAD.RELIEF_NOT_SUDDEN']);
    const sudden = { ...openLead(7, '2022-05-20'), suddenHardship: true };
    expect(codes(recordRelief(sudden, { ...relief, what: '' }))).toEqual(['LEAD.RELIEF_WHAT_REQUIRED']);
    expect(unwrap(recordRelief(sudden, relief)).reliefs).toEqual([{ ...relief, day: '2022-05-21' }]);
  });
});
