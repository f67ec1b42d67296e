/**
 * EntitySchema of `case_request` (migration 1764301100000): 风险消除 proposals, 回退 and 清退
 * requests with their decisions, and the written request's bytes (base64) kept as evidence.
 */
import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { col } from '../columns.js';
import type { PlacementColumns, Versioned } from './casework.js';

const snake = (name: string, c: EntitySchemaColumnOptions): EntitySchemaColumnOptions => ({ ...c, name });

export interface CaseRequestRow extends PlacementColumns, Versioned {
  id: number;
  kind: string;
  subjectId: number;
  householdId: number;
  payload: unknown;
  requestedBy: string;
  requestedAt: number;
  day: string;
  publicityUntil: string | null;
  evidence: unknown;
  /** The written request's bytes, base64; never sent back in a reply. */
  evidenceContent: string | null;
  status: string;
  decisions: unknown;
}

export const CaseRequestSchema = new EntitySchema<CaseRequestRow>({
  name: 'CaseRequest',
  tableName: 'case_request',
  columns: {
    id: col.id(), kind: col.str(16), subjectId: snake('subject_id', col.int()), householdId: snake('household_id', col.int()),
    cityCode: snake('city_code', col.str(32)), townCode: snake('town_code', col.str(32)), villageCode: snake('village_code', col.str(32)), gridCode: snake('grid_code', col.str(48, true)),
    payload: col.json(), requestedBy: snake('requested_by', col.str(128)), requestedAt: snake('requested_at', col.instant()), day: col.day(), publicityUntil: snake('publicity_until', col.day(true)),
    evidence: col.json(true), evidenceContent: snake('evidence_content', col.text(true)), status: col.str(16), decisions: col.json(),
    version: col.int(), createdAt: snake('created_at', col.instant()), updatedAt: snake('updated_at', col.instant()),
  },
});
