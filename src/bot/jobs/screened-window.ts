/**
 * Keeps the screened households of the current campaign's window (src/persistence/screened-households.ts)
 * from the day the window is first needed: the sweeper (src/bot/inbound/sweeper.ts) looks every ten minutes whether
 * today's campaign has its window kept and, if not, builds it in a transaction of its own, outside
 * any conversation. At a campaign's start nothing is screened yet and the build is instant; after
 * an upgrade in the middle of a campaign it reads every screening once (about a minute for a
 * million households on MariaDB — docs/DEPLOY.md says to run `npx shouwang check --open` in a quiet
 * hour instead). Until then, progress answers count from the screenings, as before.
 *
 * @example
 *   if (await keepCurrentScreenedWindow(db, Date.now())) log.info('built');
 */
import type { Campaign } from '../../domain/campaign.js';
import { shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import { transaction, type Database, type Tx } from '../../persistence/db.js';
import { keepScreenedWindow, screenedWindowKept } from '../../persistence/screened-households.js';
import { campaignCode, campaignOf } from '../flow-data/field-views.js';
import { campaignWindow } from '../official/sources.js';

/** How often the sweeper looks whether the window is kept. */
export const SCREENED_WINDOW_EVERY_MS = 10 * 60_000;

/** Builds today's campaign's window of screened households when it is not kept yet; true when it built it. */
export async function keepCurrentScreenedWindow(db: Database, now: number): Promise<boolean> {
  const day = shanghaiDay(now);
  return transaction(db, async (tx) => keepWindowIn(tx, await campaignOf(tx, day), day));
}

/**
 * In `tx`: builds the window `campaign` counts on `day` when it is not kept yet (none before the
 * window starts); true when it built it. The sweeper's look and `npx shouwang check --open` share it.
 */
export async function keepWindowIn(tx: Tx, campaign: Campaign, day: Day): Promise<boolean> {
  const code = campaignCode(campaign);
  const { from } = campaignWindow(campaign, day);
  if (day < from || (await screenedWindowKept(tx, code, from))) return false;
  return keepScreenedWindow(tx, code, from);
}
