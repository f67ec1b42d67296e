import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { FakeWeCom } from '../../../src/bot/fake-wecom/index.js';
import { farmerEnter, farmerMessage } from '../../../src/bot/fake-wecom/kf.js';
import { HttpWeComApi } from '../../../src/bot/wecom/api.js';
import { kfMsgId, OutboxSender, type KfSessionClock, type OutboxSenderOptions } from '../../../src/bot/outbox/sender.js';
import { claimOutbound, enqueueOutbound, type OutboundItem } from '../../../src/persistence/outbox.js';
import { OutboxSchema, type OutboxRow } from '../../../src/persistence/schemas/outbox.js';
import type { Reply } from '../../../src/flows/types.js';
import { openDatabase } from '../../../src/persistence/data-source.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { CAMPAIGN_MONDAY, frozenClock } from '../../helpers/clock.js';

const CORP = 'wwshouwang';
const KF = 'wkShouwangKf';
const HOUR = 3_600_000;

describeEachDatabase('outbox sender', (db) => {
  const clock = frozenClock(CAMPAIGN_MONDAY);
  let fake: FakeWeCom;
  let api: HttpWeComApi;
  // The inbound side stores when each farmer last wrote; here the fake's own record plays it.
  const kfClock: KfSessionClock = { lastFarmerMessageAt: async (k, u) => fake.state.kfSession(k, u).lastFarmerAt };

  beforeAll(async () => {
    fake = new FakeWeCom({ corpId: CORP, agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret', now: clock.now, openKfIds: [KF] });
    const apiBase = await fake.start();
    api = new HttpWeComApi({ apiBase, corpId: CORP, agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret', now: clock.now, sleep: async () => {} });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(async () => {
    // Each test starts from an empty outbox and a fresh fake (test data only).
    await orm(db.ds()).query('DELETE FROM outbox');
    clock.advance(10 * HOUR); // every test in its own hour: no rate window carries over
  });

  const sender = (over: Partial<OutboxSenderOptions> = {}) => new OutboxSender({ db: db.ds(), api, kfClock, now: clock.now, ...over });
  const text = (t: string): Reply => ({ type: 'text', text: t });
  const enqueue = (items: OutboundItem[]) => enqueueOutbound(db.ds().manager, items, clock.now());
  const rows = () => orm(db.ds()).getRepository(OutboxSchema).find({ order: { id: 'ASC' } });
  /** Ticks until nothing is due; returns how many batches each sender claimed. */
  async function drain(...senders: OutboxSender[]): Promise<number[]> {
    const claimed = senders.map(() => 0);
    for (let i = 0; i < 500; i++) {
      const results = await Promise.all(senders.map((s) => s.tick()));
      results.forEach((r, j) => (claimed[j] = (claimed[j] ?? 0) + r.claimed));
      if (results.every((r) => r.claimed === 0)) return claimed;
    }
    throw new Error('the outbox did not drain');
  }
  const uid = (name: string) => `${name}_${clock.now()}`;

  it('sends each row once, in order per recipient, with two senders on one database', async () => {
    const users = Array.from({ length: 6 }, (_, i) => uid(`grid${i}`));
    const items: OutboundItem[] = [];
    for (let n = 1; n <= 5; n++) for (const u of users) items.push({ channel: 'app', recipient: u, payload: text(`${u} 第${n}条`) });
    await enqueue(items);
    // The second instance has its own connection, as a second process would.
    const other = await openDatabase(db.url(), { migrate: false });
    try {
      const a = sender({ owner: 'a', headsPerTick: 2 });
      const b = sender({ owner: 'b', db: other, headsPerTick: 2 });
      // Each takes a turn alone first (so both surely hold rows, however a loaded machine orders
      // the race), then they race for the rest.
      const alone = [(await a.tick()).claimed, (await b.tick()).claimed];
      const raced = await drain(a, b);
      const claimed = [alone[0]! + (raced[0] ?? 0), alone[1]! + (raced[1] ?? 0)];
      expect(claimed.every((n) => n > 0)).toBe(true); // both really sent
      expect(claimed[0]! + claimed[1]!).toBe(30); // and no row was claimed twice
    } finally {
      await other.destroy();
    }
    for (const u of users) expect(fake.state.texts(u)).toEqual([1, 2, 3, 4, 5].map((n) => `${u} 第${n}条`));
    expect((await rows()).map((r) => r.status)).toEqual(Array(30).fill('sent'));
    expect(fake.state.callsTo('message/send')).toBeGreaterThanOrEqual(30);
  });

  it('defers the 31st message to a member within a minute instead of letting WeCom drop it', async () => {
    const u = uid('busy');
    await enqueue(Array.from({ length: 31 }, (_, i) => ({ channel: 'app' as const, recipient: u, payload: text(`提醒${i + 1}`) })));
    const start = clock.now();
    await drain(sender());
    expect(fake.state.texts(u)).toHaveLength(30);
    expect(fake.state.dropped.filter((d) => d.to === u)).toEqual([]);
    const last = (await rows())[30] as OutboxRow;
    expect(last.status).toBe('pending');
    expect(last.nextAttemptAt).toBe(start + 60_001);
    clock.advance(60_001);
    await drain(sender());
    expect(fake.state.texts(u).at(-1)).toBe('提醒31');
  });

  it('resends a row found in sending after a crash once, with the duplicate check, and WeCom delivers it once', async () => {
    const u = uid('crash');
    await enqueue([{ channel: 'app', recipient: u, payload: text('请周四前完成研判') }]);
    // A sender claims the row, sends it, and dies before recording it.
    const [batch] = await claimOutbound(db.ds(), { owner: 'dead', now: clock.now(), leaseMs: 60_000, limit: 10 });
    expect(batch?.head.status).toBe('sending');
    await api.sendMessage({ touser: u, msgtype: 'text', text: { content: '请周四前完成研判' } });
    clock.advance(30_000);
    expect((await sender().tick()).claimed).toBe(0); // the lease still holds
    clock.advance(31_000);
    await drain(sender());
    expect(fake.state.texts(u)).toEqual(['请周四前完成研判']);
    const resend = fake.state.requests.filter((r) => r.api === 'message/send' && (r.body as { touser: string }).touser === u);
    expect(resend.map((r) => (r.body as { enable_duplicate_check?: number }).enable_duplicate_check)).toEqual([undefined, 1]);
    expect(fake.state.dropped.filter((d) => d.to === u).map((d) => d.reason)).toEqual(['duplicate']);
    expect((await rows())[0]?.status).toBe('sent');
  });

  it('another reply that reads the same as one sent a minute ago still arrives, marked; two minutes on it goes as it is', async () => {
    const u = uid('again');
    const words = '发送“进度”查看本村排查进度。';
    const help = text(words);
    const s = sender();
    await enqueue([{ channel: 'app', recipient: u, payload: help }]);
    await drain(s);
    clock.advance(60_000);
    // The same words for another question, then the same again.
    await enqueue([{ channel: 'app', recipient: u, payload: help }]);
    await drain(s);
    await enqueue([{ channel: 'app', recipient: u, payload: help }]);
    await drain(s);
    clock.advance(121_000);
    await enqueue([{ channel: 'app', recipient: u, payload: help }]);
    await drain(s);
    const at = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(11, 16);
    const first = clock.now() - 181_000;
    expect(fake.state.texts(u)).toEqual([words, `${words}\n（与${at(first)}的回复相同）`, `${words}\n（与${at(first)}的回复相同，第3次）`, words]);
    expect(fake.state.dropped.filter((d) => d.to === u)).toEqual([]);
  });

  it('treats a lost answer as uncertain: the retry uses the duplicate check', async () => {
    const u = uid('lost');
    await enqueue([{ channel: 'app', recipient: u, payload: text('已收到您的排查记录') }]);
    fake.state.failNext('message/send', 'lost');
    const r1 = await sender().tick();
    expect(r1.retried).toBe(1);
    const row = (await rows())[0] as OutboxRow;
    expect(row).toMatchObject({ status: 'pending', attempts: 1, uncertain: true });
    clock.advance(2_000);
    await drain(sender());
    expect(fake.state.texts(u)).toEqual(['已收到您的排查记录']);
  });

  it('backs off on busy answers and fails a row after the maximum of tries', async () => {
    const u = uid('down');
    await enqueue([{ channel: 'app', recipient: u, payload: text('通知') }]);
    fake.state.failNext('message/send', -1, 6); // the client tries 3 times per attempt
    const s = sender({ maxAttempts: 2, backoffBaseMs: 1000 });
    expect((await s.tick()).retried).toBe(1);
    // Back-off of 1 s, jittered ±50 % so that many rows do not come back in step.
    const next = (await rows())[0]?.nextAttemptAt ?? 0;
    expect(next - clock.now()).toBeGreaterThanOrEqual(500);
    expect(next - clock.now()).toBeLessThanOrEqual(1500);
    clock.advance(1500);
    expect((await s.tick()).failed).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(fake.state.texts(u)).toEqual([]);
  });

  it('a token-expiry storm, busy and lost answers: retried until sent, once, every send with the duplicate check', async () => {
    const u = uid('storm');
    await enqueue([1, 2, 3].map((n) => ({ channel: 'app' as const, recipient: u, payload: text(`第${n}条`) })));
    // More 42001s than one call refreshes through, then busy beyond one call's tries, then a lost answer.
    fake.state.failNext('message/send', 42001, 5);
    fake.state.failNext('message/send', -1, 4);
    fake.state.failNext('message/send', 'lost', 1);
    const s = sender({ backoffBaseMs: 10 });
    for (let i = 0; i < 20 && (await rows()).some((r) => r.status !== 'sent'); i++) {
      await s.tick();
      clock.advance(60_000);
    }
    expect((await rows()).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(fake.state.texts(u)).toEqual(['第1条', '第2条', '第3条']);
    const sends = fake.state.requests.filter((r) => r.api === 'message/send' && (r.body as { touser?: string }).touser === u);
    expect(sends.length).toBeGreaterThan(3);
    expect(sends.every((r) => (r.body as { enable_duplicate_check?: number }).enable_duplicate_check === 1)).toBe(true);
  });

  it('a send that cannot succeed fails at once, and the office is told', async () => {
    const u = uid('toolong');
    await enqueue([{ channel: 'app', recipient: u, payload: text('通知') }]);
    fake.state.failNext('message/send', 40058, 1);
    const told: string[] = [];
    const logged: string[] = [];
    const log = { info: () => {}, warn: () => {}, error: (_o: object, msg?: string) => void logged.push(msg ?? '') };
    expect((await sender({ onFailed: (row, reason) => told.push(`${row.recipient}: ${reason}`), log }).tick()).failed).toBe(1);
    expect(told).toEqual([expect.stringContaining(u)]);
    expect(logged[0]).toContain('消息发送失败');
    expect((await rows())[0]).toMatchObject({ status: 'failed' });
  });

  it('drops kf replies when the farmer last wrote more than 48 hours ago', async () => {
    const f = uid('wmOld');
    farmerMessage(fake.state, KF, f, '你好');
    clock.advance(48 * HOUR + 1);
    await enqueue([{ channel: 'kf', recipient: f, openKfid: KF, payload: text('您的申报已受理') }]);
    const callsBefore = fake.state.callsTo('kf/send_msg');
    const r = await sender().tick();
    expect(r.dropped).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'dropped', lastError: expect.stringContaining('48小时') });
    expect(fake.state.callsTo('kf/send_msg')).toBe(callsBefore);
  });

  it('answers a farmer entering the chat with the welcome_code, before they wrote anything; an expired code falls back to the 48-hour rule', async () => {
    const f = uid('wmNew');
    const welcome = (code: string): OutboundItem => ({ channel: 'kf', recipient: f, openKfid: KF, originMsgId: `e_${code}`, payload: { type: 'text', text: '您好！请点选您要办的事', welcomeCode: code } as Reply });
    farmerEnter(fake.state, KF, f, '610821101001');
    const [code] = [...fake.state.welcomeCodes.entries()].filter(([, c]) => c.externalUserId === f).map(([k]) => k);
    await enqueue([welcome(code!)]);
    await drain(sender());
    expect(fake.state.deliveries(f).map((d) => [d.via, d.text])).toEqual([['welcome', '您好！请点选您要办的事']]);
    expect((await rows())[0]).toMatchObject({ status: 'sent', partsSent: 1 });

    // A code past its 20 seconds: WeCom refuses it, and a farmer who never wrote cannot be answered.
    farmerEnter(fake.state, KF, f, '610821101001');
    const [late] = [...fake.state.welcomeCodes.entries()].filter(([, c]) => c.externalUserId === f && !c.used).map(([k]) => k);
    clock.advance(21_000);
    await enqueue([welcome(late!)]);
    await drain(sender());
    expect(fake.state.deliveries(f)).toHaveLength(1);
    expect((await rows())[1]).toMatchObject({ status: 'dropped', lastError: expect.stringContaining('48小时') });
  });

  it('merges a farmer\'s replies and never sends more than 5 per farmer message', async () => {
    const f = uid('wmFarmer');
    farmerMessage(fake.state, KF, f, '我想申报');
    const origin = 'msg1';
    const menus: Reply[] = Array.from({ length: 6 }, (_, i) => ({ type: 'menu', head: `问题${i + 1}`, items: [{ id: 'y', label: '是' }, { id: 'n', label: '否' }] }));
    await enqueue([text('您好'), text('我来问几个问题'), ...menus].map((payload) => ({ channel: 'kf' as const, recipient: f, openKfid: KF, originMsgId: origin, payload })));
    await drain(sender());
    const got = fake.state.deliveries(f);
    expect(got.map((d) => d.msgtype)).toEqual(['text', 'msgmenu', 'msgmenu', 'msgmenu', 'msgmenu']);
    expect(got[0]?.text).toBe('您好\n\n我来问几个问题');
    const all = await rows();
    expect(all.every((r) => r.status === 'sent')).toBe(true);
    expect(all[0]?.lastError).toContain('2 条未发送');
    // Nothing more can go until the farmer writes again; then it does.
    await enqueue([{ channel: 'kf', recipient: f, openKfid: KF, payload: text('还在吗？') }]);
    await drain(sender());
    expect((await rows()).at(-1)).toMatchObject({ status: 'dropped', lastError: expect.stringContaining('满5条') });
    clock.advance(1000);
    farmerMessage(fake.state, KF, f, '在');
    await enqueue([{ channel: 'kf', recipient: f, openKfid: KF, payload: text('好的，继续') }]);
    await drain(sender());
    expect(fake.state.texts(f).at(-1)).toBe('好的，继续');
  });

  it('resends an uncertain kf batch with the same msgid, delivered once', async () => {
    const f = uid('wmCrash');
    farmerMessage(fake.state, KF, f, '进度怎样了');
    await enqueue([{ channel: 'kf', recipient: f, openKfid: KF, payload: text('您的申报正在入户核查') }]);
    const [batch] = await claimOutbound(db.ds(), { owner: 'dead', now: clock.now(), leaseMs: 60_000, limit: 10 });
    const head = batch?.head as OutboxRow;
    await api.kfSendMsg({ touser: f, open_kfid: KF, msgid: kfMsgId(head.idemKey, 0), msgtype: 'text', text: { content: '您的申报正在入户核查' } });
    clock.advance(61_000);
    await drain(sender());
    expect(fake.state.texts(f)).toEqual(['您的申报正在入户核查']);
    expect(fake.state.callsTo('kf/send_msg')).toBeGreaterThanOrEqual(2);
    expect((await rows())[0]).toMatchObject({ status: 'sent', partsSent: 1 });
  });

  it('regroups a crashed kf batch exactly, so a row that arrived later is not lost behind a reused msgid', async () => {
    const f = uid('wmBatch');
    farmerMessage(fake.state, KF, f, '我要申报');
    await enqueue([text('已记录'), text('请问家里几口人？')].map((payload) => ({ channel: 'kf' as const, recipient: f, openKfid: KF, payload })));
    const [batch] = await claimOutbound(db.ds(), { owner: 'dead', now: clock.now(), leaseMs: 60_000, limit: 10 });
    expect(batch?.rows).toHaveLength(2);
    await api.kfSendMsg({ touser: f, open_kfid: KF, msgid: kfMsgId((batch?.head as OutboxRow).idemKey, 0), msgtype: 'text', text: { content: '已记录\n\n请问家里几口人？' } });
    await enqueue([{ channel: 'kf', recipient: f, openKfid: KF, payload: text('可以直接回复数字') }]);
    clock.advance(61_000);
    await drain(sender());
    expect(fake.state.texts(f)).toEqual(['已记录\n\n请问家里几口人？', '可以直接回复数字']);
    expect((await rows()).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('fails a row whose payload is not a reply, without calling WeCom', async () => {
    const u = uid('bad');
    await enqueue([{ channel: 'app', recipient: u, payload: { kind: 'unknown' } }]);
    const calls = fake.state.callsTo('message/send');
    expect((await sender().tick()).failed).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'failed', lastError: expect.stringContaining('无法识别') });
    expect(fake.state.callsTo('message/send')).toBe(calls);
  });

  it('updates a pressed card through its single-use code; a used or unknown code leaves the card and the row is done', async () => {
    const u = uid('cadre');
    const code = fake.state.issueResponseCode(u, 'fq1');
    const update = (responseCode: string): Reply => ({ type: 'card_update', responseCode, replaceName: '已选：是' });
    await enqueue([{ channel: 'app', recipient: u, payload: update(code) }, { channel: 'app', recipient: u, payload: text('下一题') }]);
    await drain(sender());
    expect(fake.state.callsTo('message/update_template_card')).toBeGreaterThan(0);
    expect(fake.state.responseCodes.get(code)?.used).toBe(true);
    expect(fake.state.texts(u)).toEqual(['已选：是', '下一题']);
    const calls = fake.state.callsTo('message/update_template_card');
    await enqueue([{ channel: 'app', recipient: u, payload: update(code) }, { channel: 'app', recipient: u, payload: update('no-such-code') }]);
    await drain(sender());
    expect(fake.state.callsTo('message/update_template_card')).toBe(calls + 2);
    expect((await rows()).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(fake.state.texts(u)).toEqual(['已选：是', '下一题']);
  });

  it('uploads files before sending them', async () => {
    const u = uid('town');
    const content = Buffer.from('PK fake xlsx of the weekly report').toString('base64');
    await enqueue([{ channel: 'app', recipient: u, payload: { type: 'file', fileName: '附件1 进度统计表.xlsx', contentBase64: content } }]);
    await drain(sender());
    expect(fake.state.texts(u)).toEqual(['[文件] 附件1 进度统计表.xlsx']);
  });

  it('stops gracefully: finishes the send in flight and gives back the claims not started', async () => {
    const users = [uid('s1'), uid('s2'), uid('s3')];
    await enqueue(users.map((u) => ({ channel: 'app' as const, recipient: u, payload: text('周五8点前上报') })));
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const inFlight = new Promise<void>((r) => (entered = r));
    const slowApi = Object.create(api) as HttpWeComApi;
    slowApi.sendMessage = async (body) => {
      entered();
      await gate;
      return api.sendMessage(body);
    };
    const s = sender({ api: slowApi, owner: 'graceful', pollMs: 5 });
    s.start();
    await inFlight;
    const stopped = s.stop();
    release();
    await stopped;
    const after = await rows();
    expect(after.map((r) => r.status)).toEqual(['sent', 'pending', 'pending']);
    expect(after.every((r) => r.claimedBy === null)).toBe(true);
    expect(fake.state.texts(users[0] as string)).toEqual(['周五8点前上报']);
  });
});
