/**
 * Facts of a household read from a farmer's own words, beside the risk types (risks.ts):
 * - an income statement — "一年收入就两千五", "一个月收入八百", "一年就挣个万把块钱" — is income, with
 *   its period, and the household size when said ("家里四口人"); never a cost;
 * - a repeated cost — "一次一万多，做了五次", "一天一千多 住了二十天" — is the total (五万多, 两万多), as people mean it;
 * - the labour situation — "瘫在炕上", "干不了活", "一个人拉扯娃", "没劳力";
 * - a request for 低保, 医疗救助, 临时救助 or 救助 in general, to be acknowledged and passed on;
 * - whether an account suggests 突发严重困难: one rule, a cost or loss of an illness, accident or
 *   disaster at or above the configured threshold.
 * Pure functions of the text; quotes are the farmer's words as typed.
 *
 * @example
 *   readIncome('一年收入就两千五 家里四口人')   // { value: 2500, period: 'year', text: '两千五', householdSize: 4, perPersonYear: 625 }
 *   readLabour('男人瘫在炕上 我一个人拉扯三个娃') // { situation: 'none', evidence: ['瘫在炕上', '一个人拉扯'] }
 *   readAssistanceRequest('俺想申请低保')         // { kinds: ['dibao'], evidence: ['低保'] }
 */
import type { RiskType } from '../../domain/catalog.js';
import { normalizeWithOffsets, quoteOriginal } from './normalize.js';
import { parseChineseNumber } from './numbers.js';
import { findAmounts, parseCount, type Amount } from './quantities.js';

export type IncomePeriod = 'year' | 'month';

export interface IncomeStatement {
  value: number;
  period: IncomePeriod;
  /** The amount as typed. */
  text: string;
  householdSize?: number;
  /** Yearly income per person, when the household size is said. */
  perPersonYear?: number;
}

const MONTH = /(?:一个?月|每个?月|月收入|月工资)/;
const ROUGH_TEN_THOUSAND = /(?<![0-9一二两三四五六七八九十百千])([万千])把(?:块钱|块|元)?/;

/** A stated income of the household (the first one), or null. */
export function readIncome(text: string): IncomeStatement | null {
  const n = normalizeWithOffsets(text);
  const t = n.text;
  const size = parseCount(t, ['口人', '口', '个人'])?.value;
  const withSize = (s: IncomeStatement): IncomeStatement =>
    size && size > 0 ? { ...s, householdSize: size, perPersonYear: Math.round((s.period === 'month' ? s.value * 12 : s.value) / size) } : s;
  const found = findAmounts(text).find((a) => a.kind === 'income');
  if (found) {
    const before = t.slice(Math.max(0, found.start - 10), found.start);
    const statement: IncomeStatement = { value: found.value, period: MONTH.test(before) ? 'month' : 'year', text: found.text };
    // “几千块” is no figure: nothing is worked out per person from it.
    return found.vague ? statement : withSize(statement);
  }
  // "一年就挣个万把块钱": 万把 is about ten thousand.
  const rough = ROUGH_TEN_THOUSAND.exec(t);
  if (rough && /收入|挣|赚|进账|落/.test(t.slice(Math.max(0, rough.index - 8), rough.index))) {
    const before = t.slice(Math.max(0, rough.index - 10), rough.index);
    return withSize({ value: rough[1] === '万' ? 10_000 : 1_000, period: MONTH.test(before) ? 'month' : 'year', text: quoteOriginal(n, rough.index, rough.index + rough[0].length) });
  }
  return null;
}

/** Said as little: "就", "才", "只有", "不到", "没多少" near the income. */
export function isLowIncomeStatement(text: string): boolean {
  const income = readIncome(text);
  if (!income) return false;
  return /就|才|只|不到|不够|没多少|没几个|可怜|低|少/.test(normalizeWithOffsets(text).text) || (income.perPersonYear !== undefined && income.perPersonYear < 6000);
}

/** A year's income below which a household's income reads as low whatever else is said (the 2021 line). */
const LOW_YEAR = 6000;

