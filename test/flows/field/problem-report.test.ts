import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { converse } from '../../helpers/converse.js';
import { departmentUser, fakeFieldData, farmer, gridWorker, MONDAY, townOfficial, world } from './world.js';
import { problemReportFlow } from '../../../src/flows/field/problem-report.js';
import { flows } from '../../../src/flows/registry.js';

const text = (t: string) => ({ type: 'text', text: t });
const setup = (actor = gridWorker) => ({ actor, now: MONDAY, data: fakeFieldData(world(), actor) });
const open = (o: object) => ({ kind: 'field.problem.open', ...o });

describe('报问题 transcripts', () => {
  it('category by number, what, the household (in my grid), measure and the default deadline; echoed', async () => {
    await replay(problemReportFlow, setup(), [
      { say: '报问题', status: 'waiting', state: { node: 'category' }, replies: [text(expect.stringMatching(/^问题属于哪一类？请回复序号：\n1\. “两不愁三保障”和饮水安全方面\n[\s\S]*\n8\. 其他方面\n回复“取消”可退出。$/))] },
      { say: '９', status: 'waiting', state: { node: 'category' }, replies: [text(expect.stringMatching(/^没看懂“9”是哪一类。请回复1到8之间的序号，比如：6（数据质量方面）。\n问题属于哪一类？[\s\S]*\n回复“取消”可退出。$/))] },
      { say: '6', status: 'waiting', state: { node: 'what' }, replies: [text('具体是什么问题？请简要说明。')] },
      { say: '缺收入', status: 'waiting', state: { node: 'what' } },
      { say: '户主2021年收入信息缺失，电话13812345678打不通', status: 'waiting', state: { node: 'household' }, replies: [text('涉及哪一户？请回复户主姓名；不涉及具体农户请回复“无”。')] },
      { say: '赵六', status: 'waiting', state: { node: 'household' }, replies: [text(expect.stringMatching(/^在您的网格内没有找到“赵六”户/))] },
      { say: '张三', status: 'waiting', state: { node: 'measure' } },
      { say: '入户核实后补录收入信息', status: 'waiting', state: { node: 'deadline' }, replies: [text('完成时限？请回复日期（如“6月5日”）；回复“默认”按信息修正截止日6月5日（周日）。')] },
      { say: '5月1日', status: 'waiting', state: { node: 'deadline' }, replies: [text(expect.stringMatching(/^完成时限5月1日（周日）已经过去了。/))] },
      {
        say: '默认',
        status: 'done',
        commands: [open({ category: 'data_quality', villageCode: '610821101001', householdId: 1, description: '户主2021年收入信息缺失，电话13812345678打不通', measure: '入户核实后补录收入信息', deadline: '2022-06-05' })],
        replies: [text('已登记问题（附件6 问题清单）：\n类型：数据质量方面\n地点：凉水井村，张三户（凉水井村一组，4口人，电话138****5678）\n具体问题：户主2021年收入信息缺失，电话138****5678打不通\n整改措施：入户核实后补录收入信息\n完成时限：6月5日（周日）\n责任人：王五（您本人）\n整改完成后请发送“整改”销号；登记有误请联系镇街干部更正。')],
      },
    ]);
  });

  it('an answer that does not fit is not stored: “确认” as the measure, “是” as the deadline, “好” as the problem', async () => {
    await replay(problemReportFlow, setup(), [
      { say: '报问题', status: 'waiting', state: { node: 'category' } },
      { say: '6', status: 'waiting', state: { node: 'what' } },
      { say: '好', status: 'waiting', state: { node: 'what' }, replies: [text('“好”不是问题的说明。请用一句话说清楚是什么问题，比如：张三户2021年收入信息缺失。\n具体是什么问题？请简要说明。\n回复“取消”可退出。')] },
      { say: '2021年收入信息缺失', status: 'waiting', state: { node: 'household' } },
      { say: '2000元', status: 'waiting', state: { node: 'household' }, replies: [text('没看到姓名。请回复户主姓名，比如：张三；不涉及具体农户请回复“无”。\n涉及哪一户？请回复户主姓名；不涉及具体农户请回复“无”。\n回复“取消”可退出。')] },
      { say: '无', status: 'waiting', state: { node: 'measure' } },
      { say: '确认', status: 'waiting', state: { node: 'measure' }, replies: [text('“确认”不是整改措施。请写明怎么整改，比如：入户核实后补录收入信息；暂不确定请回复“待定”。\n整改措施？（如：入户核实后补录收入信息；暂不确定请回复“待定”）\n回复“取消”可退出。')] },
      { say: '写啥？', status: 'waiting', state: { node: 'measure' }, replies: [text(expect.stringMatching(/^“写啥\?”不是整改措施。/))] },
      { say: '入户核实后补录', status: 'waiting', state: { node: 'deadline', data: { measure: '入户核实后补录' } } },
      { say: '是', status: 'waiting', state: { node: 'deadline' }, replies: [text('“是”不是日期。请回复完成时限的日期，比如：6月5日；按信息修正截止日请回复“默认”。\n完成时限？请回复日期（如“6月5日”）；回复“默认”按信息修正截止日6月5日（周日）。\n回复“取消”可退出。')] },
      { say: '好的', status: 'waiting', state: { node: 'deadline' } },
      { say: '5月20日', status: 'done', commands: [open({ category: 'data_quality', villageCode: '610821101001', householdId: null, description: '2021年收入信息缺失', measure: '入户核实后补录', deadline: '2022-05-20' })] },
    ]);
  });

  it('a description that names the household (head or member) takes it — said, not asked; a name of two households is asked by number', async () => {
    await replay(problemReportFlow, setup(), [
      { say: '报问题 张小军家房子漏雨了', status: 'waiting', state: { node: 'category' } },
      { say: '1', status: 'waiting', state: { node: 'measure', data: { household: { id: 1 } } }, replies: [text(expect.stringMatching(/^涉及张三户（成员张小军）（凉水井村一组，4口人，电话138\*\*\*\*5678）。\n整改措施？/))] },
      { say: '联系住建部门维修', status: 'waiting', state: { node: 'deadline' } },
      {
        say: '默认',
        status: 'done',
        commands: [open({ category: 'basic_needs', villageCode: '610821101001', householdId: 1, description: '张小军家房子漏雨了', measure: '联系住建部门维修', deadline: '2022-06-05' })],
        replies: [text(expect.stringMatching(/\n如张三户因此有返贫致贫风险，请另发“排查 张三 …”登记，才会生成风险线索提交研判会。$/))],
      },
    ]);
    await replay(problemReportFlow, setup(), [
      { say: '报问题 李四家低保没发下来', status: 'waiting', state: { node: 'category' } },
      { say: '2', status: 'waiting', state: { node: 'pickHousehold' }, replies: [text(expect.stringMatching(/^问题里说的户，凉水井村有2户对得上：\n1\. 李四户/))] },
      { say: '1', status: 'waiting', state: { node: 'measure', data: { household: { id: 2 } } } },
    ]);
  });

  it('a problem told first and then asked to be reported (“张三家房子漏雨了 报个问题”) is 报问题, not a screening of 张三', async () => {
    await converse(flows, setup(), [
      { say: '张三家房子漏雨了 报个问题', waiting: 'field/problem-report:category' },
      { say: '1', waiting: 'field/problem-report:measure' },
    ]);
    await converse(flows, setup(), [{ say: '张三家房子漏雨了', waiting: 'field/general-screening:method' }]);
    // An official's question about the villages that reported none is no problem reported.
    const env = { now: MONDAY, tz: 'Asia/Shanghai', actor: townOfficial, newId: (p: string) => p, data: fakeFieldData(world(), townOfficial) };
    expect(problemReportFlow.matches({ type: 'text', text: '没报问题的村' }, env as never)).toBe(false);
    expect(problemReportFlow.matches({ type: 'text', text: '刘家的窑塌了 上报一下问题' }, env as never)).toBe(true);
  });

  it('what comes with the command; the category by its words; no household; a date', async () => {
    await replay(problemReportFlow, setup(), [
      { say: '报问题 网格员入户走访记录不全', status: 'waiting', state: { node: 'category', data: { what: '网格员入户走访记录不全' } } },
      { say: '网格员管理', status: 'waiting', state: { node: 'household' } },
      { say: '无', status: 'waiting', state: { node: 'measure' } },
      { say: '待定', status: 'waiting', state: { node: 'deadline' } },
      { say: '5月20号', status: 'done', commands: [open({ category: 'grid_management', villageCode: '610821101001', householdId: null, description: '网格员入户走访记录不全', measure: '待定', deadline: '2022-05-20' })] },
    ]);
  });

  it('a town official names the village (aliases by prefix), and only villages of the town', async () => {
    await replay(problemReportFlow, setup(townOfficial), [
      { say: '报问题', status: 'waiting' },
      { say: '7', status: 'waiting' },
      { say: '群众反映低保评定不公开', status: 'waiting', state: { node: 'village' }, replies: [text('是哪个村的问题？请回复序号或村名：\n1. 凉水井村\n2. 高家畔村')] },
      { say: '石角塔村', status: 'waiting', state: { node: 'village' }, replies: [text(expect.stringMatching(/^在您的辖区内没有找到“石角塔村”。/))] },
      { say: '高家畔', status: 'waiting', state: { node: 'household', data: { village: { code: '610821101002', name: '高家畔村' } } } },
    ]);
  });

  it('is refused to a farmer and a department', async () => {
    await replay(problemReportFlow, setup(farmer), [{ say: '报问题', status: 'done', commands: [] }]);
    await replay(problemReportFlow, setup(departmentUser), [{ say: '报问题', status: 'done', commands: [], replies: [text(expect.stringContaining('您的角色（行业部门）不能办理'))] }]);
  });

  it('“问题不大” is not a report', async () => {
    await replay(problemReportFlow, setup(), [{ say: '问题不大', status: 'not-matched' }]);
  });
});

describe('报问题 through the router', () => {
  it('cancel part-way stores nothing; expiry ends it politely', async () => {
    const commands = await converse(flows, setup(), [
      { say: '报问题', waiting: 'field/problem-report:category' },
      { say: '1', waiting: 'field/problem-report:what' },
      { say: '取消', waiting: null },
      { say: '报问题', waiting: 'field/problem-report:category' },
      { expire: true, waiting: null, replies: [text('「报问题」已经30分钟没有回复，已自动结束。需要时请重新开始。')] },
    ]);
    expect(commands).toEqual([]);
  });
});

describe('报问题 said in one’s own words, through the router', () => {
  it('“发现个问题 张三家的人口数录错了 … 他大儿子去年分户出去了” is a problem, not a screening corrected or a visit', async () => {
    await converse(flows, setup(), [{ say: '发现个问题 张三家的人口数录错了 系统里是5口人 实际就4口 他大儿子去年分户出去了', waiting: 'field/problem-report:category' }]);
  });
});
