/**
 * Masking of personal data (个人信息保护法): ID numbers and phones are shown masked in every
 * reply, staff notice, form and log line — whatever way they were typed.
 *
 * People type numbers as their keyboard gives them: full-width digits (６１２７…), groups with
 * spaces or dashes ("6127 2319 8001 0112 3X", "138-1234-5678"), a lower-case x, the old 15-digit
 * ID. `maskText` reads every run of digit groups the way a person would read it and masks what is
 * an ID number (18 characters, or 15 digits with a plausible birth date; 16–17 digits or one
 * character too many — an ID typed with a slip — are masked the same way), a mainland
 * mobile or a landline with its area code, and a bank card or account number where the words before it
 * say so (卡号, 账号, 银行, 存折 …); a run that is none of them (an order number, an amount, a date)
 * stays as it is. The masked form is written in ordinary digits.
 *
 * @example
 *   maskIdNumber('61082119800101123X')            // '6108**********123X'
 *   maskPhone('13812345678')                      // '138****5678'
 *   maskText('电话138 1234 5678，身份证６１０８２１１９８００１０１１２３ｘ')
 *   // '电话138****5678，身份证6108**********123X'
 */

/** Full-width digits, X and dashes, and the ideographic space, as ASCII — one character for one. */
function project(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF38\uFF58\uFF0D\u3000]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x3000) return ' ';
    return String.fromCharCode(code - 0xfee0);
  });
}

const compact = (s: string): string => project(s).replace(/[^0-9Xx]/g, '').toUpperCase();

export function maskIdNumber(id: string): string {
  const v = compact(id);
  if (v.length < 8) return '*'.repeat(v.length);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  const v = project(phone).replace(/[^0-9-]/g, '');
  if (v.length < 7) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/** 15-digit IDs (before 1999) carry YYMMDD at 6–11: a run without a date there is no ID. */
function plausibleId15(d: string): boolean {
  const month = Number(d.slice(8, 10));
  const day = Number(d.slice(10, 12));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * Words that announce a bank card or account number (银行卡号, 账号, 存折, 开户行 …), up to six
 * other characters before the digits ("卡号：", "账号是 ").
 */
const BANK_CONTEXT = /(?:卡|账号|帐号|账户|帐户|银行|存折|开户)[^0-9０-９]{0,6}$/;

/** What a run of digits (separators removed, as typed otherwise) is, masked; null when it is none. */
function masked(typed: string, afterBankWord: boolean): string | null {
  const digits = compact(typed);
  if (/^\d{17}[\dX]$/.test(digits)) return maskIdNumber(digits);
  if (/^\d{15}$/.test(digits) && plausibleId15(digits)) return maskIdNumber(digits);
  // An ID number with a digit too few or one too many (a typo quoted back): masked all the same.
  // Longer runs stay: 19-digit message ids in logs are no personal data.
  if (/^\d{16,17}$|^\d{14,16}X$|^\d{18}X$/.test(digits)) return maskIdNumber(digits);
  if (/^1[3-9]\d{9}$/.test(digits)) return maskPhone(digits);
  const dashed = project(typed).replace(/[^0-9-]/g, '');
  if (/^0\d{2,3}-?\d{7,8}$/.test(dashed)) return maskPhone(dashed);
  // A bank card or account (12–25 digits) is masked only where the text says it is one.
  if (afterBankWord && /^\d{12,25}$/.test(digits)) return maskIdNumber(digits);
  return null;
}

interface Group {
  start: number;
  end: number;
}

// A group of digits (an ID's X only at its end); groups joined by at most two separator characters.
const GROUP = /\d+(?:[Xx](?![A-Za-z]))?/g;
const JOINER = /^[ \t\-‐–—−·.]{1,2}$/;
const MAX_GROUPS = 6;

/** Chains of digit groups that could be one number typed in parts. */
function chainsOf(p: string): Group[][] {
  const chains: Group[][] = [];
  let chain: Group[] = [];
  for (const m of p.matchAll(GROUP)) {
    const g = { start: m.index, end: m.index + m[0].length };
    const last = chain[chain.length - 1];
    // A group ending in X closes the chain: nothing follows an ID's check character.
    if (last && JOINER.test(p.slice(last.end, g.start)) && !/[Xx]$/.test(p.slice(last.start, last.end))) chain.push(g);
    else {
      if (chain.length) chains.push(chain);
      chain = [g];
    }
  }
  if (chain.length) chains.push(chain);
  return chains;
}

/** Masks every ID number, phone number and bank card or account number inside free text (see the module comment). */
export function maskText(text: string): string {
  const p = project(text);
  const edits: Array<{ start: number; end: number; with: string }> = [];
  for (const chain of chainsOf(p)) {
    // Left to right, the longest run of groups that reads as a number; a group that begins none is passed.
    for (let i = 0; i < chain.length; ) {
      let taken = 0;
      const from = (chain[i] as Group).start;
      const afterBankWord = BANK_CONTEXT.test(p.slice(Math.max(0, from - 12), from));
      for (let k = Math.min(MAX_GROUPS, chain.length - i); k >= 1 && taken === 0; k--) {
        const to = (chain[i + k - 1] as Group).end;
        const m = masked(p.slice(from, to), afterBankWord);
        if (m !== null) {
          edits.push({ start: from, end: to, with: m });
          taken = k;
        }
      }
      i += Math.max(1, taken);
    }
  }
  let out = text;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.with + out.slice(e.end);
  return out;
}
