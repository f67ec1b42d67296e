/**
 * Key groups ② and ⑥ derived from the register through the field port, on both databases: the
 * recorded income of the campaign's income year against its line, the members' schooling; the
 * register's tags are left as they were.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { idNumber, member } from '../../helpers/people.js';
import { actorOf, HOUSEHOLDS, PLACE1, seedField, type SeededIds } from '../../flows/field/seed.js';
import { fieldData } from '../../../src/bot/flow-data/field.js';
import { transaction } from '../../../src/persistence/db.js';
import { recordHouseholdFacts } from '../../../src/persistence/household-facts.js';
import { getHousehold } from '../../../src/persistence/households.js';
import { saveHouseholds } from '../../../src/persistence/household-writes.js';

const DAY = '2022-05-09';
const income = (total: number) => JSON.stringify({ year: 2021, wage: total, business: 0, property: 0, transfer: 0, businessCost: 0 });

describeEachDatabase('key groups derived from the register (field port)', (db) => {
  let ids: SeededIds;
  let students: number;
  const port = () => fieldData(db.ds(), actorOf('wangwu'));
  beforeAll(async () => {
    ids = await seedField(db.ds());
    const meta = { actor: 'import', at: Date.UTC(2022, 3, 2), reason: '测试数据' };
    await transaction(db.ds(), async (tx) => {
      const [saved] = await saveHouseholds(tx, [{
        ...HOUSEHOLDS[1]!, code: 'H09', headName: '高建国', keyGroups: [],
        members: [member({ idNumber: idNumber('19700303', 17), name: '高建国', relation: '户主' }), member({ idNumber: idNumber('20040404', 27), name: '高小明', relation: '之子', schooling: 'high_school' }), member({ idNumber: idNumber('20020505', 37), name: '高小红', relation: '之女', schooling: 'college' })],
        placement: PLACE1,
      }], meta);
      students = saved!.id;
      // 张三: 4 people, 20000 元 in 2021 → 5000 per head, within the range (≤ 6700). 李四: 2 people, 13402 → 6701, above it.
      await recordHouseholdFacts(tx, [
        { householdId: ids.zhangsan, key: 'income', value: income(20000), source: 'import', sourceRef: 'import:1', asOf: '2022-03-01' },
        { householdId: ids.lisi, key: 'income', value: income(13402), source: 'import', sourceRef: 'import:1', asOf: '2022-03-01' },
      ], { actor: 'import', at: meta.at });
    });
  });

  it('② from the income within the monitoring range, ⑥ from two members in non-compulsory schooling; tags unchanged', async () => {
    expect(await port().derivedKeyGroups(ids.zhangsan, DAY)).toEqual([{ group: 'kg2_low_income', reason: '2021年人均纯收入5000元，在监测范围内（6700元及以下）' }]);
    expect(await port().derivedKeyGroups(ids.lisi, DAY)).toEqual([]);
    expect(await port().derivedKeyGroups(students, DAY)).toEqual([{ group: 'kg6_many_children', reason: '2人在读高中、中职或大学' }]);
    expect((await transaction(db.ds(), (tx) => getHousehold(tx, ids.zhangsan)))?.keyGroups).toEqual([]);
  });

  it('says nothing of a household outside the asker’s area', async () => {
    expect(await fieldData(db.ds(), actorOf('zhoujie')).derivedKeyGroups(ids.zhangsan, DAY)).toEqual([]);
  });
});
