import { beforeAll, describe, expect, it } from 'vitest';
import { orm, describeEachDatabase, statementsOf } from '../../helpers/db.js';
import { edgeKit, inboundOf, say, T0, type Kit } from '../../helpers/edge-kit.js';
import { registerFlow, tallyFlow, writeFlow } from '../../helpers/test-flows.js';
import { commandHandlers, type Command, type CommandContext } from '../../../src/bot/dispatch/ports.js';
import { capKfReplies } from '../../../src/bot/dispatch/dispatcher.js';
import { withNote } from '../../../src/bot/dispatch/router.js';
import { helpFlow } from '../../../src/flows/help.js';
import type { Flow } from '../../../src/flows/types.js';
import { transaction } from '../../../src/persistence/db.js';
import { loadConversation, saveConversation } from '../../../src/persistence/conversation.js';
import { findTimer } from '../../../src/persistence/timer.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';

/** A flow whose conversation is kept for a week (like a farmer's draft declaration). */
const WEEK = 7 * 86_400_000;
const keptFlow: Flow = {
  name: 'kept', title: '长登记', version: 1, keepMs: WEEK,
  matches: (i) => i.type === 'text' && i.text === '长登记',
  start: (_i, env) => ({ status: 'waiting', state: { flow: 'kept', v: 1, node: 'q', data: {}, waitingSince: env.now }, effects: [{ type: 'reply', reply: { type: 'text', text: '慢慢说？' } }] }),
  step: () => ({ status: 'done', effects: [] }),
};

/** A question whose answer is remembered for an hour: “问 X” answers X; “X呢” then answers X the same way. */
const HOUR = 3_600_000;
const askFlow: Flow = {
  name: 'ask', title: '问', version: 1,
  matches: (i) => i.type === 'text' && i.text.startsWith('问 '),
  start: (i) => {
    const what = i.type === 'text' ? i.text.slice(2) : '';
    return { status: 'done', effects: [{ type: 'reply', reply: { type: 'text', text: `答：${what}` } }, { type: 'remember', data: { what }, keepMs: HOUR }] };
  },
  followUp: (recall, i) => {
    if (i.type !== 'text' || !i.text.endsWith('呢')) return null;
    return { status: 'done', effects: [{ type: 'reply', reply: { type: 'text', text: `答：${i.text.slice(0, -1)}（上一问：${String(recall.data.what)}）` } }, { type: 'remember', data: { what: i.text.slice(0, -1) }, keepMs: HOUR }] };
  },
  step: () => ({ status: 'done', effects: [] }),
};

