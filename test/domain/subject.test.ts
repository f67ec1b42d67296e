import { describe, expect, it } from 'vitest';
import { unwrap, type Outcome } from '../../src/domain/case-faults.js';
import { decideLead, type Lead } from '../../src/domain/lead.js';
import type { RiskEntry } from '../../src/domain/risk-profile.js';
import {
  approveWithdrawal, DEFAULT_SUBJECT_CONFIG, eliminateSubject, includeSubject, rejectWithdrawal, requestWithdrawal, revertSubject, updateMeasures, updateRisks,
  type EliminationFacts, type IncludeInput, type Subject,
} from '../../src/domain/subject.js';
import { at, openLead, walkAllSteps } from '../helpers/casework.js';

const codes = <T>(o: Outcome<T>): string[] => (o.ok ? [] : o.faults.map((f) => f.code));
const ILL: RiskEntry = { type: 'illness', remark: null, disasterSubtype: null };
const cfg = DEFAULT_SUBJECT_CONFIG;

function includedLead(householdId = 7): Lead {
  const walked = { ...walkAllSteps(openLead(householdId, '2022-05-20')), id: 11 };
  return unwrap(decideLead(walked, { decision: 'include', category: 'marginal', householdType: 'general', note: '评议通过', actor: 'city1', at: at('2022-05-31') }));
}

const input = (over: Partial<IncludeInput> = {}): IncludeInput => ({
  lead: includedLead(), memberIds: ['610821198001011234', '610821200501011236'], risks: [ILL], measures: [{ measure: 'health', status: 'done' }],
  actor: 'city1', at: at('2022-05-31', 11), previous: null, otherOpenMemberships: [], ...over,
});

const subject = (): Subject => ({ ...unwrap(includeSubject(input())), id: 100 });

const goodFacts: EliminationFacts = { wholeHouseholdNoLabour: false, perCapitaIncome: 9000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] };
const elim = (s: Subject, facts: Partial<EliminationFacts> = {}, day = '2022-12-01', mode: 'assisted' | 'natural' = 'assisted', cause: 'member_died' | 'household_dissolved' | null = null) =>
  eliminateSubject(s, { mode, cause, actor: 'town1', at: at(day), note: '' }, { ...goodFacts, ...facts }, cfg);

describe('纳入', () => {
  it('creates episode 1 from an included lead, with its category, day and an event', () => {
    const s = subject();
    expect(s).toMatchObject({ householdId: 7, leadId: 11, episode: 1, category: 'marginal', includedOn: '2022-05-31', status: 'open' });
    expect(s.events).toEqual([{ kind: 'include', actor: 'city1', at: at('2022-05-31', 11), day: '2022-05-31', reason: '纳入（线索11）', note: '评议通过' }]);
  });

  it.each([
    ['a lead still open', { lead: openLead(7, '2022-05-20') }, ['SUBJECT.LEAD_NOT_INCLUDED']],
    ['a household already open', { previous: { ...subject(), status: 'open' as const } }, ['SUBJECT.ALREADY_OPEN']],
    ['continuing the episode of another household', { previous: { ...subject(), householdId: 8, status: 'eliminated' as const } }, ['SUBJECT.OTHER_HOUSEHOLD']],
    ['a member in another open subject', { otherOpenMemberships: [{ idNumber: '610821198001011234', householdId: 9 }] }, ['SUBJECT.MEMBER_IN_OTHER_SUBJECT']],
    ['no risk type', { risks: [] }, ['RISK.NONE']],
    ['a measure twice', { measures: [{ measure: 'health' as const, status: 'done' as const }, { measure: 'health' as const, status: 'pending' as const }] }, ['MEASURE.DUPLICATE']],
  ])('refuses %s', (_t, over, want) => {
    expect(codes(includeSubject(input(over)))).toEqual(want);
  });

  it('masks the ID of a member found in another subject', () => {
    const r = includeSubject(input({ otherOpenMemberships: [{ idNumber: '610821198001011234', householdId: 9 }] }));
    expect(!r.ok && r.faults[0]?.params?.id).toBe('6108**********1234');
  });

  it('重新识别: a new episode linked to the eliminated one through a new lead', () => {
    const eliminated = unwrap(elim(subject()));
    const again = unwrap(includeSubject(input({ lead: { ...includedLead(), id: 12 }, previous: eliminated })));
    expect(again).toMatchObject({ episode: 2, previousSubjectId: 100, leadId: 12, status: 'open' });
    expect(again.events[0]?.reason).toBe('重新识别（线索12）');
  });
});

