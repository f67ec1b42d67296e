/**
 * The domain command of the department flows:
 *
 * - `department.import_warnings` { fileName, rows }: imports a warning list a 行业部门 (or the city
 *   bureau) sent in the chat. The rows were read and checked by the read port; here they are
 *   checked again (payload, who may send which department's warnings — a command is a write and
 *   never rests on the flow alone), planned against the register in THIS transaction
 *   (`planWarnings`, so a list sent twice opens nothing new) and written (`recordWarnings`: leads
 *   opened or joined, warning rows, history), with who (the sender), when (now) and why (the
 *   message that carried the file).
 *
 * @example
 *   await departmentCommands['department.import_warnings'](tx, { kind: 'department.import_warnings', fileName: '5月医保预警.xlsx', rows }, { actor, now, inboundId: 42 });
 */
import { decideAccess } from '../../domain/access.js';
import { planWarnings } from '../../domain/department-warning.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { risksOfNote } from '../../flows/understand/risks.js';
import { campaignOf, leadConfigOf } from '../flow-data/field-views.js';
import { getStaff } from '../../persistence/staff.js';
import { loadWarningLookups, recordWarnings } from '../../persistence/warnings.js';
import { checkedHandlers, type KindsOf } from './define.js';
import { may } from '../../domain/roles.js';

/** A command the actor may not perform, or with a malformed payload. */
export class DepartmentCommandError extends Error {
  constructor(readonly code: 'DEPARTMENT.NOT_ALLOWED' | 'DEPARTMENT.BAD_COMMAND', message: string) {
    super(`${code}: ${message}`);
    this.name = 'DepartmentCommandError';
  }
}

export const departmentCommands = checkedHandlers<KindsOf<'department'>>({
  'department.import_warnings': async (tx, c, ctx) => {
    const s = ctx.actor.staff;
    if (ctx.actor.sender.channel !== 'app' || !s) throw new DepartmentCommandError('DEPARTMENT.NOT_ALLOWED', `${c.kind}: not staff`);
    const stored = await getStaff(tx, s.userId);
    const viewer = { kind: 'staff' as const, staff: stored ?? { userId: s.userId, role: s.role, jurisdiction: s.jurisdiction, active: true, department: null } };
    if (!may(viewer.staff.role, 'send_warnings')) throw new DepartmentCommandError('DEPARTMENT.NOT_ALLOWED', `${c.kind}: role ${viewer.staff.role}`);
    for (const d of new Set(c.rows.map((r) => r.warning.department))) {
      if (!decideAccess(viewer, 'write', { kind: 'warning', department: d }).allowed) throw new DepartmentCommandError('DEPARTMENT.NOT_ALLOWED', `${c.kind}: department ${d}`);
    }
    const rows = c.rows;
    const lookups = await loadWarningLookups(tx, rows);
    await recordWarnings(tx, planWarnings(rows, lookups), { actor: s.userId, at: ctx.now, fileName: c.fileName, inboundId: ctx.inboundId }, leadConfigOf(await campaignOf(tx, shanghaiDay(ctx.now))), lookups.thresholds, risksOfNote);
  },}, (kind, issues) => new DepartmentCommandError('DEPARTMENT.BAD_COMMAND', `${kind}: ${issues}`));
