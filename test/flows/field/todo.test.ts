import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { fakeFieldData, farmer, departmentUser, gridWorker, cadre, MONDAY, townOfficial, world } from './world.js';
import { clockWords, todoFlow } from '../../../src/flows/field/todo.js';

const text = (t: string) => ({ type: 'text', text: t });
const setup = (w = world(), actor = gridWorker) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });

describe('我的待办 transcripts', () => {
  it('lists the unscreened households of my grid, leads with checks to record (入户核查, 承诺授权, 信息比对) with days left, and subjects due a 回头看', async () => {
    const w = world();
    w.todays.set('1:general', { id: 1, riskFound: false });
    w.leads.push({ id: 7, householdId: 2, headName: '李四', discoveredOn: '2022-05-06', deadline: '2022-05-21', nextStep: 'home_visit', note: '医保预警：住院自付2万', pending: ['home_visit', 'consent', 'data_comparison'] });
    w.leads.push({ id: 8, householdId: 4, headName: '赵六', discoveredOn: '2022-04-20', deadline: '2022-05-05', nextStep: 'home_visit', note: '', pending: ['home_visit', 'consent', 'data_comparison'] });
    w.subjects.push({ id: 9, householdId: 5, category: 'marginal', includedOn: '2021-01-01', status: 'eliminated', eliminatedOn: '2021-12-01', risks: ['illness'], measuresDone: [], recordedThisCampaign: false });
    await replay(todoFlow, setup(w), [
      {
        say: '待办',
        status: 'done',
        replies: [text('我的待办（5月9日（周一））：\n一、还没排查的户：3户——李四、王大山、孙七。发送“排查 户主姓名 …”登记。\n二、待核查的风险线索：1条——\n· 李四（医保预警：住院自付2万），待入户核查、承诺授权、信息比对，还剩12天（5月21日截止）\n办完一步发给我，如“李四家线索入户核查过了 情况属实”“李四家承诺书签了”“李四家信息比对没问题”。\n三、待回头看的已消除风险户：1户——孙七。发送“回头看 户主姓名”登记。')],
      },
      { say: '我的待办', status: 'done' },
      { say: '任务完成了吗', status: 'not-matched' },
    ]);
  });

  it('the words shown for telling a step done are those of the steps still to do', async () => {
    const w = world();
    w.leads.push({ id: 7, householdId: 2, headName: '李四', discoveredOn: '2022-05-06', deadline: '2022-05-21', nextStep: 'consent', note: '医保预警：住院自付2万', pending: ['consent', 'data_comparison'] });
    await replay(todoFlow, setup(w), [{ say: '待办', status: 'done', replies: [text(expect.stringContaining('待承诺授权、信息比对，还剩12天（5月21日截止）\n办完一步发给我，如“李四家承诺书签了”“李四家信息比对没问题”。'))] }]);
  });

  it('the village cadre sees the whole village, overdue leads included; an empty list says so', async () => {
    const w = world();
    w.leads.push({ id: 8, householdId: 4, headName: '赵六', discoveredOn: '2022-04-20', deadline: '2022-05-05', nextStep: 'home_visit', note: '', pending: ['home_visit', 'consent', 'data_comparison'] });
    await replay(todoFlow, setup(w, cadre), [{ say: '待办', status: 'done', replies: [text(expect.stringContaining('一、还没排查的户：5户——张三、李四、王大山、赵六、孙七。'))] }]);
    await replay(todoFlow, setup(w, cadre), [{ say: '待办', status: 'done', replies: [text(expect.stringContaining('· 赵六，待入户核查、承诺授权、信息比对，已超期4天（5月5日截止）'))] }]);
    const done = world();
    for (const id of [1, 2, 3, 5]) done.todays.set(`${id}:general`, { id, riskFound: false });
    await replay(todoFlow, setup(done), [{ say: '待办', status: 'done', replies: [text('您的网格内暂无待办：户户已排查，没有待核查的线索，也没有待回头看的户。')] }]);
  });

  it('is refused to a farmer, a department and a town official (who asks for progress instead)', async () => {
    await replay(todoFlow, setup(world(), farmer), [{ say: '待办', status: 'done', replies: [text(expect.stringMatching(/^这是网格员、村干部和排查小组/))] }]);
    await replay(todoFlow, setup(world(), departmentUser), [{ say: '待办', status: 'done', replies: [text(expect.stringContaining('您的角色（行业部门）不能办理'))] }]);
    await replay(todoFlow, setup(world(), townOfficial), [{ say: '待办', status: 'done', replies: [text(expect.stringContaining('您的角色（镇街干部）不能办理'))] }]);
  });

  it.each([
    ['2022-05-09', '2022-05-21', '还剩12天（5月21日截止）'],
    ['2022-05-21', '2022-05-21', '今天截止（5月21日）'],
    ['2022-05-24', '2022-05-21', '已超期3天（5月21日截止）'],
  ])('the 15-day clock on %s with deadline %s reads “%s”', (today, deadline, words) => {
    expect(clockWords(today, deadline)).toBe(words);
  });
});

