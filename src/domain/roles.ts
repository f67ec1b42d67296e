/**
 * Staff roles and jurisdictions (SPEC.md §1). A jurisdiction is a node of the hierarchy
 * 市 → 镇街 → 行政村 → 网格, named by its level and code.
 */

/** 网格员, 村干部, 排查小组成员, 镇街干部, 市乡村振兴局, 行业部门, 管理员. */
export const ROLES = ['grid_worker', 'village_cadre', 'screening_team', 'town_official', 'city_bureau', 'department', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  grid_worker: '网格员',
  village_cadre: '村干部',
  screening_team: '排查小组成员',
  town_official: '镇街干部',
  city_bureau: '市乡村振兴局',
  department: '行业部门',
  admin: '管理员',
};

export type Level = 'city' | 'town' | 'village' | 'grid';

export interface Jurisdiction {
  level: Level;
  /** Code of the region node, e.g. '610821' (city), '610821101' (town). */
  code: string;
}
