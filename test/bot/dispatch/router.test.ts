/**
 * What the router does the same for every flow: a message that restates a flow's command while it
 * waits, a question in between answered and the question asked again, typed numbers picking the
 * menu shown, courtesy words, a “1 to 1” choice said plainly, a flow's own keep time, a put-aside
 * flow's timer. Staff side (the farmers' side is test/flows/farmer/talk.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { keepMsOf, route, type Conversation } from '../../../src/bot/dispatch/router.js';
import { pressedByText } from '../../../src/bot/dispatch/shape.js';
import { courtesyOf, oneTypoApart, refersBack, spanWords, typedNumber } from '../../../src/bot/dispatch/texts.js';
import type { FlowData } from '../../../src/flows/data.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor, Effect, Env, Flow, Input, StepResult } from '../../../src/flows/types.js';
import { converse } from '../../helpers/converse.js';
import { cadre, fakeFieldData, MONDAY, townOfficial, VILLAGE, world } from '../../flows/field/world.js';

const text = (t: string | RegExp) => ({ type: 'text', text: typeof t === 'string' ? t : expect.stringMatching(t) });
const say = (t: string) => ({ type: 'reply' as const, reply: { type: 'text' as const, text: t } });
const wait = (name: string, node: string, env: Env, effects: Effect[], keepMs?: number): StepResult => ({ status: 'waiting', state: { flow: name, v: 1, node, data: { keepMs }, waitingSince: env.now }, effects });

/** Small flows that make one router rule easy to see. */
const menuFlow: Flow = {
  name: 't/menu', title: '菜单', version: 1,
  matches: (i) => i.type === 'text' && i.text === '选项',
  start: () => ({ status: 'done', effects: [{ type: 'reply', reply: { type: 'menu', head: '请选：', items: [{ id: 'x:a', label: '甲' }, { id: 'x:b', label: '乙' }] } }] }),
  step: () => ({ status: 'done', effects: [] }),
};
const pickFlow: Flow = {
  name: 't/pick', version: 1,
  matches: (i) => i.type === 'text' && !!i.menuId?.startsWith('x:'),
  start: (i) => ({ status: 'done', effects: [say(`选了${i.type === 'text' ? i.menuId : ''}`)] }),
  step: () => ({ status: 'done', effects: [] }),
};
const oneChoice: Flow = {
  name: 't/one', title: '唯一', version: 1,
  matches: (i) => i.type === 'text' && i.text === '唯一',
  start: (_i, env) => wait('t/one', 'q', env, [say('1. 张三\n请回复1到1之间的序号。')]),
  step: () => ({ status: 'done', effects: [] }),
};
const longFlow: Flow = {
  name: 't/long', title: '长事', version: 1, keepMs: 2 * 86_400_000,
  matches: (i) => i.type === 'text' && i.text === '长事',
  start: (_i, env) => wait('t/long', 'q', env, [say('问一句？')]),
  step: (state, input) => (input.type === 'timeout' ? { status: 'waiting', state, effects: [{ type: 'send', to: { channel: 'app', id: 'boss' }, reply: { type: 'text', text: `计时到：${input.key}` } }] } : { status: 'done', effects: [] }),
};
const shortFlow: Flow = {
  name: 't/short', title: '短事', version: 1,
  matches: (i) => i.type === 'text' && i.text === '短事',
  start: (_i, env) => wait('t/short', 'q', env, [say('短问？')]),
  step: () => ({ status: 'done', effects: [] }),
};
const twoQuestions: Flow = {
  name: 't/two', title: '两问', version: 1,
  matches: (i) => i.type === 'text' && i.text === '两问',
  start: (_i, env) => wait('t/two', 'a', env, [say('第一问？')]),
  step: (state, _i, env) => (state.node === 'a' ? wait('t/two', 'b', env, [say('第二问？')]) : { status: 'done', effects: [say('好了')] }),
};
const cardOnly: Flow = {
  name: 't/card', title: '卡片', version: 1,
  matches: (i) => i.type === 'text' && (i.text === '卡片' || i.text === '自带'),
  start: (i, env) =>
    i.type === 'text' && i.text === '自带'
      ? wait('t/card', 'q', env, [say('回复“取消”不保存。')])
      : wait('t/card', 'q', env, [{ type: 'reply', reply: { type: 'card', card: { kind: 'button_interaction', taskId: 't1', title: '核对', desc: '对吗？', buttons: [{ key: 'yes', text: '是' }] }, fallback: '核对\n对吗？' } }]),
  step: () => ({ status: 'done', effects: [] }),
};
const mine = [menuFlow, pickFlow, oneChoice, longFlow, shortFlow, twoQuestions, cardOnly];

const actor: Actor = { sender: { channel: 'app', id: 'u1' }, staff: { userId: 'u1', name: '甲', role: 'village_cadre', jurisdiction: { level: 'village', code: 'V1' } } };

