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
import { z } from 'zod';
import { decideAccess } from '../../domain/access.js';
import { DEPARTMENT, type Department } from '../../domain/catalog.js';
import { planWarnings, type WarningRow } from '../../domain/department-warning.js';
import { checkIdNumber } from '../../domain/id-number.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { campaignOf, leadConfigOf } from '../flow-data/field-views.js';
import { isDay } from '../../domain/shanghai-days.js';
import { WARNING_ROLES } from '../../flows/department/common.js';
import { getStaff } from '../../persistence/staff.js';
import { loadWarningLookups, recordWarnings } from '../../persistence/warnings.js';
import type { CommandFn } from '../dispatch/ports.js';

/** A command the actor may not perform, or with a malformed payload. */
export class DepartmentCommandError extends Error {
  constructor(readonly code: 'DEPARTMENT.NOT_ALLOWED' | 'DEPARTMENT.BAD_COMMAND', message: string) {
    super(`${code}: ${message}`);
    this.name = 'DepartmentCommandError';
  }
}

const warning = z.object({
  department: z.enum(DEPARTMENT.codes as [Department, ...Department[]]),
  warnedOn: z.string().refine(isDay),
  name: z.string().trim().min(1).max(32),
  idNumber: z.string().refine((s) => { const c = checkIdNumber(s); return c.ok && c.value === s; }),
  townName: z.string().max(64),
  villageName: z.string().max(64),
  reason: z.string().min(1).max(200),
  amountYuan: z.number().min(0).max(1e9).nullable(),
  remark: z.string().max(500),
});
const importSchema = z.object({
  kind: z.literal('department.import_warnings'),
  fileName: z.string().min(1).max(255),
  rows: z.array(z.object({ row: z.number().int().min(1), warning })).min(1).max(10_000),
});

export const departmentCommands: Record<string, CommandFn> = {
  'department.import_warnings': async (tx, cmd, ctx) => {
    const parsed = importSchema.safeParse(cmd);
    if (!parsed.success) throw new DepartmentCommandError('DEPARTMENT.BAD_COMMAND', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const c = parsed.data;
    const s = ctx.actor.staff;
    if (ctx.actor.sender.channel !== 'app' || !s) throw new DepartmentCommandError('DEPARTMENT.NOT_ALLOWED', `${cmd.kind}: not staff`);
    const stored = await getStaff(tx, s.userId);
    const viewer = { kind: 'staff' as const, staff: stored ?? { userId: s.userId, role: s.role, jurisdiction: s.jurisdiction, active: true, department: null } };
    if (!WARNING_ROLES.includes(viewer.staff.role)) throw new DepartmentCommandError('DEPARTMENT.NOT_ALLOWED', `${cmd.kind}: role ${viewer.staff.role}`);
    for (const d of new Set(c.rows.map((r) => r.warning.department))) {
      if (!decideAccess(viewer, 'write', { kind: 'warning', department: d }).allowed) throw new DepartmentCommandError('DEPARTMENT.NOT_ALLOWED', `${cmd.kind}: department ${d}`);
    }
    const rows = c.rows as WarningRow[];
    const lookups = await loadWarningLookups(tx, rows);
    await recordWarnings(tx, planWarnings(rows, lookups), { actor: s.userId, at: ctx.now, fileName: c.fileName, inboundId: ctx.inboundId }, leadConfigOf(await campaignOf(tx, shanghaiDay(ctx.now))), lookups.thresholds);
  },
};
