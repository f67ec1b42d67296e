/**
 * A campaign year (集中排查) and its rhythm: milestones, the weekly 研判会 and report deadline, the
 * 15-day identification limit, the 5-day publicity minimum and the 6-month minimum before risk
 * elimination. Every value is configuration validated here; the 2022 dates of the seed
 * (神乡振发〔2022〕7号) are the default.
 *
 * A milestone day D means "done by the end of D" (24:00, Asia/Shanghai): `milestoneDeadline`.
 *
 * @example
 *   const c = parseCampaign({ ...DEFAULT_CAMPAIGN_2022, year: 2023, milestones: { ... } });
 *   if (c.ok) nextReviewMeeting(now, c.campaign)   // next Thursday 研判会 after now
 */
import { z } from 'zod';
import { DEFAULT_TZ, endOfDay, inWeekOf, isDay, isTimeOfDay, isValidTimeZone, nextWeekly } from './calendar.js';

const day = z.string().refine(isDay, { error: '日期应为 YYYY-MM-DD 格式的真实日期' });
const weekly = z.object({
  weekday: z.number().int().min(1, { error: '星期应为1（周一）到7（周日）' }).max(7, { error: '星期应为1（周一）到7（周日）' }),
  time: z.string().refine(isTimeOfDay, { error: '时间应为 HH:mm，如 08:00' }),
});

export const campaignSchema = z
  .object({
    year: z.number().int().min(2021).max(2100),
    name: z.string().trim().min(1, { error: '请填写活动名称' }),
    milestones: z.object({
      /** 全面动员部署 (training everyone included). */
      mobilization: day,
      /** 集中排查核查. */
      screening: day,
      /** 回退/清退 written requests to the city. */
      rollbackRequests: day,
      /** 信息变更、错误修正 (24:00 of this day). */
      corrections: day,
      /** 信息采集录入. */
      dataEntry: day,
      /** City check of corrected data, inclusive. */
      cityCheck: z.object({ from: day, to: day }),
      /** 专项总结报告. */
      summary: day,
    }),
    weekly: z.object({
      /** Village 研判会 (seed: every Thursday). The time is a local convention. */
      reviewMeeting: weekly,
      /** Towns' 进度统计表 + 问题清单 due at the city (seed: Friday 08:00). */
      reportDeadline: weekly,
    }),
    /** From a risk lead to a completed identification (seed: ≤ 15 days). */
    identificationLimitDays: z.number().int().min(1).max(90),
    /** 公示 at least this many days. */
    publicityMinDays: z.number().int().min(1).max(30),
    /** Income stably above the line at least this long before 风险消除. */
    eliminationMinMonths: z.number().int().min(1).max(36),
    /** The calendar year whose income the campaign judges (2022 campaign: 2021). */
    incomeYear: z.number().int().min(2000).max(2100),
    tz: z.string().min(1),
  })
  .superRefine((c, ctx) => {
    const m = c.milestones;
    const order = (a: keyof typeof m, b: keyof typeof m, message: string) => {
      const [x, y] = [m[a], m[b]];
      if (typeof x === 'string' && typeof y === 'string' && x > y) ctx.addIssue({ code: 'custom', path: ['milestones', b], message });
    };
    order('mobilization', 'screening', '集中排查截止日不能早于动员部署截止日');
    order('rollbackRequests', 'screening', '回退/清退书面申请应在集中排查结束前提交');
    order('screening', 'corrections', '信息修正截止日不能早于集中排查截止日');
    order('corrections', 'dataEntry', '信息采集录入截止日不能早于信息修正截止日');
    if (m.cityCheck.from > m.cityCheck.to) ctx.addIssue({ code: 'custom', path: ['milestones', 'cityCheck'], message: '市级核查的开始日期不能晚于结束日期' });
    if (m.corrections >= m.cityCheck.from) ctx.addIssue({ code: 'custom', path: ['milestones', 'cityCheck', 'from'], message: '市级核查应在信息修正截止之后开始' });
    if (m.summary < m.cityCheck.to) ctx.addIssue({ code: 'custom', path: ['milestones', 'summary'], message: '总结报告截止日不能早于市级核查结束日' });
    for (const [key, value] of Object.entries({ mobilization: m.mobilization, summary: m.summary })) {
      if (!value.startsWith(`${c.year}-`)) ctx.addIssue({ code: 'custom', path: ['milestones', key], message: `日期应在活动年度 ${c.year} 年内` });
    }
    if (c.publicityMinDays >= c.identificationLimitDays) ctx.addIssue({ code: 'custom', path: ['publicityMinDays'], message: '公示天数应少于识别认定时限' });
    if (c.incomeYear >= c.year + 1) ctx.addIssue({ code: 'custom', path: ['incomeYear'], message: '收入年度不能晚于活动年度' });
    if (!isValidTimeZone(c.tz)) ctx.addIssue({ code: 'custom', path: ['tz'], message: '不是有效的时区名，例如 Asia/Shanghai' });
  });

