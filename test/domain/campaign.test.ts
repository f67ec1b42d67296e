import { describe, expect, it } from 'vitest';
import { addDays, dayOf, daysBetween, endOfDay, isDay, isoWeekLabel, mondayOfIsoWeek } from '../../src/domain/calendar.js';
import {
  DEFAULT_CAMPAIGN_2022,
  milestoneDeadline,
  nextReportDeadline,
  nextReviewMeeting,
  parseCampaign,
  weekReportDeadline,
  type Campaign,
} from '../../src/domain/campaign.js';

/** An instant given as Shanghai wall-clock time (UTC+8, no DST). */
const sh = (day: string, time = '00:00') => Date.parse(`${day}T${time}:00+08:00`);
const iso = (t: number) => new Date(t).toISOString();
const c = DEFAULT_CAMPAIGN_2022;

describe('days and ISO weeks in Asia/Shanghai', () => {
  it.each([
    [sh('2022-06-01', '00:30'), '2022-06-01'],
    [sh('2022-05-31', '23:59'), '2022-05-31'],
    [sh('2022-01-01', '00:00'), '2022-01-01'],
    [sh('2021-12-31', '23:59'), '2021-12-31'],
  ])('%i is day %s', (t, day) => {
    expect(dayOf(t)).toBe(day);
  });

  it.each([
    [sh('2021-01-01', '12:00'), '2020-W53'],
    [sh('2022-01-02', '23:59'), '2021-W52'],
    // 00:00 Monday in Shanghai is still Sunday in UTC: the Shanghai day decides.
    [sh('2022-01-03', '00:00'), '2022-W01'],
    [sh('2022-05-26', '15:00'), '2022-W21'],
    [sh('2024-12-30', '09:00'), '2025-W01'],
    [sh('2026-12-31', '09:00'), '2026-W53'],
    [sh('2027-01-03', '09:00'), '2026-W53'],
    [sh('2027-01-04', '09:00'), '2027-W01'],
  ])('%i is in week %s', (t, label) => {
    expect(isoWeekLabel(t)).toBe(label);
  });

  it.each([
    ['2020-W53', '2020-12-28'],
    ['2025-W01', '2024-12-30'],
    ['2022-W21', '2022-05-23'],
    ['2021-W53', null],
    ['2022-W00', null],
    ['2022-21', null],
  ])('week %s starts on %s', (label, monday) => {
    expect(mondayOfIsoWeek(label)).toBe(monday);
  });

  it.each([
    ['2022-01-31', 1, '2022-02-01'],
    ['2022-02-28', 1, '2022-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2021-12-25', 15, '2022-01-09'],
    ['2022-01-01', -1, '2021-12-31'],
  ])('%s + %i days = %s', (day, n, result) => {
    expect(addDays(day, n)).toBe(result);
    expect(daysBetween(day, result)).toBe(n);
  });

  it.each([
    ['2022-02-29', false],
    ['2024-02-29', true],
    ['2022-13-01', false],
    ['2022-5-1', false],
  ])('%s is a day: %s', (s, ok) => {
    expect(isDay(s)).toBe(ok);
  });

  it('ends a day at 24:00 Shanghai time', () => {
    expect(iso(endOfDay('2022-06-05'))).toBe('2022-06-05T16:00:00.000Z');
  });
});

describe('the weekly rhythm', () => {
  it.each([
    ['a Wednesday', sh('2022-05-25', '10:00'), '2022-05-26T07:00:00.000Z'],
    ['Thursday before the meeting', sh('2022-05-26', '14:59'), '2022-05-26T07:00:00.000Z'],
    ['Thursday at the meeting', sh('2022-05-26', '15:00'), '2022-06-02T07:00:00.000Z'],
    ['a Friday at month end', sh('2022-06-03', '09:00'), '2022-06-09T07:00:00.000Z'],
    ['a Wednesday at month end', sh('2022-06-29', '23:00'), '2022-06-30T07:00:00.000Z'],
    ['the Friday before new year', sh('2022-12-30', '09:00'), '2023-01-05T07:00:00.000Z'],
  ])('next 研判会 after %s', (_what, t, expected) => {
    expect(iso(nextReviewMeeting(t, c))).toBe(expected);
  });

  it.each([
    ['Thursday night', sh('2022-05-26', '20:00'), '2022-05-27T00:00:00.000Z'],
    ['Saturday (already passed)', sh('2022-05-28', '10:00'), '2022-05-27T00:00:00.000Z'],
    ['Sunday 2 January 2022 (week of 2021-W52)', sh('2022-01-02', '10:00'), '2021-12-31T00:00:00.000Z'],
    ['Monday 3 January 2022', sh('2022-01-03', '00:00'), '2022-01-07T00:00:00.000Z'],
  ])("this week's report deadline on %s", (_what, t, expected) => {
    expect(iso(weekReportDeadline(t, c))).toBe(expected);
  });

  it.each([
    ['Friday 07:59', sh('2022-05-27', '07:59'), '2022-05-27T00:00:00.000Z'],
    ['Friday 08:00', sh('2022-05-27', '08:00'), '2022-06-03T00:00:00.000Z'],
    ['New Year’s Eve', sh('2021-12-31', '12:00'), '2022-01-07T00:00:00.000Z'],
  ])('next report deadline after %s', (_what, t, expected) => {
    expect(iso(nextReportDeadline(t, c))).toBe(expected);
  });

  it('follows the configured weekday, time and zone', () => {
    const other = { ...c, weekly: { ...c.weekly, reviewMeeting: { weekday: 2, time: '09:30' } }, tz: 'UTC' };
    expect(iso(nextReviewMeeting(Date.parse('2022-05-25T00:00:00Z'), other))).toBe('2022-05-31T09:30:00.000Z');
  });
});

