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
import { addDays, daysBetween, shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import { autocommit, transaction, type Database } from '../../persistence/db.js';
import { DEMO_SEED_ACTOR, getMonitoringLines, saveCampaign, setMonitoringLine } from '../../persistence/campaigns.js';
import { saveHouseholds } from '../../persistence/household-writes.js';
import { loadRegions, loadRegionTree, saveRegions } from '../../persistence/regions.js';
import { saveStaff } from '../../persistence/staff.js';
import type { Tx } from '../../persistence/db.js';
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

/** The day of the seed's 2022 campaign the demo is set at: screening under way, 19 days before it ends. */
const DEMO_ANCHOR: Day = '2022-05-12';

/**
 * The demo's campaign: the seed's 2022 calendar (same rhythm, limits and gaps between milestones)
 * moved so that `today` falls where 2022-05-12 fell — a campaign running now, whatever the month.
 * A campaign lies within its year, so near the year's ends the calendar is moved only as far as it
 * can go (in December the screening still runs, closer to its end; in January it has just begun).
 */
export function demoCampaign(today: Day): Campaign {
  const year = Number(today.slice(0, 4));
  const base = defaultCampaignOf(year);
  const anchor = `${year}${DEMO_ANCHOR.slice(4)}`;
  // How far the calendar may move and stay inside the year: 动员 no earlier than 1 Jan, 总结 no later than 31 Dec.
  const earliest = daysBetween(base.milestones.mobilization, `${year}-01-01`);
  const latest = daysBetween(base.milestones.summary, `${year}-12-31`);
  const shift = Math.min(latest, Math.max(earliest, daysBetween(anchor, today)));
  const move = (d: Day) => addDays(d, shift);
  const milestones = Object.fromEntries(Object.entries(base.milestones).map(([k, v]) => [k, typeof v === 'string' ? move(v) : { from: move(v.from), to: move(v.to) }]));
  return { ...base, name: `${base.name}（演示）`, milestones: milestones as Campaign['milestones'] };
}

/** Who the demo seed writes as; a monitoring line last set by it is the demo's, not an official figure. */
const DEMO_LINE_REASON = '演示城市的监测标准：沿用最近一年的数字，仅供试用，不是官方公布的标准';

/**
 * The demo's monitoring line for the campaign year when none is set: the latest known line carried
 * forward, so that income questions have a figure — marked (in its history) as the demo's, and
 * said to farmers as an example (`demoLineYears`), never as the year's official standard.
 */
async function seedDemoLine(tx: Tx, year: number, at: number): Promise<void> {
  const lines = await getMonitoringLines(tx);
  if (lines.some((l) => l.year === year)) return;
  const latest = [...lines].sort((a, b) => b.year - a.year)[0];
  if (latest) await setMonitoringLine(tx, year, latest.line, { actor: DEMO_SEED_ACTOR, at, reason: DEMO_LINE_REASON });
}

/** The years whose monitoring line the demo seed set (and nobody has set since). */
/** Whether the database holds no region at all (sandbox mode seeds only then). */
export async function isEmptyRegister(db: Database): Promise<boolean> {
  return (await loadRegions(autocommit(db))).length === 0;
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
      const meta = { actor: DEMO_SEED_ACTOR, at: opts.now, reason: '载入演示城市（虚构数据，供沙盒试用）' };
      await saveRegions(tx, DEMO_REGIONS, meta);
      await saveStaff(tx, DEMO_STAFF, meta, await loadRegionTree(tx));
      const saved = await saveHouseholds(tx, households, meta);
      await saveCampaign(tx, demoCampaign(shanghaiDay(opts.now)), meta);
      await seedDemoLine(tx, year, opts.now);
      await seedDemoCasework(tx, { now: opts.now, campaign: String(year), householdIds: new Map(saved.map((s) => [s.code, s.id])) });
      return result('seeded');
    }),
  );
}
