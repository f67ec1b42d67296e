/**
 * How a farmer is put in touch with a person: the names and working phones of their grid worker
 * and village cadre (staff phones are how staff are reached; they are not private), and the
 * notice those people receive with the farmer's own words (masked: a farmer's ID or phone typed
 * into a message is never forwarded in clear).
 *
 * @example
 *   contactLine([{ userId: 'wangwu', name: '王五', role: 'grid_worker', phone: '13900001111' }])
 *   // '网格员王五，电话13900001111'
 */
import { maskText } from '../../domain/privacy.js';
import { ROLE_LABEL } from '../../domain/roles.js';
import type { Effect, Env } from '../types.js';
import type { ContactPerson } from './data.js';

/** "网格员王五，电话139…；村干部刘七，电话138…" (no phone: "电话未登记"). */
export function contactLine(people: readonly ContactPerson[]): string {
  return people.map((p) => `${ROLE_LABEL[p.role]}${p.name}，${p.phone ? `电话${p.phone}` : '电话未登记'}`).join('；');
}

/** "您说的<what>，已转告<who>，他们会尽快联系您。" */
export const passOnText = (what: string, who: string): string => `您说的${what}，已经转告${who}，他们会尽快联系您；着急的话可以直接打电话。`;

/** The farmer's words as staff read them: masked, cut to 120 characters. */
export function farmerWords(words: string): string {
  const chars = Array.from(maskText(words.trim()));
  return chars.length > 120 ? `${chars.slice(0, 120).join('')}…` : chars.join('');
}

/** The notice to each of `people`: a tag, the farmer's words, and how to answer. */
export function noticeTo(people: readonly ContactPerson[], tag: string, words: string, env: Env, extra: string[] = []): Effect[] {
  const body = [tag, `微信客服农户（${env.actor.sender.id.slice(-6)}）说：“${farmerWords(words)}”`, ...extra, '请尽快联系农户（可在企业微信客服会话中回复）。'].join('\n');
  return people.map((p): Effect => ({ type: 'send', to: { channel: 'app', id: p.userId }, reply: { type: 'text', text: body } }));
}