async function run(inputs: Array<Input | string>, list: Flow[] = mine) {
  let c: Conversation = { state: null, prompt: null, suspended: null, version: 0 };
  const out: Array<{ read: string[]; sends: string[]; waiting: string | null; suspended: string | null; version: number }> = [];
  for (const [i, x] of inputs.entries()) {
    const input: Input = typeof x === 'string' ? { type: 'text', text: x } : x;
    const env: Env = { now: 1_000 + i, tz: 'Asia/Shanghai', actor, newId: (p) => `${p}${i}`, data: {} as FlowData };
    const r = await route({ flows: list, conversation: c, input, env, expiryMinutes: 30 });
    out.push({
      read: r.effects.flatMap((e) => (e.type === 'reply' && e.reply.type === 'text' ? [e.reply.text] : e.type === 'reply' && e.reply.type === 'menu' ? [e.reply.head] : [])),
      sends: r.effects.flatMap((e) => (e.type === 'send' && e.reply.type === 'text' ? [e.reply.text] : [])),
      waiting: r.next.state?.flow ?? null,
      suspended: r.next.suspended?.state.flow ?? null,
      version: c.version + (r.changed ? 1 : 0),
    });
    c = JSON.parse(JSON.stringify({ ...r.next, version: c.version + (r.changed ? 1 : 0) })) as Conversation;
  }
  return out;
}

describe('the 部署培训 flow through the router (a town official)', () => {
  const data = () => fakeFieldData(world(), townOfficial);

  it('“培训了十二个人” while the village is asked starts it over with the count kept — never “没有找到‘十二个人’”', async () => {
    const commands = await converse(flows, { actor: townOfficial, now: MONDAY, data: data() }, [
      { say: '培训', waiting: 'field/activity:village', replies: [text('登记哪个村的培训？请回复序号或村名：\n1. 凉水井村\n2. 高家畔村\n（回复“取消”可退出）')] },
      { say: '培训了十二个人', waiting: 'field/activity:village', replies: [text(/^登记哪个村的培训？/)] },
      { say: '12人', waiting: 'field/activity:village', replies: [text(/^这里要回复村名或1到2的序号，比如：凉水井村。\n登记哪个村的培训？/)] },
      { say: '1', waiting: null, replies: [text(/^已登记：凉水井村培训人数12人/)] },
    ]);
    expect(commands).toEqual([{ kind: 'field.activity.record', activity: 'training', villageCodes: [VILLAGE], day: expect.any(String), people: 12 }]);
  });

  it('a village cadre asked the count says “培训了十二个人”: recorded, not read as an answer that fails', async () => {
    const commands = await converse(flows, { actor: cadre, now: MONDAY, data: fakeFieldData(world(), cadre) }, [
      { say: '培训', waiting: 'field/activity:people', replies: [text(/^截至.*共培训了多少人？请回复人数（如“12人”）。\n（回复“取消”可退出）$/)] },
      { say: '培训了十二个人', waiting: null, replies: [text(/^已登记：凉水井村培训人数12人/)] },
    ]);
    expect(commands.map((c) => c.people)).toEqual([12]);
  });

  it('a question in between is answered, then the question comes again; a question where a number is asked is not stored', async () => {
    const commands = await converse(flows, { actor: townOfficial, now: MONDAY, data: data() }, [
      { say: '培训 凉水井村', waiting: 'field/activity:people' },
      { say: '帮助', waiting: 'field/activity:people', replies: [text(/^您好，赵镇（镇街干部）/), text(/^接着刚才的「部署培训登记」：\n截至.*共培训了多少人？/)] },
      { say: '这个要填全部的吗？', waiting: 'field/activity:people', replies: [text(/^没看懂人数“这个要填全部的吗\?”。这里只要一个数，比如“12人”。\n截至/)] },
      { say: '十五个人', waiting: null, replies: [text(/^已登记：凉水井村培训人数15人/)] },
    ]);
    expect(commands.map((c) => c.people)).toEqual([15]);
  });
});

