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
