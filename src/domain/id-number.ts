/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and a check character.
 *
 * @example
 *   checkIdNumber('11010519491231002X')  // { ok: true, value: '11010519491231002X', birth: '1949-12-31', sex: 'female' }
 *   checkIdNumber('110105194912310021')  // { ok: false, reason: 'checksum' }
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'length' | 'characters' | 'birth_date' | 'checksum';

export type IdNumberCheck =
  | { ok: true; value: string; birth: string; sex: 'male' | 'female' }
  | { ok: false; reason: IdNumberProblem };

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** Normalizes (trims, full-width digits, lower-case x) and validates an ID number. */
export function checkIdNumber(input: string): IdNumberCheck {
  const v = toHalfWidth(input).trim().toUpperCase();
  if (v.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, reason: 'characters' };
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, reason: 'birth_date' };
  }
  if (idCheckChar(v.slice(0, 17)) !== v[17]) return { ok: false, reason: 'checksum' };
  return { ok: true, value: v, birth: `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`, sex: Number(v[16]) % 2 === 1 ? 'male' : 'female' };
}

export const ID_PROBLEM_LABEL: Record<IdNumberProblem, string> = {
  length: '身份证号应为18位',
  characters: '身份证号只能是数字，最后一位可以是X',
  birth_date: '身份证号中的出生日期不存在',
  checksum: '身份证号校验位不对（可能有数字录错）',
};

/** Full-width ASCII (０-９, Ａ-Ｚ, ｘ …) to half-width; other characters unchanged. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
