import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/domain/roles.js';
import { ROLE_ORDER, roleHints, roleLabel } from '../../../src/bot/sandbox/person.js';

describe('roles on the sandbox page', () => {
  it('lists farmers first, then every role of the roster', () => {
    expect(ROLE_ORDER).toEqual(['farmer', ...ROLES]);
    expect(ROLE_ORDER.map(roleLabel)).toEqual(['农户', '网格员', '村干部', '排查小组成员', '镇街干部', '市乡村振兴局', '行业部门', '管理员']);
  });

  it.each([
    ['grid_worker', 'grid', ['帮助', '排查', '待办', '报问题', '整改']],
    ['town_official', 'town', ['帮助', '重点户排查', '回头看', '跟踪', '报问题', '整改', '镇街审核', '周报', '本镇进度', '哪些村还没报', '超期线索', '排名', '督导名单']],
    ['department', 'city', ['帮助', '预警模板', '预警进度']],
    ['farmer', 'village', ['帮助', '我的申报到哪一步了']],
  ] as const)('%s may try the one-word commands of their menu, never a placeholder sentence', (role, level, hints) => {
    expect(roleHints(role, level)).toEqual(hints);
  });
});
