import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { converse } from '../../helpers/converse.js';
import { cadre, departmentUser, fakeFieldData, farmer, gridTeamMember, gridWorker, MONDAY, world, type World } from './world.js';
import { reviewFlow } from '../../../src/flows/field/review.js';
import { flows } from '../../../src/flows/registry.js';

const text = (t: string) => ({ type: 'text', text: t });
const card = (taskId: string, title: string, desc: string, lines: unknown[]) => ({
  type: 'card',
  card: { kind: 'button_interaction', taskId, title, desc, lines, buttons: [{ key: 'yes', text: '是', style: 1 }, { key: 'no', text: '否', style: 2 }] },
  fallback: expect.stringContaining(`${desc}\n请回复“是”或“否”。`),
});
const click = (taskId: string, eventKey: string) => ({ type: 'card' as const, taskId, eventKey });

function withSubjects(): World {
  const w = world();
  const base = { category: 'marginal' as const, includedOn: '2021-03-01', risks: ['illness' as const], measuresDone: ['health' as const], recordedThisCampaign: false };
  w.subjects.push({ ...base, id: 11, householdId: 1, status: 'eliminated', eliminatedOn: '2021-12-20' });
  w.subjects.push({ ...base, id: 12, householdId: 5, status: 'eliminated', eliminatedOn: '2021-12-21' });
  w.subjects.push({ ...base, id: 13, householdId: 4, status: 'eliminated', eliminatedOn: '2021-12-22' });
  return w;
}
const setup = (w = withSubjects(), actor = gridTeamMember) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });
const lines = [{ key: '对象类型', value: '边缘易致贫户' }, { key: '消除时间', value: '2021-12-20' }];

