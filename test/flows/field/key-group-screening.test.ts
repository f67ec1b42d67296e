import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { converse } from '../../helpers/converse.js';
import { cadre, departmentUser, fakeFieldData, farmer, gridWorker, MONDAY, teamMember, townOfficial, world } from './world.js';
import { keyGroupScreeningFlow } from '../../../src/flows/field/key-group-screening.js';
import { flows } from '../../../src/flows/registry.js';

const text = (t: string) => ({ type: 'text', text: t });
const setup = (w = world(), actor = teamMember) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });
const family = {
  income: '务工收入一年3万多', annualIncomeYuan: 30000, schooling: '无', schoolingCostYuan: null,
  illness: '老伴慢性病，一年药费5千', illnessCostYuan: 5000, disaster: '冰雹砸了玉米，损失两千块', disasterLossYuan: 2000,
};

describe('重点户排查 transcripts', () => {
  it('对象类型② names the campaign’s income year and line, not the seed’s 2021 and 6700', async () => {
    const w = world();
    w.keyGroupBasis = { incomeYear: 2022, line: 7100 };
    await replay(keyGroupScreeningFlow, setup(w), [
      { say: '重点户排查 王大山', status: 'waiting', state: { node: 'groups' }, replies: [text(expect.stringContaining('\n2. 2022年家庭人均纯收入低于7100元和明显减少户\n'))] },
      { say: '都不是', status: 'waiting', state: { node: 'groups' }, replies: [text(expect.stringContaining('\n2. 2022年家庭人均纯收入低于7100元和明显减少户\n'))] },
    ]);
    w.keyGroupBasis = null;
    await replay(keyGroupScreeningFlow, setup(w), [
      { say: '重点户排查 王大山', status: 'waiting', replies: [text(expect.not.stringMatching(/\d{4}年家庭人均纯收入|6700/))] },
    ]);
  });

  it('shows the groups the register’s data implies as 推定, beside the registered ones; “对” keeps the registered ones only', async () => {
    const w = world();
    w.derived = { 3: [{ group: 'kg6_many_children', reason: '2人在读高中、中职或大学' }] };
    await replay(keyGroupScreeningFlow, setup(w), [
      { say: '重点户排查 王大山', status: 'waiting', state: { node: 'groups' }, replies: [text(expect.stringContaining('登记的重点类型：①④；与登记一致请回复“对”。\n按登记数据推定（未登记，请核实后自行选择）：⑥2人在读高中、中职或大学。\n对象类型？'))] },
      { say: '对', status: 'waiting', state: { node: 'income', data: { groups: ['kg1_alleviated', 'kg4_dibao'] } } },
    ]);
  });

  it('is door to door: a screening said to be made by phone or WeChat is not saved', async () => {
    for (const say of ['重点户排查 王大山 电话排查', '重点户排查 王大山 微信问过了']) {
      await replay(keyGroupScreeningFlow, setup(), [
        { say, status: 'done', commands: [], replies: [text(expect.stringMatching(/^重点户须逐户入户排查，电话、微信不能代替，本次没有登记。/))] },
      ]);
    }
  });

  it('records 对象类型 (一三五 style), 家庭情况 with amounts, and the risk; the verdict waits for the 研判会', async () => {
    await replay(keyGroupScreeningFlow, setup(), [
      { say: '重点户排查 王大山', status: 'waiting', state: { node: 'groups' }, replies: [text(expect.stringMatching(/^王大山户（凉水井村一组，5口人，电话139\*\*\*\*1111）\n登记的重点类型：①④；与登记一致请回复“对”。\n对象类型？请回复编号，可多选（如“1、4”或“一四”）：\n1\. 脱贫户\n2\. 2021年家庭人均纯收入低于6700元和明显减少户\n[\s\S]*\n10\. 因病因灾因意外事故等刚性支出较大或收入大幅缩减导致基本生活出现严重困难的农户$/))] },
      { say: '一四十', status: 'waiting', state: { node: 'groups' }, replies: [text(expect.stringMatching(/^“一四十”分不清是一个数还是几个选项/))] },
      { say: '1、3、12', status: 'waiting', state: { node: 'groups' }, replies: [text(expect.stringMatching(/^选项只有1–10，“12”不在其中，请重新选择\n王大山户/))] },
      { say: '都不是', status: 'waiting', state: { node: 'groups' }, replies: [text(expect.stringMatching(/^对象类型至少选一项；不属于十类人群的户，请发送“排查 姓名”按一般户登记。\n/))] },
      { say: '一四十', status: 'waiting', state: { node: 'groups' } },
      { say: '１、４、１０', status: 'waiting', state: { node: 'income', data: { groups: ['kg1_alleviated', 'kg4_dibao', 'kg10_rigid_spending'] } }, replies: [text('家庭收入情况？请说明收入来源和大概金额（如“务工收入一年3万多”）。')] },
      { say: '没有', status: 'waiting', state: { node: 'income' }, replies: [text('家庭收入情况必须记录；确实没有收入请写明靠什么生活，如“无收入，靠低保生活”。\n家庭收入情况？请说明收入来源和大概金额（如“务工收入一年3万多”）。')] },
      { say: '务工收入一年3万多', status: 'waiting', state: { node: 'schooling' } },
      { say: '无', status: 'waiting', state: { node: 'illness' } },
      { say: '老伴慢性病，一年药费5千', status: 'waiting', state: { node: 'disaster' } },
      { say: '冰雹砸了玉米，损失两千块', status: 'waiting', state: { node: 'risk' } },
      { say: '有，老伴药费负担重', status: 'done', commands: [{ kind: 'field.screening.save', form: 'key_group', campaign: '2022', householdId: 3, remark: '', answers: { groups: ['kg1_alleviated', 'kg4_dibao', 'kg10_rigid_spending'], family, verdict: null, riskFound: true, riskDetails: '老伴药费负担重' } }],
        replies: [text('已登记重点户排查（附件2）：\n户主：王大山户（凉水井村一组，5口人，电话139****1111）\n对象类型：1、4、10（①④⑩）\n家庭收入：务工收入一年3万多（约30000元）\n子女上学：无\n患病情况：老伴慢性病，一年药费5千（约5000元）\n灾害损失：冰雹砸了玉米，损失两千块（约2000元）\n是否发现风险：是（老伴药费负担重）\n会议研判结论：待本村5月12日（周四）研判会研判。\n如需更正：今天内重新发送“重点户排查 王大山”，新记录会覆盖本条，原记录留档。')] },
    ]);
  });

  it('an amount said only by its magnitude (好几万) is kept in the words, with no figure beside it', async () => {
    await replay(keyGroupScreeningFlow, setup(), [
      { say: '重点户排查 张三', status: 'waiting', state: { node: 'groups' } },
      { say: '1', status: 'waiting', state: { node: 'income' } },
      { say: '种地，一年1万2', status: 'waiting' },
      { say: '无', status: 'waiting' },
      { say: '老汉住院花了好几万', status: 'waiting' },
      { say: '无', status: 'waiting', state: { node: 'risk' } },
      { say: '没风险', status: 'done', replies: [text(expect.stringMatching(/\n患病情况：老汉住院花了好几万\n灾害损失：无\n/))] },
    ]);
  });

  it('“对” confirms the registered groups; a bare number is a choice, not a yes; a correction says so', async () => {
    const w = world();
    w.todays.set('3:key_group', { id: 4, riskFound: false });
    await replay(keyGroupScreeningFlow, setup(w), [
      { say: '重点户排查 李四', status: 'waiting', state: { node: 'pick' } },
      { say: '2', status: 'waiting', state: { node: 'groups' } },
      { say: '对', status: 'waiting', state: { node: 'income', data: { groups: ['kg1_alleviated', 'kg4_dibao'] } } },
      { say: '低保加种地，一年1万2', status: 'waiting' },
      { say: '孙子上高中，一年学费住宿费8000', status: 'waiting' },
      { say: '没有', status: 'waiting' },
      { say: '无', status: 'waiting', state: { node: 'risk' } },
      { say: '没发现', status: 'done', replies: [text(expect.stringMatching(/^已更正今天的重点户排查（附件2），原记录已留档：\n[\s\S]*对象类型：1、4（①④）\n家庭收入：低保加种地，一年1万2（约12000元）\n子女上学：孙子上高中，一年学费住宿费8000（约8000元）\n患病情况：无\n灾害损失：无\n是否发现风险：否\n/))] },
    ]);
    await replay(keyGroupScreeningFlow, setup(), [
      { say: '重点户排查 张三', status: 'waiting', state: { node: 'groups' } },
      { say: '1', status: 'waiting', state: { node: 'income', data: { groups: ['kg1_alleviated'] } } },
    ]);
    await replay(keyGroupScreeningFlow, setup(), [
      { say: '重点户排查 张三', status: 'waiting', state: { node: 'groups' } },
      { say: '选一三五', status: 'waiting', state: { node: 'income', data: { groups: ['kg1_alleviated', 'kg3_extreme_poverty', 'kg5_disability'] } } },
    ]);
  });

  it('a town official of the screening team may screen anywhere in the town; a grid worker, a farmer or a department may not', async () => {
    await replay(keyGroupScreeningFlow, setup(world(), townOfficial), [{ say: '重点户排查 赵六', status: 'waiting', state: { node: 'groups', data: { household: { id: 4 } } } }]);
    await replay(keyGroupScreeningFlow, setup(world(), gridWorker), [{ say: '重点户排查 王大山', status: 'done', commands: [], replies: [text('「重点户排查」由排查小组成员、镇街干部办理，您的角色（网格员）不能办理。发送“帮助”查看您可以办的事。')] }]);
    await replay(keyGroupScreeningFlow, setup(world(), cadre), [{ say: '重点户排查', status: 'done', commands: [] }]);
    await replay(keyGroupScreeningFlow, setup(world(), departmentUser), [{ say: '重点户排查 王大山', status: 'done', commands: [], replies: [text(expect.stringContaining('您的角色（行业部门）不能办理'))] }]);
    await replay(keyGroupScreeningFlow, setup(world(), farmer), [{ say: '重点户排查 王大山', status: 'done', commands: [], replies: [text(expect.stringMatching(/^这是网格员、村干部和排查小组登记排查用的功能/))] }]);
  });

  it('names are resolved only in the team’s own village', async () => {
    await replay(keyGroupScreeningFlow, setup(), [
      { say: '重点户排查 钱八', status: 'waiting', state: { node: 'name' }, replies: [text('在您的村内没有找到“钱八”户。请核对姓名（户主或家庭成员的名字都可以）再发一次，或发送“取消”退出。\n请问排查哪一户？请回复户主姓名（家庭成员的名字也可以）。')] },
    ]);
  });
});

