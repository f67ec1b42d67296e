/**
 * The day a screening was made, when the report says it (“上礼拜四入的户”, “昨天去陈兰家看了”,
 * “3号去的”, “前天电话问了”): read against the message's Asia/Shanghai day, never in the future,
 * inside the campaign's year. A day word counts only when it dates the visit or the call — it is
 * followed by the way (入户/去/电话/问/看 …) or ends the message (“…3号去的”); a day inside the
 * household's story (“老汉前天住院了”) is the hardship's, not the screening's.
 *
 * What the report leaves unclear is asked, never guessed: “上礼拜” with no weekday, “前几天”; a day
 * of the month still to come (“28号” on the 9th: last month's, or a slip?); a day after today; a day
 * of another campaign year.
 *
 * @example
 *   screeningDayIn('上礼拜四入的户 白秀兰家 没啥风险', '2022-07-05', 2022)
 *   // { kind: 'day', day: '2022-06-30', words: '上礼拜四' }
 *   screeningDayIn('排查 杨建平 入户 有风险 老汉前天住院了', '2022-07-05', 2022)   // { kind: 'none' }
 */
import { addDays, type Day } from '../../domain/shanghai-days.js';
import { normalize } from '../understand/normalize.js';
import { parseDay } from '../understand/dates.js';
import { dayLabel } from './common.js';

export type SaidDay =
  | { kind: 'none' }
  | { kind: 'day'; day: Day; words: string }
  /** Said, but not a day that can be recorded as it stands: asked (`dayQuestion`). */
  | { kind: 'ask'; why: 'vague' | 'future' | 'coming' | 'outside'; words: string; day: Day | null; guess: Day | null };

const N = '[0-9零〇一二两三四五六七八九十廿卅]{1,3}';
const WEEK = '(?:周|星期|礼拜)';
/** Day words, longest first; the vague ones (a week without its day, 前几天) are asked. */
const DAY_WORDS_SOURCE = [
  `(?:\\d{4}|\\d{2})[-/.年]\\d{1,2}[-/.月]\\d{1,2}[日号]?`,
  `(?:去年|今年)?${N}月${N}[日号]?`,
  `(?:上个?月|本月|这个?月)${N}[日号]`,
  `(?<![\\d.])\\d{1,2}\\.\\d{1,2}(?![\\d.万千元块%])`,
  `(?<![月\\d])${N}[日号](?![楼线院网组床])`,
  `(?:上上|上|本|这|下)?个?${WEEK}[一二三四五六日天1-7]`,
  `上上?个?${WEEK}`,
  `${N}天(?:以前|之前|前)`,
  '大前天|前天|昨天|今天|今儿个?|昨儿个?|前儿个?|前几天|前两天|这两天',
].join('|');
const DAY_WORDS = new RegExp(DAY_WORDS_SOURCE, 'g');
/** A day in the answer to the day asked: the same words, and days to come (明天, 下周一), which are refused. */
export const DAY_IN_ANSWER = new RegExp(`${DAY_WORDS_SOURCE}|大后天|明天|后天`);
const VAGUE = new RegExp(`^(?:上上?个?${WEEK}|前几天|前两天|这两天)$`);
/** The visit or the call the day dates: right after it (a household may come between: “昨天去陈兰家看了”). */
const VISIT = /^[\s,，]*(?:[\u4e00-\u9fa5]{2,4}(?:家|户))?[\s,，]*(?:就|已经|已|也|都|又|刚)?(?:入户|入的户|入了户|上门|上的门|走访|去(?!世|医院|看病|打工|上学|外地)|到[\u4e00-\u9fa5]{2,4}家|跑|打电话|打的电话|电话|问了|问的|看了|看的|排查|视频|微信)/;
/** Words of the household's story: a day before them is the hardship's (“前天去医院了”). */
const STORY = /医院|住院|出院|看病|手术|摔|病|打工|上学|开学|下雨|塌|去世|没了/;
/** A try that reached nobody (“昨天电话没打通 今天入户了”): its day is not the screening's. */
const NOT_REACHED = /没打通|打不通|没人接|不在家|没人|关机|锁着门|锁门|没见着|没见到/;

