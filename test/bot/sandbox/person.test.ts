import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/domain/roles.js';
import { ROLE_ORDER, roleHints, roleLabel } from '../../../src/bot/sandbox/person.js';

describe('roles on the sandbox page', () => {
  it('lists farmers first, then every role of the roster', () => {
    expect(ROLE_ORDER).toEqual(['farmer', ...ROLES]);
    expect(ROLE_ORDER.map(roleLabel)).toEqual(['农户', '网格员', '村干部', '排查小组成员', '镇街干部', '市乡村振兴局', '行业部门', '管理员']);
  });

  it.each([
    ['grid_worker', ['帮助', '排查', '报问题', '待办']],
    ['town_official', ['帮助', '本镇进度', '哪些村还没报', '周报', '超期线索', '镇街审核']],
    ['department', ['帮助', '预警模板', '预警进度']],
    ['farmer', ['帮助', '我的申报到哪一步了']],
  ] as const)('%s may try the one-word commands of their menu, never a placeholder sentence', (role, hints) => {
    expect(roleHints(role)).toEqual(hints);
  });
});
