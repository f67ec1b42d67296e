import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { converse } from '../../helpers/converse.js';
import { cadre, departmentUser, fakeFieldData, farmer, gridWorker, GRID1, GRID2, MONDAY, VILLAGE, world, type World } from './world.js';
import { problemFixFlow } from '../../../src/flows/field/problem-fix.js';
import { flows } from '../../../src/flows/registry.js';

const text = (t: string) => ({ type: 'text', text: t });
const click = (taskId: string, eventKey: string) => ({ type: 'card' as const, taskId, eventKey });

function withProblems(): World {
  const w = world();
  w.problems.push({ id: 51, category: 'data_quality', villageName: '凉水井村', headName: '张三', description: '收入信息缺失', measure: '入户核实后补录', deadline: '2022-06-05', foundOn: '2022-05-02', villageCode: VILLAGE, gridCode: GRID1 });
  w.problems.push({ id: 52, category: 'grid_management', villageName: '凉水井村', headName: null, description: '走访记录不全', measure: '补记走访记录', deadline: '2022-05-06', foundOn: '2022-05-02', villageCode: VILLAGE, gridCode: GRID1 });
  w.problems.push({ id: 53, category: 'other', villageName: '凉水井村', headName: '赵六', description: '门牌号错误', measure: '更正', deadline: '2022-06-05', foundOn: '2022-05-02', villageCode: VILLAGE, gridCode: GRID2 });
  return w;
}
const setup = (w = withProblems(), actor = gridWorker) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });

