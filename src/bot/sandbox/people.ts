/**
 * The people one can be on the sandbox page, from the database: every active staff member of the
 * roster (internal app) and the demo farmers (微信客服), each with the place they answer for, in words.
 *
 * @example
 *   const people = await listPeople(db, DEMO_FARMERS);
 *   // [{ id: 'wmDemoFarmer01', channel: 'kf', name: '石秀英', role: 'farmer', roleLabel: '农户',
 *   //    where: '示范市 高家堡镇 石门村', note: '已绑定本户（户主 石秀英）', scene: '…' }, …]
 */
import { DEPARTMENT } from '../../domain/catalog.js';
import { pathOf, type RegionTree } from '../../domain/hierarchy.js';
import { ROLE_ORDER, roleHints, roleLabel, type DemoFarmer, type SandboxPerson } from './person.js';
import { autocommit, type Database } from '../../persistence/db.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { listStaff } from '../../persistence/staff.js';

/** "示范市 高家堡镇 石门村 第1网格" for a region code; the code itself when it is not in the tree. */
export function placeName(tree: RegionTree, code: string): string {
  const path = pathOf(tree, code);
  return path.length > 0 ? path.map((r) => r.name).join(' ') : code;
}

/**
 * Everyone one can be: the demo farmers, then the active staff by role. `extraHints` adds
 * sentences that fit this person's own place (a household of their grid, their town's name).
 */
export async function listPeople(db: Database, farmers: readonly DemoFarmer[], extraHints: (p: SandboxPerson) => string[] = () => []): Promise<SandboxPerson[]> {
  const tree = await loadRegionTree(autocommit(db));
  const staff = await listStaff(autocommit(db));
  const people: SandboxPerson[] = farmers.map((f) => ({
    id: f.externalUserId,
    channel: 'kf',
    name: f.name,
    role: 'farmer',
    roleLabel: roleLabel('farmer'),
    where: placeName(tree, f.villageCode),
    note: f.note,
    scene: f.villageCode,
    hints: roleHints('farmer', 'village'),
  }));
  for (const s of staff.filter((x) => x.active)) {
    people.push({
      id: s.userId,
      channel: 'app',
      name: s.name,
      role: s.role,
      roleLabel: roleLabel(s.role),
      where: placeName(tree, s.jurisdiction.code),
      note: s.department ? DEPARTMENT.label[s.department] : '',
      hints: roleHints(s.role, s.jurisdiction.level),
    });
  }
  for (const p of people) p.hints = [...new Set([...extraHints(p), ...p.hints])];
  const rank = (p: SandboxPerson) => ROLE_ORDER.indexOf(p.role);
  // Stable sort: within a role, the roster's order (by UserID) is kept.
  return people.sort((a, b) => rank(a) - rank(b));
}
