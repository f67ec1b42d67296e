/**
 * Names that were typed wrong the way a pinyin keyboard makes it happen: the same sound with
 * another character (张静 → 张晶), a near sound that northern speakers do not tell apart
 * (zh/z, ch/c, sh/s, n/l, in/ing, en/eng, an/ang), or one character slipped in a longer name
 * (刘有才 → 刘有财, 杨建平 → 杨建萍). The roster is the dictionary: a slip is only ever a
 * suggestion (“您说的是张静吗？”), never a silent replacement.
 *
 * @example
 *   soundsAlike('张晶', '张静')        // true  (zhang jing)
 *   soundsAlike('陈兰', '程岚')        // true  (chen lan ~ cheng lan)
 *   nameSlip('刘有财', '刘有才')       // true
 *   nameSlip('张三', '李四')           // false
 */
import { pinyin } from 'pinyin-pro';

const cache = new Map<string, string[]>();

/** One syllable reduced to what a northern Shaanxi speaker reliably tells apart. */
function looseSyllable(s: string): string {
  return s
    .replace(/ü/g, 'v')
    .replace(/^zh/, 'z')
    .replace(/^ch/, 'c')
    .replace(/^sh/, 's')
    .replace(/^n/, 'l')
    .replace(/ing$/, 'in')
    .replace(/eng$/, 'en')
    .replace(/ang$/, 'an');
}

/** The loose syllables of a name (cached: rosters are read again for every message). */
export function soundKey(name: string): string[] {
  let key = cache.get(name);
  if (!key) {
    key = pinyin(name, { toneType: 'none', type: 'array' }).map(looseSyllable);
    if (cache.size > 20_000) cache.clear();
    cache.set(name, key);
  }
  return key;
}

/** Same or near-same sound, character by character (同音/近音). */
export function soundsAlike(a: string, b: string): boolean {
  if (a === b || a.length !== b.length) return false;
  const ka = soundKey(a);
  const kb = soundKey(b);
  return ka.length === kb.length && ka.every((s, i) => s === kb[i]);
}

/**
 * One character wrong in a name of three or more characters, the surname kept (刘有财 for
 * 刘有才). Two-character names are not matched this way: half the name would be a guess.
 */
export function nameSlip(typed: string, known: string): boolean {
  if (typed === known || typed.length !== known.length || typed.length < 3 || typed[0] !== known[0]) return false;
  let diff = 0;
  for (let i = 0; i < typed.length; i++) if (typed[i] !== known[i]) diff++;
  return diff === 1;
}

/** Whether `typed` could be a slip for `known`: a homophone, a near sound or one character. */
export function looksLikeSlip(typed: string, known: string): boolean {
  return soundsAlike(typed, known) || nameSlip(typed, known);
}
