/**
 * Reading the register's values as offices write them (the national monitoring system's labels,
 * and their everyday short forms) into code values, and back. Unknown text is an error with the
 * accepted values listed, never a guess.
 *
 * @example
 *   parseLabour('弱劳动力或半劳动力')  // { ok: true, value: 'weak' }
 *   parseKeyGroups('①、③')            // { ok: true, value: ['kg1_alleviated', 'kg3_extreme_poverty'] }
 *   parseKeyGroups('1、3、5')         // { ok: true, value: ['kg1_alleviated', 'kg3_extreme_poverty', 'kg5_disability'] }
 *   parseYesNo('否')                  // { ok: true, value: false }
 */
import { HOUSEHOLD_TYPE, KEY_GROUP, type HouseholdType, type KeyGroup } from './catalog.js';
import { toHalfWidth } from './id-number.js';
import type { MemberChange } from './household.js';
import type { HealthStatus, LabourAbility, SchoolingStatus } from './types.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const clean = (s: string) => toHalfWidth(s).trim().replace(/\s+/g, '');

function lookup<T>(table: ReadonlyArray<readonly [T, readonly string[]]>, what: string, input: string): Parsed<T> {
  const v = clean(input);
  for (const [value, words] of table) if (words.includes(v)) return { ok: true, value };
  return { ok: false, message: `${what}「${input.trim()}」无法识别（可填：${table.map(([, w]) => w[0]).join('、')}）` };
}

const LABOUR: ReadonlyArray<readonly [LabourAbility, readonly string[]]> = [
  ['normal', ['普通劳动力', '技能劳动力', '有劳动力', '有劳动能力', '劳动力', '强劳动力']],
  ['weak', ['弱劳动力或半劳动力', '弱劳动力', '半劳动力', '弱或半劳动力']],
  ['none', ['无劳动力', '丧失劳动力', '无劳动能力', '丧失劳动能力']],
];
export const LABOUR_LABEL: Record<LabourAbility, string> = { normal: '普通劳动力', weak: '弱劳动力或半劳动力', none: '无劳动力' };
export const parseLabour = (s: string) => lookup(LABOUR, '劳动能力', s);

const HEALTH: ReadonlyArray<readonly [HealthStatus, readonly string[]]> = [
  ['healthy', ['健康', '良好', '正常']],
  ['chronic_illness', ['长期慢性病', '慢性病', '患有慢性病']],
  ['serious_illness', ['患有大病', '大病', '重病', '重大疾病']],
  ['disabled', ['残疾', '残疾人']],
];
export const HEALTH_LABEL: Record<HealthStatus, string> = { healthy: '健康', chronic_illness: '长期慢性病', serious_illness: '患有大病', disabled: '残疾' };
export const parseHealth = (s: string) => lookup(HEALTH, '健康状况', s);

const SCHOOLING: ReadonlyArray<readonly [SchoolingStatus, readonly string[]]> = [
  ['none', ['非在校生', '不在校', '无', '否', '未上学']],
  ['preschool', ['学前教育', '学前', '幼儿园']],
  ['compulsory', ['义务教育', '小学', '初中', '一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级']],
  ['high_school', ['普通高中', '高中']],
  ['vocational', ['中职', '中专', '技校', '职高', '高职', '中职(中技)']],
  ['college', ['大专及以上', '高等教育', '大专', '本科', '大学', '研究生']],
  ['dropout', ['辍学', '失学']],
];
export const SCHOOLING_LABEL: Record<SchoolingStatus, string> = {
  none: '非在校生',
  preschool: '学前教育',
  compulsory: '义务教育',
  high_school: '普通高中',
  vocational: '中职',
  college: '大专及以上',
  dropout: '辍学',
};
/** Empty means 非在校生. */
export const parseSchooling = (s: string): Parsed<SchoolingStatus> => (clean(s) === '' ? { ok: true, value: 'none' } : lookup(SCHOOLING, '在校情况', s));

const HOUSEHOLD_TYPES: ReadonlyArray<readonly [HouseholdType, readonly string[]]> = [
  ['alleviated', ['脱贫户', '建档立卡脱贫户', '已脱贫户']],
  ['general', ['一般农户', '一般户', '非贫困户', '农户']],
];
const CATEGORY_WORDS = ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户', '监测户', '监测对象'];
export function parseHouseholdType(s: string): Parsed<HouseholdType> {
  // A monitoring category is not a 户类型; say so instead of the generic message.
  if (CATEGORY_WORDS.includes(clean(s))) {
    return { ok: false, message: `户类型「${s.trim()}」是监测对象类别，户类型只能填${HOUSEHOLD_TYPE.label.alleviated}或${HOUSEHOLD_TYPE.label.general}` };
  }
  return lookup(HOUSEHOLD_TYPES, '户类型', s);
}

