import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

export interface HistoryRow {
  id: number;
  /** What changed: 'household', 'member', 'region', 'staff', 'campaign', 'income', 'monitoring_line', 'lead', … */
  entity: string;
  entityId: string;
  actor: string;
  at: number;
  reason: string;
  /** The changed fields before the change (null when the record was created). */
  before: Record<string, unknown> | null;
  /** The changed fields after the change. */
  after: Record<string, unknown> | null;
}

export const HistorySchema = new EntitySchema<HistoryRow>({
  name: 'History',
  tableName: 'history',
  columns: {
    id: col.id(),
    entity: col.str(32),
    entityId: { ...col.str(64), name: 'entity_id' },
    actor: col.str(128),
    at: col.instant(),
    reason: col.text(),
    before: { ...col.json(true), name: 'before_json' },
    after: { ...col.json(true), name: 'after_json' },
  },
});
