import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeWeCom } from '../../../src/bot/fake-wecom/index.js';
import { farmerEnter, farmerMessage } from '../../../src/bot/fake-wecom/kf.js';
import { HttpWeComApi } from '../../../src/bot/wecom/api.js';
import { WeComApiError } from '../../../src/bot/wecom/api-types.js';
import { CAMPAIGN_MONDAY, frozenClock, type FrozenClock } from '../../helpers/clock.js';

const CORP = 'wwshouwang';
const KF = 'wkShouwangKf';
let fake: FakeWeCom;
let clock: FrozenClock;
let api: HttpWeComApi;

beforeEach(async () => {
  clock = frozenClock(CAMPAIGN_MONDAY);
  fake = new FakeWeCom({ corpId: CORP, agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret', now: clock.now, openKfIds: [KF] });
  const apiBase = await fake.start();
  api = new HttpWeComApi({ apiBase, corpId: CORP, agentId: 1000002, secret: 'app-secret', kfSecret: 'kf-secret', now: clock.now, sleep: async () => {} });
});
afterEach(async () => {
  await fake.stop();
});

async function errcodeOf(p: Promise<unknown>): Promise<number> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof WeComApiError)) throw new Error(`expected a WeComApiError, got ${String(e)}`);
  return e.errcode;
}

const text = (content: string) => ({ msgtype: 'text' as const, text: { content } });

describe('fake WeCom: internal app', () => {
  it('silently drops the 31st message in a minute (errcode 0, nothing delivered), and the 1001st in an hour', async () => {
    for (let i = 1; i <= 31; i++) await api.sendMessage({ touser: 'zhangsan', ...text(`第${i}条`) });
    expect(fake.state.texts('zhangsan')).toHaveLength(30);
    expect(fake.state.dropped.map((d) => [d.reason, d.text])).toEqual([['rate_minute', '第31条']]);
    clock.advance(60_001);
    await api.sendMessage({ touser: 'zhangsan', ...text('下一分钟') });
    expect(fake.state.texts('zhangsan').at(-1)).toBe('下一分钟');
    for (let m = 0; m < 34; m++) {
      clock.advance(60_001);
      for (let i = 0; i < 30; i++) await api.sendMessage({ touser: 'lisi', ...text(`${m}-${i}`) });
    }
    // 34 minutes × 30 = 1020 tries inside one hour: 1000 delivered, the last 20 dropped.
    expect(fake.state.texts('lisi')).toHaveLength(1000);
    expect(fake.state.dropped.filter((d) => d.to === 'lisi').map((d) => d.reason)).toEqual(Array(20).fill('rate_hour'));
  });

  it('drops a duplicate within the check interval only when asked to check', async () => {
    await api.sendMessage({ touser: 'wangwu', ...text('请上报') });
    await api.sendMessage({ touser: 'wangwu', ...text('请上报') });
    await api.sendMessage({ touser: 'wangwu', enable_duplicate_check: 1, duplicate_check_interval: 600, ...text('请上报') });
    expect(fake.state.texts('wangwu')).toEqual(['请上报', '请上报']);
    clock.advance(600_000);
    await api.sendMessage({ touser: 'wangwu', enable_duplicate_check: 1, duplicate_check_interval: 600, ...text('请上报') });
    expect(fake.state.texts('wangwu')).toHaveLength(3);
  });

  it('refuses text over 2048 bytes with 45002', async () => {
    expect(await errcodeOf(api.sendMessage({ touser: 'wangwu', ...text('中'.repeat(683)) }))).toBe(45002);
    await api.sendMessage({ touser: 'wangwu', ...text(`ab${'中'.repeat(682)}`) }); // exactly 2048
    expect(fake.state.texts('wangwu')).toHaveLength(1);
  });

  it('refuses kf tokens on app APIs and app tokens on kf APIs when the secrets differ', async () => {
    const kfOnly = new HttpWeComApi({ apiBase: fake.apiBase, corpId: CORP, agentId: 1000002, secret: 'kf-secret', now: clock.now });
    expect(await errcodeOf(kfOnly.sendMessage({ touser: 'x', ...text('x') }))).toBe(301002);
    const appOnly = new HttpWeComApi({ apiBase: fake.apiBase, corpId: CORP, agentId: 1000002, secret: 'app-secret', now: clock.now });
    expect(await errcodeOf(appOnly.kfSyncMsg({ open_kfid: KF }))).toBe(48002);
  });
});

