/**
 * Masking of personal data (个人信息保护法): ID numbers and phones are shown masked in every
 * reply and log line.
 *
 * @example
 *   maskIdNumber('61082119800101123X') // '6108**********123X'
 *   maskPhone('13812345678')           // '138****5678'
 *   maskText('电话13812345678，身份证61082119800101123X') // '电话138****5678，身份证6108**********123X'
 */

export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

// 18-character IDs (and 15-digit old ones), and mainland mobile numbers, not inside longer digit runs.
const ID_RE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const PHONE_RE = /(?<!\d)(1[3-9]\d{9})(?!\d)/g;
// Landlines as the seed prints them (0912-8331266, 09128331266).
const LANDLINE_RE = /(?<!\d)(0\d{2,3}-?\d{7,8})(?!\d)/g;

/** Masks every ID number and phone number inside free text. */
export function maskText(text: string): string {
  return text
    .replace(ID_RE, (m) => maskIdNumber(m))
    .replace(PHONE_RE, (m) => maskPhone(m))
    .replace(LANDLINE_RE, (m) => maskPhone(m));
}
