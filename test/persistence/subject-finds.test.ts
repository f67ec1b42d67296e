/**
 * A new risk for a household that is already an open monitoring subject (风险未消除): whoever finds
 * it — the farmer (自主申报), a department (部门预警), a grid worker (排查) — the household is not
 * identified again. The risk goes to the subject: risk types widened, measures planned, the find
 * kept with who/when/source; no lead and no 15-day clock. 风险消除 and 已清退 households still get a
 * new lead (重新识别).
 */
import { expect, it } from 'vitest';
import { CaseError } from '../../src/domain/case-faults.js';
import { DEFAULT_WARNING_THRESHOLDS, type DepartmentWarning, type PlannedWarning } from '../../src/domain/department-warning.js';
import { DEFAULT_LEAD_CONFIG } from '../../src/domain/lead.js';
import type { ScreeningRecord } from '../../src/domain/screening.js';
import { DEFAULT_SUBJECT_CONFIG, type EliminationFacts } from '../../src/domain/subject.js';
import type { Placement } from '../../src/domain/types.js';
import { historyOf } from '../../src/persistence/case-history.js';
import { transaction } from '../../src/persistence/db.js';
import { declarationsOf, recordDeclaration, type DeclarationInput } from '../../src/persistence/farmer.js';
import { admitFindRecord } from '../../src/persistence/finds.js';
import { admitLeadRecord, leadsOfHousehold, openLeadOfHousehold } from '../../src/persistence/leads.js';
import { progressReport } from '../../src/persistence/progress.js';
import { saveScreening } from '../../src/persistence/screenings.js';
import { approveWithdrawalRecord, eliminateSubjectRecord, getSubject, includeSubjectRecord, requestWithdrawalRecord } from '../../src/persistence/subjects.js';
import { recordWarnings } from '../../src/persistence/warnings.js';
import { risksOfNote } from '../../src/flows/understand/risks.js';
import { at, CITY, includedLeadRecord, origin, TOWN_B } from '../helpers/casework.js';
import { describeEachDatabase } from '../helpers/db.js';
import { idNumber } from '../helpers/people.js';

const cfg = DEFAULT_LEAD_CONFIG;
// A village of its own, so rows of other files' tests never show up in the 附件1 counts here.
const P: Placement = { cityCode: CITY, townCode: TOWN_B, villageCode: 'FIND-V1', gridCode: null };
const ILL = [{ type: 'illness' as const, remark: null, disasterSubtype: null }];
const facts: EliminationFacts = { wholeHouseholdNoLabour: false, perCapitaIncome: 9000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] };