/** The first day word of `text` that dates the screening, and what it says. */
export function screeningDayIn(text: string, today: Day, campaignYear: number): SaidDay {
  const t = normalize(text);
  for (const m of t.matchAll(DAY_WORDS)) {
    const words = m[0];
    const after = t.slice((m.index ?? 0) + words.length);
    const clause = after.split(/[,，。;；!！?？]/)[0] ?? '';
    if (NOT_REACHED.test(after.split(/[\s,，。;；!！?？]/)[0] ?? '')) continue;
    const dates = VISIT.test(after) && !STORY.test(clause.slice(0, 8));
    const last = /^[\s]*(?:去的|入的户|入户的|排查的|问的|打的电话|上的门|走访的)?[\s。.!！]*$/.test(after) && /(?:去的|入的户|入户的|排查的|问的|打的电话|上的门|走访的)/.test(after);
    const atStart = (m.index ?? 0) === 0 || /^(?:排查|@\S+\s*排查)\s*$/.test(t.slice(0, m.index));
    if (!dates && !last && !(atStart && VISIT.test(after))) continue;
    return dayOfWords(words, today, campaignYear);
  }
  return { kind: 'none' };
}

/** The day the words say, checked: in the past or today, inside the campaign's year; else what to ask. */
export function dayOfWords(words: string, today: Day, campaignYear: number): SaidDay {
  const w = normalize(words).replace(/\s+/g, '');
  if (VAGUE.test(w)) return { kind: 'ask', why: 'vague', words: w, day: null, guess: null };
  const day = parseDay(w, today) as Day | null;
  if (!day) return { kind: 'ask', why: 'vague', words: w, day: null, guess: null };
  if (day > today) {
    // “28号” on the 9th: the month's 28th is still to come — last month's, or a slip of the finger.
    const dayOnly = new RegExp(`^${N}[日号]$`).test(w);
    const lastMonth = dayOnly ? (parseDay(`上个月${w}`, today) as Day | null) : null;
    return { kind: 'ask', why: dayOnly ? 'coming' : 'future', words: w, day, guess: lastMonth && lastMonth <= today && Number(lastMonth.slice(0, 4)) === campaignYear ? lastMonth : null };
  }
  if (Number(day.slice(0, 4)) !== campaignYear) return { kind: 'ask', why: 'outside', words: w, day, guess: null };
  return { kind: 'day', day, words: w };
}

/** The message without the day words taken (they are no 备注). */
export function withoutDayWords(text: string, said: SaidDay): string {
  if (said.kind === 'none') return text;
  const i = normalize(text).indexOf(said.words);
  return i < 0 ? text : `${text.slice(0, i)} ${text.slice(i + said.words.length)}`;
}

/** The question that asks for the day, by what was unclear. */
export function dayQuestion(said: Extract<SaidDay, { kind: 'ask' }>, today: Day, campaignYear: number): string {
  const example = `如“昨天”“${dayLabel(addDays(today, -3))}”；就是今天请回复“今天”。`;
  switch (said.why) {
    case 'vague':
      return `“${said.words}”是哪一天排查的？请回复日期，${example}`;
    case 'coming':
      return `“${said.words}”是哪一天？本月${said.words}还没到${said.guess ? `；如果是${dayLabel(said.guess)}请回复“是”` : ''}。不是请回复日期，${example}`;
    case 'future':
      return `“${said.words}”是${dayLabel(said.day as Day)}，还没到，排查日期不能是以后的日子。是哪一天排查的？请回复日期，${example}`;
    case 'outside':
      return `${dayLabel(said.day as Day)}不在本次集中排查（${campaignYear}年）期间，不能按那天登记。是哪一天排查的？请回复日期，${example}`;
  }
}