describe('router rules for every flow', () => {
  it('a typed number picks from the menu shown last; out of range says the range', async () => {
    const r = await run(['选项', '2', '选项', '7']);
    expect(r[1]!.read).toEqual(['选了x:b']);
    expect(r[3]!.read).toEqual(['没有第7项，请回复1到2之间的数字。']);
  });

  it('“请回复1到1之间的序号” never reaches a person', async () => {
    const [r] = await run(['唯一']);
    expect(r!.read).toEqual(['1. 张三\n只有1项，请回复“1”。\n（回复“取消”可退出）']);
  });

  it('the first question of a run says how to leave, later ones of the same run do not; a card alone carries it; a flow that says it is left alone', async () => {
    const r = await run(['两问', '甲', '乙', '两问', '取消', '两问']);
    expect(r.map((x) => x.read[0])).toEqual(['第一问？\n（回复“取消”可退出）', '第二问？', '好了', '第一问？\n（回复“取消”可退出）', '已退出「两问」。', '第一问？\n（回复“取消”可退出）']);
    const env: Env = { now: 1, tz: 'Asia/Shanghai', actor, newId: (p) => p, data: {} as FlowData };
    const idle: Conversation = { state: null, prompt: null, suspended: null, version: 0 };
    const card = await route({ flows: mine, conversation: idle, input: { type: 'text', text: '卡片' }, env, expiryMinutes: 30 });
    expect(card.effects).toEqual([{ type: 'reply', reply: expect.objectContaining({ type: 'card', card: expect.objectContaining({ desc: '对吗？\n（回复“取消”可退出）' }), fallback: '核对\n对吗？\n（回复“取消”可退出）' }) }]);
    const own = await route({ flows: mine, conversation: idle, input: { type: 'text', text: '自带' }, env, expiryMinutes: 30 });
    expect(own.effects).toEqual([say('回复“取消”不保存。')]);
  });

  it('a new request no flow takes as it came is read again without its padding (greeting, @名字, 嗯/那个, 【】, emoji); what a flow takes as it came stays as it came', async () => {
    const seen: string[] = [];
    const pasted: Flow = {
      name: 't/pasted', title: '粘贴', version: 1,
      matches: (i) => i.type === 'text' && /^(?:短事 今天|你好 短事)$/.test(i.text),
      start: (i) => (seen.push(i.type === 'text' ? i.text : ''), { status: 'done', effects: [say('收到')] }),
      step: () => ({ status: 'done', effects: [] }),
    };
    // Taken as it came: the flow gets the words as typed.
    const [asTyped] = await run(['你好 短事'], [pasted, ...mine]);
    expect([asTyped?.read[0], seen[0]]).toEqual(['收到', '你好 短事']);
    // Taken by nobody as it came: read again without the @名字 and the fillers, or the 【】 and the emoji.
    const [padded] = await run(['@守望 嗯 那个 短事'], [pasted, ...mine]);
    expect([padded?.read[0], padded?.waiting]).toEqual(['短问？\n（回复“取消”可退出）', 't/short']);
    const [fromApp] = await run(['【短事】今天👍'], [pasted, ...mine]);
    expect([fromApp?.read[0], seen[1]]).toEqual(['收到', '短事 今天']);
  });

  it('courtesy words get one line; while a flow waits, “谢谢” is answered and the question asked again', async () => {
    const r = await run(['谢谢', '短事', '谢谢', '在吗']);
    expect(r[0]!.read).toEqual(['不客气！有事随时说。']);
    expect(r[2]!.read).toEqual(['不客气！有事随时说。', '接着刚才的「短事」：\n短问？']);
    expect(r[3]!.waiting).toBe('t/short');
  });

  it('a flow’s keep time decides the expiry and its words; a put-aside flow’s timer still does its work', async () => {
    expect(keepMsOf(mine, [{ flow: 't/long', v: 1, node: 'q', data: {}, waitingSince: 0 }], 30 * 60_000)).toBe(2 * 86_400_000);
    expect(keepMsOf(mine, [null], 30 * 60_000)).toBe(30 * 60_000);
    const r = await run(['长事', '短事', { type: 'timeout', key: 'f:day', payload: { flow: 't/long', data: null } }, '取消', { type: 'timeout', key: 'expiry', payload: { version: 3 } }]);
    expect(r[3]!.version).toBe(3);
    expect(r[1]!.suspended).toBe('t/long');
    expect(r[2]!.sends).toEqual(['计时到：day']);
    expect(r[2]!.suspended).toBe('t/long');
    expect(r[4]!.read).toEqual(['「长事」已经2天没有回复，已自动结束。需要时请重新开始。']);
  });

  it('reads typed numbers, courtesy words, words that refer back, typos and spans', () => {
    expect(['1', '２', '一', '第3项', '十'].map(typedNumber)).toEqual([1, 2, 1, 3, 10]);
    expect(typedNumber('12人')).toBeNull();
    expect(['谢谢！', '在吗？', '好的', '辛苦了', '好的，张三'].map(courtesyOf)).toEqual(['thanks', 'here', 'noted', 'cheer', null]);
    expect(['等一下', '稍等 我问问我儿子', '等一下我去找找身份证', '等一下再说张三的事'].map(courtesyOf)).toEqual(['wait', 'wait', 'wait', null]);
    expect(['好的 谢谢', '收到，辛苦了', '嗯嗯 谢谢领导', '好的张三', '收到 明天去'].map(courtesyOf)).toEqual(['thanks', 'cheer', 'thanks', null, null]);
    expect(['俺回来了，刚才说到哪了', '继续申报', '接着说', '张三', '继续住院治疗要花钱'].map(refersBack)).toEqual([true, true, true, false, false]);
    expect([oneTypoApart('申保困难', '申报困难'), oneTypoApart('查询进度', '申报困难'), oneTypoApart('申报困难', '申报困难')]).toEqual([true, false, false]);
    expect([spanWords(30 * 60_000), spanWords(7 * 86_400_000), spanWords(2 * 3_600_000)]).toEqual(['30分钟', '7天', '2小时']);
  });
});