const YES = ['是', '有', 'y', 'yes', '1', '√', 'true', '对'];
const NO = ['否', '无', '没有', 'n', 'no', '0', '×', 'false', '不是', ''];
/** 是/否 columns; empty means 否. */
export function parseYesNo(s: string, what = '该项'): Parsed<boolean> {
  const v = clean(s).toLowerCase();
  if (YES.includes(v)) return { ok: true, value: true };
  if (NO.includes(v)) return { ok: true, value: false };
  return { ok: false, message: `${what}「${s.trim()}」应填“是”或“否”` };
}

/** 脱贫年度; empty means none. */
export function parseYear(s: string, what = '年度'): Parsed<number | null> {
  const v = clean(s).replace(/年$/, '');
  if (v === '') return { ok: true, value: null };
  if (!/^\d{4}$/.test(v)) return { ok: false, message: `${what}「${s.trim()}」应为四位年份，如 2019` };
  return { ok: true, value: Number(v) };
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';
const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * 重点人群 as ①–⑩, 1–10 or 一–十, several separated by 、 , ; or spaces (circled numbers need no
 * separator). Empty means none. Digits run together ("135") are refused: 13 or 1、3、5?
 */
export function parseKeyGroups(s: string): Parsed<KeyGroup[]> {
  const text = toHalfWidth(s).trim();
  if (text === '') return { ok: true, value: [] };
  const tokens = text
    .replace(new RegExp(`[${CIRCLED}]`, 'g'), (c) => ` ${CIRCLED.indexOf(c) + 1} `)
    .split(/[\s、,，;；/]+/)
    .filter((t) => t !== '');
  const numbers: number[] = [];
  for (const t of tokens) {
    const n = /^\d+$/.test(t) ? Number(t) : CHINESE_NUMBERS.indexOf(t) + 1;
    if (!Number.isInteger(n) || n < 1 || n > 10) {
      return { ok: false, message: `重点人群「${s.trim()}」无法识别（填①–⑩或1–10，多个用顿号分隔，如“1、3、5”）` };
    }
    numbers.push(n);
  }
  const set = new Set(numbers);
  return { ok: true, value: KEY_GROUP.codes.filter((_g, i) => set.has(i + 1)) };
}

/** ①③⑤ for display and export. */
export function keyGroupsLabel(groups: readonly KeyGroup[]): string {
  return groups.map((g) => CIRCLED[KEY_GROUP.codes.indexOf(g)]).join('');
}

const MEMBER_CHANGES: ReadonlyArray<readonly [MemberChange, readonly string[]]> = [
  ['split', ['分户', '分户迁入', '分出立户', '分立']],
  ['merge', ['合户', '并户', '合户迁入']],
  ['marry_in', ['婚嫁迁入', '婚入', '嫁入', '娶入', '入赘']],
  ['move_in', ['迁入', '户籍迁入', '新增']],
  ['marry_out', ['婚嫁迁出', '嫁出', '婚出', '出嫁']],
  ['move_out', ['迁出', '户籍迁出', '外迁']],
  ['death', ['死亡', '去世', '亡故', '已故', '身故']],
];
/** The 变动 column: empty means no change (null). */
export function parseMemberChange(s: string): Parsed<MemberChange | null> {
  if (clean(s) === '') return { ok: true, value: null };
  return lookup(MEMBER_CHANGES, '变动', s);
}

/** A 是/否 fact that may be unknown: empty is null (not recorded), never 否. */
export function parseKnownYesNo(s: string, what: string): Parsed<boolean | null> {
  if (clean(s) === '') return { ok: true, value: null };
  const r = parseYesNo(s, what);
  return r.ok ? r : { ok: false, message: `${what}「${s.trim()}」应填“是”或“否”（不清楚请留空）` };
}

/** An amount in yuan (≥ 0, at most two decimals; 1,234.5 and ¥ and 元 allowed); empty is null. */
export function parseYuanAmount(s: string, what: string): Parsed<number | null> {
  const v = clean(s).replace(/^[¥￥]/, '').replace(/元$/, '').replace(/,/g, '');
  if (v === '') return { ok: true, value: null };
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return { ok: false, message: `${what}「${s.trim()}」应为不小于0的金额（元，最多两位小数）` };
  return { ok: true, value: Number(v) };
}
