/**
 * The one font of the charts: Noto Sans SC from the `@fontsource/noto-sans-sc` package, so Chinese
 * renders the same on every machine after `npm ci`, with no system font. The package splits the
 * font into unicode-range subsets; every regular-weight subset is registered under one family name,
 * and the renderer picks the subset that has each glyph.
 *
 * @example
 *   ctx.font = `18px ${chartFontFamily()}`;
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

export const CHART_FONT = 'NotoSC';
let registered = 0;

/** Registers the font once per process; returns the family name to use in `ctx.font`. */
export function chartFontFamily(): string {
  if (registered > 0) return CHART_FONT;
  const css = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/index.css');
  const dir = join(dirname(css), 'files');
  for (const file of readdirSync(dir)) {
    if (file.endsWith('-400-normal.woff2') && GlobalFonts.registerFromPath(join(dir, file), CHART_FONT)) registered++;
  }
  if (registered === 0) throw new Error(`图表字体未找到：${dir} 中没有 *-400-normal.woff2（请运行 npm ci）`);
  return CHART_FONT;
}
