/**
 * The field conversations on a real database (SQLite and MariaDB): the persistence-backed read
 * port, the router, and the field commands performed between turns as the dispatcher would —
 * every flow at least once, each conversation replayed turn by turn with the stored state put
 * through JSON.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { converse, performOn, type RouteTurn } from '../../helpers/converse.js';
import { actorOf, eliminatedSunqi, PLACE1, seedField, type SeededIds } from './seed.js';
import { createCommands } from '../../../src/bot/commands/index.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import { flows } from '../../../src/flows/registry.js';
import { historyOf } from '../../../src/persistence/case-history.js';
import { transaction } from '../../../src/persistence/db.js';
import { leadsOfHousehold } from '../../../src/persistence/leads.js';
import { problemsInRegion } from '../../../src/persistence/problems.js';
import { activitiesOfVillages } from '../../../src/persistence/activities.js';
import { loadRegionTree } from '../../../src/persistence/regions.js';
import { placeReport } from '../../../src/bot/official/sources.js';
import { DEMO } from '../../helpers/regions.js';
import { screeningsOfHousehold } from '../../../src/persistence/screenings.js';

const MONDAY = Date.UTC(2022, 4, 9, 1, 0, 0);
const THURSDAY = MONDAY + 3 * 86_400_000 + 7 * 3_600_000;
const text = (t: string) => ({ type: 'text', text: t });
// Every command kind: a 回头看 that finds 整户无劳动力 also files the casework 回退 request.
const handler = createCommands();

describeEachDatabase('field conversations on the database', (db) => {
  let ids: SeededIds;
  const onDb = performOn(db.ds, handler);
  const talk = (userId: string, now: number, turns: RouteTurn[]) => {
    const actor = actorOf(userId);
    return converse(flows, { actor, now, data: createFlowData(db.ds())(actor), perform: onDb.perform(actor) }, turns);
  };
  const records = (householdId: number) => transaction(db.ds(), (tx) => screeningsOfHousehold(tx, householdId, '2022'));

  beforeAll(async () => {
    ids = await seedField(db.ds());
    await transaction(db.ds(), (tx) => eliminatedSunqi(tx, ids));
  });

  it('a grid worker: one line with risk, a correction the same day, an ambiguous name, a name outside the grid, the to-do list', async () => {
    await talk('wangwu', MONDAY, [
      { say: '排查 张三 入户 有风险 儿子住院花了两万 了解政策', waiting: null, replies: [text(expect.stringContaining('已生成风险线索，提交本村5月12日（周四）研判会研判，5月24日（周二）前完成认定。'))] },
      { say: '排查 张三 电话 有风险 儿子住院自付两万多 了解政策', after: 3_600_000, waiting: 'field/general-screening:confirm', replies: [text(expect.stringContaining('今天已登记过该户，将更正：排查方式：入户 → 电话；近期风险：是（儿子住院花了两万） → 是（儿子住院自付两万多）'))] },
      { say: '是', after: 3_600_000, waiting: null, replies: [text(expect.stringMatching(/^已更正今天的一般户排查（附件3），原记录已留档：/))] },
      { say: '排查 李四 入户 无风险 了解政策', waiting: 'field/general-screening:pick', replies: [text('您的网格内有2户对得上“李四”：\n1. 李四户（凉水井村凉水井一网格，2口人）\n2. 王大山户（成员李四）（凉水井村凉水井一网格，3口人，电话139****1111）\n请回复序号。\n（回复“取消”可退出）')] },
      { say: '1', waiting: null },
      { say: '排查 赵六 入户 无风险 了解政策', waiting: 'field/general-screening:name', replies: [text(expect.stringMatching(/^在您的网格内没有找到“赵六”户。/))] },
      { say: '取消', waiting: null },
      { say: '待办', replies: [text(expect.stringMatching(/^我的待办（5月9日（周一））：\n一、还没排查的户：2户——王大山、孙七。[\s\S]*· 张三（儿子住院花了两万），待入户核查、承诺授权、信息比对，还剩15天（5月24日截止）\n办完一步发给我，如“张三家线索入户核查过了 情况属实”“张三家承诺书签了”“张三家信息比对没问题”。\n三、待回头看的已消除风险户：1户——孙七。/))] },
    ]);
    const zhang = await records(ids.zhangsan);
    expect(zhang.map((r) => r.answers)).toEqual([{ method: 'phone', riskFound: true, riskDetails: '儿子住院自付两万多', knowsPolicy: true }]);
    expect((await transaction(db.ds(), (tx) => historyOf(tx, 'screening_record', zhang[0]!.id))).map((h) => h.reason)).toEqual(['登记：排查台账（一般户）', '同日更正：排查台账（一般户）']);
    expect(await leadsOfHousehold_(ids.zhangsan)).toEqual([{ status: 'open', origins: 1 }]);
    expect(await records(ids.zhaoliu)).toEqual([]);
  });

  it('a lead’s checks told done step by step, and where it stands asked between: recorded in order on the lead, with who and what was said', async () => {
    await talk('wangwu', MONDAY + 5 * 3_600_000, [
      { say: '张三家那个线索到哪一步了', replies: [text(expect.stringContaining('已登记：无。还要：入户核查、承诺授权、信息比对'))] },
      { say: '张三家承诺书签了', replies: [text(expect.stringContaining('承诺授权没有登记：张三户线索还没登记入户核查。'))] },
      { say: '张三家入户核查过了 确实住院了 承诺书也让他老婆代签了', replies: [text(expect.stringMatching(/^已登记：张三户风险线索入户核查，核查情况：确实住院了；承诺授权，签署情况：由他老婆代签（5月9日（周一））。/))] },
      { say: '张三的线索还有几天到期', replies: [text(expect.stringContaining('已登记：入户核查、承诺授权。还要：信息比对，办完一步发给我，如“张三家信息比对没问题”'))] },
      { say: '张三家信息比对结果出来了 没问题', replies: [text(expect.stringContaining('入户核查、承诺授权、信息比对都已登记，下一步：提交本村5月12日（周四）研判会。'))] },
      { say: '张三家线索核查了吗', replies: [text(expect.stringContaining('都已登记，等本村5月12日（周四）研判会研判。'))] },
    ]);
    const [lead] = (await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.zhangsan))).filter((l) => l.status === 'open');
    expect(lead!.steps.map((s) => [s.step, s.actor, s.note, s.skipped])).toEqual([
      ['home_visit', 'wangwu', '确实住院了', false],
      ['consent', 'wangwu', '由他老婆代签', false],
      ['data_comparison', 'wangwu', '没问题', false],
    ]);
  });

  it('the screening team: a key-group household with 一四 and full-width amounts; 回头看 by card buttons', async () => {
    await talk('chendui', MONDAY + 86_400_000, [
      { say: '重点户排查 王大山', waiting: 'field/key-group-screening:groups' },
      { say: '一四', waiting: 'field/key-group-screening:income' },
      { say: '低保加种地，一年１万２', waiting: 'field/key-group-screening:schooling' },
      { say: '无', waiting: 'field/key-group-screening:illness' },
      { say: '老伴住院，自付２万', waiting: 'field/key-group-screening:disaster' },
      { say: '没有', waiting: 'field/key-group-screening:risk' },
      { say: '有，老伴住院自付2万', waiting: null, replies: [text(expect.stringContaining('会议研判结论：待本村5月12日（周四）研判会研判。'))] },
      { say: '回头看 孙七', waiting: 'field/review:q' },
      { input: { type: 'card', taskId: 'fq1', eventKey: 'yes' }, waiting: 'field/review:q' },
      { input: { type: 'card', taskId: 'fq2', eventKey: 'yes' }, waiting: 'field/review:q' },
      { say: '巩固住了', waiting: 'field/review:q' },
      { say: '稳定', waiting: 'field/review:q' },
      { say: '不需要', waiting: 'field/review:q' },
      { input: { type: 'card', taskId: 'fq6', eventKey: 'no' }, waiting: 'field/review:q' },
      { input: { type: 'card', taskId: 'fq7', eventKey: 'no' }, waiting: null, replies: [text(expect.stringContaining('结论：整户无劳动力，应回退为“风险未消除”'))] },
    ]);
    const [kg] = await records(ids.wangdashan);
    expect(kg).toMatchObject({ form: 'key_group', screener: 'chendui', answers: { groups: ['kg1_alleviated', 'kg4_dibao'], verdict: null, riskFound: true, family: { income: '低保加种地，一年１万２', annualIncomeYuan: 12000, illnessCostYuan: 20000 } } });
    const [review] = await records(ids.sunqi);
    expect(review).toMatchObject({ form: 'review', answers: { incomeStable: true, measuresImplemented: true, guaranteesStable: true, eliminationStable: true, needsRelabel: false, needsWithdrawal: false, newRisk: false } });
  });

  it('回头看 again the same day: before → after shown; 取消 keeps the record, 是 replaces it (the old one kept in history)', async () => {
    const again = [
      { say: '回头看 孙七', waiting: 'field/review:q' },
      { say: '否', waiting: 'field/review:q' },
      ...['是', '是', '是', '否', '否'].map((say) => ({ say, waiting: 'field/review:q' })),
    ];
    const change = '今天已登记过孙七户的回头看（附件4），本次将更正：\n收入是否持续稳定：是 → 否\n回复“是”或“确认”更正；回复“取消”不保存（原记录不变）。';
    await talk('chendui', MONDAY + 86_400_000 + 3_600_000, [...again, { say: '否', waiting: 'field/review:confirm', replies: [text(change)] }, { say: '取消', waiting: null }]);
    const kept = await records(ids.sunqi);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.answers).toMatchObject({ incomeStable: true });
    await talk('chendui', MONDAY + 86_400_000 + 7_200_000, [...again, { say: '否', waiting: 'field/review:confirm' }, { say: '是', waiting: null, replies: [text(expect.stringMatching(/^已更正今天的回头看（附件4），原记录已留档：/))] }]);
    const [now] = await records(ids.sunqi);
    expect(now!.answers).toMatchObject({ incomeStable: false, measuresImplemented: true });
    expect((await transaction(db.ds(), (tx) => historyOf(tx, 'screening_record', now!.id))).map((h) => h.reason)).toEqual([expect.stringMatching(/^登记：/), expect.stringMatching(/^同日更正：/)]);
  });

  it('the village cadre’s 研判会 on Thursday: 拟纳入 moves the lead to 民主评议 and 公示, 不纳入 closes it', async () => {
    await talk('liucun', THURSDAY, [
      { say: '研判会', waiting: 'field/meeting:verdict', replies: [text(expect.stringMatching(/^凉水井村5月12日（周四）研判会待研判2户：\n1\. 张三户（4口人）\n {3}· 风险线索：儿子住院花了两万，还剩12天（5月24日截止）\n2\. 王大山户（3口人）\n {3}· 重点户排查（5月10日（周二））：对象类型①④，发现风险：老伴住院自付2万\n/)), expect.anything(), expect.anything()] },
      { say: '不纳入 务工收入稳定，医保报销了大部分', waiting: 'field/meeting:verdict' },
      { say: '拟纳入 老伴住院自付2万，人均收入低于监测线', waiting: 'field/meeting:steps' },
      { say: '都完成了', waiting: 'field/meeting:publicity' },
      { say: '是', waiting: null, replies: [text('已记录：王大山户拟纳入（理由：老伴住院自付2万，人均收入低于监测线），已登记民主评议，公示到5月16日（周一）。'), text('本次研判会记录完毕：拟纳入1户，不纳入1户，暂缓0户。已记录的结论如需更正，请联系镇街干部。')] },
    ]);
    const [zhang] = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.zhangsan));
    expect(zhang).toMatchObject({ status: 'not_included', outcome: { reason: '研判会不纳入：务工收入稳定，医保报销了大部分', actor: 'liucun' } });
    const [wang] = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.wangdashan));
    expect(wang!.steps.map((s) => s.step)).toEqual(['home_visit', 'consent', 'data_comparison', 'village_review', 'publicity']);
    expect((await records(ids.wangdashan))[0]!.answers).toMatchObject({ verdict: 'propose_include' });
    // Asked afterwards: 张三's lead ended at the meeting, 王大山's waits for the town.
    await talk('liucun', THURSDAY + 3_600_000, [
      { say: '张三家线索到哪一步了', replies: [text('张三户目前没有在办的风险线索；上一条线索5月12日（周四）不纳入（务工收入稳定，医保报销了大部分）。')] },
      { say: '王大山家线索到哪一步了', replies: [text(expect.stringContaining('研判会已拟纳入，现在等镇街审核。'))] },
    ]);
  });

  it('a problem reported and rectified; a department may do neither', async () => {
    await talk('wangwu', MONDAY, [
      { say: '报问题 孙七户收入信息缺失', waiting: 'field/problem-report:category' },
      { say: '数据质量', waiting: 'field/problem-report:measure' },
      { say: '入户核实后补录', waiting: 'field/problem-report:deadline' },
      { say: '默认', waiting: null },
      { say: '整改', waiting: 'field/problem-fix:what', replies: [text(expect.stringMatching(/^未整改的问题只有1个（数据质量方面，6月5日（周日）截止）。\n销号：凉水井村孙七户：孙七户收入信息缺失/))] },
      { say: '已补录2021年收入', waiting: 'field/problem-fix:data' },
      { say: '是', waiting: null },
    ]);
    const problems = await transaction(db.ds(), (tx) => problemsInRegion(tx, { level: 'village', code: PLACE1.villageCode }));
    expect(problems.map((p) => [p.category, p.householdId, p.status, p.rectification?.dataCorrected])).toEqual([['data_quality', ids.sunqi, 'rectified', true]]);
    await talk('yibao1', MONDAY, [
      { say: '排查 张三 入户 无风险 了解政策', waiting: null, replies: [text(expect.stringContaining('您的角色（行业部门）不能办理'))] },
      { say: '报问题', waiting: null },
    ]);
  });

  it('the village reports 部署 and 培训, the town corrects them; 附件1 shows what stands, with every report kept', async () => {
    await talk('liucun', MONDAY, [
      { say: '已部署 4月28日', waiting: null, replies: [text(expect.stringMatching(/^已登记：凉水井村于4月28日（周四）专门安排部署/))] },
      { say: '培训 8人', waiting: null },
      { say: '培训了十二人', waiting: null, replies: [text(expect.stringMatching(/^已登记：凉水井村培训人数12人（截至5月9日（周一））。原登记为8人（5月9日（周一））。/))] },
    ]);
    await talk('zhaozhen', MONDAY, [
      { say: '部署 撤回', waiting: 'field/activity:village' },
      { say: '凉水井村', waiting: null, replies: [text(expect.stringMatching(/^已撤回凉水井村（原登记4月28日（周四）部署）的动员部署登记。/))] },
      { say: '部署 全镇 4月29日', waiting: null },
    ]);
    await talk('wangwu', MONDAY, [{ say: '已部署', waiting: null, replies: [text(expect.stringContaining('您的角色（网格员）不能办理'))] }]);
    const pr = await transaction(db.ds(), async (tx) => placeReport(tx, await loadRegionTree(tx), DEMO.gjb, '2022-05-13'));
    const lsj = pr.report.villages.find((v) => v.villageCode === DEMO.lsj)!;
    expect([lsj.deployed, lsj.trained]).toEqual([true, 12]);
    expect(pr.total).toMatchObject({ deployedVillages: pr.total.villages, trained: 12 });
    const kept = await transaction(db.ds(), (tx) => activitiesOfVillages(tx, '2022', [DEMO.lsj]));
    expect(kept.map((a) => [a.kind, a.day, a.people, a.recordedBy])).toEqual([
      ['deployment', '2022-04-28', null, 'liucun'], ['training', '2022-05-09', 8, 'liucun'], ['training', '2022-05-09', 12, 'liucun'],
      ['deployment_void', '2022-05-09', null, 'zhaozhen'], ['deployment', '2022-04-29', null, 'zhaozhen'],
    ]);
    expect((await transaction(db.ds(), (tx) => historyOf(tx, 'campaign_activity', kept[3]!.id))).map((h) => [h.actor, h.reason])).toEqual([['zhaozhen', '撤回动员部署登记']]);
  });

  async function leadsOfHousehold_(householdId: number) {
    return (await transaction(db.ds(), (tx) => leadsOfHousehold(tx, householdId))).map((l) => ({ status: l.status, origins: l.origins.length }));
  }
  it('a correction naming no household, after the report: the record just made, the words in its history; 40 minutes later the household is asked', async () => {
    const tuesday = MONDAY + 86_400_000;
    await talk('wangwu', tuesday, [
      { say: '张三 入户 无风险 了解政策', waiting: null },
      { say: '不对，是电话问的', after: 5 * 60_000, waiting: 'field/general-screening:confirm', replies: [text(expect.stringContaining('将更正：排查方式：入户 → 电话'))] },
      { say: '是', after: 6 * 60_000, waiting: null, replies: [text(expect.stringContaining('更正：排查方式：入户 → 电话'))] },
      { say: '刚才那户政策其实不太了解', after: 46 * 60_000, waiting: 'field/general-screening:name', replies: [text(expect.stringMatching(/^没有找到您30分钟内登记的一般户排查/))] },
      { say: '取消', after: 47 * 60_000, waiting: null },
    ]);
    const zhang = (await records(ids.zhangsan)).filter((r) => r.day === '2022-05-10');
    expect(zhang.map((r) => r.answers)).toEqual([{ method: 'phone', riskFound: false, riskDetails: null, knowsPolicy: true }]);
    expect((await transaction(db.ds(), (tx) => historyOf(tx, 'screening_record', zhang[0]!.id))).map((h) => [h.actor, h.reason])).toEqual([
      ['wangwu', '登记：排查台账（一般户）'],
      ['wangwu', '同日更正：排查台账（一般户）（不对，是电话问的）'],
    ]);
  });
});
