/**
 * 一般户排查 said about the record just made, naming no household: a correction after the fact
 * (the way, the policy, or the verdict) applies to the asker's record of the last half hour, shown
 * before → after and saved on 是 with the correction's words; older, or none, the household is
 * asked. “…家也一样” takes the last record's fields (but never its risk's details). Inside another
 * errand, such a correction is that errand's answer.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { fakeFieldData, gridWorker, HOUR, MONDAY, world } from './world.js';
import { flows } from '../../../src/flows/registry.js';

const MIN = 60_000;
const NO_RISK = { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true };
const save = (householdId: number, answers: object, extra: object = {}) => ({ kind: 'field.screening.save', form: 'general', campaign: '2022', householdId, answers, remark: '', ...extra });
/** 张三 (1) screened by home visit 10 minutes before MONDAY, 孙七 (5) by phone an hour before. */
function recorded() {
  const w = world();
  w.todays.set('5:general', { id: 8, riskFound: false, answers: { ...NO_RISK, method: 'phone' }, at: MONDAY - HOUR });
  w.todays.set('1:general', { id: 9, riskFound: false, answers: NO_RISK, at: MONDAY - 10 * MIN });
  return w;
}
const setup = (w = recorded()) => ({ actor: gridWorker, now: MONDAY, data: fakeFieldData(w, gridWorker) });
const text = (t: unknown) => ({ type: 'text', text: t });