/**
 * A low income in figures: a year's income (a month's times twelve) below 6000 yuan per person — or in
 * all, when the household's size is not said ("家里一年才挣五千块"). "一个月工资才两千" is said as little
 * but is no low income in figures; "几千块" is no figure.
 */
export function isLowIncomeInFigures(text: string): boolean {
  const income = readIncome(text);
  if (!income || !isLowIncomeStatement(text)) return false;
  const year = income.perPersonYear ?? (income.period === 'month' ? income.value * 12 : income.value);
  return year < LOW_YEAR && !findAmounts(text).some((a) => a.kind === 'income' && a.vague);
}

const COUNT_AFTER = /^[^。!?\n]{0,6}?(?:做|住|去|化|透|跑|看|打|治|输)?[^。!?\n]{0,3}?([0-9一二两三四五六七八九十]+)(?:次|回|趟|个疗程)/;
// A cost per day, then the days it has lasted: “一天就得一千多 已经住了二十天了”.
const PER_DAY = /(?:一天|每天|一日|每日)(?:就|要|得|花|是|需要|光|下来){0,3}$/;
// The days of a stay or a treatment only (“干了二十天” of a day's wage is no cost).
const DAYS_AFTER = /^[^。!?\n]{0,8}?(?:住|躺|治|透析|输液|打针)[^。!?\n]{0,3}?([0-9一二两三四五六七八九十]+)(?:天|日)/;

/**
 * Amounts with a cost said "per time" multiplied by the times said after it: "一次一万多 做了五次"
 * → 五万多 (value 50000, the words quoted from 一万多 to 五次); a cost per day by the days said after
 * it ("一天就得一千多 已经住了二十天了" → 20000). Other amounts unchanged.
 */
export function withRepeatedCosts(text: string, amounts: readonly Amount[]): Amount[] {
  const n = normalizeWithOffsets(text);
  const t = n.text;
  return amounts.map((a) => {
    const before = t.slice(Math.max(0, a.start - 8), a.start);
    const perDay = PER_DAY.test(before);
    if (!perDay && !/(?:一次|每次|一回|每回|一趟|每趟|一个疗程)(?:就|要|得|花|是)?$/.test(before)) return a;
    const m = (perDay ? DAYS_AFTER : COUNT_AFTER).exec(t.slice(a.end));
    const times = m ? parseChineseNumber(m[1] as string)?.value : undefined;
    if (!m || !times || times < 2 || !Number.isInteger(times)) return a;
    const end = a.end + m.index + m[0].length;
    return { ...a, value: a.value * times, kind: a.kind === 'unknown' ? 'cost' : a.kind, text: quoteOriginal(n, a.start, end), end };
  });
}

export type LabourSituation = 'none' | 'weak';

export interface LabourReading {
  /** 'none': nobody in the household can work as things stand; 'weak': labour is short. */
  situation: LabourSituation;
  evidence: string[];
}

const NO_LABOUR = ['瘫在炕上', '瘫在炕', '瘫在床上', '瘫在床', '卧床不起', '没劳力', '没有劳力', '没劳动力', '没有劳动力', '无劳动力', '丧失劳动能力', '没有劳动能力', '整户无劳动力', '都干不了活', '都干不动'];
const WEAK_LABOUR = ['干不了活', '干不了重活', '干不动', '不能干活', '一个人拉扯', '拉扯娃', '全靠俺一个', '全靠我一个', '就俺一个劳力', '就我一个劳力', '缺劳力', '缺劳动力', '出不去打工', '离不开人', '得伺候', '没人干活'];

/** The labour situation the words describe, or null when they say nothing of it. */
export function readLabour(text: string): LabourReading | null {
  const n = normalizeWithOffsets(text);
  const found = (words: readonly string[]) =>
    words.flatMap((w) => {
      const at = n.text.indexOf(w);
      return at >= 0 && !/没|不是/.test(n.text.slice(Math.max(0, at - 2), at)) ? [{ at, quote: quoteOriginal(n, at, at + w.length) }] : [];
    });
  const none = found(NO_LABOUR);
  const weak = found(WEAK_LABOUR);
  const all = [...none, ...weak].sort((a, b) => a.at - b.at);
  // A shorter word inside a longer one found too is the same words.
  const evidence = all.map((x) => x.quote).filter((q, i, qs) => qs.indexOf(q) === i && !qs.some((o) => o !== q && o.includes(q)));
  if (all.length === 0) return null;
  return { situation: none.length > 0 ? 'none' : 'weak', evidence };
}