describe('风险消除 guards', () => {
  it.each([
    ['整户无劳动力', { wholeHouseholdNoLabour: true }, '2022-12-01', ['ELIM.NO_LABOUR']],
    ['income unknown', { perCapitaIncome: null }, '2022-12-01', ['ELIM.INCOME_UNKNOWN']],
    ['income a fen below the line', { perCapitaIncome: 6699.99 }, '2022-12-01', ['ELIM.BELOW_LINE']],
    ['三保障 unsolved', { threeGuaranteesSecured: false }, '2022-12-01', ['ELIM.GUARANTEES_UNSOLVED']],
    ['饮水 unsafe', { drinkingWaterSafe: false }, '2022-12-01', ['ELIM.WATER_UNSAFE']],
    ['a risk still present', { risksRemaining: ['illness' as const] }, '2022-12-01', ['ELIM.RISK_REMAINS']],
    ['one day short of 6 months (05-31 + 6 months = 11-30)', {}, '2022-11-29', ['ELIM.TOO_SOON']],
    ['several reasons at once', { wholeHouseholdNoLabour: true, perCapitaIncome: 5000 }, '2022-06-30', ['ELIM.NO_LABOUR', 'ELIM.BELOW_LINE', 'ELIM.TOO_SOON']],
  ])('refuses with %s', (_t, facts, day, want) => {
    expect(codes(elim(subject(), facts, day))).toEqual(want);
  });

  it('allows 帮扶消除 exactly 6 months after 纳入, with income above the line', () => {
    const s = unwrap(elim(subject(), {}, '2022-11-30'));
    expect(s.status).toBe('eliminated');
    expect(s.elimination).toMatchObject({ mode: 'assisted', day: '2022-11-30' });
    expect(s.events.at(-1)?.kind).toBe('eliminate');
  });

  it('honours a configured minimum', () => {
    const r = eliminateSubject(subject(), { mode: 'assisted', cause: null, actor: 't', at: at('2022-09-01'), note: '' }, goodFacts, { minMonthsBeforeElimination: 3 });
    expect(r.ok).toBe(true);
  });

  it('自然消除 needs a cause; a dissolved household is exempt from the household checks', () => {
    expect(codes(elim(subject(), {}, '2022-12-01', 'natural', null))).toEqual(['ELIM.NATURAL_CAUSE_REQUIRED']);
    expect(codes(elim(subject(), { wholeHouseholdNoLabour: true }, '2022-07-01', 'natural', 'member_died'))).toEqual(['ELIM.NO_LABOUR', 'ELIM.TOO_SOON']);
    expect(unwrap(elim(subject(), { wholeHouseholdNoLabour: true, perCapitaIncome: null }, '2022-07-01', 'natural', 'household_dissolved')).elimination?.cause).toBe('household_dissolved');
  });

  it('refuses eliminating twice', () => {
    expect(codes(elim(unwrap(elim(subject()))))).toEqual(['SUBJECT.NOT_OPEN']);
  });
});

describe('回退', () => {
  const eliminated = () => unwrap(elim(subject()));

  it('brings an eliminated subject back to open, keeping the history', () => {
    const s = unwrap(revertSubject(eliminated(), { reason: 'no_labour', actor: 'town1', at: at('2023-05-10'), note: '回头看：整户无劳动力' }, []));
    expect(s).toMatchObject({ status: 'open', elimination: null });
    expect(s.events.map((e) => e.kind)).toEqual(['include', 'eliminate', 'revert']);
  });

  it.each([
    ['an open subject', () => revertSubject(subject(), { reason: 'unstable', actor: 't', at: at('2023-01-01'), note: '' }, []), ['SUBJECT.NOT_ELIMINATED']],
    ['a member now in another open subject', () => revertSubject(eliminated(), { reason: 'unstable', actor: 't', at: at('2023-01-01'), note: '' }, [{ idNumber: '610821200501011236', householdId: 9 }]), ['SUBJECT.MEMBER_IN_OTHER_SUBJECT']],
  ])('refuses %s', (_t, run, want) => {
    expect(codes(run())).toEqual(want);
  });
});

