import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { includedLeadRecord } from '../../helpers/casework.js';
import { fieldCommands } from '../../../src/bot/commands/field.js';
import { commandHandlers } from '../../../src/bot/dispatch/ports.js';
import { fieldData } from '../../../src/bot/flow-data/field.js';
import { transaction } from '../../../src/persistence/db.js';
import { admitLeadRecord } from '../../../src/persistence/leads.js';
import { includeSubjectRecord } from '../../../src/persistence/subjects.js';
import { actorOf, eliminatedSunqi, farmerActor, HOUSEHOLDS, PLACE1, seedField, type SeededIds } from './seed.js';
import { DEMO } from '../../helpers/regions.js';

const MONDAY = Date.UTC(2022, 4, 9, 1, 0, 0);
const TODAY = '2022-05-09';
const handler = commandHandlers(fieldCommands);

describeEachDatabase('the field read port', (db) => {
  let ids: SeededIds;
  const as = (userId: string) => fieldData(db.ds(), userId === 'farmer' ? farmerActor : actorOf(userId));
  beforeAll(async () => {
    ids = await seedField(db.ds());
    await transaction(db.ds(), async (tx) => {
      // 孙七: due a 回头看. 王大山: an open subject.
      await eliminatedSunqi(tx, ids);
      const lead2 = await includedLeadRecord(tx, ids.wangdashan, '2022-01-03', PLACE1);
      await includeSubjectRecord(tx, { leadId: lead2.id!, memberIds: [HOUSEHOLDS[2]!.members[0]!.idNumber], risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }, { measure: 'employment', status: 'pending' }], actor: 'city1', at: Date.UTC(2022, 0, 20) });
      // 李四: a department warning waiting for 入户核查.
      await admitLeadRecord(tx, { householdId: ids.lisi, declarant: null, placement: PLACE1, origin: { source: 'department_warning', department: 'medical_insurance', foundOn: '2022-05-06', note: '住院自付2万', actor: 'yibao1', at: Date.UTC(2022, 4, 6, 2) } }, { deadlineDays: 15, publicityMinDays: 5, dueSoonDays: 3 });
      // 马小红: declared by a farmer not on the register — placed in the village only, no grid.
      await admitLeadRecord(tx, { householdId: null, declarant: { name: '马小红', idTail: '5678', villageCode: DEMO.lsj }, placement: { ...PLACE1, gridCode: null }, origin: { source: 'self_declared', department: null, foundOn: '2022-05-07', note: '房子裂了', actor: 'kf:wmX', at: Date.UTC(2022, 4, 7, 2) } }, { deadlineDays: 15, publicityMinDays: 5, dueSoonDays: 3 });
    });
  });

  it('finds households by the head’s or a member’s name, only in the asker’s area', async () => {
    const lisi = await as('wangwu').findHouseholds('李四');
    expect(lisi.map((h) => [h.id, h.headName, h.matchedMember, h.villageName, h.gridName, h.size])).toEqual([
      [ids.lisi, '李四', null, '凉水井村', '凉水井一网格', 2],
      [ids.wangdashan, '王大山', '李四', '凉水井村', '凉水井一网格', 3],
    ]);
    expect(lisi[1]).toMatchObject({ type: 'alleviated', keyGroups: ['kg1_alleviated', 'kg4_dibao'], phone: '13900001111', noLabour: false });
    expect(await as('wangwu').findHouseholds('赵六')).toEqual([]);
    expect((await as('liucun').findHouseholds('赵六')).map((h) => h.id)).toEqual([ids.zhaoliu]);
    expect((await as('zhaozhen').findHouseholds('赵六')).map((h) => h.id)).toEqual([ids.zhaoliu]);
    expect(await as('yibao1').findHouseholds('张三')).toEqual([]);
    expect(await as('farmer').findHouseholds('张三')).toEqual([]);
    expect((await as('wangwu').findHouseholds('孙七'))[0]).toMatchObject({ noLabour: true, size: 1 });
  });

  it('the roster of the area: heads and members by household, and the place names of the tree', async () => {
    const grid = await as('wangwu').fieldRoster();
    expect(grid.households.map((h) => [h.headName, h.members])).toEqual([['张三', ['李秀英', '张小军', '张小丽']], ['李四', ['王芳']], ['王大山', ['李四', '刘桂兰']], ['孙七', []]]);
    expect(grid.households[0]?.id).toBe(ids.zhangsan);
    expect(grid.places).toEqual(expect.arrayContaining(['高家堡镇', '凉水井村', '新村', '店塔镇', '麟州街道', '麟州街道办']));
    expect((await as('liucun').fieldRoster()).households.map((h) => h.headName)).toContain('赵六');
    expect(await as('farmer').fieldRoster()).toEqual({ households: [], places: [] });
    expect(await as('yibao1').fieldRoster()).toEqual({ households: [], places: [] });
  });

  it('the campaign of the day: the seed’s 2022 calendar', async () => {
    expect(await as('wangwu').fieldCampaign(TODAY)).toEqual({ code: '2022', name: '2022年防止返贫监测帮扶集中排查', meeting: { weekday: 4, time: '15:00' }, rollbackRequestsBy: '2022-05-25', correctionsBy: '2022-06-05', identificationLimitDays: 15, publicityMinDays: 5, eliminationMinMonths: 6, keyGroupBasis: { incomeYear: 2021, line: 6700 } });
    expect((await as('wangwu').fieldCampaign('2023-03-01')).correctionsBy).toBe('2023-06-05');
  });

  it('the asker’s own record of today, and the open lead, only for households in the area', async () => {
    await transaction(db.ds(), (tx) => handler.handle(tx, { kind: 'field.screening.save', form: 'general', campaign: '2022', householdId: ids.zhangsan, remark: '', answers: { method: 'home_visit', riskFound: true, riskDetails: '户主住院', knowsPolicy: true } }, { actor: actorOf('wangwu'), now: MONDAY, inboundId: 1 }));
    expect(await as('wangwu').screenedToday(ids.zhangsan, 'general', TODAY)).toMatchObject({ riskFound: true, answers: { method: 'home_visit', riskFound: true, riskDetails: '户主住院', knowsPolicy: true } });
    expect(await as('wangwu').screenedToday(ids.zhangsan, 'general', '2022-05-10')).toBeNull();
    expect(await as('liucun').screenedToday(ids.zhangsan, 'general', TODAY)).toBeNull();
    expect(await as('wangwu').openLeadOf(ids.zhangsan)).toMatchObject({ headName: '张三', discoveredOn: TODAY, deadline: '2022-05-24', nextStep: 'home_visit', note: '户主住院' });
    expect(await as('wangwu').openLeadOf(ids.zhaoliu)).toBeNull();
  });

  it('subjects: eliminated ones for 回头看, open ones for 跟进, with measures done', async () => {
    const eliminated = await as('wangwu').fieldSubjects('eliminated', TODAY);
    expect(eliminated.map((s) => [s.household.headName, s.status, s.eliminatedOn, s.recordedThisCampaign])).toEqual([['孙七', 'eliminated', '2021-10-01', false]]);
    const open = await as('liucun').fieldSubjects('open', TODAY, '李四');
    expect(open.map((s) => [s.household.headName, s.household.matchedMember, s.risks, s.measuresDone])).toEqual([['王大山', '李四', ['illness'], ['health']]]);
    expect(await as('yibao1').fieldSubjects('open', TODAY)).toEqual([]);
  });

  it('the to-do list of a grid worker', async () => {
    const todo = await as('wangwu').fieldTodo(TODAY);
    expect(todo.unscreened).toEqual({ total: 3, names: ['李四', '王大山', '孙七'] });
    expect(todo.awaitingChecks.map((l) => [l.headName, l.deadline])).toEqual([['李四', '2022-05-21'], ['马小红', '2022-05-22'], ['张三', '2022-05-24']]);
    // The unregistered declarant's lead is every grid worker's of the village; a household's lead only its grid's.
    expect((await as('zhoujie').fieldTodo(TODAY)).awaitingChecks.map((l) => l.headName)).toEqual(['马小红']);
    expect(todo.dueReview.map((d) => d.headName)).toEqual(['孙七']);
  });

  it('the 研判会 agenda of the village, for village-level staff only', async () => {
    const agenda = await as('liucun').meetingAgenda('2022-05-12');
    expect(agenda.map((i) => [i.headName, i.lead?.deadline, i.screening])).toEqual([['李四', '2022-05-21', null], ['马小红', '2022-05-22', null], ['张三', '2022-05-24', null]]);
    expect(await as('wangwu').meetingAgenda('2022-05-12')).toEqual([]);
  });

  it('villages: one’s own, or those of the town by name', async () => {
    expect(await as('wangwu').fieldVillages()).toEqual([{ code: DEMO.lsj, name: '凉水井村' }]);
    expect((await as('zhaozhen').fieldVillages()).map((v) => v.name)).toEqual(['凉水井村', '新村']);
    expect(await as('zhaozhen').fieldVillages('凉水井')).toEqual([{ code: DEMO.lsj, name: '凉水井村' }]);
    expect(await as('zhaozhen').fieldVillages('高家堡村')).toEqual([]);
    expect(await as('wangwu').fieldVillages('新村')).toEqual([]);
  });
});
