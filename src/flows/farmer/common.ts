/**
 * Pieces the farmer flows share: who is asking, reading a person's identity (name, 身份证号 or its
 * tail, phone) from what they typed, the reminder timer, and the plain-words labels of risks.
 * Everything shown is masked (src/domain/privacy.ts).
 *
 * @example
 *   readIdAnswer('６１０８２１１９８００１０１１２３４') // { kind: 'full', value: '610821198001011234', tail: '1234', masked: '6108**********1234' }
 *   readIdAnswer('记不得了')                         // { kind: 'declined' }
 */
import { RISK_TYPE, type RiskType } from '../../domain/catalog.js';
import { maskText } from '../../domain/privacy.js';
import { extractIdNumber, extractIdTail, extractName, extractPhone, normalize, parseYesNo } from '../understand/index.js';
import { placeWords } from '../understand/names.js';
import type { Effect, Env, Input, Reply, StepResult, ConversationState } from '../types.js';

/** A quiet reminder while a farmer's answer is awaited (the dispatcher ends the talk at 30 min). */
export const NUDGE_AFTER_MS = 10 * 60_000;
export const NUDGE_TIMER = 'nudge';

export const text = (t: string): Effect => ({ type: 'reply', reply: { type: 'text', text: t } });
export const reply = (r: Reply): Effect => ({ type: 'reply', reply: r });

/** Whether the sender writes through 微信客服 (a farmer). */
export const isFarmer = (env: Env): boolean => env.actor.sender.channel === 'kf';


/** A waiting result that (re)arms the reminder. */
export function waiting(state: ConversationState, env: Env, effects: Effect[]): StepResult {
  return { status: 'waiting', state: { ...state, waitingSince: env.now }, effects: [...effects, { type: 'timer', key: NUDGE_TIMER, dueAt: env.now + NUDGE_AFTER_MS }] };
}

/** Words that refuse or cannot give a detail ("没有", "记不得", "不方便"). */
const DECLINE = /^(?:没有|没|无|不知道|不清楚|记不(?:得|清|住)了?|忘了|忘记了|不记得了?|不方便|没带|不想说|不给|算了|不用了|跳过|没有身份证|没有电话|没手机|不会)/;

/** The same said inside a sentence ("身份证在娃那呢 记不得"), when the answer holds no number at all. */
const DECLINE_WITHIN = /记不(?:得|清|住)|不记得|忘(?:了|记)|没带|不在(?:身边|手上|手里|跟前|家)|找不(?:到|着|见)|(?:在|叫|让)(?:娃|孩子|儿子|女儿|女子|老汉|老伴|媳妇|婆姨|男人)(?:那|手)|不知道|不清楚|不方便|没有(?:身份证|手机|电话)|没(?:身份证|手机|电话)|不会(?:用|弄|打|看)/;

export function declines(t: string): boolean {
  const s = normalize(t).replace(/[。.!！~]+$/, '');
  return DECLINE.test(s) || parseYesNo(s) === 'no' || (!/[0-9]/.test(s) && DECLINE_WITHIN.test(s));
}

export type IdAnswer =
  | { kind: 'full'; value: string; tail: string; masked: string }
  | { kind: 'tail'; tail: string }
  /** A number that is not a valid ID (checksum, date, length): say why, keep everything else. */
  | { kind: 'bad'; message: string; masked: string }
  | { kind: 'declined' }
  | { kind: 'unclear' };

/** Reads an answer to "身份证号（或后4位）？". */
const SPOKEN_DIGIT: Record<string, string> = { 零: '0', 〇: '0', 洞: '0', 一: '1', 幺: '1', 壹: '1', 二: '2', 两: '2', 贰: '2', 三: '3', 叁: '3', 四: '4', 肆: '4', 五: '5', 伍: '5', 六: '6', 陆: '6', 七: '7', 拐: '7', 柒: '7', 八: '8', 捌: '8', 九: '9', 勾: '9', 玖: '9' };
const SPOKEN_RUN = /[零〇洞一幺壹二两贰三叁四肆五伍六陆七拐柒八捌九勾玖](?:[\s\-－—]*[零〇洞一幺壹二两贰三叁四肆五伍六陆七拐柒八捌九勾玖0-9]){6,}/gu;

