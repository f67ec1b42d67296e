/**
 * The sandbox page as one HTML document: page/index.html with page/style.css and page/chat.js
 * inlined, so the browser loads nothing else (the machine may be offline, and the page's
 * Content-Security-Policy allows only inline code and this origin). Read once, on first use.
 *
 * @example
 *   ctx.body = sandboxPage();   // '<!doctype html>…<style>…</style>…<script>…</script>…'
 */
import { readFileSync } from 'node:fs';

let cached: string | null = null;

function part(name: string): string {
  return readFileSync(new URL(`./page/${name}`, import.meta.url), 'utf8');
}

export function sandboxPage(): string {
  if (cached === null) {
    const script = part('chat.js');
    // Inside <script>, only "</script" could end the element early; the page's code has none.
    if (/<\/script/i.test(script)) throw new Error('page/chat.js must not contain </script');
    cached = part('index.html')
      .replace('/*STYLE*/', () => part('style.css'))
      .replace('/*SCRIPT*/', () => script);
  }
  return cached;
}
