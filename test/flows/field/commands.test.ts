import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { fieldCommands, FieldCommandError } from '../../../src/bot/commands/field.js';
import { commandHandlers, type CommandContext } from '../../../src/bot/dispatch/ports.js';
import { transaction } from '../../../src/persistence/db.js';
import { historyOf } from '../../../src/persistence/case-history.js';
import { getLead, leadsOfHousehold } from '../../../src/persistence/leads.js';
import { getProblem, problemsInRegion } from '../../../src/persistence/problems.js';
import { screeningsOfHousehold } from '../../../src/persistence/screenings.js';
import { activitiesOfVillages } from '../../../src/persistence/activities.js';
import { actorOf, farmerActor, PLACE1, seedField, type SeededIds } from './seed.js';
import { DEMO } from '../../helpers/regions.js';
import type { CheckStep } from '../../../src/flows/field/data.js';

/** 2022-05-09 09:00 Asia/Shanghai (Monday); Thursday 16:00 of that week. */
const MONDAY = Date.UTC(2022, 4, 9, 1, 0, 0);
const THURSDAY = MONDAY + 3 * 86_400_000 + 7 * 3_600_000;
const handler = commandHandlers(fieldCommands);
const general = (householdId: number, answers: object) => ({ kind: 'field.screening.save', form: 'general', campaign: '2022', householdId, remark: '', answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true, ...answers } });
const family = { income: '务工3万', annualIncomeYuan: 30000, schooling: '无', schoolingCostYuan: null, illness: '老伴住院', illnessCostYuan: 20000, disaster: '无', disasterLossYuan: null };