describe('我的待办 asked with a request to be shown after it, or with 手上/没办完', () => {
  it.each(['有啥待办的没 发我看下', '我今天的任务 给我看看', '我手上还有啥没办完的', '俺手头还有啥活没干完'])('%s', (said) => {
    const env = { now: MONDAY, tz: 'Asia/Shanghai', actor: cadre, newId: (p: string) => `${p}1`, data: fakeFieldData(world(), cadre) };
    expect(todoFlow.matches({ type: 'text', text: said }, env as never)).toBe(true);
  });
});

describe('the households not screened yet, asked as a list', () => {
  const LIST = '您的网格还没排查的户（5月9日（周一））：3户——李四、王大山、孙七。\n入户后发送“排查 户主姓名 …”登记；发送“待办”看全部待办。';
  function screenedOne() {
    const w = world();
    w.todays.set('1:general', { id: 1, riskFound: false });
    w.leads.push({ id: 7, householdId: 2, headName: '李四', discoveredOn: '2022-05-06', deadline: '2022-05-21', nextStep: 'home_visit', note: '', pending: ['home_visit', 'consent', 'data_comparison'] });
    return w;
  }

  it.each(['把没排的名单发我', '没排查的有谁', '还剩哪几户没去', '还有谁家没排查', '把没排查的户发我看看', '哪些户还没排', '没去的还有哪几家', '我们网格没排查的有谁'])('a grid worker’s “%s” is the grid’s unscreened households alone', async (said) => {
    await replay(todoFlow, setup(screenedOne()), [{ say: said, status: 'done', commands: [], replies: [text(LIST)] }]);
  });

  it('a cadre’s request the officials’ list does not read is the village’s; all screened is said so', async () => {
    await replay(todoFlow, setup(world(), cadre), [{ say: '把没排查的户发我看看', status: 'done', replies: [text(expect.stringMatching(/^您的村还没排查的户（5月9日（周一））：5户——张三、李四、王大山、赵六、孙七。/))] }]);
    const all = world();
    for (const id of [1, 2, 3, 5]) all.todays.set(`${id}:general`, { id, riskFound: false });
    await replay(todoFlow, setup(all), [{ say: '没排查的有谁', status: 'done', replies: [text('您的网格内花名册上的户都已排查，没有还没排查的户。')] }]);
  });

  it('a count, another place, another errand, or a cadre’s question the officials’ list reads is not this list', () => {
    const envOf = (actor: typeof gridWorker) => ({ now: MONDAY, tz: 'Asia/Shanghai', actor, newId: (p: string) => `${p}1`, data: fakeFieldData(world(), actor) }) as never;
    for (const t of ['石门村没排的有谁', '李四家线索入户核查还没去 发我看看', '培训没去的有谁']) expect(todoFlow.matches({ type: 'text', text: t }, envOf(gridWorker)), t).toBe(false);
    // “还有几户没排” stays the whole 待办 (a grid worker's progress).
    expect(todoFlow.matches({ type: 'text', text: '我们网格还有几户没排' }, envOf(gridWorker))).toBe(true);
    for (const t of ['没排查的有谁', '还剩哪几户没去']) expect(todoFlow.matches({ type: 'text', text: t }, envOf(cadre)), t).toBe(false);
  });
});
