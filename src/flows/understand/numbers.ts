/**
 * Numbers as people type them: Arabic or Chinese numerals, mixed ("3万5", "1.5万"), the spoken
 * abbreviations ("两千五" = 2500, "三万五" = 35000), rough amounts ("三万多", "一千来块") and
 * ranges ("两三千", "五六百", "2-3万").
 *
 * A rough or ranged number keeps its roughness: `value` is always the number actually said (the
 * lower bound for "三万多" and for a range), never a guess above it.
 *
 * "几千", "好几万", "大几千" name only a magnitude: they read as a range marked `vague` (几/好几 from
 * two to nine of the unit, 大几 from five), so a sum can be held against a line by its lower bound
 * while nobody stores it as a figure; "小一万" is just under ten thousand ('less').
 */
import { normalize } from './normalize.js';

/**
 * A number read from text.
 * - exact: `{ value: 12 }`
 * - rough: `{ value: 30000, approx: 'more' }` for "三万多"; 'about' for "一千来"/"大约一千"/"一千左右";
 *   'less' for "将近一万"/"不到一万".
 * - range: `{ value: 2000, approx: 'about', range: { min: 2000, max: 3000 } }` for "两三千".
 */
export interface Quantity {
  value: number;
  approx?: 'more' | 'about' | 'less';
  range?: { min: number; max: number };
  /** Only a magnitude was said ("几千", "好几万", "大几千"): no figure to store, the words are what was said. */
  vague?: true;
}

// "几千", "好几万", "大几千", "几十万": a magnitude of money (千 and above), no digit said.
const SEVERAL = /^(好|大)?几(十万|百万|千|万)$/;
const SEVERAL_UNIT: Record<string, number> = { 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6 };
// "小一万", "小两万": a little under.
const JUST_UNDER = /^小([一两二三])(千|万)$/;

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 俩: 2, 三: 3, 叁: 3, 仨: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, k: 1000, K: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 萬: 1e4, w: 1e4, W: 1e4, 亿: 1e8, 億: 1e8 };
const FUZZY: Record<string, 'more' | 'about'> = { 多: 'more', 余: 'more', 几: 'more', 来: 'about' };

type Token =
  | { t: 'num'; v: number; chinese: boolean }
  | { t: 'zero' }
  | { t: 'unit'; v: number }
  | { t: 'big'; v: number }
  | { t: 'fuzzy'; approx: 'more' | 'about' };

function tokenize(s: string): Token[] | null {
  const out: Token[] = [];
  for (let i = 0; i < s.length; ) {
    const rest = s.slice(i);
    const arabic = /^\d+(?:\.\d+)?/.exec(rest);
    if (arabic) {
      out.push({ t: 'num', v: Number(arabic[0]), chinese: false });
      i += arabic[0].length;
      continue;
    }
    // Chinese decimals: 一点五万 = 1.5万.
    const decimal = /^([一二两三四五六七八九零〇])点([零〇一二三四五六七八九]+)/.exec(rest);
    if (decimal) {
      const whole = DIGIT[decimal[1] as string] as number;
      const frac = [...(decimal[2] as string)].map((c) => DIGIT[c]).join('');
      out.push({ t: 'num', v: Number(`${whole}.${frac}`), chinese: true });
      i += decimal[0].length;
      continue;
    }
    const ch = s[i] as string;
    const previous = out[out.length - 1];
    if (DIGIT[ch] === 0) out.push({ t: 'zero' });
    else if (DIGIT[ch] !== undefined) out.push({ t: 'num', v: DIGIT[ch], chinese: true });
    // Latin k/w are units only straight after an Arabic number ("5k", "3w").
    else if ((ch === 'k' || ch === 'K' || ch === 'w' || ch === 'W') && !(previous?.t === 'num' && !previous.chinese)) return null;
    else if (SMALL_UNIT[ch] !== undefined) out.push({ t: 'unit', v: SMALL_UNIT[ch] });
    else if (BIG_UNIT[ch] !== undefined) out.push({ t: 'big', v: BIG_UNIT[ch] });
    else if (FUZZY[ch] !== undefined) out.push({ t: 'fuzzy', approx: FUZZY[ch] });
    else return null;
    i += 1;
  }
  return out;
}