describeEachDatabase('dispatcher', (db) => {
  let kit: Kit;
  const calls: Array<{ command: Command; ctx: CommandContext }> = [];
  const conv = (sender: string) => transaction(kit.ds, (tx) => loadConversation(tx, 'app', sender));
  const timer = (sender: string, name: string) => transaction(kit.ds, (tx) => findTimer(tx, 'app', sender, name));
  beforeAll(() => {
    kit = edgeKit(db.ds(), {
      flows: [helpFlow, registerFlow, tallyFlow, writeFlow, keptFlow, askFlow],
      staff: [
        { userId: 'u-cancel', name: '甲', role: 'grid_worker', jurisdiction: { level: 'grid', code: 'G1' } },
        { userId: 'u-resume', name: '乙', role: 'village_cadre', jurisdiction: { level: 'village', code: 'V1' } },
        { userId: 'u-help', name: '丙', role: 'screening_team', jurisdiction: { level: 'village', code: 'V1' } },
        { userId: 'u-exp', name: '丁', role: 'grid_worker', jurisdiction: { level: 'grid', code: 'G1' } },
        { userId: 'u-cmd', name: '戊', role: 'admin', jurisdiction: { level: 'city', code: '610821' } },
        { userId: 'u-keep', name: '己', role: 'grid_worker', jurisdiction: { level: 'grid', code: 'G1' } },
        { userId: 'u-recall', name: '庚', role: 'town_official', jurisdiction: { level: 'town', code: 'T1' } },
      ],
      commands: commandHandlers({
        'test.write': async (tx, command, ctx) => {
          calls.push({ command, ctx });
          // Proves the command runs inside the dispatch transaction: it sees uncommitted rows.
          expect(await orm(tx).getRepository(OutboxSchema).count()).toBeGreaterThanOrEqual(0);
        },
      }),
      expiryMs: 30 * 60_000,
    });
  });

  it('“取消” leaves the waiting flow politely and clears its expiry', async () => {
    // The first question of a run says how to leave.
    expect((await say(kit, 'u-cancel', '登记')).replies).toEqual(['请问户主姓名？\n（回复“取消”可退出）']);
    expect((await timer('u-cancel', 'expiry'))?.status).toBe('pending');
    expect((await say(kit, 'u-cancel', '取消')).replies).toEqual(['已退出「登记」。']);
    expect((await conv('u-cancel'))?.state).toBeNull();
    expect((await timer('u-cancel', 'expiry'))?.status).toBe('cancelled');
    expect((await say(kit, 'u-cancel', '退出。')).replies).toEqual(['当前没有正在办的事项。发送“帮助”查看可以办的事。']);
  });

  it('a message that leaves an idle conversation idle has no expiry to cancel, and does not try', async () => {
    await say(kit, 'u-help', '帮助');
    const { statements } = await statementsOf(kit.ds, () => say(kit, 'u-help', '帮助'));
    expect(statements.some((s) => /^UPDATE timer/.test(s))).toBe(false);
    expect(await timer('u-help', 'expiry')).toBeNull();
  });

  it('another command while one waits puts it aside; “继续” resumes it with its question', async () => {
    await say(kit, 'u-resume', '登记');
    expect((await say(kit, 'u-resume', '记 猪圈')).replies).toEqual(['已记：记 猪圈\n（回复“取消”可退出）\n（「登记」已暂停，办完这件后发送“继续”可接着办。）']);
    const c = await conv('u-resume');
    expect(c?.state).toMatchObject({ flow: 'tally' });
    expect(c?.suspended).toMatchObject({ state: { flow: 'register', node: 'name' }, prompt: [{ type: 'text', text: '请问户主姓名？' }] });
    expect((await say(kit, 'u-resume', '取消')).replies).toEqual(['已退出「记数」。\n您之前的「登记」还没办完，发送“继续”可接着办。']);
    expect((await say(kit, 'u-resume', '继续')).replies).toEqual(['好的，接着办「登记」：', '请问户主姓名？']);
    // Later questions of the same run do not repeat how to leave.
    expect((await say(kit, 'u-resume', '张三')).replies).toEqual(['联系电话？']);
    expect((await say(kit, 'u-resume', '0912')).replies).toEqual(['已登记：张三，0912']);
    expect(await conv('u-resume')).toMatchObject({ state: null, suspended: null });
    expect((await say(kit, 'u-resume', '继续')).replies).toEqual(['没有可以继续的事项。发送“帮助”查看可以办的事。']);
  });

  it('a command that finishes at once (帮助) leaves the waiting flow where it was, and its question is asked again', async () => {
    await say(kit, 'u-help', '登记');
    const before = await conv('u-help');
    const r = await say(kit, 'u-help', '帮助');
    expect(r.replies).toHaveLength(2);
    expect(r.replies[0]).toMatch(/^您好，丙（排查小组成员）/);
    expect(r.replies[1]).toBe('接着刚才的「登记」：\n请问户主姓名？');
    expect((await conv('u-help'))?.state).toEqual(before?.state);
    expect((await say(kit, 'u-help', '李四')).replies).toEqual(['联系电话？']);
  });

  it('a waiting flow expires politely after 30 minutes; an answer in time moves the expiry', async () => {
    kit.clock.now = T0;
    await say(kit, 'u-exp', '登记');
    kit.clock.now = T0 + 20 * 60_000;
    await say(kit, 'u-exp', '王二');
    // The name step also set the flow's own 60-second timer.
    kit.clock.now = T0 + 21 * 60_000 + 1;
    await kit.edge.sweeper.sweepOnce();
    await kit.edge.processor.idle();
    const nudges = await transaction(kit.ds, (tx) => orm(tx).getRepository(OutboxSchema).find({ where: { recipient: 'u-exp' }, order: { id: 'ASC' } }));
    expect(nudges.map((o) => (o.payload as { text: string }).text).at(-1)).toBe('提醒：nudge');
    // Answered at minute 20: not expired at minute 31, expired at minute 51.
    kit.clock.now = T0 + 31 * 60_000;
    await kit.edge.sweeper.sweepOnce();
    await kit.edge.processor.idle();
    expect(await timer('u-exp', 'expiry')).toMatchObject({ status: 'pending', dueAt: T0 + 50 * 60_000 });
    expect((await conv('u-exp'))?.state).toMatchObject({ flow: 'register', node: 'phone' });
    kit.clock.now = T0 + 51 * 60_000;
    await kit.edge.sweeper.sweepOnce();
    await kit.edge.processor.idle();
    expect((await timer('u-exp', 'expiry'))?.status).not.toBe('pending');
    const all = await transaction(kit.ds, (tx) => orm(tx).getRepository(OutboxSchema).find({ where: { recipient: 'u-exp' }, order: { id: 'ASC' } }));
    expect((all.at(-1)!.payload as { text: string }).text).toBe('「登记」已经30分钟没有回复，已自动结束。需要时请重新开始。');
    expect((await conv('u-exp'))?.state).toBeNull();
    kit.clock.now = T0;
  });

  it('a flow that keeps its conversation longer (keepMs) gets its expiry that much later', async () => {
    kit.clock.now = T0;
    expect((await say(kit, 'u-keep', '长登记')).replies).toEqual(['慢慢说？\n（回复“取消”可退出）']);
    expect(await timer('u-keep', 'expiry')).toMatchObject({ status: 'pending', dueAt: T0 + WEEK });
  });

  it('domain commands run in the dispatch transaction with who and why; unknown kinds fail the message', async () => {
    const ok = await say(kit, 'u-cmd', '写');
    expect(ok.replies).toEqual(['写好了']);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.command).toEqual({ kind: 'test.write', note: 'x' });
    expect(calls[0]!.ctx.actor.staff?.name).toBe('戊');
    expect(calls[0]!.ctx.inboundId).toBe((await inboundOf(kit.ds, `app:msg:${ok.msgId}`))?.id);
    const bad = await say(kit, 'u-cmd', '写未知');
    expect(bad.replies).toEqual(['抱歉，处理这条消息时出了问题，已经记录下来。请稍后再试，或发送“帮助”。']);
    const row = await inboundOf(kit.ds, `app:msg:${bad.msgId}`);
    expect(row).toMatchObject({ status: 'failed' });
    expect(row?.error).toBe('DISPATCH.UNKNOWN_COMMAND: unknown command kind: test.unknown');
  });

  it('an answer remembered is kept in the conversation row; a follow-up within its time goes to its flow, not after, and another answer forgets it', async () => {
    kit.clock.now = T0;
    expect((await say(kit, 'u-recall', '问 甲村')).replies).toEqual(['答：甲村']);
    expect((await conv('u-recall'))?.recall).toEqual({ flow: 'ask', v: 1, data: { what: '甲村' }, at: T0, until: T0 + HOUR });
    // No flow takes “乙村呢” on its own: only the remembered answer's flow does.
    kit.clock.now = T0 + 50 * 60_000;
    expect((await say(kit, 'u-recall', '乙村呢')).replies).toEqual(['答：乙村（上一问：甲村）']);
    expect((await conv('u-recall'))?.recall).toMatchObject({ data: { what: '乙村' }, until: T0 + 50 * 60_000 + HOUR });
    // Past its time the follow-up is any message (here: not understood), and the expired answer is dropped.
    kit.clock.now = T0 + 50 * 60_000 + HOUR + 1;
    expect((await say(kit, 'u-recall', '丙村呢')).replies.join()).not.toContain('上一问');
    expect((await conv('u-recall'))?.recall).toBeNull();
    // Another flow's answer (帮助) leaves nothing to remember: the answer before is forgotten.
    await say(kit, 'u-recall', '问 丁村');
    await say(kit, 'u-recall', '帮助');
    expect((await conv('u-recall'))?.recall).toBeNull();
    expect((await say(kit, 'u-recall', '戊村呢')).replies.join()).not.toContain('上一问');
    kit.clock.now = T0;
  });

  it('a state from an older version of a flow is dropped on purpose, and the user told', async () => {
    await say(kit, 'u-old', '你好');
    const c = await conv('u-old');
    const old = { flow: 'register', v: 0, node: 'phone', data: { name: '旧' }, waitingSince: T0 };
    await transaction(kit.ds, (tx) => saveConversation(tx, { channel: 'app', sender: 'u-old', expectedVersion: c!.version, state: old, prompt: [], suspended: null }, T0));
    const r = await say(kit, 'u-old', '登记');
    expect(r.replies).toEqual(['系统已更新，「登记」需要重新开始，请重新发送命令。', '请问户主姓名？\n（回复“取消”可退出）']);
  });

  it('people not on the roster are told how to get registered; events without a flow stay silent', async () => {
    expect((await say(kit, 'stranger', '你好')).replies[0]).toBe(
      '您好！您的企业微信账号（stranger）还不在守望的人员名单中，暂时无法使用。请联系所在镇街或村的管理员，把您的企业微信账号加入人员名单后再试。',
    );
  });
});

describe('reply shaping', () => {
  it('appends a note to the last text reply, or adds one', () => {
    expect(withNote([{ type: 'reply', reply: { type: 'text', text: 'a' } }], 'n')).toEqual([{ type: 'reply', reply: { type: 'text', text: 'a\nn' } }]);
    expect(withNote([], 'n')).toEqual([{ type: 'reply', reply: { type: 'text', text: 'n' } }]);
  });

  it('folds kf replies beyond five into the fifth', () => {
    const items = [1, 2, 3, 4, 5, 6, 7].map((i) => ({ channel: 'kf' as const, recipient: 'wm1', originMsgId: 'm', payload: { type: 'text', text: `t${i}` } }));
    const capped = capKfReplies(items);
    expect(capped.map((i) => (i.payload as { text: string }).text)).toEqual(['t1', 't2', 't3', 't4', 't5\n\nt6\n\nt7']);
    expect(capKfReplies(items.slice(0, 5))).toHaveLength(5);
  });
});
