/**
 * 居民身份证号码 (GB 11643-1999): a 6-digit address code (GB/T 2260), the birth date, a sequence
 * number and a check character. Every comparison of ID numbers goes through `normalizeIdNumber`
 * first, so a full-width, spaced or dashed copy of a number is the same person.
 *
 * @example
 *   checkIdNumber('11010519491231002X')  // { ok: true, value: '11010519491231002X', birth: '1949-12-31', sex: 'female' }
 *   checkIdNumber('110105194912310021')  // { ok: false, reason: 'checksum' }
 *   checkIdNumber('１１０１０５ 1949-1231 002x', { today: '2022-05-01' }).ok   // true
 *   checkIdNumber('110105202506010014', { today: '2022-05-01' })            // { ok: false, reason: 'future_birth' }
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const STORED_FORM = /^\d{17}[\dX]$/;

export type IdNumberProblem = 'length' | 'characters' | 'birth_date' | 'future_birth' | 'region' | 'checksum';

export interface IdCheckOptions {
  /** The day of the check ('YYYY-MM-DD'): a birth date after it is refused. */
  today?: string;
  /**
   * The address codes (6 digits, GB/T 2260) that exist, when a region code table is configured.
   * Without one the address code is not checked (the sandbox's made-up 9999… numbers rely on it).
   */
  regionCodes?: ReadonlySet<string>;
}

export type IdNumberCheck =
  | { ok: true; value: string; birth: string; sex: 'male' | 'female' }
  | { ok: false; reason: IdNumberProblem };

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/**
 * The one form an ID number is stored and compared in: half-width, without spaces or dashes
 * (people group the digits as 6-8-4), upper-case X.
 */
export function normalizeIdNumber(input: string): string {
  // Most numbers arrive already in this form (a roster of a million people checks each several times).
  if (STORED_FORM.test(input)) return input;
  return toHalfWidth(input)
    .replace(/[\s\u00A0\-\u2010-\u2015\u2212]/g, '')
    .toUpperCase();
}

/** Normalizes (`normalizeIdNumber`) and validates an ID number. */
export function checkIdNumber(input: string, opts: IdCheckOptions = {}): IdNumberCheck {
  const v = normalizeIdNumber(input);
  if (v.length !== 18) return { ok: false, reason: 'length' };
  if (!STORED_FORM.test(v)) return { ok: false, reason: 'characters' };
  if (opts.regionCodes && !opts.regionCodes.has(v.slice(0, 6))) return { ok: false, reason: 'region' };
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, reason: 'birth_date' };
  }
  const birth = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (opts.today !== undefined && birth > opts.today) return { ok: false, reason: 'future_birth' };
  if (idCheckChar(v.slice(0, 17)) !== v[17]) return { ok: false, reason: 'checksum' };
  return { ok: true, value: v, birth, sex: Number(v[16]) % 2 === 1 ? 'male' : 'female' };
}

export const ID_PROBLEM_LABEL: Record<IdNumberProblem, string> = {
  length: '身份证号应为18位',
  characters: '身份证号只能是数字，最后一位可以是X',
  birth_date: '身份证号中的出生日期不存在',
  future_birth: '身份证号中的出生日期晚于今天',
  region: '身份证号前六位不在已配置的行政区划代码表中',
  checksum: '身份证号校验位不对（可能有数字录错）',
};

const WIDE = /[\uFF01-\uFF5E\u3000]/;

/** Full-width ASCII (０-９, Ａ-Ｚ, ｘ …) to half-width; other characters unchanged. */
export function toHalfWidth(s: string): string {
  if (!WIDE.test(s)) return s;
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
