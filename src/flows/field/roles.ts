/**
 * Who may do what in the field (seed 四(二)): 网格员 and 其他村干部 screen general households
 * (附件3); the 排查小组 (镇街干部, 村党支部书记, 第一书记, 驻村工作队员) screens the ten key groups
 * (附件2, 4, 5) and holds the 研判会 with the village cadres; villages and towns report their
 * 动员部署 and 培训. The flows refuse, and the commands
 * check again, by these lists.
 *
 * @example
 *   FIELD_ROLES.general.includes('grid_worker')   // true
 */
import type { Role } from '../../domain/roles.js';

export const FIELD_ROLES = {
  general: ['grid_worker', 'village_cadre', 'screening_team'],
  key_group: ['screening_team', 'town_official'],
  /**
   * 回头看 (附件4) is the 排查小组's — 村党支部书记 (a village cadre here), 第一书记 and 驻村工作队员 —
   * and the town's, not a grid worker's: it may lead to 回退.
   */
  review: ['village_cadre', 'screening_team', 'town_official'],
  follow_up: ['village_cadre', 'screening_team', 'town_official'],
  todo: ['grid_worker', 'village_cadre', 'screening_team'],
  meeting: ['village_cadre', 'screening_team'],
  problem: ['grid_worker', 'village_cadre', 'screening_team', 'town_official'],
  /** 动员部署 and 培训人数 are the village's and the town's to report (seed 三(一)). */
  activity: ['village_cadre', 'screening_team', 'town_official'],
} as const satisfies Record<string, readonly Role[]>;
