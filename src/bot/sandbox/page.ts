/**
 * The sandbox page as one HTML document: page/index.html with page/style.css and page/chat.js
 * inlined, so the browser loads nothing else (the machine may be offline). Its
 * Content-Security-Policy allows exactly these two inline blocks (by hash) and requests to this
 * origin — nothing else can run, even if some text slipped into the page as markup.
 * Read once, on first use.
 *
 * @example
 *   const { html, csp } = sandboxPage();
 *   ctx.set('Content-Security-Policy', csp);  ctx.body = html;
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

export interface SandboxPage {
  html: string;
  csp: string;
}

let cached: SandboxPage | null = null;

function part(name: string): string {
  return readFileSync(new URL(`./page/${name}`, import.meta.url), 'utf8');
}

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** Where the Noto Sans SC files of `@fontsource/noto-sans-sc` are (a dependency of the charts too). */
export const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css')), 'files');

/** Only the regular-weight woff2 subsets are served. */
export const FONT_FILE = /^noto-sans-sc-[a-z0-9-]+-400-normal\.woff2$/;

/**
 * The package's @font-face rules for weight 400, pointed at /sandbox/fonts/: each rule covers a
 * unicode-range, so a browser without Chinese fonts downloads only the subsets a page uses.
 */
function fontFaces(): string {
  const css = readFileSync(join(dirname(FONT_DIR), '400.css'), 'utf8');
  return css.replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)(, url\([^)]*\) format\('woff'\))?/g, (_m, file: string) => `src: url(/sandbox/fonts/${basename(file)}) format('woff2')`);
}

export function sandboxPage(): SandboxPage {
  if (cached === null) {
    const script = part('chat.js');
    const style = `${fontFaces()}\n${part('style.css')}`;
    // Inside <script>, only "</script" could end the element early; the page's code has none.
    if (/<\/script/i.test(script)) throw new Error('page/chat.js must not contain </script');
    const html = part('index.html')
      .replace('/*STYLE*/', () => style)
      .replace('/*SCRIPT*/', () => script);
    const csp = [
      "default-src 'none'",
      `script-src ${sha256(script)}`,
      `style-src ${sha256(style)}`,
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    cached = { html, csp };
  }
  return cached;
}
