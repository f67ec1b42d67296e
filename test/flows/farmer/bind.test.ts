import { describe, expect, it } from 'vitest';
import { bindFlow, BIND_TEXTS } from '../../../src/flows/farmer/bind.js';
import { replay } from '../../helpers/transcript.js';
import { fakeData, farmer, HOUSEHOLD, LIUQI, nudge, T0, text, V_GJB, V_LSJ, WANGWU } from './fixtures.js';

const setup = (profile = {}) => ({ actor: farmer, now: T0, data: fakeData(farmer, { profile }) });
const confirmMenu = (head: RegExp) => ({ type: 'menu', head: expect.stringMatching(head), items: [{ id: 'bind:yes', label: '确认提交' }, { id: 'bind:redo', label: '重新填' }] });

describe('绑定我家 transcripts', () => {
  it('a matched household: the grid worker and the cadre each get a card to confirm; the farmer learns only that it was sent', async () => {
    const card = (n: number) => ({
      type: 'card',
      card: {
        kind: 'button_interaction',
        taskId: `bind-BD1-${n}`,
        title: '农户申请绑定家庭',
        desc: '编号BD1。核实后请点按钮，或回复“确认绑定 BD1”/“拒绝绑定 BD1 原因”。',
        lines: [
          { key: '申请人', value: '李秀英' },
          { key: '身份证', value: '6108**********234X' },
          { key: '村', value: '高家堡镇凉水井村' },
          { key: '户籍', value: '户主张三（户编号H0007）' },
        ],
        buttons: [
          { key: 'confirm', text: '确认是本户', style: 1 },
          { key: 'reject', text: '不是本户', style: 2 },
        ],
      },
      fallback: '【农户申请绑定家庭】编号BD1\n申请人：李秀英（身份证6108**********234X）\n村：高家堡镇凉水井村\n户籍：户主张三（户编号H0007）\n核实后请点按钮，或回复“确认绑定 BD1”/“拒绝绑定 BD1 原因”。',
    });
    await replay(bindFlow, setup({ entryVillage: V_LSJ }), [
      { input: { type: 'text', text: '绑定我家', menuId: 'bind' }, status: 'waiting', state: { node: 'name' }, replies: [text(`${BIND_TEXTS.intro}\n${BIND_TEXTS.name}`)], timers: [nudge(T0)] },
      { say: '李秀英', status: 'waiting', state: { node: 'id' }, replies: [text(BIND_TEXTS.id)] },
      { say: '61082119750315234x', status: 'waiting', state: { node: 'confirm' }, replies: [confirmMenu(/^请核对：\n姓名：李秀英\n身份证：6108\*{10}234X\n村：高家堡镇凉水井村\n确认提交绑定申请吗？$/)] },
      {
        input: { type: 'text', text: '确认提交', menuId: 'bind:yes' },
        status: 'done',
        commands: [{ kind: 'farmer.request_binding', ref: 'BD1', name: '李秀英', idNumber: '61082119750315234X', idTail: '234X', villageCode: V_LSJ, householdId: HOUSEHOLD.id, workers: [WANGWU, LIUQI], openKfId: 'wkVillage' }],
        sends: [
          { to: { channel: 'app', id: 'wangwu' }, reply: card(1) },
          { to: { channel: 'app', id: 'liuqi' }, reply: card(2) },
        ],
        replies: [text(BIND_TEXTS.submitted('BD1'))],
        timers: [{ type: 'cancelTimer', key: 'nudge' }],
      },
    ]);
  });

  it('no match: the same answer to the farmer; the card asks the grid worker for the 户编号', async () => {
    await replay(bindFlow, setup(), [
      { say: '我想绑定我家', status: 'waiting', state: { node: 'name' } },
      { say: '我叫赵大', status: 'waiting', state: { node: 'id' } },
      { say: '61082119800101123X', status: 'waiting', state: { node: 'id' }, replies: [text('身份证号校验位不对（可能有数字录错）：6108**********123X。请再核对一下重新发，或只发后4位。')] },
      { say: '后四位1234', status: 'waiting', state: { node: 'village' }, replies: [text(BIND_TEXTS.village)] },
      { say: '火星村', status: 'waiting', state: { node: 'village' }, replies: [text(BIND_TEXTS.villageNotFound)] },
      { say: '高家堡村', status: 'waiting', state: { node: 'confirm' }, replies: [confirmMenu(/身份证：后4位1234\n村：高家堡镇高家堡村\n/)] },
      { say: '这是干啥用的', status: 'waiting', state: { node: 'confirm' }, replies: [confirmMenu(/^请点“确认提交”，或“重新填”。\n/)] },
      {
        say: '对',
        status: 'done',
        commands: [expect.objectContaining({ kind: 'farmer.request_binding', villageCode: V_GJB, householdId: null, idNumber: null, idTail: '1234', workers: [] })],
        sends: [],
        replies: [text(BIND_TEXTS.submitted('BD1'))],
      },
    ]);
  });

  it('without an ID number binding cannot go on (declaring still can); “重新填” starts over; a voice note is asked in text', async () => {
    await replay(bindFlow, setup({ entryVillage: V_LSJ }), [
      { say: '关联我家', status: 'waiting' },
      { input: { type: 'file', msgType: 'voice', mediaId: 'm' }, status: 'waiting', state: { node: 'name' }, replies: [text(`${BIND_TEXTS.textOnly}\n${BIND_TEXTS.name}`)] },
      { say: '张三', status: 'waiting', state: { node: 'id' } },
      { say: '1234', status: 'waiting', state: { node: 'confirm' } },
      { input: { type: 'text', text: '重新填', menuId: 'bind:redo' }, status: 'waiting', state: { node: 'name', data: expect.objectContaining({ name: null, idTail: null, villageCode: V_LSJ }) } },
      { input: { type: 'timeout', key: 'nudge' }, status: 'waiting', replies: [text(`${BIND_TEXTS.nudge}\n${BIND_TEXTS.name}`)], timers: [] },
      { say: '张三', status: 'waiting', state: { node: 'id' } },
      { say: '没有身份证', status: 'done', replies: [text(BIND_TEXTS.idRequired)], commands: [] },
    ]);
  });

  it('a farmer already bound is told which household; staff are not matched', async () => {
    await replay(bindFlow, setup({ bound: { householdId: HOUSEHOLD.id, villageCode: V_LSJ, headName: '张三' } }), [
      { say: '绑定', status: 'done', replies: [text(BIND_TEXTS.already('高家堡镇凉水井村', '张三'))] },
      { say: '我家老汉住院了', status: 'not-matched' },
    ]);
  });
});
