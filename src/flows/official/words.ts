/**
 * Small wording helpers shared by the official flows: days and instants in Chinese, shares as
 * percentages (rounded; only a complete share reads 100%), a reply as markdown with its plain-text
 * fallback, and lists cut to a readable length.
 *
 * @example
 *   chineseDay('2022-05-13')                 // '5月13日'
 *   percent(0.8)                             // '80.0%'
 *   clock(Date.UTC(2022, 4, 12, 13, 15))     // '5月12日 21:15' (Asia/Shanghai)
 *   markdownReply('**高家堡镇**', ['覆盖 80%'])   // { type: 'markdown', markdown: '**高家堡镇**\n覆盖 80%', fallback: '高家堡镇\n覆盖 80%' }
 */
import { formatPercent } from '../../domain/percent.js';
import { maskText } from '../../domain/privacy.js';
import { shanghaiDay, startOfShanghaiDay, type Day } from '../../domain/shanghai-days.js';
import type { Effect, Reply } from '../types.js';

export function chineseDay(day: Day): string {
  const [, m, d] = day.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** An instant as 'M月D日 HH:mm' in Shanghai time. */
export function clock(at: number): string {
  const day = shanghaiDay(at);
  const minutes = Math.floor((at - startOfShanghaiDay(day)) / 60_000);
  return `${chineseDay(day)} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A share 0–1 as a percentage with one decimal, rounded (src/domain/percent.ts). */
export const percent = formatPercent;

/** A title and lines as markdown (bold title) with the same text as the fallback. */
export function markdownReply(title: string, lines: readonly string[]): Reply {
  const plain = title.replace(/\*\*/g, '');
  return { type: 'markdown', markdown: [title, ...lines].join('\n'), fallback: [plain, ...lines.map((l) => l.replace(/\*\*/g, ''))].join('\n') };
}

export const say = (text: string): Effect => ({ type: 'reply', reply: { type: 'text', text } });
export const reply = (r: Reply): Effect => ({ type: 'reply', reply: r });

/** At most `max` lines, then one line saying how many were left out. */
export function capped(lines: readonly string[], max: number, what = '个'): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `……另有${lines.length - max}${what}未列出`];
}

/** Names joined with 、 (at most `max`, then 等N个 — or another `unit`: 等N户). */
export function nameList(names: readonly string[], max = 30, unit = '个'): string {
  if (names.length <= max) return names.join('、');
  return `${names.slice(0, max).join('、')}等${names.length}${unit}`;
}

/** What someone said, quoted back: masked (ID numbers, phones) and cut at 20 characters. */
export function quoteBack(text: string): string {
  const chars = Array.from(maskText(text.trim()));
  return chars.slice(0, 20).join('') + (chars.length > 20 ? '…' : '');
}

/** “没看懂“…”。” for a text, “请回复文字。” for anything else. */
export function notUnderstood(input: { type: string; text?: string }): string {
  return input.type === 'text' ? `没看懂“${quoteBack(input.text ?? '')}”。` : '请回复文字。';
}
