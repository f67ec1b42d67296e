/**
 * An official's follow-up that names only what changed since the question before: another place
 * (“凉水井村的呢”, “那锦界镇呢”, “换成新村”, “凉水井村的也发一下”), another day (“上周的呢”,
 * “截至上周日呢”, “昨天的呢”, “5月10日的呢”, back to today: “今天的呢”) or another grouping
 * (“换成按村排一下”, “按镇街排”). Read here in words only; whether the words name a place of the
 * city, and whether the question remembered takes a day or a grouping, is the official flows'
 * decision (src/flows/official/question.ts).
 *
 * A follow-up is marked as one: 呢 at the end, 那/换成/改成/再/只看 at the start, 也 before the end (“…的也
 * 发一下”), or a grouping said (按村). What is left must be nothing but a place, a day or a grouping:
 * a word of another question (进度, 超期, 排名, 户数, 多少 …) makes it a question of its own
 * (“那凉水井村的进度呢” is read as a progress question by the flows, as before), and words that are
 * no name (“那就这样吧”) are no follow-up.
 *
 * @example
 *   readFollowUp('凉水井村的呢', '2022-05-13')   // { scope: { kind: 'named', text: '凉水井村', levelHint: 'village' }, day: null, by: null }
 *   readFollowUp('上周的呢', '2022-05-13')       // { scope: null, day: '2022-05-08', by: null }  (last Sunday)
 *   readFollowUp('换成按村排一下', '2022-05-13') // { scope: null, day: null, by: 'village' }
 *   readFollowUp('那户数呢', '2022-05-13')       // null (a figure asked, not a place, a day or a grouping)
 */
import { parseDay } from './dates.js';
import type { AreaScope } from './intents.js';
import { normalize } from './normalize.js';
import { commandWordsBySound, questionScope } from './official-questions.js';
import { withoutMentions } from './padding.js';

export interface FollowUpSaid {
  /** The place named instead (to be resolved), or null. */
  scope: AreaScope | null;
  /** The day the numbers are to be counted to ('YYYY-MM-DD'); 'today' back to today; null: no day said. */
  day: string | 'today' | null;
  /** The grouping asked for: the towns or the villages; null: none said. */
  by: 'town' | 'village' | null;
  /** What of the place was named with it (“凉水井村的名单呢”: 名单, “那凉水井村周报呢”: 周报); the flow decides whether it is its own answer. */
  what?: string;
}

// What an answer of the questions is called, said with the place (“…的名单呢”, “…周报呢”, “…上报情况呢”).
const WHAT = /(?:的)?(名单|花名册|周报|上报情况|报送情况)$/;

/**
 * “导出来”, “导一下”, “把这个导出来”, “下载下来”, “发个表格”: the answer just given asked as a form (its 附件),
 * with no form and no place named. “导出” alone is the command word: it asks which form, as ever.
 */
export const EXPORT_IT = /^(?!(?:导出|导|下载|生成|出)$)(?:(?:那|那就|那你|你|麻烦|帮我|请)?(?:把|将)?(?:这个|这些|它|这张表|这份|这|上面的?|刚才的?)?(?:导出|导|下载|生成|出)(?:来|出来|一下|下|成表格?|成表|个表格?|表格|文件|excel)*(?:吧|呗|给我|发我|我)*|(?:发|给|要)(?:我)?(?:个|一个|一份)?(?:表格|表|excel|文件)(?:吧|呗)?)$/i;

// 呢 at the end (“…的呢”, “…那边呢”), 那/换成 at the start, 也 near the end (“…的也发一下”, “…的也导一下”).
const END = /(?:的|那边|那块|那里|这边)?(?:呢|咧|嘞|呐)$/;
// (问 of 问题清单 is no “ask”: “改成问题清单” names a form.)
const START = /^(?:(?:那么|那就|那再|那|再|换成|换到|换|改成|改为|改)(?:看|查|问(?!题)|说)?|(?:只|就|光|单)(?:看|查|要))(?:一下|下)?/;
const ALSO = /(?:的)?也(?:发|看|查|来|要|给|说|导出|导|出)?(?:我|一下|下|一份|一个|个|看)*$/;
// A grouping: 按村排一下, 分镇看, 按镇街排名, 村一级 — the villages or the towns.
const GROUPING = /(?:按|分|以|换成按|改成按)(村|社区|镇街|乡镇|镇|街道)(?:一级|级)?(?:来)?(?:排名|排序|排一下|排下|排个名|排|看看|看一下|看下|看|列|统计)?(?:一下|下)?|(村|镇街|镇)一级(?:的)?|^各(村|镇街|镇)$/;
// A day: a week's day (上周五), a day named (5月10日, 10号, 昨天), a week back (上周, 上上周), or today again.
const WEEK_DAY = /(?:上上|上|本|这)?(?:个)?(?:周|星期|礼拜)[一二三四五六日天1-7]/;
const NAMED_DAY = /大前天|前天|昨天|[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}(?:日|号)?|[0-9一二三四五六七八九十]{1,3}(?:日|号)/;
const WEEK_BACK = /上上(?:个)?(?:周|星期|礼拜)|上(?:个)?(?:周|星期|礼拜)/;
const TODAY = /今天|现在|目前|当前|本周|这周|这个?星期|这个?礼拜/;
const UNTIL = /^(?:截[至止](?:到)?|到|是)|(?:为止|时候|那会儿?)$/g;
// Words of a question of its own (or of a figure asked): not a follow-up of this kind.
const QUESTION = /进度|进展|超期|逾期|线索|排名|排行|通报|名单|上报|没报|周报|附件|导出|表|图|督导|零问题|问题|网格员|负责|户数|人数|多少|几|完成|覆盖|情况|怎么|咋|谁|哪|排查|入户|风险|申报|确认|取消|帮助/;
const NAME = /^[\u4e00-\u9fa5A-Za-z]{2,12}$/;

