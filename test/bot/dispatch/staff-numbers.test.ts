/**
 * Typed numbers at a staff flow's numbered list, through the router: “1”, “一”, “第一个”, “第二个”
 * pick the item, whether the list is a menu (导出表格, a place of the same name) or numbered text
 * (a household, a subject, a category, a problem, a village). One conversation per flow that shows one.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { cadre, fakeFieldData, gridTeamMember, gridWorker, MONDAY, teamMember, townOfficial, VILLAGE, GRID1, world, type World } from '../../flows/field/world.js';
import { ACTORS, fakeData } from '../../flows/official/fixtures.js';
import { routedTalk } from '../../flows/official/routed.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor } from '../../../src/flows/types.js';

const text = (t: string | RegExp) => ({ type: 'text', text: typeof t === 'string' ? t : expect.stringMatching(t) });
const setup = (actor: Actor, w: World = world()) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });

function withSubjects(): World {
  const w = world();
  const base = { category: 'marginal' as const, includedOn: '2021-03-01', risks: ['illness' as const], measuresDone: ['health' as const], recordedThisCampaign: false };
  w.subjects.push({ ...base, id: 11, householdId: 1, status: 'eliminated', eliminatedOn: '2021-12-20' });
  w.subjects.push({ ...base, id: 21, householdId: 2, status: 'open', eliminatedOn: null });
  w.subjects.push({ ...base, id: 22, householdId: 4, status: 'open', eliminatedOn: null });
  return w;
}

describe('typed numbers at a staff flow’s numbered list', () => {
  it('一般户排查: “第一个” picks the household, “二” the way it was screened', async () => {
    await converse(flows, setup(gridWorker), [
      { say: '排查 李四 入户 无风险 了解政策', waiting: 'field/general-screening:pick' },
      { say: '第一个', waiting: null, replies: [text(/^已登记一般户排查（附件3）：\n户主：李四户/)] },
      { say: '排查 张三', waiting: 'field/general-screening:method', replies: [text(/^张三户的排查方式？请回复：1 入户、2 电话/)] },
      { say: '二', waiting: 'field/general-screening:risk' },
    ]);
  });

  it('重点户排查: “第二个” picks the household', async () => {
    await converse(flows, setup(teamMember), [
      { say: '重点户排查 李四', waiting: 'field/key-group-screening:pick' },
      { say: '第二个', waiting: 'field/key-group-screening:groups', replies: [text(/^王大山户/)] },
    ]);
  });

  it('回头看 and 帮扶跟进: “一” and “第二个” pick from the list of those not yet done', async () => {
    await converse(flows, setup(gridTeamMember, withSubjects()), [
      { say: '回头看', waiting: 'field/review:pick', replies: [text(/^待回头看的户（1户）：\n1\. 张三户/)] },
      { say: '一', waiting: 'field/review:q', replies: [text(/^回头看（附件4）：张三户/), expect.objectContaining({ type: 'card' })] },
    ]);
    await converse(flows, setup(cadre, withSubjects()), [
      { say: '跟进', waiting: 'field/follow-up:pick', replies: [text(/^待跟进的户（2户）：\n1\. 李四户[^\n]*\n2\. 赵六户/)] },
      { say: '第二个', waiting: 'field/follow-up:measuresOk', replies: [text(/^帮扶跟进（附件5）：赵六户/), expect.objectContaining({ type: 'card' })] },
    ]);
  });

  it('报问题: “第六个” picks the category; 整改销号: “一” picks the problem', async () => {
    await converse(flows, setup(gridWorker), [
      { say: '报问题', waiting: 'field/problem-report:category' },
      { say: '第六个', waiting: 'field/problem-report:what' },
    ]);
    const w = world();
    w.problems.push({ id: 51, category: 'data_quality', villageName: '凉水井村', headName: '张三', description: '收入信息缺失', measure: '入户核实后补录', deadline: '2022-06-05', foundOn: '2022-05-02', villageCode: VILLAGE, gridCode: GRID1 });
    w.problems.push({ id: 52, category: 'grid_management', villageName: '凉水井村', headName: null, description: '走访记录不全', measure: '补记走访记录', deadline: '2022-05-06', foundOn: '2022-05-02', villageCode: VILLAGE, gridCode: GRID1 });
    await converse(flows, setup(gridWorker, w), [
      { say: '整改', waiting: 'field/problem-fix:pick' },
      { say: '一', waiting: 'field/problem-fix:what', replies: [text(/^销号：凉水井村张三户：收入信息缺失/)] },
    ]);
  });

  it('培训 by a town official: “第二个” picks the village', async () => {
    await converse(flows, setup(townOfficial), [
      { say: '培训', waiting: 'field/activity:village' },
      { say: '第二个', waiting: 'field/activity:people' },
    ]);
  });

  it('导出表格 and a place of the same name (menus): “一”, “第一个”, “二” pick the item', async () => {
    const town = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await town.say('导出');
    expect((await town.say('一')).replies[0]).toMatch(/^已生成附件1 进度统计表（高家堡镇/);
    await town.say('导出');
    expect((await town.say('第二个')).replies[0]).toMatch(/^已生成附件2/);
    const city = routedTalk(ACTORS.city, fakeData(ACTORS.city));
    await city.say('新村进度');
    expect((await city.say('二')).replies[0]).toMatch(/^店塔镇新村排查进度/);
    expect(city.waiting()).toBeNull();
  });
});
