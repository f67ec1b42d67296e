import { describe, expect, it } from 'vitest';
import {
  ageOn,
  householdFacts,
  householdProblemText,
  isKeyGroupHousehold,
  derivedKeyGroups,
  keyGroupsOf,
  validateHousehold,
  type HouseholdProblem,
} from '../../src/domain/household.js';
import type { Household } from '../../src/domain/types.js';
import { badChecksum, household, idNumber, member } from '../helpers/people.js';

const head = member({ idNumber: idNumber('19700101', 11), name: '张三', relation: '户主' });
const wife = member({ idNumber: idNumber('19720202', 22), name: '李四', relation: '配偶' });

describe('household validation', () => {
  it.each<[string, Partial<Household>, HouseholdProblem[]]>([
    ['no household code', { code: ' ' }, [{ code: 'HOUSEHOLD.NO_CODE' }]],
    ['no members', { members: [] }, [{ code: 'HOUSEHOLD.NO_MEMBERS' }]],
    ['only members who left', { members: [{ ...head, left: { on: '2022-01-01', reason: '死亡' } }] }, [{ code: 'HOUSEHOLD.NO_MEMBERS' }]],
    ['no 户主', { members: [{ ...head, relation: '之子' }, wife] }, [{ code: 'HOUSEHOLD.NO_HEAD' }]],
    ['two 户主', { members: [head, { ...wife, relation: '户主' }] }, [{ code: 'HOUSEHOLD.SEVERAL_HEADS', members: [0, 1] }]],
    ['户主姓名 not the head', { headName: '王五' }, [{ code: 'HOUSEHOLD.HEAD_NAME_MISMATCH', headName: '王五', memberName: '张三' }]],
    ['a bad ID checksum', { members: [head, { ...wife, idNumber: badChecksum(wife.idNumber) }] }, [{ code: 'MEMBER.BAD_ID', member: 1, reason: 'checksum' }]],
    ['a short ID', { members: [head, { ...wife, idNumber: '61082119720202' }] }, [{ code: 'MEMBER.BAD_ID', member: 1, reason: 'length' }]],
    ['the same ID twice', { members: [head, { ...wife, idNumber: head.idNumber.toLowerCase() }] }, [{ code: 'MEMBER.DUPLICATE_ID', member: 1, first: 0 }]],
    ['a member without name', { members: [head, { ...wife, name: '' }] }, [{ code: 'MEMBER.NO_NAME', member: 1 }]],
    ['a member without relation', { members: [head, { ...wife, relation: ' ' }] }, [{ code: 'MEMBER.NO_RELATION', member: 1 }]],
    ['a bad member phone', { members: [head, { ...wife, phone: '12345' }] }, [{ code: 'MEMBER.BAD_PHONE', member: 1 }]],
    ['a bad household phone', { phone: '888' }, [{ code: 'HOUSEHOLD.BAD_PHONE' }]],
    ['脱贫户 without 脱贫年度', { type: 'alleviated', alleviationYear: null }, [{ code: 'HOUSEHOLD.ALLEVIATION_YEAR_MISSING' }]],
    ['脱贫年度 on a 一般农户', { type: 'general', alleviationYear: 2019 }, [{ code: 'HOUSEHOLD.ALLEVIATION_YEAR_NOT_ALLOWED' }]],
    ['脱贫年度 2021', { type: 'alleviated', alleviationYear: 2021 }, [{ code: 'HOUSEHOLD.ALLEVIATION_YEAR_OUT_OF_RANGE', year: 2021 }]],
    ['脱贫年度 2012', { type: 'alleviated', alleviationYear: 2012 }, [{ code: 'HOUSEHOLD.ALLEVIATION_YEAR_OUT_OF_RANGE', year: 2012 }]],
    ['a tag outside the catalogue', { keyGroups: ['kg11_other' as never] }, [{ code: 'HOUSEHOLD.UNKNOWN_KEY_GROUP', value: 'kg11_other' }]],
    ['① on a 一般农户', { keyGroups: ['kg1_alleviated'] }, [{ code: 'HOUSEHOLD.KEY_GROUP_CONTRADICTS_TYPE' }]],
  ])('refuses %s', (_what, over, problems) => {
    expect(validateHousehold(household(over))).toEqual(problems);
  });

  it('takes ID numbers the caller checked as they are, and still finds one used twice', () => {
    const twice = household({ members: [head, { ...wife, idNumber: head.idNumber }, { ...wife, name: '王五', idNumber: badChecksum(wife.idNumber) }] });
    expect(validateHousehold(twice, { idNumbersChecked: true })).toEqual([{ code: 'MEMBER.DUPLICATE_ID', member: 1, first: 0 }]);
    expect(validateHousehold(twice)).toEqual([{ code: 'MEMBER.DUPLICATE_ID', member: 1, first: 0 }, { code: 'MEMBER.BAD_ID', member: 2, reason: 'checksum' }]);
  });

  it.each<[string, Partial<Household>]>([
    ['a plain 一般农户', {}],
    ['a 脱贫户 of 2020 with ①④', { type: 'alleviated', alleviationYear: 2020, keyGroups: ['kg1_alleviated', 'kg4_dibao'] }],
    ['a 脱贫户 of 2013', { type: 'alleviated', alleviationYear: 2013 }],
    ['户主 written 本人', { members: [{ ...head, relation: '本人' }, wife] }],
    ['a second 户主 who left', { members: [head, { ...wife, relation: '户主', left: { on: '2021-03-01', reason: '分户' } }] }],
    ['a member who left (婚嫁迁出) and came back (婚嫁迁入): one ID number twice, only once present', { members: [head, { ...wife, left: { on: '2020-03-01', reason: '婚嫁迁出' } }, wife] }],
    ['an empty 户主姓名 (taken from the head)', { headName: '' }],
    ['a single-person household', { members: [head] }],
    ['landline and mobile phones', { phone: '0912-8331266', members: [{ ...head, phone: '138 1234 5678' }, wife] }],
  ])('accepts %s', (_what, over) => {
    expect(validateHousehold(household(over))).toEqual([]);
  });

  it.each<[HouseholdProblem, string]>([
    [{ code: 'HOUSEHOLD.SEVERAL_HEADS', members: [0, 2] }, '该户有2位户主（第1位成员、第3位成员），只能有一位'],
    [{ code: 'MEMBER.BAD_ID', member: 1, reason: 'checksum' }, '第2位成员：身份证号校验位不对（可能有数字录错）'],
    [{ code: 'HOUSEHOLD.ALLEVIATION_YEAR_MISSING' }, '脱贫户必须填写脱贫年度'],
  ])('words %o', (p, text) => {
    expect(householdProblemText(p)).toBe(text);
  });
});

