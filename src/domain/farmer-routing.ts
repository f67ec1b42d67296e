/**
 * Who is told about a farmer's case (a declaration or a binding request) at once: the responsible
 * grid worker — the household's 联系干部 when it has one, else the grid workers of its grid, else
 * those of its village — then the village cadre(s); when nobody covers the village, the town
 * officials, so that no case is ever left without a reader. Only active staff.
 *
 * A job that asks this for many households at once (the daily 15-day clock, the weekly 帮扶
 * reminder) indexes the roster once (`indexRoster`) and asks the index (`responsibleIn`): a few
 * map look-ups per household instead of scans of the whole roster.
 *
 * @example
 *   responsibleStaff(roster, tree, { cityCode: '610821', townCode: '610821101', villageCode: '610821101201', gridCode: '610821101201-01' }, 'wangwu')
 *   // [王五 (联系干部), 刘七 (村干部)]
 *   const index = indexRoster(roster);
 *   for (const lead of leads) responsibleIn(index, tree, lead.placement, lead.contactStaff);
 */
import type { RegionTree } from './hierarchy.js';
import type { Level } from './roles.js';
import type { Placement, Staff } from './types.js';

/** The active staff of a roster by jurisdiction (level and code) and by UserID, in roster order. */
export interface RosterIndex {
  byPlace: ReadonlyMap<string, readonly Staff[]>;
  byUser: ReadonlyMap<string, Staff>;
  /** Each active person's place in the roster, so that merged lists keep the roster's order. */
  position: ReadonlyMap<string, number>;
}

const placeKey = (level: Level, code: string) => `${level}|${code}`;

export function indexRoster(roster: readonly Staff[]): RosterIndex {
  const byPlace = new Map<string, Staff[]>();
  const byUser = new Map<string, Staff>();
  const position = new Map<string, number>();
  roster.forEach((s, i) => {
    if (!s.active) return;
    const key = placeKey(s.jurisdiction.level, s.jurisdiction.code);
    const list = byPlace.get(key);
    if (list) list.push(s);
    else byPlace.set(key, [s]);
    if (!byUser.has(s.userId)) byUser.set(s.userId, s);
    if (!position.has(s.userId)) position.set(s.userId, i);
  });
  return { byPlace, byUser, position };
}

/** The active staff whose jurisdiction is exactly (`level`, `code`), in roster order. */
export function staffAt(index: RosterIndex, level: Level, code: string | null): readonly Staff[] {
  return code === null ? [] : (index.byPlace.get(placeKey(level, code)) ?? []);
}

export function responsibleIn(index: RosterIndex, tree: RegionTree, p: Placement, contactStaff: string | null): Staff[] {
  const at = (role: Staff['role'], level: Level, code: string | null) => staffAt(index, level, code).filter((s) => s.role === role);
  const contactRow = contactStaff ? index.byUser.get(contactStaff) : undefined;
  const contact = contactRow ? [contactRow] : [];
  const inGrid = at('grid_worker', 'grid', p.gridCode);
  const gridWorkers =
    contact.length > 0
      ? contact
      : inGrid.length > 0
        ? inGrid
        : [
            ...at('grid_worker', 'village', p.villageCode),
            ...(tree.children.get(p.villageCode) ?? []).flatMap((g) => at('grid_worker', 'grid', g.code)).sort((a, b) => (index.position.get(a.userId) ?? 0) - (index.position.get(b.userId) ?? 0)),
          ];
  const cadres = at('village_cadre', 'village', p.villageCode);
  const found = [...gridWorkers, ...cadres];
  const chosen = found.length > 0 ? found : at('town_official', 'town', p.townCode);
  const seen = new Set<string>();
  return chosen.filter((s) => !seen.has(s.userId) && seen.add(s.userId));
}

export function responsibleStaff(roster: readonly Staff[], tree: RegionTree, p: Placement, contactStaff: string | null): Staff[] {
  return responsibleIn(indexRoster(roster), tree, p, contactStaff);
}
