import { describe, expect, it } from 'vitest';
import { FakeWeComState, type Delivery } from '../../../src/bot/fake-wecom/index.js';
import { ChatLog, itemOfDelivery } from '../../../src/bot/sandbox/chat-log.js';
import { frozenClock, CAMPAIGN_MONDAY } from '../../helpers/clock.js';

const noMedia = () => undefined;
const delivery = (msgtype: string, content: unknown, extra: Partial<Delivery> = {}): Delivery => ({
  seq: 1, at: CAMPAIGN_MONDAY, channel: 'app', to: 'wangwu', via: 'api', msgtype, text: 'readable', content, ...extra,
});

describe('itemOfDelivery: each kind of message becomes what the page draws', () => {
  it.each([
    ['text', { content: '已收到' }, { kind: 'text', text: 'readable', via: 'api' }],
    ['markdown', { content: '**进度**' }, { kind: 'markdown' }],
    ['update_button', { task_id: 'T9', replace_name: '已确认' }, { kind: 'card_update', taskId: 'T9' }],
    ['voice', {}, { kind: 'text', text: 'readable' }],
  ] as const)('%s', (msgtype, content, expected) => {
    expect(itemOfDelivery(delivery(msgtype, content), noMedia)).toMatchObject({ side: 'bot', ...expected });
  });

  it('a template card keeps its task id, title, lines and buttons (style 2 is not primary)', () => {
    const item = itemOfDelivery(
      delivery('template_card', {
        card_type: 'button_interaction',
        main_title: { title: '回头看', desc: '收入是否稳定' },
        horizontal_content_list: [{ keyname: '户主', value: '郭保平' }],
        task_id: 'rv_1',
        button_list: [{ text: '是', style: 1, key: 'yes' }, { text: '否', style: 2, key: 'no' }],
      }),
      noMedia,
    );
    expect(item).toMatchObject({ kind: 'card', taskId: 'rv_1' });
    expect(item.card).toEqual({
      taskId: 'rv_1', title: '回头看', desc: '收入是否稳定', lines: [{ key: '户主', value: '郭保平' }],
      buttons: [{ key: 'yes', text: '是', primary: true }, { key: 'no', text: '否', primary: false }],
    });
  });

  it('a 微信客服 menu keeps its item ids', () => {
    const item = itemOfDelivery(delivery('msgmenu', { head_content: '请点选', list: [{ type: 'click', click: { id: 'declare', content: '申报困难' } }], tail_content: '也可直接说' }, { channel: 'kf' }), noMedia);
    expect(item.menu).toEqual({ head: '请点选', items: [{ id: 'declare', label: '申报困难' }], tail: '也可直接说' });
  });

  it('files and pictures name their media (API sends and passive replies alike)', () => {
    const media = (id: string) => (id === 'm1' ? { fileName: '附件1.xlsx', size: 2048 } : undefined);
    expect(itemOfDelivery(delivery('file', { media_id: 'm1' }), media).file).toEqual({ mediaId: 'm1', name: '附件1.xlsx', size: 2048 });
    expect(itemOfDelivery(delivery('image', { Image: { MediaId: 'm2' } }, { via: 'passive' }), media)).toMatchObject({ kind: 'image', file: { mediaId: 'm2', name: '', size: 0 } });
  });
});

describe('ChatLog', () => {
  function setup() {
    const clock = frozenClock(CAMPAIGN_MONDAY);
    const state = new FakeWeComState({ corpId: 'wwcorp', agentId: 1000002, secret: 's', now: clock.now, perMinute: 1 });
    return { state, chat: new ChatLog(state), clock };
  }

  it('orders what a person did against what they received, per person, and pages by id', () => {
    const { state, chat } = setup();
    state.deliver({ channel: 'app', to: 'wangwu', via: 'api', msgtype: 'text', text: '早上好', content: { content: '早上好' } });
    chat.personDid('wangwu', { kind: 'text', text: '帮助' });
    state.deliver({ channel: 'app', to: 'zhaoliu', via: 'api', msgtype: 'text', text: '别人的', content: { content: '别人的' } });
    state.deliver({ channel: 'app', to: 'wangwu', via: 'passive', msgtype: 'text', text: '菜单', content: {} });
    const all = chat.since('wangwu', 0);
    expect(all.map((i) => [i.side, i.text])).toEqual([['bot', '早上好'], ['person', '帮助'], ['bot', '菜单']]);
    expect(all.map((i) => i.id)).toEqual([1, 2, 4]);
    expect(chat.since('wangwu', 2).map((i) => i.text)).toEqual(['菜单']);
    expect(chat.since('zhaoliu', 0).map((i) => i.text)).toEqual(['别人的']);
  });

  it('tells the person when WeCom silently dropped a message to them', () => {
    const { state, chat } = setup();
    state.drop({ to: 'wangwu', reason: 'rate_minute', msgtype: 'text', text: '第二条' });
    const [notice] = chat.since('wangwu', 0);
    expect(notice).toMatchObject({ side: 'system', kind: 'notice' });
    expect(notice!.text).toContain('每分钟30条');
    expect(notice!.text).toContain('第二条');
  });

  it('a passive update_button (which names no card) belongs to the card clicked last', () => {
    const { state, chat } = setup();
    chat.personDid('wangwu', { kind: 'click', text: '是', taskId: 'rv_1' });
    state.deliver({ channel: 'app', to: 'wangwu', via: 'passive', msgtype: 'update_button', text: '已确认', content: {} });
    expect(chat.since('wangwu', 1)).toEqual([expect.objectContaining({ kind: 'card_update', taskId: 'rv_1', text: '已确认' })]);
  });
});
