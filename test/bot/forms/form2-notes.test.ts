import { describe, expect, it } from 'vitest';
import { form2Notes, FORM_TEXTS } from '../../../src/bot/forms/form-texts.js';

describe('附件2 说明: key group ② from the campaign', () => {
  it('names the campaign’s income year and line; without them the seed’s words stay', () => {
    expect(form2Notes({ incomeYear: 2022, line: 7100 })[0]).toContain('2. 2022年家庭人均纯收入低于7100元和明显减少户；');
    expect(form2Notes({ incomeYear: 2022, line: 7100 })[0]).not.toContain('6700');
    expect(form2Notes(undefined)).toEqual(FORM_TEXTS.form2.notes);
    expect(form2Notes(undefined)[0]).toContain('2021年家庭人均纯收入低于6700元');
  });
});