/** Evaluates tokens without fuzzy markers or digit pairs; null when malformed. */
function evaluate(tokens: Token[]): number | null {
  let total = 0;
  let section = 0;
  let current: number | null = null;
  let sectionUnit = Infinity; // small units must fall within a section: 百 then 十, never 十 then 百
  let lastBig = Infinity;
  let lastUnit = 0;
  let zeroSeen = false;
  let previous: Token | undefined;
  for (const tok of tokens) {
    switch (tok.t) {
      case 'num':
        if (current !== null) return null;
        current = tok.v;
        break;
      case 'zero':
        if (current !== null) return null;
        zeroSeen = true;
        break;
      case 'unit': {
        if (tok.v >= sectionUnit) return null;
        // "十二" starts with an implicit 一; "百"/"千" alone are not numbers people type.
        const n = current ?? (tok.v === 10 && previous?.t !== 'zero' ? 1 : null);
        if (n === null) return null;
        section += n * tok.v;
        sectionUnit = tok.v;
        lastUnit = tok.v;
        current = null;
        zeroSeen = false;
        break;
      }
      case 'big': {
        if (tok.v >= lastBig && !(tok.v === 1e4 && lastBig === 1e8)) return null;
        const v = section + (current ?? 0);
        if (v === 0) return null;
        if (tok.v === 1e8) total = (total + v) * 1e8;
        else total += v * tok.v;
        section = 0;
        current = null;
        sectionUnit = Infinity;
        lastBig = tok.v;
        lastUnit = tok.v;
        zeroSeen = false;
        break;
      }
      case 'fuzzy':
        return null;
    }
    previous = tok;
  }
  if (current !== null) {
    // The spoken abbreviation: a last single digit right after a unit counts one unit lower
    // (两千五 = 2500, 三万五 = 35000, 1万5 = 15000), unless a 零 came between (一千零五 = 1005).
    const abbreviated = previous?.t === 'num' && lastUnit > 10 && !zeroSeen && Number.isInteger(current) && current < 10;
    const afterUnit = tokens.length >= 2 && (tokens[tokens.length - 2]?.t === 'unit' || tokens[tokens.length - 2]?.t === 'big');
    section += abbreviated && afterUnit ? (current * lastUnit) / 10 : current;
  }
  const value = total + section;
  return Math.round(value * 100) / 100;
}

/** Reads a run of bare digits: "二〇二二" → 2022 (years, codes), only with a zero or ≥ 4 digits. */
function digitString(tokens: Token[]): number | null {
  if (!tokens.every((t) => t.t === 'zero' || (t.t === 'num' && t.chinese))) return null;
  if (tokens.length < 4 && !tokens.some((t) => t.t === 'zero')) return null;
  return Number(tokens.map((t) => (t.t === 'num' ? t.v : 0)).join(''));
}

/** Index of a spoken range pair ("五六", "两三", "一两"): two Chinese digits, the second 1–2 above. */
function pairIndex(tokens: Token[]): number {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (a?.t === 'num' && b?.t === 'num' && a.chinese && b.chinese && b.v - a.v >= 1 && b.v - a.v <= 2) return i;
  }
  return -1;
}

function readCore(tokens: Token[]): Quantity | null {
  const fuzzy = tokens.filter((t) => t.t === 'fuzzy');
  if (fuzzy.length > 1) return null;
  let approx: Quantity['approx'];
  if (fuzzy.length === 1) {
    const at = tokens.findIndex((t) => t.t === 'fuzzy');
    const before = tokens[at - 1];
    // "三十多万", "3万多", "一千来", "十几": the marker follows a number or unit and only big units follow it.
    if (!before || before.t === 'zero' || !tokens.slice(at + 1).every((t) => t.t === 'big')) return null;
    approx = (fuzzy[0] as { approx: 'more' | 'about' }).approx;
    tokens = [...tokens.slice(0, at), ...tokens.slice(at + 1)];
  }
  const pair = pairIndex(tokens);
  if (pair >= 0 && !approx) {
    const a = tokens[pair] as { v: number };
    const b = tokens[pair + 1] as { v: number };
    const withDigit = (v: number) => [...tokens.slice(0, pair), { t: 'num', v, chinese: true } as Token, ...tokens.slice(pair + 2)];
    const min = evaluate(withDigit(a.v));
    const max = evaluate(withDigit(b.v));
    if (min !== null && max !== null && min < max) return { value: min, approx: 'about', range: { min, max } };
  }
  const value = evaluate(tokens) ?? digitString(tokens);
  if (value === null) return null;
  return approx ? { value, approx } : { value };
}

