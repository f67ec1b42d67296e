import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/**
 * One row per (channel, sender). `state` is the waiting flow's versioned JSON
 * ({flow, v, node, data, waitingSince}) or null; `recall` the last answer kept for a follow-up; `version` makes every write conditional; the
 * lease (`claimedBy`, `claimedUntil`) lets one instance at a time process this sender.
 */
export interface ConversationRow {
  id: number;
  channel: 'app' | 'kf';
  sender: string;
  state: object | null;
  /** The replies that asked the waiting question (sent again on "继续"). */
  prompt: unknown[] | null;
  /** A flow put aside when the user started another command: { state, prompt }. */
  suspended: { state: object; prompt: unknown[] } | null;
  /** The last answer remembered for a follow-up ({flow, v, data, at, until}; src/flows/types.ts `Recall`), or null. */
  recall: object | null;
  version: number;
  claimedBy: string | null;
  claimedUntil: number | null;
  updatedAt: number;
}

export const ConversationSchema = new EntitySchema<ConversationRow>({
  name: 'Conversation',
  tableName: 'conversation',
  columns: {
    id: col.id(),
    channel: col.str(8),
    sender: col.str(128),
    state: col.json(true),
    prompt: col.json(true),
    suspended: col.json(true),
    recall: col.json(true),
    version: col.int(),
    claimedBy: { ...col.str(64, true), name: 'claimed_by' },
    claimedUntil: { ...col.instant(true), name: 'claimed_until' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});
