import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { converse } from '../../helpers/converse.js';
import { cadre, departmentUser, fakeFieldData, farmer, gridWorker, MONDAY, townOfficial, VILLAGE, world, type World } from './world.js';
import { activityFlow } from '../../../src/flows/field/activity.js';
import { flows } from '../../../src/flows/registry.js';

const text = (t: string) => ({ type: 'text', text: t });
const OTHER = '610821101002';
const setup = (actor = cadre, w: World = world()) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });
const training = (villageCodes: string[], day: string, people: number) => ({ kind: 'field.activity.record', activity: 'training', villageCodes, day, people });
const deployment = (villageCodes: string[], day: string, activity = 'deployment') => ({ kind: 'field.activity.record', activity, villageCodes, day, people: null });

describe('部署培训登记 transcripts', () => {
  it('a village cadre: “已部署” today, “培训 12人” with a day, the village implicit', async () => {
    await replay(activityFlow, setup(), [
      {
        say: '已部署',
        status: 'done',
        commands: [deployment([VILLAGE], '2022-05-09')],
        replies: [text('已登记：凉水井村于5月9日（周一）专门安排部署集中排查工作。\n附件1“是否专门安排部署”将显示“是”；登记有误请发送“部署 撤回 村名”。')],
      },
    ]);
    // The day said first in words, the count said as 来了N个.
    await replay(activityFlow, setup(), [{ say: '前天培训了 来了二十三个', status: 'done', commands: [training([VILLAGE], '2022-05-07', 23)] }]);
    await replay(activityFlow, setup(), [
      {
        say: '培训 5月3日 十二人',
        status: 'done',
        commands: [training([VILLAGE], '2022-05-03', 12)],
        replies: [text('已登记：凉水井村培训人数12人（截至5月3日（周二））。\n附件1“培训人数”按各村最新登记计；人数有误，再发一次“培训 N人”即可更正。')],
      },
    ]);
  });

  it('a correction of 培训人数 says what it replaces; a second deployment is not recorded twice; a withdrawal', async () => {
    const w = world();
    w.activities.set(VILLAGE, { deployedOn: '2022-04-28', trained: { people: 8, day: '2022-04-29' } });
    await replay(activityFlow, setup(cadre, w), [
      { say: '培训了１５人', status: 'done', commands: [training([VILLAGE], '2022-05-09', 15)], replies: [text(expect.stringMatching(/^已登记：凉水井村培训人数15人（截至5月9日（周一））。原登记为8人（4月29日（周五））。/))] },
    ]);
    await replay(activityFlow, setup(cadre, w), [
      { say: '部署 5月2日', status: 'done', commands: [], replies: [text('凉水井村已于4月28日（周四）登记过部署，无需重复登记。日期有误请先发送“部署 撤回 凉水井村”，再重新登记。')] },
    ]);
    await replay(activityFlow, setup(cadre, w), [
      { say: '部署 撤回', status: 'done', commands: [deployment([VILLAGE], '2022-05-09', 'deployment_void')], replies: [text('已撤回凉水井村（原登记4月28日（周四）部署）的动员部署登记。\n附件1“是否专门安排部署”将显示“否”，部署后请重新登记。')] },
    ]);
    w.activities.set(VILLAGE, { deployedOn: null, trained: null });
    await replay(activityFlow, setup(cadre, w), [{ say: '部署 撤回', status: 'done', commands: [], replies: [text('凉水井村没有动员部署登记，无需撤回。')] }]);
  });

  it('a town official names the village, is asked when it is missing, and may report “全镇” at once', async () => {
    const w = world();
    w.activities.set(OTHER, { deployedOn: '2022-04-27', trained: null });
    await replay(activityFlow, setup(townOfficial, w), [
      { say: '培训', status: 'waiting', state: { node: 'village' }, replies: [text('登记哪个村的培训？请回复序号或村名：\n1. 凉水井村\n2. 高家畔村\n（回复“取消”可退出）')] },
      { say: '柳树湾村', status: 'waiting', state: { node: 'village' }, replies: [text(expect.stringMatching(/^在您的辖区内没有找到“柳树湾村”。\n登记哪个村的培训？/))] },
      { say: '2', status: 'waiting', state: { node: 'people' }, replies: [text('截至5月9日（周一），共培训了多少人？请回复人数（如“12人”）。')] },
      { say: '很多', status: 'waiting', state: { node: 'people' }, replies: [text(expect.stringMatching(/^没看懂人数“很多”。这里只要一个数，比如“12人”。/))] },
      { say: '3000人', status: 'waiting', state: { node: 'people' }, replies: [text(expect.stringMatching(/^培训人数应为0到500之间的整数（一个村的累计人数）。/))] },
      { say: '20', status: 'done', commands: [training([OTHER], '2022-05-09', 20)] },
    ]);
    await replay(activityFlow, setup(townOfficial, w), [
      { say: '培训 凉水井村 昨天 9人', status: 'done', commands: [training([VILLAGE], '2022-05-08', 9)] },
    ]);
    await replay(activityFlow, setup(townOfficial, w), [
      {
        say: '部署 全镇 4月28日',
        status: 'done',
        commands: [deployment([VILLAGE], '2022-04-28')],
        replies: [text('已登记：凉水井村于4月28日（周四）专门安排部署集中排查工作。高家畔村已于4月27日（周三）登记过部署，未重复登记。\n附件1“是否专门安排部署”将显示“是”；登记有误请发送“部署 撤回 村名”。')],
      },
    ]);
    await replay(activityFlow, setup(townOfficial, w), [
      { say: '部署', status: 'waiting', state: { node: 'village' }, replies: [text(expect.stringContaining('全部村都已部署请回复“全部”'))] },
      { say: '全部', status: 'done', commands: [deployment([VILLAGE], '2022-05-09')] },
    ]);
  });

  it('refuses a day in the future, and everyone but village and town staff', async () => {
    await replay(activityFlow, setup(), [{ say: '培训 明天 10人', status: 'done', commands: [], replies: [text('5月10日（周二）还没到，只能登记已经开展的培训。请改正日期后重新发送。')] }]);
    for (const actor of [gridWorker, departmentUser, farmer]) {
      await replay(activityFlow, setup(actor), [{ say: '已部署', status: 'done', commands: [] }]);
    }
    await replay(activityFlow, setup(gridWorker), [{ say: '培训 10人', status: 'done', replies: [text(expect.stringContaining('您的角色（网格员）不能办理'))] }]);
  });
});

