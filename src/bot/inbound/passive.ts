/**
 * The passive reply decision. A message answered quickly with exactly one plain text to its
 * (app) sender is answered in the HTTP response itself; its outbox row is switched
 * pending → passive in a conditional update, so the outbox sender never sends it too. The text
 * is kept on the inbound row: a WeCom retry of an answered message gets the same answer.
 *
 * @example
 *   const text = await takePassiveReply(db, finishedRow);   // '您好，王五…' or null (then answer empty)
 */
import type { Reply } from '../../flows/types.js';
import { transaction, type Database } from '../../persistence/db.js';
import { getInbound, setPassiveReply, type InboundRow } from '../../persistence/inbound.js';
import { findOutbox, markPassive } from '../../persistence/outbox.js';
import { withRetry } from '../../persistence/sql.js';
import { renderPassive } from '../wecom/render.js';

export async function takePassiveReply(db: Database, row: InboundRow): Promise<string | null> {
  if (row.channel !== 'app' || row.kind === 'kf_sync') return null;
  if (row.passiveReply !== null) return row.passiveReply;
  if (row.status !== 'done' && row.status !== 'failed') return null;
  const ids = row.outboxIds ?? [];
  if (ids.length === 0) return null;
  const taken = await withRetry(() =>
    transaction(db, async (tx) => {
      const toSender = (await findOutbox(tx, ids)).filter((o) => o.channel === 'app' && o.recipient === row.sender);
      if (toSender.length !== 1) return { text: null };
      const only = toSender[0]!;
      const reply = only.payload as Reply;
      // Plain text only (the brief of the passive path); the shared renderer applies WeCom's limits.
      const text = reply.type === 'text' ? renderPassive(reply) : null;
      if (text === null) return { text: null };
      if (!(await markPassive(tx, only.id))) return { text: null, lost: true };
      await setPassiveReply(tx, row.id, text);
      return { text };
    }),
  );
  if (!('lost' in taken)) return taken.text;
  // Someone else took the row first: either a simultaneous copy of this request (then it is
  // passive and we give the same answer) or the outbox sender (then it is not ours to answer).
  const now = await transaction(db, (tx) => getInbound(tx, row.id));
  return now?.passiveReply ?? null;
}
