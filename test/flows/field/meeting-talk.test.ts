/**
 * Words about the 研判会 that record nothing: its day said moved (the day set, and who sets it),
 * it said over (what is still on the agenda), its 公示 said posted (where the 公示 is recorded).
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { replay } from '../../helpers/transcript.js';
import { cadre, fakeFieldData, gridWorker, HOUR, MONDAY, townOfficial, world, type World } from './world.js';
import { meetingTalkFlow, thisWeeksMeeting } from '../../../src/flows/field/meeting-talk.js';
import { flows } from '../../../src/flows/registry.js';

const text = (t: unknown) => ({ type: 'text', text: t });
/** Thursday 2022-05-12 17:00, after the 15:00 meeting. */
const THURSDAY = MONDAY + 3 * 24 * HOUR + 8 * HOUR;
const setup = (w: World = world(), actor = cadre, now = THURSDAY) => ({ actor, now, data: fakeFieldData(w, actor) });
const MOVED = '研判会时间按市里的排查工作安排统一定为每周四15:00（本周是5月12日（周四））。这个时间由系统管理员在服务器上设置，这里改不了；确需调整，请联系系统管理员。';

describe('研判会 words that record nothing', () => {
  it.each(['这周的研判会改到周五了', '研判会改到下周一', '今天的研判会推迟到明天', '本周研判会提前到周三开'])('“%s”: the day set and who sets it, nothing recorded', async (said) => {
    for (const actor of [cadre, gridWorker]) await converse(flows, setup(world(), actor, MONDAY), [{ say: said, waiting: null, commands: [], replies: [text(MOVED)] }]);
  });

  it('the flow alone: one message, nothing waits; an official is not told this', async () => {
    await replay(meetingTalkFlow, setup(world(), cadre, MONDAY), [{ say: '研判会改到周五了', status: 'done', commands: [], replies: [text(MOVED)] }]);
    await replay(meetingTalkFlow, setup(world(), townOfficial, MONDAY), [{ say: '研判会改到周五了', status: 'not-matched' }]);
  });

  it.each(['研判会结束了 都研究完了', '会开完了', '研判会开完了', '都研究完了'])('“%s” with nothing waiting: what is still on the agenda, nothing recorded', async (said) => {
    const w = world();
    w.agenda.push({ householdId: 2, headName: '李四', size: 2, screening: null, lead: { id: 42, discoveredOn: '2022-05-02', deadline: '2022-05-17', note: '医保预警', stepsDone: ['home_visit'] } });
    await converse(flows, setup(w), [{ say: said, waiting: null, commands: [], replies: [text('研判会的结论在会上发送“研判会”逐户记录（拟纳入/不纳入/暂缓），这条消息没有记录任何内容。\n还在研判会名单上的1户：\n1. 李四户（2口人）\n   · 风险线索：医保预警，还剩5天（5月17日截止）\n会上请发送“研判会”，逐户记录结论（拟纳入/不纳入及理由）。')] }]);
    await converse(flows, setup(), [{ say: said, waiting: null, commands: [], replies: [text(expect.stringContaining('凉水井村研判会名单上已没有待研判的户。'))] }]);
  });

  it.each(['公示贴出去了 到15号', '已经贴了公示', '公示到15号'])('“%s” without a meeting just recorded: where the 公示 is recorded, nothing recorded', async (said) => {
    await converse(flows, setup(), [{ say: said, waiting: null, commands: [], replies: [text(expect.stringMatching(/^公示的起止日期在研判会记录拟纳入结论时一并登记/))] }]);
  });

  it('questions, other meetings and screening reports are not this', () => {
    const env = { actor: cadre, now: THURSDAY, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeFieldData(world(), cadre) } as never;
    for (const t of ['研判会开完了吗', '部署会开完了', '培训会开完了', '公示到期了没', '研判会', '排查 张三 会开完了去的', '研判会开完了 李四家拟纳入', '会开完了 张三家不纳入 收入稳定']) expect(meetingTalkFlow.matches({ type: 'text', text: t }, env), t).toBe(false);
  });

  it('this week’s meeting day is the campaign’s weekday of the same week', () => {
    expect(thisWeeksMeeting('2022-05-09', 4)).toBe('2022-05-12');
    expect(thisWeeksMeeting('2022-05-15', 4)).toBe('2022-05-12');
    expect(thisWeeksMeeting('2022-05-12', 5)).toBe('2022-05-13');
  });
});