const PREFIX_APPROX: Array<[RegExp, NonNullable<Quantity['approx']>]> = [
  [/^(?:大约|大概|约莫|约|差不多|估计|估摸|大致)有?/, 'about'],
  [/^(?:将近|接近|快要|快|近|不到|不足|少于|小于|低于)/, 'less'],
  [/^(?:超过|多于|大于|高于|足足有?|至少)/, 'more'],
];
const SUFFIX_APPROX: Array<[RegExp, NonNullable<Quantity['approx']>]> = [
  [/(?:左右|上下|的样子)$/, 'about'],
  [/(?:出头|以上|开外|朝上|还多)$/, 'more'],
  [/(?:以下|不到|以内)$/, 'less'],
];

/**
 * Reads one number expression (the whole text must be the number, with optional rough words).
 * Returns null for anything else, e.g. "几个" or "很多".
 *
 * @example
 *   parseChineseNumber('十二')     // { value: 12 }
 *   parseChineseNumber('一百零五') // { value: 105 }
 *   parseChineseNumber('两千五')   // { value: 2500 }
 *   parseChineseNumber('1.5万')    // { value: 15000 }
 *   parseChineseNumber('３万多')   // { value: 30000, approx: 'more' }
 *   parseChineseNumber('两三千')   // { value: 2000, approx: 'about', range: { min: 2000, max: 3000 } }
 *   parseChineseNumber('2-3万')    // { value: 20000, approx: 'about', range: { min: 20000, max: 30000 } }
 *   parseChineseNumber('好几千')   // { value: 2000, approx: 'about', range: { min: 2000, max: 9000 }, vague: true }
 */
export function parseChineseNumber(text: string): Quantity | null {
  let s = normalize(text).replace(/\s+/g, '').replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  let approx: Quantity['approx'];
  for (const [re, a] of PREFIX_APPROX) {
    if (re.test(s)) {
      s = s.replace(re, '');
      approx = a;
      break;
    }
  }
  // "上万" / "上千" / "上百": at least that much.
  if (/^上[百千万]$/.test(s)) {
    s = `一${s.slice(1)}`;
    approx = 'more';
  }
  for (const [re, a] of SUFFIX_APPROX) {
    if (re.test(s)) {
      s = s.replace(re, '');
      approx ??= a;
      break;
    }
  }
  if (s === '') return null;
  const several = SEVERAL.exec(s);
  if (several) {
    const unit = SEVERAL_UNIT[several[2] as string] as number;
    const min = (several[1] === '大' ? 5 : 2) * unit;
    return { value: min, approx: 'about', range: { min, max: 9 * unit }, vague: true };
  }
  const under = JUST_UNDER.exec(s);
  if (under) return { value: (DIGIT[under[1] as string] as number) * (under[2] === '万' ? 1e4 : 1e3), approx: 'less' };
  const range = /^(.+?)(?:-|~|到|至)(.+)$/.exec(s);
  if (range) return readRange(range[1] as string, range[2] as string);
  const tokens = tokenize(s);
  if (!tokens || tokens.length === 0) return null;
  const core = readCore(tokens);
  if (!core) return null;
  if (!approx || core.range) return core;
  // A rough word outside ("大约三万多") keeps the marker inside, which is the more precise one.
  return { ...core, approx: core.approx ?? approx };
}

/** "2-3万", "两到三万", "2万到3万", "20000~30000". */
function readRange(left: string, right: string): Quantity | null {
  const rightTokens = tokenize(right);
  const leftTokens = tokenize(left);
  if (!rightTokens || !leftTokens || leftTokens.length === 0) return null;
  const max = readCore(rightTokens);
  if (!max || max.approx) return null;
  let min = readCore(leftTokens);
  // A bare left number borrows the right's units: "2-3万" is 2万 to 3万.
  const leftBare = leftTokens.length === 1 && leftTokens[0]?.t === 'num';
  const firstUnit = rightTokens.findIndex((t) => t.t === 'unit' || t.t === 'big');
  if (leftBare && firstUnit === 1 && rightTokens.slice(1).every((t) => t.t === 'unit' || t.t === 'big')) {
    min = readCore([leftTokens[0] as Token, ...rightTokens.slice(1)]);
  }
  if (!min || min.approx || min.value >= max.value) return null;
  return { value: min.value, approx: 'about', range: { min: min.value, max: max.value } };
}
