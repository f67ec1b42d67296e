import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN_2022, defaultCampaignOf } from '../../src/domain/campaign.js';
import { checkHousehold } from '../../src/domain/data-quality.js';
import { DEFAULT_MONITORING_LINES, type IncomeRecord } from '../../src/domain/income.js';
import type { Lead } from '../../src/domain/lead.js';
import { auditBasis, auditFacts, checkRecords, incomeOfYear, problemDeadline, problemResponsible, type AuditBasis, type HouseholdRecords } from '../../src/domain/register-audit.js';
import type { FactKey, FactSource, HouseholdFact } from '../../src/domain/household-fact.js';
import type { Subject } from '../../src/domain/subject.js';
import type { Staff } from '../../src/domain/types.js';
import { openLead } from '../helpers/casework.js';
import { household, idNumber, member, staffMember } from '../helpers/people.js';

const basis = (): AuditBasis => {
  const b = auditBasis(DEFAULT_CAMPAIGN_2022, DEFAULT_MONITORING_LINES, '2022-05-20');
  if (!b.ok) throw new Error('no line');
  return b.basis;
};
const income = (from: string, to: string, wage: number): IncomeRecord => ({ period: { from, to }, wage, business: 0, property: 0, transfer: 0, businessCost: 0 });
const records = (over: Partial<HouseholdRecords> = {}): HouseholdRecords => ({ household: household(), incomes: [income('2021-01-01', '2021-12-31', 20000)], subjects: [], leads: [], ...over });
const fact = (key: FactKey, value: string, source: FactSource, asOf: string): HouseholdFact => ({ householdId: 1, key, value, source, sourceRef: 'test', asOf, recordedBy: 't', recordedAt: 0 });
const allSecured = (['basic_needs', 'education', 'medical', 'housing', 'water', 'insured'] as const).map((k) => fact(k, 'yes', 'import', '2022-04-01'));
const excluded = (day: string): Lead => ({ ...openLead(1, '2021-01-05'), status: 'not_included', outcome: { decision: 'exclude', reason: '经评议收入稳定', actor: 'cadre1', at: 0, day, late: false } });
const subject = (episode: number, status: Subject['status']): Subject => ({
  id: episode, householdId: 1, leadId: episode, episode, previousSubjectId: null, category: 'marginal', includedOn: '2021-03-01', status, memberIds: [],
  risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }], elimination: null, withdrawal: null, events: [],
});

describe('the campaign basis', () => {
  it('takes the campaign year’s line, its income year and its months before elimination', () => {
    expect(basis()).toEqual({ asOf: '2022-05-20', incomeYear: 2021, line: 6700, since: '2021-01-01', subjectConfig: { minMonthsBeforeElimination: 6 } });
    const longer = auditBasis({ ...DEFAULT_CAMPAIGN_2022, eliminationMinMonths: 9 }, DEFAULT_MONITORING_LINES, '2022-05-20');
    expect(longer.ok && longer.basis.subjectConfig.minMonthsBeforeElimination).toBe(9);
  });

  it('names the year whose line is missing rather than borrowing another year’s', () => {
    expect(auditBasis(defaultCampaignOf(2026), DEFAULT_MONITORING_LINES, '2026-05-20')).toEqual({ ok: false, missingLineYear: 2026 });
  });
});

