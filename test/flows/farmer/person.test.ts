/**
 * 找网格员 (farmer/person) transcripts: every way a farmer asks for a person gets the grid
 * worker's and the village cadre's names and working phones, and both are told with the farmer's
 * words; “没人来” about an open declaration shows its real state and is escalated; a farmer whose
 * village is unknown is asked for it once.
 */
import { describe, expect, it } from 'vitest';
import { personFlow, QUESTION_MENU_ID } from '../../../src/flows/farmer/person.js';
import type { DeclarationProgress } from '../../../src/flows/farmer/data.js';
import { replay } from '../../helpers/transcript.js';
import { fakeData, farmer, gridWorker, T0, text, V_LSJ, V_LSJ2 } from './fixtures.js';

const CONTACTS = '您村（高家堡镇凉水井村）的网格员王五，电话13900001111；村干部刘七，电话13900002222。\n已经告诉他们您在找人，他们会尽快联系您；着急的话可以直接打电话。';
const told = (tag: string, words: string, extra: string[] = []) =>
  ['wangwu', 'liuqi'].map((id) => ({ to: { channel: 'app', id }, reply: { type: 'text', text: [tag, `微信客服农户（rmer01）说：“${words}”`, ...extra, '请尽快联系农户（可在企业微信客服会话中回复）。'].join('\n') } }));
const entered = { profile: { entryVillage: V_LSJ } };
const OPEN: DeclarationProgress = { ref: 'SB9', declaredOn: '2022-04-25', villageCode: V_LSJ, riskTypes: ['illness'], declarantName: '张三', stage: { kind: 'received' }, deadline: '2022-05-10', handler: { name: '王五', role: 'grid_worker' } };

describe('找网格员 transcripts', () => {
  it.each(['人工', '人工客服', '电话', '打电话', '网格员是谁', '电话多少', '俺们村网格员是谁，电话多少', '俺不识字 能打电话不', '没人来'])('“%s”: the names and working phones, and both are told', async (say) => {
    await replay(personFlow, { actor: farmer, now: T0, data: fakeData(farmer, entered) }, [
      {
        say,
        status: 'done',
        replies: [text(/不识字/.test(say) ? `${CONTACTS}\n不方便打字的话，直接打电话就行。` : CONTACTS)],
        sends: told('【农户找人】', say),
        commands: [{ kind: 'farmer.ask_person', villageCode: V_LSJ, words: say, ask: say === '没人来' ? 'nobody_came' : 'person' }],
      },
    ]);
  });

  it('“都半个月了也没人来” about an open declaration: its real state, the grid worker and the village told with its deadline', async () => {
    await replay(personFlow, { actor: farmer, now: T0, data: fakeData(farmer, { declarations: [OPEN] }) }, [
      {
        say: '俺家那个事咋样了 都半个月了也没人来',
        status: 'done',
        replies: [text('让您久等了，很抱歉。\n您的申报（编号SB9，4月25日提交，因病）：\n进度：已受理，等待网格员入户核查\n负责人：网格员王五\n认定时限：5月10日前\n您说的情况，已经转告网格员王五，电话13900001111；村干部刘七，电话13900002222，并报给了村里，他们会尽快联系您；着急的话可以直接打电话。')],
        sends: told('【农户催办】', '俺家那个事咋样了 都半个月了也没人来', ['申报编号SB9（4月25日提交，认定时限5月10日前）', '当前进度：已受理，等待网格员入户核查']),
        commands: [{ kind: 'farmer.chase', ref: 'SB9', words: '俺家那个事咋样了 都半个月了也没人来' }],
      },
    ]);
  });

  it('a farmer nobody knows the village of is asked once; an ambiguous village is offered; then the people', async () => {
    await replay(personFlow, { actor: farmer, now: T0, data: fakeData(farmer) }, [
      { say: '找人', status: 'waiting', state: { node: 'village' }, replies: [text('请问您是哪个镇、哪个村？（比如：高家堡镇凉水井村）我好告诉您网格员的电话，并让他联系您。')], sends: [] },
      { say: '北京', status: 'waiting', replies: [text('没找到这个村。请说镇和村的名字，比如：高家堡镇凉水井村。')] },
      { say: '凉水井', status: 'waiting', replies: [expect.objectContaining({ type: 'menu', items: [{ id: `v:${V_LSJ}`, label: '高家堡镇凉水井村' }, { id: `v:${V_LSJ2}`, label: '店塔镇凉水井村' }] })] },
      { input: { type: 'text', text: '高家堡镇凉水井村', menuId: `v:${V_LSJ}` }, status: 'done', replies: [text(CONTACTS)], sends: told('【农户找人】', '找人') },
    ]);
  });

  it('a question nobody could answer goes to the grid worker as a question', async () => {
    await replay(personFlow, { actor: farmer, now: T0, data: fakeData(farmer, entered) }, [
      {
        input: { type: 'text', text: '俺家的地被占了给补偿不？', menuId: QUESTION_MENU_ID },
        status: 'done',
        replies: [text('这个问题我答不准，您说的问题，已经转告您村（高家堡镇凉水井村）的网格员王五，电话13900001111；村干部刘七，电话13900002222，他们会尽快联系您；着急的话可以直接打电话。')],
        sends: told('【农户提问，请解答】', '俺家的地被占了给补偿不？'),
      },
    ]);
  });

  it('does not take a phone number given as an answer, an account of hardship, or staff', async () => {
    await replay(personFlow, { actor: farmer, now: T0, data: fakeData(farmer, entered) }, [
      { say: '电话号码是13812345678', status: 'not-matched' },
      { say: '俺家老汉住院了', status: 'not-matched' },
    ]);
    await replay(personFlow, { actor: gridWorker, now: T0, data: fakeData(gridWorker) }, [{ say: '人工', status: 'not-matched' }]);
  });
});
