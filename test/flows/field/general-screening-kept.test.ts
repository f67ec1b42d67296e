/**
 * A 一般户排查 left half-finished is kept (SCREENING_KEEP_MS, a day and a half) with the clock moved
 * past the dispatcher's 30 minutes: answered hours later or the next morning, nothing said before is
 * asked again, the bot says where they were, and the record is of the day the report was begun; a
 * report of another household first puts it aside and asks it afterwards. A day said for the visit
 * is the record's day, shown in the confirmation; unclear, still to come or of another year, asked.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { fakeFieldData, gridWorker, HOUR, MONDAY, world } from './world.js';
import { flows } from '../../../src/flows/registry.js';

const NO_RISK = { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true };
const save = (householdId: number, answers: object, extra: object = {}) => ({ kind: 'field.screening.save', form: 'general', campaign: '2022', householdId, answers, remark: '', ...extra });
const setup = () => ({ actor: gridWorker, now: MONDAY, data: fakeFieldData(world(), gridWorker) });
const text = (t: unknown) => ({ type: 'text', text: t });

describe('一般户排查 left half-finished', () => {
  it('answered two hours later: where they were is said, the earlier answers kept, the record of today', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三', waiting: 'field/general-screening:method' },
      { say: '入户', waiting: 'field/general-screening:risk' },
      { say: '没有', after: 2 * HOUR, waiting: 'field/general-screening:policy', replies: [text('接着您2小时前没办完的「一般户排查」（张三户）：\n是否基本了解防返贫政策？请回复“是”或“否”。')] },
      { say: '了解', after: 2 * HOUR + 60_000, waiting: null, commands: [save(1, NO_RISK)] },
    ]);
  });

  it('taken up the next morning (“早上好 昨天张三家那个还没报完”): asked again, saved as of the day it was begun', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三 入户', waiting: 'field/general-screening:risk' },
      { say: '早上好 昨天张三家那个还没报完', after: 24 * HOUR, waiting: 'field/general-screening:risk', replies: [text('接着您昨天没办完的「一般户排查」（张三户）：'), text(expect.stringMatching(/^近期是否发生返贫致贫风险？/))] },
      { say: '没有', after: 24 * HOUR + 60_000, waiting: 'field/general-screening:policy', replies: [text('是否基本了解防返贫政策？请回复“是”或“否”。')] },
      { say: '了解', after: 24 * HOUR + 120_000, waiting: null, commands: [save(1, NO_RISK, { day: '2022-05-09' })], replies: [text(expect.stringContaining('排查日期：5月9日（周一）'))] },
    ]);
  });

  it('the rest said in one line the next day keeps the way said the day before', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三', waiting: 'field/general-screening:method' },
      { say: '打电话问的', waiting: 'field/general-screening:risk' },
      { say: '张三家没啥风险 政策也了解', after: 20 * HOUR, waiting: null, commands: [save(1, { ...NO_RISK, method: 'phone' }, { day: '2022-05-09' })] },
    ]);
  });

  it('another household reported first: the half-done one is put aside, then asked; nothing of it is lost', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三 入户', waiting: 'field/general-screening:risk' },
      {
        say: '排查 孙七 电话 无风险 了解政策',
        after: HOUR,
        waiting: 'field/general-screening:risk',
        commands: [save(5, { ...NO_RISK, method: 'phone' })],
        replies: [text(expect.stringContaining('刚才张三户的排查先放着，登记完这条接着问。')), text(expect.stringMatching(/^刚才张三户的排查还没登记完，接着问：\n近期是否发生返贫致贫风险？/))],
      },
      { say: '没有', after: HOUR + 60_000, waiting: 'field/general-screening:policy' },
      { say: '了解', after: HOUR + 120_000, waiting: null, commands: [save(1, NO_RISK)] },
    ]);
  });

  it('another household told of while a question waits (“孙七家也去了 …”): the next report, the waiting one asked after', async () => {
    await converse(flows, setup(), [
      { say: '今天去了张三家 没啥问题', waiting: 'field/general-screening:policy' },
      {
        say: '孙七家也去了 她腿摔断了 现在干不了重活 家里就靠低保',
        waiting: 'field/general-screening:risk',
        replies: [text(expect.stringMatching(/^刚才张三户的排查先放着，登记完这条接着问。\n您提到“她腿摔断了.*近期是否发生返贫致贫风险？/s))],
      },
      { say: '是', waiting: 'field/general-screening:policy' },
      { say: '了解', commands: [save(5, { ...NO_RISK, riskFound: true, riskDetails: expect.stringContaining('腿摔断') })], waiting: 'field/general-screening:policy', replies: [text(expect.stringContaining('已登记')), text(expect.stringMatching(/^刚才张三户的排查还没登记完，接着问：\n是否基本了解防返贫政策？/))] },
      { say: '了解', waiting: null, commands: [save(1, NO_RISK, { remark: expect.any(String) })] },
    ]);
  });

  it('the same household told of again while its question waits is the answer, not a new report', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三 入户', waiting: 'field/general-screening:risk' },
      { say: '张三家老汉住院了 花了两万多', waiting: 'field/general-screening:risk', replies: [text(expect.stringMatching(/住院.*近期是否发生返贫致贫风险？/s))] },
    ]);
  });

  it('a household named as the answer to “是否发生风险” without any account of it stays the answer (“李四家？没有”)', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三 入户', waiting: 'field/general-screening:risk' },
      { say: '没有', waiting: 'field/general-screening:policy' },
    ]);
  });

  it('an answer said of every household (“都是入户”, “两户都了解”) is not asked again for the next one', async () => {
    await converse(flows, setup(), [
      { say: '今天排了两户 张三家种玉米 收入和去年差不多 没啥风险 孙七家一个人 身体还行 也没风险', waiting: 'field/general-screening:method' },
      { say: '都是入户', waiting: 'field/general-screening:policy' },
      { say: '两户都了解', waiting: 'field/general-screening:confirm' },
    ]);
  });

  it('“入户” said of one household only is asked again for the other', async () => {
    await converse(flows, setup(), [
      { say: '今天排了两户 张三家没啥风险 孙七家也没风险', waiting: 'field/general-screening:method' },
      { say: '入户', waiting: 'field/general-screening:policy' },
      { say: '了解', waiting: 'field/general-screening:method' },
    ]);
  });

  it('the question’s own verb answers it: “没发生” is no risk', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三 入户', waiting: 'field/general-screening:risk' },
      { say: '没发生', waiting: 'field/general-screening:policy' },
    ]);
  });

  it('“今天入户排查了5户 都正常” without any name: asked which households, never an empty list', async () => {
    await converse(flows, setup(), [{ say: '今天入户排查了5户 都正常', waiting: 'field/general-screening:name', replies: [text(expect.stringMatching(/^您说了5户，还没说是哪几户。请告诉我户主姓名/))] }]);
  });

  it('past a day and a half it ends, and says so', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三 入户', waiting: 'field/general-screening:risk' },
      { expire: true, after: 36 * HOUR, waiting: null, replies: [text('「一般户排查」已经36小时没有回复，已自动结束。需要时请重新开始。')] },
    ]);
  });
});

describe('the day said for a screening', () => {
  it('“昨天去张三家看了” is the record’s day, shown with the record', async () => {
    await converse(flows, setup(), [
      { say: '昨天去张三家看了 没风险 政策了解', waiting: null, commands: [save(1, NO_RISK, { day: '2022-05-08' })], replies: [text(expect.stringContaining('排查日期：5月8日（周日）'))] },
    ]);
  });

  it('a day inside the household’s story (“老汉前天住院了”) is not the screening’s', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三 入户 有风险 老汉前天住院了 了解政策', waiting: null, commands: [save(1, { ...NO_RISK, riskFound: true, riskDetails: expect.stringContaining('住院') })] },
    ]);
  });

  it('a day of the month still to come (“28号入户的” on the 9th) is asked; 是 takes last month’s', async () => {
    await converse(flows, setup(), [
      { say: '28号入户的 张三家 没风险 政策知道', waiting: 'field/general-screening:day', commands: [], replies: [text(expect.stringMatching(/^“28号”是哪一天？本月28号还没到；如果是4月28日（周四）请回复“是”/))] },
      { say: '是', waiting: null, commands: [save(1, NO_RISK, { day: '2022-04-28' })] },
    ]);
  });

  it('“上礼拜去的” (no weekday) is asked; a day in the future or of another year is asked again, never stored', async () => {
    await converse(flows, setup(), [
      { say: '排查 张三 入户 无风险 了解政策 上礼拜去的', waiting: 'field/general-screening:day', replies: [text(expect.stringMatching(/^“上礼拜”是哪一天排查的？/))] },
      { say: '下周一', waiting: 'field/general-screening:day', commands: [], replies: [text(expect.stringContaining('还没到，排查日期不能是以后的日子'))] },
      { say: '去年12月28日', waiting: 'field/general-screening:day', commands: [], replies: [text(expect.stringContaining('不在本次集中排查（2022年）期间'))] },
      { say: '不知道', waiting: 'field/general-screening:day', commands: [], replies: [text(expect.stringMatching(/^没看懂日期/))] },
      { say: '上周三', waiting: null, commands: [save(1, NO_RISK, { day: '2022-05-04' })] },
    ]);
  });
});
