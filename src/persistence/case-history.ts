/**
 * The casework history: one append-only row per change of a lead, subject, screening record or
 * problem — who, when, why, and the state before and after. Shaped like the registers'
 * `recordHistory(tx, {entity, entityId, actor, at, reason, before, after})` so the two can be joined
 * by swapping `appendHistory` for it; nothing here ever updates or deletes a row.
 *
 * @example
 *   await appendHistory(tx, { entity: 'risk_lead', entityId: 3, actor: 'wangwu', at: now, reason: '入户核查', before, after });
 *   await historyOf(tx, 'risk_lead', 3)   // oldest first
 */
import type { Tx } from './db.js';
import { CaseHistorySchema, type CaseHistoryRow } from './schemas/casework.js';

export type CaseEntity = 'risk_lead' | 'monitoring_subject' | 'screening_record' | 'problem' | 'farmer_declaration' | 'farmer_binding';

export interface HistoryEntry {
  entity: CaseEntity;
  entityId: number;
  actor: string;
  at: number;
  reason: string;
  before: unknown;
  after: unknown;
}

/** The signature both history writers share. */
export type RecordHistory = (tx: Tx, entry: HistoryEntry) => Promise<void>;

export const appendHistory: RecordHistory = async (tx, entry) => {
  const row: Omit<CaseHistoryRow, 'id'> = { ...entry, before: entry.before ?? null, after: entry.after ?? null };
  await tx.getRepository(CaseHistorySchema).save(row);
};

/** Every change of one entity, oldest first. */
export async function historyOf(tx: Tx, entity: CaseEntity, entityId: number): Promise<CaseHistoryRow[]> {
  return tx.getRepository(CaseHistorySchema).find({ where: { entity, entityId }, order: { id: 'ASC' } });
}