describe('facts from the stored records', () => {
  it('judges the income of the income year (the whole year before a part of it) over the members still in the household', () => {
    const half = income('2021-01-01', '2021-06-30', 3000);
    expect(incomeOfYear([income('2022-01-01', '2022-12-31', 1), half, income('2021-01-01', '2021-12-31', 2), income('2020-01-01', '2020-12-31', 3)], 2021)?.wage).toBe(2);
    expect(incomeOfYear([half], 2021)).toBe(half);
    expect(incomeOfYear([income('2020-01-01', '2020-12-31', 3)], 2021)).toBeNull();
    const h = household();
    const gone = member({ idNumber: idNumber('19400101', 31), name: '张老', relation: '父亲', left: { on: '2021-10-01', reason: '去世' } });
    expect(auditFacts(records({ household: { ...h, members: [...h.members, gone] } }), basis()).perCapitaIncome).toBe(10000);
    expect(auditFacts(records({ incomes: [income('2020-01-01', '2020-12-31', 20000)] }), basis()).perCapitaIncome).toBeNull();
  });

  it('reads 辍学 only where it is recorded, at compulsory-school age', () => {
    const withChild = (birth: string, schooling: 'dropout' | 'none') => {
      const h = household();
      return records({ household: { ...h, members: [...h.members, member({ idNumber: idNumber(birth, 41), name: '张小', schooling, labour: 'none' })] } });
    };
    expect(auditFacts(withChild('20100301', 'dropout'), basis()).schoolDropout).toBe(true);
    expect(auditFacts(withChild('20000301', 'dropout'), basis()).schoolDropout).toBe(false);
    // A blank 在校情况 reads 非在校生: not a dropout.
    expect(auditFacts(withChild('20100301', 'none'), basis()).schoolDropout).toBe(false);
  });

  it('counts leads: open, 不纳入 with a reason since the income year, warnings that opened a lead since then', () => {
    const f = (leads: Lead[]) => auditFacts(records({ leads }), basis());
    expect(f([openLead(1, '2022-05-01')]).hasOpenLead).toBe(true);
    expect(f([excluded('2021-02-01')])).toMatchObject({ hasOpenLead: false, exclusionRecorded: true });
    expect(f([excluded('2020-12-31')]).exclusionRecorded).toBe(false);
    const warned = (foundOn: string) => ({ ...openLead(1, foundOn, { source: 'department_warning', department: 'medical_insurance' }), status: 'merged' as const });
    expect(f([warned('2022-03-01')]).departmentWarning).toBe(true);
    expect(f([warned('2020-06-01')]).departmentWarning).toBe(false);
    expect(f([openLead(1, '2022-03-01')]).departmentWarning).toBe(false);
  });

  it('takes the latest episode as the household’s subject', () => {
    expect(auditFacts(records({ subjects: [subject(2, 'open'), subject(1, 'eliminated')] }), basis()).subject?.episode).toBe(2);
    expect(auditFacts(records(), basis()).subject).toBeNull();
  });

  it('reports 三保障 not recorded as missing (never as secured), and keeps every other finding', () => {
    const clean = records();
    expect(checkHousehold(auditFacts(clean, basis()), basis().subjectConfig).map((x) => x.code)).toEqual(['QUALITY.GUARANTEES_MISSING']);
    expect(checkRecords(records({ facts: allSecured }), basis()).map((x) => x.code)).toEqual([]);
    expect(checkRecords(records({ incomes: [income('2021-01-01', '2021-12-31', 10000)], facts: allSecured }), basis()).map((x) => [x.code, x.params?.signals])).toEqual([['QUALITY.MISSED_CANDIDATE', '收入在监测范围内']]);
  });

  it('reads the latest value of each fact from any source, and income of the income year', () => {
    const f = (facts: HouseholdFact[]) => auditFacts(records({ incomes: [], facts }), basis());
    expect(f([]).perCapitaIncome).toBeNull();
    // The household of two: 20000 a year is 10000 a head.
    expect(f([fact('income', JSON.stringify({ year: 2021, wage: 20000, business: 0, property: 0, transfer: 0, businessCost: 0 }), 'import', '2022-04-01')]).perCapitaIncome).toBe(10000);
    // A later screening's income replaces the roster's; income of another year is not this year's.
    const both = [fact('income', JSON.stringify({ year: 2021, wage: 30000, business: 0, property: 0, transfer: 0, businessCost: 0 }), 'import', '2022-04-01'), fact('income', JSON.stringify({ year: 2021, wage: 15000, business: 3000, property: 0, transfer: 0, businessCost: 3000 }), 'screening', '2022-05-10')];
    expect(f(both).perCapitaIncome).toBe(7500);
    expect(f([fact('income', JSON.stringify({ year: 2020, wage: 3000, business: 0, property: 0, transfer: 0, businessCost: 0 }), 'import', '2022-04-01')]).perCapitaIncome).toBeNull();
    const g = f([fact('housing', 'yes', 'import', '2022-04-01'), fact('housing', 'no', 'department', '2022-05-02'), fact('insured', 'no', 'import', '2022-04-01')]);
    expect(g.guarantees).toEqual({ basicNeeds: null, education: null, medical: null, housing: false, water: null });
    expect(g.uninsuredMember).toBe(true);
    expect(f([fact('relief_temporary', 'yes', 'department', '2022-05-01')]).reliefReceived).toBe(true);
    expect(f([fact('relief_dibao', 'yes', 'import', '2022-05-01')]).reliefReceived).toBe(false);
    expect(f([fact('relief_dibao', 'yes', 'department', '2022-05-01')]).reliefReceived).toBe(true);
  });

  it('runs 体外循环, 应纳未纳 and 风险消除简单化 on recorded facts', () => {
    const codes = (over: Partial<HouseholdRecords>) => checkRecords(records({ facts: allSecured, ...over }), basis()).map((x) => x.code);
    expect(codes({ facts: [...allSecured, fact('relief_medical', 'yes', 'department', '2022-05-01')] })).toEqual(['QUALITY.OUTSIDE_LOOP']);
    expect(codes({ facts: [...allSecured, fact('water', 'no', 'screening', '2022-05-01')] })).toEqual(['QUALITY.MISSED_CANDIDATE']);
    const eliminated: Subject = { ...subject(1, 'eliminated'), includedOn: '2021-06-01', elimination: { mode: 'assisted', cause: null, day: '2022-03-01', actor: 't', at: 0, note: '' } };
    expect(codes({ subjects: [eliminated], facts: [...allSecured, fact('housing', 'no', 'screening', '2022-05-01')] })).toEqual(['QUALITY.ELIMINATED_GUARANTEES_UNSOLVED']);
  });
});

