/**
 * Households and their members: what makes a household record valid, and the facts the rules
 * read from it (size, 整户无劳动力, disabled members, school-age children …). Only active members
 * count; a member who left stays in the record, marked.
 *
 * @example
 *   validateHousehold(h)                      // [] or [{ code: 'HOUSEHOLD.SEVERAL_HEADS', members: [0, 2] }, …]
 *   householdFacts(h, '2022-05-01').noLabour  // true when no active member can work
 */
import { KEY_GROUP, type KeyGroup } from './catalog.js';
import { isWithinLine } from './income.js';
import { checkIdNumber, ID_PROBLEM_LABEL, toHalfWidth, type IdNumberProblem } from './id-number.js';
import { normalizePhone } from './phone.js';
import type { Household, Member } from './types.js';

/** 脱贫年度 can only be a year of the 2013–2020 poverty-alleviation campaign (精准扶贫). */
export const ALLEVIATION_YEARS = { from: 2013, to: 2020 } as const;

/** Relations that mean "this person is the 户主". */
const HEAD_RELATIONS = new Set(['户主', '本人', '本人(户主)', '户主本人']);

export function isHead(m: Pick<Member, 'relation'>): boolean {
  return HEAD_RELATIONS.has(m.relation) || HEAD_RELATIONS.has(m.relation.trim().replace(/（/g, '(').replace(/）/g, ')'));
}

export function isActive(m: Pick<Member, 'left'>): boolean {
  return !m.left;
}

/**
 * A person's move into or out of a household, written explicitly (the roster's 变动 column):
 * without one, a person registered in another household is never moved by an import.
 * Joining kinds bring the person into this household (from another one, when registered there);
 * leaving kinds mark them left in this one (kept, never deleted).
 */
export type MemberChange = 'split' | 'merge' | 'marry_in' | 'move_in' | 'marry_out' | 'move_out' | 'death';

export const MEMBER_CHANGE_LABEL: Record<MemberChange, string> = {
  split: '分户',
  merge: '合户',
  marry_in: '婚嫁迁入',
  move_in: '迁入',
  marry_out: '婚嫁迁出',
  move_out: '迁出',
  death: '死亡',
};

/** Whether two written names are the same name: half-width, without spaces or the middle dot of transliterated names. */
export function sameName(a: string, b: string): boolean {
  const n = (x: string) => toHalfWidth(x).replace(/[\s·•.]/g, '');
  return a === b || n(a) === n(b);
}

export const isJoining = (c: MemberChange): boolean => c === 'split' || c === 'merge' || c === 'marry_in' || c === 'move_in';

/** Member indices refer to `household.members` (active and left alike). */
export type HouseholdProblem =
  | { code: 'HOUSEHOLD.NO_CODE' }
  | { code: 'HOUSEHOLD.NO_MEMBERS' }
  | { code: 'HOUSEHOLD.NO_HEAD' }
  | { code: 'HOUSEHOLD.SEVERAL_HEADS'; members: number[] }
  | { code: 'HOUSEHOLD.HEAD_NAME_MISMATCH'; headName: string; memberName: string }
  | { code: 'HOUSEHOLD.ALLEVIATION_YEAR_MISSING' }
  | { code: 'HOUSEHOLD.ALLEVIATION_YEAR_NOT_ALLOWED' }
  | { code: 'HOUSEHOLD.ALLEVIATION_YEAR_OUT_OF_RANGE'; year: number }
  | { code: 'HOUSEHOLD.UNKNOWN_KEY_GROUP'; value: string }
  | { code: 'HOUSEHOLD.KEY_GROUP_CONTRADICTS_TYPE' }
  | { code: 'HOUSEHOLD.BAD_PHONE' }
  | { code: 'MEMBER.BAD_ID'; member: number; reason: IdNumberProblem }
  | { code: 'MEMBER.DUPLICATE_ID'; member: number; first: number }
  | { code: 'MEMBER.NO_NAME'; member: number }
  | { code: 'MEMBER.NO_RELATION'; member: number }
  | { code: 'MEMBER.BAD_PHONE'; member: number };

