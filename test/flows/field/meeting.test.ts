import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { converse } from '../../helpers/converse.js';
import { cadre, departmentUser, fakeFieldData, farmer, gridWorker, HOUR, MONDAY, world, type World } from './world.js';
import { meetingFlow } from '../../../src/flows/field/meeting.js';
import { agendaText } from '../../../src/flows/field/agenda.js';
import { flows } from '../../../src/flows/registry.js';

const text = (t: string) => ({ type: 'text', text: t });
const click = (taskId: string, eventKey: string) => ({ type: 'card' as const, taskId, eventKey });
/** Thursday 2022-05-12 16:00, after the 15:00 meeting started. */
const THURSDAY = MONDAY + 3 * 24 * HOUR + 7 * HOUR;

function withAgenda(): World {
  const w = world();
  w.agenda.push({ householdId: 3, headName: '王大山', size: 5, screening: { id: 31, day: '2022-05-10', groups: ['kg1_alleviated', 'kg4_dibao'], riskFound: true, summary: '老伴住院自付2万' }, lead: null });
  w.agenda.push({ householdId: 1, headName: '张三', size: 4, screening: null, lead: { id: 41, discoveredOn: '2022-05-09', deadline: '2022-05-24', note: '儿子住院花了两万', stepsDone: ['home_visit'] } });
  w.agenda.push({ householdId: 2, headName: '李四', size: 2, screening: null, lead: { id: 42, discoveredOn: '2022-05-02', deadline: '2022-05-17', note: '医保预警', stepsDone: ['home_visit', 'consent', 'data_comparison'] } });
  return w;
}
const setup = (w = withAgenda(), actor = cadre, now = THURSDAY) => ({ actor, now, data: fakeFieldData(w, actor) });
const verdict = (o: object) => ({ kind: 'field.meeting.verdict', confirmedSteps: [], publicityUntil: null, screeningId: null, leadId: null, ...o });