describeEachDatabase('a new risk of an open monitoring subject', (db) => {
  /** A household included 2022-05-13 as an open subject (因病, 健康帮扶 done). */
  const monitored = (householdId: number) =>
    transaction(db.ds(), async (tx) => {
      const lead = await includedLeadRecord(tx, householdId, '2022-05-01', P);
      return includeSubjectRecord(tx, { leadId: lead.id!, memberIds: [idNumber('19700101', householdId % 100)], risks: ILL, measures: [{ measure: 'health', status: 'done' }], actor: 'city1', at: at('2022-05-13') });
    });
  const onlyTheIncludedLead = async (householdId: number) => {
    const leads = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, householdId));
    expect(leads.map((l) => l.status)).toEqual(['included']);
    expect(await transaction(db.ds(), (tx) => openLeadOfHousehold(tx, householdId))).toBeNull();
  };

  it('自主申报: the declared risk widens the subject; the declaration keeps the subject, no lead, no clock', async () => {
    const s = await monitored(801);
    const d: DeclarationInput = {
      ref: 'SBF801', externalUserId: 'wmF801', openKfId: null, name: '张三', idNumber: null, idTail: '1234', phone: '13800138000', placement: P, householdId: 801,
      words: ['儿子腿摔断了，成了残疾，电话13800138000'], risks: [{ riskType: 'disability', evidence: ['残疾'] }, { riskType: 'illness', evidence: ['摔断'] }], amounts: [],
      suddenHardship: false, workers: [], inboundId: null, actor: 'kf:wmF801', at: at('2022-06-20', 9),
    };
    const r = await transaction(db.ds(), (tx) => recordDeclaration(tx, d, cfg));
    expect(r).toMatchObject({ kind: 'subject', added: ['disability'], overflow: [], planned: [{ measure: 'comprehensive_security', status: 'pending' }] });
    await onlyTheIncludedLead(801);
    const stored = await transaction(db.ds(), (tx) => getSubject(tx, s.id!));
    expect(stored?.risks.map((x) => x.type)).toEqual(['illness', 'disability']);
    expect(stored?.measures).toEqual([{ measure: 'health', status: 'done' }, { measure: 'comprehensive_security', status: 'pending' }]);
    expect(stored?.includedOn).toBe('2022-05-12');
    const found = stored?.events.at(-1);
    expect(found).toMatchObject({ kind: 'risk_found', actor: 'kf:wmF801', day: '2022-06-20', reason: '农户自主申报' });
    expect(found?.note).toContain('补充风险类型：因残');
    expect(found?.note).toContain('138****8000');
    expect(found?.note).not.toContain('13800138000');
    const [row] = await transaction(db.ds(), (tx) => declarationsOf(tx, 'wmF801'));
    expect(row).toMatchObject({ leadId: null, leadKind: 'subject', subjectId: s.id });
    const history = await transaction(db.ds(), (tx) => historyOf(tx, 'monitoring_subject', s.id!));
    expect(history.at(-1)).toMatchObject({ actor: 'kf:wmF801', reason: '新发现风险：农户自主申报' });
  });

  it('部门预警: the warning row goes to the subject (with its department), not to a lead', async () => {
    const s = await monitored(802);
    const warning: DepartmentWarning = { department: 'medical_insurance', warnedOn: '2022-06-18', name: '李四', idNumber: idNumber('19700101', 2), townName: '', villageName: '', reason: '住院自付费用高', amountYuan: 23456, remark: '' };
    const plan: PlannedWarning[] = [{ row: 2, warning, outcome: 'opened', target: { kind: 'household', householdId: 802, headName: '李四', placement: P, contactStaff: 'wangwu' } }];
    const [rec] = await transaction(db.ds(), (tx) => recordWarnings(tx, plan, { actor: 'yibao1', at: at('2022-06-20', 10), fileName: 'm.xlsx', inboundId: null }, cfg, DEFAULT_WARNING_THRESHOLDS, () => ['illness', 'accident']));
    expect(rec).toMatchObject({ outcome: 'subject', leadId: null, subjectId: s.id, added: ['accident'] });
    await onlyTheIncludedLead(802);
    const stored = await transaction(db.ds(), (tx) => getSubject(tx, s.id!));
    expect(stored?.risks.map((x) => x.type)).toEqual(['illness', 'accident']);
    expect(stored?.events.at(-1)).toMatchObject({ kind: 'risk_found', actor: 'yibao1', reason: '部门筛查预警（医保）' });
  });

  it('排查: a 附件3 record that found risk adds it to the subject, read by the same reader as a lead', async () => {
    const s = await monitored(803);
    const rec: ScreeningRecord = { campaign: '2022', householdId: 803, placement: P, screener: 'g1', at: at('2022-06-21'), remark: '', form: 'general', answers: { method: 'home_visit', riskFound: true, riskDetails: '孩子辍学在家', knowsPolicy: true } };
    const saved = await transaction(db.ds(), (tx) => saveScreening(tx, rec, cfg, risksOfNote));
    expect(saved.lead).toEqual({ kind: 'subject', subjectId: s.id, added: ['schooling'] });
    await onlyTheIncludedLead(803);
    const stored = await transaction(db.ds(), (tx) => getSubject(tx, s.id!));
    expect(stored?.risks.map((x) => x.type)).toEqual(['illness', 'schooling']);
    expect(stored?.measures.map((m) => m.measure)).toEqual(['health', 'compulsory_education']);
    expect(stored?.events.at(-1)).toMatchObject({ kind: 'risk_found', actor: 'g1', reason: '干部排查' });
  });

  it('a find naming a risk the subject lists already adds no type but is recorded all the same', async () => {
    const s = await monitored(804);
    const r = await transaction(db.ds(), (tx) => admitFindRecord(tx, { householdId: 804, declarant: null, placement: P, origin: origin('2022-06-22', { note: '又住院了' }), risks: ['illness'] }, cfg));
    expect(r).toMatchObject({ kind: 'subject', added: [], planned: [] });
    const stored = await transaction(db.ds(), (tx) => getSubject(tx, s.id!));
    expect(stored?.risks).toEqual(ILL);
    expect(stored?.events.at(-1)?.note).toContain('风险类型已包含');
  });

  it('no lead can be opened for an open subject: admitLeadRecord refuses, a bad find is refused as for a lead', async () => {
    await monitored(805);
    const err = await transaction(db.ds(), (tx) => admitLeadRecord(tx, { householdId: 805, declarant: null, placement: P, origin: origin('2022-06-22') }, cfg)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaseError);
    expect((err as CaseError).code).toBe('LEAD.HOUSEHOLD_MONITORED');
    const future = transaction(db.ds(), (tx) => admitFindRecord(tx, { householdId: 805, declarant: null, placement: P, origin: origin('2022-06-22', { at: at('2022-06-21') }), risks: ['illness'] }, cfg));
    await expect(future).rejects.toThrow('LEAD.FOUND_IN_FUTURE');
  });

  it('风险消除 and 已清退 households still get a new lead (重新识别)', async () => {
    const a = await monitored(806);
    await transaction(db.ds(), (tx) => eliminateSubjectRecord(tx, a.id!, { mode: 'assisted', cause: null, actor: 'town1', at: at('2022-11-20'), note: '' }, facts, DEFAULT_SUBJECT_CONFIG));
    const again = await transaction(db.ds(), (tx) => admitFindRecord(tx, { householdId: 806, declarant: null, placement: P, origin: origin('2023-01-05'), risks: ['illness'] }, cfg));
    expect(again).toMatchObject({ kind: 'opened', lead: { householdId: 806, discoveredOn: '2023-01-05', deadline: '2023-01-20' } });

    const b = await monitored(807);
    await transaction(db.ds(), async (tx) => {
      await requestWithdrawalRecord(tx, b.id!, { reason: 'duplicate', note: '', requestedOn: '2022-06-01', actor: 'cadre1', at: at('2022-06-01') });
      await approveWithdrawalRecord(tx, b.id!, 'town', { actor: 'town1', at: at('2022-06-03'), note: '' });
      await approveWithdrawalRecord(tx, b.id!, 'city', { actor: 'city1', at: at('2022-06-05'), note: '' });
    });
    const later = await transaction(db.ds(), (tx) => admitFindRecord(tx, { householdId: 807, declarant: null, placement: P, origin: origin('2022-07-01'), risks: ['illness'] }, cfg));
    expect(later.kind).toBe('opened');
  });

  it('附件1: the find counts the household as a screened subject, never as a new inclusion', async () => {
    const s = await monitored(808);
    const general: ScreeningRecord = { campaign: '2022', householdId: 808, placement: P, screener: 'g9', at: at('2022-06-10'), remark: '', form: 'general', answers: { method: 'home_visit', riskFound: true, riskDetails: '大病住院', knowsPolicy: true } };
    const keyGroup: ScreeningRecord = {
      campaign: '2022', householdId: 808, placement: P, screener: 't9', at: at('2022-06-11'), remark: '', form: 'key_group',
      answers: { groups: ['kg10_rigid_spending'], family: { income: '务工收入约1万元', annualIncomeYuan: 10000, schooling: '', schoolingCostYuan: null, illness: '大病', illnessCostYuan: 50000, disaster: '', disasterLossYuan: null }, verdict: 'propose_include' },
    };
    await transaction(db.ds(), async (tx) => {
      await saveScreening(tx, general, cfg, risksOfNote);
      await saveScreening(tx, keyGroup, cfg, risksOfNote);
    });
    await onlyTheIncludedLead(808);
    const report = await transaction(db.ds(), (tx) =>
      progressReport(tx, {
        campaign: '2022', window: { from: '2022-06-01', to: '2022-06-30' }, villages: [{ cityCode: CITY, townCode: TOWN_B, villageCode: 'FIND-V1' }],
        roster: [{ householdId: 808, villageCode: 'FIND-V1', type: 'general', people: 3 }], deployments: [], trainings: [],
      }),
    );
    const v = report.villages[0]!;
    expect(v).toMatchObject({ screened: { households: 1, people: 3 }, screenedSubjects: { households: 1, people: 3 }, includedMarginal: { households: 0, people: 0 }, includedUnstable: { households: 0 }, includedSudden: { households: 0 }, reverted: 0 });
    // Both finds are on the subject as what they are: two risk_found events, no inclusion.
    const stored = await transaction(db.ds(), (tx) => getSubject(tx, s.id!));
    expect(stored?.events.map((e) => e.kind)).toEqual(['include', 'risk_found', 'risk_found']);
  });
});
