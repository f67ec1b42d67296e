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

/**
 * Who may do what: the one policy table. Flows refuse by it, command handlers check again by it,
 * system jobs pick their recipients by it and 帮助 lists only what a role may do. Where the seed
 * says it (四(二)): 网格员 and 其他村干部 screen general households (附件3); the 排查小组 (镇街干部,
 * 村党支部书记, 第一书记, 驻村工作队员) screens the ten key groups (附件2, 4, 5) and holds the 研判会
 * with the village cadres; villages and towns report their 动员部署 and 培训 (三(一)) and their
 * weekly figures (四); the city bureau oversees and ranks (五). Jurisdiction (which households,
 * which places) is the other half of every decision: `decideAccess` in access.ts.
 */
export const POLICY = {
  /** 一般户排查 (附件3). */
  screen_general: ['grid_worker', 'village_cadre', 'screening_team'],
  /** 重点户排查 (附件2). */
  screen_key_group: ['screening_team', 'town_official'],
  /**
   * 回头看 of eliminated subjects (附件4): the 排查小组's — 村党支部书记 (a village cadre here), 第一书记
   * and 驻村工作队员 — and the town's, not a grid worker's: it may lead to 回退.
   */
  review: ['village_cadre', 'screening_team', 'town_official'],
  /** 帮扶跟踪 of open subjects (附件5). */
  follow_up: ['village_cadre', 'screening_team', 'town_official'],
  /** 待办: the households still to screen and the cases due. */
  todo: ['grid_worker', 'village_cadre', 'screening_team'],
  /** The Thursday 研判会: its agenda is pushed to them, they record its verdicts. */
  hold_meeting: ['village_cadre', 'screening_team'],
  /** 报问题 and 整改销号 (附件6). */
  report_problem: ['grid_worker', 'village_cadre', 'screening_team', 'town_official'],
  /** 动员部署 and 培训人数 (附件1). */
  report_activity: ['village_cadre', 'screening_team', 'town_official'],
  /** Confirming a farmer's request to be bound to a household. */
  decide_binding: ['grid_worker', 'village_cadre'],
  /** 本周上报: a village's weekly figures (and its reminder before the deadline). */
  confirm_village_week: ['village_cadre', 'screening_team'],
  /** 周报: a town's Friday report (its draft and reminder too). */
  confirm_town_week: ['town_official'],
  /** Progress, charts, who has not reported, overdue leads, the forms — of their own place. */
  view_reports: ['village_cadre', 'screening_team', 'town_official', 'city_bureau', 'admin'],
  /** 排名通报, 零问题村, 督导名单. */
  oversee: ['town_official', 'city_bureau', 'admin'],
  /** Sending department warning lists and following them. */
  send_warnings: ['department', 'city_bureau', 'admin'],
  /** Every department's warnings (a department sees only its own). */
  read_all_warnings: ['city_bureau', 'admin'],
  /** 信息比对 recorded when it is done (it runs alongside the procedure, before 镇街审核). */
  record_comparison: ['grid_worker', 'village_cadre', 'screening_team', 'town_official'],
  /** 风险消除 (自然消除) proposals and 清退 written requests of the village. */
  propose_case: ['village_cadre', 'town_official'],
  /** The 回退 a 回头看 asks for. */
  request_revert: ['screening_team', 'village_cadre', 'town_official', 'city_bureau'],
  /** 镇街审核: identifications after 公示, 风险消除, 回退 and 清退 requests. */
  town_review: ['town_official'],
  /** 市级审批与公告, and the city's approval of 清退. */
  city_approve: ['city_bureau'],
  /** Told when a lead of their town passes its 15-day deadline. */
  escalate_overdue: ['town_official'],
  /** Where a household's lead stands (线索进展), asked by the town and the city beside those who record its steps. */
  follow_leads: ['town_official', 'city_bureau'],
} as const satisfies Record<string, readonly Role[]>;

export type Ability = keyof typeof POLICY;

/** Whether a role may do it. */
export function may(role: Role, ability: Ability): boolean {
  return (POLICY[ability] as readonly Role[]).includes(role);
}

/** The roles that may do it, in the table's order. */
export function rolesThatMay(ability: Ability): readonly Role[] {
  return POLICY[ability];
}

/** Everything a role may do, in the table's order. */
export function abilitiesOf(role: Role): Ability[] {
  return (Object.keys(POLICY) as Ability[]).filter((a) => may(role, a));
}
