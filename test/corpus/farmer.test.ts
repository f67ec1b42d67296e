/**
 * The farmers' corpus must hold its targets: no silent misrecord, ≥ 95 % recorded right or
 * helpfully asked, ≥ 85 % understood at the first message. Beside it, what the corpus cannot
 * show: a full-width ID number typed into a declaration is masked everywhere it is quoted, and a
 * town the farmer named is never replaced by another town's village of the same name.
 */
import { describe, expect, it } from 'vitest';
import { route, type Conversation } from '../../src/bot/dispatch/router.js';
import type { FlowData } from '../../src/flows/data.js';
import { readVillage } from '../../src/flows/farmer/places.js';
import { flows } from '../../src/flows/registry.js';
import type { Effect, Env } from '../../src/flows/types.js';
import { fakeData, farmer, PLACES, T0, V_GJB, V_LSJ, V_LSJ2, V_SJT } from '../flows/farmer/fixtures.js';
import { firstMessage, runFarmerCorpus } from './farmer.corpus.js';
import { FARMER_ITEMS } from './farmer.items.js';

describe('farmers’ first messages (corpus)', () => {
  it('has at least 150 items, each judged', async () => {
    const results = await runFarmerCorpus();
    expect(FARMER_ITEMS.length).toBeGreaterThanOrEqual(150);
    expect(results).toHaveLength(FARMER_ITEMS.length);
  });

  it('no silent misrecord; ≥ 95 % right or asked; ≥ 85 % understood at the first message', async () => {
    const results = await runFarmerCorpus();
    const silent = results.filter((r) => r.verdict === 'silent_misrecord');
    expect(silent.map((r) => `${r.id} ${r.text} — ${r.detail}`)).toEqual([]);
    const accurate = results.filter((r) => r.verdict === 'correct' || r.verdict === 'asked').length / results.length;
    const first = results.filter((r) => r.firstMessage).length / results.length;
    const misses = results.filter((r) => r.verdict !== 'correct').map((r) => `${r.id} ${r.verdict} ${r.text} — ${r.detail}`);
    expect(accurate, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(first, misses.join('\n')).toBeGreaterThanOrEqual(0.85);
  });

  it('the judge itself fails a wrong record: an income taken as a cost, a wrong type, a town replaced', async () => {
    const { judge } = await import('./farmer.corpus.js');
    const draft = (await firstMessage('俺家老汉住院了花了三万多咋办')).draft;
    expect(judge(['俺家老汉住院了花了三万多咋办', 'S'], draft).verdict).toBe('silent_misrecord');
    expect(judge(['俺家老汉住院了花了三万多咋办', 'I+A'], draft).verdict).toBe('wrong');
    expect(judge(['x', 'I', { income: 30000 }], draft).verdict).toBe('silent_misrecord');
    expect(judge(['x', 'I', { sudden: false }], draft).verdict).toBe('wrong');
    expect(judge(['x', 'I'], null).verdict).toBe('not_understood');
    // A question that must not start a declaration: another flow, or a declaration, is not its flow.
    expect(judge(['谁可以申报啊', '', { flow: 'farmer/policy' }], draft, 'farmer/declare').verdict).toBe('wrong');
    expect(judge(['谁可以申报啊', '', { flow: 'farmer/policy' }], null, null).verdict).toBe('not_understood');
    expect(judge(['谁可以申报啊', '', { flow: 'farmer/policy' }], null, 'farmer/policy').verdict).toBe('correct');
  });
});

/** A whole declaration through the router; every reply and every message sent to staff, as text. */
async function declare(turns: string[], suddenHintMinYuan?: number): Promise<{ replies: string[]; sends: Array<{ to: string; text: string }> }> {
  let conversation: Conversation = { state: null, prompt: null, suspended: null, version: 0 };
  const port = fakeData(farmer, { profile: { entryVillage: V_LSJ } });
  const facts = await port.farmerPolicyFacts();
  const data = { ...port, farmerPolicyFacts: async () => (suddenHintMinYuan === undefined ? facts : { ...facts, suddenHintMinYuan }) } as unknown as FlowData;
  const replies: string[] = [];
  const sends: Array<{ to: string; text: string }> = [];
  let ids = 0;
  for (const text of turns) {
    const env: Env = { now: T0, tz: 'Asia/Shanghai', actor: farmer, newId: (p) => `${p}${++ids}`, data };
    const r = await route({ flows, conversation, input: { type: 'text', text }, env, expiryMinutes: 30 });
    for (const e of r.effects as Effect[]) {
      if (e.type === 'reply') replies.push(JSON.stringify(e.reply));
      if (e.type === 'send') sends.push({ to: e.to.id, text: JSON.stringify(e.reply) });
    }
    conversation = JSON.parse(JSON.stringify({ ...r.next, version: conversation.version + 1 })) as Conversation;
  }
  return { replies, sends };
}

// Any run of 7 or more digits, in any width, with spaces or dashes inside.
const UNMASKED = /[0-9０-９](?:[\s\-－]?[0-9０-９]){6,}/;

describe('personal numbers typed by a farmer are masked wherever they are quoted', () => {
  it.each([
    ['full-width digits', '我叫张三 身份证６１０８２１１９８００１０１１２３４ 电话１３８１２３４５６７８ 老婆住院了'],
    ['spaces inside', '我叫张三 身份证6108 2119 8001 0112 34 电话138 1234 5678 老婆住院了'],
    ['dashes and a lower-case x', '我叫李秀英 身份证610821-19750315-234x 电话138-1234-5678 老汉住院了'],
  ])('%s: in the replies to the farmer and in both staff notices', async (_how, story) => {
    const { replies, sends } = await declare([story, '对']);
    expect(sends.map((s) => s.to).sort()).toEqual(['liuqi', 'wangwu']);
    for (const s of sends) {
      expect(s.text).not.toMatch(UNMASKED);
      expect(s.text).toMatch(/\*{6,}/);
    }
    expect(replies.length).toBeGreaterThan(0);
    // The confirmation's own example number (“电话13912345678”) is the bot's, not the farmer's.
    for (const r of replies) expect(r.replaceAll('13912345678', '')).not.toMatch(UNMASKED);
    expect(replies.join('\n')).toMatch(/6108\*{10}/);
  });
});

describe('a town the farmer named is never replaced', () => {
  it.each([
    ['店塔镇高家堡村', [V_LSJ2, V_SJT, V_GJB]],
    ['高家堡镇石角塔村', [V_LSJ, V_GJB, V_SJT]],
  ])('“%s” (no such village in that town) offers a choice instead of another town’s village', (said, codes) => {
    expect(readVillage({ type: 'text', text: said }, PLACES)).toEqual({ kind: 'choose', codes, town: expect.any(String) });
  });

  it('a town with its own village is read at once', () => {
    expect(readVillage({ type: 'text', text: '高家堡镇高家堡村' }, PLACES)).toEqual({ kind: 'one', code: V_GJB });
    expect(readVillage({ type: 'text', text: '店塔镇凉水井村' }, PLACES)).toEqual({ kind: 'one', code: V_LSJ2 });
  });

  it('said in passing in the first message, the mismatched village is not taken', async () => {
    expect((await firstMessage('店塔镇高家堡村的 房子塌了')).draft?.villageCode).toBeNull();
    expect((await firstMessage('店塔镇凉水井村 孙子上学交不起学费')).draft?.villageCode).toBe(V_LSJ2);
  });
});

describe('facts read right reach the farmer’s summary and the staff notices', () => {
  it('income as income, the labour situation and a 低保 request', async () => {
    const { replies, sends } = await declare(['男人瘫在炕上 我一个人拉扯三个娃 一年收入就两千五 俺想申请低保', '我叫王桂兰', '没有', '没有', '对']);
    const summary = replies.find((r) => r.includes('请核对您的申报')) ?? '';
    expect(summary).toContain('金额：收入两千五');
    expect(summary).not.toMatch(/两千五（/);
    expect(summary).toContain('劳动力：家里没有劳动力（瘫在炕上、一个人拉扯）');
    expect(summary).toContain('申请：低保（已一并转给网格员）');
    expect(sends).toHaveLength(2);
    for (const s of sends) {
      expect(s.text).toContain('劳动力：家里没有劳动力');
      expect(s.text).toContain('申请：低保');
      expect(s.text).not.toContain('疑似突发严重困难');
    }
  });
});

describe('the 突发严重困难 hint follows the configured threshold (the 医保 warning threshold)', () => {
  const story = ['俺家老汉住院了 自己掏了三万多', '我叫张三', '没有', '没有', '对'];
  it.each([
    [undefined, true],
    [20000, true],
    [50000, false],
  ])('threshold %s → hint %s', async (threshold, hinted) => {
    const { sends } = await declare(story, threshold);
    expect(sends).toHaveLength(2);
    for (const s of sends) expect(s.text.includes('疑似突发严重困难')).toBe(hinted);
  });
});
