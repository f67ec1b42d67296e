/**
 * Numbers inside sentences: money ("花了三万多", "学费一年八千", "收入5000元") and counts
 * ("三户", "十二人", "5口人"). A number counts as money only when the text says so — a
 * currency word after it (元/块/块钱), ¥ before it, a magnitude inside it (万/千/w/k) with no
 * counting word after it, or a money word right before it (花了/收入/欠/赔 …). Anything else
 * ("2021年", "住了3天", "养了50只羊") is not money, so nothing is invented.
 */
import { CORRECTION_LEAD_SOURCE } from './corrections.js';
import { normalizeWithOffsets, quoteOriginal } from './normalize.js';
import { parseChineseNumber, type Quantity } from './numbers.js';

/** A number found in a text: where it is (normalized positions) and what it reads. */
export interface QuantitySpan {
  start: number;
  end: number;
  quantity: Quantity;
}

const START = /[0-9零〇一壹二贰两俩三叁仨四肆五伍六陆七柒八捌九玖十拾]/;
const INSIDE = /[0-9.零〇一壹二贰两俩三叁仨四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億点多余几来]/;
const PREFIX = /(?:大约|大概|约莫|差不多|估计|将近|接近|快要|不到|不足|超过|至少|约)有?$/;
const SUFFIX = /^(?:左右|上下|出头|以上|开外|以下|不到|以内)/;

function runEnd(t: string, i: number): number {
  let j = i;
  while (j < t.length) {
    const ch = t[j] as string;
    if (INSIDE.test(ch)) j++;
    else if (/[kKwW]/.test(ch) && /\d/.test(t[j - 1] ?? '')) j++;
    else if (ch === ',' && /^\d{3}(?!\d)/.test(t.slice(j + 1)) && /\d/.test(t[j - 1] ?? '')) j++;
    else if (/[-~到至]/.test(ch) && START.test(t[j + 1] ?? '') && j > i) j++;
    else break;
  }
  return j;
}

/**
 * Every number expression in a normalized text, left to right, each read as long as it goes.
 * Bare numbers are found too ("一年" → 1): callers decide by the words around them.
 *
 * @example
 *   findQuantities('两个孩子上学一年花两三万').map((q) => q.quantity.value) // [2, 1, 20000]
 */
export function findQuantities(t: string): QuantitySpan[] {
  const out: QuantitySpan[] = [];
  let i = 0;
  while (i < t.length) {
    const ch = t[i] as string;
    const startsHere = START.test(ch) || (ch === '上' && /[百千万]/.test(t[i + 1] ?? '') && !/[0-9一二两三四五六七八九十]/.test(t[i + 2] ?? '')) || leadOf(t, i) >= 0;
    if (!startsHere) {
      i++;
      continue;
    }
    const found = longestAt(t, i);
    if (!found) {
      i++;
      continue;
    }
    out.push(found);
    i = found.end;
  }
  return out;
}

/**
 * How many characters before the digits belong to a magnitude without a digit: "几千" (0 — 几 is
 * inside a number), "好几万"/"大几千" (1), "小一万" (1); -1 when none starts at `i`.
 */
function leadOf(t: string, i: number): number {
  const s = t.slice(i, i + 5);
  if (/^几(?:十万|百万|千|万)/.test(s) && !/[0-9一二两三四五六七八九十百]/.test(t[i - 1] ?? '')) return 0;
  if (/^[好大]几(?:十万|百万|千|万)|^小[一两二三][千万](?![0-9一二两三四五六七八九])/.test(s)) return 1;
  return -1;
}

function longestAt(t: string, i: number): QuantitySpan | null {
  const lead = Math.max(0, leadOf(t, i));
  const max = t[i] === '上' ? i + 2 : lead > 0 ? i + lead + runEnd(t.slice(i + lead), 0) : runEnd(t, i);
  for (let end = max; end > i; end--) {
    const core = parseChineseNumber(t.slice(i, end));
    if (!core) continue;
    // Rough words around the number belong to it: "将近一万", "三万左右".
    const prefix = PREFIX.exec(t.slice(Math.max(0, i - 4), i));
    const suffix = SUFFIX.exec(t.slice(end));
    const start = prefix ? i - prefix[0].length : i;
    const stop = suffix ? end + suffix[0].length : end;
    const whole = start !== i || stop !== end ? parseChineseNumber(t.slice(start, stop)) : null;
    return whole ? { start, end: stop, quantity: whole } : { start: i, end, quantity: core };
  }
  return null;
}

