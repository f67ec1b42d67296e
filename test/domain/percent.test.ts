import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../src/domain/percent.js';
import { percent } from '../../src/flows/official/words.js';

describe('percentages are rounded, not truncated', () => {
  it.each([
    [15 / 22, '68.2%'],
    [4 / 6, '66.7%'],
    [1 / 3, '33.3%'],
    [0.8, '80.0%'],
    [0.0005, '0.1%'],
    [0, '0.0%'],
    [1, '100.0%'],
    [9999 / 10000, '99.9%'],
    [999 / 1000, '99.9%'],
  ])('%f → %s', (ratio, shown) => {
    expect(formatPercent(ratio)).toBe(shown);
    expect(percent(ratio)).toBe(shown);
  });
});
