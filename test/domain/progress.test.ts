import { describe, expect, it } from 'vitest';
import { computeProgress, type ProgressInput } from '../../src/domain/progress.js';
import { PROGRESS_COLUMNS } from '../../src/domain/progress-columns.js';
import { CITY, placeA1, placeA2, placeB1, progressSubject, TOWN_A, TOWN_B } from '../helpers/casework.js';

const V1 = placeA1.villageCode;
const V2 = placeA2.villageCode;
const V3 = placeB1.villageCode;
const subj = progressSubject;

/** A small city: two towns, three villages, eight households; numbers chosen so every column differs. */
const input: ProgressInput = {
  window: { from: '2022-05-01', to: '2022-05-31' },
  villages: [
    { cityCode: CITY, townCode: TOWN_A, villageCode: V1 },
    { cityCode: CITY, townCode: TOWN_A, villageCode: V2 },
    { cityCode: CITY, townCode: TOWN_B, villageCode: V3 },
  ],
  roster: [
    { householdId: 1, villageCode: V1, type: 'alleviated', people: 4 },
    { householdId: 2, villageCode: V1, type: 'general', people: 3 },
    { householdId: 3, villageCode: V1, type: 'general', people: 2 },
    { householdId: 4, villageCode: V1, type: 'alleviated', people: 5 },
    { householdId: 5, villageCode: V2, type: 'general', people: 1 },
    { householdId: 6, villageCode: V2, type: 'alleviated', people: 6 },
    { householdId: 7, villageCode: V3, type: 'general', people: 3 },
    { householdId: 8, villageCode: V3, type: 'general', people: 2 },
  ],
  deployments: [{ villageCode: V1, day: '2022-04-28' }, { villageCode: V3, day: '2022-05-02' }, { villageCode: V2, day: '2022-06-02' }],
  screenings: [
    { householdId: 1, villageCode: V1, screener: 'g1', day: '2022-05-03' },
    { householdId: 1, villageCode: V1, screener: 'g1', day: '2022-05-10' },
    { householdId: 2, villageCode: V1, screener: 'g2', day: '2022-05-04' },
    { householdId: 4, villageCode: V1, screener: 'town1', day: '2022-05-05' },
    { householdId: 5, villageCode: V2, screener: 'town1', day: '2022-05-06' },
    { householdId: 6, villageCode: V2, screener: 'g3', day: '2022-04-20' },
    { householdId: 7, villageCode: V3, screener: 'g4', day: '2022-05-07' },
  ],
  // Household 4 carries the ⑧ tag but its inclusion was not recorded as caused by the epidemic: not 其中因疫情纳入.
  keyGroups: [{ householdId: 2, groups: ['kg8_covid', 'kg7_migrant_income'] }, { householdId: 4, groups: ['kg8_covid'] }, { householdId: 7, groups: ['kg5_disability'] }],
  subjects: [
    subj(1, 'unstable_alleviated', '2021-09-01', { status: 'eliminated', events: [{ kind: 'revert', actor: 't', at: 0, day: '2022-05-20', reason: 'unstable', note: '' }] }),
    subj(2, 'marginal', '2022-05-15', { epidemic: true }),
    subj(4, 'sudden_hardship', '2022-05-20'),
    subj(6, 'unstable_alleviated', '2021-01-01', { status: 'eliminated', withdrawal: { reason: 'favouritism', note: '', requestedOn: '2022-05-24', requestedBy: 't', town: null, city: null } }),
    subj(7, 'marginal', '2022-05-30'),
    subj(8, 'marginal', '2022-06-01'),
  ],
  reviews: [{ subjectId: 10, householdId: 1, day: '2022-05-12' }, { subjectId: 10, householdId: 1, day: '2022-05-13' }, { subjectId: 60, householdId: 6, day: '2022-05-14' }],
  problems: [
    { placement: placeA1, foundOn: '2022-05-05', status: 'rectified', rectification: { what: '补正', by: 'g1', at: 0, day: '2022-05-06', dataCorrected: true } },
    { placement: placeA1, foundOn: '2022-05-06', status: 'rectified', rectification: { what: '落实', by: 'g1', at: 0, day: '2022-05-07', dataCorrected: false } },
    { placement: placeA1, foundOn: '2022-05-07', status: 'open', rectification: null },
    { placement: placeB1, foundOn: '2022-04-07', status: 'open', rectification: null },
  ],
  // V1 reported 5, then 2 (a later report replaces: the running total was corrected), then 9 after the window.
  trainings: [
    { villageCode: V1, people: 5, day: '2022-05-02' }, { villageCode: V1, people: 2, day: '2022-05-04' }, { villageCode: V1, people: 9, day: '2022-06-02' },
    { villageCode: V2, people: 4, day: '2022-05-03' }, { villageCode: V3, people: 7, day: '2022-05-03' },
  ],
};

