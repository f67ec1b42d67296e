import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { converse } from '../../helpers/converse.js';
import { cadre, departmentUser, fakeFieldData, farmer, gridWorker, MONDAY, teamMember, world, type World } from './world.js';
import { followUpFlow } from '../../../src/flows/field/follow-up.js';
import { flows } from '../../../src/flows/registry.js';

const text = (t: string) => ({ type: 'text', text: t });
const click = (taskId: string, eventKey: string) => ({ type: 'card' as const, taskId, eventKey });

function withOpen(): World {
  const w = world();
  w.subjects.push({ id: 21, householdId: 2, category: 'sudden_hardship', includedOn: '2022-01-10', status: 'open', eliminatedOn: null, risks: ['illness', 'accident'], measuresDone: ['health', 'comprehensive_security'], recordedThisCampaign: false });
  w.subjects.push({ id: 22, householdId: 4, category: 'marginal', includedOn: '2021-09-01', status: 'open', eliminatedOn: null, risks: ['schooling'], measuresDone: [], recordedThisCampaign: false });
  return w;
}
const setup = (w = withOpen(), actor = cadre) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });
const lines = [{ key: '纳入时间', value: '2022-01-10' }, { key: '风险类型', value: '因病、因意外事故' }];

describe('帮扶跟进 transcripts', () => {
  it('confirms the measures in place, asks 帮扶是否落实 and 是否达到消除标准 on cards, and stores 附件5', async () => {
    await replay(followUpFlow, setup(), [
      { say: '跟进', status: 'waiting', state: { node: 'pick' }, replies: [text('待跟进的户（2户）：\n1. 李四户（凉水井村一组，2口人），突发严重困难户\n2. 赵六户（凉水井村二组，3口人），边缘易致贫户\n请回复序号或户主姓名。')] },
      {
        say: '李四',
        status: 'waiting',
        state: { node: 'measuresOk' },
        replies: [
          text('帮扶跟进（附件5）：李四户（凉水井村一组，2口人），突发严重困难户，2022-01-10纳入，风险类型：因病、因意外事故。'),
          { type: 'card', card: { kind: 'button_interaction', taskId: 'fq1', title: '帮扶跟进 李四户（1/3）', desc: '已落实帮扶措施：健康帮扶、综合保障。是否如上？', lines, buttons: [{ key: 'yes', text: '是', style: 1 }, { key: 'no', text: '有变化', style: 2 }] }, fallback: '帮扶跟进 李四户（1/3）\n纳入时间：2022-01-10\n风险类型：因病、因意外事故\n已落实帮扶措施：健康帮扶、综合保障。是否如上？\n请回复“是”，有变化请回复“否”。' },
        ],
      },
      { input: click('fq1', 'no'), status: 'waiting', state: { node: 'measures' }, replies: [text(expect.stringMatching(/^请回复已落实的帮扶措施编号，可多选（如“5、8”）；一项都没有请回复“无”：\n1\. 产业帮扶\n2\. 就业帮扶\n[\s\S]*14\. 基础设施建设$/))] },
      { say: '2、5、15', status: 'waiting', state: { node: 'measures' }, replies: [text(expect.stringMatching(/^选项只有1–14，“15”不在其中，请重新选择/))] },
      { say: '二五八', status: 'waiting', state: { node: 'implemented', data: { measures: ['employment', 'health', 'comprehensive_security'] } } },
      { say: '落实了', status: 'waiting', state: { node: 'meetsStandard' } },
      {
        input: click('fq3', 'no'),
        status: 'done',
        commands: [{ kind: 'field.screening.save', form: 'follow_up', campaign: '2022', householdId: 2, remark: '', answers: { subjectId: 21, includedOn: '2022-01-10', risks: ['illness', 'accident'], measuresInPlace: ['employment', 'health', 'comprehensive_security'], assistanceImplemented: true, meetsEliminationStandard: false } }],
        replies: [text('已登记帮扶跟进（附件5）：\n户主：李四户（凉水井村一组，2口人），突发严重困难户\n纳入时间：2022-01-10\n风险类型：因病、因意外事故\n已落实帮扶措施：就业帮扶、健康帮扶、综合保障\n帮扶是否落实：是\n是否达到消除标准：否\n如需更正：今天内重新发送“跟进 李四”，确认后新记录替换本条，原记录留档。')],
      },
    ]);
  });

  it('no measures and not implemented: the echo says what to follow up; meeting the standard says when it may be eliminated', async () => {
    await replay(followUpFlow, setup(), [
      { say: '帮扶跟进 赵六', status: 'waiting' },
      { say: '是', status: 'waiting', state: { node: 'implemented', data: { measures: [] } } },
      { say: '没有', status: 'waiting' },
      { say: '没达标', status: 'done', replies: [text(expect.stringContaining('已落实帮扶措施：无\n帮扶是否落实：否\n是否达到消除标准：否\n提醒：帮扶措施尚未落实，请跟进。\n提醒：还没有已落实的帮扶措施。\n'))] },
    ]);
    await replay(followUpFlow, setup(), [
      { say: '跟踪 李四', status: 'waiting' },
      { say: '对', status: 'waiting' },
      { say: '是', status: 'waiting' },
      { say: '达到了', status: 'done', replies: [text(expect.stringContaining('可按程序申请风险消除（核实、评议公示、审核、审批）；收入需稳定超过监测线，纳入满6个月（7月10日（周日）起）方可消除。'))] },
    ]);
  });

  it('after a 回退 the months before 风险消除 are counted from the 回退, and the echo says so', async () => {
    const w = withOpen();
    w.subjects[0] = { ...w.subjects[0]!, since: { day: '2022-03-01', after: 'revert' } };
    await replay(followUpFlow, setup(w), [
      { say: '跟踪 李四', status: 'waiting' },
      { say: '对', status: 'waiting' },
      { say: '是', status: 'waiting' },
      { say: '达到了', status: 'done', replies: [text(expect.stringContaining('收入需稳定超过监测线，回退满6个月（9月1日（周四）起）方可消除。'))] },
    ]);
  });

  it('a second 跟进 of the same household the same day shows before → after and saves only on 是', async () => {
    const w = withOpen();
    const before = { subjectId: 21, includedOn: '2022-01-10', risks: ['illness', 'accident'], measuresInPlace: ['health', 'comprehensive_security'], assistanceImplemented: true, meetsEliminationStandard: false };
    w.todays.set('2:follow_up', { id: 6, riskFound: false, answers: before });
    const ask = '今天已登记过李四户的帮扶跟进（附件5），本次将更正：\n是否达到消除标准：否 → 是\n回复“是”或“确认”更正；回复“取消”不保存（原记录不变）。';
    const upToLast = [{ say: '跟进 李四', status: 'waiting' as const }, { say: '是', status: 'waiting' as const }, { say: '是', status: 'waiting' as const }];
    await replay(followUpFlow, setup(w), [
      ...upToLast,
      { say: '达到了', status: 'waiting', state: { node: 'confirm', data: { meets: true } }, commands: [], replies: [text(ask)] },
      { say: '嗯？', status: 'waiting', state: { node: 'confirm' }, commands: [], replies: [text('请回复“是”更正，或回复“取消”不保存。')] },
      {
        say: '确认',
        status: 'done',
        commands: [{ kind: 'field.screening.save', form: 'follow_up', campaign: '2022', householdId: 2, remark: '', answers: { ...before, meetsEliminationStandard: true } }],
        replies: [text(expect.stringMatching(/^已更正今天的帮扶跟进（附件5），原记录已留档：\n[\s\S]*是否达到消除标准：是/))],
      },
    ]);
    await replay(followUpFlow, setup(w), [...upToLast, { say: '达到了', status: 'waiting', state: { node: 'confirm' } }, { say: '不保存', status: 'done', commands: [], replies: [text('好的，没有保存，今天的原记录不变。')] }]);
    // Nothing different: saved without asking.
    await replay(followUpFlow, setup(w), [...upToLast, { say: '没达标', status: 'done', commands: [expect.objectContaining({ answers: before })] }]);
    // Measures changed: before → after names them.
    await replay(followUpFlow, setup(w), [
      { say: '跟进 李四', status: 'waiting' },
      { say: '否', status: 'waiting', state: { node: 'measures' } },
      { say: '5', status: 'waiting' },
      { say: '是', status: 'waiting' },
      { say: '否', status: 'waiting', state: { node: 'confirm' }, replies: [text(expect.stringContaining('已落实帮扶措施：健康帮扶、综合保障 → 健康帮扶\n'))] },
    ]);
  });

  it('only the asker’s area: the team sees both grids; a grid worker may not follow up; a farmer and a department are refused', async () => {
    await replay(followUpFlow, setup(withOpen(), teamMember), [{ say: '跟进 赵六', status: 'waiting', state: { node: 'measuresOk', data: { subject: { id: 22 } } } }]);
    await replay(followUpFlow, setup(withOpen(), gridWorker), [{ say: '跟进 李四', status: 'done', commands: [], replies: [text(expect.stringContaining('您的角色（网格员）不能办理'))] }]);
    await replay(followUpFlow, setup(withOpen(), farmer), [{ say: '跟进 李四', status: 'done', commands: [] }]);
    await replay(followUpFlow, setup(withOpen(), departmentUser), [{ say: '跟进 李四', status: 'done', commands: [] }]);
  });
});