describe('fake WeCom: 微信客服', () => {
  it('pages sync_msg with cursor and has_more, limit ≤ 1000, Token valid 10 minutes', async () => {
    for (let i = 1; i <= 5; i++) farmerMessage(fake.state, KF, 'wmA', `消息${i}`);
    const token = fake.state.issueSyncToken(KF);
    const p1 = await api.kfSyncMsg({ open_kfid: KF, token, limit: 2 });
    expect([p1.has_more, p1.msg_list.map((m) => m.text?.content)]).toEqual([1, ['消息1', '消息2']]);
    const p2 = await api.kfSyncMsg({ open_kfid: KF, token, limit: 1000, cursor: p1.next_cursor });
    expect([p2.has_more, p2.msg_list.map((m) => m.text?.content)]).toEqual([0, ['消息3', '消息4', '消息5']]);
    expect(await errcodeOf(api.kfSyncMsg({ open_kfid: KF, token, limit: 1001 }))).toBe(40058);
    clock.advance(10 * 60_000);
    expect(await errcodeOf(api.kfSyncMsg({ open_kfid: KF, token, cursor: p2.next_cursor }))).toBe(95007);
  });

  it('sends only within 48 hours of the farmer\'s last message, at most 5 per farmer message', async () => {
    expect(await errcodeOf(api.kfSendMsg({ touser: 'wmB', open_kfid: KF, ...text('主动消息') }))).toBe(95018);
    farmerMessage(fake.state, KF, 'wmB', '你好');
    for (let i = 1; i <= 5; i++) await api.kfSendMsg({ touser: 'wmB', open_kfid: KF, ...text(`回复${i}`) });
    expect(await errcodeOf(api.kfSendMsg({ touser: 'wmB', open_kfid: KF, ...text('回复6') }))).toBe(95001);
    farmerMessage(fake.state, KF, 'wmB', '还有问题');
    await api.kfSendMsg({ touser: 'wmB', open_kfid: KF, ...text('请讲') });
    clock.advance(48 * 3_600_000 + 1);
    expect(await errcodeOf(api.kfSendMsg({ touser: 'wmB', open_kfid: KF, ...text('迟到') }))).toBe(95018);
    expect(fake.state.texts('wmB')).toEqual(['回复1', '回复2', '回复3', '回复4', '回复5', '请讲']);
  });

  it('delivers a msgid once however often it is sent', async () => {
    farmerMessage(fake.state, KF, 'wmC', '你好');
    const a = await api.kfSendMsg({ touser: 'wmC', open_kfid: KF, msgid: 'reply_0001', ...text('收到') });
    const b = await api.kfSendMsg({ touser: 'wmC', open_kfid: KF, msgid: 'reply_0001', ...text('收到') });
    expect([a.msgid, b.msgid]).toEqual(['reply_0001', 'reply_0001']);
    expect(fake.state.texts('wmC')).toEqual(['收到']);
    expect(await errcodeOf(api.kfSendMsg({ touser: 'wmC', open_kfid: KF, msgid: 'x'.repeat(33), ...text('长') }))).toBe(40058);
  });

  it('takes a welcome_code once, within 20 seconds', async () => {
    const ev = farmerEnter(fake.state, KF, 'wmD', 'village_610821100201') as { event: { welcome_code: string; scene_param: string } };
    expect(ev.event.scene_param).toBe('village_610821100201');
    await api.kfSendMsgOnEvent({ code: ev.event.welcome_code, ...text('欢迎来到守望') });
    expect(await errcodeOf(api.kfSendMsgOnEvent({ code: ev.event.welcome_code, ...text('再次欢迎') }))).toBe(41050);
    const late = farmerEnter(fake.state, KF, 'wmD', 'x') as { event: { welcome_code: string } };
    clock.advance(20_001);
    expect(await errcodeOf(api.kfSendMsgOnEvent({ code: late.event.welcome_code, ...text('欢迎') }))).toBe(41050);
    expect(fake.state.deliveries('wmD').map((d) => [d.via, d.text])).toEqual([['welcome', '欢迎来到守望']]);
  });

  it('moves the session state by the allowed transitions; a human-served session takes no API message', async () => {
    farmerMessage(fake.state, KF, 'wmE', '你好');
    await api.kfServiceStateTrans({ open_kfid: KF, external_userid: 'wmE', service_state: 1 });
    expect(await errcodeOf(api.kfServiceStateTrans({ open_kfid: KF, external_userid: 'wmE', service_state: 0 }))).toBe(95016);
    const r = await api.kfServiceStateTrans({ open_kfid: KF, external_userid: 'wmE', service_state: 3, servicer_userid: 'zhangsan' });
    expect(r.msg_code).toBeTruthy();
    expect(await errcodeOf(api.kfSendMsg({ touser: 'wmE', open_kfid: KF, ...text('机器人') }))).toBe(95018);
  });

  it('answers injected failures for the next N calls', async () => {
    farmerMessage(fake.state, KF, 'wmF', '你好');
    fake.state.failNext('kf/send_msg', 45033, 3);
    expect(await errcodeOf(api.kfSendMsg({ touser: 'wmF', open_kfid: KF, ...text('忙') }))).toBe(45033);
    await api.kfSendMsg({ touser: 'wmF', open_kfid: KF, ...text('好了') });
    expect(fake.state.texts('wmF')).toEqual(['好了']);
  });
});
