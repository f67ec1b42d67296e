import { describe, expect, it } from 'vitest';
import type { Measure, RiskType } from '../../src/domain/catalog.js';
import { describeFault } from '../../src/domain/case-faults.js';
import { measureWarnings, validateRisks, type RiskEntry } from '../../src/domain/risk-profile.js';

const r = (type: RiskType, remark: string | null = null, disasterSubtype: RiskEntry['disasterSubtype'] = null): RiskEntry => ({ type, remark, disasterSubtype });
const codes = (x: ReturnType<typeof validateRisks>) => (x.ok ? [] : x.faults.map((f) => f.code));

describe('risk types', () => {
  it.each([
    ['one risk', [r('illness')], []],
    ['none', [], ['RISK.NONE']],
    ['five', [r('illness'), r('disability'), r('schooling'), r('accident'), r('lack_of_labour')], []],
    ['six', [r('illness'), r('disability'), r('schooling'), r('accident'), r('lack_of_labour'), r('industry_failure')], ['RISK.TOO_MANY']],
    ['a duplicate', [r('illness'), r('illness')], ['RISK.DUPLICATE']],
    ['其他 with a remark', [r('other', '受疫情影响务工中断')], []],
    ['其他 without a remark', [r('other', ' ')], ['RISK.OTHER_NEEDS_REMARK']],
    ['因自然灾害 with a sub-type', [r('natural_disaster', null, 'flood')], []],
    ['因自然灾害 without a sub-type', [r('natural_disaster')], ['RISK.DISASTER_NEEDS_SUBTYPE']],
  ])('%s → %j', (_t, risks, want) => {
    expect(codes(validateRisks(risks))).toEqual(want);
  });
});

describe('measure warnings', () => {
  const m = (...ms: Measure[]) => ms.map((measure) => ({ measure, status: 'done' as const }));
  it.each([
    ['labour-capable, only 综合保障 (一兜了之)', [r('lack_of_labour')], m('comprehensive_security'), true, ['MEASURE.ONLY_COMPREHENSIVE']],
    ['no labour, only 综合保障', [r('lack_of_labour')], m('comprehensive_security'), false, []],
    ['labour-capable, 综合保障 and 就业', [r('lack_of_labour')], m('comprehensive_security', 'employment'), true, []],
    ['因病 answered by 健康帮扶', [r('illness')], m('health', 'employment'), true, []],
    ['因病 unanswered', [r('illness')], m('industry'), true, ['MEASURE.RISK_UNANSWERED']],
    ['因学 answered by 教育帮扶', [r('schooling')], m('education'), true, []],
    ['因学 unanswered', [r('schooling')], m('health'), true, ['MEASURE.RISK_UNANSWERED']],
    ['因残 answered by 综合保障', [r('disability')], m('comprehensive_security', 'employment'), true, []],
    ['因残 unanswered', [r('disability')], m('employment'), true, ['MEASURE.RISK_UNANSWERED']],
    ['因安全住房 answered by 搬迁', [r('housing_safety')], m('relocation'), true, []],
    ['因安全住房 unanswered', [r('housing_safety')], m('industry'), true, ['MEASURE.RISK_UNANSWERED']],
    ['因安全饮水 answered', [r('drinking_water')], m('drinking_water'), true, []],
    ['因安全饮水 unanswered', [r('drinking_water')], m('infrastructure'), true, ['MEASURE.RISK_UNANSWERED']],
    ['因意外事故 has no fixed answer', [r('accident')], m('industry'), true, []],
  ])('%s', (_t, risks, measures, labourCapable, want) => {
    expect(measureWarnings(risks, measures, { labourCapable }).map((w) => w.code)).toEqual(want);
  });

  it('names the expected measures in Chinese', () => {
    const [w] = measureWarnings([r('illness')], m('industry'), { labourCapable: true });
    expect(describeFault(w!)).toBe('风险“因病”还没有对应的帮扶措施（可选：健康帮扶、社会帮扶、综合保障）。');
  });
});
