import { beforeAll, expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { edgeKit, kfEvent, outboxOf, seal, T0, type Kit } from '../../helpers/edge-kit.js';
import { helpFlow, FARMER_MENU } from '../../../src/flows/help.js';
import type { KfMessage, KfSyncResult, WeComApi } from '../../../src/bot/wecom/api-types.js';
import { inputOf } from '../../../src/bot/inbound/parse.js';
import { InboundKfSessionClock } from '../../../src/bot/inbound/kf-session.js';
import { transaction } from '../../../src/persistence/db.js';
import { getKfCursor } from '../../../src/persistence/kf-cursor.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';

const KF = 'wkShenmuHelp';

/** kf/sync_msg over a fixed list: pages of 2, cursor = index; can be told to fail once on a cursor. */
class FakeKf implements Pick<WeComApi, 'kfSyncMsg'> {
  calls: Array<{ cursor?: string; token?: string }> = [];
  failOnceAt: string | null = null;
  constructor(readonly messages: KfMessage[]) {}
  async kfSyncMsg(req: { cursor?: string; token?: string; limit?: number; open_kfid: string }): Promise<KfSyncResult> {
    this.calls.push({ cursor: req.cursor, token: req.token });
    if (req.open_kfid !== KF) throw new Error('unknown open_kfid');
    if (this.failOnceAt !== null && (req.cursor ?? '') === this.failOnceAt) {
      this.failOnceAt = null;
      throw new Error('errcode -1 system busy');
    }
    const from = Number(req.cursor ?? 0);
    const page = this.messages.slice(from, from + 2);
    const next = from + page.length;
    return { next_cursor: String(next), has_more: next < this.messages.length ? 1 : 0, msg_list: page };
  }
}

const farmer = (msgid: string, content: string, extra: Partial<KfMessage> = {}): KfMessage => ({
  msgid, open_kfid: KF, external_userid: 'wmFarmerLi', send_time: T0 / 1000, origin: 3, msgtype: 'text', text: { content }, ...extra,
});

describeEachDatabase('微信客服 pulls', (db) => {
  let kit: Kit;
  let fake: FakeKf;
  beforeAll(() => {
    fake = new FakeKf([
      { msgid: 'e1', open_kfid: KF, send_time: T0 / 1000, origin: 4, msgtype: 'event', event: { event_type: 'enter_session', open_kfid: KF, external_userid: 'wmFarmerLi', scene: 'poster', scene_param: '610821101001', welcome_code: 'WELCOME1' } },
      farmer('f1', '你好'),
      { msgid: 's1', open_kfid: KF, send_time: T0 / 1000, origin: 5, msgtype: 'text', text: { content: '客服人员的话' }, servicer_userid: 'zhangsan' },
      farmer('f2', '申报困难', { text: { content: '申报困难', menu_id: 'declare' } }),
      farmer('f3', '帮助'),
    ]);
    fake.failOnceAt = '4';
    kit = edgeKit(db.ds(), { flows: [helpFlow], api: fake });
  });

  it('pulls page by page, keeps the cursor after every page, and resumes after a failure without duplicates', async () => {
    const res = await kit.post(seal(kfEvent(KF, 'TOKEN-1')));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await kit.edge.processor.idle();
    // Pages "0" and "2" were stored; the third call (cursor "4") failed.
    expect(fake.calls.map((c) => c.cursor ?? '')).toEqual(['', '2', '4']);
    expect(await transaction(kit.ds, (tx) => getKfCursor(tx, KF))).toBe('4');
    const trigger = await transaction(kit.ds, (tx) => orm(tx).getRepository(InboundSchema).findOne({ where: { kind: 'kf_sync' } }));
    expect(trigger).toMatchObject({ status: 'pending', attempts: 1 });
    expect(trigger?.error).toContain('system busy');

    kit.clock.now = T0 + 3_000;
    await kit.edge.sweeper.sweepOnce();
    await kit.edge.processor.idle();
    expect(fake.calls.map((c) => c.cursor ?? '')).toEqual(['', '2', '4', '4']);
    expect(fake.calls.every((c) => c.token === 'TOKEN-1')).toBe(true);
    expect(await transaction(kit.ds, (tx) => getKfCursor(tx, KF))).toBe('5');
    const rows = await transaction(kit.ds, (tx) => orm(tx).getRepository(InboundSchema).find({ where: { channel: 'kf' }, order: { id: 'ASC' } }));
    expect(rows.map((r) => [r.dedupeKey, r.status])).toEqual([
      [rows[0]!.dedupeKey, 'done'],
      ['kf:e1', 'done'],
      ['kf:f1', 'done'],
      ['kf:f2', 'done'],
      ['kf:f3', 'done'],
    ]);
    expect(rows[0]!.kind).toBe('kf_sync');
  });

  it('maps kf inputs: menu clicks keep menu_id, enter_session carries scene_param', async () => {
    const f2 = await transaction(kit.ds, (tx) => orm(tx).getRepository(InboundSchema).findOne({ where: { dedupeKey: 'kf:f2' } }));
    expect(inputOf(f2!)).toEqual({ type: 'text', text: '申报困难', menuId: 'declare' });
    const e1 = await transaction(kit.ds, (tx) => orm(tx).getRepository(InboundSchema).findOne({ where: { dedupeKey: 'kf:e1' } }));
    expect(inputOf(e1!)).toEqual({ type: 'event', event: 'enter_session', scene: '610821101001' });
  });

  it('replies to farmers carry origin_msg_id and open_kfid; the welcome carries its welcome_code', async () => {
    const welcome = await outboxOf(kit.ds, 'kf:e1');
    expect(welcome).toHaveLength(1);
    expect(welcome[0]).toMatchObject({ channel: 'kf', recipient: 'wmFarmerLi', openKfid: KF, originMsgId: 'e1' });
    expect(welcome[0]!.payload).toEqual({ ...FARMER_MENU, welcomeCode: 'WELCOME1' });
    // kf has no passive answer: nothing to hold back for.
    expect(welcome[0]!.nextAttemptAt).toBe(welcome[0]!.createdAt);
    const help = await outboxOf(kit.ds, 'kf:f3');
    expect(help.map((o) => [o.originMsgId, o.openKfid, o.payload])).toEqual([['f3', KF, FARMER_MENU]]);
    // Unmatched farmer text also gets the menu, never silence.
    expect((await outboxOf(kit.ds, 'kf:f1'))[0]?.payload).toEqual(FARMER_MENU);
  });

  it('tells the outbox sender when a farmer last wrote (for the 48-hour rule)', async () => {
    const clock = new InboundKfSessionClock(kit.ds);
    expect(await clock.lastFarmerMessageAt(KF, 'wmFarmerLi')).toBe(T0);
    expect(await clock.lastFarmerMessageAt(KF, 'wmNobody')).toBeNull();
    expect(await clock.lastFarmerMessageAt('wkOther', 'wmFarmerLi')).toBeNull();
  });

  it('a second trigger pulls only what is new', async () => {
    fake.messages.push(farmer('f4', '查询进度'));
    kit.clock.now = T0 + 11 * 60_000;
    await kit.post(seal(kfEvent(KF, 'TOKEN-2'), { timestamp: String(kit.clock.now / 1000) }));
    await kit.edge.processor.idle();
    expect(fake.calls.at(-1)).toEqual({ cursor: '5', token: 'TOKEN-2' });
    const rows = await transaction(kit.ds, (tx) => orm(tx).getRepository(InboundSchema).find({ where: { channel: 'kf', kind: 'message' } }));
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(['kf:f1', 'kf:f2', 'kf:f3', 'kf:f4']);
  });
});
