import { describe, expect, it } from 'vitest';
import { form1Report, form2Rows, form3Rows, form4Rows, form5Rows, form6Villages, familyText, type HouseholdLine } from '../../../src/bot/forms/from-records.js';
import type { Problem } from '../../../src/domain/problem.js';
import type { ScreeningRecord } from '../../../src/domain/screening.js';
import type { Subject } from '../../../src/domain/subject.js';
import type { Placement } from '../../../src/domain/types.js';
import { at } from '../../helpers/casework.js';
import { REPORT } from '../../flows/official/fixtures.js';

const names = new Map([
  ['610821101', '高家堡镇'],
  ['V1', '凉水井村'],
  ['V2', '新村'],
]);
const P1: Placement = { cityCode: '610821', townCode: '610821101', villageCode: 'V1', gridCode: null };
const P2: Placement = { ...P1, villageCode: 'V2' };
const households = new Map<number, HouseholdLine>([
  [1, { headName: '张大山', familySize: 3, phone: '13800000001' }],
  [2, { headName: '李二牛', familySize: 4, phone: null }],
]);
const staff = new Map([['wangwu', '王五']]);
const family = { income: '务工', annualIncomeYuan: 20000, schooling: '一个孩子上初中', schoolingCostYuan: null, illness: '', illnessCostYuan: null, disaster: '', disasterLossYuan: null };
const base = { campaign: '2022', remark: '', screener: 'wangwu' };