/**
 * Every rule a household record must hold; empty when it is valid. With `idNumbersChecked` the
 * caller vouches that every member's ID number has passed `checkIdNumber` and is in its normalized
 * form (the roster import checks each as it reads the row), and they are not checked again.
 */
export function validateHousehold(h: Household, opts: { idNumbersChecked?: boolean } = {}): HouseholdProblem[] {
  const problems: HouseholdProblem[] = [];
  if (h.code.trim() === '') problems.push({ code: 'HOUSEHOLD.NO_CODE' });
  problems.push(...memberProblems(h.members, opts.idNumbersChecked === true));
  const active = h.members.map((m, i) => ({ m, i })).filter(({ m }) => isActive(m));
  if (active.length === 0) problems.push({ code: 'HOUSEHOLD.NO_MEMBERS' });
  const heads = active.filter(({ m }) => isHead(m));
  if (active.length > 0 && heads.length === 0) problems.push({ code: 'HOUSEHOLD.NO_HEAD' });
  if (heads.length > 1) problems.push({ code: 'HOUSEHOLD.SEVERAL_HEADS', members: heads.map(({ i }) => i) });
  const head = heads.length === 1 ? (heads[0] as { m: Member }).m : null;
  if (head && h.headName.trim() !== '' && h.headName.trim() !== head.name.trim()) {
    problems.push({ code: 'HOUSEHOLD.HEAD_NAME_MISMATCH', headName: h.headName, memberName: head.name });
  }
  if (h.type === 'alleviated') {
    if (h.alleviationYear === null) problems.push({ code: 'HOUSEHOLD.ALLEVIATION_YEAR_MISSING' });
    else if (!Number.isInteger(h.alleviationYear) || h.alleviationYear < ALLEVIATION_YEARS.from || h.alleviationYear > ALLEVIATION_YEARS.to) {
      problems.push({ code: 'HOUSEHOLD.ALLEVIATION_YEAR_OUT_OF_RANGE', year: h.alleviationYear });
    }
  } else if (h.alleviationYear !== null) {
    problems.push({ code: 'HOUSEHOLD.ALLEVIATION_YEAR_NOT_ALLOWED' });
  }
  for (const g of h.keyGroups) {
    if (!(KEY_GROUP.codes as string[]).includes(g)) problems.push({ code: 'HOUSEHOLD.UNKNOWN_KEY_GROUP', value: g });
  }
  // ① is "脱贫户": a 一般农户 cannot carry it.
  if (h.type === 'general' && h.keyGroups.includes('kg1_alleviated')) problems.push({ code: 'HOUSEHOLD.KEY_GROUP_CONTRADICTS_TYPE' });
  if (h.phone !== null && !normalizePhone(h.phone).ok) problems.push({ code: 'HOUSEHOLD.BAD_PHONE' });
  return problems;
}

function memberProblems(members: readonly Member[], idNumbersChecked: boolean): HouseholdProblem[] {
  const problems: HouseholdProblem[] = [];
  const firstById = new Map<string, number>();
  members.forEach((m, i) => {
    if (m.name.trim() === '') problems.push({ code: 'MEMBER.NO_NAME', member: i });
    // A member who left (分户, 婚嫁, 死亡, 迁出) is history, not a second copy of a person.
    if (!isActive(m)) return;
    if (m.relation.trim() === '') problems.push({ code: 'MEMBER.NO_RELATION', member: i });
    if (m.phone !== null && !normalizePhone(m.phone).ok) problems.push({ code: 'MEMBER.BAD_PHONE', member: i });
    const id = idNumbersChecked ? { ok: true as const, value: m.idNumber } : checkIdNumber(m.idNumber);
    if (!id.ok) {
      problems.push({ code: 'MEMBER.BAD_ID', member: i, reason: id.reason });
      return;
    }
    const first = firstById.get(id.value);
    if (first !== undefined) problems.push({ code: 'MEMBER.DUPLICATE_ID', member: i, first });
    else firstById.set(id.value, i);
  });
  return problems;
}

