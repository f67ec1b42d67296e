/**
 * The charts officials get as pictures: screening coverage by village or town, and overdue risk
 * leads by town. Plain numbers in, PNG out; sorting, colours and wording are decided here so every
 * caller shows the same picture.
 *
 * @example
 *   const png = coverageChart({ title: '高家堡镇各村排查覆盖率', subtitle: '截至2022年5月13日',
 *     items: [{ name: '王家庄村', screened: 320, roster: 400 }] });
 *   const png2 = overdueLeadsChart({ title: '各镇街超期风险线索', items: [{ name: '高家堡镇', overdue: 3, dueSoon: 2 }] });
 */
import { formatPercent } from '../../domain/percent.js';
import { renderBarChart, type Bar, type BarChartSpec } from './bar-chart.js';

/** Bad chart input (a negative count, a fraction where a count belongs); the message is for people. */
export class ChartInputError extends Error {
  readonly code = 'CHART.INVALID_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'ChartInputError';
  }
}

export interface CoverageItem {
  /** Village or town name. */
  name: string;
  /** Households screened this campaign. */
  screened: number;
  /** Households on the roster. */
  roster: number;
}

export interface OverdueItem {
  /** Town (or village) name. */
  name: string;
  /** Leads past their 15-day deadline. */
  overdue: number;
  /** Leads due within the warning window (optional second segment). */
  dueSoon?: number;
}

export interface ChartOptions {
  title: string;
  /** E.g. 截至2022年5月13日 (the caller knows the day; charts never read the clock). */
  subtitle?: string;
  /** Most bars drawn (default 30); the rest are summed up in the footnote. */
  maxBars?: number;
  width?: number;
  scale?: number;
}

export const COVERAGE_COLORS = { full: '#16a34a', good: '#2563eb', low: '#ea580c', none: '#9ca3af' } as const;
/** Below this share a bar is drawn in the warning colour. */
export const COVERAGE_WARN_BELOW = 0.8;
export const OVERDUE_COLORS = { overdue: '#dc2626', dueSoon: '#f59e0b' } as const;

function checkCount(what: string, name: string, n: unknown): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new ChartInputError(`${name}的${what}须为不小于0的整数（收到 ${String(n)}）`);
}

/** Floors to one decimal, so 999/1000 never shows as 100.0%. */
const percent = formatPercent;

/**
 * Coverage bars, lowest first: the villages or towns that need pushing are at the top, and when
 * there are more than `maxBars` the best ones are left out (the footnote says how many).
 * A place with no roster comes first, marked 无花名册.
 */
export function coverageChart(input: ChartOptions & { items: CoverageItem[] }): Buffer {
  return renderBarChart(coverageSpec(input));
}

/** The drawing plan of `coverageChart` (bars in order, notes, colours, footnote), without pixels. */
export function coverageSpec(input: ChartOptions & { items: CoverageItem[] }): BarChartSpec {
  for (const it of input.items) {
    checkCount('已排查户数', it.name, it.screened);
    checkCount('花名册户数', it.name, it.roster);
  }
  const ratio = (it: CoverageItem) => (it.roster === 0 ? -1 : it.screened / it.roster);
  const sorted = [...input.items].sort((a, b) => ratio(a) - ratio(b) || a.name.localeCompare(b.name, 'zh-CN'));
  const limit = input.maxBars ?? 30;
  const shown = sorted.slice(0, limit);
  const hidden = sorted.slice(limit);
  const bars: Bar[] = shown.map((it) => {
    if (it.roster === 0) return { label: it.name, segments: [], note: `无花名册（已排查${it.screened}户）` };
    const r = it.screened / it.roster;
    const color = r >= 1 ? COVERAGE_COLORS.full : r >= COVERAGE_WARN_BELOW ? COVERAGE_COLORS.good : COVERAGE_COLORS.low;
    return { label: it.name, segments: [{ value: Math.min(1, r), color }], note: `${percent(r)}（${it.screened}/${it.roster}户）` };
  });
  const lowestHidden = hidden[0];
  return {
    title: input.title,
    ...(input.subtitle ? { subtitle: input.subtitle } : {}),
    bars,
    max: 1,
    ticks: [0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v, label: `${v * 100}%` })),
    legend: [
      { label: '已全覆盖', color: COVERAGE_COLORS.full },
      { label: `${COVERAGE_WARN_BELOW * 100}%及以上`, color: COVERAGE_COLORS.good },
      { label: `不足${COVERAGE_WARN_BELOW * 100}%`, color: COVERAGE_COLORS.low },
    ],
    ...(lowestHidden ? { footnote: `另有${hidden.length}个未列出，覆盖率均不低于${percent(ratio(lowestHidden))}` } : {}),
    ...(input.width ? { width: input.width } : {}),
    ...(input.scale ? { scale: input.scale } : {}),
  };
}

/** A tick step of 1, 2 or 5 × 10^k giving at most five intervals. */
export function niceStep(max: number): number {
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 5]) if (max / (m * p) <= 5) return m * p;
}

/** Overdue leads, most first; the second segment (due soon) is drawn when any item has it. */
export function overdueLeadsChart(input: ChartOptions & { items: OverdueItem[] }): Buffer {
  return renderBarChart(overdueSpec(input));
}

/** The drawing plan of `overdueLeadsChart`, without pixels. */
export function overdueSpec(input: ChartOptions & { items: OverdueItem[] }): BarChartSpec {
  for (const it of input.items) {
    checkCount('超期线索数', it.name, it.overdue);
    if (it.dueSoon !== undefined) checkCount('临期线索数', it.name, it.dueSoon);
  }
  const soon = (it: OverdueItem) => it.dueSoon ?? 0;
  const sorted = [...input.items].sort((a, b) => b.overdue - a.overdue || soon(b) - soon(a) || a.name.localeCompare(b.name, 'zh-CN'));
  const limit = input.maxBars ?? 30;
  const shown = sorted.slice(0, limit);
  const hidden = sorted.slice(limit);
  const withSoon = input.items.some((it) => it.dueSoon !== undefined);
  const top = Math.max(1, ...shown.map((it) => it.overdue + soon(it)));
  const step = niceStep(top);
  const max = Math.ceil(top / step) * step;
  const ticks = Array.from({ length: max / step + 1 }, (_, i) => ({ value: i * step, label: String(i * step) }));
  const bars: Bar[] = shown.map((it) => ({
    label: it.name,
    segments: [{ value: it.overdue, color: OVERDUE_COLORS.overdue }, ...(withSoon ? [{ value: soon(it), color: OVERDUE_COLORS.dueSoon }] : [])],
    note: withSoon ? `超期${it.overdue}条，临期${soon(it)}条` : `超期${it.overdue}条`,
  }));
  const hiddenOverdue = hidden.reduce((s, it) => s + it.overdue, 0);
  return {
    title: input.title,
    ...(input.subtitle ? { subtitle: input.subtitle } : {}),
    bars,
    max,
    ticks,
    ...(withSoon ? { legend: [{ label: '已超期', color: OVERDUE_COLORS.overdue }, { label: '临期', color: OVERDUE_COLORS.dueSoon }] } : {}),
    ...(hidden.length > 0 ? { footnote: `另有${hidden.length}个未列出，合计超期${hiddenOverdue}条` } : {}),
    ...(input.width ? { width: input.width } : {}),
    ...(input.scale ? { scale: input.scale } : {}),
  };
}
