import { GlobalFonts, createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  ChartInputError, COVERAGE_COLORS, OVERDUE_COLORS, chartFontFamily, coverageChart, coverageSpec, niceStep, overdueLeadsChart, overdueSpec, renderBarChart,
} from '../../../src/bot/charts/index.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels clearly darker than the white background and the light grid (the ink of text) inside a rectangle of a decoded PNG. */
async function ink(png: Buffer, x: number, y: number, w: number, h: number): Promise<{ count: number; pixels: Uint8ClampedArray }> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(x, y, w, h).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) if (((data[i] ?? 255) + (data[i + 1] ?? 255) + (data[i + 2] ?? 255)) / 3 < 200) count++;
  return { count, pixels: data };
}

describe('charts', () => {
  it('registers the bundled Noto Sans SC under one family', () => {
    expect(chartFontFamily()).toBe('NotoSC');
    expect(GlobalFonts.has('NotoSC')).toBe(true);
  });

  it('draws Chinese labels with real glyphs (not boxes, not nothing)', async () => {
    // One bar at scale 1: the label sits right-aligned left of the plot, in the first bar row.
    const chart = (label: string) => renderBarChart({ title: '', bars: [{ label, segments: [], note: '' }], max: 1, ticks: [], scale: 1, width: 600 });
    const box = [24, 58, 200, 34] as const; // x, y, w, h of the label row (title 40 + gap 8 below the top padding 24)
    const [a, b, empty] = await Promise.all([ink(chart('高家堡镇'), ...box), ink(chart('王家庄村'), ...box), ink(chart(''), ...box)]);
    expect(empty.count).toBe(0);
    expect(a.count).toBeGreaterThan(150);
    expect(b.count).toBeGreaterThan(150);
    // Missing glyphs draw identical boxes for any four characters; real glyphs differ.
    let differing = 0;
    for (let i = 0; i < a.pixels.length; i += 4) if (a.pixels[i] !== b.pixels[i]) differing++;
    expect(differing).toBeGreaterThan(100);
  });

  it('coverage: a PNG of the expected size, growing by one row per place', () => {
    const items = [{ name: '王家庄村', screened: 320, roster: 400 }, { name: '李家沟村', screened: 150, roster: 300 }, { name: '石角塔村', screened: 410, roster: 410 }];
    const three = pngSize(coverageChart({ title: '高家堡镇各村排查覆盖率', subtitle: '截至2022年5月13日', items }));
    const four = pngSize(coverageChart({ title: '高家堡镇各村排查覆盖率', subtitle: '截至2022年5月13日', items: [...items, { name: '凉水井村', screened: 0, roster: 120 }] }));
    expect(three.width).toBe(1920);
    expect(four.height - three.height).toBe(68);
  });

  it('coverage: lowest first, coloured by band, no roster first, the rest summed up in the footnote', () => {
    const spec = coverageSpec({
      title: '各村排查覆盖率',
      maxBars: 4,
      items: [
        { name: '王家庄村', screened: 320, roster: 400 },
        { name: '李家沟村', screened: 150, roster: 300 },
        { name: '石角塔村', screened: 410, roster: 410 },
        { name: '新建村', screened: 3, roster: 0 },
        { name: '贺家川村', screened: 999, roster: 1000 },
        { name: '凉水井村', screened: 390, roster: 400 },
      ],
    });
    expect(spec.bars.map((b) => [b.label, b.note, b.segments[0]?.color ?? null])).toEqual([
      ['新建村', '无花名册（已排查3户）', null],
      ['李家沟村', '50.0%（150/300户）', COVERAGE_COLORS.low],
      ['王家庄村', '80.0%（320/400户）', COVERAGE_COLORS.good],
      ['凉水井村', '97.5%（390/400户）', COVERAGE_COLORS.good],
    ]);
    expect(spec.footnote).toBe('另有2个未列出，覆盖率均不低于99.9%');
    expect(coverageSpec({ title: 't', items: [{ name: '石角塔村', screened: 410, roster: 410 }] }).bars[0]?.segments).toEqual([{ value: 1, color: COVERAGE_COLORS.full }]);
  });

  it('overdue leads: most first, due-soon stacked, axis on round numbers', () => {
    const spec = overdueSpec({
      title: '各镇街超期风险线索',
      maxBars: 2,
      items: [{ name: '高家堡镇', overdue: 3, dueSoon: 2 }, { name: '店塔镇', overdue: 7, dueSoon: 0 }, { name: '大柳塔镇', overdue: 1, dueSoon: 4 }],
    });
    expect(spec.bars.map((b) => [b.label, b.note, b.segments.map((s) => [s.value, s.color])])).toEqual([
      ['店塔镇', '超期7条，临期0条', [[7, OVERDUE_COLORS.overdue], [0, OVERDUE_COLORS.dueSoon]]],
      ['高家堡镇', '超期3条，临期2条', [[3, OVERDUE_COLORS.overdue], [2, OVERDUE_COLORS.dueSoon]]],
    ]);
    expect(spec.max).toBe(8);
    expect(spec.ticks.map((t) => t.label)).toEqual(['0', '2', '4', '6', '8']);
    expect(spec.footnote).toBe('另有1个未列出，合计超期1条');
    expect(pngSize(overdueLeadsChart({ title: '各镇街超期风险线索', items: [{ name: '高家堡镇', overdue: 3 }], scale: 1 })).width).toBe(960);
  });

  it.each([
    [1, 1], [5, 1], [6, 2], [10, 2], [11, 5], [26, 10], [240, 50],
  ])('niceStep(%i) = %i', (max, step) => expect(niceStep(max)).toBe(step));

  it.each([
    ['a negative count', () => coverageChart({ title: 't', items: [{ name: '王家庄村', screened: -1, roster: 10 }] }), '王家庄村的已排查户数须为不小于0的整数（收到 -1）'],
    ['a fraction', () => overdueLeadsChart({ title: 't', items: [{ name: '店塔镇', overdue: 1.5 }] }), '店塔镇的超期线索数须为不小于0的整数（收到 1.5）'],
  ])('refuses %s', (_t, draw, message) => {
    expect(draw).toThrow(ChartInputError);
    expect(draw).toThrow(message);
  });

  it('draws an empty chart that says so', async () => {
    const png = coverageChart({ title: '各村排查覆盖率', items: [], scale: 1 });
    expect(pngSize(png).width).toBe(960);
    expect((await ink(png, 300, 100, 400, 34)).count).toBeGreaterThan(50);
  });
});
