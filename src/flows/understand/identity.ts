/**
 * Identity details inside free text: 身份证号 (GB 11643, checksum included), the ID-card tail
 * people are asked for during verification ("后四位1234"), and mainland mobile numbers.
 * Results carry the masked form for echoing back; a wrong number is reported with the reason,
 * so the bot can say "身份证号校验位不对" instead of "没看懂".
 */
import { checkIdNumber, ID_PROBLEM_LABEL, type IdNumberProblem } from '../../domain/id-number.js';
import { maskIdNumber, maskPhone } from '../../domain/privacy.js';
import { normalize } from './normalize.js';

export type IdExtraction =
  | { ok: true; value: string; birth: string; sex: 'male' | 'female'; masked: string }
  | { ok: false; reason: IdNumberProblem; message: string; masked: string };

// 10–19 digits (an X may end it), in groups people separate with spaces or dashes. Runs other
// than 17–19 long count only beside the word 身份证 (see extractIdNumber).
const ID_CANDIDATE = /(?<![0-9A-Za-z])\d(?:[ -]?[\dXx]){9,18}(?![0-9A-Za-z])/g;
const MOBILE_LIKE = /^1[3-9]\d{9}$/;
const ID_CONTEXT = /身份证|证件|证号|身份号/;

function idCandidates(t: string): Array<{ raw: string; value: string; index: number }> {
  return [...t.matchAll(ID_CANDIDATE)].map((m) => ({ raw: m[0], value: m[0].replace(/[ -]/g, '').toUpperCase(), index: m.index }));
}

/**
 * Finds an ID number in text. A valid one wins over a wrong one; a wrong one is reported
 * (`checksum`, `birth_date`, `characters`, or `length` for 17 or 19 digits, and for 10–16
 * digits beside the word 身份证 unless they are a mobile number); null when the text holds no
 * candidate at all.
 *
 * @example
 *   extractIdNumber('我的身份证号是11010519491231002X') // { ok: true, value: '11010519491231002X', masked: '1101**********002X', … }
 *   extractIdNumber('身份证 110105194912310021')       // { ok: false, reason: 'checksum', message: '身份证号校验位不对（可能有数字录错）', … }
 *   extractIdNumber('电话13812345678')                 // null
 */
export function extractIdNumber(text: string): IdExtraction | null {
  const t = normalize(text);
  let problem: IdExtraction | null = null;
  for (const c of idCandidates(t)) {
    const checked = checkIdNumber(c.value);
    if (checked.ok) return { ...checked, masked: maskIdNumber(checked.value) };
    const lengthOnly = checked.reason === 'length';
    const nearly = c.value.length === 17 || c.value.length === 19;
    if (lengthOnly && !nearly && (!ID_CONTEXT.test(t) || MOBILE_LIKE.test(c.value))) continue;
    problem ??= { ok: false, reason: checked.reason, message: ID_PROBLEM_LABEL[checked.reason], masked: maskIdNumber(c.value) };
  }
  return problem;
}

const TAIL_MARKER = /(?:身份证)?(?:号码?)?(?:后|最后|末|尾号|末尾)\s*(四|4|六|6)?\s*位?(?:数|数字|号码?)?\s*(?:我?记得|好像|应该|大概|可能)?\s*(?:是|为|:)?\s*/;

/**
 * The last digits of an ID card, as asked in verification: "身份证后四位1234", "尾号123X",
 * "后4位是 0012", or a bare "1234" answer. Six digits when the text says 后六位. The tail is
 * returned upper-case; null when there is no tail of the right length.
 *
 * @example
 *   extractIdTail('身份证后四位1234') // '1234'
 *   extractIdTail('尾号123x')         // '123X'
 *   extractIdTail('1234')             // '1234'
 *   extractIdTail('后四位12345')      // null
 */
export function extractIdTail(text: string): string | null {
  const t = normalize(text);
  const marker = TAIL_MARKER.exec(t);
  if (marker) {
    const wanted = marker[1] === '六' || marker[1] === '6' ? 6 : 4;
    const run = /^[0-9Xx]+/.exec(t.slice(marker.index + marker[0].length));
    if (!run || run[0].length !== wanted || !/^\d+[\dXx]$/.test(run[0])) return null;
    return run[0].toUpperCase();
  }
  const bare = t.replace(/[\s,.。!]/g, '');
  return /^\d{3}[\dXx]$/.test(bare) ? bare.toUpperCase() : null;
}

export type PhoneExtraction =
  | { ok: true; value: string; masked: string }
  | { ok: false; reason: 'length'; message: string };

const MOBILE = /(?<![0-9A-Za-z])(?:(?:\(\+?86\)|\+?86|0086)[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![0-9A-Za-z])/;
const ALMOST_MOBILE = /(?<![0-9A-Za-z])1[3-9](?:\d[\s-]?){7,9}\d(?![0-9A-Za-z])/g;
const PHONE_CONTEXT = /电话|手机|号码|联系/;

/**
 * Finds a mainland mobile number ("138 1234 5678", "138-1234-5678", "+86 13812345678"),
 * never inside an ID number. A number beside the word 电话/手机 with 10 or 12 digits is reported
 * as `length`; null when there is no phone at all.
 *
 * @example
 *   extractPhone('电话：+86 138-1234-5678') // { ok: true, value: '13812345678', masked: '138****5678' }
 *   extractPhone('手机1381234567')          // { ok: false, reason: 'length', message: '手机号应为11位，…' }
 */
export function extractPhone(text: string): PhoneExtraction | null {
  // Hide ID numbers first so that their digits never read as a phone.
  const t = normalize(text).replace(ID_CANDIDATE, (m) => (Math.abs(m.replace(/[ -]/g, '').length - 18) <= 1 ? '#'.repeat(m.length) : m));
  const m = MOBILE.exec(t);
  if (m) {
    const value = `${m[1]}${m[2]}${m[3]}`;
    return { ok: true, value, masked: maskPhone(value) };
  }
  if (!PHONE_CONTEXT.test(t)) return null;
  for (const near of t.matchAll(ALMOST_MOBILE)) {
    const digits = near[0].replace(/[\s-]/g, '');
    if (digits.length === 10 || digits.length === 12) {
      return { ok: false, reason: 'length', message: `手机号应为11位，“${maskPhone(digits)}”是${digits.length}位，请再核对一下` };
    }
  }
  return null;
}
