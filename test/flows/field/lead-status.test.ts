/**
 * Where one household's risk lead stands, asked in many ways: what was found, the 15-day clock,
 * the steps recorded and still to record with the words for the next one; a household without
 * an open lead, or outside the asker's area, is said so; a step told done is not this.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { replay } from '../../helpers/transcript.js';
import { fakeFieldData, gridWorker, departmentUser, MONDAY, townOfficial, world } from './world.js';
import { flows } from '../../../src/flows/registry.js';
import { leadStatusFlow } from '../../../src/flows/field/lead-status.js';
import type { CheckStep } from '../../../src/flows/field/data.js';

const text = (t: unknown) => ({ type: 'text', text: t });

function withLead(pending: CheckStep[] = ['home_visit', 'consent', 'data_comparison'], nextStep: FieldNext = 'home_visit') {
  const w = world();
  w.leads.push({ id: 7, householdId: 2, headName: '李四', discoveredOn: '2022-05-06', deadline: '2022-05-21', nextStep, note: '医保预警：住院自付2万', pending });
  return w;
}
type FieldNext = 'home_visit' | 'consent' | 'data_comparison' | 'village_review' | 'town_review';
const setup = (w = withLead(), actor = gridWorker) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });

describe('线索进展', () => {
  it.each(['李四家那个线索到哪一步了', '李四的线索咋处理', '李四的线索还有几天到期', '李四家线索核查了吗', '李四那个线索啥情况', '李四家的线索办到哪了？', '李四家那个事到哪一步了', '李四家那个预警 弄到哪了', '李四家的事办得咋样了', '李四家那个事 承诺书签了没', '李四家信息比对做完了吗', '李四家承诺书签了没', '李四家的事 镇上批了没', '李四家的线索是不是该研判了', '李四家那个事急不急'])('“%s” says where the lead stands, with the words for its next step', async (said) => {
    await converse(flows, setup(), [
      {
        say: said,
        waiting: null,
        commands: [],
        replies: [text('李四户风险线索（5月6日（周五）发现）：医保预警：住院自付2万\n15天时限：还剩12天（5月21日截止）。\n已登记：无。还要：入户核查、承诺授权、信息比对，办完一步发给我，如“李四家线索入户核查过了 情况属实”；之后提交本村5月12日（周四）研判会。')],
      },
    ]);
  });

  it('part way, all checks done, and past the 研判会', async () => {
    await converse(flows, setup(withLead(['consent', 'data_comparison'], 'consent')), [{ say: '李四家线索到哪一步了', replies: [text(expect.stringContaining('已登记：入户核查。还要：承诺授权、信息比对，办完一步发给我，如“李四家承诺书签了”'))] }]);
    await converse(flows, setup(withLead([], 'village_review')), [{ say: '李四家线索到哪一步了', replies: [text(expect.stringContaining('入户核查、承诺授权、信息比对都已登记，等本村5月12日（周四）研判会研判。'))] }]);
    await converse(flows, setup(withLead([], 'town_review')), [{ say: '李四家线索到哪一步了', replies: [text(expect.stringContaining('研判会已拟纳入，现在等镇街审核。'))] }]);
  });

  it('no open lead: said so, with how the last one ended; not in the area: said so', async () => {
    await replay(leadStatusFlow, setup(), [{ say: '张三家线索到哪一步了', status: 'done', commands: [], replies: [text('张三户目前没有在办的风险线索。')] }]);
    const ended = withLead();
    ended.leadEnds = new Map([[1, { decision: 'include', category: 'marginal', day: '2022-05-06' }], [3, { decision: 'exclude', reason: '务工收入稳定', day: '2022-05-05' }]]);
    await replay(leadStatusFlow, setup(ended), [{ say: '张三家线索到哪一步了', status: 'done', replies: [text('张三户目前没有在办的风险线索；上一条线索5月6日（周五）已认定纳入监测（边缘易致贫户）。')] }]);
    await replay(leadStatusFlow, setup(ended), [{ say: '王大山的线索咋处理', status: 'done', replies: [text('王大山户目前没有在办的风险线索；上一条线索5月5日（周四）不纳入（务工收入稳定）。')] }]);
    await converse(flows, setup(), [{ say: '赵六家线索到哪一步了', replies: [text('在您的网格内没有找到“赵六”户。请核对户主姓名再问。')] }]);
  });

  it.each(['李四那个线索还要做啥', '李四家线索还差哪一步', '李四家的申报到哪一步了'])('“%s” (what is left, the 申报 it came from) is asked the same way', async (said) => {
    await converse(flows, setup(), [{ say: said, waiting: null, replies: [text(expect.stringMatching(/^李四户风险线索（5月6日（周五）发现）/))] }]);
  });

  it.each(['凉水井村那个李四的申报怎么样了', '高家堡镇凉水井村李四家审核到哪了', '李四家认定了没'])('a town official asks about a household of the town (“%s”), the place said first or not', async (said) => {
    await converse(flows, setup(withLead([], 'town_review'), townOfficial), [{ say: said, waiting: null, commands: [], replies: [text(expect.stringMatching(/^李四户风险线索[\s\S]*研判会已拟纳入，现在等镇街审核。/))] }]);
  });

  it('a town official is told who records the steps, not asked to send them', async () => {
    await converse(flows, setup(withLead(['consent', 'data_comparison'], 'consent'), townOfficial), [{ say: '李四家的申报到哪一步了', replies: [text(expect.stringContaining('已登记：入户核查。还要：承诺授权、信息比对（由网格员或村里入户办理并登记）；之后提交本村5月12日（周四）研判会。'))] }]);
  });

  it('a step told done, a screening, or a question without a household is not this; a department user is refused', async () => {
    const env = { actor: gridWorker, now: MONDAY, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeFieldData(withLead(), gridWorker) } as never;
    for (const t of ['李四家线索入户核查过了 情况属实', '排查 李四 入户 无风险', '超期线索有几条', '李四家住院了 自付两万', '李四家入户 没啥事 政策知道', '那个事到哪一步了']) expect(leadStatusFlow.matches({ type: 'text', text: t }, env), t).toBe(false);
    await converse(flows, setup(withLead(), departmentUser), [{ say: '李四家线索到哪一步了', replies: [text(expect.stringContaining('「线索进展」由'))] }]);
  });

  describe('a step asked without naming the household', () => {
    /** Two open leads (李四, 张三): the one meant can only come from the conversation. */
    function twoLeads() {
      const w = withLead();
      w.leads.push({ id: 8, householdId: 1, headName: '张三', discoveredOn: '2022-05-08', deadline: '2022-05-23', nextStep: 'consent', note: '务工收入骤减', pending: ['consent', 'data_comparison'] });
      return w;
    }
    const LI_SI = /^李四户风险线索（5月6日（周五）发现）/;

    it.each(['信息比对的结果出来了吗', '承诺书签了没有', '还要做啥', '下一步做啥', '还有几天到期', '那个事到哪一步了', '进展咋样了'])('“%s” right after 李四’s lead was asked about is about 李四', async (said) => {
      await converse(flows, setup(twoLeads()), [
        { say: '李四家那个线索到哪一步了', replies: [text(expect.stringMatching(LI_SI))] },
        { say: said, after: 5 * 60_000, waiting: null, commands: [], replies: [text(expect.stringMatching(LI_SI))] },
      ]);
    });

    it.each(['承诺书签了没有', '信息比对的结果出来了吗', '还要做啥'])('“%s” right after a step of 李四’s lead was recorded is about 李四', async (said) => {
      await converse(flows, setup(twoLeads()), [
        { say: '李四家线索入户核查过了 情况属实', commands: [expect.objectContaining({ kind: 'field.lead.steps', leadId: 7 })] },
        { say: said, waiting: null, commands: [], replies: [text(expect.stringMatching(LI_SI))] },
      ]);
    });

    it('another household named next is that one; past half an hour, which household is asked', async () => {
      await converse(flows, setup(twoLeads()), [
        { say: '李四家那个线索到哪一步了', replies: [text(expect.stringMatching(LI_SI))] },
        { say: '张三家承诺书签了没', replies: [text(expect.stringMatching(/^张三户风险线索/))] },
        { say: '信息比对的结果出来了吗', replies: [text(expect.stringMatching(/^张三户风险线索/))] },
      ]);
      await converse(flows, setup(twoLeads()), [
        { say: '李四家那个线索到哪一步了', replies: [text(expect.stringMatching(LI_SI))] },
        { say: '承诺书签了没有', after: 31 * 60_000, replies: [text('您问的是哪一户的线索？在办的有：李四、张三。请带上户主姓名再问，如“李四家线索到哪一步了”。')] },
      ]);
    });

    it('with nothing talked about: the one open lead of the area, or which household is asked, or none said', async () => {
      await converse(flows, setup(), [{ say: '承诺书签了没有', waiting: null, replies: [text(expect.stringMatching(LI_SI))] }]);
      await converse(flows, setup(), [{ say: '线索到哪一步了', replies: [text(expect.stringMatching(LI_SI))] }]);
      await converse(flows, setup(twoLeads()), [{ say: '信息比对的结果出来了吗', replies: [text(expect.stringContaining('您问的是哪一户的线索？在办的有：李四、张三。'))] }]);
      await converse(flows, setup(world()), [{ say: '承诺书签了没有', replies: [text('您的网格内目前没有在办的风险线索。问某一户请带上户主姓名，如“张三家线索到哪一步了”。')] }]);
    });

    it('a question of another matter after a lead is not about it', async () => {
      await converse(flows, setup(twoLeads()), [
        { say: '李四家那个线索到哪一步了', replies: [text(expect.stringMatching(LI_SI))] },
        { say: '我们网格还有几户没排', replies: [text(expect.not.stringMatching(/风险线索（/))] },
        { say: '系统登不上 咋办', replies: [text(expect.not.stringMatching(/风险线索（/))] },
      ]);
    });
  });
});