/** The day of a time said, for `today` (see the module comment), and the text without it; null for a day that does not exist (“2月30日”). */
function dayIn(t: string, today: string): { day: string | 'today' | null; rest: string } | null {
  const specific = WEEK_DAY.exec(t) ?? NAMED_DAY.exec(t);
  if (specific) {
    const day = parseDay(specific[0], today);
    return day ? { day, rest: t.replace(specific[0], ' ') } : null;
  }
  const back = WEEK_BACK.exec(t);
  // A week back is counted to its last day (weeks Monday to Sunday, as on Chinese calendars).
  if (back) return { day: parseDay(back[0].startsWith('上上') ? '上上周日' : '上周日', today), rest: t.replace(back[0], ' ') };
  const now = TODAY.exec(t);
  if (now) return { day: 'today', rest: t.replace(now[0], ' ') };
  return { day: null, rest: t };
}

/** A follow-up naming only what changed, or null (see the module comment). */
export function readFollowUp(text: string, today: string): FollowUpSaid | null {
  const t = commandWordsBySound(withoutMentions(normalize(text)))
    .replace(/[\s。.!！~～?？,，]+$/, '')
    .replace(/\s+/g, '')
    .trim();
  if (t === '' || t.length > 20) return null;
  let rest = t;
  let marked = false;
  for (const re of [END, START, ALSO]) {
    const cut = rest.replace(re, '');
    if (cut !== rest) {
      marked = true;
      rest = cut;
    }
  }
  const g = GROUPING.exec(rest);
  const by = g ? (/村|社区/.test(g[1] ?? g[2] ?? g[3] ?? '') ? 'village' : 'town') : null;
  if (g) rest = rest.replace(g[0], ' ');
  if (!marked && !by) return null;
  const read = dayIn(rest, today);
  if (!read) return null;
  const { day, rest: left } = read;
  const named = left.replace(/\s+/g, '').replace(UNTIL, '').replace(/^(?:的|了)+|(?:的|了)+$/g, '');
  const what = WHAT.exec(named)?.[1];
  const name = what ? named.replace(WHAT, '').replace(/(?:的|了)+$/, '') : named;
  if (name !== '' && (QUESTION.test(name) || !NAME.test(name))) return null;
  const scope = name === '' ? null : questionScope(name);
  if (!scope && day === null && !by) return null;
  return { scope, day, by, ...(what ? { what } : {}) };
}

// A question that asks for a day, or for a place: a day or a place said is its answer.
const ASKS_DAY = /哪天|哪一天|哪日|日期|几号|几月几[日号]|什么时候|啥时候|时间/;
const ASKS_PLACE = /哪个村|哪个镇|哪个街道|哪个社区|哪个地方|什么地方|啥地方|哪里|哪儿|村名|地址/;
// What only marks a follow-up, and no name: 那/换成 at the start, 的呢 at the end, 也发一下.
const MARKS = [END, START, ALSO];
const PLACE_END = /(?:镇|街道|乡|村|社区)$/;

/**
 * The words a follow-up names once its marks are gone (“那凉水井村呢” → “凉水井村”, “附件6呢” → “附件6”,
 * “换成附件3” → “附件3”), and whether there were marks at all (“附件6” alone is a request of its own).
 */
export function followUpWords(text: string): { words: string; marked: boolean } {
  const said = commandWordsBySound(withoutMentions(normalize(text))).replace(/[\s。.!！~～?？,，]+/g, '');
  let rest = said;
  for (const re of MARKS) rest = rest.replace(re, '');
  return { words: rest.replace(/^(?:的|了)+|(?:的|了)+$/g, ''), marked: rest !== said };
}

/** The question that waits, as the router reads it: the choices it offers and the sentences that ask. */
export interface WaitingQuestion {
  /** What may be picked: a menu's items, a card's buttons, numbered lines (“1. 高家堡镇新村”). */
  choices: readonly string[];
  /** The sentences that ask (a line with ？ or 请…回复/请发/请说), not the figures of a report shown with them. */
  asks: string;
}

/**
 * Whether a follow-up's words (“高家堡镇的呢”, “上周的呢”, “附件6呢”) would rather answer the question that
 * waits: a choice it offers names what they name (“1. 高家堡镇新村 2. 店塔镇新村”, a list of forms with
 * 附件6), or it asks for a day and a day is said, or for a place and a place is said. Then they are that
 * question's answer, not a follow-up of the question before. A place merely shown with the question (the
 * villages of a weekly report to confirm) is no choice.
 *
 * @example
 *   answersWaiting('高家堡镇的呢', { choices: ['高家堡镇新村', '店塔镇新村'], asks: '“新村”有2个地方，您问的是哪一个？' }, '2022-05-12')  // true
 *   answersWaiting('那凉水井村呢', { choices: ['附件1 进度统计表', '附件6 问题清单'], asks: '导出哪一张表？' }, '2022-05-12')          // false
 */
export function answersWaiting(text: string, question: WaitingQuestion, today: string): boolean {
  const { words } = followUpWords(text);
  const stem = words.replace(PLACE_END, '');
  const named = (c: string) => c.includes(words) || (stem.length >= 2 && c.includes(stem));
  if (words.length >= 2 && question.choices.some(named)) return true;
  const said = readFollowUp(text, today);
  if (!said) return false;
  return (said.day !== null && ASKS_DAY.test(question.asks)) || (said.scope !== null && ASKS_PLACE.test(question.asks));
}
