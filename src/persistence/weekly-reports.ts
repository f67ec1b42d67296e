/**
 * Weekly confirmations: a village's “本周上报” and a town's “周报”, one appended row each time
 * (a second confirmation in the same week is the correction; the latest one stands). What
 * “reported” means is decided in src/domain/weekly-report.ts; this file only stores and reads.
 *
 * @example
 *   await recordConfirmation(tx, { level: 'village', regionCode: '610821101201', week: '2022-W19', confirmedBy: 'liming',
 *     confirmedByName: '李明', confirmedAt: now, inboundId: 42, figures: ['是', 2, 3, 9, …] });
 *   const latest = await latestConfirmations(tx, '2022-W19', 'village', ['610821101201']);   // Map code → row
 */
import { In } from 'typeorm';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { WeeklyConfirmationSchema, type WeeklyConfirmationRow } from './schemas/official.js';

export type { WeeklyConfirmationRow };
export type ConfirmationInput = Omit<WeeklyConfirmationRow, 'id' | 'createdAt'>;

export async function recordConfirmation(tx: Tx, input: ConfirmationInput): Promise<WeeklyConfirmationRow> {
  const saved = await em(tx).getRepository(WeeklyConfirmationSchema).save({ ...input, createdAt: input.confirmedAt });
  return saved as WeeklyConfirmationRow;
}

/** The latest confirmation of each region of `codes` for a week (regions without one are absent). */
export async function latestConfirmations(tx: Tx, week: string, level: WeeklyConfirmationRow['level'], codes: readonly string[]): Promise<Map<string, WeeklyConfirmationRow>> {
  const out = new Map<string, WeeklyConfirmationRow>();
  for (let i = 0; i < codes.length; i += 500) {
    const batch = codes.slice(i, i + 500);
    const rows = await em(tx).getRepository(WeeklyConfirmationSchema).find({ where: { week, level, regionCode: In(batch) }, order: { confirmedAt: 'ASC', id: 'ASC' } });
    for (const r of rows) out.set(r.regionCode, r);
  }
  return out;
}

/** Every confirmation of one region, oldest first (the trail of corrections). */
export async function confirmationHistory(tx: Tx, level: WeeklyConfirmationRow['level'], regionCode: string): Promise<WeeklyConfirmationRow[]> {
  return em(tx).getRepository(WeeklyConfirmationSchema).find({ where: { level, regionCode }, order: { confirmedAt: 'ASC', id: 'ASC' } });
}
