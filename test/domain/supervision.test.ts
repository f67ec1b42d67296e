import { describe, expect, it } from 'vitest';
import type { ProgressRow } from '../../src/domain/progress.js';
import { coverageOf, expectedCoverage, rankPlaces, rectificationOf, supervisionTargets, type VillageFigures } from '../../src/domain/supervision.js';

const row = (screened: number, found = 0, rectified = 0): ProgressRow => ({
  level: 'village', cityCode: 'C', townCode: 'T', villageCode: 'V', deployed: true, villages: 1, deployedVillages: 1, staff: 1,
  screened: { households: screened, people: screened * 3 },
  screenedAlleviated: { households: 0, people: 0 }, screenedSubjects: { households: 0, people: 0 },
  includedMarginal: { households: 0, people: 0 }, includedUnstable: { households: 0, people: 0 }, includedSudden: { households: 0, people: 0 }, includedCovid: { households: 0, people: 0 },
  reviewTotal: 0, reverted: 0, withdrawn: 0, problemsFound: found, problemsRectified: rectified, dataCorrections: 0, trained: 0,
});
const roster = (households: number) => ({ households, people: households * 3 });

describe('通报 ranking', () => {
  it('orders by coverage, then rectification; equal places share a rank; no roster ranks last', () => {
    const ranked = rankPlaces([
      { code: 'A', row: row(50, 4, 1), roster: roster(100) },
      { code: 'B', row: row(80, 0, 0), roster: roster(100) },
      { code: 'C', row: row(50, 4, 3), roster: roster(100) },
      { code: 'D', row: row(5), roster: roster(0) },
      { code: 'E', row: row(40, 2, 2), roster: roster(80) },
    ]);
    expect(ranked.map((r) => [r.code, r.rank])).toEqual([['B', 1], ['E', 2], ['C', 3], ['A', 4], ['D', 5]]);
    expect(ranked[2]).toEqual({ code: 'C', rank: 3, coverage: 0.5, rectification: 0.75 });
    const tied = rankPlaces([{ code: 'X', row: row(1), roster: roster(2) }, { code: 'Y', row: row(2), roster: roster(4) }, { code: 'Z', row: row(0), roster: roster(2) }]);
    expect(tied.map((r) => r.rank)).toEqual([1, 1, 3]);
  });

  it.each([
    [row(120), roster(100), 1],
    [row(0), roster(0), null],
    [row(3), roster(4), 0.75],
  ] as const)('coverage of %#', (r, ro, expected) => {
    expect(coverageOf(r, ro)).toBe(expected);
  });

  it('rectification share is null when nothing was found', () => {
    expect(rectificationOf(row(1, 0, 0))).toBeNull();
    expect(rectificationOf(row(1, 4, 1))).toBe(0.25);
  });
});

describe('expected coverage', () => {
  it.each([
    [{ from: '2022-04-25', to: '2022-04-25' }, '2022-05-31', 1 / 37],
    [{ from: '2022-04-25', to: '2022-05-12' }, '2022-05-31', 18 / 37],
    [{ from: '2022-04-25', to: '2022-05-31' }, '2022-05-31', 1],
    [{ from: '2022-04-25', to: '2022-06-05' }, '2022-05-31', 1],
  ])('%o with deadline %s', (window, deadline, expected) => {
    expect(expectedCoverage(window, deadline)).toBeCloseTo(expected, 10);
  });
});

describe('督导 targets', () => {
  const v = (code: string, screened: number, rosterHh: number, subjects: number, found = 0, open = 0, overdue = 0): VillageFigures => ({
    code, row: row(screened, found), roster: roster(rosterHh), subjects, openProblems: open, overdueProblems: overdue,
  });

  it('finds zero-problem, abnormal, slow and unrectified villages with their numbers', () => {
    const t = supervisionTargets(
      [
        v('V1', 90, 100, 5, 3, 1, 0), // share 5% — normal
        v('V2', 20, 100, 0, 0), // none at all in 100 households, slow, zero problems
        v('V3', 60, 60, 12, 2, 2, 1), // 20% vs 17/310 ≈ 5.5% → high
        v('V4', 10, 10, 0, 1), // small: no subjects is not abnormal
        v('V5', 0, 0, 0, 0), // no roster: not slow (unknown), zero problems
        v('V6', 40, 40, 0, 1, 3, 3),
      ],
      0.7,
    );
    expect(t.zeroProblem).toEqual(['V2', 'V5']);
    expect(t.abnormal).toEqual([
      { code: 'V2', subjects: 0, roster: 100, kind: 'none' },
      { code: 'V3', subjects: 12, roster: 60, kind: 'high' },
    ]);
    expect(t.slow).toEqual([{ code: 'V2', coverage: 0.2, expected: 0.7 }]);
    expect(t.unrectified).toEqual([
      { code: 'V6', open: 3, overdue: 3 },
      { code: 'V3', open: 2, overdue: 1 },
      { code: 'V1', open: 1, overdue: 0 },
    ]);
  });

  it('the rules are configuration', () => {
    const villages = [v('A', 10, 10, 0), v('B', 50, 100, 1)];
    expect(supervisionTargets(villages, 0.5).abnormal).toEqual([]);
    expect(supervisionTargets(villages, 0.5, { abnormalMinRoster: 5, abnormalHighFactor: 3, abnormalHighMin: 3, slowShortfall: 0 }).abnormal).toEqual([{ code: 'A', subjects: 0, roster: 10, kind: 'none' }]);
    expect(supervisionTargets(villages, 0.8, { abnormalMinRoster: 50, abnormalHighFactor: 3, abnormalHighMin: 3, slowShortfall: 0.1 }).slow.map((s) => s.code)).toEqual(['B']);
  });
});