describe('部署培训登记 through the router', () => {
  it('“取消” while asked for the village leaves without a record; a progress question is not a report', async () => {
    const data = fakeFieldData(world(), townOfficial);
    const commands = await converse(flows, { actor: townOfficial, now: MONDAY, data }, [
      { say: '已培训', waiting: 'field/activity:village' },
      { say: '取消', waiting: null, replies: [text('已退出「部署培训登记」。')] },
    ]);
    expect(commands).toEqual([]);
  });

  it('a question about the work is not a report', async () => {
    for (const say of ['部署进度', '培训情况怎么样', '培训班什么时候开']) await replay(activityFlow, setup(), [{ say, status: 'not-matched' }]);
  });
});

describe('a training still to come, or told with two counts, records no number at once', () => {
  it('a training announced for another day starts nothing', () => {
    for (const said of ['下周二开培训会 大概二十个人', '明天要培训 通知了三十个人', '月底准备搞个培训 二十来个人']) {
      const env = { now: MONDAY, tz: 'Asia/Shanghai', actor: cadre, newId: (p: string) => `${p}1`, data: fakeFieldData(world(), cadre) };
      expect(flows.find((f) => f.matches(text(said) as never, env as never))?.name, said).not.toBe('field/activity');
    }
  });

  it('two sessions: the number is asked, not the first taken', async () => {
    await replay(activityFlow, setup(), [{ say: '培训了两次 一次十二个人 一次十五个人', status: 'waiting', state: { node: 'people' }, commands: [] }]);
  });

  it.each(['昨天培训了 来了十二个 走了两个', '培训了两场 一场十个 一场八个'])('“%s”: two counts after the word, the number is asked (neither is taken)', async (said) => {
    await replay(activityFlow, setup(), [{ say: said, status: 'waiting', state: { node: 'people' }, commands: [] }]);
  });

  it('a count taken back in the same message (“十五个人 不对 是十三个”): the later one', async () => {
    await replay(activityFlow, setup(), [{ say: '培训了十五个人 不对 是十三个', status: 'done', commands: [training([VILLAGE], '2022-05-09', 13)] }]);
  });

  it('the planned and the come: who came, said last, is the count (never the planned one)', async () => {
    await replay(activityFlow, setup(), [{ say: '本来说培训三十人 结果来了二十二个', status: 'done', commands: [training([VILLAGE], '2022-05-09', 22)] }]);
  });
});