export type AssistanceKind = 'dibao' | 'medical_aid' | 'temporary_aid' | 'aid';

export const ASSISTANCE_LABEL: Record<AssistanceKind, string> = { dibao: '低保', medical_aid: '医疗救助', temporary_aid: '临时救助', aid: '救助' };

const ASSISTANCE: Array<[AssistanceKind, RegExp]> = [
  ['dibao', /低保|最低生活保障|吃低保|兜底/],
  ['medical_aid', /医疗救助|大病救助|医疗补助/],
  ['temporary_aid', /临时救助|临时补助|急难救助/],
  ['aid', /救助|救济|补助一下|帮扶一下/],
];

/** A request for 低保 or 救助 in the words ("俺想申请低保", "能不能给办个医疗救助"), or null. */
export function readAssistanceRequest(text: string): { kinds: AssistanceKind[]; evidence: string[] } | null {
  const n = normalizeWithOffsets(text);
  const kinds: AssistanceKind[] = [];
  const evidence: string[] = [];
  for (const [kind, re] of ASSISTANCE) {
    const m = re.exec(n.text);
    if (!m) continue;
    // 救助 inside 医疗救助 is the same request.
    if (kind === 'aid' && kinds.length > 0) continue;
    kinds.push(kind);
    evidence.push(quoteOriginal(n, m.index, m.index + m[0].length));
  }
  return kinds.length ? { kinds, evidence } : null;
}

const HOUSEHOLD = /俺|我|咱|家|老汉|婆姨|娃|孩子|男人|老婆|媳妇|老人|儿子|闺女|女子|孙|老伴|掌柜|老娘|两口子|一家/;
const TROUBLE = /不行|坏|烂|塌|掉|没了|没钱|欠|借钱|难|苦|疼|病|伤|死|亏|赔|跑了|不让|没给|不够|供不起|不了|不成|干不|不能|不敢|出不去|进水|泡|冲|砸|绞|烫|瘸|拐|漏|裂|困难|撑不住|过不下去|愁/;
// Questions for a person or about the procedure are not an account (another flow answers them).
const ASKS_SOMEONE = /谁|电话|网格员|人工|客服|什么意思|啥意思|是啥|要钱不|花钱不|收费|怎么申报|如何申报|多久|几天|政策/;

/**
 * Whether a farmer's message tells of a hardship in words no risk rule knows ("老汉腿脚不利索了",
 * "窑洞顶上掉土"): then the declaration starts and asks for more, instead of the general menu.
 */
export function looksLikeHardshipAccount(text: string): boolean {
  const t = normalizeWithOffsets(text).text;
  return t.length >= 6 && HOUSEHOLD.test(t) && TROUBLE.test(t) && !ASKS_SOMEONE.test(t);
}

/** The risks a 突发严重困难 hint can come from: sudden rigid spending or a sudden loss. */
export const SUDDEN_RISKS: readonly RiskType[] = ['illness', 'accident', 'natural_disaster'];

/**
 * The one rule of the 突发严重困难 hint: a cost or loss (not an income) of an illness, accident or
 * disaster — tied to it, or said beside it — of at least `minYuan`.
 */
export function suddenHardshipHint(amounts: ReadonlyArray<{ value: number; kind: string; riskType?: string }>, risks: readonly string[], minYuan: number): boolean {
  if (!risks.some((r) => (SUDDEN_RISKS as readonly string[]).includes(r))) return false;
  return amounts.some((a) => a.kind !== 'income' && a.value >= minYuan && (!a.riskType || (SUDDEN_RISKS as readonly string[]).includes(a.riskType)));
}