describe('回头看 transcripts', () => {
  it('seven 是/否 cards (附件4’s six and a new risk), answered by buttons and by text; an unstable answer means 回退', async () => {
    await replay(reviewFlow, setup(), [
      {
        say: '回头看 张三',
        status: 'waiting',
        state: { node: 'q', data: { i: 0, taskId: 'fq1' } },
        replies: [text('回头看（附件4）：张三户（凉水井村一组，4口人，电话138****5678），边缘易致贫户。共7个问题，点按钮或回复“是”“否”。'), card('fq1', '回头看 张三户（1/7）', '收入是否持续稳定？', lines)],
      },
      { input: click('fq1', 'yes'), status: 'waiting', state: { data: { i: 1, taskId: 'fq2' } } },
      { input: click('fq1', 'no'), status: 'waiting', state: { data: { i: 1, taskId: 'fq3' } }, replies: [text('这是之前的问题卡片，请回答最新的问题：'), card('fq3', '回头看 张三户（2/7）', '帮扶措施是否落实？', lines)] },
      { say: '落实了', status: 'waiting', state: { data: { i: 2 } } },
      { say: '不太好说', status: 'waiting', state: { data: { i: 2 } }, replies: [text('没看懂，请点按钮或回复“是”“否”。'), expect.objectContaining({ type: 'card' })] },
      { say: '没巩固住，饮水又不稳了', status: 'waiting', state: { data: { i: 3 } } },
      { input: click('fq6', 'yes'), status: 'waiting', state: { data: { i: 4, taskId: 'fq7' } } },
      { input: click('fq7', 'yes'), status: 'waiting', state: { node: 'relabelNote' }, replies: [text('请写明需要重新标注或备注的内容（如：风险类型应为因病）。')] },
      { say: '风险类型应补充因安全饮水', status: 'waiting', state: { node: 'q', data: { i: 5 } } },
      { say: '不需要', status: 'waiting', state: { node: 'q', data: { i: 6 } }, replies: [expect.objectContaining({ type: 'card', card: expect.objectContaining({ desc: '是否出现新的返贫致贫风险？' }) })] },
      {
        say: '没有',
        status: 'done',
        commands: [
          { kind: 'field.screening.save', form: 'review', campaign: '2022', householdId: 1, remark: '', answers: { subjectId: 11, category: 'marginal', incomeStable: true, measuresImplemented: true, guaranteesStable: false, eliminationStable: true, needsRelabel: true, relabelNote: '风险类型应补充因安全饮水', needsWithdrawal: false, newRisk: false, newRiskDetails: null } },
          { kind: 'casework.revert.request', subjectId: 11, reason: 'unstable', note: '回头看：风险消除不稳定' },
        ],
        sends: [
          { to: { channel: 'app', id: 'liucun' }, reply: text('张三户回头看发现风险消除不稳定，已申请回退为“风险未消除”，请镇街审核（发送“镇街审核”）。') },
          { to: { channel: 'app', id: 'zhaozhen' }, reply: text('张三户回头看发现风险消除不稳定，已申请回退为“风险未消除”，请镇街审核（发送“镇街审核”）。') },
        ],
        replies: [
          text('已登记回头看（附件4）：\n户主：张三户（凉水井村一组，4口人，电话138****5678），边缘易致贫户\n收入是否持续稳定：是\n帮扶措施是否落实：是\n“三保障”及饮水安全是否持续巩固：否\n风险消除是否稳定：是\n是否需要重新标注或备注：是（风险类型应补充因安全饮水）\n是否需要清退：否\n是否出现新的返贫致贫风险：否\n结论：风险消除不稳定，应回退为“风险未消除”。已提交回退申请，待镇街审核；回退后请落实帮扶措施。\n如需更正：今天内重新发送“回头看 张三”，确认后新记录替换本条，原记录留档。'),
        ],
      },
    ]);
  });

  it('the household right after the word without 家, a space after it (“回头看张三 稳定”), is that household', async () => {
    await converse(flows, setup(), [{ say: '回头看张三 稳定', waiting: 'field/review:q', replies: [text(expect.stringMatching(/^回头看（附件4）：张三户/)), expect.objectContaining({ type: 'card' })] }]);
  });

  it('整户无劳动力 means 回退 even when all is stable; 清退 asks for the written request', async () => {
    await replay(reviewFlow, setup(), [
      { say: '回头看 孙七', status: 'waiting' },
      { say: '是', status: 'waiting' },
      { say: '是', status: 'waiting' },
      { say: '是', status: 'waiting' },
      { say: '稳定', status: 'waiting' },
      { say: '否', status: 'waiting' },
      { say: '要清退', status: 'waiting' },
      { say: '没有', status: 'done', replies: [text(expect.stringContaining('结论：整户无劳动力，应回退为“风险未消除”。已提交回退申请，待镇街审核；回退后请落实帮扶措施。\n需要清退：请村干部于5月25日（周三）前发送“清退 孙七”并附书面申请，经镇街审核、市级审批后清退。'))] },
    ]);
  });

  it('a second 回头看 of the same household the same day shows before → after and saves only on 是', async () => {
    const w = withSubjects();
    const before = { subjectId: 11, category: 'marginal', incomeStable: true, measuresImplemented: true, guaranteesStable: false, eliminationStable: true, needsRelabel: false, relabelNote: null, needsWithdrawal: false, newRisk: false, newRiskDetails: null };
    w.todays.set('1:review', { id: 5, riskFound: false, answers: before });
    const allStable = ['是', '是', '是', '是', '否', '否'].map((say) => ({ say, status: 'waiting' as const }));
    const ask = '今天已登记过张三户的回头看（附件4），本次将更正：\n“三保障”及饮水安全是否持续巩固：否 → 是\n回复“是”或“确认”更正；回复“取消”不保存（原记录不变）。';
    await replay(reviewFlow, setup(w), [
      { say: '回头看 张三', status: 'waiting' },
      ...allStable,
      { say: '否', status: 'waiting', state: { node: 'confirm' }, commands: [], replies: [text(ask)] },
      { say: '嗯？', status: 'waiting', state: { node: 'confirm' }, commands: [], replies: [text('请回复“是”更正，或回复“取消”不保存。')] },
      {
        say: '是',
        status: 'done',
        commands: [{ kind: 'field.screening.save', form: 'review', campaign: '2022', householdId: 1, remark: '', answers: { ...before, guaranteesStable: true } }],
        replies: [text(expect.stringMatching(/^已更正今天的回头看（附件4），原记录已留档：\n[\s\S]*结论：风险消除稳定，维持“风险消除”。/))],
      },
    ]);
    await replay(reviewFlow, setup(w), [{ say: '回头看 张三', status: 'waiting' }, ...allStable, { say: '否', status: 'waiting', state: { node: 'confirm' } }, { say: '不保存', status: 'done', commands: [], replies: [text('好的，没有保存，今天的原记录不变。')] }]);
    // The same answers again change nothing: saved without asking.
    await replay(reviewFlow, setup(w), [{ say: '回头看 张三', status: 'waiting' }, ...allStable.slice(0, 2), { say: '否', status: 'waiting' }, ...allStable.slice(3), { say: '否', status: 'done', commands: [expect.objectContaining({ answers: before }), expect.objectContaining({ kind: 'casework.revert.request' })] }]);
    // A record kept without its answers: every answer is shown as replacing it.
    w.todays.set('1:review', { id: 5, riskFound: false });
    await replay(reviewFlow, setup(w), [{ say: '回头看 张三', status: 'waiting' }, ...allStable, { say: '否', status: 'waiting', state: { node: 'confirm' }, commands: [], replies: [text(expect.stringContaining('收入是否持续稳定：（原记录）→ 是\n帮扶措施是否落实：（原记录）→ 是'))] }]);
  });

  it('a new risk since the elimination (“有，老汉又住院了”) is 重新识别: the record opens a new lead; details asked when not said', async () => {
    const stable = ['是', '是', '是', '是', '否', '否'].map((say) => ({ say, status: 'waiting' as const }));
    await replay(reviewFlow, setup(), [
      { say: '回头看 张三', status: 'waiting' },
      ...stable,
      {
        say: '有，老汉又住院了 自付两万多',
        status: 'done',
        commands: [expect.objectContaining({ form: 'review', answers: expect.objectContaining({ newRisk: true, newRiskDetails: '老汉又住院了，自付两万多' }) })],
        replies: [text(expect.stringMatching(/是否出现新的返贫致贫风险：是（老汉又住院了，自付两万多）\n出现新的风险：按重新识别办理，已生成风险线索，提交本村5月12日（周四）研判会研判，5月24日（周二）前完成认定。/))],
      },
    ]);
    await replay(reviewFlow, setup(), [
      { say: '回头看 张三', status: 'waiting' },
      ...stable,
      { say: '有', status: 'waiting', state: { node: 'newRiskDetail' }, replies: [text('请简要说明新的风险（如：户主今年住院，自付3万多）。')] },
      { say: '是', status: 'waiting', state: { node: 'newRiskDetail' } },
      { say: '孙子上大学学费交不起', status: 'done', commands: [expect.objectContaining({ answers: expect.objectContaining({ newRisk: true, newRiskDetails: '孙子上大学学费交不起' }) })] },
    ]);
  });

  it('without a name: the list of those not yet reviewed in my grid (not the other grid), chosen by number', async () => {
    const w = withSubjects();
    w.subjects[1]!.recordedThisCampaign = true;
    await replay(reviewFlow, setup(w), [
      { say: '回头看', status: 'waiting', state: { node: 'pick' }, replies: [text('待回头看的户（1户）：\n1. 张三户（凉水井村一组，4口人，电话138****5678），边缘易致贫户\n请回复序号或户主姓名。')] },
      { say: '5', status: 'waiting', state: { node: 'pick' }, replies: [text('请回复1到1之间的序号，或户主姓名。')] },
      { say: '1', status: 'waiting', state: { node: 'q', data: { subject: { id: 11 } } } },
    ]);
    await replay(reviewFlow, setup(w), [{ say: '回头看 赵六', status: 'waiting', state: { node: 'pick' }, replies: [text('在您的网格内没有找到“赵六”户的已消除风险的监测对象（回头看只针对已消除风险的监测对象）。请核对姓名再发一次，或发送“取消”退出。')] }]);
  });

  it('when everything is reviewed, or nothing was eliminated, it says so and ends', async () => {
    const w = withSubjects();
    w.subjects.forEach((s) => (s.recordedThisCampaign = true));
    await replay(reviewFlow, setup(w), [{ say: '回头看', status: 'done', replies: [text('您的网格内2户已消除风险的监测对象本次都已回头看。需要更正某一户，请发送“回头看 户主姓名”。')] }]);
    await replay(reviewFlow, setup(world(), { ...cadre, staff: { ...cadre.staff!, role: 'screening_team' } }), [{ say: '回头看', status: 'done', replies: [text('您的村内没有已消除风险的监测对象，无需回头看。')] }]);
  });

  it('is refused to a grid worker (回头看 is the 排查小组’s), a farmer and a department', async () => {
    await replay(reviewFlow, setup(withSubjects(), gridWorker), [{ say: '回头看 张三', status: 'done', commands: [], replies: [text(expect.stringContaining('您的角色（网格员）不能办理'))] }]);
    await replay(reviewFlow, setup(withSubjects(), farmer), [{ say: '回头看 张三', status: 'done', commands: [] }]);
    await replay(reviewFlow, setup(withSubjects(), departmentUser), [{ say: '回头看 张三', status: 'done', commands: [], replies: [text(expect.stringContaining('「回头看」由村干部、排查小组成员、镇街干部办理，您的角色（行业部门）不能办理。'))] }]);
  });
});

