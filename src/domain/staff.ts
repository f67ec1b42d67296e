/**
 * The staff roster: a WeCom UserID with a role and a jurisdiction that must agree — a 网格员 has a
 * grid (or a village, where grids are not named), a 村干部 or 排查小组成员 a village, a 镇街干部 a
 * town, 市乡村振兴局 and 管理员 the city, a 行业部门 staff member the city plus a department.
 *
 * @example
 *   validateStaff({ userId: 'zhangsan', name: '张三', phone: null, role: 'town_official',
 *                   jurisdiction: { level: 'village', code: '610821101201' }, active: true }, tree)
 *   // [{ code: 'STAFF.LEVEL_MISMATCH', role: 'town_official', level: 'village', allowed: ['town'] }]
 */
import { DEPARTMENT, type Department } from './catalog.js';
import { LEVEL_LABEL, type RegionTree } from './hierarchy.js';
import { normalizePhone } from './phone.js';
import type { Parsed } from './register-labels.js';
import { ROLE_LABEL, type Level, type Role } from './roles.js';
import type { Staff } from './types.js';

/** The jurisdiction levels each role may have. */
export const ROLE_LEVELS: Record<Role, readonly Level[]> = {
  grid_worker: ['grid', 'village'],
  village_cadre: ['village'],
  screening_team: ['village'],
  town_official: ['town'],
  city_bureau: ['city'],
  department: ['city'],
  admin: ['city'],
};

// WeCom UserIDs: 1–64 characters of letters, digits, '_', '-', '.', '@'.
const USER_ID_RE = /^[A-Za-z0-9_.@-]{1,64}$/;

export type StaffProblem =
  | { code: 'STAFF.BAD_USER_ID'; userId: string }
  | { code: 'STAFF.NO_NAME' }
  | { code: 'STAFF.BAD_PHONE' }
  | { code: 'STAFF.LEVEL_MISMATCH'; role: Role; level: Level; allowed: readonly Level[] }
  | { code: 'STAFF.DEPARTMENT_REQUIRED' }
  | { code: 'STAFF.DEPARTMENT_NOT_ALLOWED'; role: Role }
  | { code: 'STAFF.UNKNOWN_REGION'; regionCode: string }
  | { code: 'STAFF.REGION_LEVEL_MISMATCH'; regionCode: string; level: Level; actual: Level };

/** Every rule a staff record must hold; with a tree, the jurisdiction must also exist in it. */
export function validateStaff(s: Staff, tree?: RegionTree): StaffProblem[] {
  const problems: StaffProblem[] = [];
  if (!USER_ID_RE.test(s.userId)) problems.push({ code: 'STAFF.BAD_USER_ID', userId: s.userId });
  if (s.name.trim() === '') problems.push({ code: 'STAFF.NO_NAME' });
  if (s.phone !== null && !normalizePhone(s.phone).ok) problems.push({ code: 'STAFF.BAD_PHONE' });
  const allowed = ROLE_LEVELS[s.role];
  if (!allowed.includes(s.jurisdiction.level)) problems.push({ code: 'STAFF.LEVEL_MISMATCH', role: s.role, level: s.jurisdiction.level, allowed });
  if (s.role === 'department' && !s.department) problems.push({ code: 'STAFF.DEPARTMENT_REQUIRED' });
  if (s.role !== 'department' && s.department) problems.push({ code: 'STAFF.DEPARTMENT_NOT_ALLOWED', role: s.role });
  if (tree) {
    const region = tree.byCode.get(s.jurisdiction.code);
    if (!region) problems.push({ code: 'STAFF.UNKNOWN_REGION', regionCode: s.jurisdiction.code });
    else if (region.level !== s.jurisdiction.level) {
      problems.push({ code: 'STAFF.REGION_LEVEL_MISMATCH', regionCode: s.jurisdiction.code, level: s.jurisdiction.level, actual: region.level });
    }
  }
  return problems;
}

export function staffProblemText(p: StaffProblem): string {
  switch (p.code) {
    case 'STAFF.BAD_USER_ID':
      return `企业微信账号「${p.userId}」不合规（1–64位字母、数字或 _ - . @）`;
    case 'STAFF.NO_NAME':
      return '缺少姓名';
    case 'STAFF.BAD_PHONE':
      return '手机号格式不对';
    case 'STAFF.LEVEL_MISMATCH':
      return `${ROLE_LABEL[p.role]}的所属区划应为${p.allowed.map((l) => LEVEL_LABEL[l]).join('或')}，不能是${LEVEL_LABEL[p.level]}`;
    case 'STAFF.DEPARTMENT_REQUIRED':
      return '行业部门人员必须填写所属行业部门';
    case 'STAFF.DEPARTMENT_NOT_ALLOWED':
      return `${ROLE_LABEL[p.role]}不应填写行业部门`;
    case 'STAFF.UNKNOWN_REGION':
      return `所属区划 ${p.regionCode} 不存在`;
    case 'STAFF.REGION_LEVEL_MISMATCH':
      return `所属区划 ${p.regionCode} 是${LEVEL_LABEL[p.actual]}，不是${LEVEL_LABEL[p.level]}`;
  }
}

const ROLE_WORDS: ReadonlyArray<readonly [Role, readonly string[]]> = [
  ['grid_worker', ['网格员', '网格长', '信息员']],
  ['village_cadre', ['村干部', '村委会成员', '村会计', '村主任', '村委会主任']],
  // 村党支部书记, 第一书记 and 驻村工作队员 form the screening team with the town's cadres (seed 四(二)).
  ['screening_team', ['排查小组成员', '排查小组', '村党支部书记', '支部书记', '第一书记', '驻村工作队员', '驻村工作队']],
  ['town_official', ['镇街干部', '镇干部', '街道干部', '镇街工作人员']],
  ['city_bureau', ['市乡村振兴局', '乡村振兴局', '市局']],
  ['department', ['行业部门', '部门']],
  ['admin', ['管理员', '系统管理员']],
];

/** 角色 as written in the staff file. */
export function parseRole(input: string): Parsed<Role> {
  const v = input.trim().replace(/\s+/g, '');
  for (const [role, words] of ROLE_WORDS) if (words.includes(v)) return { ok: true, value: role };
  return { ok: false, message: `角色「${input.trim()}」无法识别（可填：${ROLE_WORDS.map(([r]) => ROLE_LABEL[r]).join('、')}）` };
}

const DEPARTMENT_ALIASES: Partial<Record<Department, string[]>> = {
  medical_insurance: ['医疗保障局', '医保局'],
  civil_affairs: ['民政局'],
  disabled_federation: ['残疾人联合会'],
  education: ['教育局', '教育和科技局'],
  human_resources: ['人社局', '人力资源和社会保障局'],
  housing: ['住建局', '住房和城乡建设局'],
  water: ['水利局'],
  emergency: ['应急', '应急局', '应急管理局'],
  public_security: ['公安局'],
  agriculture: ['农业农村局', '农业局'],
};

/** 行业部门 as written ("医保", "医保局", "民政局" …). */
export function parseDepartment(input: string): Parsed<Department> {
  const v = input.trim().replace(/\s+/g, '');
  for (const d of DEPARTMENT.codes) {
    if (DEPARTMENT.label[d] === v || (DEPARTMENT_ALIASES[d] ?? []).includes(v)) return { ok: true, value: d };
  }
  return { ok: false, message: `行业部门「${input.trim()}」无法识别（可填：${DEPARTMENT.codes.map((d) => DEPARTMENT.label[d]).join('、')}）` };
}
