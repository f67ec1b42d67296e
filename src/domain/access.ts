/**
 * The access policy: ONE function, `decideAccess`, says whether a viewer may read or change a
 * household, a risk lead, a declaration, a department warning or a report of a region.
 *
 * Staff see by role and jurisdiction: a 网格员 their grid (or village when they hold one), 村干部
 * and 排查小组 their village, 镇街干部 their town, 市乡村振兴局 and 管理员 their whole city. A
 * 行业部门 sees only the warnings it sent (and the leads they became, read only) and the city-level
 * report of its own warnings. A farmer (微信客服 external_userid) sees only their own declarations
 * and the household they are bound to. Inactive staff see nothing.
 *
 * @example
 *   decideAccess({ kind: 'staff', staff: gridWorker }, 'read', { kind: 'household', householdId: 7, placement })
 *   // { allowed: true }  or  { allowed: false, reason: 'out_of_jurisdiction' }
 */
import type { Department, LeadSource } from './catalog.js';
import { may, type Jurisdiction } from './roles.js';
import type { Placement, Staff } from './types.js';

export type Viewer =
  | { kind: 'staff'; staff: Pick<Staff, 'userId' | 'role' | 'jurisdiction' | 'active' | 'department'> }
  | { kind: 'farmer'; externalUserId: string; boundHouseholdId: number | null };

export type Action = 'read' | 'write';

/** A node of the hierarchy by its path: the city and, going down, the codes that apply. */
export interface Scope {
  cityCode: string;
  townCode?: string | null;
  villageCode?: string | null;
  gridCode?: string | null;
}

export type Resource =
  | { kind: 'household'; householdId: number; placement: Placement }
  /** A risk lead is placed by its household; a farmer's declaration may not be placed yet (null). */
  | { kind: 'lead'; placement: Placement | null; source: LeadSource; department?: Department | null; declaredBy?: string | null }
  | { kind: 'declaration'; declaredBy: string; placement: Placement | null }
  | { kind: 'warning'; department: Department }
  /** A report (progress, problems, exports) of a region; `department` for a report of that department's warnings. */
  | { kind: 'report'; scope: Scope; department?: Department | null };

export type AccessDenial = 'inactive' | 'out_of_jurisdiction' | 'role' | 'not_own' | 'read_only';
export type AccessDecision = { allowed: true } | { allowed: false; reason: AccessDenial };

export const ACCESS_DENIAL_TEXT: Record<AccessDenial, string> = {
  inactive: '您的账号已停用，请联系管理员',
  out_of_jurisdiction: '该户/该地区不在您的辖区内，无法查看或修改',
  role: '您的角色无权查看或修改此项',
  not_own: '只能查看本人申报的事项和本人绑定的家庭',
  read_only: '您只能查看，不能修改此项',
};

const ALLOW: AccessDecision = { allowed: true };
const deny = (reason: AccessDenial): AccessDecision => ({ allowed: false, reason });

/** Whether a jurisdiction holds the node at `scope` (the node itself or anything below it). */
export function covers(j: Jurisdiction, scope: Scope): boolean {
  switch (j.level) {
    case 'city':
      return scope.cityCode === j.code;
    case 'town':
      return scope.townCode === j.code;
    case 'village':
      return scope.villageCode === j.code;
    case 'grid':
      return scope.gridCode === j.code;
  }
}

/** Decides one access. Every branch of the policy is here. */
export function decideAccess(viewer: Viewer, action: Action, resource: Resource): AccessDecision {
  return viewer.kind === 'farmer' ? farmerAccess(viewer, action, resource) : staffAccess(viewer.staff, action, resource);
}

function farmerAccess(f: Extract<Viewer, { kind: 'farmer' }>, action: Action, r: Resource): AccessDecision {
  switch (r.kind) {
    case 'declaration':
      return r.declaredBy === f.externalUserId ? ALLOW : deny('not_own');
    case 'lead':
      if (r.declaredBy !== f.externalUserId) return deny('not_own');
      return action === 'read' ? ALLOW : deny('read_only');
    case 'household':
      if (f.boundHouseholdId === null || f.boundHouseholdId !== r.householdId) return deny('not_own');
      return action === 'read' ? ALLOW : deny('read_only');
    case 'warning':
    case 'report':
      return deny('role');
  }
}

function staffAccess(s: Extract<Viewer, { kind: 'staff' }>['staff'], action: Action, r: Resource): AccessDecision {
  if (!s.active) return deny('inactive');
  if (s.role === 'department') return departmentAccess(s.department ?? null, s.jurisdiction, action, r);
  switch (r.kind) {
    case 'household':
      return covers(s.jurisdiction, r.placement) ? ALLOW : deny('out_of_jurisdiction');
    case 'lead':
    case 'declaration':
      // Not yet placed (人户分离, unknown household): only the city sees it until it is routed.
      if (r.placement === null) return s.jurisdiction.level === 'city' ? ALLOW : deny('out_of_jurisdiction');
      return covers(s.jurisdiction, r.placement) ? ALLOW : deny('out_of_jurisdiction');
    case 'warning':
      return may(s.role, 'read_all_warnings') ? ALLOW : deny('role');
    case 'report':
      return covers(s.jurisdiction, r.scope) ? ALLOW : deny('out_of_jurisdiction');
  }
}

function departmentAccess(own: Department | null, j: Jurisdiction, action: Action, r: Resource): AccessDecision {
  switch (r.kind) {
    case 'warning':
      return own !== null && r.department === own ? ALLOW : deny('not_own');
    case 'lead':
      if (r.source !== 'department_warning' || own === null || r.department !== own) return deny('not_own');
      // The village works the lead; the department follows it.
      return action === 'read' ? ALLOW : deny('read_only');
    case 'report': {
      const cityLevel = !r.scope.townCode && !r.scope.villageCode && !r.scope.gridCode;
      if (own === null || r.department !== own || !cityLevel || !covers(j, r.scope)) return deny('not_own');
      return action === 'read' ? ALLOW : deny('read_only');
    }
    case 'household':
    case 'declaration':
      return deny('role');
  }
}

/**
 * The part of the register a staff member may list, for building queries that agree with
 * `decideAccess` on households: everything in a node, or nothing.
 */
export function visibleScope(viewer: Viewer): { kind: 'node'; jurisdiction: Jurisdiction } | { kind: 'none' } {
  if (viewer.kind === 'farmer' || !viewer.staff.active || viewer.staff.role === 'department') return { kind: 'none' };
  return { kind: 'node', jurisdiction: viewer.staff.jurisdiction };
}
