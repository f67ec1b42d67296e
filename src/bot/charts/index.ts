/**
 * Chart pictures for officials (PNG buffers), drawn with the bundled Noto Sans SC font.
 *
 * @example
 *   const png = coverageChart({ title: '各镇街排查覆盖率', items });
 *   // reply { type: 'image', fileName: '覆盖率.png', contentBase64: png.toString('base64') }
 */
export { coverageChart, coverageSpec, overdueLeadsChart, overdueSpec, niceStep, COVERAGE_COLORS, OVERDUE_COLORS, ChartInputError, type CoverageItem, type OverdueItem, type ChartOptions } from './charts.js';
export { renderBarChart, type Bar, type BarChartSpec } from './bar-chart.js';
export { chartFontFamily, CHART_FONT } from './fonts.js';
