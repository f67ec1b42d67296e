import { describe, expect, it } from 'vitest';
import { activityFaultText, checkActivity, progressActivities, villageActivities, type ActivityRecord } from '../../src/domain/campaign-activity.js';

const V1 = 'V1';
const V2 = 'V2';
let seq = 0;
const rec = (kind: ActivityRecord['kind'], villageCode: string, day: string, people: number | null = null, recordedAt = ++seq): ActivityRecord => ({ id: seq, kind, villageCode, day, people, recordedBy: 'liucun', recordedAt });

describe('动员部署 and 培训 reports', () => {
  it.each([
    ['a deployment today', { kind: 'deployment' as const, day: '2022-05-09', people: null }, null],
    ['a deployment tomorrow', { kind: 'deployment' as const, day: '2022-05-10', people: null }, 'ACTIVITY.FUTURE_DAY'],
    ['a training of 12', { kind: 'training' as const, day: '2022-05-03', people: 12 }, null],
    ['a training of 0 (a correction to nobody)', { kind: 'training' as const, day: '2022-05-03', people: 0 }, null],
    ['a training without people', { kind: 'training' as const, day: '2022-05-03', people: null }, 'ACTIVITY.PEOPLE_MISSING'],
    ['a training of 501', { kind: 'training' as const, day: '2022-05-03', people: 501 }, 'ACTIVITY.PEOPLE_RANGE'],
    ['a training of -1', { kind: 'training' as const, day: '2022-05-03', people: -1 }, 'ACTIVITY.PEOPLE_RANGE'],
    ['a training of 2.5', { kind: 'training' as const, day: '2022-05-03', people: 2.5 }, 'ACTIVITY.PEOPLE_RANGE'],
  ])('%s', (_what, a, fault) => {
    const r = checkActivity(a, '2022-05-09');
    expect(r.ok ? null : r.fault.code).toBe(fault);
    if (!r.ok) expect(activityFaultText(r.fault)).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('the latest deployment or withdrawal of a village stands; every training report is passed on', () => {
    const records = [rec('deployment', V1, '2022-04-28'), rec('training', V1, '2022-05-02', 8), rec('deployment', V2, '2022-04-27'), rec('deployment_void', V2, '2022-05-01'), rec('training', V1, '2022-05-03', 12)];
    expect(progressActivities(records)).toEqual({
      deployments: [{ villageCode: V1, day: '2022-04-28' }],
      trainings: [{ villageCode: V1, people: 8, day: '2022-05-02' }, { villageCode: V1, people: 12, day: '2022-05-03' }],
    });
    // Redeployed after the withdrawal: it stands again, with the new day.
    expect(progressActivities([...records, rec('deployment', V2, '2022-05-04')]).deployments).toEqual([{ villageCode: V1, day: '2022-04-28' }, { villageCode: V2, day: '2022-05-04' }]);
  });

  it('orders by when the report was made, not by the id it got', () => {
    const late = rec('deployment_void', V1, '2022-05-02', null, 200);
    const early = rec('deployment', V1, '2022-04-28', null, 100);
    expect(progressActivities([late, early]).deployments).toEqual([]);
  });

  it('where one village stands: its deployment day and its latest 培训人数', () => {
    const records = [rec('deployment', V1, '2022-04-28'), rec('training', V1, '2022-05-03', 12), rec('training', V1, '2022-05-02', 20), rec('training', V2, '2022-05-04', 5)];
    expect(villageActivities(records, [V1, 'V3'])).toEqual(new Map([
      [V1, { deployedOn: '2022-04-28', trained: { people: 12, day: '2022-05-03' } }],
      ['V3', { deployedOn: null, trained: null }],
    ]));
  });
});
