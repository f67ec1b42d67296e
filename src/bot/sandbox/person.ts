/**
 * A person one can be on the sandbox page, and what the page shows about roles: their order in
 * the picker, their labels, and the sentences anyone of a role can try.
 *
 * @example
 *   roleLabel('farmer')          // '农户'
 *   roleHints('town_official', 'town')   // ['帮助', '本镇进度', '哪些村还没报', …]
 */
import { menuLines } from '../../flows/help.js';
import { ROLE_LABEL, ROLES, type Level, type Role } from '../../domain/roles.js';

export type PersonRole = Role | 'farmer';

export interface SandboxPerson {
  /** WeCom UserID (app) or external_userid (kf). */
  id: string;
  channel: 'app' | 'kf';
  name: string;
  role: PersonRole;
  roleLabel: string;
  /** The jurisdiction (staff) or home village (farmers) in words, city first. */
  where: string;
  /** A line for the person picker (department, binding …). */
  note: string;
  /** Farmers: the scene_param of the 微信客服 link they open (their village's poster). */
  scene?: string;
  /** Sentences worth trying as this person (the page offers them as one-click chips). */
  hints: string[];
}

/** A demo farmer: a WeChat user who writes to 微信客服. */
export interface DemoFarmer {
  externalUserId: string;
  name: string;
  /** The village whose poster QR code they scan (scene_param). */
  villageCode: string;
  /** 户编号 of the household they are bound to, if any. */
  boundHouseholdCode: string | null;
  note: string;
}

/** Picker order: farmers first, then the roles from the field up to the city. */
export const ROLE_ORDER: readonly PersonRole[] = ['farmer', ...ROLES];

export function roleLabel(role: PersonRole): string {
  return role === 'farmer' ? '农户' : ROLE_LABEL[role];
}

/**
 * What anyone of a role (at their level) can try: 帮助 and the one-word commands of their menu (src/flows/help.ts).
 * Menu lines with placeholders (“排查 张三 入户 …”) or descriptions (“（直接发送…）”) are left out:
 * the demo city offers real sentences instead (demo-hints.ts).
 */
export function roleHints(role: PersonRole, level: Level): string[] {
  if (role === 'farmer') return ['帮助', '我的申报到哪一步了'];
  const phrases = menuLines(role, level).flatMap(([say]) => say.split(' / '));
  return ['帮助', ...phrases.filter((say) => !say.startsWith('（') && !/\s/.test(say))];
}