describe('a day said as a part of a month is asked, never taken as today', () => {
  it.each([
    ['月初培训了12个人', '月初', '5月1日'],
    ['这个月初培训了20人', '这个月初', '5月1日'],
    ['上个月培训了15人', '上个月', '4月1日'],
    ['上个月底培训了十个人', '上个月底', '4月30日'],
    ['培训 上个月 12人', '上个月', '4月1日'],
  ])('“%s”: the day is asked', async (said, words, example) => {
    await replay(activityFlow, setup(), [
      { say: said, status: 'waiting', state: { node: 'day' }, commands: [], replies: [text(`“${words}”是哪一天培训的？请回复具体日期（如“${example}”），登记按这一天计。\n（回复“取消”可退出）`)] },
    ]);
  });

  it('the answer is the day; a bare number is in the month said; a day to come or nonsense is asked again', async () => {
    await replay(activityFlow, setup(), [
      { say: '上个月底培训了十个人', status: 'waiting', state: { node: 'day' } },
      { say: '28号', status: 'done', commands: [training([VILLAGE], '2022-04-28', 10)] },
    ]);
    await replay(activityFlow, setup(), [
      { say: '月初培训了12个人', status: 'waiting', state: { node: 'day' } },
      { say: '很早', status: 'waiting', state: { node: 'day' }, commands: [], replies: [text(expect.stringMatching(/^没看懂日期“很早”。\n“月初”是哪一天培训的？/))] },
      { say: '20号', status: 'waiting', state: { node: 'day' }, commands: [], replies: [text(expect.stringMatching(/^5月20日（周五）还没到/))] },
      { say: '3', status: 'done', commands: [training([VILLAGE], '2022-05-03', 12)] },
    ]);
    await replay(activityFlow, setup(), [
      { say: '上个月开了部署会', status: 'waiting', state: { node: 'day' }, replies: [text(expect.stringMatching(/^“上个月”是哪一天部署的？/))] },
      { say: '4月26日', status: 'done', commands: [deployment([VILLAGE], '2022-04-26')] },
    ]);
  });

  it('a day of last month by its number keeps the month; a deployment meeting on a numbered day is recorded on it', async () => {
    await replay(activityFlow, setup(), [{ say: '上个月3号培训了12人', status: 'done', commands: [training([VILLAGE], '2022-04-03', 12)] }]);
    for (const say of ['3号开的部署会', '本月3号召开了动员部署会']) await replay(activityFlow, setup(), [{ say, status: 'done', commands: [deployment([VILLAGE], '2022-05-03')] }]);
    await replay(activityFlow, setup(), [{ say: '25号开的部署会', status: 'done', commands: [], replies: [text(expect.stringMatching(/^5月25日（周三）还没到/))] }]);
  });
});
