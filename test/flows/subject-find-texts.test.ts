/**
 * What the helpers read when a find goes to a household already monitored (风险未消除): the
 * department's notice and the farmer declaration's notice say no lead was opened, what was added,
 * and that the helpers follow up — and promise no 15-day identification.
 */
import { describe, expect, it } from 'vitest';
import { countsText, noticeText } from '../../src/flows/department/texts.js';
import { emptyDraft } from '../../src/flows/farmer/declaration.js';
import { subjectNoticeText, submittedToSubjectText } from '../../src/flows/farmer/declare-texts.js';
import type { FarmerRoute } from '../../src/flows/farmer/data.js';
import { PLACES, placementOf, V_LSJ } from './farmer/fixtures.js';

describe('a find for a household already monitored, as the helpers read it', () => {
  it('部门预警: the notice item says the risk was added to the subject, the summary counts it apart', () => {
    const notice = noticeText({
      to: { userId: 'wangwu', name: '王五', role: 'grid_worker' },
      items: [{ department: 'medical_insurance', warnedOn: '2022-06-18', person: '张三', maskedId: '6108**********1234', householdHead: '张三', villageName: '凉水井村', reason: '住院自付费用高', amountText: null, outcome: 'subject', deadline: null }],
    }, 'm.xlsx');
    expect(notice).toContain('1. 张三户（凉水井村）：张三（6108**********1234），医保6月18日预警：住院自付费用高。该户已是监测对象（风险未消除），不再新开线索，已将新发现的风险补充到该户，请帮扶责任人跟进落实措施。');
    expect(notice).not.toContain('完成识别认定');
    expect(countsText({ opened: 1, merged: 0, subject: 2, below_threshold: 0, seen: 0, refused: 0 })).toBe('新开风险线索 1 条，已是监测对象、补充到该户风险 2 条');
  });

  it('自主申报: the farmer and the helpers read what was added, with no 15-day promise', () => {
    const d = { ...emptyDraft(), name: '张三', idTail: '1234', villageCode: V_LSJ, words: ['孩子辍学了'], risks: [{ riskType: 'schooling' as const, evidence: ['辍学'] }, { riskType: 'illness' as const, evidence: [] }] };
    const route: FarmerRoute = {
      placement: placementOf(V_LSJ), householdId: 7, household: { code: 'H0007', headName: '张三' },
      workers: [{ userId: 'wangwu', name: '王五', role: 'grid_worker' }], openSubject: { risks: ['illness'] },
    };
    const reply = submittedToSubjectText('SB1', route, d);
    expect(reply).toContain('您家已是监测对象（风险未消除），不用重新认定。已将新反映的“因学”补充到您家的风险类型，网格员王五会跟进落实帮扶措施。');
    expect(reply).not.toMatch(/天内|认定结果/);
    const notice = subjectNoticeText(d, 'SB1', route, PLACES);
    expect(notice).toContain('该户已是监测对象（风险未消除），不再新开线索，已将新发现的风险“因学”补充到该户的风险类型，请帮扶责任人跟进落实措施。');
    expect(notice).not.toContain('完成认定');
  });
});
