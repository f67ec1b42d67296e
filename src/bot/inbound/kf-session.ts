/**
 * When did a farmer last write to a 微信客服 account? The outbox sender asks before each kf send
 * (WeCom allows replies only within 48 h of the farmer's last message). The answer comes from
 * the inbound log, where every pulled message is stored with WeCom's own `send_time`.
 *
 * @example
 *   const clock = new InboundKfSessionClock(db);
 *   await clock.lastFarmerMessageAt('wkAbc', 'wmFarmer')   // 1764302400000, or null if they never wrote
 */
import { transaction, type Database } from '../../persistence/db.js';
import { latestKfMessage } from '../../persistence/inbound.js';
import type { KfSessionClock } from '../outbox/sender.js';
import type { KfMessage } from '../wecom/api-types.js';

export class InboundKfSessionClock implements KfSessionClock {
  constructor(private readonly db: Database) {}

  async lastFarmerMessageAt(openKfid: string, externalUserId: string): Promise<number | null> {
    const row = await transaction(this.db, (tx) => latestKfMessage(tx, openKfid, externalUserId));
    if (!row) return null;
    // WeCom's send_time (seconds) or, if earlier or missing, our receipt time: the 48-hour
    // window is never overestimated.
    const sent = Number((row.message as unknown as KfMessage).send_time);
    return Number.isFinite(sent) && sent > 0 ? Math.min(sent * 1000, row.receivedAt) : row.receivedAt;
  }
}
