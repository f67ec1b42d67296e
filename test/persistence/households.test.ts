import { expect, it } from 'vitest';
import { transaction } from '../../src/persistence/db.js';
import { listHistory } from '../../src/persistence/history.js';
import { HouseholdWriteError, markMemberLeft, saveHouseholds, setKeyGroups, type HouseholdInput } from '../../src/persistence/household-writes.js';
import { countHouseholds, findHouseholdByCode, findHouseholdOfPerson, getHousehold, listHouseholds } from '../../src/persistence/households.js';
import { describeEachDatabase, orm } from '../helpers/db.js';
import { household, idNumber, member } from '../helpers/people.js';

const T0 = Date.parse('2022-05-01T02:00:00Z');
const meta = (at: number, reason = '测试') => ({ actor: 'tester', at, reason });

const zhang = member({ idNumber: idNumber('19700101', 11), name: '张三', relation: '户主' });
const li = member({ idNumber: idNumber('19720202', 22), name: '李四', relation: '配偶' });
const son = member({ idNumber: idNumber('20100303', 31), name: '张小', relation: '之子', labour: 'none', schooling: 'compulsory' });
const wang = member({ idNumber: idNumber('19650505', 51), name: '王五', relation: '户主' });

function input(code: string, over: Partial<HouseholdInput> = {}): HouseholdInput {
  const { id: _id, ...h } = household({ code, ...over });
  return h;
}

