/**
 * 微信客服 pulls: a `kf_msg_or_event` callback carries no content, only a Token and the
 * OpenKfId; the messages are fetched with `kf/sync_msg` while `has_more`, starting from the
 * stored cursor. Each page's messages (as inbound rows `kf:<msgid>`) and its `next_cursor` are
 * committed together, so a failure mid-way resumes after the last stored page and nothing is
 * stored twice.
 *
 * @example
 *   const r = await syncer.sync('wkAbc', token, tokenReceivedAt);
 *   // { status: 'done', pages: 2, lanes: [{ channel: 'kf', sender: 'wmFarmer', sync: false }] } | { status: 'busy' }
 */
import { transaction, type Database } from '../../persistence/db.js';
import { storeInbound, type Lane } from '../../persistence/inbound.js';
import { claimKfCursor, releaseKfCursor, saveKfCursor } from '../../persistence/kf-cursor.js';
import { withRetry } from '../../persistence/sql.js';
import type { WeComApi } from '../wecom/api-types.js';
import type { Logger } from '../log.js';
import { inboundFromKf } from './parse.js';

export interface KfSyncDeps {
  db: Database;
  api: Pick<WeComApi, 'kfSyncMsg'>;
  instanceId: string;
  clock: () => number;
  log: Logger;
  leaseMs?: number;
  /** Messages per page (WeCom allows up to 1000). */
  pageLimit?: number;
  /** The callback Token is valid 10 minutes; past this age it is not sent (the call still works, rate-limited). */
  tokenTtlMs?: number;
}

export type SyncResult = { status: 'busy' } | { status: 'done'; pages: number; lanes: Lane[] };

class LeaseLost extends Error {}

export class KfSyncer {
  constructor(private readonly deps: KfSyncDeps) {}

  async sync(openKfid: string, token: string | null, tokenAt: number): Promise<SyncResult> {
    const { db, api, instanceId: me, clock, log } = this.deps;
    const leaseMs = this.deps.leaseMs ?? 10_000;
    const held = await withRetry(() => transaction(db, (tx) => claimKfCursor(tx, openKfid, me, clock(), leaseMs)));
    if (!held) return { status: 'busy' };
    let cursor = held.cursor;
    const lanes = new Map<string, Lane>();
    let pages = 0;
    try {
      for (;;) {
        const fresh = token && clock() - tokenAt < (this.deps.tokenTtlMs ?? 9 * 60_000);
        const page = await api.kfSyncMsg({ open_kfid: openKfid, limit: this.deps.pageLimit ?? 1000, ...(cursor ? { cursor } : {}), ...(fresh ? { token } : {}) });
        pages += 1;
        const next = page.next_cursor || cursor;
        await withRetry(() =>
          transaction(db, async (tx) => {
            const now = clock();
            for (const m of page.msg_list ?? []) {
              const item = inboundFromKf(m);
              if (!item) continue;
              const { created } = await storeInbound(tx, item, now);
              if (created) lanes.set(`${item.channel}:${item.sender}`, { channel: item.channel, sender: item.sender, sync: false });
            }
            if (next && !(await saveKfCursor(tx, openKfid, me, next, now, leaseMs))) throw new LeaseLost('kf cursor lease lost');
          }),
        );
        cursor = next;
        log.debug({ openKfid, pages, messages: page.msg_list?.length ?? 0 }, 'kf page stored');
        if (!page.has_more) break;
      }
    } finally {
      await withRetry(() => transaction(db, (tx) => releaseKfCursor(tx, openKfid, me))).catch((e: unknown) => log.warn({ err: e, openKfid }, 'kf cursor release failed'));
    }
    return { status: 'done', pages, lanes: [...lanes.values()] };
  }
}
