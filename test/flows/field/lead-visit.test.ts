/**
 * 入户核查 of a lead told done: the step recorded with what was found, the clock and what comes
 * next said; a household with no lead waiting for it is told why nothing was recorded; a screening
 * report, a question or a visit still to come are not this.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { replay } from '../../helpers/transcript.js';
import { fakeFieldData, gridWorker, cadre, departmentUser, MONDAY, world } from './world.js';
import { flows } from '../../../src/flows/registry.js';
import { leadVisitFlow } from '../../../src/flows/field/lead-visit.js';

const text = (t: unknown) => ({ type: 'text', text: t });

function withLeads() {
  const w = world();
  w.leads.push({ id: 7, householdId: 2, headName: '李四', discoveredOn: '2022-05-06', deadline: '2022-05-21', nextStep: 'home_visit', note: '医保预警：住院自付2万' });
  w.leads.push({ id: 9, householdId: 5, headName: '孙七', discoveredOn: '2022-04-20', deadline: '2022-05-05', nextStep: 'home_visit', note: '儿子受伤住院' });
  return w;
}
const setup = (actor = gridWorker, w = withLeads()) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });

describe('线索入户核查', () => {
  it.each([
    ['李四家那个线索 入户核查过了 确实住院自付两万多', '确实住院自付两万多'],
    ['李四的线索核实完了，情况属实', '情况属实'],
    ['李四家入户核查了', ''],
    ['李四家那个线索 入户核查过了 确实是住院了 没收入了', '确实是住院了 没收入了'],
  ])('“%s” records the lead’s 入户核查 with what was found', async (said, note) => {
    await converse(flows, setup(), [
      {
        say: said,
        waiting: null,
        commands: [{ kind: 'field.lead.visit', leadId: 7, note }],
        replies: [text(expect.stringMatching(new RegExp(`^已登记：李四户风险线索入户核查（5月9日（周一））${note ? `，核查情况：${note}` : ''}。\\n线索：医保预警：住院自付2万，还剩12天（5月21日（周六）截止）。\\n下一步：承诺授权、信息比对，提交本村5月12日（周四）研判会。$`)))],
      },
    ]);
  });

  it('an overdue lead says so', async () => {
    await converse(flows, setup(), [{ say: '孙七家线索入户核查过了 儿子确实受伤了', commands: [{ kind: 'field.lead.visit', leadId: 9, note: '儿子确实受伤了' }], replies: [text(expect.stringContaining('已超期4天（5月5日（周四）截止）'))] }]);
  });

  it('a household without a lead waiting for its visit: nothing recorded, the waiting ones listed', async () => {
    await converse(flows, setup(), [{ say: '张三家的线索入户核查过了', waiting: null, commands: [], replies: [text('没有找到说的是哪一户待入户核查的风险线索。待入户核查的线索：李四户、孙七户。\n入户排查一户请发送“排查 户主姓名 …”。')] }]);
  });

  it('a question, a visit still to come, or a screening report is not this', async () => {
    const env = { actor: gridWorker, now: MONDAY, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeFieldData(withLeads(), gridWorker) } as never;
    for (const t of ['李四家线索核查了吗', '明天去李四家入户核查', '李四家还没核查完', '李四家还没入户核查了', '明天去李四家核实了再说', '排查 李四 入户 无风险 了解政策', '李四家入户看了 没风险']) expect(leadVisitFlow.matches({ type: 'text', text: t }, env), t).toBe(false);
  });

  it('inside another errand only a visit that names the lead interrupts it', async () => {
    await converse(flows, setup(cadre), [
      { say: '报问题', waiting: 'field/problem-report:category' },
      { say: '入户核查完了', waiting: 'field/problem-report:category' },
    ]);
  });

  it('refused to a department user', async () => {
    await replay(leadVisitFlow, setup(departmentUser), [{ say: '李四家线索入户核查过了', status: 'done', commands: [], replies: [text(expect.stringContaining('「线索入户核查」由'))] }]);
  });
});
