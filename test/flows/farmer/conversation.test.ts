/**
 * The farmer flows inside the dispatcher's routing (src/bot/dispatch/router.ts) with the real
 * registry: 取消 midway, an interruption and 继续, the reminder and the expiry timers, unknown
 * input. The conversation goes through a JSON round trip between turns, as the store does.
 */
import { describe, expect, it } from 'vitest';
import { route, type Conversation } from '../../../src/bot/dispatch/router.js';
import { FARMER_MENU } from '../../../src/flows/help.js';
import type { FlowData } from '../../../src/flows/data.js';
import { flows } from '../../../src/flows/registry.js';
import type { Effect, Env, Input } from '../../../src/flows/types.js';
import { bindConfirmFlow } from '../../../src/flows/farmer/bind-confirm.js';
import { fakeData, farmer, gridWorker, HOUSEHOLD, T0, V_LSJ } from './fixtures.js';

interface Turn {
  input: Input | string;
  /** Texts (or menu heads) the farmer reads, in order. */
  read: Array<string | RegExp>;
  /** The waiting flow and node after the turn (null: nothing waiting). */
  waiting: [string, string] | null;
  suspended?: string | null;
  commands?: string[];
}

async function converse(turns: Turn[], o: Parameters<typeof fakeData>[1] = {}): Promise<void> {
  let conversation: Conversation = { state: null, prompt: null, suspended: null, version: 0 };
  let ids = 0;
  for (const [i, t] of turns.entries()) {
    const input: Input = typeof t.input === 'string' ? { type: 'text', text: t.input } : t.input;
    const env: Env = { now: T0 + i * 60_000, tz: 'Asia/Shanghai', actor: farmer, newId: (p) => `${p}${++ids}`, data: fakeData(farmer, o) as unknown as FlowData };
    const r = await route({ flows, conversation, input, env, expiryMinutes: 30 });
    const where = `turn ${i + 1} (${JSON.stringify(input)})`;
    const read = r.effects.flatMap((e: Effect) => (e.type !== 'reply' ? [] : e.reply.type === 'text' ? [e.reply.text] : e.reply.type === 'menu' ? [e.reply.head] : []));
    expect(read, where).toEqual(t.read.map((x) => (typeof x === 'string' ? x : expect.stringMatching(x))));
    expect(r.next.state ? [r.next.state.flow, r.next.state.node] : null, where).toEqual(t.waiting);
    if (t.suspended !== undefined) expect(r.next.suspended?.state.flow ?? null, where).toBe(t.suspended);
    if (t.commands) expect(r.effects.flatMap((e) => (e.type === 'command' ? [e.command.kind] : [])), where).toEqual(t.commands);
    conversation = JSON.parse(JSON.stringify({ ...r.next, version: conversation.version + (r.changed ? 1 : 0) })) as Conversation;
  }
}

