/**
 * The policy table (src/domain/roles.ts `POLICY`): what each role may do, read against the seed's
 * division of work, and that it is the only list of roles in the code — flows, commands and jobs
 * all read it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abilitiesOf, may, POLICY, ROLES, rolesThatMay, type Ability, type Role } from '../../src/domain/roles.js';
import { FIELD_ROLES } from '../../src/flows/field/roles.js';

const SRC = resolve(__dirname, '../../src');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
/** Source without comments (examples in comments may name roles). */
const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('who may do what', () => {
  it.each<[Role, Ability[]]>([
    ['grid_worker', ['screen_general', 'todo', 'report_problem', 'decide_binding', 'record_comparison']],
    ['village_cadre', ['screen_general', 'review', 'follow_up', 'todo', 'hold_meeting', 'report_problem', 'report_activity', 'decide_binding', 'confirm_village_week', 'view_reports', 'record_comparison', 'propose_case', 'request_revert']],
    ['screening_team', ['screen_general', 'screen_key_group', 'review', 'follow_up', 'todo', 'hold_meeting', 'report_problem', 'report_activity', 'confirm_village_week', 'view_reports', 'record_comparison', 'request_revert']],
    ['town_official', ['screen_key_group', 'review', 'follow_up', 'report_problem', 'report_activity', 'confirm_town_week', 'view_reports', 'oversee', 'record_comparison', 'propose_case', 'request_revert', 'town_review', 'escalate_overdue', 'follow_leads']],
    ['city_bureau', ['view_reports', 'oversee', 'send_warnings', 'read_all_warnings', 'request_revert', 'city_approve', 'follow_leads']],
    ['department', ['send_warnings']],
    ['admin', ['view_reports', 'oversee', 'send_warnings', 'read_all_warnings']],
  ])('%s', (role, abilities) => {
    expect(abilitiesOf(role)).toEqual(abilities);
    for (const a of Object.keys(POLICY) as Ability[]) expect(may(role, a), `${role} ${a}`).toBe(abilities.includes(a));
  });

  it('follows the seed: grid workers screen general households, only the screening team (and towns) the key groups', () => {
    expect(may('grid_worker', 'screen_general')).toBe(true);
    expect(may('grid_worker', 'screen_key_group')).toBe(false);
    expect(rolesThatMay('screen_key_group')).toEqual(['screening_team', 'town_official']);
    expect(rolesThatMay('hold_meeting')).toEqual(['village_cadre', 'screening_team']);
  });

  it('names only known roles, each once per row, and every row is somebody’s', () => {
    for (const [ability, roles] of Object.entries(POLICY)) {
      expect(roles.length, ability).toBeGreaterThan(0);
      expect(new Set(roles).size, ability).toBe(roles.length);
      for (const r of roles) expect(ROLES, ability).toContain(r);
    }
  });

  it('is what the field flows guard by', () => {
    expect(FIELD_ROLES).toEqual({
      general: POLICY.screen_general, key_group: POLICY.screen_key_group, review: POLICY.review, follow_up: POLICY.follow_up,
      todo: POLICY.todo, lead_visit: POLICY.todo, meeting: POLICY.hold_meeting, problem: POLICY.report_problem, activity: POLICY.report_activity,
    });
  });

  it('is the only list of roles in the code, and every row of it is used', () => {
    const role = `'(?:${ROLES.join('|')})'`;
    const list = new RegExp(`${role}\\s*,\\s*${role}`);
    const files = walk(SRC).filter((f) => !f.endsWith(join('domain', 'roles.ts')));
    // The staff import's Chinese titles for each role are a dictionary, not a permission.
    const lists = files.filter((f) => !f.endsWith(join('domain', 'staff.ts')) && list.test(code(f))).map((f) => relative(SRC, f));
    expect(lists).toEqual([]);
    const all = files.map(code).join('\n');
    const fieldNames: Partial<Record<Ability, string>> = Object.fromEntries(Object.entries(FIELD_ROLES).map(([k, v]) => [Object.entries(POLICY).find(([, r]) => r === v)![0], `FIELD_ROLES.${k}`]));
    for (const a of Object.keys(POLICY) as Ability[]) {
      const used = all.includes(`POLICY.${a}`) || all.includes(`'${a}'`) || (fieldNames[a] !== undefined && all.includes(fieldNames[a]));
      expect(used, a).toBe(true);
    }
  });
});
