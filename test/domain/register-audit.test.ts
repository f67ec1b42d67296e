import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN_2022, defaultCampaignOf } from '../../src/domain/campaign.js';
import { checkHousehold } from '../../src/domain/data-quality.js';
import { DEFAULT_MONITORING_LINES, type IncomeRecord } from '../../src/domain/income.js';
import type { Lead } from '../../src/domain/lead.js';
import { auditBasis, auditFacts, checkRecords, incomeOfYear, problemDeadline, problemResponsible, type AuditBasis, type HouseholdRecords } from '../../src/domain/register-audit.js';
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

  it('leaves out the 三保障 gap the registers cannot fill, and keeps every other finding', () => {
    const clean = records();
    expect(checkHousehold(auditFacts(clean, basis()), basis().subjectConfig).map((x) => x.code)).toEqual(['QUALITY.GUARANTEES_MISSING']);
    expect(checkRecords(clean, basis())).toEqual([]);
    expect(checkRecords(records({ incomes: [income('2021-01-01', '2021-12-31', 10000)] }), basis()).map((x) => [x.code, x.params?.signals])).toEqual([['QUALITY.MISSED_CANDIDATE', '收入在监测范围内']]);
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