describe('整改销号 transcripts', () => {
  it('chooses from the open problems of my grid, records what was done and whether data was corrected', async () => {
    await replay(problemFixFlow, setup(), [
      {
        say: '整改',
        status: 'waiting',
        state: { node: 'pick' },
        replies: [text('未整改的问题（2个）：\n1. 凉水井村张三户：收入信息缺失（数据质量方面，还剩27天（6月5日截止））\n2. 凉水井村：走访记录不全（网格员管理及日常排查方面，已超期3天（5月6日截止））\n请回复要销号的问题序号。\n回复“取消”可退出。')],
      },
      { say: '3', status: 'waiting', state: { node: 'pick' }, replies: [text(expect.stringMatching(/^没看懂“3”。请回复1到2之间的序号，比如：1。\n未整改的问题[\s\S]*\n回复“取消”可退出。$/))] },
      { say: '１', status: 'waiting', state: { node: 'what' }, replies: [text('销号：凉水井村张三户：收入信息缺失\n整改措施：入户核实后补录\n整改了什么？请简要说明（如：已入户核实，补录了收入信息）。')] },
      { say: '已入户核实，补录了2021年务工收入', status: 'waiting', state: { node: 'data' }, replies: [expect.objectContaining({ type: 'card', card: expect.objectContaining({ title: '整改销号', desc: '这次整改是否补正了数据？' }) })] },
      {
        input: click('fq1', 'yes'),
        status: 'done',
        commands: [{ kind: 'field.problem.rectify', problemId: 51, what: '已入户核实，补录了2021年务工收入', dataCorrected: true }],
        replies: [text('已销号：凉水井村张三户：收入信息缺失\n整改情况：已入户核实，补录了2021年务工收入\n补正数据：是\n整改人：王五，5月9日（周一）\n如有误，请联系镇街干部更正。')],
      },
    ]);
  });

  it('the household named first (“张三家的问题改好了”): its problem is the one shown to close, nothing recorded yet', async () => {
    await converse(flows, setup(), [
      { say: '张三家的问题改好了', waiting: 'field/problem-fix:what', commands: [], replies: [text(expect.stringMatching(/^销号：凉水井村张三户：收入信息缺失\n/))] },
    ]);
  });

  it('“确认” or “是” is not taken as what was done; an unclear yes/no is asked again with the choices', async () => {
    await replay(problemFixFlow, setup(), [
      { say: '整改 1', status: 'waiting', state: { node: 'what' }, replies: [text(expect.stringMatching(/整改了什么？请简要说明（如：已入户核实，补录了收入信息）。\n回复“取消”可退出。$/))] },
      { say: '确认', status: 'waiting', state: { node: 'what' }, replies: [text(expect.stringMatching(/^“确认”没有说明整改情况。请写明整改了什么，比如：已入户核实，补录了收入信息。\n销号：[\s\S]*\n回复“取消”可退出。$/))] },
      { say: '是', status: 'waiting', state: { node: 'what' }, replies: [text(expect.stringMatching(/^“是”没有说明整改情况。/))] },
      { say: '已补录2021年务工收入', status: 'waiting', state: { node: 'data', data: { what: '已补录2021年务工收入' } } },
      { say: '补录了', status: 'done', commands: [{ kind: 'field.problem.rectify', problemId: 51, what: '已补录2021年务工收入', dataCorrected: true }] },
    ]);
    await replay(problemFixFlow, setup(), [
      { say: '整改 1', status: 'waiting' },
      { say: '已补录', status: 'waiting', state: { node: 'data' } },
      { say: '收入多少来着', status: 'waiting', state: { node: 'data' }, replies: [text('没看懂。请点按钮，或回复“是”（补正了数据）、“否”（没有改数据）。\n回复“取消”可退出。'), expect.objectContaining({ type: 'card' })] },
    ]);
  });

  it('with one open problem the list asks for 1, not “1到1之间”', async () => {
    const w = world();
    w.problems.push({ id: 61, category: 'other', villageName: '凉水井村', headName: null, description: '门牌号错误', measure: '更正', deadline: '2022-06-05', foundOn: '2022-05-02', villageCode: VILLAGE, gridCode: GRID1 });
    await replay(problemFixFlow, setup(w), [
      { say: '整改 5', status: 'waiting', state: { node: 'pick' } },
      { say: '2', status: 'waiting', state: { node: 'pick' }, replies: [text(expect.stringMatching(/^没看懂“2”。请回复序号1。\n未整改的问题（1个）/))] },
      { say: '1', status: 'waiting', state: { node: 'what', data: { chosen: { id: 61 } } } },
    ]);
  });

  it('“整改 2” goes straight to the second; typed 否 works like the button', async () => {
    await replay(problemFixFlow, setup(), [
      { say: '整改 2', status: 'waiting', state: { node: 'what', data: { chosen: { id: 52 } } } },
      { say: '补记了4月的走访记录', status: 'waiting' },
      { say: '没有', status: 'done', commands: [{ kind: 'field.problem.rectify', problemId: 52, what: '补记了4月的走访记录', dataCorrected: false }] },
    ]);
  });

  it('nothing open says so; the cadre sees the whole village', async () => {
    await replay(problemFixFlow, setup(world()), [{ say: '整改', status: 'done', replies: [text('您的网格内没有未整改的问题。')] }]);
    await replay(problemFixFlow, setup(withProblems(), cadre), [{ say: '销号', status: 'waiting', replies: [text(expect.stringMatching(/^未整改的问题（3个）：/))] }]);
  });

  it('is refused to a farmer and a department', async () => {
    await replay(problemFixFlow, setup(withProblems(), farmer), [{ say: '整改', status: 'done', commands: [] }]);
    await replay(problemFixFlow, setup(withProblems(), departmentUser), [{ say: '整改', status: 'done', commands: [] }]);
  });
});

describe('整改销号 through the router', () => {
  it('an old card button after cancelling does nothing', async () => {
    const commands = await converse(flows, setup(), [
      { say: '整改 1', waiting: 'field/problem-fix:what' },
      { say: '已补录', waiting: 'field/problem-fix:data' },
      { say: '取消', waiting: null },
      { input: click('fq1', 'yes'), waiting: null, replies: [] },
    ]);
    expect(commands).toEqual([]);
  });
});
