import { describe, expect, it } from 'vitest';
import type { Level, Role } from '../../src/domain/roles.js';
import { parseDepartment, parseRole, staffProblemText, validateStaff, type StaffProblem } from '../../src/domain/staff.js';
import type { Staff } from '../../src/domain/types.js';
import { DEMO, demoTree } from '../helpers/regions.js';

const tree = demoTree();
const codeAt: Record<Level, string> = { city: DEMO.city, town: DEMO.gjb, village: DEMO.lsj, grid: DEMO.lsjGrid1 };

function staff(role: Role, level: Level, over: Partial<Staff> = {}): Staff {
  return { userId: 'zhangsan', name: '张三', phone: '13812345678', role, jurisdiction: { level, code: codeAt[level] }, active: true, department: role === 'department' ? 'civil_affairs' : null, ...over };
}

describe('staff: role and jurisdiction level agree', () => {
  const allowed: Array<[Role, Level]> = [
    ['grid_worker', 'grid'],
    ['grid_worker', 'village'],
    ['village_cadre', 'village'],
    ['screening_team', 'village'],
    ['town_official', 'town'],
    ['city_bureau', 'city'],
    ['department', 'city'],
    ['admin', 'city'],
  ];
  const levels: Level[] = ['city', 'town', 'village', 'grid'];
  const roles: Role[] = ['grid_worker', 'village_cadre', 'screening_team', 'town_official', 'city_bureau', 'department', 'admin'];
  const table = roles.flatMap((role) => levels.map((level) => [role, level, allowed.some(([r, l]) => r === role && l === level)] as const));

  it.each(table)('%s at %s level → allowed %s', (role, level, ok) => {
    const problems = validateStaff(staff(role, level), tree);
    expect(problems.some((p) => p.code === 'STAFF.LEVEL_MISMATCH')).toBe(!ok);
    if (ok) expect(problems).toEqual([]);
  });

  it.each<[string, Partial<Staff>, Role, Level, StaffProblem[]]>([
    ['a department without department code', { department: null }, 'department', 'city', [{ code: 'STAFF.DEPARTMENT_REQUIRED' }]],
    ['a town official with a department', { department: 'education' }, 'town_official', 'town', [{ code: 'STAFF.DEPARTMENT_NOT_ALLOWED', role: 'town_official' }]],
    ['a bad UserID', { userId: '张 三' }, 'admin', 'city', [{ code: 'STAFF.BAD_USER_ID', userId: '张 三' }]],
    ['no name', { name: '' }, 'admin', 'city', [{ code: 'STAFF.NO_NAME' }]],
    ['a bad phone', { phone: '555' }, 'admin', 'city', [{ code: 'STAFF.BAD_PHONE' }]],
    ['an unknown region', { jurisdiction: { level: 'village', code: '999' } }, 'village_cadre', 'village', [{ code: 'STAFF.UNKNOWN_REGION', regionCode: '999' }]],
    ['a region of another level', { jurisdiction: { level: 'village', code: DEMO.gjb } }, 'village_cadre', 'village', [{ code: 'STAFF.REGION_LEVEL_MISMATCH', regionCode: DEMO.gjb, level: 'village', actual: 'town' }]],
  ])('refuses %s', (_what, over, role, level, problems) => {
    expect(validateStaff(staff(role, level, over), tree)).toEqual(problems);
  });

  it('checks regions only when given a tree', () => {
    expect(validateStaff(staff('village_cadre', 'village', { jurisdiction: { level: 'village', code: '999' } }))).toEqual([]);
  });

  it('words the level mismatch', () => {
    expect(staffProblemText({ code: 'STAFF.LEVEL_MISMATCH', role: 'grid_worker', level: 'town', allowed: ['grid', 'village'] })).toBe('网格员的所属区划应为网格或行政村，不能是镇街');
  });
});

describe('staff file values', () => {
  it.each<[string, Role | null]>([
    ['网格员', 'grid_worker'],
    ['村干部', 'village_cadre'],
    ['第一书记', 'screening_team'],
    ['驻村工作队员', 'screening_team'],
    ['镇街干部', 'town_official'],
    ['市乡村振兴局', 'city_bureau'],
    ['行业部门', 'department'],
    ['管理员', 'admin'],
    ['村长', null],
  ])('角色 %s → %s', (input, role) => {
    const r = parseRole(input);
    expect(r.ok ? r.value : null).toBe(role);
  });

  it.each([
    ['医保', 'medical_insurance'],
    ['医保局', 'medical_insurance'],
    ['应急管理局', 'emergency'],
    ['民政', 'civil_affairs'],
    ['财政局', null],
  ])('行业部门 %s → %s', (input, dept) => {
    const r = parseDepartment(input);
    expect(r.ok ? r.value : null).toBe(dept);
  });

  it('lists the accepted roles when one is unknown', () => {
    expect(parseRole('村长')).toEqual({ ok: false, message: '角色「村长」无法识别（可填：网格员、村干部、排查小组成员、镇街干部、市乡村振兴局、行业部门、管理员）' });
  });
});
