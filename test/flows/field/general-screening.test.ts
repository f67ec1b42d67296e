import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { converse } from '../../helpers/converse.js';
import { cadre, departmentUser, fakeFieldData, farmer, gridWorker, HOUR, MONDAY, stranger, world } from './world.js';
import { generalScreeningFlow } from '../../../src/flows/field/general-screening.js';
import { flows } from '../../../src/flows/registry.js';

const text = (t: string) => ({ type: 'text', text: t });
const save = (householdId: number, answers: object, remark = '') => ({ kind: 'field.screening.save', form: 'general', campaign: '2022', householdId, answers, remark });
const setup = (w = world(), actor = gridWorker) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });

describe('一般户排查 transcripts', () => {
  it('a one-line report with no risk is stored and echoed with how to correct it', async () => {
    await replay(generalScreeningFlow, setup(), [
      {
        say: '排查 张三 入户 无风险 了解政策',
        status: 'done',
        commands: [save(1, { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true })],
        replies: [
          text(
            '已登记一般户排查（附件3）：\n户主：张三户（凉水井村一组，4口人，电话138****5678）\n排查方式：入户\n近期是否发生风险：否\n是否基本了解防返贫政策：是\n如需更正：今天内重新发送“排查 张三 …”，新记录会覆盖本条，原记录留档。',
          ),
        ],
      },
    ]);
  });

  it('a risk found for a household already monitored (风险未消除) is added to it: no lead, the helpers follow up', async () => {
    const w = world();
    w.subjects.push({ id: 9, householdId: 1, category: 'marginal', includedOn: '2022-03-01', status: 'open', eliminatedOn: null, risks: ['illness'], measuresDone: ['health'], recordedThisCampaign: false });
    await replay(generalScreeningFlow, setup(w), [
      {
        say: '排查 张三 入户 有风险 孩子辍学在家 了解政策',
        status: 'done',
        commands: [save(1, { method: 'home_visit', riskFound: true, riskDetails: '孩子辍学在家', knowsPolicy: true })],
        replies: [text(expect.stringContaining('近期是否发生风险：是（孩子辍学在家）\n是否基本了解防返贫政策：是\n该户已是监测对象（风险未消除），不再新开线索，已将新发现的风险“因学”补充到该户的风险类型，请帮扶责任人跟进落实措施。'))],
      },
    ]);
  });

  it('a one-line report that finds risk opens a lead for the village’s next 研判会 (Thursday)', async () => {
    await replay(generalScreeningFlow, setup(), [
      {
        say: '排查 张三 电话 有风险 儿子住院花了两万 不了解政策',
        status: 'done',
        commands: [save(1, { method: 'phone', riskFound: true, riskDetails: '儿子住院花了两万', knowsPolicy: false })],
        replies: [text(expect.stringContaining('近期是否发生风险：是（儿子住院花了两万）\n是否基本了解防返贫政策：否\n已生成风险线索，提交本村5月12日（周四）研判会研判，5月24日（周二）前完成认定。'))],
      },
    ]);
  });

  it('guided: one question at a time, full-width digits, colloquial answers, wrong answers asked again', async () => {
    await replay(generalScreeningFlow, setup(), [
      { say: '排查', status: 'waiting', state: { node: 'name' }, replies: [text('请问登记哪一户？请回复户主姓名（家庭成员的名字也可以）。')] },
      { say: '户主张三', status: 'waiting', state: { node: 'method' }, replies: [text('张三户的排查方式？请回复：1 入户、2 电话、3 微信、4 其他。')] },
      { say: '飞鸽传书', status: 'waiting', state: { node: 'method' }, replies: [text('没看懂排查方式。请回复序号或方式，如“1”或“入户”；回复“取消”可退出。\n张三户的排查方式？请回复：1 入户、2 电话、3 微信、4 其他。')] },
      { say: '３', status: 'waiting', state: { node: 'risk' } },
      { say: '不知道', status: 'waiting', state: { node: 'risk' }, replies: [text(expect.stringMatching(/^没看懂是否有风险。请回复“是”或“否”.*回复“取消”可退出。\n近期是否发生返贫致贫风险？/))] },
      { say: '嗯 没啥事', status: 'waiting', state: { node: 'policy' }, replies: [text('是否基本了解防返贫政策？请回复“是”或“否”。')] },
      { input: { type: 'file', msgType: 'voice', mediaId: 'v1' }, status: 'waiting', state: { node: 'policy' }, replies: [text('请用文字回答。\n是否基本了解防返贫政策？请回复“是”或“否”。')] },
      { say: '知道一些', status: 'done', commands: [save(1, { method: 'wechat', riskFound: false, riskDetails: null, knowsPolicy: true })] },
    ]);
  });

  it('an account of hardship without 是/否 is confirmed, and 有 without details asks for them', async () => {
    await replay(generalScreeningFlow, setup(), [
      { say: '排查 李四 入户 了解政策', status: 'waiting', state: { node: 'pick' } },
      { say: '1', status: 'waiting', state: { node: 'risk' } },
      { say: '老伴前几天摔断了腿', status: 'waiting', state: { node: 'risk' }, replies: [text('您提到“老伴前几天摔断了腿”，近期是否发生返贫致贫风险？请回复“是”或“否”。')] },
      { say: '是的', status: 'done', commands: [save(2, { method: 'home_visit', riskFound: true, riskDetails: '老伴前几天摔断了腿', knowsPolicy: true })] },
    ]);
    await replay(generalScreeningFlow, setup(), [
      { say: '排查 张三 入户 有风险 了解', status: 'waiting', state: { node: 'riskDetail' }, replies: [text('请简要说明风险情况（如：户主住院，花费3万多）。')] },
      { say: '户主脑梗住院', status: 'done', commands: [save(1, { method: 'home_visit', riskFound: true, riskDetails: '户主脑梗住院', knowsPolicy: true })] },
    ]);
  });

  it('the policy said along with the answer to the risk question is taken, not asked again', async () => {
    await replay(generalScreeningFlow, setup(), [
      { say: '排查 张三 入户', status: 'waiting', state: { node: 'risk' } },
      { say: '没风险 政策也知道', status: 'done', commands: [save(1, { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true })] },
    ]);
    await replay(generalScreeningFlow, setup(), [
      { say: '排查 张三 电话', status: 'waiting', state: { node: 'risk' } },
      { say: '没有 政策不太清楚', status: 'done', commands: [save(1, { method: 'phone', riskFound: false, riskDetails: null, knowsPolicy: false })] },
    ]);
    // Anything else said with 没有 stays a remark, and the policy is still asked.
    await replay(generalScreeningFlow, setup(), [
      { say: '排查 张三 入户', status: 'waiting', state: { node: 'risk' } },
      { say: '没有 老人身体还行', status: 'waiting', state: { node: 'policy' } },
    ]);
  });

  it('an ambiguous name is asked back (head and member alike), and a key-group household gets the 附件2 hint', async () => {
    await replay(generalScreeningFlow, setup(), [
      {
        say: '排查 李四 入户 无风险 了解政策',
        status: 'waiting',
        state: { node: 'pick' },
        replies: [text('您的网格内有2户对得上“李四”：\n1. 李四户（凉水井村一组，2口人）\n2. 王大山户（成员李四）（凉水井村一组，5口人，电话139****1111）\n请回复序号。')],
      },
      { say: '第三个', status: 'waiting', state: { node: 'pick' }, replies: [text('请回复1到2之间的序号，如“1”；回复“取消”可退出。\n请回复序号选择是哪一户。')] },
      {
        say: '２',
        status: 'done',
        commands: [save(3, { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true })],
        replies: [text(expect.stringContaining('提示：该户是重点关注户（对象类型①④），还需排查小组按附件2排查。'))],
      },
    ]);
  });

  it('a household outside the grid is “not found in your grid” — nothing about it is told', async () => {
    await replay(generalScreeningFlow, setup(), [
      {
        say: '排查 赵六 入户 无风险 了解政策',
        status: 'waiting',
        state: { node: 'name' },
        replies: [text('在您的网格内没有找到“赵六”户。请核对姓名（户主或家庭成员的名字都可以）再发一次，或发送“取消”退出。\n请问登记哪一户？请回复户主姓名（家庭成员的名字也可以）。')],
      },
      { say: '张三', status: 'done', commands: [save(1, { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true })] },
    ]);
    // The village cadre's area holds 赵六.
    await replay(generalScreeningFlow, setup(world(), cadre), [{ say: '排查 赵六 入户 无风险 了解政策', status: 'done', commands: [save(4, { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true })] }]);
  });

  it('a correction within the day asks first, showing before → after; taking back a risk keeps the lead', async () => {
    const w = world();
    w.todays.set('1:general', { id: 9, riskFound: true, answers: { method: 'home_visit', riskFound: true, riskDetails: '儿子住院花了两万', knowsPolicy: true } });
    await replay(generalScreeningFlow, setup(w), [
      {
        say: '排查 张三 入户 无风险 了解政策',
        status: 'waiting',
        state: { node: 'confirm' },
        commands: [],
        replies: [text('请确认张三户的一般户排查（附件3）：\n张三户（凉水井村一组，4口人，电话138****5678）：入户；近期风险：否；了解政策：是\n   今天已登记过该户，将更正：近期风险：是（儿子住院花了两万） → 否\n回复“是”或“确认”保存；回复“取消”不保存（原记录不变）。')],
      },
      {
        say: '确认',
        status: 'done',
        commands: [save(1, { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true })],
        replies: [text(expect.stringMatching(/^已更正今天的一般户排查（附件3），原记录已留档：\n[\s\S]*\n注意：今天早些时候登记的风险已生成线索，改为“否”不会撤销线索，请在研判会上作“不纳入”处理并写明理由。\n/))],
      },
    ]);
    // The same report again, named through a member: still asked, and 否 leaves it as it was.
    await replay(generalScreeningFlow, setup(w), [
      { say: '张小军家入户了 没问题 政策都知道', status: 'waiting', state: { node: 'confirm' }, replies: [text(expect.stringContaining('将更正：近期风险：是（儿子住院花了两万） → 否'))] },
      { say: '不对', status: 'done', commands: [], replies: [text('好的，没有保存。需要时请重新发送。')] },
    ]);
    // Nothing changes: saved without asking.
    await replay(generalScreeningFlow, setup(w), [{ say: '排查 张三 入户 有风险 儿子住院花了两万 了解政策', status: 'done', commands: [save(1, { method: 'home_visit', riskFound: true, riskDetails: '儿子住院花了两万', knowsPolicy: true })] }]);
  });

  it('a risk on a household with an open lead is merged into it', async () => {
    const w = world();
    w.leads.push({ id: 3, householdId: 1, headName: '张三', discoveredOn: '2022-05-05', deadline: '2022-05-20', nextStep: 'home_visit', note: '医保预警', pending: ['home_visit', 'consent', 'data_comparison'] });
    await replay(generalScreeningFlow, setup(w), [
      { say: '排查 张三 入户 有风险 住院自付三万多 了解政策', status: 'done', replies: [text(expect.stringContaining('该户已有未办结的风险线索（5月5日（周四）发现，5月20日（周五）前完成认定），本次情况一并提交本村5月12日（周四）研判会。'))] },
    ]);
  });

  it('a new one-line report while a question waits starts over with it', async () => {
    await replay(generalScreeningFlow, setup(), [
      { say: '排查 张三', status: 'waiting', state: { node: 'method' } },
      { say: '排查 李四 入户 无风险 了解政策', status: 'waiting', state: { node: 'pick' } },
    ]);
  });

  it('two different methods in one line are asked again', async () => {
    await replay(generalScreeningFlow, setup(), [
      { say: '排查 张三 入户 电话 无风险 了解', status: 'waiting', state: { node: 'method' }, replies: [text('“排查方式”说了两种，请再确认一下。\n张三户的排查方式？请回复：1 入户、2 电话、3 微信、4 其他。')] },
      { say: '电话', status: 'done' },
    ]);
  });

  it('is refused to a farmer, a department and someone not on the roster', async () => {
    await replay(generalScreeningFlow, setup(world(), farmer), [
      { say: '排查 张三 入户', status: 'done', replies: [text('这是网格员、村干部和排查小组登记排查用的功能。您家如果遇到困难，可以直接说说情况，我们会转给村里的网格员。')], commands: [] },
      // A farmer's account of hardship is theirs to declare, never a staff command.
      { say: '我家排查出来有困难', status: 'not-matched' },
    ]);
    await replay(generalScreeningFlow, setup(world(), departmentUser), [
      { say: '排查 张三 入户 无风险 了解政策', status: 'done', commands: [], replies: [text('「一般户排查」由网格员、村干部、排查小组成员办理，您的角色（行业部门）不能办理。发送“帮助”查看您可以办的事。')] },
    ]);
    await replay(generalScreeningFlow, setup(world(), stranger), [{ say: '排查 张三', status: 'done', replies: [text(expect.stringContaining('还不在守望的人员名单中'))] }]);
  });

  it('answers that merely start with 排查 are not taken for the command', async () => {
    await replay(generalScreeningFlow, setup(), [{ say: '排查时发现老人生病', status: 'not-matched' }, { say: '排查进度', status: 'not-matched' }]);
  });
});

