/**
 * Loading the demo city (`npx shouwang seed-demo`, and sandbox mode on an empty database): the
 * regions, the staff roster, the forty households, the campaign of the current year and the demo
 * casework, all in one transaction — it is there entirely or not at all.
 *
 * Idempotent: once the demo city is in the database, seeding again changes nothing (and so never
 * overwrites what people changed while trying the bot). It refuses a database that holds another
 * city: invented households do not belong next to real ones.
 *
 * @example
 *   await seedDemoCity(db, { now: Date.now() })   // { status: 'seeded', regions: 19, staff: 25, households: 40, campaign: '2026' }
 *   await seedDemoCity(db, { now: Date.now() })   // { status: 'already', … }
 */
import { defaultCampaignOf, type Campaign } from '../../domain/campaign.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { transaction, type Database } from '../../persistence/db.js';
import { saveCampaign } from '../../persistence/campaigns.js';
import { saveHouseholds } from '../../persistence/household-writes.js';
import { loadRegions, loadRegionTree, saveRegions } from '../../persistence/regions.js';
import { saveStaff } from '../../persistence/staff.js';
import { withRetry } from '../../persistence/sql.js';
import { seedDemoCasework } from './demo-casework.js';
import { DEMO_CITY_CODE, DEMO_REGIONS, DEMO_STAFF, demoHouseholds } from './demo-city.js';

export interface SeedResult {
  status: 'seeded' | 'already';
  regions: number;
  staff: number;
  households: number;
  /** The campaign key the demo screenings are filed under (the year). */
  campaign: string;
}

/** The database already holds another city; the demo city is not mixed into it. */
export class SeedRefusedError extends Error {
  readonly code = 'SEED.OTHER_CITY';
  constructor(readonly cities: string[]) {
    super(`数据库里已有其他城市（${cities.join('、')}），演示城市只能载入空库或沙盒库，未做任何改动。`);
    this.name = 'SeedRefusedError';
  }
}

/** The seed's 2022 campaign moved to `year` (same days of the year, same rhythm and limits). */
export function demoCampaign(year: number): Campaign {
  const c = defaultCampaignOf(year);
  return { ...c, name: `${c.name}（演示）` };
}

/** Whether the database holds no region at all (sandbox mode seeds only then). */
export async function isEmptyRegister(db: Database): Promise<boolean> {
  return (await loadRegions(db.manager)).length === 0;
}

export async function seedDemoCity(db: Database, opts: { now: number }): Promise<SeedResult> {
  const year = Number(shanghaiDay(opts.now).slice(0, 4));
  const households = demoHouseholds();
  const result = (status: SeedResult['status']): SeedResult => ({ status, regions: DEMO_REGIONS.length, staff: DEMO_STAFF.length, households: households.length, campaign: String(year) });
  return withRetry(() =>
    transaction(db, async (tx) => {
      const stored = await loadRegions(tx);
      const others = stored.filter((r) => r.level === 'city' && r.code !== DEMO_CITY_CODE);
      if (others.length > 0) throw new SeedRefusedError(others.map((r) => r.name));
      if (stored.some((r) => r.code === DEMO_CITY_CODE)) return result('already');
      const meta = { actor: 'system:seed-demo', at: opts.now, reason: '载入演示城市（虚构数据，供沙盒试用）' };
      await saveRegions(tx, DEMO_REGIONS, meta);
      await saveStaff(tx, DEMO_STAFF, meta, await loadRegionTree(tx));
      const saved = await saveHouseholds(tx, households, meta);
      await saveCampaign(tx, demoCampaign(year), meta);
      await seedDemoCasework(tx, { now: opts.now, campaign: String(year), householdIds: new Map(saved.map((s) => [s.code, s.id])) });
      return result('seeded');
    }),
  );
}
