/**
 * The fixed catalogues of the policy (DOMAIN.md and the seed's attachments): code names in
 * English, labels exactly as the documents print them. Every list keeps the documents' order,
 * which is also the order of the forms' columns and the numbers people type ("对象类型 1、3、5").
 */

const labels = <K extends string>(entries: ReadonlyArray<readonly [K, string]>) => ({
  codes: entries.map(([k]) => k) as K[],
  label: Object.fromEntries(entries) as Record<K, string>,
});

/** 监测对象类别 (三类户). Order = the number used in 附件4/附件5 (1 脱贫不稳定户, 2 边缘易致贫户, 3 突发严重困难户). */
export const CATEGORY = labels([
  ['unstable_alleviated', '脱贫不稳定户'],
  ['marginal', '边缘易致贫户'],
  ['sudden_hardship', '突发严重困难户'],
] as const);
export type Category = (typeof CATEGORY.codes)[number];

/** 户类型. */
export const HOUSEHOLD_TYPE = labels([
  ['alleviated', '脱贫户'],
  ['general', '一般农户'],
] as const);
export type HouseholdType = (typeof HOUSEHOLD_TYPE.codes)[number];

/** 风险类型 (up to five per household, the first required). */
export const RISK_TYPE = labels([
  ['illness', '因病'],
  ['disability', '因残'],
  ['schooling', '因学'],
  ['natural_disaster', '因自然灾害'],
  ['accident', '因意外事故'],
  ['industry_failure', '因产业项目失败'],
  ['unstable_employment', '因务工就业不稳'],
  ['lack_of_labour', '缺劳动力'],
  ['housing_safety', '因安全住房'],
  ['drinking_water', '因安全饮水'],
  ['other', '其他'],
] as const);
export type RiskType = (typeof RISK_TYPE.codes)[number];

/** Sub-types of 因自然灾害. */
export const DISASTER_SUBTYPE = labels([
  ['flood', '洪涝'],
  ['geological', '地质'],
  ['drought', '旱灾'],
  ['meteorological', '气象'],
  ['biological', '生物'],
  ['earthquake', '地震'],
  ['other', '其他'],
] as const);
export type DisasterSubtype = (typeof DISASTER_SUBTYPE.codes)[number];

/** 帮扶措施. */
export const MEASURE = labels([
  ['industry', '产业帮扶'],
  ['employment', '就业帮扶'],
  ['finance', '金融帮扶'],
  ['public_welfare_job', '公益岗位帮扶'],
  ['health', '健康帮扶'],
  ['compulsory_education', '义务教育保障'],
  ['education', '教育帮扶'],
  ['comprehensive_security', '综合保障'],
  ['housing_safety', '住房安全保障'],
  ['drinking_water', '饮水安全保障'],
  ['social', '社会帮扶'],
  ['relocation', '搬迁'],
  ['living_conditions', '生产生活条件改善'],
  ['infrastructure', '基础设施建设'],
] as const);
export type Measure = (typeof MEASURE.codes)[number];

/** 开发式帮扶: measures that build a household's own income (offered first to households with labour). */
export const DEVELOPMENTAL_MEASURES: readonly Measure[] = ['industry', 'employment', 'finance', 'public_welfare_job'];

/** 风险线索来源. */
export const LEAD_SOURCE = labels([
  ['self_declared', '农户自主申报'],
  ['cadre_screening', '干部排查'],
  ['department_warning', '部门筛查预警'],
] as const);
export type LeadSource = (typeof LEAD_SOURCE.codes)[number];

/** 识别认定 steps, in order (the 15-day procedure). */
export const LEAD_STEP = labels([
  ['home_visit', '入户核查'],
  ['consent', '承诺授权'],
  ['data_comparison', '信息比对'],
  ['village_review', '民主评议'],
  ['publicity', '公示'],
  ['town_review', '镇街审核'],
  ['city_approval', '市级审批'],
  ['announcement', '公告'],
  ['system_entry', '系统录入'],
] as const);
export type LeadStep = (typeof LEAD_STEP.codes)[number];