describeEachDatabase('field commands', (db) => {
  let ids: SeededIds;
  const run = (command: Record<string, unknown> & { kind: string }, userId: string, now = MONDAY, inboundId = 1) => {
    const ctx: CommandContext = { actor: userId === 'farmer' ? farmerActor : actorOf(userId), now, inboundId };
    return transaction(db.ds(), (tx) => handler.handle(tx, command, ctx));
  };
  beforeAll(async () => {
    ids = await seedField(db.ds());
  });

  it('a general screening is stored for the screener and household; a same-day correction overwrites, with history; risk opens a lead once', async () => {
    await run(general(ids.zhangsan, { riskFound: true, riskDetails: '儿子住院花了两万' }), 'wangwu');
    await run(general(ids.zhangsan, { method: 'phone', riskFound: false }), 'wangwu', MONDAY + 3_600_000);
    const records = await transaction(db.ds(), (tx) => screeningsOfHousehold(tx, ids.zhangsan, '2022'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ form: 'general', screener: 'wangwu', placement: PLACE1, answers: { method: 'phone', riskFound: false }, day: '2022-05-09' });
    const history = await transaction(db.ds(), (tx) => historyOf(tx, 'screening_record', records[0]!.id));
    expect(history.map((h) => [h.actor, h.reason])).toEqual([['wangwu', '登记：排查台账（一般户）'], ['wangwu', '同日更正：排查台账（一般户）']]);
    const leads = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.zhangsan));
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ status: 'open', discoveredOn: '2022-05-09', deadline: '2022-05-24', origins: [{ source: 'cadre_screening', note: '儿子住院花了两万', actor: 'wangwu' }] });
  });

  it('a screening said to be of an earlier day is stored on that day: its lead dated that day, a correction of that day replaces it; a future day or another year is refused', async () => {
    const said = { ...general(ids.sunqi, { riskFound: true, riskDetails: '老汉住院' }), day: '2022-05-05' };
    await expect(run({ ...said, day: '2022-05-10' }, 'wangwu')).rejects.toMatchObject({ code: 'FIELD.BAD_COMMAND' });
    await expect(run({ ...said, day: '2021-12-28' }, 'wangwu')).rejects.toMatchObject({ code: 'FIELD.BAD_COMMAND' });
    await run(said, 'wangwu');
    await run({ ...said, answers: { ...said.answers, method: 'phone' }, correction: '不对，是电话问的' }, 'wangwu', MONDAY + 600_000);
    const records = await transaction(db.ds(), (tx) => screeningsOfHousehold(tx, ids.sunqi, '2022'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ day: '2022-05-05', at: MONDAY + 600_000, answers: { method: 'phone', riskFound: true } });
    const history = await transaction(db.ds(), (tx) => historyOf(tx, 'screening_record', records[0]!.id));
    expect(history.map((h) => [h.actor, h.at, h.reason])).toEqual([['wangwu', MONDAY, '登记：排查台账（一般户）'], ['wangwu', MONDAY + 600_000, '同日更正：排查台账（一般户）（不对，是电话问的）']]);
    const leads = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.sunqi));
    expect(leads).toEqual([expect.objectContaining({ discoveredOn: '2022-05-05', deadline: '2022-05-20' })]);
  });

  it('refuses a household outside the jurisdiction, a role that may not, a farmer, and a malformed command — nothing written', async () => {
    await expect(run(general(ids.zhaoliu, {}), 'wangwu')).rejects.toMatchObject({ code: 'FIELD.OUT_OF_JURISDICTION' });
    await expect(run({ ...general(ids.lisi, {}), form: 'key_group', answers: { groups: ['kg1_alleviated'], family, verdict: null, riskFound: false, riskDetails: null } }, 'wangwu')).rejects.toMatchObject({ code: 'FIELD.ROLE' });
    await expect(run(general(ids.lisi, {}), 'yibao1')).rejects.toMatchObject({ code: 'FIELD.ROLE' });
    await expect(run(general(ids.lisi, {}), 'farmer')).rejects.toBeInstanceOf(FieldCommandError);
    await expect(run(general(ids.lisi, { method: 'letter' }), 'wangwu')).rejects.toMatchObject({ code: 'FIELD.BAD_COMMAND' });
    const records = await transaction(db.ds(), async (tx) => [...(await screeningsOfHousehold(tx, ids.zhaoliu, '2022')), ...(await screeningsOfHousehold(tx, ids.lisi, '2022'))]);
    expect(records).toEqual([]);
  });

  it('研判会 拟纳入 on a key-group record: the verdict, a lead dated the screening day, the confirmed steps, 民主评议 and 公示', async () => {
    await run({ kind: 'field.screening.save', form: 'key_group', campaign: '2022', householdId: ids.wangdashan, remark: '', answers: { groups: ['kg1_alleviated', 'kg4_dibao'], family, verdict: null, riskFound: true, riskDetails: '老伴住院自付2万' } }, 'chendui', MONDAY + 86_400_000);
    const [record] = await transaction(db.ds(), (tx) => screeningsOfHousehold(tx, ids.wangdashan, '2022'));
    await run({ kind: 'field.meeting.verdict', householdId: ids.wangdashan, screeningId: record!.id, leadId: null, verdict: 'propose_include', reason: '因病支出大', confirmedSteps: ['home_visit', 'consent', 'data_comparison'], publicityUntil: '2022-05-16' }, 'liucun', THURSDAY);
    const [after] = await transaction(db.ds(), (tx) => screeningsOfHousehold(tx, ids.wangdashan, '2022'));
    expect(after!.answers).toMatchObject({ verdict: 'propose_include' });
    const [lead] = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.wangdashan));
    expect(lead).toMatchObject({ status: 'open', discoveredOn: '2022-05-10' });
    expect(lead!.steps.map((s) => [s.step, s.actor, s.note, s.publicityUntil])).toEqual([
      ['home_visit', 'liucun', '研判会上确认已完成', null],
      ['consent', 'liucun', '研判会上确认已完成', null],
      ['data_comparison', 'liucun', '研判会上确认已完成', null],
      ['village_review', 'liucun', '研判会拟纳入：因病支出大', null],
      ['publicity', 'liucun', '研判会后公示', '2022-05-16'],
    ]);
  });

  it('研判会 不纳入 closes the lead with the reason; 拟纳入 without the earlier steps leaves it before 民主评议', async () => {
    const [lead] = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.zhangsan));
    await run({ kind: 'field.meeting.verdict', householdId: ids.zhangsan, screeningId: null, leadId: lead!.id, verdict: 'not_include', reason: '务工收入稳定', confirmedSteps: [], publicityUntil: null }, 'liucun', THURSDAY);
    expect(await transaction(db.ds(), (tx) => getLead(tx, lead!.id!))).toMatchObject({ status: 'not_included', outcome: { decision: 'exclude', reason: '研判会不纳入：务工收入稳定', actor: 'liucun' } });

    await run(general(ids.lisi, { riskFound: true, riskDetails: '老伴摔伤' }), 'wangwu', THURSDAY);
    const [open] = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.lisi));
    await run({ kind: 'field.meeting.verdict', householdId: ids.lisi, screeningId: null, leadId: open!.id, verdict: 'propose_include', reason: '医疗支出大', confirmedSteps: [], publicityUntil: null }, 'liucun', THURSDAY + 60_000);
    expect((await transaction(db.ds(), (tx) => getLead(tx, open!.id!)))!.steps).toEqual([]);
    await expect(run({ kind: 'field.meeting.verdict', householdId: ids.lisi, screeningId: null, leadId: open!.id, verdict: 'not_include', reason: 'x', confirmedSteps: [], publicityUntil: null }, 'wangwu', THURSDAY)).rejects.toMatchObject({ code: 'FIELD.ROLE' });
  });

  it('a lead’s 入户核查, 承诺授权, 信息比对 are recorded once each, in order, with who, when and what was said; refused outside the jurisdiction', async () => {
    // 孙七's lead (opened by the screening of an earlier day, above) waits for its 入户核查.
    const lead = (await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.sunqi))).find((l) => l.status === 'open');
    expect(lead?.steps).toEqual([]);
    const steps = (...s: Array<[CheckStep, string, boolean?]>) => ({ kind: 'field.lead.steps' as const, leadId: lead!.id!, steps: s.map(([step, note, skipped]) => ({ step, note, skipped: skipped ?? false })) });
    await expect(run(steps(['home_visit', '属实']), 'zhoujie')).rejects.toMatchObject({ code: 'FIELD.OUT_OF_JURISDICTION' });
    // 承诺授权 alone waits for the visit: nothing recorded.
    await run(steps(['consent', '']), 'wangwu', MONDAY + 1_800_000);
    expect((await transaction(db.ds(), (tx) => getLead(tx, lead!.id!)))!.steps).toEqual([]);
    await run(steps(['home_visit', '情况属实 自付两万多'], ['consent', '儿子代签']), 'wangwu', MONDAY + 3_600_000);
    // Told twice (a retry, or a second worker): nothing is recorded again; 信息比对 joins.
    await run(steps(['home_visit', '又去了一次'], ['data_comparison', '已是低保户', true]), 'liucun', MONDAY + 7_200_000);
    const after = await transaction(db.ds(), (tx) => getLead(tx, lead!.id!));
    expect(after!.steps).toEqual([
      expect.objectContaining({ step: 'home_visit', actor: 'wangwu', at: MONDAY + 3_600_000, note: '情况属实 自付两万多', skipped: false }),
      expect.objectContaining({ step: 'consent', actor: 'wangwu', at: MONDAY + 3_600_000, note: '儿子代签', skipped: false }),
      expect.objectContaining({ step: 'data_comparison', actor: 'liucun', at: MONDAY + 7_200_000, note: '已是低保户', skipped: true }),
    ]);
  });

  it('a problem is opened where the reporter works (a grid worker’s in their grid) and rectified with who and when', async () => {
    await run({ kind: 'field.problem.open', category: 'data_quality', villageCode: DEMO.lsj, householdId: ids.zhangsan, description: '收入信息缺失', measure: '入户核实后补录', deadline: '2022-06-05' }, 'wangwu');
    await run({ kind: 'field.problem.open', category: 'grid_management', villageCode: DEMO.lsj, householdId: null, description: '走访记录不全', measure: '补记', deadline: '2022-05-20' }, 'wangwu');
    const problems = await transaction(db.ds(), (tx) => problemsInRegion(tx, { level: 'grid', code: DEMO.lsjGrid1 }, 'open'));
    expect(problems.map((p) => [p.category, p.householdId, p.placement.gridCode, p.responsible, p.foundOn])).toEqual([
      ['data_quality', ids.zhangsan, DEMO.lsjGrid1, 'wangwu', '2022-05-09'],
      ['grid_management', null, DEMO.lsjGrid1, 'wangwu', '2022-05-09'],
    ]);
    await run({ kind: 'field.problem.rectify', problemId: problems[0]!.id!, what: '已补录', dataCorrected: true }, 'liucun', THURSDAY);
    expect(await transaction(db.ds(), (tx) => getProblem(tx, problems[0]!.id!))).toMatchObject({ status: 'rectified', rectification: { what: '已补录', by: 'liucun', day: '2022-05-12', dataCorrected: true } });
    await expect(run({ kind: 'field.problem.open', category: 'other', villageCode: '610821102201', householdId: null, description: '别村的问题', measure: '无', deadline: '2022-06-05' }, 'liucun')).rejects.toMatchObject({ code: 'FIELD.OUT_OF_JURISDICTION' });
    await expect(run({ kind: 'field.problem.rectify', problemId: problems[1]!.id!, what: '补了', dataCorrected: false }, 'yibao1')).rejects.toMatchObject({ code: 'FIELD.ROLE' });
  });
  it('部署 and 培训 reports: refused outside the jurisdiction, to a grid worker, for a future day or a grid code — nothing written', async () => {
    const report = (villageCodes: string[], over: object = {}) => ({ kind: 'field.activity.record', activity: 'training', villageCodes, day: '2022-05-09', people: 10, ...over });
    await expect(run(report(['610821102201']), 'liucun')).rejects.toMatchObject({ code: 'FIELD.OUT_OF_JURISDICTION' });
    await expect(run(report([DEMO.lsj]), 'wangwu')).rejects.toMatchObject({ code: 'FIELD.ROLE' });
    await expect(run(report([DEMO.lsj], { day: '2022-05-10' }), 'liucun')).rejects.toMatchObject({ code: 'FIELD.BAD_COMMAND' });
    await expect(run(report([DEMO.lsj], { people: 9999 }), 'liucun')).rejects.toMatchObject({ code: 'FIELD.BAD_COMMAND' });
    await expect(run(report([DEMO.lsjGrid1]), 'liucun')).rejects.toMatchObject({ code: 'FIELD.BAD_COMMAND' });
    // A town official's 全镇 report is all or nothing: one village outside the town rolls back the rest.
    await expect(run(report([DEMO.lsj, '610821102201'], { activity: 'deployment', people: null }), 'zhaozhen')).rejects.toMatchObject({ code: 'FIELD.OUT_OF_JURISDICTION' });
    expect(await transaction(db.ds(), (tx) => activitiesOfVillages(tx, '2022', [DEMO.lsj, '610821102201']))).toEqual([]);
    await run(report([DEMO.lsj]), 'liucun', MONDAY, 77);
    expect(await transaction(db.ds(), (tx) => activitiesOfVillages(tx, '2022', [DEMO.lsj]))).toMatchObject([{ kind: 'training', villageCode: DEMO.lsj, people: 10, recordedBy: 'liucun' }]);
  });
});

describe('field command table', () => {
  it('lists exactly the kinds the field flows emit', () => {
    expect(Object.keys(fieldCommands).sort()).toEqual(['field.activity.record', 'field.lead.steps', 'field.meeting.verdict', 'field.problem.open', 'field.problem.rectify', 'field.screening.save']);
  });
});
