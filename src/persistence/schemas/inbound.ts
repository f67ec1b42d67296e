import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** pending → processing → done | failed. */
export type InboundStatus = 'pending' | 'processing' | 'done' | 'failed';
/** What the row asks the processor to do. */
export type InboundKind = 'message' | 'event' | 'kf_sync' | 'timeout';

/** One authentic input, stored before the HTTP acknowledgement (the inbound log). */
export interface InboundRow {
  id: number;
  /** `app:msg:<MsgId>`, `app:evt:<FromUserName>:<CreateTime>:<Event>`, `kf:<msgid>`, `timer:<id>:<dueAt>`. */
  dedupeKey: string;
  kind: InboundKind;
  channel: 'app' | 'kf';
  /** UserID, external_userid, or (kf_sync) the open_kfid to pull. */
  sender: string;
  openKfid: string | null;
  msgType: string;
  /** The parsed message as JSON (all WeCom values kept as strings). */
  message: Record<string, unknown>;
  status: InboundStatus;
  attempts: number;
  claimedBy: string | null;
  claimedUntil: number | null;
  receivedAt: number;
  processedAt: number | null;
  error: string | null;
  /** Outbox rows produced by processing this input. */
  outboxIds: number[] | null;
  /** The passive reply given (inner XML content), so a WeCom retry gets the same answer. */
  passiveReply: string | null;
  /**
   * Where the input stands in its sender's order: when the person wrote it (WeCom CreateTime,
   * kf send_time, a timer's due time; epoch ms) then `orderKey` (the MsgId, zero-padded), then id.
   */
  orderAt: number;
  orderKey: string;
}

export const InboundSchema = new EntitySchema<InboundRow>({
  name: 'InboundMessage',
  tableName: 'inbound_message',
  columns: {
    id: col.id(),
    dedupeKey: { ...col.str(191), name: 'dedupe_key' },
    kind: col.str(12),
    channel: col.str(8),
    sender: col.str(128),
    openKfid: { ...col.str(64, true), name: 'open_kfid' },
    msgType: { ...col.str(32), name: 'msg_type' },
    message: col.json(),
    status: col.str(12),
    attempts: col.int(),
    claimedBy: { ...col.str(64, true), name: 'claimed_by' },
    claimedUntil: { ...col.instant(true), name: 'claimed_until' },
    receivedAt: { ...col.instant(), name: 'received_at' },
    processedAt: { ...col.instant(true), name: 'processed_at' },
    error: col.text(true),
    outboxIds: { ...col.json(true), name: 'outbox_ids' },
    passiveReply: { ...col.text(true), name: 'passive_reply' },
    orderAt: { ...col.instant(), name: 'order_at', default: 0 },
    orderKey: { ...col.str(32), name: 'order_key', default: '' },
  },
});