describe('研判会 transcripts', () => {
  it('the agenda, then each household: 拟纳入 with steps confirmed and 公示, 不纳入 with a reason, 暂缓', async () => {
    await replay(meetingFlow, setup(), [
      {
        say: '研判会',
        status: 'waiting',
        state: { node: 'verdict', data: { i: 0 } },
        replies: [
          text('凉水井村5月12日（周四）研判会待研判3户：\n1. 王大山户（5口人）\n   · 重点户排查（5月10日（周二））：对象类型①④，发现风险：老伴住院自付2万\n2. 张三户（4口人）\n   · 风险线索：儿子住院花了两万，还剩12天（5月24日截止）\n3. 李四户（2口人）\n   · 风险线索：医保预警，还剩5天（5月17日截止）\n下面逐户记录结论。'),
          text('第1户：王大山户（5口人）\n· 重点户排查（5月10日（周二））：对象类型①④，发现风险：老伴住院自付2万'),
          expect.objectContaining({ type: 'card', card: expect.objectContaining({ taskId: 'fq1', title: '研判 王大山户（1/3）', desc: '研判结论？', buttons: [{ key: 'include', text: '拟纳入', style: 1 }, { key: 'exclude', text: '不纳入', style: 2 }, { key: 'skip', text: '暂缓', style: 2 }] }) }),
        ],
      },
      { say: '看看再说', status: 'waiting', state: { node: 'verdict' }, replies: [text('没看懂。'), expect.anything(), expect.objectContaining({ type: 'card' })] },
      { say: '拟纳入，老伴住院自付2万，人均收入低于监测线', status: 'waiting', state: { node: 'steps', data: { verdict: 'propose_include', reason: '老伴住院自付2万，人均收入低于监测线' } }, replies: [expect.objectContaining({ type: 'card', card: expect.objectContaining({ desc: '入户核查、承诺授权、信息比对都已完成吗？' }) })] },
      { input: click('fq3', 'yes'), status: 'waiting', state: { node: 'publicity' }, replies: [expect.objectContaining({ type: 'card', card: expect.objectContaining({ desc: '今天起公示到5月16日（周一）？' }) })] },
      {
        say: '5月14日',
        status: 'waiting',
        state: { node: 'publicity' },
        replies: [text('公示期只有3天，至少需要5天。'), expect.objectContaining({ type: 'card' })],
      },
      {
        input: click('fq5', 'yes'),
        status: 'waiting',
        state: { node: 'verdict', data: { i: 1, tally: { include: 1, exclude: 0, skip: 0 } } },
        commands: [verdict({ householdId: 3, screeningId: 31, verdict: 'propose_include', reason: '老伴住院自付2万，人均收入低于监测线', confirmedSteps: ['home_visit', 'consent', 'data_comparison'], publicityUntil: '2022-05-16' })],
        replies: [text('已记录：王大山户拟纳入（理由：老伴住院自付2万，人均收入低于监测线），已登记民主评议，公示到5月16日（周一）。'), text(expect.stringMatching(/^第2户：张三户/)), expect.objectContaining({ type: 'card' })],
      },
      { input: click('fq6', 'exclude'), status: 'waiting', state: { node: 'reason' }, replies: [text('不纳入的理由？（必填，如：收入稳定，医疗费用已报销大部分）')] },
      { say: '不', status: 'waiting', state: { node: 'reason' }, replies: [text('请写明理由。'), text('不纳入的理由？（必填，如：收入稳定，医疗费用已报销大部分）')] },
      {
        say: '务工收入稳定，医保已报销大部分',
        status: 'waiting',
        state: { node: 'verdict', data: { i: 2 } },
        commands: [verdict({ householdId: 1, leadId: 41, verdict: 'not_include', reason: '务工收入稳定，医保已报销大部分' })],
        replies: [text('已记录：张三户不纳入（理由：务工收入稳定，医保已报销大部分）。该户风险线索已办结。'), text(expect.stringMatching(/^第3户：李四户/)), expect.objectContaining({ type: 'card' })],
      },
      { say: '暂缓', status: 'done', commands: [], replies: [text('李四户暂缓，留到下次研判会。'), text('本次研判会记录完毕：拟纳入1户，不纳入1户，暂缓1户。已记录的结论如需更正，请联系镇街干部。')] },
    ]);
  });

  it('拟纳入 when the earlier steps are not done yet keeps the household for the next meeting; a date answers the 公示', async () => {
    await replay(meetingFlow, setup(), [
      { say: '研判会', status: 'waiting' },
      { say: '跳过', status: 'waiting', state: { data: { i: 1 } } },
      { say: '纳入', status: 'waiting', state: { node: 'reason' }, replies: [text('拟纳入的理由？（如：因病自付3万多，人均收入低于监测线）')] },
      { say: '因病支出大', status: 'waiting', state: { node: 'steps' } },
      { say: '还没有', status: 'waiting', state: { node: 'verdict', data: { i: 2 } }, commands: [verdict({ householdId: 1, leadId: 41, verdict: 'propose_include', reason: '因病支出大' })], replies: [text('已记录：张三户拟纳入（理由：因病支出大）。还需完成承诺授权、信息比对后再民主评议，该户留到下次研判会。'), expect.anything(), expect.anything()] },
      { say: '拟纳入 医保预警属实，自付比例高', status: 'waiting', state: { node: 'publicity' } },
      { say: '5月20日', status: 'done', commands: [verdict({ householdId: 2, leadId: 42, verdict: 'propose_include', reason: '医保预警属实，自付比例高', publicityUntil: '2022-05-20' })] },
    ]);
  });

  it('with nothing to judge it says so; only village cadres and the team hold the meeting', async () => {
    await replay(meetingFlow, setup(world()), [{ say: '研判会', status: 'done', replies: [text('凉水井村5月12日（周四）研判会：暂无待研判的户。')] }]);
    await replay(meetingFlow, setup(withAgenda(), gridWorker), [{ say: '研判会', status: 'done', commands: [], replies: [text('「研判会」由村干部、排查小组成员办理，您的角色（网格员）不能办理。发送“帮助”查看您可以办的事。')] }]);
    await replay(meetingFlow, setup(withAgenda(), departmentUser), [{ say: '研判会', status: 'done', commands: [] }]);
    await replay(meetingFlow, setup(withAgenda(), farmer), [{ say: '研判会', status: 'done', commands: [] }]);
  });

  it('the agenda text is what the Thursday push sends', () => {
    const w = withAgenda();
    expect(agendaText('凉水井村', '2022-05-12', w.agenda.slice(0, 1), '2022-05-12')).toBe(
      '凉水井村5月12日（周四）研判会待研判1户：\n1. 王大山户（5口人）\n   · 重点户排查（5月10日（周二））：对象类型①④，发现风险：老伴住院自付2万\n会上请发送“研判会”，逐户记录结论（拟纳入/不纳入及理由）。',
    );
  });
});

describe('研判会 asked about before its day', () => {
  it('“这周四研判会要研究哪些户” on a Monday lists the households and says how to record at the meeting; nothing is asked', async () => {
    for (const say of ['这周四研判会要研究哪些户', '研判会名单出来没', '周四研判会有几户？']) {
      await converse(flows, setup(withAgenda(), cadre, MONDAY), [{ say, waiting: null, replies: [text(expect.stringMatching(/^凉水井村5月12日（周四）研判会待研判3户：[\s\S]*会上请发送“研判会”，逐户记录结论/))] }]);
    }
  });

  it('the meeting opened (“研判会开始了 都有哪些户”) asks the verdicts even on another day', async () => {
    await converse(flows, setup(withAgenda(), cadre, MONDAY), [{ say: '研判会开始了 都有哪些户', waiting: 'field/meeting:verdict' }]);
  });
});

