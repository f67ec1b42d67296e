/**
 * What people put around a request that asks nothing: a greeting or an @名字 first (“你好 本周上报”,
 * “@守望 开研判会”), voice input's fillers standing alone (“这周的数 报一下 嗯 就是周报”, “嗯 那个 我的
 * 任务”), a question's polite opener (“请问贺是成家线索走到哪一步了”), the 【】 and emoji of text pasted from other apps (“【研判会】今天下午三点 村委会”). The
 * router reads a new request without them; a message that is nothing but padding (“你好”, “嗯”, “👍”)
 * is left as it is, for the flows that answer those.
 *
 * Only padding that stands alone goes: “那个问题处理好了” keeps its 那个 (it points at the problem),
 * “没钱就是没钱” its 就是; 嗯 goes wherever it is, it never carries meaning in a request.
 *
 * @example
 *   withoutPadding('你好 本周上报')                     // '本周上报'
 *   withoutPadding('【研判会】今天下午三点 村委会')      // '研判会 今天下午三点 村委会'
 *   withoutPadding('嗯 那个 我的任务')                  // '我的任务'
 *   withoutPadding('那个问题处理好了')                  // '那个问题处理好了'
 */
import { normalize } from './normalize.js';

const GREETING = /^(?:你好|您好|你们好|大家好|各位好|各位领导好|领导好|早上好|上午好|下午好|晚上好|在吗|在不在|hi|hello|哈喽|嗨)(?:呀|啊|哈)?[\s,，!！。~]+/i;
/** What opens an afterthought and is no part of it: “哦对了 高建国家其实是电话问的”, “还有，…”. */
const LEAD_IN = /^(?:哦|噢|喔|啊|哎)?(?:对了|还有(?:就是)?|另外|顺便说一下|补充一下)[\s,，!！。~]+/;
/** A question's polite opener: “请问贺是成家线索走到哪一步了”, “麻烦问下 咱镇进度”. */
const POLITE = /^(?:请问(?:一下|下)?|麻烦问(?:一下|下)|想问(?:一下|下)|问(?:一下|下))[\s,，:：]*/;
const MENTION = /^@[^\s@]{1,16}\s+/;
const MENTIONS = /^(?:@[^\s@]{1,16}\s+)+/;

/**
 * The text without the @名字 it starts with: whom a message is addressed to is never part of the
 * request (“@守望 这礼拜村里的数报了没有” asks no place called 守望).
 *
 * @example
 *   withoutMentions('@守望 @石德明 咱镇完成率')   // '咱镇完成率'
 */
export const withoutMentions = (t: string): string => t.replace(MENTIONS, '');
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}]/gu;
// 嗯 anywhere; 那个/呃/啊 only as a word of their own, between spaces or commas; 就是/然后 where a
// spoken clause starts (“… 就是完成了百分之多少”).
const HUM = /嗯+/g;
const FILLER = /(^|[\s,，])(?:那个|呃|啊)(?=[\s,，]|$)|(^|[\s,，])(?:就是说|就是|然后)(?=\S)/g;

/** The request without its padding (see the module comment); the text itself when nothing else is left. */
export function withoutPadding(text: string): string {
  let t = normalize(text).replace(/\[([^\]]{1,12})\]/g, ' $1 ').replace(PICTOGRAPH, ' ').replace(HUM, ' ');
  for (let previous = ''; previous !== t; ) {
    previous = t;
    t = t.replace(/^[\s,，。!！~]+/, '').replace(MENTION, '').replace(GREETING, '').replace(LEAD_IN, '').replace(POLITE, '');
  }
  t = t.replace(FILLER, '$1$2').replace(FILLER, '$1$2').replace(/\s*[,，]\s*(?=[,，])/g, '').replace(/\s+/g, ' ').replace(/^[\s,，]+|[\s,，]+$/g, '');
  return t === '' ? text : t;
}