describe('回头看 through the router', () => {
  it('a card click while the flow waits reaches it; cancel and expiry end it', async () => {
    await converse(flows, setup(), [
      { say: '回头看 张三', waiting: 'field/review:q' },
      { input: click('fq1', 'yes'), waiting: 'field/review:q', replies: [card('fq2', '回头看 张三户（2/7）', '帮扶措施是否落实？', lines)] },
      { say: '取消', waiting: null, replies: [text('已退出「回头看」。')] },
      { input: click('fq2', 'yes'), waiting: null, replies: [] },
      { say: '回头看 张三', waiting: 'field/review:q' },
      { expire: true, waiting: null, replies: [text('「回头看」已经36小时没有回复，已自动结束。需要时请重新开始。')] },
    ]);
  });

  it('“取消” at the before → after question leaves today’s record as it was', async () => {
    const w = withSubjects();
    w.todays.set('1:review', { id: 5, riskFound: false, answers: { incomeStable: false, measuresImplemented: true, guaranteesStable: true, eliminationStable: true, needsRelabel: false, needsWithdrawal: false } });
    const commands = await converse(flows, setup(w), [
      { say: '回头看 张三', waiting: 'field/review:q' },
      ...['是', '是', '是', '是', '否', '否'].map((say) => ({ say, waiting: 'field/review:q' })),
      { say: '否', waiting: 'field/review:confirm', replies: [text(expect.stringContaining('收入是否持续稳定：否 → 是'))] },
      { say: '取消', waiting: null, replies: [text('已退出「回头看」。')] },
    ]);
    expect(commands).toEqual([]);
  });

  it('a press with WeCom’s response code turns the pressed card into what was pressed; an old card’s press changes nothing', async () => {
    const update = (responseCode: string, replaceName: string) => ({ type: 'card_update', responseCode, replaceName });
    await converse(flows, setup(), [
      { say: '回头看 张三', waiting: 'field/review:q' },
      { input: { ...click('fq1', 'no'), responseCode: 'rc1' }, waiting: 'field/review:q', replies: [update('rc1', '已选：否'), card('fq2', '回头看 张三户（2/7）', '帮扶措施是否落实？', lines)] },
      { input: { ...click('fq1', 'yes'), responseCode: 'rc2' }, waiting: 'field/review:q', replies: [text(expect.stringMatching(/^这是之前的问题卡片/)), expect.objectContaining({ type: 'card' })] },
    ]);
    // A put-aside 回头看's card, pressed while another errand waits, is not its answer: the card stays.
    await converse(flows, setup(), [
      { say: '回头看 张三', waiting: 'field/review:q' },
      { say: '报问题', waiting: 'field/problem-report:category', suspended: 'field/review:q' },
      { input: { ...click('fq1', 'yes'), responseCode: 'rc3' }, waiting: 'field/problem-report:category', replies: [text(expect.stringMatching(/^请用文字回答。/))] },
    ]);
  });
});
