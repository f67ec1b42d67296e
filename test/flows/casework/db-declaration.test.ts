/**
 * A case that begins with a farmer's own declaration (微信客服), carried to 公告 on a real database
 * (SQLite and MariaDB): 李四 tells of his wife's hospital bill, the declaration opens a lead on his
 * household (source 农户自主申报), the village 研判会 proposes it, the town approves after the 公示,
 * the city includes and announces it — on time against the 15-day clock — and the farmer's own
 * “我的申报到哪一步了” shows it included.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { converse, performOn, type RouteTurn } from '../../helpers/converse.js';
import { actorOf, seedField, STAFF } from '../field/seed.js';
import { at } from '../../helpers/casework.js';
import { idNumber, staffMember } from '../../helpers/people.js';
import { DEMO, demoTree } from '../../helpers/regions.js';
import { createCommands } from '../../../src/bot/commands/index.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor } from '../../../src/flows/types.js';
import { transaction } from '../../../src/persistence/db.js';
import { leadsOfHousehold } from '../../../src/persistence/leads.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { subjectsOfHousehold } from '../../../src/persistence/subjects.js';
import type { SeededIds } from '../field/seed.js';

const CITY: Actor = { sender: { channel: 'app', id: 'chenjing' }, staff: { userId: 'chenjing', name: '陈静', role: 'city_bureau', jurisdiction: { level: 'city', code: DEMO.city } } };
const FARMER: Actor = { sender: { channel: 'kf', id: 'wmLisi', openKfId: 'kfDemo' }, staff: null };

describeEachDatabase('a case from a farmer’s declaration to 公告', (db) => {
  let ids: SeededIds;
  const onDb = performOn(db.ds, createCommands());
  const talk = (actor: Actor, now: number, turns: RouteTurn[]) =>
    converse(flows, { actor, now, data: createFlowData(db.ds(), {})(actor), perform: onDb.perform(actor) }, turns);
  const tx = <T>(fn: Parameters<typeof transaction<T>>[1]) => transaction(db.ds(), fn);

  beforeAll(async () => {
    ids = await seedField(db.ds());
    await tx((t) => saveStaff(t, [...STAFF, staffMember('chenjing', '陈静', 'city_bureau', 'city', DEMO.city)], { actor: 'import', at: Date.UTC(2022, 3, 1), reason: '测试数据' }, demoTree()));
  });

  it('declaration → lead on the household → 研判会 → 公示 → 镇街审核 → 市级审批与公告, on time', async () => {
    const day = at('2022-05-09', 10);
    await talk(FARMER, day, [
      { say: '俺婆姨住院了 自己掏了三万多 家里实在困难', waiting: 'farmer/declare:name' },
      { say: '李四', waiting: 'farmer/declare:id' },
      { say: idNumber('19650505', 51) },
      { say: '没有' },
      { say: '高家堡镇凉水井村', waiting: 'farmer/declare:confirm' },
      { say: '对', waiting: null, replies: [{ type: 'text', text: expect.stringMatching(/^已提交！申报编号：SB\d+。\n网格员王五会在3天内上门核实/) }] },
    ]);
    const leads = await tx((t) => leadsOfHousehold(t, ids.lisi));
    expect(leads).toHaveLength(1);
    expect(leads[0]!.origins[0]?.source).toBe('self_declared');
    expect(leads[0]!.deadline).toBe('2022-05-24');

    await talk(actorOf('liucun'), at('2022-05-12', 16), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: '拟纳入 妻子住院自付三万多，基本生活困难', waiting: 'field/meeting:steps' },
      { say: '都完成了', waiting: 'field/meeting:publicity' },
      { say: '是', waiting: null },
    ]);
    await talk(actorOf('zhaozhen'), at('2022-05-17', 9), [
      { say: '镇街审核', waiting: 'casework/town-review:decide' },
      { say: '同意', waiting: null },
    ]);
    await talk(CITY, at('2022-05-18', 10), [
      { say: '市级审批', waiting: 'casework/city-approval:decide' },
      { say: '边缘易致贫户', waiting: 'casework/city-approval:epidemic' },
      { say: '否', waiting: null },
    ]);
    const [lead] = await tx((t) => leadsOfHousehold(t, ids.lisi));
    expect(lead).toMatchObject({ status: 'included', outcome: { decision: 'include', category: 'marginal', actor: 'chenjing', late: false } });
    expect(lead!.steps.map((s) => s.step)).toEqual(['home_visit', 'consent', 'data_comparison', 'village_review', 'publicity', 'town_review', 'city_approval', 'announcement', 'system_entry']);
    const [subject] = await tx((t) => subjectsOfHousehold(t, ids.lisi));
    expect(subject).toMatchObject({ status: 'open', category: 'marginal', includedOn: '2022-05-18', risks: [{ type: 'illness' }] });
    // The farmer sees where the declaration stands.
    await talk(FARMER, at('2022-05-19', 9), [
      { say: '我的申报到哪一步了', waiting: null, replies: [{ type: 'text', text: expect.stringContaining('进度：已认定为监测对象（边缘易致贫户，5月18日）') }] },
    ]);
  });
});
