/**
 * Finding the household a report is about, by name, inside the asker's own area only: one match
 * goes on, none is "not found in your grid" (never a hint that it exists elsewhere), several are
 * asked back as a numbered list (the labels carry the village, size and a masked phone).
 *
 * @example
 *   const found = await lookUp(env, '张三');
 *   // { kind: 'one', household } | { kind: 'none', text: '在您的网格内没有找到“张三”户…' } | { kind: 'many', candidates, text }
 */
import type { Level } from '../../domain/roles.js';
import type { Env } from '../types.js';
import { extractName, looksLikeSlip, normalize, parseYesNo } from '../understand/index.js';
import { choiceOf, householdRef, numbered, type HouseholdRef } from './common.js';

const AREA: Record<Level, string> = { grid: '网格', village: '村', town: '镇街', city: '辖区' };

/** "网格", "村" …: what the asker calls their own area. */
export function areaWord(env: Env): string {
  return AREA[env.actor.staff?.jurisdiction.level ?? 'grid'];
}

export type LookUp =
  | { kind: 'one'; household: HouseholdRef }
  | { kind: 'none'; text: string }
  | { kind: 'many'; candidates: HouseholdRef[]; text: string };

/** The name in an answer: "张三", "户主张三", "是张三家"; null when there is none. */
export function nameIn(text: string): string | null {
  const t = normalize(text).replace(/^(?:是|就是|户主是?|找)/, '').replace(/(?:家|户|的|家里)$/, '').trim();
  // "第三个", "没有", "好的" are answers, not names.
  if (/^[\u4e00-\u9fa5·]{2,4}$/.test(t) && !/^第/.test(t) && parseYesNo(t) === null) return t;
  return extractName(text)?.name ?? null;
}

export async function lookUp(env: Env, name: string): Promise<LookUp> {
  const found = await env.data.findHouseholds(name);
  const area = areaWord(env);
  if (found.length === 0) {
    // A name typed wrong on a pinyin keyboard: say which names of the area sound like it.
    const roster = await env.data.fieldRoster();
    const alike = [...new Set(roster.households.flatMap((h) => [h.headName, ...h.members]).filter((n) => looksLikeSlip(name, n)))].slice(0, 3);
    const hint = alike.length ? `您说的是${alike.join('还是')}吗？请回复正确的姓名` : '请核对姓名（户主或家庭成员的名字都可以）再发一次';
    return { kind: 'none', text: `在您的${area}内没有找到“${name}”户。${hint}，或发送“取消”退出。` };
  }
  if (found.length === 1) return { kind: 'one', household: householdRef(found[0]!) };
  const candidates = found.map(householdRef);
  return { kind: 'many', candidates, text: `您的${area}内有${found.length}户对得上“${name}”：\n${numbered(candidates.map((c) => c.label))}\n请回复序号。` };
}

/** The candidate chosen by number, or null. */
export function pickFrom(text: string, candidates: HouseholdRef[]): HouseholdRef | null {
  const n = choiceOf(text, candidates.length);
  return n === null ? null : (candidates[n - 1] ?? null);
}
