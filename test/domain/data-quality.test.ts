import { describe, expect, it } from 'vitest';
import { describeFault } from '../../src/domain/case-faults.js';
import { checkDuplicateIds, checkHousehold, type QualityFacts } from '../../src/domain/data-quality.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { DEFAULT_SUBJECT_CONFIG, type Subject } from '../../src/domain/subject.js';
import type { Household, Member } from '../../src/domain/types.js';
import { placeA1 } from '../helpers/casework.js';

const id = (first17: string) => first17 + idCheckChar(first17);
const HEAD_ID = id('61082119800101123');
const member = (over: Partial<Member> = {}): Member => ({ idNumber: HEAD_ID, name: '张三', relation: '户主', labour: 'normal', health: 'healthy', schooling: 'none', phone: null, ...over });
const household = (over: Partial<Household> = {}): Household => ({
  id: 7, code: 'H7', headName: '张三', placement: placeA1, type: 'general', alleviationYear: null, dibao: false, tekun: false, keyGroups: [], phone: null,
  members: [member(), member({ idNumber: id('61082120050101123'), name: '张小', relation: '之子', labour: 'none', schooling: 'compulsory' })], contactStaff: null, ...over,
});
const subject = (over: Partial<Subject> = {}): Subject => ({
  id: 1, householdId: 7, leadId: 1, episode: 1, previousSubjectId: null, category: 'marginal', includedOn: '2021-10-01', status: 'open', memberIds: [],
  risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }], elimination: null, withdrawal: null, events: [], ...over,
});
const facts = (over: Partial<QualityFacts> = {}): QualityFacts => ({
  household: household(), perCapitaIncome: 9000, incomeLine: 6700, guarantees: { basicNeeds: true, education: true, medical: true, housing: true, water: true }, wholeHouseholdNoLabour: false,
  subject: null, hasOpenLead: false, exclusionRecorded: false, uninsuredMember: false, schoolDropout: false, departmentWarning: false, reliefReceived: false, ...over,
});
const eliminated = (day: string, over: Partial<Subject> = {}) => subject({ status: 'eliminated', elimination: { mode: 'assisted', cause: null, day, actor: 't', at: 0, note: '' }, ...over });
const found = (f: QualityFacts) => checkHousehold(f, DEFAULT_SUBJECT_CONFIG).map((x) => x.code);

