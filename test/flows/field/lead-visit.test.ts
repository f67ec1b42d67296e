/**
 * 入户核查, 承诺授权 and 信息比对 of a lead told done: each step recorded in order with what was said
 * of it, the clock and what comes next said; nothing recorded out of order or twice; a household
 * with no lead waiting is told why nothing was recorded; a screening report, a question or a step
 * still to come are not this.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { replay } from '../../helpers/transcript.js';
import { fakeFieldData, gridWorker, cadre, departmentUser, MONDAY, world } from './world.js';
import { flows } from '../../../src/flows/registry.js';
import { leadVisitFlow } from '../../../src/flows/field/lead-visit.js';
import type { CheckStep, FieldLead } from '../../../src/flows/field/data.js';

const text = (t: unknown) => ({ type: 'text', text: t });

function withLeads() {
  const w = world();
  w.leads.push({ id: 7, householdId: 2, headName: '李四', discoveredOn: '2022-05-06', deadline: '2022-05-21', nextStep: 'home_visit', note: '医保预警：住院自付2万', pending: ['home_visit', 'consent', 'data_comparison'] });
  w.leads.push({ id: 9, householdId: 5, headName: '孙七', discoveredOn: '2022-04-20', deadline: '2022-05-05', nextStep: 'home_visit', note: '儿子受伤住院', pending: ['home_visit', 'consent', 'data_comparison'] });
  return w;
}
const setup = (actor = gridWorker, w = withLeads()) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });

const step = (s: CheckStep, note = '', skipped = false) => ({ step: s, note, skipped });

describe('线索核查登记', () => {
  it.each([
    ['李四家那个线索 入户核查过了 确实住院自付两万多', '确实住院自付两万多'],
    ['李四的线索核实完了，情况属实', '情况属实'],
    ['李四家入户核查了', ''],
    ['李四家入户核查 情况不属实 儿子有工作', '情况不属实 儿子有工作'],
    ['李四家核查完了没问题 不用纳入', '没问题 不用纳入'],
    ['李四家那个线索 入户核查过了 确实是住院了 没收入了', '确实是住院了 没收入了'],
  ])('“%s” records the lead’s 入户核查 with what was found', async (said, note) => {
    await converse(flows, setup(), [
      {
        say: said,
        waiting: null,
        commands: [{ kind: 'field.lead.steps', leadId: 7, steps: [step('home_visit', note)] }],
        replies: [text(expect.stringMatching(new RegExp(`^已登记：李四户风险线索入户核查${note ? `，核查情况：${note}` : ''}（5月9日（周一））。\\n线索：医保预警：住院自付2万，还剩12天（5月21日（周六）截止）。\\n下一步：承诺授权、信息比对，提交本村5月12日（周四）研判会。$`)))],
      },
    ]);
  });

  it.each([
    ['李四家入户核查过了 属实 承诺书也签了', [step('home_visit', '属实'), step('consent')]],
    ['李四家核实完了，情况属实，授权书让他儿子代签了，信息比对没问题', [step('home_visit', '情况属实'), step('consent', '由他儿子代签'), step('data_comparison', '没问题')]],
    ['李四家信息比对没问题', [step('data_comparison', '没问题')]],
    ['李四家入户核查过了 确实是受伤住院 承诺书也让他老婆代签了', [step('home_visit', '确实是受伤住院'), step('consent', '由他老婆代签')]],
    ['李四家上门核实了 属实，承诺书他儿子代签的', [step('home_visit', '属实'), step('consent', '由他儿子代签')]],
    ['李四家的线索 比对结果出来了 名下有一辆小轿车', [step('data_comparison', '名下有一辆小轿车')]],
    ['李四家今天去核实了，确实看病花了不少钱，他儿子帮签的承诺书', [step('home_visit', '确实看病花了不少钱'), step('consent', '由他儿子代签')]],
    ['李四家核查过了 属实 老伴替他签了承诺书 信息比对也没问题', [step('home_visit', '属实'), step('consent', '由老伴代签'), step('data_comparison', '没问题')]],
    ['李四家入户核实了，情况属实，让他女儿帮忙签了承诺书', [step('home_visit', '情况属实'), step('consent', '由他女儿代签')]],
    ['李四家信息比对不用做了 已经是低保户', [step('data_comparison', '已经是低保户', true)]],
    ['李四家入户核查过了 属实 承诺书签了 但授权书还没签', [step('home_visit', '属实 承诺书签了 但授权书还没签')]],
    ['李四家入户核查过了 属实 承诺书 授权书 都让他儿子签了', [step('home_visit', '属实'), step('consent')]],
    ['李四家入户核查过了 属实 授权书他老婆按的手印', [step('home_visit', '属实'), step('consent')]],
    ['李四家大数据比对 有一辆三轮车', [step('data_comparison', '有一辆三轮车')]],
  ] as Array<[string, ReturnType<typeof step>[]]>)('“%s” records each step said, in order, with what was said of it', async (said, steps) => {
    await converse(flows, setup(), [{ say: said, waiting: null, commands: [{ kind: 'field.lead.steps', leadId: 7, steps }], replies: [text(expect.stringMatching(/^已登记：李四户风险线索/))] }]);
  });

  it('承诺授权 before the visit is recorded: nothing out of order, the reply says what to send', async () => {
    await converse(flows, setup(), [
      {
        say: '李四家承诺书签了',
        waiting: null,
        commands: [],
        replies: [text(expect.stringContaining('承诺授权没有登记：李四户线索还没登记入户核查。请发送“李四家线索入户核查过了 核查情况 承诺书也签了”一并登记。'))],
      },
    ]);
    // 信息比对 runs alongside: recorded even before the visit, the consent still waits.
    await converse(flows, setup(), [{ say: '李四家承诺书签了 信息比对也没问题', commands: [{ kind: 'field.lead.steps', leadId: 7, steps: [step('data_comparison', '没问题')] }], replies: [text(expect.stringMatching(/^已登记：李四户风险线索信息比对，比对结果：没问题（5月9日（周一））。\n承诺授权没有登记/))] }]);
  });

  it('a step recorded already is said so and not recorded again; the last one says the 研判会 comes next', async () => {
    const w = withLeads();
    (w.leads[0] as FieldLead).pending = ['consent'];
    await converse(flows, setup(gridWorker, w), [
      {
        say: '李四家入户核查过了 承诺书签好了',
        commands: [{ kind: 'field.lead.steps', leadId: 7, steps: [step('consent')] }],
        replies: [text(expect.stringMatching(/^已登记：李四户风险线索承诺授权（5月9日（周一））。\n李四户线索的入户核查已登记过，不再重复登记。\n.*\n入户核查、承诺授权、信息比对都已登记，下一步：提交本村5月12日（周四）研判会。$/))],
      },
    ]);
  });

  it('an overdue lead says so', async () => {
    await converse(flows, setup(), [{ say: '孙七家线索入户核查过了 儿子确实受伤了', commands: [{ kind: 'field.lead.steps', leadId: 9, steps: [step('home_visit', '儿子确实受伤了')] }], replies: [text(expect.stringContaining('已超期4天（5月5日（周四）截止）'))] }]);
  });

  it('a household without a lead waiting for its checks: nothing recorded, the waiting ones listed with their steps', async () => {
    await converse(flows, setup(), [{ say: '张三家的线索入户核查过了', waiting: null, commands: [], replies: [text('没有找到说的是哪一户待核查的风险线索。待核查的线索：李四户（待入户核查、承诺授权、信息比对）、孙七户（待入户核查、承诺授权、信息比对）。\n入户排查一户请发送“排查 户主姓名 …”。')] }]);
  });

  it('a question, a step still to come, or a screening report is not this', async () => {
    const env = { actor: gridWorker, now: MONDAY, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeFieldData(withLeads(), gridWorker) } as never;
    for (const t of [
      '李四家线索核查了吗',
      '明天去李四家入户核查',
      '李四家还没核查完',
      '李四家还没入户核查了',
      '明天去李四家核实了再说',
      '排查 李四 入户 无风险 了解政策',
      '李四家入户看了 没风险',
      '李四家承诺书签了吗',
      '李四家还没签承诺书',
      '李四家承诺书还没签',
      '李四家授权书他不愿意签',
      '李四家等信息比对',
      '李四家信息比对了吗',
      '信息比对要多久',
      '李四家准备做信息比对',
      '李四家那个事 承诺书签了没',
      '李四家核查了没有',
      '李四家承诺书签了 但授权书还没签',
      '李四家比对结果还没出来',
      '李四家没入户 电话核实了 确实住院',
    ])
      expect(leadVisitFlow.matches({ type: 'text', text: t }, env), t).toBe(false);
  });

  it('inside another errand only a step that names the lead interrupts it', async () => {
    await converse(flows, setup(cadre), [
      { say: '报问题', waiting: 'field/problem-report:category' },
      { say: '入户核查完了', waiting: 'field/problem-report:category' },
    ]);
  });

  it('refused to a department user', async () => {
    await replay(leadVisitFlow, setup(departmentUser), [{ say: '李四家线索入户核查过了', status: 'done', commands: [], replies: [text(expect.stringContaining('「线索核查登记」由'))] }]);
  });
});
