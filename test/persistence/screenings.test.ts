import { expect, it } from 'vitest';
import { DEFAULT_LEAD_CONFIG } from '../../src/domain/lead.js';
import type { FamilySituation, ScreeningRecord } from '../../src/domain/screening.js';
import { historyOf } from '../../src/persistence/case-history.js';
import { transaction } from '../../src/persistence/db.js';
import { getLead, leadsOfHousehold } from '../../src/persistence/leads.js';
import { coverageForRoster, getScreening, recordVerdict, saveScreening, screeningsInRegion, screeningsOfHousehold, type SavedScreening } from '../../src/persistence/screenings.js';
import { DEFAULT_SUBJECT_CONFIG } from '../../src/domain/subject.js';
import { eliminateSubjectRecord, includeSubjectRecord, subjectsDueReview } from '../../src/persistence/subjects.js';
import { at, includedLeadRecord, placeA1, placeA2, placeB1, TOWN_A } from '../helpers/casework.js';
import { describeEachDatabase } from '../helpers/db.js';

const cfg = DEFAULT_LEAD_CONFIG;
/** The lead a saved record opened or joined (-1 when it went elsewhere). */
const leadIdOf = (l: SavedScreening['lead']): number => (l && 'leadId' in l ? l.leadId : -1);
const family: FamilySituation = { income: '务工收入约1.5万元', annualIncomeYuan: 15000, schooling: '', schoolingCostYuan: null, illness: '妻子慢性病', illnessCostYuan: 8000, disaster: '', disasterLossYuan: null };
const general = (householdId: number, over: Partial<Extract<ScreeningRecord, { form: 'general' }>['answers']> = {}, base: Partial<ScreeningRecord> = {}): ScreeningRecord =>
  ({ campaign: '2022', householdId, placement: placeA1, screener: 'g1', at: at('2022-05-20', 9), remark: '', form: 'general', answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true, ...over }, ...base }) as ScreeningRecord;