describeEachDatabase('household register', (db) => {
  /** Households whose kept 家庭人口 (`households.people`) is not the count of their members still in them. */
  const miscounted = async () => {
    const rows = (await orm(db.ds()).query(
      'SELECT code, people, (SELECT COUNT(*) FROM members m WHERE m.household_id = h.id AND m.left_on IS NULL) AS n FROM households h',
    )) as Array<{ code: string; people: unknown; n: unknown }>;
    expect(rows.length).toBeGreaterThan(0);
    return rows.filter((r) => r.people === null || Number(r.people) !== Number(r.n));
  };

  it('creates households with members, reads them back, and records one creation entry each', async () => {
    const out = await transaction(db.ds(), (tx) =>
      saveHouseholds(tx, [input('H1', { members: [zhang, li, son], keyGroups: ['kg6_many_children', 'kg2_low_income'] }), input('H2', { headName: '王五', members: [wang] })], meta(T0)),
    );
    expect(out.map((o) => [o.code, o.household, o.members.created])).toEqual([
      ['H1', 'created', 3],
      ['H2', 'created', 1],
    ]);
    const h1 = await findHouseholdByCode(db.ds().manager, 'H1');
    expect(h1).toEqual({ ...household({ code: 'H1', members: [zhang, li, son], keyGroups: ['kg2_low_income', 'kg6_many_children'] }), id: out[0]?.id, members: [zhang, li, son].map((m) => ({ ...m, left: null })) });
    expect(await getHousehold(db.ds().manager, out[1]?.id as number)).toMatchObject({ code: 'H2', headName: '王五' });
    expect((await findHouseholdOfPerson(db.ds().manager, son.idNumber))?.code).toBe('H1');
    expect(await miscounted()).toEqual([]);
    const history = await listHistory(db.ds().manager, 'household', out[0]?.id as number);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: 'tester', at: T0, reason: '测试', before: null });
    expect((history[0]?.after as { members: unknown[] }).members).toHaveLength(3);
  });

  it('changes nothing when the same households are saved again', async () => {
    const out = await transaction(db.ds(), (tx) => saveHouseholds(tx, [input('H1', { members: [zhang, li, son], keyGroups: ['kg6_many_children', 'kg2_low_income'] })], meta(T0 + 1000)));
    expect(out[0]).toMatchObject({ household: 'unchanged', members: { created: 0, updated: 0, movedIn: 0, left: 0 } });
    expect(await listHistory(db.ds().manager, 'household', out[0]?.id as number)).toHaveLength(1);
  });

  it('updates changed fields and members with history, marks absent members left when asked', async () => {
    const at = T0 + 86_400_000;
    const out = await transaction(db.ds(), (tx) =>
      saveHouseholds(tx, [input('H1', { members: [zhang, { ...li, health: 'serious_illness' }], dibao: true, keyGroups: ['kg2_low_income', 'kg6_many_children'] })], meta(at, '导入 roster.csv'), {
        absentMembers: { markLeft: true, on: '2022-05-02', reason: '户籍名册中已无此人' },
      }),
    );
    expect(out[0]).toMatchObject({ household: 'updated', members: { created: 0, updated: 1, movedIn: 0, left: 1 } });
    const h1 = await findHouseholdByCode(db.ds().manager, 'H1');
    expect(h1?.dibao).toBe(true);
    expect(h1?.members.map((m) => [m.name, m.health, m.left])).toEqual([
      ['张三', 'healthy', null],
      ['李四', 'serious_illness', null],
      ['张小', 'healthy', { on: '2022-05-02', reason: '户籍名册中已无此人' }],
    ]);
    const hh = await listHistory(db.ds().manager, 'household', out[0]?.id as number);
    expect(hh.at(-1)).toMatchObject({ at, reason: '导入 roster.csv', before: { dibao: false }, after: { dibao: true } });
    expect((await listHistory(db.ds().manager, 'member', li.idNumber)).at(-1)).toMatchObject({ before: { health: 'healthy' }, after: { health: 'serious_illness' } });
    expect((await listHistory(db.ds().manager, 'member', son.idNumber)).at(-1)).toMatchObject({ before: { left: null }, after: { left: { on: '2022-05-02', reason: '户籍名册中已无此人' } } });
    expect(await countHouseholds(db.ds().manager, { level: 'village', code: '610821101201' })).toEqual({ households: 2, people: 3 });
    expect(await miscounted()).toEqual([]);
  });

  it('moves a person registered in another household (one household per person), with history', async () => {
    const out = await transaction(db.ds(), (tx) => saveHouseholds(tx, [input('H2', { headName: '王五', members: [wang, { ...son, relation: '之孙子' }] })], meta(T0 + 2 * 86_400_000)));
    expect(out[0]?.members).toEqual({ created: 0, updated: 0, movedIn: 1, left: 0 });
    expect((await findHouseholdOfPerson(db.ds().manager, son.idNumber))?.code).toBe('H2');
    const h1 = await findHouseholdByCode(db.ds().manager, 'H1');
    expect(h1?.members.map((m) => m.name)).toEqual(['张三', '李四']);
    const moved = (await listHistory(db.ds().manager, 'member', son.idNumber)).at(-1);
    expect(moved?.before).toMatchObject({ householdId: h1?.id, relation: '之子', left: { on: '2022-05-02', reason: '户籍名册中已无此人' } });
    expect(moved?.after).toMatchObject({ householdId: out[0]?.id, relation: '之孙子', left: null });
    expect(await miscounted()).toEqual([]);
  });

  it('keeps 家庭人口 of both households when a new household takes a member from a stored one', async () => {
    const [h1] = await transaction(db.ds(), (tx) => saveHouseholds(tx, [input('H6', { headName: '赵六', members: [member({ idNumber: idNumber('19800606', 61), name: '赵六', relation: '户主' }), member({ idNumber: idNumber('19820707', 71), name: '钱七', relation: '配偶' })] })], meta(T0)));
    expect(h1?.household).toBe('created');
    const qian = member({ idNumber: idNumber('19820707', 71), name: '钱七', relation: '户主' });
    const out = await transaction(db.ds(), (tx) => saveHouseholds(tx, [input('H7', { headName: '钱七', members: [qian] })], meta(T0 + 1000), { moves: new Map([[qian.idNumber, '分户']]) }));
    expect(out[0]).toMatchObject({ household: 'created', members: { movedIn: 1 } });
    expect(await miscounted()).toEqual([]);
  });

  it('marks a member left and changes key groups only through history', async () => {
    const tx = db.ds().manager;
    const h2 = await findHouseholdByCode(tx, 'H2');
    expect(await markMemberLeft(tx, son.idNumber, { on: '2022-05-10', reason: '考入大学迁出户口' }, meta(T0 + 3e8))).toBe(true);
    expect(await markMemberLeft(tx, son.idNumber, { on: '2022-05-11', reason: '重复' }, meta(T0 + 3e8))).toBe(false);
    expect(await setKeyGroups(tx, h2?.id as number, ['kg10_rigid_spending', 'kg4_dibao'], meta(T0 + 3e8, '研判会认定'))).toBe(true);
    expect(await setKeyGroups(tx, h2?.id as number, ['kg4_dibao', 'kg10_rigid_spending'], meta(T0 + 3e8))).toBe(false);
    expect((await findHouseholdByCode(tx, 'H2'))?.keyGroups).toEqual(['kg4_dibao', 'kg10_rigid_spending']);
    expect((await listHistory(tx, 'household', h2?.id as number)).at(-1)).toMatchObject({ reason: '研判会认定', before: { keyGroups: [] }, after: { keyGroups: ['kg4_dibao', 'kg10_rigid_spending'] } });
    await expect(setKeyGroups(tx, h2?.id as number, ['kg11' as never], meta(T0))).rejects.toThrow(HouseholdWriteError);
    await expect(markMemberLeft(tx, idNumber('19990909', 99), { on: '2022-05-10', reason: 'x' }, meta(T0))).rejects.toThrow('MEMBER.NOT_FOUND');
    expect(await miscounted()).toEqual([]);
  });

  it('refuses invalid input and duplicates inside one call, writing nothing', async () => {
    const tx = db.ds().manager;
    await expect(saveHouseholds(tx, [input('H3', { members: [{ ...wang, relation: '之子' }] })], meta(T0))).rejects.toThrow('HOUSEHOLD.INVALID: H3: HOUSEHOLD.NO_HEAD');
    await expect(saveHouseholds(tx, [input('H3', { members: [zhang] }), input('H3', { members: [wang], headName: '王五' })], meta(T0))).rejects.toThrow('HOUSEHOLD.DUPLICATE_CODE');
    await expect(saveHouseholds(tx, [input('H3', { members: [zhang] }), input('H4', { members: [zhang] })], meta(T0))).rejects.toThrow('MEMBER.DUPLICATE_ID');
    expect(await findHouseholdByCode(tx, 'H3')).toBeNull();
  });

  it('lists households of a jurisdiction page by page', async () => {
    const tx = db.ds().manager;
    const first = await listHouseholds(tx, { level: 'town', code: '610821101' }, { limit: 1 });
    const second = await listHouseholds(tx, { level: 'town', code: '610821101' }, { limit: 1, afterId: first[0]?.id });
    expect([...first, ...second].map((h) => h.code)).toEqual(['H1', 'H2']);
    expect(await listHouseholds(tx, { level: 'grid', code: 'nowhere' }, { limit: 10 })).toEqual([]);
  });
});
