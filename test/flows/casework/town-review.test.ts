import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { townReviewFlow } from '../../../src/flows/casework/town-review.js';
import { cadre, fakeCasework, leadItem, MAY_17, townOfficial, withdrawalItem } from './fake.js';

const text = (t: unknown) => ({ type: 'text', text: t });

describe('镇街审核 transcripts', () => {
  it('one card per household: 同意 by button, 退回 with a reason asked for; the village, the town and (when next) the city are told', async () => {
    await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework({ town: [leadItem(), withdrawalItem] }) }, [
      {
        say: '镇街审核', status: 'waiting', state: { node: 'decide', data: { i: 0, taskId: 'fq1' } },
        replies: [
          text('待镇街审核2件，下面逐户审核。'),
          text('张三户（凉水井村，4口人）：新增监测对象认定（1/2）\n· 线索：儿子住院花了两万\n· 发现：5月9日（周一），5月24日（周二）前完成认定\n· 公示：到5月16日（周一），期满无异议'),
          expect.objectContaining({ type: 'card', card: expect.objectContaining({ title: '镇街审核 张三户（1/2）', buttons: [{ key: 'approve', text: '同意', style: 1 }, { key: 'return', text: '退回', style: 2 }] }) }),
        ],
      },
      {
        input: { type: 'card', taskId: 'fq1', eventKey: 'approve' }, status: 'waiting', state: { data: { i: 1, taskId: 'fq2' } },
        commands: [{ kind: 'casework.lead.town_review', leadId: 3, approve: true, reason: '' }],
        sends: [
          { to: { channel: 'app', id: 'liucun' }, reply: text('张三户（凉水井村，4口人）的新增监测对象认定已经镇街审核同意（赵镇）。已报市乡村振兴局审批。') },
          // The city bureau gets the 市级审批 card; its button opens the city's queue.
          { to: { channel: 'app', id: 'chenjing' }, reply: { type: 'card', card: expect.objectContaining({ title: '市级审批：待审批1件', lines: [{ key: '张三户', value: '凉水井村，新增监测对象认定' }], buttons: [{ key: 'casework:city_approval', text: '开始审批', style: 1 }] }), fallback: expect.stringContaining('请发送“市级审批”逐户办理。') } },
        ],
      },
      { say: '退回', status: 'waiting', state: { node: 'reason' }, replies: [text('退回王大山户的理由？（必填，会转告村里）')] },
      {
        say: '申请书没有村委会盖章', status: 'done',
        commands: [{ kind: 'casework.request.decide', requestId: 8, level: 'town', approve: false, reason: '申请书没有村委会盖章' }],
        replies: [text('已退回：王大山户清退（优亲厚友/虚报）（理由：申请书没有村委会盖章）。'), text('镇街审核完毕：同意1件，退回1件。')],
        sends: [{ to: { channel: 'app', id: 'liucun' }, reply: text('王大山户（凉水井村，3口人）的清退（优亲厚友/虚报）被镇街退回（赵镇），理由：申请书没有村委会盖章。请村里核实后重新办理。') }],
      },
    ]);
  });

  it('a household named with its decision (“王大山户审核通过”, “镇街审核 张三 退回 …”) is taken first and decided; one not waiting is said so', async () => {
    await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework({ town: [leadItem(), withdrawalItem] }) }, [
      {
        say: '凉水井村王大山那户审核通过了', status: 'waiting',
        commands: [{ kind: 'casework.request.decide', requestId: 8, level: 'town', approve: true, reason: '' }],
        replies: [text('待镇街审核2件，先审王大山户。'), text(expect.stringMatching(/^已同意：王大山户清退/)), text(expect.stringMatching(/^张三户（凉水井村，4口人）/)), expect.objectContaining({ type: 'card' })],
      },
    ]);
    await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework({ town: [leadItem(), withdrawalItem] }) }, [
      { say: '镇街审核 王大山 退回', status: 'waiting', state: { node: 'reason' }, replies: [text('待镇街审核2件，先审王大山户。'), text('退回王大山户的理由？（必填，会转告村里）')] },
    ]);
    await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework({ town: [leadItem(), withdrawalItem] }) }, [
      { say: '赵六家审核通过', status: 'waiting', commands: [], replies: [text('赵六户不在待镇街审核的名单上。待镇街审核2件，下面逐户审核。'), expect.anything(), expect.anything()] },
    ]);
    await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework() }, [{ say: '赵六家审核通过', status: 'done', replies: [text('赵六户不在待镇街审核的名单上。目前没有待镇街审核的事项（公示期未满的会在期满后出现）。')] }]);
  });

  it('a return said by the town official with the household first (“王大山家退回 材料不全”) is that decision, with its reason; said by a village cadre it opens no queue', async () => {
    await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework({ town: [leadItem(), withdrawalItem] }) }, [
      {
        say: '王大山家退回 材料不全 承诺书没签', status: 'waiting',
        commands: [expect.objectContaining({ kind: 'casework.request.decide', requestId: 8, level: 'town', approve: false, reason: '材料不全 承诺书没签' })],
      },
    ]);
    const env = { actor: cadre, now: MAY_17, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeCasework() } as never;
    expect(townReviewFlow.matches({ type: 'text', text: '王大山家退回 材料不全' }, env)).toBe(false);
  });

  it.each([
    ['同意王大山户', true, ''],
    ['王大山那户不同意 他家条件够了', false, '他家条件够了'],
    ['王大山家审核不通过 收入超了', false, '收入超了'],
    ['镇里审核 王大山 通过', true, ''],
    ['审核 王大山 同意', true, ''],
  ])('the decision said as the town official says it (“%s”) is that decision, with its reason', async (said, approve, reason) => {
    await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework({ town: [leadItem(), withdrawalItem] }) }, [
      { say: said, status: 'waiting', commands: [expect.objectContaining({ kind: 'casework.request.decide', requestId: 8, approve, reason })] },
    ]);
  });

  it.each([
    ['没问题 同意', { approve: true, reason: '' }],
    ['不批准 收入超了', { approve: false, reason: '收入超了' }],
    ['退回去重新核实', { approve: false, reason: '重新核实' }],
  ])('the card answered in words (“%s”)', async (said, decision) => {
    await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework({ town: [leadItem(), withdrawalItem] }) }, [
      { say: '镇街审核', status: 'waiting' },
      { say: said, status: 'waiting', commands: [{ kind: 'casework.lead.town_review', leadId: 3, ...decision }] },
    ]);
  });

  it('不通过 or 不行 退回 is a return whose reason is asked (not 通过, and 退回 is no reason)', async () => {
    for (const said of ['不通过', '不行 退回']) {
      await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework({ town: [leadItem(), withdrawalItem] }) }, [
        { say: '镇街审核', status: 'waiting' },
        { say: said, status: 'waiting', state: { node: 'reason' }, commands: [] },
      ]);
    }
  });

  it('a question about a decision, or the household agreeing to something, is no decision', () => {
    const env = { actor: townOfficial, now: MAY_17, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeCasework({ town: [leadItem()] }) } as never;
    for (const t of ['张三家同意了吗', '张三家通过了没', '张三家同意签承诺书了']) expect(townReviewFlow.matches({ type: 'text', text: t }, env), t).toBe(false);
  });

  it('a lead without its 信息比对 cannot be approved (it runs alongside, but must be done before 镇街审核)', async () => {
    await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework({ town: [leadItem({ missing: ['data_comparison'] })] }) }, [
      { say: '镇街审核', status: 'waiting' },
      {
        say: '同意', status: 'done', commands: [],
        replies: [text('张三户还没有登记信息比对，镇街审核前须完成。已提醒村里补登，这户稍后再审。'), text('镇街审核完毕：同意0件，退回0件，待补信息比对1件。')],
        sends: [{ to: { channel: 'app', id: 'liucun' }, reply: text('张三户（凉水井村，4口人）待镇街审核，但还没有登记信息比对，请尽快补登。') }],
      },
    ]);
  });

  it('asked in people’s words what waits for review (or approval), the queue opens; a question about one decision does not', async () => {
    const { flows } = await import('../../../src/flows/registry.js');
    const { cityApprovalFlow } = await import('../../../src/flows/casework/city-approval.js');
    const env = { actor: townOfficial, now: MAY_17, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeCasework() } as never;
    const first = (t: string) => flows.find((f) => f.matches({ type: 'text', text: t }, env))?.name ?? null;
    for (const t of ['有几户等着镇里审核的', '等着审核的有哪些户', '待镇街审核的有几件', '审核清单发我看看', '需要我们审核的有几户', '镇里要审核的户', '凉水井村报上来的那几户我审一下']) expect(first(t), t).toBe(townReviewFlow.name);
    for (const t of ['市里等着审批的有几户', '要审批的有哪些', '审批待办', '有啥要市里批的没']) expect(first(t), t).toBe(cityApprovalFlow.name);
    for (const t of ['张三家审核通过了吗', '高家堡镇进度', '张三家审核通过没有', '我审一下附件1', '张三家低保批了没']) expect(first(t), t).not.toBe(townReviewFlow.name);
    for (const t of ['张三家审核通过', '凉水井村张三那户镇里审核同意了']) expect(first(t), t).toBe(townReviewFlow.name);
    for (const t of ['张三家市里审批同意了', '张三户审批通过']) expect(first(t), t).toBe(cityApprovalFlow.name);
  });

  it('the queue named first, then asked how much waits (“市级审批还有几户没批”): the queue opens; a question about a household does not', async () => {
    const { flows } = await import('../../../src/flows/registry.js');
    const { cityApprovalFlow } = await import('../../../src/flows/casework/city-approval.js');
    const env = { actor: townOfficial, now: MAY_17, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeCasework() } as never;
    const first = (t: string) => flows.find((f) => f.matches({ type: 'text', text: t }, env))?.name ?? null;
    for (const t of ['镇街审核有几件', '审核的还有多少', '镇上审核还剩几户没审']) expect(first(t), t).toBe(townReviewFlow.name);
    for (const t of ['市级审批还有几户没批', '审批现在有多少', '市里审批还有几个']) expect(first(t), t).toBe(cityApprovalFlow.name);
    for (const t of ['审核张三家', '市级审批通过了吗', '凉水井村还有几户没排查']) {
      expect(first(t), t).not.toBe(townReviewFlow.name);
      expect(first(t), t).not.toBe(cityApprovalFlow.name);
    }
  });

  it('a second question joined to the queue’s (“…审核 顺便看下超期的”) is answered after it; one nobody answers at once is left', async () => {
    const { ACTORS, fakeData, T0 } = await import('../official/fixtures.js');
    const data = { ...fakeData(ACTORS.town), ...fakeCasework() };
    const r = await townReviewFlow.start({ type: 'text', text: '有几户等着镇上审核 顺便看下超期的' }, { actor: ACTORS.town, now: T0, tz: 'Asia/Shanghai', newId: () => 'x', data } as never);
    const said = r.effects.flatMap((e) => (e.type !== 'reply' ? [] : e.reply.type === 'text' ? [e.reply.text] : e.reply.type === 'markdown' ? [e.reply.fallback] : []));
    expect(said[0]).toBe('目前没有待镇街审核的事项（公示期未满的会在期满后出现）。');
    expect(said[1]).toMatch(/^高家堡镇超期风险线索/);
    const alone = await townReviewFlow.start({ type: 'text', text: '有几户等着镇上审核 还有啥' }, { actor: ACTORS.town, now: T0, tz: 'Asia/Shanghai', newId: () => 'x', data } as never);
    expect(alone.effects).toHaveLength(1);
  });

  it('nothing waiting; refused to a village cadre', async () => {
    await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data: fakeCasework() }, [{ say: '待审核', status: 'done', replies: [text('目前没有待镇街审核的事项（公示期未满的会在期满后出现）。')] }]);
    await replay(townReviewFlow, { actor: cadre, now: MAY_17, data: fakeCasework({ town: [leadItem()] }) }, [{ say: '镇街审核', status: 'done', commands: [], replies: [text(expect.stringContaining('「镇街审核」由镇街干部办理'))] }]);
  });
});
