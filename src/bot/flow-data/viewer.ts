/**
 * The sender of an app message as the access policy (`decideAccess`) sees them: the stored roster
 * row when there is one (it holds a 行业部门's department and whether the account is active), else
 * what the dispatcher knew. Farmers and unknown senders are not staff viewers.
 *
 * @example
 *   const viewer = await viewerOf(tx, actor);   // { kind: 'staff', staff: { userId: 'wangwu', role: 'grid_worker', … } } or null
 */
import type { Viewer } from '../../domain/access.js';
import type { Actor } from '../../flows/types.js';
import type { Tx } from '../../persistence/db.js';
import { getStaff } from '../../persistence/staff.js';

export type StaffViewer = Extract<Viewer, { kind: 'staff' }>;

export async function viewerOf(tx: Tx, actor: Actor): Promise<StaffViewer | null> {
  const s = actor.staff;
  if (actor.sender.channel !== 'app' || !s) return null;
  const stored = await getStaff(tx, s.userId);
  return { kind: 'staff', staff: stored ?? { userId: s.userId, role: s.role, jurisdiction: s.jurisdiction, active: true, department: null } };
}