describe('casework records onto the forms’ rows', () => {
  it('附件1 keeps the report’s rows, with names and 部署 as 是/否 or “n/m”', () => {
    const r = form1Report(REPORT, new Map([['610821101', '高家堡镇'], ['610821101201', '凉水井村']]));
    expect(r.villages[0]).toMatchObject({ level: 'village', townName: '高家堡镇', villageName: '凉水井村', deployed: true, screened: { households: 3, people: 9 } });
    expect(r.towns[0]).toMatchObject({ level: 'town', townName: '高家堡镇', villageName: '', deployed: { yes: 1, of: 2 } });
    expect(r.city).toMatchObject({ level: 'city', townName: '', screened: REPORT.city.screened });
  });

  it('附件3: the latest record of a household by its own day — one reported later but made 上礼拜四 is not the latest', () => {
    const general = { method: 'home_visit' as const, riskFound: false, riskDetails: null, knowsPolicy: true };
    const records: ScreeningRecord[] = [
      { ...base, form: 'general', householdId: 1, placement: P1, at: at('2022-05-10'), answers: { ...general, method: 'phone' } },
      { ...base, form: 'general', householdId: 1, placement: P1, at: at('2022-05-11'), day: '2022-05-05', answers: general },
    ];
    expect(form3Rows(records, households, staff, names).map((r) => r.method)).toEqual(['phone']);
  });

  it('附件2: the latest record per household, groups as numbers, the family in one cell, the verdict', () => {
    const records: ScreeningRecord[] = [
      { ...base, form: 'key_group', householdId: 2, placement: P1, at: at('2022-05-09'), answers: { groups: ['kg6_many_children', 'kg1_alleviated'], family, verdict: null } },
      { ...base, form: 'key_group', householdId: 2, placement: P1, at: at('2022-05-10'), answers: { groups: ['kg8_covid'], family, verdict: 'propose_include' } },
      { ...base, form: 'general', householdId: 1, placement: P1, at: at('2022-05-10'), answers: { method: 'phone', riskFound: false, riskDetails: null, knowsPolicy: true } },
    ];
    expect(form2Rows(records, households, staff, names)).toEqual([
      { townName: '高家堡镇', villageName: '凉水井村', headName: '李二牛', familySize: 4, phone: '', objectTypes: [8], familySituation: '收入：务工（20000元）；上学：一个孩子上初中', screenerSignature: '王五', verdict: '拟纳入', remark: '' },
    ]);
    expect(familyText({ ...family, income: '', schooling: '' })).toBe('');
  });

  it('附件3: risk details go to 备注; an unknown household or screener still prints', () => {
    const rows = form3Rows(
      [
        { ...base, form: 'general', householdId: 9, placement: P2, at: at('2022-05-10'), screener: 'x1', remark: '电话联系', answers: { method: 'phone', riskFound: true, riskDetails: '孩子住院', knowsPolicy: false } },
        { ...base, form: 'general', householdId: 1, placement: P1, at: at('2022-05-10'), answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true } },
      ],
      households,
      staff,
      names,
    );
    expect(rows.map((r) => [r.villageName, r.headName, r.familySize, r.screenerSignature, r.riskRecently, r.remark])).toEqual([
      ['凉水井村', '张大山', 3, '王五', false, ''],
      ['新村', '（户9）', 1, 'x1', true, '孩子住院；电话联系'],
    ]);
  });

  it('附件3 is the 一般户 ledger: a 脱贫户, key-group household or 监测对象 screened by the general form is not printed', () => {
    const general = (householdId: number): ScreeningRecord => ({ ...base, form: 'general', householdId, placement: P1, at: at('2022-05-10'), answers: { method: 'phone', riskFound: false, riskDetails: null, knowsPolicy: true } });
    const lines = new Map<number, HouseholdLine>([...households, [3, { headName: '王监测', familySize: 2, phone: null, keyGroup: true }]]);
    expect(form3Rows([general(1), general(3)], lines, staff, names).map((r) => r.headName)).toEqual(['张大山']);
  });

  it('附件4: one row per subject reviewed, category as its number, the relabel note in 备注', () => {
    const review = (day: string, stable: boolean): ScreeningRecord => ({
      ...base, form: 'review', householdId: 1, placement: P1, at: at(day),
      answers: { subjectId: 5, category: 'marginal', incomeStable: stable, measuresImplemented: true, guaranteesStable: true, eliminationStable: stable, needsRelabel: true, relabelNote: '风险类型改为因病', needsWithdrawal: false },
    });
    expect(form4Rows([review('2022-05-09', true), review('2022-05-11', false)], households, names)).toEqual([
      { townName: '高家堡镇', villageName: '凉水井村', headName: '张大山', familySize: 3, phone: '13800000001', category: 2, incomeStable: false, measuresInPlace: true, basicNeedsConsolidated: true, eliminationStable: false, needsRelabel: true, needsWithdrawal: false, remark: '风险类型改为因病' },
    ]);
  });

  it('附件4: a new risk found at 回头看 (重新识别) has no column of its own: it is said in 备注', () => {
    const r: ScreeningRecord = {
      ...base, form: 'review', householdId: 1, placement: P1, at: at('2022-05-09'),
      answers: { subjectId: 5, category: 'marginal', incomeStable: true, measuresImplemented: true, guaranteesStable: true, eliminationStable: true, needsRelabel: false, relabelNote: null, needsWithdrawal: false, newRisk: true, newRiskDetails: '户主又住院' },
    };
    expect(form4Rows([r], households, names).map((x) => x.remark)).toEqual(['出现新风险（重新识别）：户主又住院']);
  });

  it('附件5: every open subject, from its latest follow-up or else from the subject itself', () => {
    const subject = (id: number, householdId: number, status: Subject['status']): Subject => ({
      id, householdId, leadId: null, episode: 1, previousSubjectId: null, category: 'sudden_hardship', includedOn: '2022-03-01', status, memberIds: [],
      risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }, { measure: 'employment', status: 'pending' }],
      elimination: null, withdrawal: null, events: [],
    });
    const followUp: ScreeningRecord = {
      ...base, form: 'follow_up', householdId: 2, placement: P1, at: at('2022-05-10'), remark: '已落实',
      answers: { subjectId: 7, includedOn: '2022-02-01', risks: ['schooling'], measuresInPlace: ['education'], assistanceImplemented: true, meetsEliminationStandard: true },
    };
    const rows = form5Rows([{ subject: subject(6, 1, 'open'), placement: P1 }, { subject: subject(7, 2, 'open'), placement: P1 }, { subject: subject(8, 1, 'eliminated'), placement: P1 }], [followUp], households, names);
    expect(rows.map((r) => [r.headName, r.includedOn, r.riskTypes, r.measures, r.assistanceInPlace, r.meetsElimination, r.remark])).toEqual([
      ['张大山', '2022-03-01', ['因病'], ['健康帮扶'], false, false, '未跟进（突发严重困难户）'],
      ['李二牛', '2022-02-01', ['因学'], ['教育帮扶'], true, true, '已落实'],
    ]);
  });

  it('附件6: each village, the window’s problems only, rectified ones marked', () => {
    const problem = (village: Placement, foundOn: string, rectifiedOn: string | null, description: string): Problem => ({
      id: 1, category: 'data_quality', placement: village, householdId: null, description, responsible: 'x', measure: 'y', deadline: '2022-05-31', foundOn, foundBy: 'x', source: 'manual', findingKey: null,
      status: rectifiedOn ? 'rectified' : 'open', rectification: rectifiedOn ? { what: '补录', by: 'x', at: at(rectifiedOn), day: rectifiedOn, dataCorrected: true } : null,
    });
    const villages = form6Villages(
      [{ townCode: '610821101', villageCode: 'V1' }, { townCode: '610821101', villageCode: 'V2' }],
      [problem(P1, '2022-05-02', '2022-05-05', '缺收入'), problem(P1, '2022-05-03', null, '户主姓名错误'), problem(P1, '2022-04-01', null, '窗口之前'), problem(P1, '2022-05-04', '2022-05-20', '报告日之后才整改')],
      { from: '2022-04-25', to: '2022-05-13' },
      names,
    );
    expect(villages).toEqual([
      { townName: '高家堡镇', villageName: '凉水井村', problems: [{ category: 'data_quality', description: '缺收入（已整改）' }, { category: 'data_quality', description: '户主姓名错误' }, { category: 'data_quality', description: '报告日之后才整改' }] },
      { townName: '高家堡镇', villageName: '新村', problems: [] },
    ]);
  });
});
