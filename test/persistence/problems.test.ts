import { expect, it } from 'vitest';
import type { Finding } from '../../src/domain/data-quality.js';
import type { ProblemInput } from '../../src/domain/problem.js';
import { historyOf } from '../../src/persistence/case-history.js';
import { transaction } from '../../src/persistence/db.js';
import { getProblem, openCheckProblems, openProblemRecord, openProblemsFromFindings, problemCountsInRegion, problemsInRegion, rectifyProblemRecord } from '../../src/persistence/problems.js';
import { at, placeA1, placeA2, TOWN_A } from '../helpers/casework.js';
import { describeEachDatabase } from '../helpers/db.js';

const input = (over: Partial<ProblemInput> = {}): ProblemInput => ({
  category: 'basic_needs', placement: placeA1, householdId: 601, description: '住房有裂缝，未鉴定', responsible: 'g1', measure: '申请危房鉴定', deadline: '2022-06-05',
  foundBy: 'team1', at: at('2022-05-20'), source: 'manual', findingKey: null, ...over,
});
const finding = (householdId: number, key = `QUALITY.NO_HEAD:${householdId}`): Finding => ({ code: 'QUALITY.NO_HEAD', category: 'data_quality', householdId, key, params: { name: '张三' } });

describeEachDatabase('problem ledger repository', (db) => {
  it('opens a problem and closes it only with the rectification recorded', async () => {
    const ds = db.ds();
    const p = await transaction(ds, (tx) => openProblemRecord(tx, input()));
    expect(p).toMatchObject({ status: 'open', foundOn: '2022-05-20' });
    await expect(transaction(ds, (tx) => rectifyProblemRecord(tx, p.id!, { what: '', by: 'g1', at: at('2022-05-25'), dataCorrected: false }))).rejects.toThrow('PROBLEM.RECTIFICATION_REQUIRED');
    expect((await transaction(ds, (tx) => getProblem(tx, p.id!)))?.status).toBe('open');
    await transaction(ds, (tx) => rectifyProblemRecord(tx, p.id!, { what: '已鉴定为C级，纳入危改', by: 'g1', at: at('2022-05-25'), dataCorrected: false }));
    expect(await transaction(ds, (tx) => getProblem(tx, p.id!))).toMatchObject({ status: 'rectified', rectification: { what: '已鉴定为C级，纳入危改', by: 'g1', day: '2022-05-25' } });
    await expect(transaction(ds, (tx) => rectifyProblemRecord(tx, p.id!, { what: '再次', by: 'g1', at: at('2022-05-26'), dataCorrected: false }))).rejects.toThrow('PROBLEM.ALREADY_RECTIFIED');
    expect((await transaction(ds, (tx) => historyOf(tx, 'problem', p.id!))).map((h) => h.reason)).toEqual(['发现问题：“两不愁三保障”和饮水安全方面', '整改销号：已鉴定为C级，纳入危改']);
  });

  it('opens problems from findings once, and again only after the earlier one was rectified', async () => {
    const ds = db.ds();
    const where = new Map([[611, { placement: placeA2, responsible: 'g2' }], [612, { placement: placeA2, responsible: 'g2' }]]);
    const ctx = { where, deadline: '2022-06-05', foundBy: 'system:quality', at: at('2022-05-21') };
    const first = await transaction(ds, (tx) => openProblemsFromFindings(tx, [finding(611), finding(612), finding(699)], ctx));
    expect(first.opened.map((p) => [p.householdId, p.source, p.description])).toEqual([[611, 'check', '张三户：没有登记户主。'], [612, 'check', '张三户：没有登记户主。']]);
    expect(first).toMatchObject({ alreadyOpen: 0, unplaced: 1 });
    const second = await transaction(ds, (tx) => openProblemsFromFindings(tx, [finding(611), finding(612)], ctx));
    expect(second).toMatchObject({ opened: [], alreadyOpen: 2 });
    await transaction(ds, (tx) => rectifyProblemRecord(tx, first.opened[0]!.id!, { what: '已补登户主', by: 'g2', at: at('2022-05-22'), dataCorrected: true }));
    expect((await transaction(ds, (tx) => openCheckProblems(tx, { level: 'village', code: placeA2.villageCode }))).map((p) => p.householdId)).toEqual([612]);
    const third = await transaction(ds, (tx) => openProblemsFromFindings(tx, [finding(611)], { ...ctx, at: at('2022-05-28') }));
    expect(third.opened).toHaveLength(1);
  });

  it('counts found, rectified and 补正数据 per village of a town', async () => {
    const ds = db.ds();
    const town = { level: 'town' as const, code: TOWN_A };
    const before = await transaction(ds, (tx) => problemCountsInRegion(tx, town, '2022-06-10'));
    const a = await transaction(ds, (tx) => openProblemRecord(tx, input({ category: 'data_quality', placement: placeA1, deadline: '2022-06-01' })));
    await transaction(ds, (tx) => openProblemRecord(tx, input({ category: 'petition_opinion', placement: placeA1 })));
    await transaction(ds, (tx) => rectifyProblemRecord(tx, a.id!, { what: '补正收入', by: 'g1', at: at('2022-05-30'), dataCorrected: true }));
    const after = await transaction(ds, (tx) => problemCountsInRegion(tx, town, '2022-06-10'));
    const v = (list: typeof after) => list.find((c) => c.villageCode === placeA1.villageCode) ?? { found: 0, rectified: 0, dataCorrections: 0, open: 0, overdue: 0 };
    expect({ found: v(after).found - v(before).found, rectified: v(after).rectified - v(before).rectified, data: v(after).dataCorrections - v(before).dataCorrections, open: v(after).open - v(before).open })
      .toEqual({ found: 2, rectified: 1, data: 1, open: 1 });
    expect((await transaction(ds, (tx) => problemsInRegion(tx, { level: 'village', code: placeA1.villageCode }, 'open'))).every((p) => p.status === 'open')).toBe(true);
  });
});
