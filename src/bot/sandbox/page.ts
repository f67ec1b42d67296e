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

export interface SandboxPage {
  html: string;
  csp: string;
}

let cached: SandboxPage | null = null;

function part(name: string): string {
  return readFileSync(new URL(`./page/${name}`, import.meta.url), 'utf8');
}

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

export function sandboxPage(): SandboxPage {
  if (cached === null) {
    const script = part('chat.js');
    const style = part('style.css');
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
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    cached = { html, csp };
  }
  return cached;
}
