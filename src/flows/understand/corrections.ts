/**
 * Words that open a correction of what was said before: “不对，是电话问的”, “刚才说错了 …”,
 * “更正一下 …”, “不对 是18个”. One list for the flows that take a correction said in a message of
 * its own (the general screening, the training count); what follows the words is each flow's own.
 *
 * @example
 *   CORRECTION_LEAD.exec('刚才说错了，应该是电话问的')?.[0]   // '刚才说错了，应该是'
 */
const WORDS = '不对|不是|错了|有错|说错了|写错了|搞错了|弄错了|刚才(?:\\S{0,4})?错了|更正(?:一下)?|纠正(?:一下)?|改一下';

/** The correction's opening words, with what joins them to the corrected value (“，应该是”, “ 改成”). */
export const CORRECTION_LEAD_SOURCE = `(?:${WORDS})[,，:：。\\s]*(?:应该是|是|改成|改为)?`;

/** A message that starts as a correction; its match is the opening to cut off. */
export const CORRECTION_LEAD = new RegExp(`^${CORRECTION_LEAD_SOURCE}`);

/** Words that point back at the record just made, with no household named: “刚才那户”, “上一条”, “刚才那个”. */
const LAST_RECORD = /^(?:刚才|刚刚|上一|前面|之前)(?:那|这|的)?(?:个|户|家|条|份|一户|一家)?/;

/** Words inside a message that say an earlier answer was wrong or is now different (“政策那个写错了”, “其实有风险”). */
const CHANGED = /不对|不是|错了|改成|改为|更正|纠正|其实|实际上|应该是/;

/**
 * A report that names its household and says something was different (“高建国家其实是电话问的”,
 * “贺永胜家应该是有风险的”): when that household has a record of the asker today, it corrects it
 * (what is not said again is kept); with none, it is a report like any other. “不是” alone is
 * left out: it answers as often as it corrects (“不是低保户”).
 */
export const CHANGED_NAMED = /不对|错了|改成|改为|更正|纠正|其实|实际上|应该是/;

/** What people say before a correction and is no part of it: “哦不对…”, “不好意思 刚才那个写错了…”. */
const OPENING = /^(?:哦|噢|喔|啊|呃|额|嗯|哎呀|哎|唉|不好意思|抱歉|对不起|sorry)+[\s,，。!！~]*/i;

/**
 * A message that corrects something said before, by its opening words (“不对，是电话问的”), by the
 * record it points back at and a change (“刚才那个改成电话核实”, “刚才那户其实有风险 因病”), or by
 * saying a slip anywhere (“政策那个写错了 她其实了解”). What is corrected, and in which record, is
 * each flow's own.
 *
 * @example
 *   correctsEarlier('刚才那户其实有风险 因病')   // true
 *   correctsEarlier('刚才去了马有福家')         // false
 */
export function correctsEarlier(text: string): boolean {
  const t = text.trim().replace(OPENING, '').replace(/^(?:我|俺)(?=刚才|刚刚)/, '');
  if (CORRECTION_LEAD.test(t)) return true;
  if (LAST_RECORD.test(t) && CHANGED.test(t)) return true;
  return /(?:写|说|搞|弄|填|记|录|报|发|打|选)错了/.test(t);
}

/** “杨建平家也一样”, “张晶家同上”: a household reported as the one before it. */
export const SAME_AS_BEFORE = /(?:也(?:是)?一样|同上|跟(?:上一?|刚才|前面)(?:一|那)?(?:户|家|个)?一样|情况(?:也)?一样|也是这样|也这样|(?<=[家户]\s?)(?:同样|一样)(?:的)?(?=$|[\s,，。;；!！]))/;

/** What a correction says without its opening and pointing words: “刚才那户其实，因病” → “因病”. */
export function withoutCorrectionWords(text: string): string {
  return text
    .replace(LAST_RECORD, '')
    .replace(CORRECTION_LEAD, '')
    .replace(/其实|实际上|应该是/g, '')
    .replace(/^[\s,，。:：;；、]+|[\s,，。:：;；、]+$/g, '')
    .trim();
}

// The same words later in a message, after what they correct (“凉水井村的进度 哦不是 新村的”).
const LATER = new RegExp(`[,，。;；\\s]+(?:哦|噢|哎|啊|呃)?[,，\\s]*(?:${CORRECTION_LEAD_SOURCE}[,，\\s]*)+`);

// …or the thing taken back first: “不是凉水井村 是新村的进度”.
const NOT_THIS = /^不是([^\s,，]+?)[\s,，]*(?:而)?是([^\s,，].*)$/;

/**
 * A message corrected within itself: what was said before the correction and what replaces it, or
 * null when there is no correction after the first words.
 *
 * @example
 *   correctedWithin('凉水井村的进度 哦不是 新村的')   // { before: '凉水井村的进度', after: '新村的' }
 */
export function correctedWithin(text: string): { before: string; after: string } | null {
  const first = NOT_THIS.exec(text);
  if (first) return { before: first[1] as string, after: first[2] as string };
  const m = LATER.exec(text);
  if (!m || m.index === 0) return null;
  const after = text.slice(m.index + m[0].length).trim();
  return after ? { before: text.slice(0, m.index).trim(), after } : null;
}

/** A mind changed inside one answer (“入户 哦不对 是打的电话”, “13812340000 哦不对 是13812340001”). */
const TURNED = /(?:(?:哦|噢|啊|呃)?不对|说错了|搞错了|错了|应该是|改成)[,，。\s]*(?:是|应该是)?/g;

/**
 * The part of an answer after its last turn-back, when something follows it; else the whole answer.
 *
 * @example
 *   lastSaid('入户 哦不对 是打的电话')   // '打的电话'
 */
export function lastSaid(text: string): string {
  let end = -1;
  for (const m of text.matchAll(TURNED)) if ((m.index ?? 0) > 0) end = (m.index ?? 0) + m[0].length;
  const rest = end < 0 ? '' : text.slice(end).trim();
  return rest.length > 0 ? rest : text;
}
