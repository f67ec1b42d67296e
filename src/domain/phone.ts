/**
 * Phone numbers as people write them: mainland mobiles (138 1234 5678, +86 13812345678) and
 * landlines with their area code (0912-8331266, 09128331266).
 *
 * @example
 *   normalizePhone(' 138 1234 5678 ') // { ok: true, value: '13812345678' }
 *   normalizePhone('0912-8331266')    // { ok: true, value: '0912-8331266' }
 *   normalizePhone('12345')           // { ok: false }
 */
import { toHalfWidth } from './id-number.js';

export type PhoneCheck = { ok: true; value: string } | { ok: false };

export function normalizePhone(input: string): PhoneCheck {
  const s = toHalfWidth(input).trim().replace(/[\s()（）]/g, '').replace(/^(\+86|0086)-?/, '');
  const digits = s.replace(/-/g, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return { ok: true, value: digits };
  if (/^0\d{2,3}-?\d{7,8}$/.test(s)) return { ok: true, value: s };
  return { ok: false };
}
