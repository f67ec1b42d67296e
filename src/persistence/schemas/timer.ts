import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

export type TimerStatus = 'pending' | 'fired' | 'cancelled';

/** A due-time row: when `dueAt` passes, the sweeper turns it into a `timeout` input for its sender. */
export interface TimerRow {
  id: number;
  channel: 'app' | 'kf';
  sender: string;
  openKfid: string | null;
  /** The key the flow chose (unique per sender). */
  name: string;
  payload: unknown;
  dueAt: number;
  status: TimerStatus;
  /** The instance that fired it, and until when that claim held. */
  claimedBy: string | null;
  claimedUntil: number | null;
  createdAt: number;
  updatedAt: number;
  firedAt: number | null;
}

export const TimerSchema = new EntitySchema<TimerRow>({
  name: 'Timer',
  tableName: 'timer',
  columns: {
    id: col.id(),
    channel: col.str(8),
    sender: col.str(128),
    openKfid: { ...col.str(64, true), name: 'open_kfid' },
    name: col.str(64),
    payload: col.json(true),
    dueAt: { ...col.instant(), name: 'due_at' },
    status: col.str(12),
    claimedBy: { ...col.str(64, true), name: 'claimed_by' },
    claimedUntil: { ...col.instant(true), name: 'claimed_until' },
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
    firedAt: { ...col.instant(true), name: 'fired_at' },
  },
});
