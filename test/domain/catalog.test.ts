import { describe, expect, it } from 'vitest';
import { KEY_GROUP, keyGroupLabel } from '../../src/domain/catalog.js';

describe('key group ②’s label', () => {
  it('carries no hard-coded year or amount; the campaign’s income year and line are put in', () => {
    expect(KEY_GROUP.label.kg2_low_income).not.toMatch(/2021|6700/);
    expect(keyGroupLabel('kg2_low_income', { incomeYear: 2021, line: 6700 })).toBe('2021年家庭人均纯收入低于6700元和明显减少户');
    expect(keyGroupLabel('kg2_low_income', { incomeYear: 2022, line: 7100 })).toBe('2022年家庭人均纯收入低于7100元和明显减少户');
    expect(keyGroupLabel('kg2_low_income', null)).toBe(KEY_GROUP.label.kg2_low_income);
    expect(keyGroupLabel('kg6_many_children', { incomeYear: 2022, line: 7100 })).toBe('多子女户');
  });
});
