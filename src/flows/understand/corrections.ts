/**
 * Words that open a correction of what was said before: “不对，是电话问的”, “刚才说错了 …”,
 * “更正一下 …”, “不对 是18个”. One list for the flows that take a correction said in a message of
 * its own (the general screening, the training count); what follows the words is each flow's own.
 *
 * @example
 *   CORRECTION_LEAD.exec('刚才说错了，应该是电话问的')?.[0]   // '刚才说错了，应该是'
 */
const WORDS = '不对|不是|错了|说错了|写错了|搞错了|弄错了|刚才(?:\\S{0,4})?错了|更正(?:一下)?|纠正(?:一下)?|改一下';

/** The correction's opening words, with what joins them to the corrected value (“，应该是”, “ 改成”). */
export const CORRECTION_LEAD_SOURCE = `(?:${WORDS})[,，:：。\\s]*(?:应该是|是|改成|改为)?`;

/** A message that starts as a correction; its match is the opening to cut off. */
export const CORRECTION_LEAD = new RegExp(`^${CORRECTION_LEAD_SOURCE}`);

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
