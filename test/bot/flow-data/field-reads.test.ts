/**
 * What one message of a grid worker costs the register: the field port reads a household once per
 * message however often the flow asks about it, and finds it by name from the names it already
 * read; a new message reads again. On both databases, counting the statements sent.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, statementsOf } from '../../helpers/db.js';
import { idNumber, member } from '../../helpers/people.js';
import { actorOf, HOUSEHOLDS, seedField, type SeededIds } from '../../flows/field/seed.js';
import { fieldData } from '../../../src/bot/flow-data/field.js';
import { transaction } from '../../../src/persistence/db.js';
import { getHousehold } from '../../../src/persistence/households.js';
import { saveHouseholds } from '../../../src/persistence/household-writes.js';

const DAY = '2022-05-09';
/** A statement reading households (by id, by name, or their names). */
const readsHouseholds = (sql: string) => /^SELECT/i.test(sql.trim()) && /FROM [`"]?households[`"]? h/.test(sql);

describeEachDatabase('the field port within one message', (db) => {
  let ids: SeededIds;
  beforeAll(async () => {
    ids = await seedField(db.ds());
  });

  it('asks about a household four times, reads it once; its name comes from the names read for the report', async () => {
    const port = fieldData(db.ds(), actorOf('wangwu'));
    const { result, statements } = await statementsOf(db.ds(), async () => {
      const roster = await port.fieldRoster();
      const [h] = await port.findHouseholds('张小军'); // a member of 张三's household
      await port.screenedToday(h!.id, 'general', DAY);
      await port.openLeadOf(h!.id);
      await port.derivedKeyGroups(h!.id, DAY);
      return { roster, h };
    });
    expect(result.h?.headName).toBe('张三');
    expect(result.roster.households.map((x) => x.headName)).toContain('张三');
    // The grid's names, and the household with its members: two statements on households in all.
    expect(statements.filter(readsHouseholds)).toHaveLength(2);
    expect(statements.filter((s) => /FROM [`"]?members[`"]?/.test(s) && !readsHouseholds(s))).toEqual([]);
  });

  it('finds by name without the names read, and the next message sees a changed household', async () => {
    const first = fieldData(db.ds(), actorOf('wangwu'));
    const [before] = await first.findHouseholds('李四');
    expect(before?.size).toBe(2);
    const stored = await transaction(db.ds(), (tx) => getHousehold(tx, ids.lisi));
    await transaction(db.ds(), (tx) =>
      saveHouseholds(tx, [{ ...HOUSEHOLDS[1]!, members: [...stored!.members, member({ idNumber: idNumber('19950101', 19), name: '李小四', relation: '之子' })] }], { actor: 'import', at: Date.UTC(2022, 3, 3), reason: '测试数据' }),
    );
    // The same message keeps what it read; a new one reads the household again.
    expect((await first.findHouseholds('李四'))[0]?.size).toBe(2);
    const [after] = await fieldData(db.ds(), actorOf('wangwu')).findHouseholds('李四');
    expect(after?.size).toBe(3);
    // Found by name in another grid: not there (周杰's grid holds only 赵六).
    expect(await fieldData(db.ds(), actorOf('zhoujie')).findHouseholds('李四')).toEqual([]);
  });
});