describe('研判会 through the router', () => {
  it('a reason that starts with 问题 is an answer, not a new 报问题; cancel keeps what was recorded', async () => {
    const commands = await converse(flows, setup(), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: '不纳入', waiting: 'field/meeting:reason' },
      { say: '问题不大，收入稳定', waiting: 'field/meeting:verdict' },
      { say: '取消', waiting: null, replies: [text('已退出「研判会」。')] },
    ]);
    expect(commands).toEqual([verdict({ householdId: 3, screeningId: 31, verdict: 'not_include', reason: '问题不大，收入稳定' })]);
  });
});

describe('研判会: a household of the agenda named with its verdict', () => {
  it('“张三家的事 会上定了 纳入 因病 边缘易致贫” judges 张三 now, however it reads like a screening report; the household asked about comes next', async () => {
    const commands = await converse(flows, setup(), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: '张三家的事 会上定了 纳入 因病 边缘易致贫', waiting: 'field/meeting:steps', suspended: null, replies: [text('好的，先记张三户。'), expect.objectContaining({ type: 'card', card: expect.objectContaining({ title: '研判 张三户（1/3）', desc: '承诺授权、信息比对都已完成吗？' }) })] },
      { say: '还没有', waiting: 'field/meeting:verdict', replies: [text('已记录：张三户拟纳入（理由：因病 边缘易致贫）。还需完成承诺授权、信息比对后再民主评议，该户留到下次研判会。'), text(expect.stringMatching(/^第2户：王大山户/)), expect.objectContaining({ type: 'card' })] },
      { say: '因病自付两万多 收入低 同意纳入', waiting: 'field/meeting:steps' },
      { say: '取消', waiting: null },
    ]);
    expect(commands).toEqual([verdict({ householdId: 1, leadId: 41, verdict: 'propose_include', reason: '因病 边缘易致贫' })]);
  });

  it('a button’s label typed instead of pressed (“都已完成”, “【拟纳入】”) is that button', async () => {
    await converse(flows, setup(), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: '【拟纳入】', waiting: 'field/meeting:reason' },
      { say: '老伴住院自付两万 收入低于监测线', waiting: 'field/meeting:steps' },
      { say: '都已完成', waiting: 'field/meeting:publicity' },
    ]);
  });

  it('a verdict for a household not on the agenda (“冯文斌家研判了 拟纳入”) is not put on the one asked about', async () => {
    const commands = await converse(flows, setup(), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: '冯文斌家研判了 拟纳入 突发严重困难户 公示到5月20号', waiting: 'field/meeting:verdict', replies: [text('冯文斌户不在凉水井村这次研判会的名单上（待研判：王大山户、张三户、李四户），没有记录。名单外的户请先排查登记或报风险线索，下次研判会再研判。'), text(expect.stringMatching(/^第1户：王大山户/)), expect.objectContaining({ type: 'card' })] },
      { say: '村里大家都同意 纳入 因病', waiting: 'field/meeting:steps' },
    ]);
    expect(commands).toEqual([]);
  });

  it('the verdict anywhere in the words: 李四户 不纳入 收入稳定; 王大山 这户下次再议', async () => {
    const commands = await converse(flows, setup(), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: '李四户 不纳入 务工收入稳定', waiting: 'field/meeting:verdict', replies: [text('好的，先记李四户。'), text('已记录：李四户不纳入（理由：务工收入稳定）。该户风险线索已办结。'), text(expect.stringMatching(/^第2户：王大山户/)), expect.objectContaining({ type: 'card' })] },
      { say: '王大山这户下次再议', waiting: 'field/meeting:verdict', replies: [text('王大山户暂缓，留到下次研判会。'), text(expect.stringMatching(/^第3户：张三户/)), expect.objectContaining({ type: 'card' })] },
    ]);
    expect(commands).toEqual([verdict({ householdId: 2, leadId: 42, verdict: 'not_include', reason: '务工收入稳定' })]);
  });

  it.each(['不能纳入', '没纳入', '纳入不了', '不考虑纳入', '不应纳入', '没必要纳入', '不够条件'])('inclusion denied (“%s”) is 不纳入, its reason asked — never the 纳入 in it', async (said) => {
    await converse(flows, setup(), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: said, waiting: 'field/meeting:reason', commands: [], replies: [text(expect.stringMatching(/^不纳入的理由？/))] },
    ]);
  });

  it('the reason is what is said on both sides of the verdict: “王大山这户 老伴住院自付两万 同意纳入 收入低于监测线”', async () => {
    await converse(flows, setup(), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: '王大山这户 老伴住院自付两万 同意纳入 收入低于监测线', waiting: 'field/meeting:steps' },
      { say: '还没有', waiting: 'field/meeting:verdict', commands: [verdict({ householdId: 3, screeningId: 31, verdict: 'propose_include', reason: '老伴住院自付两万，收入低于监测线' })] },
    ]);
  });

  it('asked on a Monday, the agenda is for the coming Thursday; “研判会开始了” holds it today', async () => {
    await replay(meetingFlow, setup(withAgenda(), cadre, MONDAY + 2 * HOUR), [{ say: '这礼拜研判会要研究哪些户', status: 'done', replies: [text(expect.stringMatching(/^凉水井村5月12日（周四）研判会待研判3户/))] }]);
    await replay(meetingFlow, setup(withAgenda(), cadre, MONDAY + 2 * HOUR), [{ say: '研判会开始了', status: 'waiting', replies: [text(expect.stringMatching(/^凉水井村5月9日（周一）研判会待研判3户/)), expect.anything(), expect.anything()] }]);
  });
});