/**
 * The ten key groups ①–⑩ of 2022 (seed 二; 附件2 对象类型 1–10). Order = the number. Key group
 * ②'s label here names no year and no amount: the seed's “2021年…低于6700元” are the 2022
 * campaign's income year and line, so wherever it is shown with numbers it goes through
 * `keyGroupLabel` with the campaign's own.
 */
export const KEY_GROUP = labels([
  ['kg1_alleviated', '脱贫户'],
  ['kg2_low_income', '上年家庭人均纯收入低于监测标准和明显减少户'],
  ['kg3_extreme_poverty', '分散供养特困户'],
  ['kg4_dibao', '农村低保对象'],
  ['kg5_disability', '农村残疾人家庭'],
  ['kg6_many_children', '多子女户'],
  ['kg7_migrant_income', '务工收入占比高且务工时间不稳定的农户'],
  ['kg8_covid', '因新冠肺炎疫情影响生产及就业的农户'],
  ['kg9_disaster', '去年以来受干旱洪涝等各类自然灾害影响“三保障”和饮水安全的农户'],
  ['kg10_rigid_spending', '因病因灾因意外事故等刚性支出较大或收入大幅缩减导致基本生活出现严重困难的农户'],
] as const);
export type KeyGroup = (typeof KEY_GROUP.codes)[number];

/** What key group ② is measured against: the campaign's income year and its monitoring line (yuan). */
export interface KeyGroupBasis {
  incomeYear: number;
  line: number;
}

/**
 * A key group's label as the campaign prints it: ② with its income year and line
 * (`keyGroupLabel('kg2_low_income', { incomeYear: 2021, line: 6700 })` → “2021年家庭人均纯收入低于6700元和明显减少户”);
 * without a basis (no line set for the year) the label without numbers.
 */
export function keyGroupLabel(g: KeyGroup, basis: KeyGroupBasis | null | undefined): string {
  if (g !== 'kg2_low_income' || !basis) return KEY_GROUP.label[g];
  return `${basis.incomeYear}年家庭人均纯收入低于${basis.line}元和明显减少户`;
}

/** 问题清单 categories (附件6), exactly as printed. */
export const PROBLEM_CATEGORY = labels([
  ['basic_needs', '“两不愁三保障”和饮水安全方面'],
  ['policy_implementation', '帮扶政策落实方面'],
  ['income_not_stable', '收入未稳定达标方面'],
  ['missed_or_outside', '“应纳未纳”“体外循环”方面'],
  ['grid_management', '网格员管理及日常排查方面'],
  ['data_quality', '数据质量方面'],
  ['petition_opinion', '信访舆情方面'],
  ['other', '其他方面'],
] as const);
export type ProblemCategory = (typeof PROBLEM_CATEGORY.codes)[number];

/** 排查方式 (附件3). */
export const SCREENING_METHOD = labels([
  ['home_visit', '入户'],
  ['phone', '电话'],
  ['wechat', '微信'],
  ['other', '其他'],
] as const);
export type ScreeningMethod = (typeof SCREENING_METHOD.codes)[number];

/** 行业部门 that send warnings (部门筛查预警). */
export const DEPARTMENT = labels([
  ['medical_insurance', '医保'],
  ['civil_affairs', '民政'],
  ['disabled_federation', '残联'],
  ['education', '教育'],
  ['human_resources', '人社'],
  ['housing', '住建'],
  ['water', '水利'],
  ['emergency', '应急管理'],
  ['public_security', '公安'],
  ['agriculture', '农业农村'],
] as const);
export type Department = (typeof DEPARTMENT.codes)[number];

/** 清退 reasons. */
export const WITHDRAWAL_REASON = labels([
  ['data_mismatch', '信息比对不符'],
  ['favouritism', '优亲厚友/虚报'],
  ['duplicate', '重复纳入'],
  ['other', '其他'],
] as const);
export type WithdrawalReason = (typeof WITHDRAWAL_REASON.codes)[number];
