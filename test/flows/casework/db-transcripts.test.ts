/**
 * A case's whole life in chat, on a real database (SQLite and MariaDB): a grid worker's screening
 * finds risk in 张三's household and in 孙七's (eliminated in 2021), the village 研判会 proposes
 * both, the town approves after the 公示, the city includes and announces them (孙七 as a new
 * episode: 重新识别); half a year later the village proposes 风险消除 for 张三 (refused one day too
 * early), the town approves it after its 公示; in the 2023 回头看 the 排查小组 finds it unstable and
 * the town reverts it. 清退 of 王大山 with its written request, approved by town and city; one
 * refused after the deadline. 附件1, 附件4 and 附件5 are read after the steps.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { converse, performOn, type RouteTurn } from '../../helpers/converse.js';
import { actorOf, eliminatedSunqi, HOUSEHOLDS, PLACE1, seedField, STAFF, type SeededIds } from '../field/seed.js';
import { at, includedLeadRecord } from '../../helpers/casework.js';
import { staffMember } from '../../helpers/people.js';
import { DEMO, demoTree } from '../../helpers/regions.js';
import { createCommands } from '../../../src/bot/commands/index.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import { gatherForm } from '../../../src/bot/official/files.js';
import { form4Rows, form5Rows } from '../../../src/bot/forms/from-records.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor } from '../../../src/flows/types.js';
import { historyOf } from '../../../src/persistence/case-history.js';
import { caseRequestEvidence, caseRequestsOfSubjects } from '../../../src/persistence/case-requests.js';
import { transaction } from '../../../src/persistence/db.js';
import { leadsOfHousehold } from '../../../src/persistence/leads.js';
import { loadRegionTree } from '../../../src/persistence/regions.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { includeSubjectRecord, subjectsOfHousehold } from '../../../src/persistence/subjects.js';

const text = (t: unknown) => ({ type: 'text', text: t });
const press = (taskId: string, eventKey: string) => ({ input: { type: 'card' as const, taskId, eventKey } });
const CITY: Actor = { sender: { channel: 'app', id: 'chenjing' }, staff: { userId: 'chenjing', name: '陈静', role: 'city_bureau', jurisdiction: { level: 'city', code: DEMO.city } } };
const PHOTO = Buffer.from('清退申请书（照片）');

describeEachDatabase('a case from the screening to 公告, 风险消除, 回退, 重新识别 and 清退', (db) => {
  let ids: SeededIds;
  let wangSubject: number;
  const onDb = performOn(db.ds, createCommands());
  const media = { getMedia: async (mediaId: string) => ({ fileName: null, contentType: 'image/jpeg', content: mediaId === 'm-photo' ? PHOTO : Buffer.alloc(0) }) };
  const talk = (who: string | Actor, now: number, turns: RouteTurn[]) => {
    const actor = typeof who === 'string' ? actorOf(who) : who;
    return converse(flows, { actor, now, data: createFlowData(db.ds(), { media })(actor), perform: onDb.perform(actor) }, turns);
  };
  const tx = <T>(fn: Parameters<typeof transaction<T>>[1]) => transaction(db.ds(), fn);
  const report = async (day: string, form: 'attachment4' | 'attachment5' = 'attachment5') => {
    const tree = await tx((t) => loadRegionTree(t));
    return tx((t) => gatherForm(t, tree, form, DEMO.gjb, day));
  };

  beforeAll(async () => {
    ids = await seedField(db.ds());
    await tx((t) => saveStaff(t, [...STAFF, staffMember('chenjing', '陈静', 'city_bureau', 'city', DEMO.city)], { actor: 'import', at: Date.UTC(2022, 3, 1), reason: '测试数据' }, demoTree()));
    await tx((t) => eliminatedSunqi(t, ids));
    wangSubject = await tx(async (t) => {
      const lead = await includedLeadRecord(t, ids.wangdashan, '2022-03-01', PLACE1);
      const s = await includeSubjectRecord(t, { leadId: lead.id!, memberIds: HOUSEHOLDS[2]!.members.map((m) => m.idNumber), risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [], actor: 'city1', at: at('2022-03-15') });
      return s.id!;
    });
  });

  it('screening → 研判会 → 公示 → 镇街审核 (not before the 公示 ends) → 市级审批与公告: included on time, 孙七 as a new episode', async () => {
    await talk('wangwu', at('2022-05-09', 9), [
      { say: '排查 张三 入户 有风险 儿子住院花了两万 了解政策', waiting: null },
      { say: '排查 孙七 入户 有风险 老人住院花了三万 了解政策', waiting: null },
    ]);
    await talk('liucun', at('2022-05-12', 16), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: '拟纳入 儿子住院自付两万，人均收入低于监测线', waiting: 'field/meeting:steps' },
      { say: '都完成了', waiting: 'field/meeting:publicity' },
      { say: '是', waiting: 'field/meeting:verdict' },
      { say: '拟纳入 老人住院自付三万', waiting: 'field/meeting:steps' },
      { say: '都完成了', waiting: 'field/meeting:publicity' },
      { say: '是', waiting: null, replies: [text(expect.stringContaining('公示到5月16日（周一）')), expect.anything()] },
    ]);
    // The 公示 runs to 05-16 inclusive: on its last day nothing is ready for the town.
    await talk('zhaozhen', at('2022-05-16', 17), [{ say: '镇街审核', waiting: null, replies: [text('目前没有待镇街审核的事项（公示期未满的会在期满后出现）。')] }]);
    await talk('zhaozhen', at('2022-05-17', 9), [
      { say: '镇街审核', waiting: 'casework/town-review:decide', replies: [text('待镇街审核2件，下面逐户审核。'), text(expect.stringMatching(/^张三户（凉水井村，4口人）：新增监测对象认定（1\/2）\n· 线索：儿子住院花了两万/)), expect.objectContaining({ type: 'card' })] },
      { ...press('fq1', 'approve'), waiting: 'casework/town-review:decide' },
      { say: '同意', waiting: null, replies: [text('已同意：孙七户新增监测对象认定。'), text('镇街审核完毕：同意2件，退回0件。')] },
    ]);
    const commands = await talk(CITY, at('2022-05-18', 10), [
      { say: '市级审批', waiting: 'casework/city-approval:decide' },
      { ...press('fq1', 'marginal'), waiting: 'casework/city-approval:epidemic' },
      { ...press('fq2', 'no'), waiting: 'casework/city-approval:decide', replies: [text(expect.stringMatching(/^已记录：张三户（凉水井村，4口人）经市级审批纳入监测对象：边缘易致贫户，已公告并录入系统；线索按时办结/)), expect.anything(), expect.anything()] },
      { say: '边缘易致贫户', waiting: 'casework/city-approval:epidemic' },
      { say: '是', waiting: null },
    ]);
    expect(commands.map((c) => c.kind)).toEqual(['casework.lead.city_decide', 'casework.lead.city_decide']);
    const [zhangLead] = await tx((t) => leadsOfHousehold(t, ids.zhangsan));
    expect(zhangLead).toMatchObject({ status: 'included', outcome: { decision: 'include', category: 'marginal', actor: 'chenjing', late: false } });
    expect(zhangLead!.steps.map((s) => [s.step, s.actor])).toEqual([
      ['home_visit', 'liucun'], ['consent', 'liucun'], ['data_comparison', 'liucun'], ['village_review', 'liucun'], ['publicity', 'liucun'],
      ['town_review', 'zhaozhen'], ['city_approval', 'chenjing'], ['announcement', 'chenjing'], ['system_entry', 'chenjing'],
    ]);
    const [zhang] = await tx((t) => subjectsOfHousehold(t, ids.zhangsan));
    expect(zhang).toMatchObject({ status: 'open', episode: 1, category: 'marginal', includedOn: '2022-05-18', epidemic: false, risks: [{ type: 'illness' }], measures: [{ measure: 'health', status: 'pending' }] });
    expect(zhang!.memberIds).toHaveLength(4);
    const sun = await tx((t) => subjectsOfHousehold(t, ids.sunqi));
    expect(sun.map((s) => [s.episode, s.status, s.epidemic ?? false])).toEqual([[1, 'eliminated', false], [2, 'open', true]]);
    expect(sun[1]!.previousSubjectId).toBe(sun[0]!.id);
    const f = await report('2022-05-20');
    expect(f.pr.total).toMatchObject({ includedMarginal: { households: 2, people: 5 }, includedCovid: { households: 1, people: 1 } });
    expect(form5Rows(f.subjects, f.records, f.households, f.names).map((r) => [r.headName, r.includedOn, r.riskTypes])).toEqual([['张三', '2022-05-18', ['因病']], ['王大山', '2022-03-12', ['因病']], ['孙七', '2022-05-18', ['因病']]]);
    // 孙七's eliminated episode is superseded by the new one (重新识别): no 回头看 is due.
    const f4 = await report('2022-05-20', 'attachment4');
    expect(form4Rows(f4.records, f4.households, f4.names, f4.subjects)).toEqual([]);
  });

  it('风险消除: the facts asked one by one; refused a day before 6 months, proposed on the day, approved by the town after its 公示', async () => {
    const facts: RouteTurn[] = [
      { say: '风险消除 张三', waiting: 'casework/eliminate:mode' },
      { say: '帮扶消除', waiting: 'casework/eliminate:income' },
      { say: '9000', waiting: 'casework/eliminate:guarantees' },
      { say: '是', waiting: 'casework/eliminate:water' },
      { say: '是', waiting: 'casework/eliminate:risks' },
      { say: '是', waiting: 'casework/eliminate:labour' },
    ];
    await talk('liucun', at('2022-11-17'), [...facts, { say: '有', waiting: null, replies: [text(expect.stringContaining('纳入未满6个月，最早2022-11-18才能标注风险消除。'))] }]);
    await talk('liucun', at('2022-11-18'), [...facts, { say: '有', waiting: 'casework/eliminate:publicity' }, { say: '是', waiting: null, replies: [text(expect.stringMatching(/^已提交：张三户（凉水井村，4口人）申请风险消除（帮扶消除），公示到11月22日（周二）/))] }]);
    await talk('zhaozhen', at('2022-11-22'), [{ say: '镇街审核', waiting: null }]);
    await talk('zhaozhen', at('2022-11-23'), [{ say: '镇街审核', waiting: 'casework/town-review:decide' }, { say: '同意', waiting: null }]);
    const [zhang] = await tx((t) => subjectsOfHousehold(t, ids.zhangsan));
    expect(zhang).toMatchObject({ status: 'eliminated', elimination: { mode: 'assisted', actor: 'zhaozhen', day: '2022-11-23' } });
    const [req] = await tx((t) => caseRequestsOfSubjects(t, [zhang!.id!]));
    expect(req).toMatchObject({ requestedBy: 'liucun', status: 'approved', publicityUntil: '2022-11-22', payload: { kind: 'elimination', facts: { perCapitaIncome: 9000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, wholeHouseholdNoLabour: false } } });
    expect((await tx((t) => historyOf(t, 'case_request', req!.id!))).map((h) => [h.actor, h.reason])).toEqual([['liucun', '申请风险消除（帮扶消除）'], ['zhaozhen', '镇街同意风险消除']]);
  });

  it('回头看 in 2023 finds it unstable: the 回退 request goes to the town, which reverts it; 附件1 and 附件4 show it', async () => {
    // 附件4 lists every subject marked 风险消除 that is due a 回头看, the unreviewed ones as such.
    const before = await report('2023-05-09', 'attachment4');
    expect(form4Rows(before.records, before.households, before.names, before.subjects).map((r) => [r.headName, r.incomeStable, r.remark])).toEqual([['张三', null, '未回头看（帮扶消除，2022-11-23）']]);
    await talk('wangwu', at('2023-05-10'), [{ say: '回头看 张三', waiting: null, replies: [text(expect.stringContaining('不能办理'))] }]);
    await talk('chendui', at('2023-05-10'), [
      { say: '回头看 张三', waiting: 'field/review:q' },
      { say: '否', waiting: 'field/review:q' },
      { say: '是', waiting: 'field/review:q' },
      { say: '是', waiting: 'field/review:q' },
      { say: '不稳定', waiting: 'field/review:q' },
      { say: '否', waiting: 'field/review:q' },
      { say: '否', waiting: 'field/review:q' },
      { say: '否', waiting: null, replies: [text(expect.stringContaining('已提交回退申请，待镇街审核'))] },
    ]);
    await talk('zhaozhen', at('2023-05-11'), [{ say: '镇街审核', waiting: 'casework/town-review:decide', replies: [expect.anything(), text(expect.stringContaining('回退（风险消除不稳定）')), expect.anything()] }, { say: '同意', waiting: null }]);
    const [zhang] = await tx((t) => subjectsOfHousehold(t, ids.zhangsan));
    expect(zhang).toMatchObject({ status: 'open', elimination: null });
    expect(zhang!.events.map((e) => [e.kind, e.actor])).toEqual([['include', 'chenjing'], ['eliminate', 'zhaozhen'], ['revert', 'zhaozhen']]);
    const f = await report('2023-05-12');
    expect(f.pr.total).toMatchObject({ reviewTotal: 1, reverted: 1 });
    const f4 = await report('2023-05-12', 'attachment4');
    expect(form4Rows(f4.records, f4.households, f4.names, f4.subjects).map((r) => [r.headName, r.incomeStable, r.eliminationStable])).toEqual([['张三', false, false]]);
  });

  it('清退 needs its written request: kept as evidence, town then city approve; after 05-25 it is refused with the deadline', async () => {
    await talk('liucun', at('2022-05-20'), [
      { say: '清退 王大山', waiting: 'casework/withdraw:reason' },
      { ...press('fq1', 'favouritism'), waiting: 'casework/withdraw:note' },
      { say: '户主是村干部亲属，收入不符', waiting: 'casework/withdraw:evidence' },
      { say: '稍后发', waiting: 'casework/withdraw:evidence', replies: [text('还没有收到书面申请。'), expect.anything()] },
      { input: { type: 'file', msgType: 'image', mediaId: 'm-photo' }, waiting: null, replies: [text(expect.stringMatching(/^已提交：王大山户（凉水井村，3口人）申请清退（优亲厚友\/虚报：户主是村干部亲属，收入不符），书面申请已留存/))] },
    ]);
    await talk('zhaozhen', at('2022-05-21'), [{ say: '镇街审核', waiting: 'casework/town-review:decide' }, { say: '同意', waiting: null }]);
    await talk(CITY, at('2022-05-22'), [{ say: '市级审批', waiting: 'casework/city-approval:decide', replies: [expect.anything(), text(expect.stringContaining('书面申请：书面申请.jpg（已留存）')), expect.anything()] }, { say: '批准清退', waiting: null }]);
    const [wang] = await tx((t) => subjectsOfHousehold(t, ids.wangdashan));
    expect(wang).toMatchObject({ id: wangSubject, status: 'withdrawn', withdrawal: { reason: 'favouritism', requestedOn: '2022-05-20', town: { actor: 'zhaozhen' }, city: { actor: 'chenjing' } } });
    const [req] = await tx((t) => caseRequestsOfSubjects(t, [wangSubject]));
    const kept = await tx((t) => caseRequestEvidence(t, req!.id!));
    expect(kept!.evidence).toMatchObject({ mediaId: 'm-photo', msgType: 'image', bytes: PHOTO.length });
    expect(Buffer.from(kept!.contentBase64!, 'base64').equals(PHOTO)).toBe(true);
    const f = await report('2022-05-31');
    expect(f.pr.total).toMatchObject({ withdrawn: 1 });
    await talk('liucun', at('2022-05-26'), [{ say: '清退 孙七', waiting: null, replies: [text('回退、清退书面申请须在5月25日（周三）前报送，今天已过截止日，不能再申请清退。确有错误纳入的，请报镇街按程序处理。')] }]);
    expect(await tx((t) => subjectsOfHousehold(t, ids.sunqi))).toSatisfy((s: Array<{ withdrawal: unknown }>) => s.every((x) => x.withdrawal === null));
  });
  it('信息比对 runs alongside: 民主评议 and 公示 without it, 镇街审核 only after it is recorded', async () => {
    await talk('wangwu', at('2022-06-06'), [{ say: '排查 李四 入户 有风险 老伴住院花了两万 了解政策', waiting: 'field/general-screening:pick' }, { say: '1', waiting: null }]);
    await talk('liucun', at('2022-06-09', 16), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: '拟纳入 老伴住院自付两万', waiting: 'field/meeting:steps' },
      { say: '比对未完成', waiting: 'field/meeting:publicity' },
      { say: '是', waiting: null, replies: [text(expect.stringContaining('信息比对完成后请发送“信息比对 李四”登记，镇街审核前须完成。')), expect.anything()] },
    ]);
    const steps = async () => (await tx((t) => leadsOfHousehold(t, ids.lisi)))[0]!.steps.map((x) => x.step);
    expect(await steps()).toEqual(['home_visit', 'consent', 'village_review', 'publicity']);
    await talk('zhaozhen', at('2022-06-14'), [{ say: '镇街审核', waiting: 'casework/town-review:decide' }, { say: '同意', waiting: null, replies: [text('李四户还没有登记信息比对，镇街审核前须完成。已提醒村里补登，这户稍后再审。'), expect.anything()] }]);
    await talk('liucun', at('2022-06-14', 11), [{ say: '信息比对 李四', waiting: null }]);
    await talk('zhaozhen', at('2022-06-14', 15), [{ say: '镇街审核', waiting: 'casework/town-review:decide' }, { say: '同意', waiting: null }]);
    expect(await steps()).toEqual(['home_visit', 'consent', 'village_review', 'publicity', 'data_comparison', 'town_review']);
  });
});