describe('清退', () => {
  const req = (s: Subject, over: Partial<Parameters<typeof requestWithdrawal>[1]> = {}) =>
    requestWithdrawal(s, { reason: 'favouritism', note: '村干部亲属', requestedOn: '2022-05-24', actor: 'town1', at: at('2022-05-24'), ...over });
  const approve = (s: Subject, level: 'town' | 'city', day = '2022-05-26') => approveWithdrawal(s, level, { actor: `${level}1`, at: at(day), note: '同意' });

  it('is terminal after request, town approval and city approval, in that order', () => {
    const s = unwrap(approve(unwrap(approve(unwrap(req(subject())), 'town')), 'city', '2022-05-28'));
    expect(s.status).toBe('withdrawn');
    expect(s.withdrawal).toMatchObject({ reason: 'favouritism', requestedOn: '2022-05-24', town: { actor: 'town1' }, city: { actor: 'city1', day: '2022-05-28' } });
    expect(s.events.map((e) => e.kind)).toEqual(['include', 'withdrawal_request', 'withdrawal_town_approval', 'withdrawal_city_approval']);
    expect(codes(updateRisks(s, [ILL], 'x', at('2022-06-01'), ''))).toEqual(['SUBJECT.WITHDRAWN']);
    expect(codes(elim(s))).toEqual(['SUBJECT.WITHDRAWN']);
  });

  it.each([
    ['city before town', () => approve(unwrap(req(subject())), 'city'), ['SUBJECT.TOWN_APPROVAL_FIRST']],
    ['approval without request', () => approve(subject(), 'town'), ['SUBJECT.NO_WITHDRAWAL_REQUEST']],
    ['town approving twice', () => approve(unwrap(approve(unwrap(req(subject())), 'town')), 'town'), ['SUBJECT.APPROVAL_REPEATED']],
    ['approval dated before the request', () => approve(unwrap(req(subject())), 'town', '2022-05-23'), ['SUBJECT.APPROVAL_BEFORE_REQUEST']],
    ['a second request while one is pending', () => req(unwrap(req(subject()))), ['SUBJECT.WITHDRAWAL_PENDING']],
    ['reason 其他 without a note', () => req(subject(), { reason: 'other', note: '' }), ['SUBJECT.WITHDRAWAL_NOTE_REQUIRED']],
    ['a reason outside the catalogue', () => req(subject(), { reason: 'dislike' as never }), ['SUBJECT.WITHDRAWAL_REASON_INVALID']],
    ['a request dated after today', () => req(subject(), { requestedOn: '2022-05-25' }), ['SUBJECT.REQUEST_DATE_INVALID']],
    ['rejecting without a reason', () => rejectWithdrawal(unwrap(req(subject())), { actor: 'town1', at: at('2022-05-25'), reason: '' }), ['SUBJECT.REJECTION_REASON_REQUIRED']],
  ])('refuses %s', (_t, run, want) => {
    expect(codes(run())).toEqual(want);
  });

  it('accepts 其他 with a note', () => {
    expect(unwrap(req(subject(), { reason: 'other', note: '户籍迁出本市' })).withdrawal).toMatchObject({ reason: 'other', note: '户籍迁出本市', town: null, city: null });
  });

  it('a rejected request leaves the subject as it was and allows a new request', () => {
    const rejected = unwrap(rejectWithdrawal(unwrap(req(subject())), { actor: 'town1', at: at('2022-05-25'), reason: '核实无误' }));
    expect(rejected).toMatchObject({ status: 'open', withdrawal: null });
    expect(req(rejected, { at: at('2022-05-26') }).ok).toBe(true);
  });
});

describe('risk and measure updates', () => {
  it('validates and records them', () => {
    const s = unwrap(updateMeasures(subject(), [{ measure: 'employment', status: 'pending' }], 'g1', at('2022-06-02'), '安排公益岗'));
    expect(s.measures).toEqual([{ measure: 'employment', status: 'pending' }]);
    expect(s.events.at(-1)).toMatchObject({ kind: 'measures_updated', note: '安排公益岗' });
    expect(codes(updateRisks(s, [ILL, ILL], 'g1', at('2022-06-02'), ''))).toEqual(['RISK.DUPLICATE']);
  });
});