describe('a card button’s label typed instead of pressed (pressedByText)', () => {
  const card = (taskId: string, buttons: Array<[string, string]>) => ({ type: 'card' as const, card: { kind: 'button_interaction' as const, taskId, title: 't', buttons: buttons.map(([key, text]) => ({ key, text })) }, fallback: 'f' });
  const prompt = [{ type: 'text' as const, text: '第1户' }, card('fq1', [['yes', '都已完成'], ['no', '还没有'], ['partial', '比对未完成']])];

  it('the whole label, with brackets, spaces or an end stop, is the button pressed on the waiting card', () => {
    for (const typed of ['都已完成', '【都已完成】', ' 都已完成。', '[比对未完成]']) {
      const key = typed.includes('比对') ? 'partial' : 'yes';
      expect(pressedByText({ type: 'text', text: typed }, prompt), typed).toEqual({ type: 'card', taskId: 'fq1', eventKey: key });
    }
  });

  it('words around a label, another label, or a label of two cards are left to the flow', () => {
    expect(pressedByText({ type: 'text', text: '都已完成了吧' }, prompt)).toBeNull();
    expect(pressedByText({ type: 'text', text: '拟纳入' }, prompt)).toBeNull();
    expect(pressedByText({ type: 'text', text: '是' }, [card('a', [['yes', '是']]), card('b', [['yes', '是']])])).toBeNull();
    expect(pressedByText({ type: 'text', text: '都已完成' }, null)).toBeNull();
  });
});

describe('a follow-up of the answer remembered while another errand waits', () => {
  /** Answers “凉水井村的数” and remembers it; a follow-up “那石门村呢” is answered as the same question. */
  const counted: Flow = {
    name: 't/count', title: '户数', version: 1,
    matches: (i) => i.type === 'text' && i.text === '凉水井村的数',
    start: () => ({ status: 'done', effects: [say('凉水井村：3户'), { type: 'remember', data: { place: '凉水井村' }, keepMs: 3_600_000 }] }),
    followUp: (_recall, input) => {
      const m = input.type === 'text' ? /^那?(.{2,4}村)的?呢$/.exec(input.text) : null;
      return m ? { status: 'done', effects: [say(`${m[1]}：1户`), { type: 'remember', data: { place: m[1] }, keepMs: 3_600_000 }] } : null;
    },
    step: () => ({ status: 'done', effects: [] }),
  };
  /** Waits for a village picked from a list that names them. */
  const pickVillage: Flow = {
    name: 't/village', title: '选村', version: 1,
    matches: (i) => i.type === 'text' && i.text === '选村',
    start: (_i, env) => wait('t/village', 'q', env, [{ type: 'reply', reply: { type: 'menu', head: '哪个村？', items: [{ id: 'v:1', label: '马家沟村' }, { id: 'v:2', label: '石门村' }], tail: '请回复序号。' } }]),
    step: (_s, input) => ({ status: 'done', effects: [say(`选的是：${input.type === 'text' ? input.text : ''}`)] }),
  };
  const list = [...mine, counted, pickVillage];

  it('answered like a question in between: the answer, the waiting question again, the errand kept', async () => {
    const r = await run(['短事', '凉水井村的数', '那马家沟村呢', '好'], list);
    expect(r[1]!.read).toEqual(['凉水井村：3户', '接着刚才的「短事」：\n短问？']);
    expect(r[2]!.read).toEqual(['马家沟村：1户', '接着刚才的「短事」：\n短问？']);
    expect(r[2]!.waiting).toBe('t/short');
  });

  it('an errand that starts and waits keeps the answer remembered', async () => {
    const r = await run(['凉水井村的数', '短事', '那马家沟村呢'], list);
    expect(r[2]!.read).toEqual(['马家沟村：1户', '接着刚才的「短事」：\n短问？']);
    expect(r[2]!.waiting).toBe('t/short');
  });

  it('words a choice of the waiting question names are its answer, not a follow-up', async () => {
    const r = await run(['凉水井村的数', '选村', '马家沟村的呢'], list);
    expect(r[2]!.read).toEqual(['选的是：马家沟村的呢']);
    expect(r[2]!.waiting).toBeNull();
  });
});

