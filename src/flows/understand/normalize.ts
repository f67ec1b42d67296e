/**
 * Text normalization: the one place that decides which differences in typing do not matter.
 *
 * People type on phone keyboards that switch between full-width and half-width forms at will
 * ("１２３", "ｙｅｓ", "（", "，"), paste text with odd spaces, and mix Chinese and ASCII
 * punctuation. Every parser of this module reads the normalized form; the original is kept
 * unchanged for storage and quoting (`NormalizedText.original`), and `offsets` maps every
 * normalized position back to the original so a quote ("the farmer's own words") is exact.
 *
 * What changes:
 * - full-width ASCII (U+FF01–FF5E) → half-width; the ideographic space → space;
 * - quotes “”‘’「」『』 → " and '; brackets 【】〔〕 → [ ]; dashes —–―－ → -; waves 〜～ → ~;
 *   small forms ﹐﹑﹔﹕﹖﹗ and half-width ｡､ → their ordinary forms;
 * - every run of whitespace (also no-break and thin spaces, tabs, new lines) → one space;
 *   zero-width characters are dropped; the result is trimmed.
 * - 以 before a word of work done (以完成, 以消除, 以入户, 以经) → 已, its homophone;
 * What stays: 。 (a sentence end: turning it into "." would invent decimal points), 、 (it
 * separates list items), 《》, ·, circled numbers ①–⑳, letter case, emoji.
 *
 * @example
 *   normalize('  １、３，５ ')           // '1、3,5'
 *   normalize('花了３万多（看病）')       // '花了3万多(看病)'
 *   normalize('我叫\u3000张三\n\n电话') // '我叫 张三 电话'
 */

const SPECIAL: Record<string, string> = {
  '“': '"', '”': '"', '„': '"', '‟': '"', '〝': '"', '〞': '"', '「': '"', '」': '"', '『': '"', '』': '"',
  '‘': "'", '’': "'", '‚': "'", '‛': "'",
  '【': '[', '】': ']', '〔': '[', '〕': ']', '〖': '[', '〗': ']',
  '—': '-', '–': '-', '―': '-', '‒': '-', '‐': '-', '‑': '-', '−': '-',
  '〜': '~',
  '﹐': ',', '﹑': '、', '﹔': ';', '﹕': ':', '﹖': '?', '﹗': '!',
  '｡': '。', '､': '、', '･': '·', '・': '·',
};

// Zero-width characters and emoji variation selectors ("✔️" is "✔" + U+FE0F).
const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0xfe0e, 0xfe0f]);
const SPACE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]/;

/** A normalized text with the way back to what was typed. */
export interface NormalizedText {
  /** Exactly what the person typed: store this, quote from this. */
  original: string;
  /** The normalized text every parser reads. */
  text: string;
  /**
   * `offsets[i]` is the index in `original` of `text[i]`; `offsets[text.length]` is the end of
   * the last character that was kept, so `original.slice(offsets[a], offsets[b])` quotes text[a, b).
   */
  offsets: number[];
}

// 以 typed for its homophone 已 before a word of work done (以完成, 以消除, 以入户, 以经): pinyin keyboards and voice input.
const YI_FOR_ALREADY = /以(?=经|完成|完|消除|入户|排查|走访|了解|知晓|掌握|整改|上报|确认|核实|办结|落实|宣传|告知|讲解|处理|解决)/g;

/** Maps one character to its normalized form ('' drops it, ' ' marks whitespace). */
function mapChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (ZERO_WIDTH.has(code)) return '';
  if (SPACE.test(ch)) return ' ';
  return SPECIAL[ch] ?? ch;
}

/**
 * Normalizes `original` and keeps the mapping back to it.
 *
 * @example
 *   const n = normalizeWithOffsets(' 看病花了３万 ');
 *   n.text                                   // '看病花了3万'
 *   quoteOriginal(n, 4, 6)                   // '３万'
 */
export function normalizeWithOffsets(original: string): NormalizedText {
  let text = '';
  const offsets: number[] = [];
  let end = 0;
  for (let i = 0; i < original.length; i++) {
    const out = mapChar(original[i] as string);
    if (out === '') continue;
    if (out === ' ') {
      // Collapse runs, and never start with a space (trimming the front).
      if (text.length === 0 || text.endsWith(' ')) continue;
    } else {
      end = i + 1;
    }
    text += out;
    offsets.push(i);
  }
  // Trim the back: drop a trailing space together with its offset.
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    offsets.pop();
  }
  offsets.push(end);
  return { original, text: text.replace(YI_FOR_ALREADY, '已'), offsets };
}

/**
 * Normalizes text for reading (see the module comment for exactly what changes).
 *
 * @example
 *   normalize('ＹＥＳ！') // 'YES!'
 */
export function normalize(text: string): string {
  return normalizeWithOffsets(text).text;
}

/**
 * The original words behind the normalized range [start, end).
 *
 * @example
 *   quoteOriginal(normalizeWithOffsets('花了 ３ 万'), 3, 6) // '３ 万'
 */
export function quoteOriginal(n: NormalizedText, start: number, end: number): string {
  if (end <= start) return '';
  const from = n.offsets[start] ?? n.original.length;
  // The end is just after the last kept character of the range.
  const lastIndex = n.offsets[end - 1];
  const to = lastIndex === undefined ? n.original.length : lastIndex + 1;
  return n.original.slice(from, to);
}
