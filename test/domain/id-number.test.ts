import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar, normalizeIdNumber } from '../../src/domain/id-number.js';
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

  it('normalises full-width digits, spaces, dashes and a lower-case x before checking', () => {
    for (const written of ['１１０１０５１９４９１２３１００２ｘ', '110105 19491231 002x', '110105-19491231-002X', ' 110105\u300019491231002X ']) {
      expect(normalizeIdNumber(written)).toBe('11010519491231002X');
      expect(checkIdNumber(written)).toMatchObject({ ok: true, value: '11010519491231002X' });
    }
  });

  it('refuses a birth date after the day of the check, and accepts one on it', () => {
    const born = (day: string) => { const first17 = `110105${day.replace(/-/g, '')}001`; return first17 + idCheckChar(first17); };
    expect(checkIdNumber(born('2022-05-02'), { today: '2022-05-01' })).toEqual({ ok: false, reason: 'future_birth' });
    expect(checkIdNumber(born('2022-05-01'), { today: '2022-05-01' }).ok).toBe(true);
    // Without a day the birth date is only checked to exist.
    expect(checkIdNumber(born('2030-01-01')).ok).toBe(true);
  });

  it('checks the address code against a region code table only when one is configured', () => {
    const codes = new Set(['610821', '110105']);
    expect(checkIdNumber('11010519491231002X', { regionCodes: codes }).ok).toBe(true);
    const elsewhere = `999900194912310${'02'}`;
    const id = elsewhere + idCheckChar(elsewhere);
    expect(checkIdNumber(id, { regionCodes: codes })).toEqual({ ok: false, reason: 'region' });
    expect(checkIdNumber(id).ok).toBe(true);
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