/**
 * A number said digit by digit (“一三八零零一二三四五六”, “幺三九 一二三四 五六七八”) as digits:
 * runs of seven digit words or more; amounts (“一万二”) and names are left alone.
 */
export function spokenDigits(t: string): string {
  return t.replace(SPOKEN_RUN, (run) => Array.from(run.replace(/[\s\-－—]+/gu, '')).map((c) => SPOKEN_DIGIT[c] ?? c).join(''));
}

/** The words around an ID number or a phone (“杨秀英 610821…”, “张三 138…”): what is left to read a name from. */
export function withoutNumbers(t: string): string {
  return normalize(spokenDigits(t)).replace(/[0-9xX](?:[\s-]*[0-9xX]){6,}/g, ' ').replace(/\s+/g, ' ').trim();
}

export function readIdAnswer(t: string): IdAnswer {
  const id = extractIdNumber(spokenDigits(t));
  if (id?.ok) return { kind: 'full', value: id.value, tail: id.value.slice(-4), masked: id.masked };
  if (id && !id.ok) return { kind: 'bad', message: id.message, masked: id.masked };
  const tail = extractIdTail(t);
  if (tail) return { kind: 'tail', tail };
  if (declines(t)) return { kind: 'declined' };
  return { kind: 'unclear' };
}

export type PhoneAnswer = { kind: 'ok'; value: string; masked: string } | { kind: 'bad'; message: string } | { kind: 'declined' } | { kind: 'unclear' };

export function readPhoneAnswer(t: string): PhoneAnswer {
  const p = extractPhone(spokenDigits(t));
  if (p?.ok) return { kind: 'ok', value: p.value, masked: p.masked };
  if (p && !p.ok) return { kind: 'bad', message: p.message };
  if (declines(t)) return { kind: 'declined' };
  // Eleven digits that are no mobile number, or a landline: say what is wanted.
  if (/\d{6,}/.test(normalize(t))) return { kind: 'bad', message: '请发11位手机号，比如13812345678' };
  return { kind: 'unclear' };
}

// A spoken filler before a name (“我叫那个冯桂芝”).
const SPOKEN_FILLER = /(^|叫|是|名字|姓名)\s*(?:嗯+|呃+|额+|那个|这个|就是|就)\s*(?=[\u4e00-\u9fa5])/g;

// Characters that occur in sentences but hardly in a name typed alone.
const NOT_A_NAME = /[不没吗呢啊吧了的是有在要想我你他她这那啥么?？,，。！!]/;

/**
 * A name given as an answer: "我叫张三", "张三", or an unusual surname typed alone ("訾二娃").
 * `strict` (outside a name question): only a name said with a marker ("我叫…", "我是…").
 */
export function readName(said: string, strict = false, places: readonly string[] = []): string | null {
  // Spoken, or typed by voice: “我叫那个冯桂芝”, “嗯 我是就是刘改兰” — the filler is no part of the name.
  const t = said.replace(SPOKEN_FILLER, '$1');
  const found = extractName(t, { places });
  if (found && (!strict || found.who !== 'unknown')) return found.name;
  if (strict) return null;
  const s = normalize(t).replace(/[。.!！~]+$/, '');
  return /^[\u4e00-\u9fa5·]{2,4}$/.test(s) && !NOT_A_NAME.test(s) && !placeWords(places).has(s) ? s : null;
}

/** "因病、因学" from risk codes. */
export function riskLabels(types: readonly RiskType[]): string {
  return types.map((r) => RISK_TYPE.label[r]).join('、');
}

/** The farmer's words for a summary: masked, and cut to `max` characters. */
export function quoteWords(words: readonly string[], max = 60): string {
  const chars = Array.from(maskText(words.join(' ')));
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** A day 'YYYY-MM-DD' as "5月24日". */
export function shortDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** The text of a text input (menu clicks included), else null. */
export const textOf = (input: Input): string | null => (input.type === 'text' ? input.text : null);