describe('campaign configuration', () => {
  it('holds the 2022 seed dates as the default', () => {
    expect(parseCampaign(DEFAULT_CAMPAIGN_2022)).toEqual({ ok: true, campaign: DEFAULT_CAMPAIGN_2022 });
    expect(c.milestones).toMatchObject({ mobilization: '2022-04-30', screening: '2022-05-31', rollbackRequests: '2022-05-25', corrections: '2022-06-05', summary: '2022-06-11' });
    expect(c.milestones.cityCheck).toEqual({ from: '2022-06-06', to: '2022-06-10' });
    expect([c.identificationLimitDays, c.publicityMinDays, c.eliminationMinMonths]).toEqual([15, 5, 6]);
    expect(iso(milestoneDeadline(c, 'corrections'))).toBe('2022-06-05T16:00:00.000Z');
  });

  const m = c.milestones;
  it.each<[string, Partial<Campaign>, string]>([
    ['screening before mobilization', { milestones: { ...m, screening: '2022-04-01', rollbackRequests: '2022-03-01' } }, 'milestones.screening：集中排查截止日不能早于动员部署截止日'],
    ['rollback requests after screening', { milestones: { ...m, rollbackRequests: '2022-06-01' } }, 'milestones.screening：回退/清退书面申请应在集中排查结束前提交'],
    ['city check backwards', { milestones: { ...m, cityCheck: { from: '2022-06-10', to: '2022-06-06' } } }, 'milestones.cityCheck：市级核查的开始日期不能晚于结束日期'],
    ['city check before corrections end', { milestones: { ...m, cityCheck: { from: '2022-06-05', to: '2022-06-10' } } }, 'milestones.cityCheck.from：市级核查应在信息修正截止之后开始'],
    ['summary before the check ends', { milestones: { ...m, summary: '2022-06-09' } }, 'milestones.summary：总结报告截止日不能早于市级核查结束日'],
    ['a date that does not exist', { milestones: { ...m, mobilization: '2022-02-30' } }, 'milestones.mobilization：日期应为 YYYY-MM-DD 格式的真实日期'],
    ['dates of another year', { year: 2023 }, 'milestones.mobilization：日期应在活动年度 2023 年内'],
    ['a weekday 8', { weekly: { ...c.weekly, reviewMeeting: { weekday: 8, time: '15:00' } } }, 'weekly.reviewMeeting.weekday：星期应为1（周一）到7（周日）'],
    ['a time 8:00', { weekly: { ...c.weekly, reportDeadline: { weekday: 5, time: '8:00' } } }, 'weekly.reportDeadline.time：时间应为 HH:mm，如 08:00'],
    ['publicity as long as the limit', { publicityMinDays: 15 }, 'publicityMinDays：公示天数应少于识别认定时限'],
    ['an unknown zone', { tz: 'Mars/Olympus' }, 'tz：不是有效的时区名，例如 Asia/Shanghai'],
    ['an empty name', { name: ' ' }, 'name：请填写活动名称'],
  ])('refuses %s', (_what, over, problem) => {
    const r = parseCampaign({ ...c, ...over });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContain(problem);
  });

  it('accepts a later year with its own dates and limits', () => {
    const next = {
      ...c,
      year: 2023,
      name: '2023年集中排查',
      incomeYear: 2022,
      identificationLimitDays: 20,
      milestones: { mobilization: '2023-03-31', screening: '2023-05-15', rollbackRequests: '2023-05-10', corrections: '2023-05-25', dataEntry: '2023-05-31', cityCheck: { from: '2023-05-26', to: '2023-05-31' }, summary: '2023-06-05' },
    };
    expect(parseCampaign(next)).toEqual({ ok: true, campaign: next });
  });
});

describe('the campaign of a year without its own configuration', () => {
  it('keeps the seed’s calendar, moved to that year, and counts the previous year’s income', async () => {
    const { defaultCampaignOf, parseCampaign } = await import('../../src/domain/campaign.js');
    const c = defaultCampaignOf(2026);
    expect(c.milestones).toMatchObject({ mobilization: '2026-04-30', screening: '2026-05-31', rollbackRequests: '2026-05-25', corrections: '2026-06-05', cityCheck: { from: '2026-06-06', to: '2026-06-10' } });
    expect(c).toMatchObject({ year: 2026, incomeYear: 2025, name: '2026年防止返贫监测帮扶集中排查' });
    expect(parseCampaign(c).ok).toBe(true);
  });
});
