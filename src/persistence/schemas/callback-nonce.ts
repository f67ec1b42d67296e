import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** A (timestamp, nonce) pair seen on the callback, with the signature it came with. */
export interface CallbackNonceRow {
  id: number;
  timestamp: string;
  nonce: string;
  signature: string;
  seenAt: number;
}

export const CallbackNonceSchema = new EntitySchema<CallbackNonceRow>({
  name: 'CallbackNonce',
  tableName: 'callback_nonce',
  columns: {
    id: col.id(),
    timestamp: col.str(16),
    nonce: col.str(64),
    signature: col.str(64),
    seenAt: { ...col.instant(), name: 'seen_at' },
  },
});