describe('附件1 progress statistics', () => {
  const report = computeProgress(input);
  const v1 = report.villages.find((v) => v.villageCode === V1)!;

  it('counts one village from its records', () => {
    expect(v1).toMatchObject({
      deployed: true, staff: 3,
      screened: { households: 3, people: 12 },
      screenedAlleviated: { households: 2, people: 9 },
      screenedSubjects: { households: 3, people: 12 },
      includedMarginal: { households: 1, people: 3 },
      includedUnstable: { households: 0, people: 0 },
      includedSudden: { households: 1, people: 5 },
      includedCovid: { households: 1, people: 3 },
      reviewTotal: 1, reverted: 1, withdrawn: 0,
      problemsFound: 3, problemsRectified: 2, dataCorrections: 1, trained: 2,
    });
  });

  it('leaves out what falls outside the window, and a deployment after it', () => {
    const v2 = report.villages.find((v) => v.villageCode === V2)!;
    expect(v2).toMatchObject({ deployed: false, staff: 1, screened: { households: 1, people: 1 }, reviewTotal: 1, withdrawn: 1 });
    const v3 = report.villages.find((v) => v.villageCode === V3)!;
    expect(v3).toMatchObject({ includedMarginal: { households: 1, people: 3 }, problemsFound: 0 });
  });

  it('rolls up to towns and the city, counting screeners once across villages and adding the villages’ 培训人数', () => {
    const a = report.towns.find((t) => t.townCode === TOWN_A)!;
    expect(a).toMatchObject({ villages: 2, deployedVillages: 1, deployed: false, staff: 3, trained: 6, screened: { households: 4, people: 13 }, withdrawn: 1, reviewTotal: 2 });
    expect(report.towns.map((t) => t.townCode)).toEqual([TOWN_A, TOWN_B]);
    expect(report.city).toMatchObject({ level: 'city', cityCode: CITY, villages: 3, staff: 4, trained: 13, screened: { households: 5, people: 16 }, includedMarginal: { households: 2, people: 6 }, problemsFound: 3 });
  });

  it('lays a row out in the rebuilt header order', () => {
    expect(PROGRESS_COLUMNS).toHaveLength(23);
    expect(PROGRESS_COLUMNS.map((c) => c.value(v1))).toEqual(['是', 3, 3, 12, 2, 9, 3, 12, 1, 3, 0, 0, 1, 5, 1, 3, 1, 1, 0, 3, 2, 1, 2]);
    const town = report.towns[0]!;
    expect(PROGRESS_COLUMNS[0]?.value(town)).toBe('1/2');
    expect([...new Set(PROGRESS_COLUMNS.map((c) => c.group))]).toEqual([null, '集中排查对象', '集中排查结果', '“回头看”情况', '问题整改']);
    expect(PROGRESS_COLUMNS.filter((c) => c.group === '集中排查结果').map((c) => c.unit)).toEqual(['户数', '人数', '户数', '人数', '户数', '人数', '户数', '人数']);
  });
});
