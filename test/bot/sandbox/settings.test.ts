import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/bot/config.js';
import { WeComCrypto } from '../../../src/bot/wecom/crypto.js';
import { generateCredentials, sandboxDatabase, SANDBOX_DEFAULT_DATABASE } from '../../../src/bot/sandbox/settings.js';
import { sandboxPage } from '../../../src/bot/sandbox/page.js';

describe('sandboxDatabase: the sandbox always uses SQLite', () => {
  it.each([
    ['no DATABASE_URL', {}, SANDBOX_DEFAULT_DATABASE, false],
    ['an empty DATABASE_URL', { DATABASE_URL: '' }, SANDBOX_DEFAULT_DATABASE, false],
    ['an explicit sqlite: URL', { DATABASE_URL: 'sqlite:/tmp/try.sqlite' }, 'sqlite:/tmp/try.sqlite', false],
    ['a MySQL URL', { DATABASE_URL: 'mysql://root:@127.0.0.1:3306/shouwang' }, SANDBOX_DEFAULT_DATABASE, true],
    ['a MariaDB URL', { DATABASE_URL: 'mariadb://u:p@db/shouwang' }, SANDBOX_DEFAULT_DATABASE, true],
  ] as const)('%s', (_what, env, url, explains) => {
    const r = sandboxDatabase(env);
    expect(r.url).toBe(url);
    if (explains) {
      expect(r.notice).toContain('沙盒模式只使用 SQLite');
      expect(r.notice).toContain('Sandbox mode uses SQLite only');
    } else {
      expect(r.notice).toBeNull();
    }
  });
});

describe('generateCredentials', () => {
  it('gives credentials the configuration accepts and the crypto works with, fresh each time', () => {
    const c = generateCredentials();
    const config = loadConfig({ WECOM_CORP_ID: c.corpId, WECOM_TOKEN: c.token, WECOM_AES_KEY: c.aesKey, WECOM_AGENT_ID: String(c.agentId), WECOM_SECRET: c.secret });
    expect(config.wecom?.aesKey).toBe(c.aesKey);
    const crypto = new WeComCrypto({ token: c.token, encodingAesKey: c.aesKey, receiveId: c.corpId });
    expect(crypto.decrypt(crypto.encrypt('<xml>试</xml>'))).toBe('<xml>试</xml>');
    expect(generateCredentials().aesKey).not.toBe(c.aesKey);
  });
});

describe('sandboxPage', () => {
  const { html, csp } = sandboxPage();

  it('is one document with its style and script inlined', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toContain('/*STYLE*/');
    expect(html).not.toContain('/*SCRIPT*/');
    expect(html).toContain('.bubble');
    expect(html).toContain("fetch(`/sandbox/api/${path}`");
  });

  it('loads nothing from elsewhere (the machine may be offline)', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
  });

  it('allows exactly its own inline script and style, by hash', () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*)<\/style>/.exec(html)![1]!;
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hash(script)};`);
    expect(csp).toContain(`style-src ${hash(style)};`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('never puts server text into the page as HTML', () => {
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
