/**
 * 是/否 answers as people really give them.
 *
 * The choices, in order:
 * 1. A question back ("是不是", "有没有", "吗", "?") or an explicit "don't know" (不知道, 不清楚,
 *    说不好, 不确定) is no answer: null, so the flow asks again.
 * 2. A double negative ("不是没有", "也不是不行", "没有不") is ambiguous: null, never guessed.
 * 3. The message is split into short segments at punctuation and spaces. Each segment is
 *    read alone: a plain yes word (是/是的/对/嗯/好/可以/确认/要/1/y/yes/✓ …), a plain no word
 *    (否/不是/没有/没/无/不/不对/不要/2/n/no/✗ …), or an echo of the question's subject — the
 *    Chinese way of answering ("有风险"/"没风险", "了解"/"不了解"). The subjects come from the
 *    caller (`echo`), with 风险 and 困难 understood by default; without that context a bare
 *    "有风险" is not read.
 * 4. Echo answers outweigh bare words, and bare words outweigh a lone 嗯 (which often only
 *    acknowledges the question): "嗯，没有" and "嗯，没有风险" read as no. Segments of the same
 *    weight that disagree ("对，没有", "是，不是", "没有，有") give null.
 * 5. Words that are no answer at all ("有，儿子住院了") are kept as `rest` by `readYesNo`.
 *
 * @example
 *   parseYesNo('是的')                      // 'yes'
 *   parseYesNo('没有')                      // 'no'
 *   parseYesNo('嗯，没有风险')              // 'no'
 *   parseYesNo('了解', { echo: ['了解'] })  // 'yes'
 *   parseYesNo('不太了解', { echo: ['了解'] }) // 'no'
 *   parseYesNo('不是没有')                  // null
 */
import { normalize } from './normalize.js';

export type YesNo = 'yes' | 'no';

export interface YesNoOptions {
  /**
   * The words the question is about, so that "有X"/"X" read as yes and "没X"/"不X"/"无X" as no
   * (e.g. ['风险'] for 近期是否发生风险, ['了解', '知道'] for 是否了解政策). Default ['风险', '困难'].
   */
  echo?: readonly string[];
}

const YES = new Set([
  '是', '对', '对头', '嗯', '恩', '嗯呢', '嗯呐', '嗯哪', '有', '好', '好嘞', '行', '可以', '确认', '确定', '要', '需要', '同意',
  '没错', '没问题', '正确', '当然', '肯定', '必须', '要得', '得行', '中', '1', 'y', 'yes', 'ok', 'okay', 'yeah',
  'yep', 'true', '✓', '✔', '√', '👍', '👌', '⭕',
]);
const NO = new Set([
  '否', '不是', '不', '没有', '没', '无', '没得', '莫得', '木有', '冇', '不对', '不要', '不用', '不需要', '不行',
  '不可以', '不同意', '错', '不正确', '没啥', '没什么', '啥也没有', '什么都没有', '都没有',
  // "Nothing happened" answers to 是否发生…: 没事, 没啥事, 啥事没有.
  '没事', '没啥事', '没什么事', '啥事没有', '啥事都没有', '没出啥事', '没出什么事',
  // "Not yet" answers to 是否已完成…
  '还没有', '还没', '尚未', '暂未', '2', 'n', 'no', 'nope', 'false', '✗', '✘', '×', 'x', '❌', '🙅',
]);
// Particles people add around an answer: 是的呀, 没有啦, 对啊, 那就不要了.
// 哩/咧: the northern Shaanxi 呢 (“有哩”, “对着哩”).
const TRAILING = /[的啊呀吧啦了呢哦噢嘛哈哇呗滴喔哟嘞哩咧~.。!]+$/u;
const LEADING = /^(?:那|就|也|嗯|呃|额|哦|噢|啊|肯定|当然|确实|真的|的确|绝对)(?=.)/u;
const QUESTION = /[?吗]$|(?<![什怎这那多])么$|是不是|有没有|对不对|要不要|行不行|可不可以|是否/;
const UNKNOWN = /不知道|不清楚|说不好|说不清|不好说|不确定|不一定|不晓得|不懂|没想好|再说|看情况/;
const DOUBLE_NEGATIVE = /(?:不是|并非|不)(?:没|不|无)|没有不|没不/;
const NEGATION = /不|没|无|未|非/;
const NEGATIVE_TAIL = /^的?(?:不了|不到|不好|不多|不够|不全|得不多|得少|很少)/;
const AFFIRMING = ['有', '很', '挺', '比较', '基本', '基本上', '都', '还', '也', '确实', '是', '已经', '还算', '大概'];

