import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, maskText } from '../../src/domain/privacy.js';

const ID = '61082119800101123X';
const MASKED_ID = '6108**********123X';

describe('one masker for every way a number is typed', () => {
  it.each([
    ['ASCII', `身份证${ID}`],
    ['lower-case x', `身份证${ID.toLowerCase()}`],
    ['full-width digits and Ｘ', '身份证６１０８２１１９８００１０１１２３Ｘ'],
    ['full-width digits and ｘ', '身份证６１０８２１１９８００１０１１２３ｘ，谢谢'],
    ['groups of four with spaces', '身份证6108 2119 8001 0112 3X'],
    ['groups with dashes', '身份证610821-19800101-123X'],
    ['6-8-4 with full-width spaces', '身份证610821\u300019800101\u3000123X'],
    ['full-width dashes', '身份证６１０８２１－１９８００１０１－１２３Ｘ'],
  ])('an 18-character ID number: %s', (_how, text) => {
    const out = maskText(text);
    expect(out).toContain(MASKED_ID);
    expect(out.replace(/[^0-9０-９]/g, '').length).toBeLessThanOrEqual(8);
  });

  it('a 15-digit ID number (before 1999), only with a birth date inside', () => {
    expect(maskText('老证610821800101123')).toBe('老证6108*******1123');
    expect(maskText('单号202213812345678')).toBe('单号202213812345678');
  });

  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['１３８ １２３４ ５６７８', '138****5678'],
    ['+86 138 1234 5678', '+86 138****5678'],
    ['0912-8331266', '091*****1266'],
    ['０９１２－８３３１２６６', '091*****1266'],
  ])('a phone: %s', (typed, shown) => {
    expect(maskText(`电话${typed}。`)).toBe(`电话${shown}。`);
  });

  it('an ID and a phone side by side stay two numbers', () => {
    expect(maskText(`13812345678 ${ID}`)).toBe(`138****5678 ${MASKED_ID}`);
    expect(maskText('６１０８２１１９８００１０１１２３Ｘ电话１３８１２３４５６７８')).toBe(`${MASKED_ID}电话138****5678`);
  });

  it('an ID number typed with a digit too few or one too many is masked too', () => {
    expect(maskText('身份证61082119800101123')).toBe('身份证6108*********1123');
    expect(maskText('身份证６１０８２１１９８００１０１１２３Ｘ４')).toBe('身份证6108**********123X４');
    expect(maskText('身份证6108211980010112X')).toBe('身份证6108*********112X');
  });

  it('leaves what is no personal number: amounts, dates, region codes, order numbers', () => {
    for (const s of ['花了30000元', '2022-05-12 住院', '户编号610821101201', '订单号 2022000123456789012345 金额 30000', '5口人 2户']) {
      expect(maskText(s)).toBe(s);
    }
  });

  it.each([
    ['a 19-digit card after 卡号', '银行卡号：6217996540001234567', '银行卡号：6217***********4567'],
    ['a card in groups of four', '工资卡 6217 9965 4000 1234 567', '工资卡 6217***********4567'],
    ['an account after 账号是', '一卡通账号是 2703010012345678901', '一卡通账号是 2703***********8901'],
    ['a passbook number', '存折号２７０３０１００１２３４５６', '存折号2703******3456'],
  ])('a bank card or account number where the text says so: %s', (_how, text, shown) => {
    expect(maskText(text)).toBe(shown);
  });

  it('a long number without a bank word stays (message ids in logs)', () => {
    expect(maskText('msgid 6217996540001234567')).toBe('msgid 6217996540001234567');
    expect(maskText('户编号610821101201')).toBe('户编号610821101201');
  });

  it('maskIdNumber and maskPhone accept any form too', () => {
    expect(maskIdNumber('６１０８２１１９８００１０１１２３ｘ')).toBe(MASKED_ID);
    expect(maskIdNumber('6108 2119 8001 0112 3X')).toBe(MASKED_ID);
    expect(maskPhone('１３８１２３４５６７８')).toBe('138****5678');
  });
});
