/**
 * The columns of 附件1 in the seed's order, as rebuilt in progress.ts: a three-line header
 * (group, column, unit) and the cell of each row. The xlsx form and any table reply lay out
 * `computeProgress` rows with these, so the layout lives in one place too.
 *
 * @example
 *   PROGRESS_COLUMNS.map((c) => c.title)        // ['是否专门安排部署', '参与集中排查的各级部门总人数', '集中排查对象', …]
 *   PROGRESS_COLUMNS.map((c) => c.value(row))   // ['是', 12, 320, 951, …]
 */
import type { HouseholdsPeople, ProgressRow } from './progress.js';

export interface ProgressColumn {
  key: string;
  /** Top header line (a merged cell over its columns), null when the column stands alone. */
  group: string | null;
  title: string;
  unit: '是/否' | '人数' | '户数' | '个数';
  value: (r: ProgressRow) => string | number;
}

const pair = (key: keyof ProgressRow, group: string | null, title: string): ProgressColumn[] => [
  { key: `${key}.households`, group, title, unit: '户数', value: (r) => (r[key] as HouseholdsPeople).households },
  { key: `${key}.people`, group, title, unit: '人数', value: (r) => (r[key] as HouseholdsPeople).people },
];

const num = (key: keyof ProgressRow, group: string | null, title: string, unit: ProgressColumn['unit']): ProgressColumn => ({ key, group, title, unit, value: (r) => r[key] as number });

export const PROGRESS_COLUMNS: readonly ProgressColumn[] = [
  { key: 'deployed', group: null, title: '是否专门安排部署', unit: '是/否', value: (r) => (r.level === 'village' ? (r.deployed ? '是' : '否') : `${r.deployedVillages}/${r.villages}`) },
  num('staff', null, '参与集中排查的各级部门总人数', '人数'),
  ...pair('screened', '集中排查对象', '集中排查对象'),
  ...pair('screenedAlleviated', '集中排查对象', '其中：脱贫户'),
  ...pair('screenedSubjects', '集中排查对象', '其中：监测对象'),
  ...pair('includedMarginal', '集中排查结果', '纳入边缘易致贫户'),
  ...pair('includedUnstable', '集中排查结果', '纳入脱贫不稳定户'),
  ...pair('includedSudden', '集中排查结果', '纳入突发严重困难户'),
  ...pair('includedCovid', '集中排查结果', '其中因疫情纳入'),
  num('reviewTotal', '“回头看”情况', '总数', '户数'),
  num('reverted', '“回头看”情况', '回退', '户数'),
  num('withdrawn', '“回头看”情况', '清退', '户数'),
  num('problemsFound', '问题整改', '排查问题总数', '个数'),
  num('problemsRectified', '问题整改', '问题整改数', '个数'),
  num('dataCorrections', '问题整改', '补正数据', '个数'),
  num('trained', null, '培训人数', '人数'),
];
