import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { cityApprovalFlow } from '../../../src/flows/casework/city-approval.js';
import { cityBureau, fakeCasework, leadItem, MAY_17, townOfficial, withdrawalItem } from './fake.js';

const text = (t: unknown) => ({ type: 'text', text: t });
const DAY = 86_400_000;

describe('市级审批与公告 transcripts', () => {
  it('a 一般农户 may be 边缘易致贫户 or 突发严重困难户; the epidemic question; 清退 approved', async () => {
    await replay(cityApprovalFlow, { actor: cityBureau, now: MAY_17, data: fakeCasework({ city: [leadItem(), withdrawalItem] }) }, [
      { say: '市级审批', status: 'waiting', replies: [text('待市级审批2件，下面逐户审批。'), expect.anything(), expect.objectContaining({ card: expect.objectContaining({ buttons: [{ key: 'marginal', text: '边缘易致贫户', style: 1 }, { key: 'sudden_hardship', text: '突发严重困难户', style: 2 }, { key: 'refuse', text: '不予纳入', style: 2 }] }) })] },
      { input: { type: 'card', taskId: 'fq1', eventKey: 'sudden_hardship' }, status: 'waiting', state: { node: 'epidemic', data: { category: 'sudden_hardship' } } },
      {
        say: '是', status: 'waiting', state: { node: 'decide', data: { i: 1 } },
        commands: [{ kind: 'casework.lead.city_decide', leadId: 3, include: true, category: 'sudden_hardship', epidemic: true, reason: '' }],
        sends: ['liucun', 'zhaozhen'].map((id) => ({ to: { channel: 'app', id }, reply: text('张三户（凉水井村，4口人）经市级审批纳入监测对象：突发严重困难户（因疫情纳入），已公告并录入系统；线索按时办结（5月24日（周二）前）。请落实帮扶措施。') })),
      },
      { say: '批准清退', status: 'done', commands: [{ kind: 'casework.request.decide', requestId: 8, level: 'city', approve: true, reason: '' }] },
    ]);
  });

  it('不予纳入 needs its reason; a decision after the deadline says the lead closed late', async () => {
    await replay(cityApprovalFlow, { actor: cityBureau, now: MAY_17 + 8 * DAY, data: fakeCasework({ city: [leadItem()] }) }, [
      { say: '待审批', status: 'waiting' },
      { say: '不予纳入', status: 'waiting', state: { node: 'reason' } },
      {
        say: '家庭有经营性车辆，信息比对不符', status: 'done',
        commands: [{ kind: 'casework.lead.city_decide', leadId: 3, include: false, category: null, epidemic: false, reason: '家庭有经营性车辆，信息比对不符' }],
        replies: [text('已记录：张三户（凉水井村，4口人）经市级审批不予纳入，理由：家庭有经营性车辆，信息比对不符；线索超期办结（应于5月24日（周二）前完成）。'), text('市级审批完毕：批准0件，不予批准1件。')],
      },
    ]);
  });

  it('a 脱贫户 is offered 脱贫不稳定户; refused to a town official', async () => {
    await replay(cityApprovalFlow, { actor: cityBureau, now: MAY_17, data: fakeCasework({ city: [leadItem({ householdType: 'alleviated' })] }) }, [
      { say: '市级审批', status: 'waiting', replies: [expect.anything(), expect.anything(), expect.objectContaining({ card: expect.objectContaining({ buttons: [expect.objectContaining({ key: 'unstable_alleviated' }), expect.objectContaining({ key: 'sudden_hardship' }), expect.objectContaining({ key: 'refuse' })] }) })] },
    ]);
    await replay(cityApprovalFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework({ city: [leadItem()] }) }, [{ say: '市级审批', status: 'done', replies: [text(expect.stringContaining('由市乡村振兴局办理'))] }]);
  });

  it('a category said short (“边缘户”, “突发严重困难”) is that category; 不行 is 不予纳入, its reason asked', async () => {
    for (const said of ['边缘户', '突发严重困难']) {
      await replay(cityApprovalFlow, { actor: cityBureau, now: MAY_17, data: fakeCasework({ city: [leadItem(), withdrawalItem] }) }, [
        { say: '市级审批', status: 'waiting' },
        { say: said, status: 'waiting', state: { node: 'epidemic', data: { category: said === '边缘户' ? 'marginal' : 'sudden_hardship' } }, commands: [] },
      ]);
    }
    await replay(cityApprovalFlow, { actor: cityBureau, now: MAY_17, data: fakeCasework({ city: [leadItem(), withdrawalItem] }) }, [
      { say: '市级审批', status: 'waiting' },
      { say: '不行', status: 'waiting', state: { node: 'reason' }, commands: [] },
    ]);
  });
});

