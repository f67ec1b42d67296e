/**
 * 部署培训登记 with the day said before the command word (“三月十五号培训了8个人”, “3.15培训了20个人”,
 * “5月3日已部署”): that day is the activity's, never today's; and a count corrected in a message of its own
 * (“不对 是18个”), confirmed before it replaces the village's.
 */
import { describe, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { cadre, fakeFieldData, gridWorker, MONDAY, VILLAGE, world } from './world.js';
import { flows } from '../../../src/flows/registry.js';

const setup = () => ({ actor: cadre, now: MONDAY, data: fakeFieldData(world(), cadre) });
const record = (activity: string, day: string, people: number | null) => ({ kind: 'field.activity.record', activity, villageCodes: [VILLAGE], day, people });

describe('部署培训登记: the day said first', () => {
  it.each([
    ['三月十五号培训了8个人', record('training', '2022-03-15', 8)],
    ['3.15培训了20个人', record('training', '2022-03-15', 20)],
    ['5月3日 培训 12人', record('training', '2022-05-03', 12)],
    ['5月3日已部署', record('deployment', '2022-05-03', null)],
    ['三月十五号已部署', record('deployment', '2022-03-15', null)],
  ])('“%s”', async (said, command) => {
    await converse(flows, setup(), [{ say: said, waiting: null, commands: [command] }]);
  });
});

describe('部署培训登记: who came, said last without 人', () => {
  it.each([
    ['今儿个搞了个培训 来了十六个', 16],
    ['下午培训了 来了十二个', 12],
  ])('“%s” is a training of %i people, not asked again', async (said, people) => {
    await converse(flows, setup(), [{ say: said, waiting: null, commands: [record('training', '2022-05-09', people)] }]);
  });
});

describe('部署培训登记: a count corrected in a message of its own', () => {
  it('“不对 是18个” after “培训了15人”: the change is shown and recorded on “是”, keeping the training’s day', async () => {
    const w = world();
    w.activities.set(VILLAGE, { deployedOn: null, trained: { people: 15, day: '2022-05-08' } });
    await converse(flows, { actor: cadre, now: MONDAY, data: fakeFieldData(w, cadre) }, [
      { say: '不对 是18个', waiting: 'field/activity:confirm', commands: [], replies: [{ type: 'text', text: '要把凉水井村的培训人数从15人改为18人吗（截至5月8日（周日））？请回复“是”或“否”。\n（回复“取消”可退出）' }] },
      { say: '是', waiting: null, commands: [record('training', '2022-05-08', 18)] },
    ]);
  });

  it('“否” keeps the count; a grid worker’s “不对 是18个” is no correction of training', async () => {
    await converse(flows, setup(), [
      { say: '刚才说错了，应该是20人', waiting: 'field/activity:confirm' },
      { say: '不是', waiting: null, commands: [], replies: [{ type: 'text', text: '好的，没有改。' }] },
    ]);
    await converse(flows, { actor: gridWorker, now: MONDAY, data: fakeFieldData(world(), gridWorker) }, [{ say: '不对 是18个', waiting: null, commands: [] }]);
  });
});

describe('部署培训登记: a day of last week told before the meeting (2026-12-07)', () => {
  it.each([
    ['上礼拜三开了排查部署会', record('deployment', '2022-05-04', null)],
    ['上周五召开了集中排查动员部署会', record('deployment', '2022-05-06', null)],
    // The campaign's 动员会 is its deployment meeting; who came is no training.
    ['昨天村里开了集中排查动员会 网格员和村干部来了十五个人', record('deployment', '2022-05-08', null)],
    // A training told in a sentence keeps its day too: 大前天 is never read as its tail 前天.
    ['大前天组织网格员培训了一次 十二个人参加', record('training', '2022-05-06', 12)],
    ['三号培训了九个人', record('training', '2022-05-03', 9)],
  ])('“%s” is held that day, not announced', async (said, command) => {
    await converse(flows, setup(), [{ say: said, waiting: null, commands: [command] }]);
  });
});

describe('部署培训登记 told without the command words (2026-12-07, later)', () => {
  it.each([
    ['我们村已经部署了', record('deployment', '2022-05-09', null)],
    ['动员部署已完成', record('deployment', '2022-05-09', null)],
    ['村里今天开会安排了排查的事', record('deployment', '2022-05-09', null)],
    ['上周三开了村两委会 部署排查工作', record('deployment', '2022-05-04', null)],
    ['今天给网格员讲了讲排查的政策和表格咋填 十二个人', record('training', '2022-05-09', 12)],
    ['下午把全村网格员叫来学习了一下排查表 十二个', record('training', '2022-05-09', 12)],
    ['今天上午在村委会集中学习了排查政策 参加人员14人', record('training', '2022-05-09', 14)],
    ['培训已完成 20人', record('training', '2022-05-09', 20)],
  ])('“%s” is recorded', async (said, command) => {
    await converse(flows, setup(), [{ say: said, waiting: null, commands: [command] }]);
  });

  it.each(['部署完了吗', '我们村还没部署', '下周学习排查政策'])('“%s” asks or plans: nothing is recorded', async (said) => {
    await converse(flows, setup(), [{ say: said, commands: [] }]);
  });

  it('“培训已完成” without the count asks for it', async () => {
    await converse(flows, setup(), [{ say: '培训已完成', waiting: 'field/activity:people', commands: [] }]);
  });
});