describe('重点户排查 through the router', () => {
  it('cancel, resume after an interruption, and expiry', async () => {
    await converse(flows, setup(), [
      { say: '重点户排查 王大山', waiting: 'field/key-group-screening:groups' },
      { say: '1、4', waiting: 'field/key-group-screening:income' },
      { say: '回头看', waiting: 'field/key-group-screening:income', replies: [text('您的村内没有已消除风险的监测对象，无需回头看。'), text(expect.stringMatching(/^接着刚才的「重点户排查」：\n/))] },
      { say: '继续', waiting: 'field/key-group-screening:income', replies: [text('您正在「重点户排查」中：'), text('家庭收入情况？请说明收入来源和大概金额（如“务工收入一年3万多”）。')] },
      { expire: true, waiting: null, replies: [text('「重点户排查」已经36小时没有回复，已自动结束。需要时请重新开始。')] },
      { say: '继续', replies: [text('没有可以继续的事项。发送“帮助”查看可以办的事。')] },
      { say: '重点户排查 王大山', waiting: 'field/key-group-screening:groups' },
      { say: '取消', waiting: null, replies: [text('已退出「重点户排查」。')] },
    ]);
  });
});

describe('重点户排查: nothing recorded today is replaced unseen', () => {
  it('taking back a risk found earlier today is shown before → after and saved only on 是', async () => {
    const w = world();
    w.todays.set('1:key_group', { id: 7, riskFound: true, answers: { groups: ['kg1_alleviated'], riskFound: true, riskDetails: '老伴住院自付2万' } });
    const turns = [
      { say: '重点户排查 张三', status: 'waiting' as const, state: { node: 'groups' } },
      { say: '1', status: 'waiting' as const },
      { say: '种地一年八千', status: 'waiting' as const },
      { say: '无', status: 'waiting' as const },
      { say: '无', status: 'waiting' as const },
      { say: '无', status: 'waiting' as const, state: { node: 'risk' } },
      { say: '没风险', status: 'waiting' as const, state: { node: 'confirm' }, commands: [], replies: [{ type: 'text', text: '今天已登记过张三户的重点户排查，本次将更正：\n是否发现风险：是（老伴住院自付2万） → 否\n回复“是”或“确认”更正；回复“取消”不保存（原记录不变）。' }] },
    ];
    await replay(keyGroupScreeningFlow, setup(w), [...turns, { say: '确认', status: 'done', commands: [expect.objectContaining({ householdId: 1, answers: expect.objectContaining({ riskFound: false }) })] }]);
    await replay(keyGroupScreeningFlow, setup(w), [...turns, { say: '不对', status: 'done', commands: [], replies: [{ type: 'text', text: '好的，没有保存，今天的原记录不变。' }] }]);
  });

  it('an answer that does not fit says what is expected and how to leave', async () => {
    await replay(keyGroupScreeningFlow, setup(), [
      { say: '重点户排查', status: 'waiting', state: { node: 'name' } },
      { say: '3万', status: 'waiting', state: { node: 'name' }, replies: [{ type: 'text', text: expect.stringMatching(/^没看到姓名。请回复户主或家庭成员的姓名，如“王大山”；回复“取消”可退出。/) }] },
      // A name typed wrong: the area's sound-alike is offered.
      { say: '王大善', status: 'waiting', state: { node: 'name' }, replies: [{ type: 'text', text: expect.stringMatching(/^在您的村内没有找到“王大善”户。您说的是王大山吗？请回复正确的姓名，或发送“取消”退出。/) }] },
      { say: '王大山', status: 'waiting', state: { node: 'groups' } },
    ]);
  });
});
