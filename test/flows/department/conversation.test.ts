/**
 * The department flows inside the dispatcher's routing with the real registry: “取消” while the
 * city is asked which department, “继续” re-asking the question, a question in between answered
 * while the list keeps waiting, the expiry, and how the department's short words are routed.
 */
import { describe, expect, it } from 'vitest';
import { route, type Conversation } from '../../../src/bot/dispatch/router.js';
import type { FlowData } from '../../../src/flows/data.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor, Effect, Env, Input } from '../../../src/flows/types.js';
import { cityBureau, fakeDepartment, mayList, T0, yibao } from './fixtures.js';

interface Turn {
  input: Input | string;
  read: Array<string | RegExp>;
  waiting: [string, string] | null;
  commands?: string[];
}

async function converse(actor: Actor, data: Partial<FlowData>, turns: Turn[]): Promise<void> {
  let conversation: Conversation = { state: null, prompt: null, suspended: null, version: 0 };
  for (const [i, t] of turns.entries()) {
    const input: Input = typeof t.input === 'string' ? { type: 'text', text: t.input } : t.input;
    const env: Env = { now: T0 + i * 60_000, tz: 'Asia/Shanghai', actor, newId: (p) => `${p}${i}`, data: data as FlowData };
    const r = await route({ flows, conversation, input, env, expiryMinutes: 30 });
    const where = `turn ${i + 1} (${JSON.stringify(input)})`;
    const read = r.effects.flatMap((e: Effect) => (e.type === 'reply' && e.reply.type === 'text' ? [e.reply.text] : e.type === 'reply' ? [`[${e.reply.type}]`] : []));
    expect(read, where).toEqual(t.read.map((x) => (typeof x === 'string' ? x : expect.stringMatching(x))));
    expect(r.next.state ? [r.next.state.flow, r.next.state.node] : null, where).toEqual(t.waiting);
    if (t.commands) expect(r.effects.flatMap((e) => (e.type === 'command' ? [e.command.kind] : [])), where).toEqual(t.commands);
    conversation = JSON.parse(JSON.stringify({ ...r.next, version: conversation.version + (r.changed ? 1 : 0) })) as Conversation;
  }
}

const file: Input = { type: 'file', msgType: 'file', mediaId: 'c1', fileName: '汇总.xlsx' };
const needs = () => fakeDepartment({ c1: (d) => (d ? { ok: true, preview: mayList('汇总.xlsx') } : { ok: false, kind: 'needs_department', message: '部门列为空' }) }).data;
const ASK = /^名单「汇总\.xlsx」中有的行没有填写部门/;
const WAITING: [string, string] = ['department/warning-file', 'department'];

describe('department warnings through the router', () => {
  it('“取消” while asked which department: nothing is imported; “继续” has nothing left', async () => {
    await converse(cityBureau, needs(), [
      { input: file, read: [ASK], waiting: WAITING },
      { input: '取消', read: ['已退出「报送部门预警」。'], waiting: null, commands: [] },
      { input: '继续', read: ['没有可以继续的事项。发送“帮助”查看可以办的事。'], waiting: null },
    ]);
  });

  it('“继续” re-asks; the template asked in between is sent and the list keeps waiting; then the answer imports it', async () => {
    await converse(cityBureau, needs(), [
      { input: file, read: [ASK], waiting: WAITING },
      { input: '继续', read: ['您正在「报送部门预警」中：', ASK], waiting: WAITING },
      { input: '预警模板', read: ['[file]', /^这是预警名单模板/, /^接着刚才的「报送部门预警」：\n/], waiting: WAITING },
      { input: '医保', read: [/^已收到医保预警名单「汇总\.xlsx」/], waiting: null, commands: ['department.import_warnings'] },
    ]);
  });

  it('the question expires politely after 30 minutes', async () => {
    await converse(cityBureau, needs(), [
      { input: file, read: [ASK], waiting: WAITING },
      { input: { type: 'timeout', key: 'expiry', payload: { version: 1 } }, read: ['「报送部门预警」已经30分钟没有回复，已自动结束。需要时请重新开始。'], waiting: null },
    ]);
  });

  it('a department’s words reach its flows, not the officials’ (“进度”, “预警进度”)', async () => {
    const data = fakeDepartment({}, { own: 'medical_insurance', progress: [] }).data;
    await converse(yibao, data, [
      { input: '进度', read: [/^您的部门还没有报送过预警名单/], waiting: null },
      { input: '预警进度', read: [/^您的部门还没有报送过预警名单/], waiting: null },
      { input: '怎么报预警', read: [/^请把预警名单（xlsx 或 csv 文件）直接发给我/], waiting: null },
    ]);
  });
});
