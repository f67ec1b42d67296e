/**
 * Multi-select answers ("对象类型 1、3、5"): the numbers of the chosen options, 1-based.
 *
 * Understood: "1、3、5", "1,3,5", "1 3 5", "1和3", "一三五", "①③⑤", "第一和第三", ranges "1-3",
 * "1到3", "一至三", "全部" (every option), "都不是" (none: an empty choice, said on purpose).
 * "135" alone is read digit by digit only when every option is a single digit (max ≤ 9); with ten
 * or more options it is ambiguous and reported, never guessed. Inside a list with separators a
 * run of digits is one number ("3、12": twelve, out of range). Out-of-range numbers, duplicates,
 * reversed ranges and words that are not options are reported with a Chinese message, never
 * silently dropped.
 *
 * @example
 *   parseMultiSelect('1、3、5', 10) // { ok: true, values: [1, 3, 5] }
 *   parseMultiSelect('135', 9)      // { ok: true, values: [1, 3, 5] }
 *   parseMultiSelect('135', 10)     // { ok: false, code: 'ambiguous', message: '“135”分不清…', items: ['135'] }
 *   parseMultiSelect('3、12', 10)   // { ok: false, code: 'out_of_range', message: '选项只有1–10，“12”不在其中，请重新选择', items: ['12'] }
 */
import { normalize } from './normalize.js';
import { parseChineseNumber } from './numbers.js';

export type MultiSelectProblem = 'empty' | 'unreadable' | 'out_of_range' | 'duplicate' | 'ambiguous' | 'bad_range';

export type MultiSelect =
  | { ok: true; values: number[] }
  | { ok: false; code: MultiSelectProblem; message: string; items: string[] };

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const CN_DIGIT = '一二三四五六七八九';
const NONE = /^(?:都不是|都没有|一个也没有|一项也没有|均不是|都不|无|没有|不选)$/;
const ALL = /^(?:全部|全选|都是|都有|全都是|以上都是|以上全是|全是)$/;
const EXAMPLE = '如 1、3、5';

type Token = { text: string; values: number[] } | { text: string; error: MultiSelectProblem };

function fail(code: MultiSelectProblem, items: string[], max: number): MultiSelect {
  const quoted = items.map((i) => `“${i}”`).join('、');
  const message: Record<MultiSelectProblem, string> = {
    empty: `没有看到选项编号，请回复数字，${EXAMPLE}`,
    unreadable: `${quoted}看不懂，请只回复选项编号，${EXAMPLE}`,
    out_of_range: `选项只有1–${max}，${quoted}不在其中，请重新选择`,
    duplicate: `${quoted}重复了，请每项只写一次`,
    ambiguous: `${quoted}分不清是一个数还是几个选项，请用顿号隔开，${EXAMPLE}`,
    bad_range: `${quoted}的范围不对，请从小写到大，如 3-5`,
  };
  return { ok: false, code, message: message[code], items };
}

/** One number of a list or range end: "3", "十", "第三", "③". */
function single(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const circled = CIRCLED.indexOf(s);
  if (s.length === 1 && circled >= 0) return circled + 1;
  const q = parseChineseNumber(s);
  return q && !q.approx && Number.isInteger(q.value) ? q.value : null;
}

function readToken(raw: string, max: number, separated: boolean): Token {
  const s = raw.replace(/^第/, '').replace(/(?:个|项|条|类|种|号|种类)$/, '');
  const range = /^(.+?)(?:-|~|到|至)(?:第)?(.+)$/.exec(s);
  if (range) {
    const from = single(range[1] as string);
    const to = single(range[2] as string);
    if (from === null || to === null) return { text: raw, error: 'unreadable' };
    if (from >= to) return { text: raw, error: 'bad_range' };
    return { text: raw, values: Array.from({ length: to - from + 1 }, (_, i) => from + i) };
  }
  if (/^\d+$/.test(s)) {
    if (s.length === 1) return { text: raw, values: [Number(s)] };
    // Inside a separated list a run of digits is one number ("3、12": 12 is out of range). Alone,
    // it is several one-digit options when no option has two digits, else one number if that fits.
    if (separated) return { text: raw, values: [Number(s)] };
    if (max <= 9) return { text: raw, values: [...s].map(Number) };
    const whole = Number(s);
    return whole <= max && !s.startsWith('0') ? { text: raw, values: [whole] } : { text: raw, error: 'ambiguous' };
  }
  if ([...s].every((c) => CIRCLED.includes(c))) return { text: raw, values: [...s].map((c) => CIRCLED.indexOf(c) + 1) };
  if ([...s].every((c) => CN_DIGIT.includes(c))) return { text: raw, values: [...s].map((c) => CN_DIGIT.indexOf(c) + 1) };
  // Chinese numbers with 十 ("十", "十一") are one option each; mixed runs like "一三十" are unclear.
  if (/^[一二三四五六七八九十]+$/.test(s)) {
    const one = single(s);
    return one !== null && /^(?:十|十[一二三四五六七八九]|[二三四五六七八九]十[一二三四五六七八九]?)$/.test(s)
      ? { text: raw, values: [one] }
      : { text: raw, error: 'ambiguous' };
  }
  return { text: raw, error: 'unreadable' };
}

/**
 * Reads the chosen option numbers (sorted ascending) out of `max` options, or a reported problem.
 *
 * @example
 *   parseMultiSelect('第一和第三', 10) // { ok: true, values: [1, 3] }
 *   parseMultiSelect('1-3', 10)        // { ok: true, values: [1, 2, 3] }
 *   parseMultiSelect('1、1', 10)       // { ok: false, code: 'duplicate', … }
 */
export function parseMultiSelect(text: string, max: number): MultiSelect {
  const t = normalize(text)
    .replace(/^(?:我选|选择|选|对象类型|类型|是)\s*[:：]?\s*/, '')
    .replace(/[。.!]+$/, '')
    .trim();
  if (NONE.test(t)) return { ok: true, values: [] };
  if (ALL.test(t)) return { ok: true, values: Array.from({ length: max }, (_, i) => i + 1) };
  const parts = t
    .split(/[\s、,;/+&|.。]+|以及|还有|和|与|及|跟|或者|或/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return fail('empty', [], max);
  const tokens = parts.map((p) => readToken(p, max, parts.length > 1));
  for (const code of ['unreadable', 'ambiguous', 'bad_range'] as const) {
    const bad = tokens.filter((tok) => 'error' in tok && tok.error === code).map((tok) => tok.text);
    if (bad.length > 0) return fail(code, bad, max);
  }
  const values = tokens.flatMap((tok) => ('values' in tok ? tok.values : []));
  const outside = values.filter((v) => v < 1 || v > max);
  if (outside.length > 0) return fail('out_of_range', [...new Set(outside)].map(String), max);
  const repeated = values.filter((v, i) => values.indexOf(v) !== i);
  if (repeated.length > 0) return fail('duplicate', [...new Set(repeated)].map(String), max);
  return { ok: true, values: [...values].sort((a, b) => a - b) };
}
