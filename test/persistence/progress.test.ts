import { expect, it } from 'vitest';
import { DEFAULT_LEAD_CONFIG } from '../../src/domain/lead.js';
import { PROGRESS_COLUMNS } from '../../src/domain/progress-columns.js';
import type { ScreeningRecord } from '../../src/domain/screening.js';
import { transaction } from '../../src/persistence/db.js';
import { openProblemRecord, rectifyProblemRecord } from '../../src/persistence/problems.js';
import { progressReport } from '../../src/persistence/progress.js';
import { saveScreening } from '../../src/persistence/screenings.js';
import { includeSubjectRecord } from '../../src/persistence/subjects.js';
import { at, CITY, includedLeadRecord, TOWN_B } from '../helpers/casework.js';
import { describeEachDatabase } from '../helpers/db.js';
import type { Placement } from '../../src/domain/types.js';

// Villages of their own, so rows written by other files' tests never show up here.
const P1: Placement = { cityCode: CITY, townCode: TOWN_B, villageCode: 'PROG-V1', gridCode: null };
const P2: Placement = { cityCode: CITY, townCode: TOWN_B, villageCode: 'PROG-V2', gridCode: null };

describeEachDatabase('附件1 from stored records', (db) => {
  it('computes village, town and city rows from screenings, subjects, reviews and problems', async () => {
    const ds = db.ds();
    const general = (householdId: number, placement: Placement, screener: string, riskFound = false): ScreeningRecord => ({
      campaign: '2022', householdId, placement, screener, at: at('2022-05-10'), remark: '', form: 'general',
      answers: { method: 'home_visit', riskFound, riskDetails: riskFound ? '大病' : null, knowsPolicy: true },
    });
    await transaction(ds, async (tx) => {
      await saveScreening(tx, general(701, P1, 'g1'), DEFAULT_LEAD_CONFIG);
      await saveScreening(tx, general(702, P1, 'g2', true), DEFAULT_LEAD_CONFIG);
      await saveScreening(tx, { ...general(703, P2, 'g1'), form: 'key_group', answers: { groups: ['kg8_covid'], family: { income: '停工', annualIncomeYuan: null, schooling: '', schoolingCostYuan: null, illness: '', illnessCostYuan: null, disaster: '', disasterLossYuan: null }, verdict: null } }, DEFAULT_LEAD_CONFIG);
      const lead = await includedLeadRecord(tx, 703, '2022-05-03', P2);
      await includeSubjectRecord(tx, { leadId: lead.id!, memberIds: ['610821199901019999'], risks: [{ type: 'other', remark: '疫情停工', disasterSubtype: null }], measures: [{ measure: 'employment', status: 'done' }], epidemic: true, actor: 'city1', at: at('2022-05-15') });
      const p = await openProblemRecord(tx, { category: 'data_quality', placement: P1, householdId: 701, description: '缺收入', responsible: 'g1', measure: '补录', deadline: '2022-05-31', foundBy: 'g1', at: at('2022-05-11'), source: 'manual', findingKey: null });
      await rectifyProblemRecord(tx, p.id!, { what: '已补录', by: 'g1', at: at('2022-05-12'), dataCorrected: true });
    });
    const report = await transaction(ds, (tx) =>
      progressReport(tx, {
        campaign: '2022', window: { from: '2022-04-29', to: '2022-05-27' },
        villages: [{ cityCode: CITY, townCode: TOWN_B, villageCode: 'PROG-V1' }, { cityCode: CITY, townCode: TOWN_B, villageCode: 'PROG-V2' }],
        roster: [
          { householdId: 701, villageCode: 'PROG-V1', type: 'alleviated', people: 3 },
          { householdId: 702, villageCode: 'PROG-V1', type: 'general', people: 2 },
          { householdId: 703, villageCode: 'PROG-V2', type: 'general', people: 4 },
        ],
        deployments: [{ villageCode: 'PROG-V1', day: '2022-04-30' }],
        trainings: [{ villageCode: 'PROG-V1', people: 1, day: '2022-04-30' }, { villageCode: 'PROG-V2', people: 3, day: '2022-04-30' }],
      }),
    );
    const v1 = report.villages[0]!;
    expect(PROGRESS_COLUMNS.map((c) => c.value(v1))).toEqual(['是', 2, 2, 5, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const v2 = report.villages[1]!;
    expect(v2).toMatchObject({ deployed: false, screened: { households: 1, people: 4 }, screenedSubjects: { households: 1, people: 4 }, includedMarginal: { households: 1, people: 4 }, includedCovid: { households: 1, people: 4 } });
    expect(report.towns).toHaveLength(1);
    expect(report.city).toMatchObject({ staff: 2, trained: 4, screened: { households: 3, people: 9 }, problemsFound: 1, deployedVillages: 1, villages: 2 });
  });
});
