/** The reply budget and the ordering window: defaults, values, and a clear refusal of bad ones. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/bot/config.js';

describe('REPLY_BUDGET_MS and SETTLE_MS', () => {
  it('default to answering at once and a 200 ms ordering window', () => {
    expect(loadConfig({})).toMatchObject({ replyBudgetMs: 0, settleMs: 200 });
  });

  it('read the values given', () => {
    expect(loadConfig({ REPLY_BUDGET_MS: '1500', SETTLE_MS: '0' })).toMatchObject({ replyBudgetMs: 1500, settleMs: 0 });
  });

  it.each([
    ['REPLY_BUDGET_MS', '5000', /REPLY_BUDGET_MS: 应为毫秒数（0–4000/],
    ['REPLY_BUDGET_MS', '一秒', /REPLY_BUDGET_MS: 应为毫秒数/],
    ['SETTLE_MS', '-1', /SETTLE_MS: 应为毫秒数（0–5000/],
  ])('refuse %s=%s with a Chinese reason', (name, value, reason) => {
    let thrown: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).message).toMatch(reason);
  });
});
