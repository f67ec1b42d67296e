import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar } from '../../src/domain/id-number.js';
import { maskIdNumber, maskPhone, maskText } from '../../src/domain/privacy.js';

describe('GB 11643 ID numbers', () => {
  it.each([
    ['11010519491231002X', true, ''],
    ['11010519491231002x', true, ''],
    ['１１０１０５１９４９１２３１００２Ｘ', true, ''],
    ['110105194912310021', false, 'checksum'],
    ['11010519491231002', false, 'length'],
    ['11010519491231002Y', false, 'characters'],
    ['110105194902300028', false, 'birth_date'],
  ])('%s → ok=%s %s', (input, ok, reason) => {
    const r = checkIdNumber(input);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it('computes the check character by the standard weights', () => {
    // 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 189; 189 mod 11 = 2 → 'X'
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  it('reads birth date and sex', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X', birth: '1949-12-31', sex: 'female' });
  });
});

describe('masking', () => {
  it('masks ID numbers and phones, alone and inside text', () => {
    expect(maskIdNumber('61082119800101123X')).toBe('6108**********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskText('张三 电话13812345678，身份证61082119800101123X，座机0912-8331266')).toBe(
      '张三 电话138****5678，身份证6108**********123X，座机091*****1266',
    );
    expect(maskText('订单号 2022000123456789012345 金额 30000')).toBe('订单号 2022000123456789012345 金额 30000');
  });
});