export function householdProblemText(p: HouseholdProblem): string {
  const who = (i: number) => `第${i + 1}位成员`;
  switch (p.code) {
    case 'HOUSEHOLD.NO_CODE':
      return '缺少户编号';
    case 'HOUSEHOLD.NO_MEMBERS':
      return '该户没有在册成员';
    case 'HOUSEHOLD.NO_HEAD':
      return '该户没有户主（与户主关系应有一人填“户主”）';
    case 'HOUSEHOLD.SEVERAL_HEADS':
      return `该户有${p.members.length}位户主（${p.members.map(who).join('、')}），只能有一位`;
    case 'HOUSEHOLD.HEAD_NAME_MISMATCH':
      return `户主姓名「${p.headName}」与户主本人的姓名「${p.memberName}」不一致`;
    case 'HOUSEHOLD.ALLEVIATION_YEAR_MISSING':
      return '脱贫户必须填写脱贫年度';
    case 'HOUSEHOLD.ALLEVIATION_YEAR_NOT_ALLOWED':
      return '只有脱贫户才填写脱贫年度（一般农户请留空）';
    case 'HOUSEHOLD.ALLEVIATION_YEAR_OUT_OF_RANGE':
      return `脱贫年度 ${p.year} 不对（应在${ALLEVIATION_YEARS.from}–${ALLEVIATION_YEARS.to}年之间）`;
    case 'HOUSEHOLD.UNKNOWN_KEY_GROUP':
      return `重点人群「${p.value}」不在十类人群中`;
    case 'HOUSEHOLD.KEY_GROUP_CONTRADICTS_TYPE':
      return '重点人群①（脱贫户）与户类型“一般农户”矛盾';
    case 'HOUSEHOLD.BAD_PHONE':
      return '户联系电话格式不对';
    case 'MEMBER.BAD_ID':
      return `${who(p.member)}：${ID_PROBLEM_LABEL[p.reason]}`;
    case 'MEMBER.DUPLICATE_ID':
      return `${who(p.member)}的身份证号与${who(p.first)}重复`;
    case 'MEMBER.NO_NAME':
      return `${who(p.member)}缺少姓名`;
    case 'MEMBER.NO_RELATION':
      return `${who(p.member)}缺少与户主关系`;
    case 'MEMBER.BAD_PHONE':
      return `${who(p.member)}的联系电话格式不对`;
  }
}

