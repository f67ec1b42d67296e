/**
 * Who is told about a farmer's case (a declaration or a binding request) at once: the responsible
 * grid worker — the household's 联系干部 when it has one, else the grid workers of its grid, else
 * those of its village — then the village cadre(s); when nobody covers the village, the town
 * officials, so that no case is ever left without a reader. Only active staff.
 *
 * @example
 *   responsibleStaff(roster, tree, { cityCode: '610821', townCode: '610821101', villageCode: '610821101201', gridCode: '610821101201-01' }, 'wangwu')
 *   // [王五 (联系干部), 刘七 (村干部)]
 */
import type { RegionTree } from './hierarchy.js';
import type { Placement, Staff } from './types.js';

export function responsibleStaff(roster: readonly Staff[], tree: RegionTree, p: Placement, contactStaff: string | null): Staff[] {
  const active = roster.filter((s) => s.active);
  const at = (role: Staff['role'], level: Staff['jurisdiction']['level'], code: string | null) =>
    code === null ? [] : active.filter((s) => s.role === role && s.jurisdiction.level === level && s.jurisdiction.code === code);
  const contact = contactStaff ? active.filter((s) => s.userId === contactStaff) : [];
  const gridsOfVillage = new Set((tree.children.get(p.villageCode) ?? []).map((r) => r.code));
  const gridWorkers =
    contact.length > 0
      ? contact
      : at('grid_worker', 'grid', p.gridCode).length > 0
        ? at('grid_worker', 'grid', p.gridCode)
        : [...at('grid_worker', 'village', p.villageCode), ...active.filter((s) => s.role === 'grid_worker' && s.jurisdiction.level === 'grid' && gridsOfVillage.has(s.jurisdiction.code))];
  const cadres = at('village_cadre', 'village', p.villageCode);
  const found = [...gridWorkers, ...cadres];
  const chosen = found.length > 0 ? found : at('town_official', 'town', p.townCode);
  const seen = new Set<string>();
  return chosen.filter((s) => !seen.has(s.userId) && seen.add(s.userId));
}