describe('farmer conversations through the router', () => {
  it('“取消” midway leaves the declaration; nothing is written', async () => {
    await converse([
      { input: '俺家老汉住院了花了三万多咋办', read: [/^记下了：因病。/], waiting: ['farmer/declare', 'name'] },
      { input: '张三', read: [/^请发申报人的身份证号/], waiting: ['farmer/declare', 'id'] },
      { input: '取消', read: ['已退出「申报困难」。'], waiting: null, commands: [] },
      { input: '继续', read: ['没有可以继续的事项。发送“帮助”查看可以办的事。'], waiting: null },
    ]);
  });

  it('a question in between is answered and the declaration waits; another errand puts it aside until “继续”', async () => {
    await converse(
      [
        { input: { type: 'text', text: '申报困难', menuId: 'declare' }, read: [/^好的，帮您登记困难（高家堡镇凉水井村）。/], waiting: ['farmer/declare', 'story'] },
        { input: '娃上大学学费交不起', read: [/^记下了：因学。/], waiting: ['farmer/declare', 'name'] },
        { input: '今年的标准是多少', read: [/^2022年的监测收入标准是[\s\S]*想找人问，发“找网格员”。$/, '接着刚才的「申报困难」：\n记下了：因学。\n请问申报人叫什么名字？'], waiting: ['farmer/declare', 'name'] },
        { input: { type: 'text', text: '绑定我家', menuId: 'bind' }, read: [/^绑定后，[\s\S]*请问您的姓名（和户口本上一致）？\n（回复“取消”可退出）\n（「申报困难」已暂停，办完这件后发送“继续”可接着办。）$/], waiting: ['farmer/bind', 'name'], suspended: 'farmer/declare' },
        { input: '取消', read: ['已退出「绑定我家」。\n您之前的「申报困难」还没办完，发送“继续”可接着办。'], waiting: null, suspended: 'farmer/declare' },
        { input: '继续', read: ['好的，接着办「申报困难」：', '记下了：因学。\n请问申报人叫什么名字？'], waiting: ['farmer/declare', 'name'], suspended: null },
        { input: '王秀兰', read: [/^请发申报人的身份证号/], waiting: ['farmer/declare', 'id'] },
      ],
      { profile: { entryVillage: V_LSJ } },
    );
  });

  it('the flow’s reminder comes once; the draft expires politely after its 7 days (not 30 minutes)', async () => {
    await converse([
      { input: '房子裂了个大缝', read: [/^记下了：因安全住房。/], waiting: ['farmer/declare', 'name'] },
      { input: { type: 'timeout', key: 'f:nudge', payload: { flow: 'farmer/declare', data: null } }, read: ['您的申报还没提交，还差一步：\n请问申报人叫什么名字？'], waiting: ['farmer/declare', 'name'] },
      { input: { type: 'timeout', key: 'expiry', payload: { version: 1 } }, read: ['「申报困难」已经7天没有回复，已自动结束。需要时请重新开始。'], waiting: null },
    ]);
  });

  it('a poster’s QR code is welcomed by the farmer flow; entering without a scene and unknown words get the help menu', async () => {
    await converse([
      { input: { type: 'event', event: 'enter_session', scene: V_LSJ }, read: ['您好！这里是高家堡镇凉水井村的防止返贫监测帮扶服务。请点选您要办的事：'], waiting: null, commands: ['farmer.remember_entry'] },
      { input: { type: 'event', event: 'enter_session' }, read: [FARMER_MENU.head], waiting: null, commands: [] },
      { input: '今天天气不错', read: [FARMER_MENU.head], waiting: null },
      { input: { type: 'file', msgType: 'image', mediaId: 'm' }, read: [FARMER_MENU.head], waiting: null },
    ]);
  });

  it('a grid worker busy in another errand can still press a binding card; the errand keeps waiting', async () => {
    // A stand-in for any staff flow waiting for an answer.
    const waitingFlow = {
      name: 'test/ask', title: '排查', version: 1,
      matches: (i: Input) => i.type === 'text' && i.text === '排查',
      start: (_i: Input, env: Env) => ({ status: 'waiting' as const, state: { flow: 'test/ask', v: 1, node: 'q', data: {}, waitingSince: env.now }, effects: [{ type: 'reply' as const, reply: { type: 'text' as const, text: '请问排查哪一户？' } }] }),
      step: () => ({ status: 'done' as const, effects: [] }),
    };
    const bindings = [{ ref: 'BD1', status: 'pending' as const, farmer: { externalUserId: 'wmFarmer01', openKfId: 'wk' }, name: '李秀英', idTail: '234X', villageCode: V_LSJ, household: { id: HOUSEHOLD.id, code: HOUSEHOLD.code, headName: '张三' }, decidedBy: null, decidedAt: null }];
    const env = (now: number): Env => ({ now, tz: 'Asia/Shanghai', actor: gridWorker, newId: (p) => `${p}1`, data: fakeData(gridWorker, { bindings }) as unknown as FlowData });
    const first = await route({ flows: [waitingFlow, bindConfirmFlow], conversation: { state: null, prompt: null, suspended: null, version: 0 }, input: { type: 'text', text: '排查' }, env: env(T0), expiryMinutes: 30 });
    const conversation = JSON.parse(JSON.stringify({ ...first.next, version: 1 })) as Conversation;
    const r = await route({ flows: [waitingFlow, bindConfirmFlow], conversation, input: { type: 'card', taskId: 'bind-BD1-1', eventKey: 'confirm' }, env: env(T0 + 1000), expiryMinutes: 30 });
    expect(r.effects.flatMap((e) => (e.type === 'command' ? [e.command.kind] : []))).toEqual(['farmer.decide_binding']);
    expect(r.effects.flatMap((e) => (e.type === 'reply' && e.reply.type === 'text' ? [e.reply.text] : []))).toEqual(['已确认：编号BD1，李秀英绑定到户主张三家（户编号H0007）。', '接着刚才的「排查」：\n请问排查哪一户？']);
    expect(r.next.state?.flow).toBe('test/ask');
  });
});