describe('帮扶跟进 through the router', () => {
  it('the household named in a sentence (跟踪一下…家的帮扶措施落实没, …家帮扶措施都落实了 跟进一下, 跟近) is the one followed up', async () => {
    for (const said of ['跟踪一下赵六家的帮扶措施落实没', '赵六家帮扶措施都落实了 跟进一下', '跟近 赵六']) {
      const { actor, now, data } = setup();
      const env = { now, tz: 'Asia/Shanghai', actor, newId: (p: string) => `${p}1`, data };
      expect(flows.find((f) => f.matches(text(said) as never, env as never))?.name, said).toBe('field/follow-up');
      await replay(followUpFlow, setup(), [{ say: said, status: 'waiting', state: { node: 'measuresOk' }, replies: [text(expect.stringMatching(/^帮扶跟进（附件5）：赵六户/)), expect.anything()] }]);
    }
  });

  it('resume after another flow, then finish', async () => {
    const commands = await converse(flows, setup(), [
      { say: '跟进 李四', waiting: 'field/follow-up:measuresOk' },
      { say: '报问题', waiting: 'field/problem-report:category', suspended: 'field/follow-up:measuresOk' },
      { say: '取消', waiting: null },
      { say: '继续', waiting: 'field/follow-up:measuresOk', replies: [text('好的，接着办「帮扶跟进」：'), text(expect.stringMatching(/^帮扶跟进（附件5）：李四户/)), expect.objectContaining({ type: 'card' })] },
      { say: '是', waiting: 'field/follow-up:implemented' },
      { say: '是', waiting: 'field/follow-up:meetsStandard' },
      { say: '否', waiting: null },
    ]);
    expect(commands).toHaveLength(1);
  });
});
