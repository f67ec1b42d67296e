/**
 * 一般户排查 answered as workers answer: an earlier answer corrected while another question
 * waits, two fields in one answer, a record of today corrected in a new message that says only
 * what changed, a bare “没有没有” that answers the question (and starts nothing else), and
 * leaving in more words than “取消”.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { fakeFieldData, gridWorker, MONDAY, world } from './world.js';
import { flows } from '../../../src/flows/registry.js';

const save = (householdId: number, answers: object, remark = '') => ({ kind: 'field.screening.save', form: 'general', campaign: '2022', householdId, answers, remark });
const setup = (w = world()) => ({ actor: gridWorker, now: MONDAY, data: fakeFieldData(w, gridWorker) });

describe('一般户排查 in a conversation', () => {
  it('“不对，是电话问的” while the policy is asked: the way corrected, the policy asked again', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三', waiting: 'field/general-screening:method' },
      { say: '入户', waiting: 'field/general-screening:risk' },
      { say: '没有', waiting: 'field/general-screening:policy' },
      { say: '不对，是电话问的', waiting: 'field/general-screening:policy', commands: [], replies: [{ type: 'text', text: expect.stringMatching(/^已改：排查方式：电话。\n/) }] },
      { say: '知道', waiting: null, commands: [save(1, { method: 'phone', riskFound: false, riskDetails: null, knowsPolicy: true })] },
    ]);
  });

  it('“其他” where the way is asked, as the question lists it: recorded as 其他', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三', waiting: 'field/general-screening:method' },
      { say: '其他', waiting: 'field/general-screening:risk' },
      { say: '没有', waiting: 'field/general-screening:policy' },
      { say: '了解', waiting: null, commands: [save(1, { method: 'other', riskFound: false, riskDetails: null, knowsPolicy: true })] },
    ]);
  });

  it('“入户 没风险” where the way is asked: both kept, the policy asked next', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三', waiting: 'field/general-screening:method' },
      { say: '入户 没风险', waiting: 'field/general-screening:policy' },
      { say: '了解', waiting: null, commands: [save(1, { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true })] },
    ]);
  });

  it('“刚才说错了 张三是电话排查的” after today’s record: the rest from that record, shown before → after', async () => {
    const w = world();
    w.todays.set('1:general', { id: 9, riskFound: false, answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true } });
    await converse(flows, setup(w), [
      { say: '刚才说错了 张三是电话排查的', waiting: 'field/general-screening:confirm', replies: [{ type: 'text', text: expect.stringContaining('排查方式：入户 → 电话') }] },
      { say: '是', waiting: null, commands: [save(1, { method: 'phone', riskFound: false, riskDetails: null, knowsPolicy: true })] },
    ]);
  });

  it.each(['没问题', '都挺好', '一切正常', '没问题 政策也知道'])('“%s” where the way is asked: no risk kept and said back, the way asked again, nothing asked twice', async (said) => {
    const policy = said.includes('政策');
    await converse(flows, setup(), [
      { say: '排查 张三', waiting: 'field/general-screening:method' },
      { say: said, waiting: 'field/general-screening:method', commands: [], replies: [{ type: 'text', text: expect.stringMatching(new RegExp(`^已记下：近期风险：否${policy ? '；了解政策：是' : ''}。\n张三户的排查方式？`)) }] },
      { say: '入户', waiting: policy ? null : 'field/general-screening:policy' },
    ]);
  });

  it('“挺困难的” where the way is asked records no risk: a risk found is asked, never read from so little', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三', waiting: 'field/general-screening:method' },
      { say: '挺困难的', waiting: 'field/general-screening:method', commands: [] },
      { say: '入户', waiting: 'field/general-screening:risk' },
    ]);
  });

  it('“没有没有” where the risk is asked answers it; it does not open the to-do list', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三', waiting: 'field/general-screening:method' },
      { say: '去他家了', waiting: 'field/general-screening:risk' },
      { say: '没有没有', waiting: 'field/general-screening:policy' },
    ]);
  });

  it.each(['算了 先不报了', '我不登记了', '算了吧，以后再说'])('“%s” leaves the errand as 取消 does; nothing is stored', async (said) => {
    await converse(flows, setup(), [
      { say: '排查 张三', waiting: 'field/general-screening:method' },
      { say: '入户', waiting: 'field/general-screening:risk' },
      { say: said, waiting: null, commands: [], replies: [{ type: 'text', text: expect.stringMatching(/^已退出「一般户排查」/) }] },
    ]);
  });
});