export type Campaign = z.infer<typeof campaignSchema>;


/** The 2022 神木 campaign as the seed fixes it. */
export const DEFAULT_CAMPAIGN_2022: Campaign = {
  year: 2022,
  name: '2022年防止返贫监测帮扶集中排查',
  milestones: {
    mobilization: '2022-04-30',
    screening: '2022-05-31',
    rollbackRequests: '2022-05-25',
    corrections: '2022-06-05',
    dataEntry: '2022-06-10',
    cityCheck: { from: '2022-06-06', to: '2022-06-10' },
    summary: '2022-06-11',
  },
  weekly: {
    reviewMeeting: { weekday: 4, time: '15:00' },
    reportDeadline: { weekday: 5, time: '08:00' },
  },
  identificationLimitDays: 15,
  publicityMinDays: 5,
  eliminationMinMonths: 6,
  incomeYear: 2021,
  tz: DEFAULT_TZ,
};

/**
 * The campaign of a year for which none is configured: the 2022 seed calendar with its dates moved
 * to that year (the rhythm — Thursday 研判会, 05-25 requests, 06-05 corrections — stays until the
 * province says otherwise) and the previous calendar year as the income period.
 *
 * @example
 *   defaultCampaignOf(2026).milestones.screening   // '2026-05-31'
 */
export function defaultCampaignOf(year: number): Campaign {
  const move = (d: string) => `${year}${d.slice(4)}`;
  const m = DEFAULT_CAMPAIGN_2022.milestones;
  return {
    ...DEFAULT_CAMPAIGN_2022,
    year,
    name: `${year}年防止返贫监测帮扶集中排查`,
    incomeYear: year - 1,
    milestones: {
      mobilization: move(m.mobilization),
      screening: move(m.screening),
      rollbackRequests: move(m.rollbackRequests),
      corrections: move(m.corrections),
      dataEntry: move(m.dataEntry),
      cityCheck: { from: move(m.cityCheck.from), to: move(m.cityCheck.to) },
      summary: move(m.summary),
    },
  };
}

export type CampaignParse = { ok: true; campaign: Campaign } | { ok: false; problems: string[] };

/** Validates a campaign configuration; problems name the field in Chinese terms. */
export function parseCampaign(input: unknown): CampaignParse {
  const r = campaignSchema.safeParse(input);
  if (r.success) return { ok: true, campaign: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || '配置'}：${i.message}`) };
}

export type Milestone = Exclude<keyof Campaign['milestones'], 'cityCheck'>;

export const MILESTONE_LABEL: Record<Milestone | 'cityCheck', string> = {
  mobilization: '全面动员部署',
  screening: '集中排查核查',
  rollbackRequests: '回退/清退书面申请',
  corrections: '信息修正',
  dataEntry: '信息采集录入',
  cityCheck: '市级核查补正',
  summary: '提交总结报告',
};

/** The instant a milestone passes: 24:00 of its day. */
export function milestoneDeadline(c: Campaign, m: Milestone): number {
  return endOfDay(c.milestones[m], c.tz);
}

/** The next village 研判会 strictly after `t`. */
export function nextReviewMeeting(t: number, c: Pick<Campaign, 'weekly' | 'tz'>): number {
  return nextWeekly(t, c.weekly.reviewMeeting, c.tz);
}

/** This week's (ISO week of `t`) report deadline; it may already have passed. */
export function weekReportDeadline(t: number, c: Pick<Campaign, 'weekly' | 'tz'>): number {
  return inWeekOf(t, c.weekly.reportDeadline, c.tz);
}

/** The first report deadline strictly after `t`. */
export function nextReportDeadline(t: number, c: Pick<Campaign, 'weekly' | 'tz'>): number {
  return nextWeekly(t, c.weekly.reportDeadline, c.tz);
}
