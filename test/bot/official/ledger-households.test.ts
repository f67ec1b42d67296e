/**
 * 附件3 is the 一般户 ledger: on both databases, a 脱贫户 and a 监测对象 screened with the general
 * form stay on file and in 附件1's count of screened households, but are printed in 附件3 no more.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { at, includedLeadRecord } from '../../helpers/casework.js';
import { DEMO } from '../../helpers/regions.js';
import { HOUSEHOLDS, PLACE1, PLACE2, seedField, type SeededIds } from '../../flows/field/seed.js';
import { gatherForm } from '../../../src/bot/official/files.js';
import { form3Rows } from '../../../src/bot/forms/from-records.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import type { ScreeningRecord } from '../../../src/domain/screening.js';
import type { Placement } from '../../../src/domain/types.js';
import { transaction } from '../../../src/persistence/db.js';
import { loadRegionTree } from '../../../src/persistence/regions.js';
import { saveScreening } from '../../../src/persistence/screenings.js';
import { includeSubjectRecord } from '../../../src/persistence/subjects.js';

describeEachDatabase('附件3 prints general households only', (db) => {
  let ids: SeededIds;
  const tx = <T>(fn: Parameters<typeof transaction<T>>[1]) => transaction(db.ds(), fn);
  const general = (householdId: number, placement: Placement): ScreeningRecord => ({
    form: 'general', campaign: '2022', householdId, placement, screener: 'wangwu', at: at('2022-05-10'), remark: '',
    answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true },
  });

  beforeAll(async () => {
    ids = await seedField(db.ds());
    await tx(async (t) => {
      // 李四: a 监测对象 (open subject) without any key-group tag in the register.
      const lead = await includedLeadRecord(t, ids.lisi, '2022-03-01', PLACE1);
      await includeSubjectRecord(t, { leadId: lead.id!, memberIds: HOUSEHOLDS[1]!.members.map((m) => m.idNumber), risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [], actor: 'city1', at: at('2022-03-15') });
      for (const [id, p] of [[ids.zhangsan, PLACE1], [ids.lisi, PLACE1], [ids.wangdashan, PLACE1], [ids.zhaoliu, PLACE2]] as const) await saveScreening(t, general(id, p), DEFAULT_LEAD_CONFIG);
    });
  });

  it('leaves out the 脱贫户 王大山 and the 监测对象 李四; 附件1 still counts all four screened', async () => {
    const tree = await tx((t) => loadRegionTree(t));
    const i = await tx((t) => gatherForm(t, tree, 'attachment3', DEMO.gjb, '2022-05-13'));
    expect(form3Rows(i.records, i.households, i.staffNames, i.names).map((r) => r.headName)).toEqual(['张三', '赵六']);
    expect(i.pr.total.screened.households).toBe(4);
  });
});