describe('一般户排查 through the router: cancel, resume, expiry, interruption', () => {
  it('取消 leaves it, another command puts it aside and 继续 brings it back, silence expires it', async () => {
    const s = setup();
    await converse(flows, s, [
      { say: '排查 张三', waiting: 'field/general-screening:method' },
      { say: '取消', replies: [text('已退出「一般户排查」。')], waiting: null },
      { say: '排查 张三 入户', waiting: 'field/general-screening:risk' },
      { say: '待办', waiting: 'field/general-screening:risk', replies: [text(expect.stringMatching(/^我的待办/)), text(expect.stringMatching(/^接着刚才的「一般户排查」：\n/))] },
      { say: '报问题', waiting: 'field/problem-report:category', suspended: 'field/general-screening:risk' },
      { say: '取消', waiting: null, suspended: 'field/general-screening:risk', replies: [text('已退出「报问题」。\n您之前的「一般户排查」还没办完，发送“继续”可接着办。')] },
      { say: '继续', waiting: 'field/general-screening:risk', replies: [text('好的，接着办「一般户排查」：'), text(expect.stringMatching(/^近期是否发生返贫致贫风险？/))] },
      { say: '没有', waiting: 'field/general-screening:policy' },
      { expire: true, after: 36 * HOUR, waiting: null, replies: [text('「一般户排查」已经36小时没有回复，已自动结束。需要时请重新开始。')] },
      { say: '排查 张三 入户 无风险 了解', after: 37 * HOUR, waiting: null, commands: [save(1, { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true })] },
    ]);
  });
});
