/**
 * The field flows' names for the rows of the policy table (src/domain/roles.ts `POLICY`), so a
 * flow says which of its forms it guards; the flows refuse, and the commands check again, by them.
 *
 * @example
 *   FIELD_ROLES.general.includes('grid_worker')   // true
 */
import { POLICY } from '../../domain/roles.js';

export const FIELD_ROLES = {
  general: POLICY.screen_general,
  key_group: POLICY.screen_key_group,
  review: POLICY.review,
  follow_up: POLICY.follow_up,
  todo: POLICY.todo,
  /** 入户核查 of a lead: whoever has it in their 待办 (grid workers, cadres, the screening team). */
  lead_visit: POLICY.todo,
  meeting: POLICY.hold_meeting,
  problem: POLICY.report_problem,
  activity: POLICY.report_activity,
} as const;
