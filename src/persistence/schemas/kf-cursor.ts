import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** Where `kf/sync_msg` resumes for one 微信客服 account; leased while a sync runs. */
export interface KfCursorRow {
  id: number;
  openKfid: string;
  nextCursor: string | null;
  claimedBy: string | null;
  claimedUntil: number | null;
  updatedAt: number;
}

export const KfCursorSchema = new EntitySchema<KfCursorRow>({
  name: 'KfCursor',
  tableName: 'kf_cursor',
  columns: {
    id: col.id(),
    openKfid: { ...col.str(64), name: 'open_kfid' },
    nextCursor: { ...col.str(255, true), name: 'next_cursor' },
    claimedBy: { ...col.str(64, true), name: 'claimed_by' },
    claimedUntil: { ...col.instant(true), name: 'claimed_until' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});