describe('derived facts', () => {
  const asOf = '2022-05-01';
  it.each([
    ['19700101', '2022-05-01', 52],
    ['19700502', '2022-05-01', 51],
    ['20160501', '2022-05-01', 6],
    ['20000229', '2022-02-28', 21],
  ])('age of someone born %s on %s is %i', (birth, on, age) => {
    expect(ageOn(idNumber(birth, 1), on)).toBe(age);
  });

  it('counts only active members, labour, disability, illness, school age and the elderly', () => {
    const h = household({
      members: [
        member({ idNumber: idNumber('19500101', 11), name: '老张', relation: '户主', labour: 'none', health: 'chronic_illness' }),
        member({ idNumber: idNumber('19520101', 22), name: '老李', relation: '配偶', labour: 'weak', health: 'disabled' }),
        member({ idNumber: idNumber('20120901', 31), name: '小张', relation: '之孙子', labour: 'none', schooling: 'compulsory' }),
        member({ idNumber: idNumber('20130101', 42), name: '小丽', relation: '之孙女', labour: 'none', schooling: 'dropout' }),
        member({ idNumber: idNumber('20150101', 51), name: '小明', relation: '之孙子', labour: 'none', schooling: 'none' }),
        member({ idNumber: idNumber('20050101', 62), name: '大丽', relation: '之孙女', labour: 'none', schooling: 'high_school', health: 'serious_illness' }),
        member({ idNumber: idNumber('19800101', 71), name: '张强', relation: '之子', left: { on: '2021-06-01', reason: '外出分户' } }),
      ],
    });
    expect(householdFacts(h, { asOf })).toEqual({
      size: 6,
      labourCount: 1,
      noLabour: false,
      disabledCount: 1,
      seriousIllnessCount: 1,
      chronicIllnessCount: 1,
      schoolAgeChildren: 3,
      outOfSchoolChildren: 2,
      nonCompulsoryStudents: 1,
      elderlyCount: 2,
      singlePerson: false,
    });
  });

  it.each([
    ['everyone without labour', ['none', 'none'], true],
    ['one weak labourer', ['none', 'weak'], false],
    ['one normal labourer', ['normal', 'none'], false],
  ] as const)('整户无劳动力 with %s → %s', (_what, labour, noLabour) => {
    const h = household({ members: [{ ...head, labour: labour[0] }, { ...wife, labour: labour[1] }] });
    expect(householdFacts(h, { asOf }).noLabour).toBe(noLabour);
  });

  it('takes the school ages and elderly threshold as parameters', () => {
    const h = household({ members: [head, member({ idNumber: idNumber('20050101', 31), name: '小张', schooling: 'none' })] });
    expect(householdFacts(h, { asOf }).outOfSchoolChildren).toBe(0);
    expect(householdFacts(h, { asOf, schoolAge: { from: 6, to: 17 } }).outOfSchoolChildren).toBe(1);
    expect(householdFacts(h, { asOf, elderlyFrom: 50 }).elderlyCount).toBe(1);
  });

  it('derives key groups from the household data and keeps the catalogue order', () => {
    const h = household({ type: 'alleviated', alleviationYear: 2019, dibao: true, keyGroups: ['kg7_migrant_income'], members: [head, { ...wife, health: 'disabled' }] });
    expect(keyGroupsOf(h)).toEqual(['kg1_alleviated', 'kg4_dibao', 'kg5_disability', 'kg7_migrant_income']);
    expect(keyGroupsOf(household({ tekun: true }))).toEqual(['kg3_extreme_poverty']);
    expect(isKeyGroupHousehold(household())).toBe(false);
    expect(isKeyGroupHousehold(household({ members: [head, { ...wife, health: 'disabled', left: { on: '2022-01-01', reason: '死亡' } }] }))).toBe(false);
  });

  it('counts a 监测对象 as a 特殊对象 of 附件2 even without a key-group tag', () => {
    expect(isKeyGroupHousehold(household(), true)).toBe(true);
    expect(isKeyGroupHousehold(household({ type: 'alleviated', alleviationYear: 2019 }))).toBe(true);
    expect(isKeyGroupHousehold(household(), false)).toBe(false);
  });
});