/** What a sum of money is, judged from the words before it in the same clause. */
export type AmountKind = 'cost' | 'loss' | 'income' | 'unknown';

/** A sum of money in yuan, with the words it was read from. */
export interface Amount extends Quantity {
  /** The words as typed ("三万多", "8000元"). */
  text: string;
  kind: AmountKind;
  start: number;
  end: number;
}

const CURRENCY_AFTER = /^(?:块钱|块|元|圆|rmb|RMB|人民币)/;
const CURRENCY_BEFORE = /[¥￥]\s?$/;
// Words that make a number a count, a weight, a date or a duration rather than money.
const NOT_MONEY_AFTER = /^(?:个|口|户|人|名|位|间|孔|头|只|匹|亩|斤|公斤|吨|米|平|层|次|回|天|年|月|日|号|岁|周|星期|礼拜|小时|分|点|所|辆|棵|株|袋|箱|片|本|张|届|级|倍|成|%|季)/;
const MONEY_BEFORE = /(?:掏了|掏|自己出了?|垫了|花了|花费了?|花销|开销|支出|用了|用掉|借了|借|欠了|欠|贷了|贷款|赔了|赔|亏了|亏|损失了?|收入|挣了|挣|赚了|赚|工资|费用?|钱|交了|报销了?|自付|自费|补贴|一共|总共|共)(?:了|有|是|就|才|得|要|大概|大约|差不多|将近|约)?\s?$/;
const MAGNITUDE = /[万萬千仟wWkK]/;
// “每天八百多”, “一天就要两千”: a sum by the day — money when it has hundreds in it (never “一天两顿”).
const PER_DAY_BEFORE = /(?:一天|每天|一日|每日)(?:就|要|得|光|下来|需要){0,2}\s?$/;
const HUNDREDS = /[百佰千仟万萬]|[0-9]{3,}/;

const KIND_WORDS: Array<[AmountKind, RegExp]> = [
  ['loss', /亏|赔|损失|砸|死|冲毁|淹/g],
  ['income', /收入|挣|赚|工资|收成|卖了|纯收入|进账|落下|落了|落个|到手/g],
  ['cost', /花|用|费|借|欠|债|贷|交|支出|开销|治|药|看病|住院|手术|学|掏|自付|自己出|垫|化疗|透析|一次|每次/g],
];

// "一年就两千五", "一个月才八百": a period and a little, with no word of spending, is what comes in.
const PERIOD_ONLY = /(?:一年|一个?月|每年|每个?月|一年到头)(?:也)?(?:就|才|只有|只|统共|总共)(?:能)?(?:落|剩|挣|收)?(?:个|下)?$/;

/** The kind whose word stands nearest before `end` in `clause`. */
function kindOf(before: string): AmountKind {
  let best: AmountKind = 'unknown';
  let at = -1;
  for (const [kind, re] of KIND_WORDS) {
    for (const m of before.matchAll(re)) {
      if (m.index > at) {
        at = m.index;
        best = kind;
      }
    }
  }
  return best;
}

// A space between Chinese words is punctuation on a phone.
const CLAUSE_BREAK = /[,，。;；!！?？\n]|(?<=[\u4e00-\u9fa5]) (?=[\u4e00-\u9fa5])|但是|但|可是|不过/g;

function clauseStart(t: string, pos: number): number {
  let start = 0;
  for (const m of t.matchAll(CLAUSE_BREAK)) {
    if (m.index >= pos) break;
    start = m.index + m[0].length;
  }
  return start;
}

/** "挣个万把块钱": 万把 / 千把 alone is about ten thousand / a thousand. */
function roughTens(t: string): QuantitySpan[] {
  return [...t.matchAll(/(?<![0-9一二两三四五六七八九十百千万])([万千])把(?=块|元|钱)/g)].map((m) => ({
    start: m.index, end: m.index + 2, quantity: { value: m[1] === '万' ? 10_000 : 1_000, approx: 'about' as const },
  }));
}

