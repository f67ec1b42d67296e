/**
 * What the department flows share: who may send or follow warnings (行业部门, 市乡村振兴局,
 * 管理员), the refusal for everyone else, and how their short commands are recognised.
 *
 * @example
 *   const refused = warningGuard(env);
 *   if (refused) return refused;    // a farmer, someone not on the roster, or a grid worker
 */
import { ROLE_LABEL, type Role, POLICY } from '../../domain/roles.js';
import { notRegistered } from '../help.js';
import type { Effect, Env, Flow, StepResult } from '../types.js';
import { normalize } from '../understand/normalize.js';
import { TEXTS } from './texts.js';

/** Who sends and follows department warnings. */
export const WARNING_ROLES: readonly Role[] = POLICY.send_warnings;

export const say = (text: string): Effect => ({ type: 'reply', reply: { type: 'text', text } });
export const done = (...effects: Effect[]): StepResult => ({ status: 'done', effects });

export function waiting(flow: Pick<Flow, 'name' | 'version'>, node: string, data: object, env: Env, effects: Effect[]): StepResult {
  return { status: 'waiting', state: { flow: flow.name, v: flow.version, node, data: data as Record<string, unknown>, waitingSince: env.now }, effects };
}

/**
 * Null when the actor may use the department warnings; else the polite refusal (for sending a
 * list by default, or naming the feature `title`).
 */
export function warningGuard(env: Env, title?: string): StepResult | null {
  const staff = env.actor.staff;
  if (env.actor.sender.channel !== 'app') return done(say(TEXTS.notAllowed));
  if (!staff) return done({ type: 'reply', reply: notRegistered(env) });
  if (WARNING_ROLES.includes(staff.role)) return null;
  return done(say(title ? TEXTS.notForRole(title, ROLE_LABEL[staff.role]) : TEXTS.notAllowed));
}

/** A short command as typed, for matching: normalized, no spaces, no closing punctuation. */
export function commandText(text: string): string {
  return normalize(text).replace(/\s+/g, '').replace(/[。.!！?？~]+$/, '').replace(/[吧呗啊呀哈]+$/, '');
}