describe('研判会 through the router: the eighth batch’s words', () => {
  it('研判一下 before the household, and the meeting’s word glued to a question about it, start the meeting', () => {
    const w = world();
    const env = { now: MONDAY, tz: 'Asia/Shanghai', actor: cadre, newId: (p: string) => `${p}1`, data: fakeFieldData(w, cadre) };
    for (const said of ['研判一下张三家 老两口都害病 拟纳入', '研判会啥时候开 这礼拜的', '研判会几点开']) {
      expect(flows.find((f) => f.matches({ type: 'text', text: said }, env as never))?.name, said).toBe('field/meeting');
    }
  });

  describe('right after the meeting', () => {
    /** The agenda loses a household once its verdict is recorded (暂缓 keeps it). */
    function held() {
      const w = withAgenda();
      const perform = async (commands: Array<{ kind: string } & Record<string, unknown>>) => {
        for (const c of commands) if (c.kind === 'field.meeting.verdict' && (c.verdict === 'not_include' || (c.confirmedSteps as unknown[]).length > 0)) w.agenda = w.agenda.filter((a) => a.householdId !== c.householdId);
      };
      return { ...setup(w), perform };
    }
    const meeting = [
      { say: '研判会' },
      { say: '拟纳入 老伴住院自付2万' },
      { say: '是' },
      { say: '是', commands: [expect.objectContaining({ householdId: 3, publicityUntil: '2022-05-16' })] },
      { say: '不纳入 务工收入稳定', commands: [expect.objectContaining({ householdId: 1, verdict: 'not_include' })] },
      { say: '暂缓', waiting: null, replies: [text('李四户暂缓，留到下次研判会。'), text('本次研判会记录完毕：拟纳入1户，不纳入1户，暂缓1户。已记录的结论如需更正，请联系镇街干部。')] },
    ];

    it.each(['研判会结束了 都研究完了', '会开完了', '都研究完了'])('“%s”: what it recorded and what is still on the agenda, nothing recorded', async (said) => {
      await converse(flows, held(), [
        ...meeting,
        { say: said, waiting: null, commands: [], replies: [text('5月12日（周四）研判会已记录3户：王大山户拟纳入，公示到5月16日（周一）；张三户不纳入；李四户暂缓。\n还在研判会名单上的1户：李四户，下次研判会再研判。')] },
        { say: '公示贴出去了 到15号', waiting: null, commands: [], replies: [text('5月12日（周四）研判会上登记的公示：\n王大山户：5月12日（周四）起公示到5月16日（周一）\n公示日期以会上登记的为准，这条消息没有记录任何内容；公示期满无异议后由镇街审核。')] },
      ]);
    });

    it('no household in 公示 from it: where the 公示 is recorded; a day later, the agenda alone', async () => {
      await converse(flows, held(), [
        { say: '研判会' },
        { say: '暂缓' },
        { say: '不纳入 务工收入稳定' },
        { say: '暂缓', waiting: null },
        { say: '公示贴出去了 到15号', commands: [], replies: [text(expect.stringMatching(/^公示的起止日期在研判会记录拟纳入结论时一并登记/))] },
      ]);
      await converse(flows, held(), [...meeting, { say: '会开完了', after: 25 * HOUR, commands: [], replies: [text(expect.stringMatching(/^研判会的结论在会上发送“研判会”逐户记录/))] }]);
    });
  });
});
