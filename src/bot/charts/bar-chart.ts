/**
 * A horizontal bar chart as a PNG, drawn with @napi-rs/canvas: one row per bar (label on the left,
 * stacked segments, a value note after the bar), vertical grid lines at the given ticks, an
 * optional legend and a footnote. Horizontal because village and town names are long and many.
 *
 * @example
 *   const png = renderBarChart({
 *     title: '各镇街集中排查覆盖率', max: 1,
 *     ticks: [{ value: 0, label: '0%' }, { value: 1, label: '100%' }],
 *     bars: [{ label: '高家堡镇', segments: [{ value: 0.8, color: '#3b82f6' }], note: '80.0%（320/400户）' }],
 *   });
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { chartFontFamily } from './fonts.js';

export interface BarSegment {
  value: number;
  color: string;
}

export interface Bar {
  label: string;
  segments: BarSegment[];
  /** Text printed after the bar (the value in words: 80.0%（320/400户）). */
  note: string;
}

export interface BarChartSpec {
  title: string;
  subtitle?: string;
  bars: Bar[];
  /** The value at the right end of the axis. */
  max: number;
  ticks: Array<{ value: number; label: string }>;
  legend?: Array<{ label: string; color: string }>;
  footnote?: string;
  /** Logical width in px (default 960). */
  width?: number;
  /** Pixel density (default 2: sharp on phones). */
  scale?: number;
}

const PAD = 24;
const ROW = 34;
const BAR = 20;
const LABEL_MAX = 240;
const NOTE_SPACE = 190;
const INK = '#1f2937';
const MUTED = '#6b7280';
const GRID = '#e5e7eb';

/** Shortens text with … until it fits `max` px. */
function fit(ctx: SKRSContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > max) t = t.slice(0, -1);
  return `${t}…`;
}

export function renderBarChart(spec: BarChartSpec): Buffer {
  const font = chartFontFamily();
  const width = spec.width ?? 960;
  const scale = spec.scale ?? 2;
  const titleH = 40 + (spec.subtitle ? 26 : 0) + (spec.legend?.length ? 30 : 0);
  const rows = Math.max(1, spec.bars.length);
  const axisH = 30;
  const footH = spec.footnote ? 30 : 0;
  const height = PAD + titleH + 8 + rows * ROW + axisH + footH + PAD;

  const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'middle';

  // Title, subtitle, legend.
  let y = PAD + 14;
  ctx.fillStyle = INK;
  ctx.font = `26px ${font}`;
  ctx.fillText(fit(ctx, spec.title, width - 2 * PAD), PAD, y);
  y += 26;
  if (spec.subtitle) {
    ctx.font = `16px ${font}`;
    ctx.fillStyle = MUTED;
    ctx.fillText(fit(ctx, spec.subtitle, width - 2 * PAD), PAD, y + 4);
    y += 26;
  }
  if (spec.legend?.length) {
    ctx.font = `15px ${font}`;
    let x = PAD;
    for (const item of spec.legend) {
      ctx.fillStyle = item.color;
      ctx.fillRect(x, y - 2, 14, 14);
      ctx.fillStyle = INK;
      ctx.fillText(item.label, x + 20, y + 5);
      x += 20 + ctx.measureText(item.label).width + 24;
    }
    y += 30;
  }

  // Plot area.
  ctx.font = `17px ${font}`;
  const labelW = Math.min(LABEL_MAX, Math.max(60, ...spec.bars.map((b) => ctx.measureText(b.label).width))) + 14;
  const left = PAD + labelW;
  const plotW = Math.max(100, width - left - PAD - NOTE_SPACE);
  const top = y + 8;
  const bottom = top + rows * ROW;
  const xOf = (v: number) => left + (spec.max > 0 ? Math.min(1, Math.max(0, v / spec.max)) : 0) * plotW;

  ctx.strokeStyle = GRID;
  ctx.lineWidth = 1;
  ctx.font = `14px ${font}`;
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'center';
  for (const t of spec.ticks) {
    const x = Math.round(xOf(t.value)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.fillText(t.label, x, bottom + 14);
  }

  ctx.font = `17px ${font}`;
  spec.bars.forEach((bar, i) => {
    const mid = top + i * ROW + ROW / 2;
    ctx.textAlign = 'right';
    ctx.fillStyle = INK;
    ctx.fillText(fit(ctx, bar.label, labelW - 14), left - 10, mid);
    let acc = 0;
    for (const seg of bar.segments) {
      const x0 = xOf(acc);
      acc += Math.max(0, seg.value);
      ctx.fillStyle = seg.color;
      ctx.fillRect(x0, mid - BAR / 2, xOf(acc) - x0, BAR);
    }
    ctx.textAlign = 'left';
    ctx.fillStyle = INK;
    ctx.fillText(bar.note, xOf(acc) + 8, mid);
  });
  if (spec.bars.length === 0) {
    ctx.textAlign = 'center';
    ctx.fillStyle = MUTED;
    ctx.fillText('暂无数据', left + plotW / 2, top + ROW / 2);
  }

  if (spec.footnote) {
    ctx.textAlign = 'left';
    ctx.font = `14px ${font}`;
    ctx.fillStyle = MUTED;
    ctx.fillText(fit(ctx, spec.footnote, width - 2 * PAD), PAD, bottom + axisH + 14);
  }
  return canvas.toBuffer('image/png');
}