describe('data-quality checks (one refused, one clean case each)', () => {
  it.each([
    ['a clean household', facts(), []],
    ['an ID with a wrong check digit', facts({ household: household({ members: [member({ idNumber: HEAD_ID.slice(0, 17) + (HEAD_ID[17] === '1' ? '2' : '1') })] }) }), ['QUALITY.ID_INVALID']],
    ['no 户主', facts({ household: household({ members: [member({ relation: '配偶' })] }) }), ['QUALITY.NO_HEAD']],
    ['户主 written 本人', facts({ household: household({ members: [member({ relation: '本人' })] }) }), []],
    ['a 户主 who left beside the new one', facts({ household: household({ members: [member({ left: { on: '2022-01-01', reason: '去世' } }), member({ idNumber: id('61082119820202123'), name: '李四', relation: '户主' })] }) }), []],
    ['two 户主', facts({ household: household({ members: [member(), member({ idNumber: id('61082119820202123'), relation: '户主' })] }) }), ['QUALITY.SEVERAL_HEADS']],
    ['income missing', facts({ perCapitaIncome: null }), ['QUALITY.INCOME_MISSING']],
    ['三保障 fields missing', facts({ guarantees: { basicNeeds: null, education: null, medical: true, housing: null, water: true } }), ['QUALITY.GUARANTEES_MISSING']],
    ['risk 其他 without remark', facts({ subject: subject({ risks: [{ type: 'other', remark: '', disasterSubtype: null }] }) }), ['QUALITY.RISK_OTHER_NO_REMARK']],
    ['risk 其他 with remark', facts({ subject: subject({ risks: [{ type: 'other', remark: '疫情停工', disasterSubtype: null }] }) }), []],
    ['脱贫不稳定户 on a 一般农户', facts({ subject: subject({ category: 'unstable_alleviated' }) }), ['QUALITY.CATEGORY_TYPE_MISMATCH']],
    ['因残 with no disabled member', facts({ subject: subject({ risks: [{ type: 'disability', remark: null, disasterSubtype: null }], measures: [{ measure: 'comprehensive_security', status: 'done' }, { measure: 'employment', status: 'done' }] }) }), ['QUALITY.DISABILITY_NO_DISABLED_MEMBER']],
    ['因残 with a disabled member', facts({ household: household({ members: [member({ health: 'disabled' })] }), subject: subject({ risks: [{ type: 'disability', remark: null, disasterSubtype: null }], measures: [{ measure: 'comprehensive_security', status: 'done' }, { measure: 'employment', status: 'done' }] }) }), []],
    ['因学 with nobody in school', facts({ household: household({ members: [member()] }), subject: subject({ risks: [{ type: 'schooling', remark: null, disasterSubtype: null }], measures: [{ measure: 'education', status: 'done' }] }) }), ['QUALITY.SCHOOLING_NO_STUDENT']],
    ['因学 with a child in school', facts({ subject: subject({ risks: [{ type: 'schooling', remark: null, disasterSubtype: null }], measures: [{ measure: 'education', status: 'done' }] }) }), []],
    ['一兜了之', facts({ subject: subject({ measures: [{ measure: 'comprehensive_security', status: 'done' }] }) }), ['QUALITY.ONLY_COMPREHENSIVE']],
    ['综合保障 only, no labour', facts({ wholeHouseholdNoLabour: true, subject: subject({ measures: [{ measure: 'comprehensive_security', status: 'done' }] }) }), []],
    ['eliminated after 5 months', facts({ subject: eliminated('2022-03-01') }), ['QUALITY.ELIMINATED_TOO_SOON']],
    ['eliminated after 6 months', facts({ subject: eliminated('2022-04-01') }), []],
    ['eliminated below the line', facts({ perCapitaIncome: 6000, subject: eliminated('2022-04-01') }), ['QUALITY.ELIMINATED_BELOW_LINE']],
    ['eliminated with 整户无劳动力', facts({ wholeHouseholdNoLabour: true, subject: eliminated('2022-04-01') }), ['QUALITY.ELIMINATED_NO_LABOUR']],
    ['eliminated with an unsafe house', facts({ guarantees: { basicNeeds: true, education: true, medical: true, housing: false, water: true }, subject: eliminated('2022-04-01') }), ['QUALITY.ELIMINATED_GUARANTEES_UNSOLVED']],
    ['dissolved household eliminated early', facts({ subject: eliminated('2021-11-01', { elimination: { mode: 'natural', cause: 'household_dissolved', day: '2021-11-01', actor: 't', at: 0, note: '' } }) }), []],
    ['应纳未纳: below the line, no lead, no reason', facts({ perCapitaIncome: 5000 }), ['QUALITY.MISSED_CANDIDATE']],
    ['below the line but a lead is open', facts({ perCapitaIncome: 5000, hasOpenLead: true }), []],
    ['below the line but 不纳入 with a reason', facts({ perCapitaIncome: 5000, exclusionRecorded: true }), []],
    ['应纳未纳: department warning', facts({ departmentWarning: true }), ['QUALITY.MISSED_CANDIDATE']],
    ['应纳未纳: 两不愁 not solved', facts({ guarantees: { basicNeeds: false, education: true, medical: true, housing: true, water: true } }), ['QUALITY.MISSED_CANDIDATE']],
    ['应纳未纳: 义务教育 not secured', facts({ guarantees: { basicNeeds: true, education: false, medical: true, housing: true, water: true } }), ['QUALITY.MISSED_CANDIDATE']],
    ['体外循环: relief, never identified', facts({ reliefReceived: true }), ['QUALITY.OUTSIDE_LOOP']],
    ['relief for an open subject', facts({ reliefReceived: true, subject: subject() }), []],
  ])('%s → %j', (_t, f, want) => {
    expect(found(f)).toEqual(want);
  });

  it('gives each finding a category, a stable key and a Chinese description with masked IDs', () => {
    const bad = HEAD_ID.slice(0, 17) + (HEAD_ID[17] === '1' ? '2' : '1');
    const [f] = checkHousehold(facts({ household: household({ members: [member({ idNumber: bad })] }) }), DEFAULT_SUBJECT_CONFIG);
    expect(f).toMatchObject({ category: 'data_quality', householdId: 7, key: `QUALITY.ID_INVALID:7:6108**********${bad.slice(-4)}` });
    expect(describeFault(f!)).toBe(`张三户：成员张三的身份证号6108**********${bad.slice(-4)}有误（身份证号校验位不对（可能有数字录错））。`);
    const [m] = checkHousehold(facts({ perCapitaIncome: 5000, uninsuredMember: true }), DEFAULT_SUBJECT_CONFIG);
    expect(m).toMatchObject({ category: 'missed_or_outside' });
    expect(describeFault(m!)).toBe('张三户：收入在监测范围内、有成员未参保，既未纳入监测也没有不纳入的理由（疑似“应纳未纳”）。');
    const [e] = checkHousehold(facts({ subject: eliminated('2022-03-01') }), DEFAULT_SUBJECT_CONFIG);
    expect(e?.category).toBe('income_not_stable');
  });

  it('finds ID numbers registered twice, across households', () => {
    const h2 = household({ id: 8, headName: '李四', members: [member({ name: '张三' }), member({ idNumber: id('61082119900101123'), name: '李四', relation: '户主' })] });
    const dupes = checkDuplicateIds([household(), h2]);
    expect(dupes.map((d) => [d.code, d.householdId])).toEqual([['QUALITY.ID_DUPLICATE', 7], ['QUALITY.ID_DUPLICATE', 8]]);
    expect(checkDuplicateIds([household()])).toEqual([]);
    // The same number written with full-width digits or a lower-case x is the same number.
    const x = id('61082119900101128'); // ends in X
    const wide = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const h3 = household({ id: 9, members: [member({ idNumber: x })] });
    const h4 = household({ id: 10, members: [member({ idNumber: wide(x).toLowerCase() })] });
    expect(checkDuplicateIds([h3, h4]).map((d) => d.householdId)).toEqual([9, 10]);
    // Spaces and dashes as people group the digits: still the same number.
    const h5 = household({ id: 11, members: [member({ idNumber: `${x.slice(0, 6)} ${x.slice(6, 14)}-${x.slice(14)}` })] });
    expect(checkDuplicateIds([h3, h5]).map((d) => d.householdId)).toEqual([9, 11]);
  });

  it('does not count a member who left (分户, 婚嫁, 死亡, 迁出) as a duplicate', () => {
    for (const reason of ['分户', '婚嫁迁出', '死亡', '迁出']) {
      const old = household({ id: 12, members: [member({ idNumber: id('61082119820202123'), name: '李四', relation: '户主' }), member({ left: { on: '2022-03-01', reason } })] });
      const fresh = household({ id: 13, members: [member()] });
      expect(checkDuplicateIds([old, fresh])).toEqual([]);
    }
    const stillThere = household({ id: 12, members: [member({ idNumber: id('61082119820202123'), name: '李四', relation: '户主' }), member()] });
    expect(checkDuplicateIds([stillThere, household({ id: 13, members: [member()] })]).map((d) => d.householdId)).toEqual([12, 13]);
  });
});