describe('who answers for a problem, and by when', () => {
  const staff = (userId: string, role: Staff['role'], level: Staff['jurisdiction']['level'], code: string, active = true): Staff => staffMember(userId, userId, role, level, code, { active });
  const p = household().placement;
  const roster = [staff('zcadre', 'village_cadre', 'village', p.villageCode), staff('grid1', 'grid_worker', 'grid', p.gridCode as string), staff('grid2', 'grid_worker', 'grid', `${p.villageCode}-02`), staff('contact', 'grid_worker', 'grid', `${p.villageCode}-02`)];

  it.each([
    ['the household’s 联系干部', roster, 'contact', 'contact'],
    ['a grid worker of its grid when the contact has left', [...roster.slice(0, 3), staff('contact', 'grid_worker', 'grid', p.gridCode as string, false)], 'contact', 'grid1'],
    ['a village cadre when its grid has no worker', roster.filter((s) => s.userId !== 'grid1'), null, 'zcadre'],
    ['nobody when the village has neither', roster.filter((s) => s.role !== 'village_cadre' && s.userId !== 'grid1'), null, null],
  ])('%s', (_t, list, contact, want) => {
    expect(problemResponsible(list, p, contact)?.userId ?? null).toBe(want);
  });

  it('gives the 信息修正 day while it is ahead, else a week', () => {
    expect(problemDeadline(DEFAULT_CAMPAIGN_2022, '2022-05-20')).toBe(DEFAULT_CAMPAIGN_2022.milestones.corrections);
    expect(problemDeadline(DEFAULT_CAMPAIGN_2022, DEFAULT_CAMPAIGN_2022.milestones.corrections)).toBe('2022-06-12');
    expect(problemDeadline(DEFAULT_CAMPAIGN_2022, '2022-07-01')).toBe('2022-07-08');
  });
});
