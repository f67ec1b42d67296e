/**
 * Deterministic people for tests: valid GB 11643 ID numbers built from a birth date and a
 * sequence number, a household builder with sensible defaults, and staff on the roster.
 */
import { idCheckChar } from '../../src/domain/id-number.js';
import type { Household, Member, Staff } from '../../src/domain/types.js';

/** A valid ID number born on `birth` ('YYYYMMDD'); odd `seq` = male. */
export function idNumber(birth: string, seq: number, area = '610821'): string {
  const first17 = `${area}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** The same ID with a wrong check character. */
export function badChecksum(id: string): string {
  const good = id.slice(-1);
  const wrong = good === '0' ? '1' : '0';
  return id.slice(0, 17) + wrong;
}

export function member(over: Partial<Member> & Pick<Member, 'idNumber' | 'name'>): Member {
  return { relation: '之子', labour: 'normal', health: 'healthy', schooling: 'none', phone: null, ...over };
}

export function household(over: Partial<Household> = {}): Household {
  return {
    id: 1,
    code: 'H0001',
    headName: '张三',
    placement: { cityCode: '610821', townCode: '610821101', villageCode: '610821101201', gridCode: '610821101201-01' },
    type: 'general',
    alleviationYear: null,
    dibao: false,
    tekun: false,
    keyGroups: [],
    phone: null,
    contactStaff: null,
    members: [
      member({ idNumber: idNumber('19700101', 11), name: '张三', relation: '户主' }),
      member({ idNumber: idNumber('19720202', 22), name: '李四', relation: '配偶' }),
    ],
    ...over,
  };
}

/** A staff member on the roster, active unless `extra` says otherwise. */
export function staffMember(userId: string, name: string, role: Staff['role'], level: Staff['jurisdiction']['level'], code: string, extra: Partial<Staff> = {}): Staff {
  return { userId, name, phone: null, role, jurisdiction: { level, code }, active: true, ...extra };
}
