/**
 * The casework's view of the shared append-only history (src/persistence/history.ts): one row
 * per change of a lead, subject, screening record or problem — who, when, why, and the values
 * before and after. Nothing here ever updates or deletes a row.
 *
 * @example
 *   await appendHistory(tx, { entity: 'risk_lead', entityId: 3, actor: 'wangwu', at: now, reason: '入户核查', before, after });
 *   await historyOf(tx, 'risk_lead', 3)   // oldest first
 */
import type { Tx } from './db.js';
import { listHistory, recordHistory } from './history.js';
import type { HistoryRow } from './schemas/history.js';

export type CaseEntity = 'risk_lead' | 'monitoring_subject' | 'screening_record' | 'problem' | 'farmer_declaration' | 'farmer_binding' | 'campaign_activity' | 'case_request';

export interface CaseHistoryEntry {
  entity: CaseEntity;
  entityId: number;
  actor: string;
  at: number;
  reason: string;
  before: unknown;
  after: unknown;
}

/** A value that is not a record is kept under `value`, so every history side is a record. */
const asRecord = (v: unknown): Record<string, unknown> | null =>
  v === null || v === undefined ? null : typeof v === 'object' && !Array.isArray(v) ? (JSON.parse(JSON.stringify(v)) as Record<string, unknown>) : { value: v };

export async function appendHistory(tx: Tx, entry: CaseHistoryEntry): Promise<void> {
  await recordHistory(tx, { ...entry, before: asRecord(entry.before), after: asRecord(entry.after) });
}

/** Every change of one entity, oldest first. */
export function historyOf(tx: Tx, entity: CaseEntity, entityId: number): Promise<HistoryRow[]> {
  return listHistory(tx, entity, entityId);
}
