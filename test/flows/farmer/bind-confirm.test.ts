import { describe, it } from 'vitest';
import { bindConfirmFlow, CONFIRM_TEXTS } from '../../../src/flows/farmer/bind-confirm.js';
import type { BindingView } from '../../../src/flows/farmer/data.js';
import type { Actor } from '../../../src/flows/types.js';
import { replay } from '../../helpers/transcript.js';
import { cadre, fakeData, farmer, gridWorker, HOUSEHOLD, otherGridWorker, stranger, T0, text, townOfficial, V_GJB, V_LSJ } from './fixtures.js';

const pending = (ref: string, villageCode: string, household: BindingView['household']): BindingView & { villageCode: string } => ({
  ref, status: 'pending', farmer: { externalUserId: 'wmFarmer01', openKfId: 'wkVillage' }, name: '李秀英', idTail: '234X', villageCode, household, decidedBy: null, decidedAt: null,
});
const BINDINGS = [
  pending('BD1', V_LSJ, { id: HOUSEHOLD.id, code: HOUSEHOLD.code, headName: '张三' }),
  pending('BD2', V_LSJ, null),
  { ...pending('BD3', V_LSJ, null), status: 'confirmed' as const, decidedBy: 'wangwu', decidedAt: T0 - 86_400_000 },
  pending('BD4', V_GJB, null),
];
const setup = (actor: Actor) => ({ actor, now: T0, data: fakeData(actor, { bindings: BINDINGS }) });
const toFarmer = (t: string) => ({ to: { channel: 'kf', id: 'wmFarmer01', openKfId: 'wkVillage' }, reply: { type: 'text', text: t } });

describe('确认绑定 (the grid worker’s side) transcripts', () => {
  it('the card’s button confirms the matched household; the farmer is told through 微信客服', async () => {
    await replay(bindConfirmFlow, setup(gridWorker), [
      {
        input: { type: 'card', taskId: 'bind-BD1-1', eventKey: 'confirm' },
        status: 'done',
        commands: [{ kind: 'farmer.decide_binding', ref: 'BD1', decision: 'confirm', householdId: HOUSEHOLD.id, reason: '' }],
        replies: [text(CONFIRM_TEXTS.confirmed('BD1', '李秀英', '张三', 'H0007'))],
        sends: [toFarmer(CONFIRM_TEXTS.farmerConfirmed('BD1'))],
      },
    ]);
  });

  it('a press carrying WeCom’s response code also turns the card into the outcome (确认, 退回, or decided before)', async () => {
    const update = (responseCode: string, replaceName: string) => ({ type: 'card_update', responseCode, replaceName });
    await replay(bindConfirmFlow, setup(gridWorker), [
      { input: { type: 'card', taskId: 'bind-BD1-1', eventKey: 'confirm', responseCode: 'rc1' }, status: 'done', replies: [text(CONFIRM_TEXTS.confirmed('BD1', '李秀英', '张三', 'H0007')), update('rc1', '已确认')] },
    ]);
    await replay(bindConfirmFlow, setup(gridWorker), [
      { input: { type: 'card', taskId: 'bind-BD1-2', eventKey: 'reject', responseCode: 'rc2' }, status: 'done', replies: [text(CONFIRM_TEXTS.rejected('BD1')), update('rc2', '已退回')] },
      { input: { type: 'card', taskId: 'bind-BD3-1', eventKey: 'confirm', responseCode: 'rc3' }, status: 'done', commands: [], replies: [text(CONFIRM_TEXTS.decided('BD3', '确认', '5月8日')), update('rc3', '已确认')] },
    ]);
  });

  it('no household matched: the cadre names it by 户编号 in words; without it, is asked for it', async () => {
    await replay(bindConfirmFlow, setup(cadre), [
      { say: '确认绑定 BD2', status: 'done', commands: [], sends: [], replies: [text(CONFIRM_TEXTS.needCode('BD2'))] },
      { say: '确认绑定 BD2 H9999', status: 'done', commands: [], replies: [text(CONFIRM_TEXTS.codeNotFound('H9999'))] },
      {
        say: '确认绑定 bd2 H0007',
        status: 'done',
        commands: [{ kind: 'farmer.decide_binding', ref: 'BD2', decision: 'confirm', householdId: HOUSEHOLD.id, reason: '' }],
        replies: [text(CONFIRM_TEXTS.confirmed('BD2', '李秀英', '张三', 'H0007'))],
        sends: [toFarmer(CONFIRM_TEXTS.farmerConfirmed('BD2'))],
      },
    ]);
  });

  it('a refusal by button or in words, with the reason told to the farmer (masked)', async () => {
    await replay(bindConfirmFlow, setup(gridWorker), [
      {
        input: { type: 'card', taskId: 'bind-BD1-2', eventKey: 'reject' },
        status: 'done',
        commands: [{ kind: 'farmer.decide_binding', ref: 'BD1', decision: 'reject', householdId: null, reason: '与户籍信息不符' }],
        replies: [text(CONFIRM_TEXTS.rejected('BD1'))],
        sends: [toFarmer(CONFIRM_TEXTS.farmerRejected('BD1', '与户籍信息不符'))],
      },
      {
        say: '拒绝绑定 BD2 身份证61082119750315234X不是本村户籍',
        status: 'done',
        commands: [{ kind: 'farmer.decide_binding', ref: 'BD2', decision: 'reject', householdId: null, reason: '身份证6108**********234X不是本村户籍' }],
        sends: [toFarmer(CONFIRM_TEXTS.farmerRejected('BD2', '身份证6108**********234X不是本村户籍'))],
      },
    ]);
  });

  it('outside the jurisdiction, or unknown: the same words, nothing decided; a decided one is not decided again', async () => {
    await replay(bindConfirmFlow, setup(otherGridWorker), [
      { input: { type: 'card', taskId: 'bind-BD1-1', eventKey: 'confirm' }, status: 'done', commands: [], sends: [], replies: [text(CONFIRM_TEXTS.notFound('BD1'))] },
      { say: '确认绑定 BD77', status: 'done', commands: [], replies: [text(CONFIRM_TEXTS.notFound('BD77'))] },
    ]);
    await replay(bindConfirmFlow, setup(gridWorker), [
      { say: '确认绑定 BD4', status: 'done', commands: [], replies: [text(CONFIRM_TEXTS.notFound('BD4'))] },
      { say: '确认绑定 BD3', status: 'done', commands: [], replies: [text(CONFIRM_TEXTS.decided('BD3', '确认', '5月8日'))] },
      { say: '确认绑定', status: 'done', commands: [], replies: [text(CONFIRM_TEXTS.usage)] },
    ]);
  });

  it('only grid workers and village cadres on the roster may decide; farmers cannot', async () => {
    await replay(bindConfirmFlow, setup(townOfficial), [{ say: '确认绑定 BD1', status: 'done', commands: [], replies: [text(CONFIRM_TEXTS.role)] }]);
    await replay(bindConfirmFlow, setup(stranger), [{ say: '确认绑定 BD1', status: 'done', commands: [], replies: [text(/还不在守望的人员名单中/)] }]);
    await replay(bindConfirmFlow, setup(farmer), [{ say: '确认绑定 BD1', status: 'not-matched' }]);
    await replay(bindConfirmFlow, setup(gridWorker), [
      { input: { type: 'card', taskId: 'screen-7', eventKey: 'confirm' }, status: 'not-matched' },
      { say: '确认', status: 'not-matched' },
    ]);
  });
});
