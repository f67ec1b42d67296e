/**
 * Screening coverage (村不漏户、户不漏人): households and people screened this campaign over
 * those on the roster, for every grid, village, town and the city. Households screened but no
 * longer on the roster do not count: coverage is measured against the roster.
 *
 * @example
 *   coverage([{ householdId: 1, placement, people: 3 }, { householdId: 2, placement, people: 2 }], [1])
 *   // [{ level: 'city', code: '610821', households: 2, screenedHouseholds: 1, people: 5, screenedPeople: 3 }, …]
 */
import type { Level } from './roles.js';
import type { Placement } from './types.js';

/** One household of the roster as coverage needs it (people = 家庭人口). */
export interface RosterEntry {
  householdId: number;
  placement: Placement;
  people: number;
}

export interface CoverageCell {
  level: Level;
  code: string;
  households: number;
  screenedHouseholds: number;
  people: number;
  screenedPeople: number;
}

/** The region codes a placement belongs to, city first (grid left out when unknown). */
export function placementCodes(p: Placement): Array<{ level: Level; code: string }> {
  const out: Array<{ level: Level; code: string }> = [
    { level: 'city', code: p.cityCode },
    { level: 'town', code: p.townCode },
    { level: 'village', code: p.villageCode },
  ];
  if (p.gridCode) out.push({ level: 'grid', code: p.gridCode });
  return out;
}

const LEVEL_ORDER: Record<Level, number> = { city: 0, town: 1, village: 2, grid: 3 };

/** Coverage of every region present in the roster, ordered city → town → village → grid, then code. */
export function coverage(roster: RosterEntry[], screenedHouseholdIds: Iterable<number>): CoverageCell[] {
  const screened = new Set(screenedHouseholdIds);
  const cells = new Map<string, CoverageCell>();
  for (const h of roster) {
    const done = screened.has(h.householdId);
    for (const { level, code } of placementCodes(h.placement)) {
      const key = `${level}:${code}`;
      const cell = cells.get(key) ?? { level, code, households: 0, screenedHouseholds: 0, people: 0, screenedPeople: 0 };
      cell.households += 1;
      cell.people += h.people;
      if (done) {
        cell.screenedHouseholds += 1;
        cell.screenedPeople += h.people;
      }
      cells.set(key, cell);
    }
  }
  return [...cells.values()].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code));
}

/** Households of the roster not screened yet (the to-do list of a grid worker). */
export function unscreened(roster: RosterEntry[], screenedHouseholdIds: Iterable<number>): RosterEntry[] {
  const screened = new Set(screenedHouseholdIds);
  return roster.filter((h) => !screened.has(h.householdId));
}

/** Share screened, 0–1 (1 for an empty region: nothing is missing). */
export const coverageRatio = (c: Pick<CoverageCell, 'households' | 'screenedHouseholds'>): number => (c.households === 0 ? 1 : c.screenedHouseholds / c.households);