describe('key groups ② and ⑥ derived from the register', () => {
  const asOf = '2022-05-10';
  const student = (birth: string, seq: number, schooling: 'high_school' | 'vocational' | 'college' | 'compulsory') => member({ idNumber: idNumber(birth, seq), name: `学生${seq}`, relation: '之子', schooling });
  const income = (perCapita: number) => ({ year: 2021, perCapita, line: 6700 });

  it('⑥: two members in non-compulsory schooling; one, or children in compulsory school, are not enough', () => {
    expect(derivedKeyGroups(household({ members: [head, student('20050101', 31, 'high_school'), student('20030101', 41, 'college')] }), { asOf })).toEqual([{ group: 'kg6_many_children', reason: '2人在读高中、中职或大学' }]);
    expect(derivedKeyGroups(household({ members: [head, student('20050101', 31, 'vocational'), student('20100101', 41, 'compulsory')] }), { asOf })).toEqual([]);
  });

  it('②: the recorded income within the monitoring range (at the line included); above it or unknown it is not derived', () => {
    expect(derivedKeyGroups(household(), { asOf, income: income(6699.99) })).toEqual([{ group: 'kg2_low_income', reason: '2021年人均纯收入6699.99元，在监测范围内（6700元及以下）' }]);
    expect(derivedKeyGroups(household(), { asOf, income: income(6700) }).map((d) => d.group)).toEqual(['kg2_low_income']);
    expect(derivedKeyGroups(household(), { asOf, income: income(6700.01) })).toEqual([]);
    expect(derivedKeyGroups(household(), { asOf, income: null })).toEqual([]);
  });

  it('never repeats nor replaces a group the register already has', () => {
    const tagged = household({ keyGroups: ['kg2_low_income'], members: [head, student('20050101', 31, 'high_school'), student('20030101', 41, 'college')] });
    expect(derivedKeyGroups(tagged, { asOf, income: income(5000) }).map((d) => d.group)).toEqual(['kg6_many_children']);
    expect(tagged.keyGroups).toEqual(['kg2_low_income']);
  });
});
