/**
 * 一般户排查 in the worker's own words: several households confirmed once, names typed wrong asked
 * back with card buttons, a whole report sent again replacing the waiting question, and answers
 * that do not fit the question refused with what is expected.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { converse } from '../../helpers/converse.js';
import { fakeFieldData, gridWorker, MONDAY, world } from './world.js';
import { generalScreeningFlow } from '../../../src/flows/field/general-screening.js';
import { flows } from '../../../src/flows/registry.js';

const text = (t: string) => ({ type: 'text', text: t });
const save = (householdId: number, answers: object, remark = '') => ({ kind: 'field.screening.save', form: 'general', campaign: '2022', householdId, answers, remark });
const setup = (w = world(), actor = gridWorker) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });
const NO_RISK = { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true };

describe('一般户排查 in the worker’s own words', () => {
  it('a report without 排查, in any order, is recognised and stored at once (备注 keeps nothing of the connectives)', async () => {
    await converse(flows, setup(), [
      { say: '张三家已入户排查，没问题，政策都知道', waiting: null, commands: [save(1, NO_RISK)] },
      { say: '今天走访了孙七户 一切正常 知道政策', waiting: null, commands: [save(5, NO_RISK)] },
      { say: '入户 张小军 无风险 知道政策', waiting: null, commands: [save(1, NO_RISK)] },
    ]);
  });

  it('the week’s report asked with ok/没 (“周报ok了没”) is no report of a household: the screening leaves it alone', () => {
    const env = { now: MONDAY, tz: 'Asia/Shanghai', actor: gridWorker, newId: (p: string) => p, data: fakeFieldData(world(), gridWorker) };
    expect(generalScreeningFlow.matches({ type: 'text', text: '周报ok了没' }, env as never)).toBe(false);
    expect(generalScreeningFlow.matches({ type: 'text', text: '张三家 入户 ok 政策了解' }, env as never)).toBe(true);
  });

  it('a question put aside after the report (另外问一下 …) is neither the flow taken nor the 备注: it is said back', async () => {
    await converse(flows, setup(), [
      {
        say: '张三家 入户 无风险 政策了解 另外问一下 研判会啥时候开',
        waiting: null,
        commands: [save(1, NO_RISK)],
        replies: [text(expect.stringMatching(/^您另外问的“研判会啥时候开”没有记进备注，请单独发一条再问。\n已登记一般户排查（附件3）：/))],
      },
    ]);
  });

  it('several households in one message: one echo lists them all; 是 saves all, 取消 saves none', async () => {
    await converse(flows, setup(), [
      {
        say: '张三、孙七两户都入户了，都没风险，政策都了解',
        waiting: 'field/general-screening:confirm',
        commands: [],
        replies: [text('这条消息里有2户，请确认一般户排查（附件3）：\n1. 张三户（凉水井村一组，4口人，电话138****5678）：入户；近期风险：否；了解政策：是\n2. 孙七户（凉水井村一组，1口人）：入户；近期风险：否；了解政策：是\n回复“是”或“确认”保存这2户；回复“取消”都不保存。')],
      },
      { say: '没有', waiting: 'field/general-screening:confirm', commands: [], replies: [text(expect.stringMatching(/^请回复“是”保存，或回复“取消”不保存。\n这条消息里有2户/))] },
      { say: '都对', waiting: null, commands: [save(1, NO_RISK), save(5, NO_RISK)], replies: [text(expect.stringMatching(/^已登记2户一般户排查（附件3）：\n1\. 张三户[\s\S]*\n2\. 孙七户/))] },
      { say: '排查 张三 入户 无风险 了解政策\n排查 孙七 电话 有风险 老汉住院花了两万 不了解政策', waiting: 'field/general-screening:confirm', commands: [] },
      { say: '取消', waiting: null, commands: [], replies: [text('已退出「一般户排查」。')] },
    ]);
  });

  it('a household of the message that is not found is asked about — never dropped into 备注', async () => {
    await replay(generalScreeningFlow, setup(), [
      { say: '张三家入户 挺好的 知道政策 王老五家电话 没问题', status: 'waiting', state: { node: 'name' }, replies: [text(expect.stringMatching(/^在您的网格内没有找到“王老五”户。/))] },
      { say: '孙七', status: 'waiting', state: { node: 'policy' }, replies: [text('孙七户：是否基本了解防返贫政策？请回复“是”或“否”。')] },
      { say: '了解', status: 'waiting', state: { node: 'confirm' } },
      { say: '确认', status: 'done', commands: [save(1, NO_RISK), save(5, { method: 'phone', riskFound: false, riskDetails: null, knowsPolicy: true })] },
    ]);
  });

  it('a household said to be not screened yet is not recorded, and the worker is told so', async () => {
    await replay(generalScreeningFlow, setup(), [
      { say: '张三家入户了没问题政策知道，孙七家还没去', status: 'done', commands: [save(1, NO_RISK)], replies: [text(expect.stringMatching(/^孙七户您说还没排查，这次不登记。\n已登记一般户排查/))] },
    ]);
  });

  it('a name typed wrong: “您说的是…吗？” with the candidates as card buttons', async () => {
    await replay(generalScreeningFlow, setup(), [
      {
        say: '排查 孙琦 入户 无风险 了解政策',
        status: 'waiting',
        state: { node: 'sounds' },
        replies: [expect.objectContaining({ type: 'card', card: expect.objectContaining({ desc: '您说的是孙七吗？', buttons: [expect.objectContaining({ key: 'h5:孙七', text: '孙七' }), expect.objectContaining({ key: 'none', text: '都不是' })] }) })],
      },
      { input: { type: 'card', taskId: 'fq1', eventKey: 'h5:孙七' }, status: 'done', commands: [save(5, NO_RISK)] },
    ]);
    await replay(generalScreeningFlow, setup(), [
      { say: '王大善家入户 无风险 了解政策', status: 'waiting', state: { node: 'sounds' } },
      { say: '不是', status: 'waiting', state: { node: 'name' } },
      { say: '张三', status: 'done', commands: [save(1, NO_RISK)] },
    ]);
  });

  it('short answers in the middle: “不是，是张三” takes the name said with the no, “讲了” is the policy told, “算了” leaves', async () => {
    await replay(generalScreeningFlow, setup(), [
      { say: '王大善家入户 无风险 了解政策', status: 'waiting', state: { node: 'sounds' } },
      { say: '不是 是张三', status: 'done', commands: [save(1, NO_RISK)] },
    ]);
    await replay(generalScreeningFlow, setup(), [
      { say: '张三家入户 无风险', status: 'waiting', state: { node: 'policy' } },
      { say: '给讲过了', status: 'done', commands: [save(1, NO_RISK)] },
    ]);
    await converse(flows, setup(), [
      { say: '张三家入户了', waiting: 'field/general-screening:risk' },
      { say: '算了', waiting: null, commands: [], replies: [text('已退出「一般户排查」。')] },
    ]);
  });

  it('a correction at the confirmation of several changes what it names and shows them again; a bare 不对 saves nothing', async () => {
    await converse(flows, setup(), [
      { say: '张三、孙七两户都入户了，都没风险，政策都了解', waiting: 'field/general-screening:confirm', commands: [] },
      { say: '不对 孙七是打电话的', waiting: 'field/general-screening:confirm', commands: [], replies: [text(expect.stringMatching(/^已按您说的改了，请再核对一遍：\n这条消息里有2户[\s\S]*2\. 孙七户（凉水井村一组，1口人）：电话；近期风险：否；了解政策：是/))] },
      { say: '对', waiting: null, commands: [save(1, NO_RISK), save(5, { ...NO_RISK, method: 'phone' })] },
    ]);
    await converse(flows, setup(), [
      { say: '张三、孙七两户都入户了，都没风险，政策都了解', waiting: 'field/general-screening:confirm', commands: [] },
      { say: '不对，孙七家有风险', waiting: 'field/general-screening:riskDetail', commands: [] },
      { say: '老汉住院了', waiting: 'field/general-screening:confirm', commands: [] },
      { say: '是', waiting: null, commands: [save(1, NO_RISK), save(5, { method: 'home_visit', riskFound: true, riskDetails: '老汉住院了', knowsPolicy: true })] },
    ]);
    await converse(flows, setup(), [
      { say: '张三、孙七两户都入户了，都没风险，政策都了解', waiting: 'field/general-screening:confirm', commands: [] },
      { say: '不对', waiting: null, commands: [] },
    ]);
  });

  it('the whole corrected line sent again replaces the question: recorded as 有风险 with a lead, not as the answer', async () => {
    await converse(flows, setup(), [
      { say: '排查 赵老三 入户 无风险 了解政策', waiting: 'field/general-screening:name' },
      {
        say: '排查 孙七 入户 有风险 媳妇住院花了五万 了解政策',
        waiting: null,
        commands: [save(5, { method: 'home_visit', riskFound: true, riskDetails: '媳妇住院花了五万', knowsPolicy: true })],
        replies: [text(expect.stringContaining('已生成风险线索'))],
      },
    ]);
    // Households of the replaced message that the new one leaves out are named, not dropped quietly.
    await converse(flows, setup(), [
      { say: '张三、孙琦两户都入户了，都没风险，政策都了解', waiting: 'field/general-screening:sounds' },
      { say: '排查 孙七 入户 有风险 老汉住院 了解政策', waiting: null, replies: [text(expect.stringMatching(/^上一条里的张三还没有登记，需要的话请另发一条。\n已登记一般户排查/))] },
    ]);
    // The same when the bot was asking about a sound-alike.
    await converse(flows, setup(), [
      { say: '排查 孙琦 入户 无风险 了解政策', waiting: 'field/general-screening:sounds' },
      { say: '排查 孙七 入户 有风险 媳妇住院花了五万 了解政策', waiting: null, commands: [save(5, { method: 'home_visit', riskFound: true, riskDetails: '媳妇住院花了五万', knowsPolicy: true })] },
    ]);
  });

  it('an answer that does not fit is not stored: what is expected, an example, and how to leave', async () => {
    await replay(generalScreeningFlow, setup(), [
      { say: '排查 张三 入户', status: 'waiting', state: { node: 'risk' } },
      { say: '两万', status: 'waiting', state: { node: 'risk' }, replies: [text(expect.stringMatching(/^没看懂是否有风险。请回复“是”或“否”，有风险请说明，如“有，老人住院花了两万”；回复“取消”可退出。/))] },
      { say: '有', status: 'waiting', state: { node: 'riskDetail' } },
      { say: '是', status: 'waiting', state: { node: 'riskDetail' }, replies: [text(expect.stringMatching(/^请说说是什么风险，如“户主住院，花费3万多”；回复“取消”可退出。/))] },
      { say: '老人住院', status: 'waiting', state: { node: 'policy' } },
      { say: '三个', status: 'waiting', state: { node: 'policy' }, replies: [text(expect.stringMatching(/^没看懂是否了解政策。请回复“是”或“否”，如“了解”或“不太了解”；回复“取消”可退出。/))] },
      { say: '不太了解', status: 'done', commands: [save(1, { method: 'home_visit', riskFound: true, riskDetails: '老人住院', knowsPolicy: false })] },
    ]);
  });

  it('not a report: courtesy words and answers of other flows are left alone', async () => {
    await replay(generalScreeningFlow, setup(), [{ say: '好的没问题', status: 'not-matched' }, { say: '入户核实后补录', status: 'not-matched' }]);
  });

  it('hardship of a named household without any of the form’s words is a screening that asks what was not said; other fields said in an answer are kept', async () => {
    await converse(flows, setup(), [
      { say: '张三家水管冻裂了 吃水困难', waiting: 'field/general-screening:method', commands: [], replies: [text(expect.stringMatching(/^张三户的排查方式？/))] },
      // Asked how, the worker answers whether: kept, and the question asked again plainly.
      { say: '有风险', waiting: 'field/general-screening:method', commands: [], replies: [text(expect.not.stringMatching(/没看懂/))] },
      { say: '入户', waiting: 'field/general-screening:policy', commands: [] },
      {
        say: '了解',
        waiting: null,
        commands: [save(1, { method: 'home_visit', riskFound: true, riskDetails: '水管冻裂了，吃水困难', knowsPolicy: true })],
      },
    ]);
  });

  it('a household named at the start with one of the form’s words beside its hardship is a screening too (“张三家有人住院了 有风险”)', async () => {
    await converse(flows, setup(), [
      { say: '张三家媳妇住院了 花了三万多 医保报了一部分 有风险', waiting: 'field/general-screening:method', commands: [], replies: [text(expect.stringMatching(/^张三户的排查方式？/))] },
      { say: '入户', waiting: 'field/general-screening:policy', commands: [] },
      { say: '了解', waiting: null, commands: [save(1, { method: 'home_visit', riskFound: true, riskDetails: expect.stringMatching(/住院/), knowsPolicy: true })] },
    ]);
    await converse(flows, setup(), [{ say: '张三家电话了 一切正常', waiting: 'field/general-screening:policy', commands: [] }]);
  });

  it('a household named beside words that are no hardship stays unread by this flow', async () => {
    await converse(flows, setup(), [{ say: '张三家今天办喜事 热闹得很', waiting: null, commands: [] }]);
  });

  it('hardship told while the household is asked for is not recorded under the earlier “没问题”: the risk is asked again', async () => {
    await converse(flows, setup(), [
      { say: '王老五家已入户排查，没问题，政策都知道', waiting: 'field/general-screening:name', commands: [] },
      { say: '张三家水管冻裂了 吃水困难', waiting: 'field/general-screening:risk', commands: [], replies: [text(expect.stringMatching(/水管冻裂了/))] },
      { say: '是', waiting: null, commands: [save(1, { method: 'home_visit', riskFound: true, riskDetails: '水管冻裂了，吃水困难', knowsPolicy: true })] },
    ]);
  });
});

describe('one household of several with a risk (“除了孙七家有风险 其他都没有”)', () => {
  it.each(['张三 孙七都入户了 除了孙七家有风险 其他都没有 政策都知道', '张三、孙七都入户了，只有孙七家有风险，别的都没有，政策都知道'])('%s: the risk is 孙七’s alone, its detail asked; 张三 has none', async (said) => {
    await replay(generalScreeningFlow, setup(), [
      { say: said, status: 'waiting', state: { node: 'riskDetail' }, commands: [], replies: [text('孙七户：请简要说明风险情况（如：户主住院，花费3万多）。')] },
      { say: '户主住院花了三万', status: 'waiting', state: { node: 'confirm' }, commands: [] },
      { say: '是', status: 'done', commands: [save(1, NO_RISK), save(5, { method: 'home_visit', riskFound: true, riskDetails: '户主住院花了三万', knowsPolicy: true })] },
    ]);
  });
});
