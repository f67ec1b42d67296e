/**
 * The department of a warning list imported from the command line: `--department` by code
 * (`medical_insurance`) or Chinese name (医保, 医保局) fills empty 部门 cells; a `--by` who is
 * 行业部门 staff imports as their own department only, and may not name another (the same rules
 * as in the chat).
 *
 * @example
 *   await warningImportDepartment(db, 'yibao01', undefined)   // { ok: true, department: 'medical_insurance', only: 'medical_insurance' }
 *   await warningImportDepartment(db, 'import', '民政局')       // { ok: true, department: 'civil_affairs', only: null }
 */
import { DEPARTMENT, type Department } from '../../domain/catalog.js';
import { parseDepartment } from '../../domain/staff.js';
import type { Database } from '../../persistence/db.js';
import { getStaff } from '../../persistence/staff.js';

export async function warningImportDepartment(
  db: Database,
  by: string,
  named: string | undefined,
): Promise<{ ok: true; department: Department | null; only: Department | null } | { ok: false; message: string }> {
  let department: Department | null = null;
  if (named !== undefined) {
    const code = DEPARTMENT.codes.find((d) => d === named.trim());
    const parsed = code ? { ok: true as const, value: code } : parseDepartment(named);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    department = parsed.value;
  }
  const staff = await getStaff(db.manager, by);
  if (staff?.role !== 'department') return { ok: true, department, only: null };
  if (!staff.department) return { ok: false, message: `${by} 是行业部门人员，但人员名单中没有填写所属部门` };
  if (department && department !== staff.department) {
    return { ok: false, message: `${by} 属于${DEPARTMENT.label[staff.department]}，只能导入本部门的预警（--department ${DEPARTMENT.label[department]} 不符）` };
  }
  return { ok: true, department: staff.department, only: staff.department };
}
