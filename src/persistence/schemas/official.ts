import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** A village's or town's confirmation of its figures for a report week (append-only). */
export interface WeeklyConfirmationRow {
  id: number;
  level: 'village' | 'town';
  regionCode: string;
  /** 'YYYY-Www' of the report deadline. */
  week: string;
  confirmedBy: string;
  confirmedByName: string;
  confirmedAt: number;
  /** The inbound message that caused it (the why); null for a system action. */
  inboundId: number | null;
  /** The 附件1 cells confirmed (PROGRESS_COLUMNS order). */
  figures: Array<string | number>;
  createdAt: number;
}

export const WeeklyConfirmationSchema = new EntitySchema<WeeklyConfirmationRow>({
  name: 'WeeklyConfirmation',
  tableName: 'weekly_confirmation',
  columns: {
    id: col.id(),
    level: col.str(8),
    regionCode: { ...col.str(32), name: 'region_code' },
    week: col.str(8),
    confirmedBy: { ...col.str(128), name: 'confirmed_by' },
    confirmedByName: { ...col.str(64), name: 'confirmed_by_name' },
    confirmedAt: { ...col.instant(), name: 'confirmed_at' },
    inboundId: { ...col.int(true), name: 'inbound_id' },
    figures: col.json(),
    createdAt: { ...col.instant(), name: 'created_at' },
  },
});