/**
 * Every sum of money in a text, in order, in yuan.
 *
 * @example
 *   findAmounts('看病花了三万多，学费一年八千')
 *   // [{ value: 30000, approx: 'more', text: '三万多', kind: 'cost', … }, { value: 8000, text: '八千', kind: 'cost', … }]
 */
export function findAmounts(text: string): Amount[] {
  const n = normalizeWithOffsets(text);
  const t = n.text;
  const out: Amount[] = [];
  const spans = [...findQuantities(t), ...roughTens(t)].sort((a, b) => a.start - b.start);
  for (const q of spans) {
    const after = t.slice(q.end);
    const before = t.slice(0, q.start);
    const currency = CURRENCY_AFTER.exec(after);
    const money =
      currency !== null ||
      CURRENCY_BEFORE.test(before) ||
      (!NOT_MONEY_AFTER.test(after) && (MAGNITUDE.test(t.slice(q.start, q.end)) || MONEY_BEFORE.test(before) || PERIOD_ONLY.test(before) || (PER_DAY_BEFORE.test(before) && HUNDREDS.test(t.slice(q.start, q.end)))));
    if (!money) continue;
    const end = q.end + (currency ? currency[0].length : 0);
    const clause = t.slice(clauseStart(t, q.start), q.start);
    const kind = kindOf(clause);
    out.push({ ...q.quantity, text: quoteOriginal(n, q.start, end), kind: kind === 'unknown' && PERIOD_ONLY.test(clause) ? 'income' : kind, start: q.start, end });
  }
  return withoutTakenBack(t, out);
}

// Only the words of a correction between two sums: “花了三万 不对 是三千”.
const TAKEN_BACK = new RegExp(`^[\\s,，。]*(?:哦|噢|哎|啊)?[\\s,，]*${CORRECTION_LEAD_SOURCE}[\\s]*$`);

/** A sum taken back by the next one (“花了三万 不对 是三千”): the later replaces it, of the same kind. */
function withoutTakenBack(t: string, amounts: Amount[]): Amount[] {
  const out: Amount[] = [];
  for (const a of amounts) {
    const before = out[out.length - 1];
    if (before && TAKEN_BACK.test(t.slice(before.end, a.start))) {
      out[out.length - 1] = { ...a, kind: a.kind === 'unknown' ? before.kind : a.kind };
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * The first sum of money in a text, or null when none is said.
 *
 * @example
 *   parseAmount('花了三万多')   // { value: 30000, approx: 'more', text: '三万多', kind: 'cost', … }
 *   parseAmount('一千来块')     // { value: 1000, approx: 'about', text: '一千来块', … }
 *   parseAmount('养了50只羊')   // null
 */
export function parseAmount(text: string): Amount | null {
  return findAmounts(text)[0] ?? null;
}

/** A count of things: households, people, rooms … */
export interface Count extends Quantity {
  unit: string;
}

/** 户, 口人, 人, 名, 位, 个 (people and households), longest first. */
export const PEOPLE_UNITS: readonly string[] = ['口人', '个人', '户', '口', '人', '名', '位', '个'];

/**
 * The first whole-number count followed by one of `units`.
 *
 * @example
 *   parseCount('三户')       // { value: 3, unit: '户' }
 *   parseCount('家里5口人')  // { value: 5, unit: '口人' }
 *   parseCount('十二人')     // { value: 12, unit: '人' }
 *   parseCount('羊50只', ['只', '头']) // { value: 50, unit: '只' }
 */
export function parseCount(text: string, units: readonly string[] = PEOPLE_UNITS): Count | null {
  const t = normalizeWithOffsets(text).text;
  const sorted = [...units].sort((a, b) => b.length - a.length);
  for (const q of findQuantities(t)) {
    const unit = sorted.find((u) => t.startsWith(u, q.end));
    if (!unit) continue;
    if (!Number.isInteger(q.quantity.value)) continue;
    return { ...q.quantity, unit };
  }
  return null;
}