/** Full years of age on `asOf` ('YYYY-MM-DD'), from the birth date in the ID number; null if unreadable. */
export function ageOn(idNumber: string, asOf: string): number | null {
  const id = checkIdNumber(idNumber);
  if (!id.ok) return null;
  const [by, bm, bd] = id.birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface FactOptions {
  /** The day the facts are taken on ('YYYY-MM-DD'); ages are counted to it. */
  asOf: string;
  /** Compulsory-schooling ages (义务教育), inclusive; default 6–15. */
  schoolAge?: { from: number; to: number };
  /** Age from which a member counts as elderly; default 60. */
  elderlyFrom?: number;
}

export interface HouseholdFacts {
  /** 家庭人口: active members. */
  size: number;
  /** Members with labour (普通/技能 or 弱/半劳动力). */
  labourCount: number;
  /** 整户无劳动力. */
  noLabour: boolean;
  disabledCount: number;
  seriousIllnessCount: number;
  chronicIllnessCount: number;
  /** Members of compulsory-schooling age. */
  schoolAgeChildren: number;
  /** School-age members not in school, and anyone marked 辍学 (疑似辍学). */
  outOfSchoolChildren: number;
  /** 非义务教育阶段在读 (高中, 中职, 大学): the “多子女户” concern of key group ⑥. */
  nonCompulsoryStudents: number;
  elderlyCount: number;
  singlePerson: boolean;
}

export function householdFacts(h: Pick<Household, 'members'>, opts: FactOptions): HouseholdFacts {
  const school = opts.schoolAge ?? { from: 6, to: 15 };
  const elderlyFrom = opts.elderlyFrom ?? 60;
  const active = h.members.filter(isActive);
  const count = (p: (m: Member, age: number | null) => boolean) => active.filter((m) => p(m, ageOn(m.idNumber, opts.asOf))).length;
  const schoolAge = (age: number | null) => age !== null && age >= school.from && age <= school.to;
  const labourCount = count((m) => m.labour !== 'none');
  return {
    size: active.length,
    labourCount,
    noLabour: active.length > 0 && labourCount === 0,
    disabledCount: count((m) => m.health === 'disabled'),
    seriousIllnessCount: count((m) => m.health === 'serious_illness'),
    chronicIllnessCount: count((m) => m.health === 'chronic_illness'),
    schoolAgeChildren: count((_m, age) => schoolAge(age)),
    // Pre-school at the first school age is normal; "none" or 辍学 at a school age is not.
    outOfSchoolChildren: count((m, age) => m.schooling === 'dropout' || (schoolAge(age) && m.schooling === 'none')),
    nonCompulsoryStudents: count((m) => m.schooling === 'high_school' || m.schooling === 'vocational' || m.schooling === 'college'),
    elderlyCount: count((_m, age) => age !== null && age >= elderlyFrom),
    singlePerson: active.length === 1,
  };
}

/**
 * The key groups a household belongs to: its recorded tags plus those its own data imply
 * (① 脱贫户, ③ 特困, ④ 低保, ⑤ a disabled member), in catalogue order.
 */
export function keyGroupsOf(h: Pick<Household, 'keyGroups' | 'type' | 'tekun' | 'dibao' | 'members'>): KeyGroup[] {
  const set = new Set<KeyGroup>(h.keyGroups);
  if (h.type === 'alleviated') set.add('kg1_alleviated');
  if (h.tekun) set.add('kg3_extreme_poverty');
  if (h.dibao) set.add('kg4_dibao');
  if (h.members.some((m) => isActive(m) && m.health === 'disabled')) set.add('kg5_disability');
  return KEY_GROUP.codes.filter((g) => set.has(g));
}

/**
 * A key-group household (附件2, 十类人群和特殊对象) has at least one of ①–⑩ or is a 监测对象 (an
 * open monitoring subject, the 特殊对象 of the form's title); all others are general (附件3).
 * `monitored` is the caller's knowledge of the subject: the register row alone cannot say it.
 */
export function isKeyGroupHousehold(h: Parameters<typeof keyGroupsOf>[0], monitored = false): boolean {
  return monitored || keyGroupsOf(h).length > 0;
}

/** A key group the register's data implies but nobody tagged, with the reason shown beside it. */
export interface DerivedKeyGroup {
  group: KeyGroup;
  /** Why, in the words shown to the screener: “2人在读高中、中职或大学”. */
  reason: string;
}

export interface DerivationInput {
  /** The day ages are counted to. */
  asOf: string;
  /** 家庭人均纯收入 of the campaign's income year, when recorded, and the campaign's monitoring line. */
  income?: { year: number; perCapita: number; line: number } | null;
}

/** Key group ⑥ is the 多子女户 with several (two or more) members in non-compulsory schooling. */
const MANY_CHILDREN_STUDENTS = 2;

/**
 * Key groups ② and ⑥ as the register's data says them, apart from the tags: ② when the recorded
 * per-capita income of the income year is within the monitoring range (`isWithinLine`: not above the
 * line — the plan's “特别是收入在监测范围内”), ⑥ when
 * two or more members are in 高中, 中职 or 大学. A group the household already has (recorded or
 * implied, `keyGroupsOf`) is not repeated: a derived group is a suggestion shown as such, never
 * written over the register's tags. “明显减少” (a sharp fall) has no measure in the plan and stays
 * the screener's judgement.
 */
export function derivedKeyGroups(h: Parameters<typeof keyGroupsOf>[0], input: DerivationInput): DerivedKeyGroup[] {
  const have = new Set(keyGroupsOf(h));
  const facts = householdFacts(h, { asOf: input.asOf });
  const out: DerivedKeyGroup[] = [];
  const i = input.income;
  if (i && isWithinLine(i.perCapita, i.line)) out.push({ group: 'kg2_low_income', reason: `${i.year}年人均纯收入${i.perCapita}元，在监测范围内（${i.line}元及以下）` });
  if (facts.nonCompulsoryStudents >= MANY_CHILDREN_STUDENTS) out.push({ group: 'kg6_many_children', reason: `${facts.nonCompulsoryStudents}人在读高中、中职或大学` });
  return out.filter((d) => !have.has(d.group));
}
