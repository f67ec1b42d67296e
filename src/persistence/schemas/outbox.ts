import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'passive' | 'failed' | 'dropped';

export interface OutboxRow {
  id: number;
  /** Idempotency key; also the kf `msgid` (≤ 32 bytes). */
  idemKey: string;
  channel: 'app' | 'kf' | 'webhook';
  recipient: string;
  openKfid: string | null;
  /** The inbound message this answers (kf: at most 5 replies per farmer message). */
  originMsgId: string | null;
  payload: unknown;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  claimedBy: string | null;
  claimedUntil: number | null;
  createdAt: number;
  sentAt: number | null;
  lastError: string | null;
  /** WeCom messages this row became (counted by the rate limits). */
  partsSent: number;
  /** Parts already confirmed sent (a retry resumes after them). */
  partsDone: number;
  /** The last attempt may have reached WeCom: resend idempotently (kf msgid, app duplicate check). */
  uncertain: boolean;
  /** kf: the first row id of the batch this row was merged into. */
  batchId: number | null;
}

export const OutboxSchema = new EntitySchema<OutboxRow>({
  name: 'Outbox',
  tableName: 'outbox',
  columns: {
    id: col.id(),
    idemKey: { ...col.str(32), name: 'idem_key' },
    channel: col.str(8),
    recipient: col.str(128),
    openKfid: { ...col.str(64, true), name: 'open_kfid' },
    originMsgId: { ...col.str(128, true), name: 'origin_msg_id' },
    payload: col.json(),
    status: col.str(12),
    attempts: col.int(),
    nextAttemptAt: { ...col.instant(), name: 'next_attempt_at' },
    claimedBy: { ...col.str(64, true), name: 'claimed_by' },
    claimedUntil: { ...col.instant(true), name: 'claimed_until' },
    createdAt: { ...col.instant(), name: 'created_at' },
    sentAt: { ...col.instant(true), name: 'sent_at' },
    lastError: { ...col.text(true), name: 'last_error' },
    partsSent: { ...col.int(), name: 'parts_sent', default: 0 },
    partsDone: { ...col.int(), name: 'parts_done', default: 0 },
    uncertain: col.bool(),
    batchId: { ...col.int(true), name: 'batch_id' },
  },
});