describeEachDatabase('screening record repository', (db) => {
  it('stores a 附件3 record; a same-day correction by the same screener overwrites it, keeping the history', async () => {
    const ds = db.ds();
    const first = await transaction(ds, (tx) => saveScreening(tx, general(401), cfg));
    expect(first).toEqual({ id: first.id, kind: 'inserted', lead: null });
    const fix = await transaction(ds, (tx) => saveScreening(tx, general(401, { method: 'phone', knowsPolicy: false }, { at: at('2022-05-20', 21), remark: '补充' }), cfg));
    expect(fix).toMatchObject({ id: first.id, kind: 'corrected' });
    const stored = await transaction(ds, (tx) => getScreening(tx, first.id));
    expect(stored).toMatchObject({ day: '2022-05-20', remark: '补充', answers: { method: 'phone', knowsPolicy: false } });
    const history = await transaction(ds, (tx) => historyOf(tx, 'screening_record', first.id));
    expect(history.map((h) => h.reason)).toEqual(['登记：排查台账（一般户）', '同日更正：排查台账（一般户）']);
    expect((history[1]?.before as { answers: { method: string } }).answers.method).toBe('home_visit');
    // next day, or another screener: a new record
    await transaction(ds, (tx) => saveScreening(tx, general(401, {}, { at: at('2022-05-21', 9) }), cfg));
    await transaction(ds, (tx) => saveScreening(tx, general(401, {}, { screener: 'g2' }), cfg));
    expect(await transaction(ds, (tx) => screeningsOfHousehold(tx, 401, '2022'))).toHaveLength(3);
  });

  it('refuses an invalid record and writes nothing', async () => {
    const ds = db.ds();
    await expect(transaction(ds, (tx) => saveScreening(tx, general(402, { riskFound: true, riskDetails: '' }), cfg))).rejects.toThrow('SCREENING.RISK_DETAILS_REQUIRED');
    expect(await transaction(ds, (tx) => screeningsOfHousehold(tx, 402, '2022'))).toEqual([]);
  });

  it('opens a lead when risk is found, merges a second screening, and does not re-open on a correction', async () => {
    const ds = db.ds();
    const a = await transaction(ds, (tx) => saveScreening(tx, general(403, { riskFound: true, riskDetails: '户主车祸住院' }), cfg));
    expect(a.lead?.kind).toBe('opened');
    const lead = await transaction(ds, (tx) => getLead(tx, leadIdOf(a.lead)));
    expect(lead).toMatchObject({ householdId: 403, discoveredOn: '2022-05-20', origins: [{ source: 'cadre_screening', note: '户主车祸住院', actor: 'g1' }] });
    const corrected = await transaction(ds, (tx) => saveScreening(tx, general(403, { riskFound: true, riskDetails: '户主车祸住院，花费5万' }, { at: at('2022-05-20', 12) }), cfg));
    expect(corrected).toMatchObject({ kind: 'corrected', lead: null });
    const b = await transaction(ds, (tx) => saveScreening(tx, general(403, { riskFound: true, riskDetails: '家中再无劳力' }, { screener: 'g2', at: at('2022-05-22') }), cfg));
    expect(b.lead).toEqual({ kind: 'merged', leadId: leadIdOf(a.lead) });
    expect(await transaction(ds, (tx) => leadsOfHousehold(tx, 403))).toHaveLength(1);
  });

  it('records the 研判会 verdict on a 附件2 record; 拟纳入 opens a lead dated the screening day', async () => {
    const ds = db.ds();
    const rec: ScreeningRecord = { campaign: '2022', householdId: 404, placement: placeA2, screener: 'team1', at: at('2022-05-16'), remark: '', form: 'key_group', answers: { groups: ['kg4_dibao', 'kg10_rigid_spending'], family, verdict: null } };
    const saved = await transaction(ds, (tx) => saveScreening(tx, rec, cfg));
    expect(saved.lead).toBeNull();
    const v = await transaction(ds, (tx) => recordVerdict(tx, saved.id, 'propose_include', 'cadre1', at('2022-05-19', 20), cfg));
    const lead = await transaction(ds, (tx) => getLead(tx, leadIdOf(v.lead)));
    expect(lead).toMatchObject({ discoveredOn: '2022-05-16', deadline: '2022-05-31', origins: [{ actor: 'cadre1', note: '务工收入约1.5万元；妻子慢性病' }] });
    expect((await transaction(ds, (tx) => getScreening(tx, saved.id)))?.answers).toMatchObject({ verdict: 'propose_include', groups: ['kg4_dibao', 'kg10_rigid_spending'] });
    await expect(transaction(ds, (tx) => recordVerdict(tx, (saved.id), 'propose_include', 'cadre1', at('2022-05-19', 21), cfg))).resolves.toMatchObject({ lead: null });
    const g = await transaction(ds, (tx) => saveScreening(tx, general(405), cfg));
    await expect(transaction(ds, (tx) => recordVerdict(tx, g.id, 'not_include', 'c', at('2022-05-20'), cfg))).rejects.toThrow('SCREENING.VERDICT_FORM');
  });

  it('stores 附件4 and 附件5 rows linked to their subject, checks the subject, and lists a region by form', async () => {
    const ds = db.ds();
    const { open, eliminated } = await transaction(ds, async (tx) => {
      const mk = async (hh: number, id: string) => {
        const lead = await includedLeadRecord(tx, hh, '2021-08-01', placeB1);
        return includeSubjectRecord(tx, { leadId: lead.id!, memberIds: [id], risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }], actor: 'c', at: at('2021-08-13') });
      };
      const e = await mk(406, '610821197001014061');
      const facts = { wholeHouseholdNoLabour: false, perCapitaIncome: 9000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] };
      await eliminateSubjectRecord(tx, e.id!, { mode: 'assisted', cause: null, actor: 't', at: at('2022-03-01'), note: '' }, facts, DEFAULT_SUBJECT_CONFIG);
      return { eliminated: e, open: await mk(407, '610821197001014071') };
    });
    const review: ScreeningRecord = { campaign: '2022', householdId: 406, placement: placeB1, screener: 'team2', at: at('2022-05-18'), remark: '', form: 'review', answers: { subjectId: eliminated.id!, category: 'marginal', incomeStable: false, measuresImplemented: true, guaranteesStable: true, eliminationStable: false, needsRelabel: false, relabelNote: null, needsWithdrawal: false } };
    const follow: ScreeningRecord = { ...review, householdId: 407, form: 'follow_up', answers: { subjectId: open.id!, includedOn: '2021-08-12', risks: ['illness'], measuresInPlace: ['health'], assistanceImplemented: true, meetsEliminationStandard: false } };
    await expect(transaction(ds, (tx) => saveScreening(tx, { ...review, answers: { ...review.answers, subjectId: open.id! } } as ScreeningRecord, cfg))).rejects.toThrow('SCREENING.SUBJECT_MISMATCH');
    await expect(transaction(ds, (tx) => saveScreening(tx, { ...review, householdId: 407, answers: { ...review.answers, subjectId: open.id! } } as ScreeningRecord, cfg))).rejects.toThrow('SCREENING.SUBJECT_NOT_ELIMINATED');
    await expect(transaction(ds, (tx) => saveScreening(tx, { ...follow, householdId: 406, answers: { ...follow.answers, subjectId: eliminated.id! } } as ScreeningRecord, cfg))).rejects.toThrow('SCREENING.SUBJECT_NOT_OPEN');
    await transaction(ds, (tx) => saveScreening(tx, review, cfg));
    await transaction(ds, (tx) => saveScreening(tx, follow, cfg));
    const town = { level: 'town' as const, code: placeB1.townCode };
    expect((await transaction(ds, (tx) => screeningsInRegion(tx, '2022', town, 'review'))).map((r) => [r.householdId, r.answers])).toEqual([[406, review.answers]]);
    expect((await transaction(ds, (tx) => screeningsInRegion(tx, '2022', town))).map((r) => r.form)).toEqual(['review', 'follow_up']);
    expect(await transaction(ds, (tx) => subjectsDueReview(tx, town, '2022'))).toEqual([]);
  });

  it('computes coverage of a roster for a campaign', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) => saveScreening(tx, general(501, {}, { campaign: 'cov' }), cfg));
    await transaction(ds, (tx) => saveScreening(tx, general(501, {}, { campaign: 'cov', screener: 'g9' }), cfg));
    await transaction(ds, (tx) => saveScreening(tx, general(503, {}, { campaign: 'cov', placement: placeA2 }), cfg));
    await transaction(ds, (tx) => saveScreening(tx, general(502, {}, { campaign: 'other' }), cfg));
    const roster = [
      { householdId: 501, placement: placeA1, people: 4 },
      { householdId: 502, placement: placeA1, people: 2 },
      { householdId: 503, placement: placeA2, people: 3 },
    ];
    const cells = await transaction(ds, (tx) => coverageForRoster(tx, 'cov', roster));
    expect(cells.find((c) => c.level === 'town' && c.code === TOWN_A)).toEqual({ level: 'town', code: TOWN_A, households: 3, screenedHouseholds: 2, people: 9, screenedPeople: 7 });
    expect(cells.find((c) => c.level === 'village' && c.code === placeA1.villageCode)).toMatchObject({ households: 2, screenedHouseholds: 1 });
  });
});