describe('一般户排查 corrected after the fact', () => {
  it.each([
    ['不对，是电话问的', { method: 'phone' }, '排查方式：入户 → 电话'],
    ['刚才那个改成电话核实', { method: 'phone' }, '排查方式：入户 → 电话'],
    ['刚才那户政策其实不太了解', { knowsPolicy: false }, '了解政策：是 → 否'],
    ['政策那个写错了 他其实不了解', { knowsPolicy: false }, '了解政策：是 → 否'],
    ['刚才报的那户 不是入户 是打电话', { method: 'phone' }, '排查方式：入户 → 电话'],
    ['不好意思 刚才那个写错了 是微信', { method: 'wechat' }, '排查方式：入户 → 微信'],
  ])('“%s” corrects the record just made (张三, not 孙七 of an hour ago), before → after, kept with its words', async (said, changed, diff) => {
    await converse(flows, setup(), [
      { say: said, waiting: 'field/general-screening:confirm', commands: [], replies: [text(expect.stringMatching(new RegExp(`^请确认张三户的一般户排查[\\s\\S]*将更正：${diff}`)))] },
      { say: '是', waiting: null, commands: [save(1, { ...NO_RISK, ...changed }, { correction: said })], replies: [text(expect.stringContaining(`更正：${diff}`))] },
    ]);
  });

  it('a changed verdict (“刚才那户其实有风险 因病”) is saved as a risk found — the lead starts from the corrected record', async () => {
    await converse(flows, setup(), [
      { say: '刚才那户其实有风险 因病', waiting: 'field/general-screening:confirm', replies: [text(expect.stringContaining('近期风险：否 → 是（因病）'))] },
      { say: '是', waiting: null, commands: [save(1, { ...NO_RISK, riskFound: true, riskDetails: '因病' }, { correction: '刚才那户其实有风险 因病' })], replies: [text(expect.stringContaining('已生成风险线索'))] },
    ]);
  });

  it.each([
    ['孙七家其实是电话问的', { method: 'phone' }, null],
    ['哦对了 孙七家其实是入户看的', { method: 'home_visit' }, '排查方式：电话 → 入户'],
    ['孙七家其实有风险 老伴住院了', { riskFound: true, riskDetails: '老伴住院了' }, '近期风险：否 → 是'],
  ])('“%s” names a household recorded today and says it was different: the rest of that record is kept, not asked again', async (said, changed, diff) => {
    const after = { ...NO_RISK, method: 'phone', ...changed };
    await converse(flows, setup(), [
      diff
        ? { say: said, waiting: 'field/general-screening:confirm', commands: [], replies: [text(expect.stringMatching(new RegExp(`^请确认孙七户的一般户排查[\\s\\S]*将更正：${diff}`)))] }
        : { say: said, waiting: null, commands: [save(5, after)] },
      ...(diff ? [{ say: '是', waiting: null, commands: [save(5, after)] }] : []),
    ]);
  });

  it('what else is said with the change stays a remark, without the change’s words', async () => {
    await converse(flows, setup(), [
      { say: '哦对了 张三家其实是电话问的 他出去打工了', waiting: 'field/general-screening:confirm', replies: [text(expect.stringMatching(/；备注：他出去打工了\n[\s\S]*将更正：排查方式：入户 → 电话/))] },
      { say: '是', waiting: null, commands: [save(1, { ...NO_RISK, method: 'phone' }, { remark: '他出去打工了' })] },
    ]);
  });

  it('the same words about a household with no record today are a new report, asked in full', async () => {
    await converse(flows, setup(), [{ say: '王大山家其实是电话问的', waiting: 'field/general-screening:risk', commands: [] }]);
  });

  it('取消 at the before → after keeps the record as it was', async () => {
    await converse(flows, setup(), [
      { say: '不对，是电话问的', waiting: 'field/general-screening:confirm' },
      { say: '取消', waiting: null, commands: [] },
    ]);
  });

  it('with no record of the last half hour the household is asked; its record of today is the one corrected', async () => {
    const w = recorded();
    w.todays.set('1:general', { id: 9, riskFound: false, answers: NO_RISK, at: MONDAY - 31 * MIN });
    await converse(flows, setup(w), [
      { say: '不对，是电话问的', waiting: 'field/general-screening:name', commands: [], replies: [text(expect.stringMatching(/^没有找到您30分钟内登记的一般户排查，要更正哪一户？\n请问登记哪一户？/))] },
      { say: '张三', waiting: 'field/general-screening:confirm', replies: [text(expect.stringContaining('排查方式：入户 → 电话'))] },
      { say: '是', waiting: null, commands: [save(1, { ...NO_RISK, method: 'phone' }, { correction: '不对，是电话问的' })] },
    ]);
  });

  it('a household named at that question with no record of today: said, and asked as a new report', async () => {
    const w = world();
    await converse(flows, setup(w), [
      { say: '不对，是电话问的', waiting: 'field/general-screening:name' },
      { say: '孙七', waiting: 'field/general-screening:risk', commands: [], replies: [text(expect.stringMatching(/^今天没有您登记的孙七户一般户排查，按新的一条登记。\n/))] },
    ]);
  });

  it('words that correct nothing of the form (“不对 是18个”) are not taken for a screening', async () => {
    await converse(flows, setup(), [{ say: '刚才那个不对', waiting: null, commands: [] }]);
  });

  it('“孙七家也一样”: the way, the verdict and the policy of the record before, saved at once', async () => {
    const w = world();
    w.todays.set('1:general', { id: 9, riskFound: false, answers: NO_RISK, at: MONDAY - 10 * MIN });
    await converse(flows, setup(w), [
      { say: '孙七家也一样', waiting: null, commands: [save(5, NO_RISK)], replies: [text(expect.stringMatching(/^按张三户的情况登记。\n已登记一般户排查/))] },
    ]);
  });

  it('“孙七家也一样” after a record with risk: whether there is one is taken, its details are asked', async () => {
    const w = world();
    w.todays.set('1:general', { id: 9, riskFound: true, answers: { ...NO_RISK, riskFound: true, riskDetails: '老汉住院' }, at: MONDAY - 5 * MIN });
    await converse(flows, setup(w), [
      { say: '孙七家也一样', waiting: 'field/general-screening:riskDetail', commands: [] },
      { say: '婆姨腿摔断了', waiting: null, commands: [save(5, { ...NO_RISK, riskFound: true, riskDetails: '婆姨腿摔断了' })] },
    ]);
  });

  it('inside another errand (报问题 asking what the problem is) a correction is that errand’s answer', async () => {
    await converse(flows, setup(), [
      { say: '报问题', waiting: 'field/problem-report:category' },
      { say: '6', waiting: 'field/problem-report:what' },
      { say: '不对 是电话号码登记错了', waiting: 'field/problem-report:household' },
    ]);
  });
});