/** One segment read alone: an answer, 'unknown' (said they don't know), 'filler' or unreadable (null). */
/** weight: 2 echo answer, 1 plain word, 0 a lone 嗯. */
type Answer = { answer: YesNo; weight: 0 | 1 | 2 };
type Reading = Answer | 'unknown' | 'filler' | null;

/** Collapses stammered repeats: "对对对" → "对", "没有没有" → "没有". */
function collapseRepeats(s: string): string {
  for (const size of [1, 2, 3]) {
    const unit = s.slice(0, size);
    if (unit.length === size && s.length > size && s.length % size === 0 && unit.repeat(s.length / size) === s) return unit;
  }
  return s;
}

function readEcho(s: string, echo: readonly string[]): Reading {
  for (const word of [...echo].sort((a, b) => b.length - a.length)) {
    const at = s.indexOf(word);
    if (at < 0) continue;
    const before = s.slice(0, at);
    const after = s.slice(at + word.length);
    // Only a short tail may follow ("有风险的", "了解了", "了解政策"), and a short head precede.
    if (after.length > 4 || before.length > 4) continue;
    if (NEGATION.test(before) || NEGATIVE_TAIL.test(after)) return { answer: 'no', weight: 2 };
    if (before === '' || AFFIRMING.some((w) => before.endsWith(w))) return { answer: 'yes', weight: 2 };
  }
  return null;
}

function strip(s: string): string {
  let out = s.replace(TRAILING, '');
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(LEADING, '').replace(TRAILING, '');
  }
  return out;
}

function readSegment(raw: string, echo: readonly string[]): Reading {
  // A whole word first ("嗯呐" before its 嗯 is taken for a filler), then without particles;
  // "是啊是啊": collapse, strip, collapse again.
  const whole = collapseRepeats(raw.replace(TRAILING, ''));
  if (/^[嗯恩]$/u.test(whole)) return { answer: 'yes', weight: 0 };
  if (YES.has(whole)) return { answer: 'yes', weight: 1 };
  if (NO.has(whole)) return { answer: 'no', weight: 1 };
  const s = collapseRepeats(strip(collapseRepeats(raw)));
  if (s === '') return 'filler';
  if (/^[嗯恩]$/u.test(s)) return { answer: 'yes', weight: 0 };
  if (UNKNOWN.test(s)) return 'unknown';
  if (DOUBLE_NEGATIVE.test(s)) return 'unknown';
  if (YES.has(s)) return { answer: 'yes', weight: 1 };
  if (NO.has(s)) return { answer: 'no', weight: 1 };
  return readEcho(s, echo);
}

/** An answer and the words that came with it ("有，儿子住院了" → yes + "儿子住院了"). */
export interface YesNoReading {
  answer: YesNo | null;
  /** The segments that were not part of the answer, as normalized text (a detail or remark). */
  rest: string;
}

/**
 * Reads a yes/no answer and keeps what else was said.
 *
 * @example
 *   readYesNo('有，儿子住院了')     // { answer: 'yes', rest: '儿子住院了' }
 *   readYesNo('没有，就是收入少')   // { answer: 'no', rest: '就是收入少' }
 *   readYesNo('儿子住院了')         // { answer: null, rest: '儿子住院了' }
 */
export function readYesNo(text: string, options: YesNoOptions = {}): YesNoReading {
  const echo = options.echo ?? ['风险', '困难'];
  // Skin tones do not change a thumbs-up.
  const t = normalize(text).toLowerCase().replace(/[\u{1F3FB}-\u{1F3FF}]/gu, '');
  if (t === '' || QUESTION.test(collapseRepeats(strip(t))) || t.includes('?')) return { answer: null, rest: t };
  const segments = t.split(/[\s,、;:!。~]+/u).filter((s) => s !== '');
  const readings = segments.map((s) => readSegment(s, echo));
  const rest = segments.filter((_, i) => readings[i] === null).join('，');
  if (readings.includes('unknown')) return { answer: null, rest: t };
  const known = readings.filter((r): r is Answer => typeof r === 'object' && r !== null);
  // The heaviest segments decide: "嗯，没有风险" is no.
  const top = Math.max(...known.map((r) => r.weight));
  const deciding = known.filter((r) => r.weight === top);
  const answers = new Set(deciding.map((r) => r.answer));
  const answer = answers.size === 1 ? (deciding[0] as Answer).answer : null;
  return { answer, rest: answer === null ? t : rest };
}

/**
 * Reads a yes/no answer; null when the text holds no clear answer (see the module comment).
 *
 * @example
 *   parseYesNo('对对对')      // 'yes'
 *   parseYesNo('２')          // 'no'
 *   parseYesNo('有没有风险？') // null
 */
export function parseYesNo(text: string, options: YesNoOptions = {}): YesNo | null {
  return readYesNo(text, options).answer;
}
