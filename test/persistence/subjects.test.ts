import { expect, it } from 'vitest';
import { CaseError } from '../../src/domain/case-faults.js';
import { DEFAULT_SUBJECT_CONFIG, type EliminationFacts } from '../../src/domain/subject.js';
import { historyOf } from '../../src/persistence/case-history.js';
import { transaction } from '../../src/persistence/db.js';
import { ScreeningSchema } from '../../src/persistence/schemas/casework.js';
import {
  approveWithdrawalRecord, eliminateSubjectRecord, getSubject, includeSubjectRecord, rejectWithdrawalRecord, requestWithdrawalRecord, revertSubjectRecord,
  subjectsDueReview, subjectsInRegion, subjectsOfHousehold, updateSubjectMeasuresRecord,
} from '../../src/persistence/subjects.js';
import { at, includedLeadRecord, placeA1 } from '../helpers/casework.js';
import { orm, describeEachDatabase } from '../helpers/db.js';

const facts: EliminationFacts = { wholeHouseholdNoLabour: false, perCapitaIncome: 9000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] };
const ILL = [{ type: 'illness' as const, remark: null, disasterSubtype: null }];
const ids = (n: number) => [`6108211980010100${n}1`, `6108212005010100${n}2`];

describeEachDatabase('monitoring subject repository', (db) => {
  const include = (householdId: number, memberIds = ids(householdId % 10), foundOn = '2022-05-01') =>
    transaction(db.ds(), async (tx) => {
      const lead = await includedLeadRecord(tx, householdId, foundOn);
      return includeSubjectRecord(tx, { leadId: lead.id!, memberIds, risks: ILL, measures: [{ measure: 'health', status: 'done' }], actor: 'city1', at: at('2022-05-13') });
    });

  it('includes, eliminates, reverts — with events and history — and re-identifies as episode 2', async () => {
    const ds = db.ds();
    const s = await include(301);
    expect(s).toMatchObject({ householdId: 301, episode: 1, includedOn: '2022-05-12', status: 'open' });
    await expect(transaction(ds, (tx) => eliminateSubjectRecord(tx, s.id!, { mode: 'assisted', cause: null, actor: 'town1', at: at('2022-11-11'), note: '' }, facts, DEFAULT_SUBJECT_CONFIG))).rejects.toThrow('ELIM.TOO_SOON');
    await transaction(ds, (tx) => eliminateSubjectRecord(tx, s.id!, { mode: 'assisted', cause: null, actor: 'town1', at: at('2022-11-12'), note: '收入稳定' }, facts, DEFAULT_SUBJECT_CONFIG));
    await transaction(ds, (tx) => revertSubjectRecord(tx, s.id!, { reason: 'unstable', actor: 'town1', at: at('2023-05-10'), note: '回头看：务工中断' }));
    // A 回退 starts the six months again: read back from the stored events, not from memory.
    await expect(transaction(ds, (tx) => eliminateSubjectRecord(tx, s.id!, { mode: 'assisted', cause: null, actor: 'town1', at: at('2023-06-10'), note: '' }, facts, DEFAULT_SUBJECT_CONFIG))).rejects.toThrow('ELIM.TOO_SOON');
    await transaction(ds, (tx) => eliminateSubjectRecord(tx, s.id!, { mode: 'assisted', cause: null, actor: 'town1', at: at('2023-11-10'), note: '' }, facts, DEFAULT_SUBJECT_CONFIG));
    const stored = await transaction(ds, (tx) => getSubject(tx, s.id!));
    expect(stored?.status).toBe('eliminated');
    expect(stored?.events.map((e) => [e.kind, e.day])).toEqual([['include', '2022-05-13'], ['eliminate', '2022-11-12'], ['revert', '2023-05-10'], ['eliminate', '2023-11-10']]);
    const history = await transaction(ds, (tx) => historyOf(tx, 'monitoring_subject', s.id!));
    expect(history.map((h) => h.reason)).toEqual(['纳入：边缘易致贫户', '风险消除：帮扶消除', '回退：风险消除不稳定', '风险消除：帮扶消除']);
    const again = await include(301, ids(1), '2023-12-01');
    expect(again).toMatchObject({ episode: 2, previousSubjectId: s.id, status: 'open' });
    expect((await transaction(ds, (tx) => subjectsOfHousehold(tx, 301))).map((x) => x.episode)).toEqual([1, 2]);
  });

  it('holds one person in one open subject household, and frees them on elimination', async () => {
    const ds = db.ds();
    const shared = '610821199001011239';
    const a = await include(302, [shared]);
    const err = await include(303, [shared, '610821199202021230']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaseError);
    expect((err as CaseError).code).toBe('SUBJECT.MEMBER_IN_OTHER_SUBJECT');
    await transaction(ds, (tx) => eliminateSubjectRecord(tx, a.id!, { mode: 'natural', cause: 'member_left', actor: 't', at: at('2022-11-20'), note: '迁出' }, facts, DEFAULT_SUBJECT_CONFIG));
    const b = await include(304, [shared]);
    expect(b.status).toBe('open');
    // …and then the first cannot be reverted while the person is in the second
    await expect(transaction(ds, (tx) => revertSubjectRecord(tx, a.id!, { reason: 'unstable', actor: 't', at: at('2023-01-01'), note: '' }))).rejects.toThrow('SUBJECT.MEMBER_IN_OTHER_SUBJECT');
  });

  it('清退: request, town, city, in order; a rejection clears the request; terminal afterwards', async () => {
    const ds = db.ds();
    const s = await include(305);
    const req = () => transaction(ds, (tx) => requestWithdrawalRecord(tx, s.id!, { reason: 'data_mismatch', note: '家有营运车辆', requestedOn: '2022-05-20', actor: 'town1', at: at('2022-05-21') }));
    await req();
    await expect(transaction(ds, (tx) => approveWithdrawalRecord(tx, s.id!, 'city', { actor: 'city1', at: at('2022-05-22'), note: '' }))).rejects.toThrow('SUBJECT.TOWN_APPROVAL_FIRST');
    await transaction(ds, (tx) => rejectWithdrawalRecord(tx, s.id!, { actor: 'town1', at: at('2022-05-22'), reason: '车辆已转让' }));
    await req();
    await transaction(ds, (tx) => approveWithdrawalRecord(tx, s.id!, 'town', { actor: 'town1', at: at('2022-05-23'), note: '' }));
    const done = await transaction(ds, (tx) => approveWithdrawalRecord(tx, s.id!, 'city', { actor: 'city1', at: at('2022-05-24'), note: '' }));
    expect(done.status).toBe('withdrawn');
    await expect(transaction(ds, (tx) => updateSubjectMeasuresRecord(tx, s.id!, [], 'g', at('2022-05-25'), ''))).rejects.toThrow('SUBJECT.WITHDRAWN');
    const history = await transaction(ds, (tx) => historyOf(tx, 'monitoring_subject', s.id!));
    expect(history.map((h) => h.reason).slice(1)).toEqual(['清退申请：信息比对不符', '不同意清退：车辆已转让', '清退申请：信息比对不符', '清退：镇街审核同意', '清退：市级审批同意']);
    // the members are free again
    expect((await include(306, ids(5))).status).toBe('open');
  });

  it('lists subjects due a 回头看 in a region for a campaign', async () => {
    const ds = db.ds();
    const x = await include(307);
    const y = await include(308);
    for (const s of [x, y]) await transaction(ds, (tx) => eliminateSubjectRecord(tx, s.id!, { mode: 'assisted', cause: null, actor: 't', at: at('2022-12-01'), note: '' }, facts, DEFAULT_SUBJECT_CONFIG));
    const village = { level: 'village' as const, code: placeA1.villageCode };
    const due = async () => (await transaction(ds, (tx) => subjectsDueReview(tx, village, '2023'))).map((s) => s.householdId).filter((h) => h === 307 || h === 308);
    expect(await due()).toEqual([307, 308]);
    await orm(ds).getRepository(ScreeningSchema).save({
      form: 'review', campaign: '2023', householdId: 307, subjectId: x.id, cityCode: placeA1.cityCode, townCode: placeA1.townCode, villageCode: placeA1.villageCode, gridCode: null,
      screener: 'g', at: at('2023-05-02'), day: '2023-05-02', riskFound: false, answers: {}, remark: '', version: 1, createdAt: 0, updatedAt: 0,
    });
    expect(await due()).toEqual([308]);
    expect((await transaction(ds, (tx) => subjectsInRegion(tx, village, 'eliminated'))).length).toBeGreaterThanOrEqual(2);
  });
});
