/**
 * The registers of the farmer tests on a real database: the places of fixtures.ts with grids,
 * a few households, and a staff roster, saved through the register repositories.
 *
 * Who covers what (for the routing expectations):
 * - 凉水井村 (高家堡镇): 王五 grid worker of 一网格, 钱九 grid worker of the whole village,
 *   周十 grid worker of 二网格 (inactive), 刘七 village cadre;
 * - 店塔镇凉水井村: 孙八 grid worker; 高家堡村: nobody but 赵六, town official of 高家堡镇;
 * - 石角塔村 (店塔镇): nobody at all.
 */
import type { Staff } from '../../../src/domain/types.js';
import type { Database } from '../../../src/persistence/db.js';
import { transaction } from '../../../src/persistence/db.js';
import { findHouseholdByCode } from '../../../src/persistence/households.js';
import { saveHouseholds, type HouseholdInput } from '../../../src/persistence/household-writes.js';
import { saveRegions } from '../../../src/persistence/regions.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { household, member } from '../../helpers/people.js';
import { PLACES, T0, V_GJB, V_LSJ, V_LSJ2 } from './fixtures.js';

export const GRID1 = `${V_LSJ}-01`;
export const GRID2 = `${V_LSJ}-02`;

const meta = { actor: 'import', at: T0 - 86_400_000, reason: '测试数据' };
const place = (villageCode: string, gridCode: string | null) => ({ cityCode: '610821', townCode: villageCode.slice(0, 9), villageCode, gridCode });

export const ROSTER: Staff[] = [
  { userId: 'wangwu', name: '王五', phone: '13900001111', role: 'grid_worker', jurisdiction: { level: 'grid', code: GRID1 }, active: true },
  { userId: 'qianjiu', name: '钱九', phone: null, role: 'grid_worker', jurisdiction: { level: 'village', code: V_LSJ }, active: true },
  { userId: 'zhoushi', name: '周十', phone: null, role: 'grid_worker', jurisdiction: { level: 'grid', code: GRID2 }, active: false },
  { userId: 'liuqi', name: '刘七', phone: '13900002222', role: 'village_cadre', jurisdiction: { level: 'village', code: V_LSJ }, active: true },
  { userId: 'sunba', name: '孙八', phone: null, role: 'grid_worker', jurisdiction: { level: 'village', code: V_LSJ2 }, active: true },
  { userId: 'zhaoliu', name: '赵六', phone: null, role: 'town_official', jurisdiction: { level: 'town', code: '610821101' }, active: true },
];

export const HOUSEHOLDS: HouseholdInput[] = [
  // 张三's household in 一网格: the ID of 张三 ends 1234, 李秀英's 234X.
  household({ code: 'H0007', headName: '张三', placement: place(V_LSJ, GRID1), members: [member({ idNumber: '610821198001011234', name: '张三', relation: '户主' }), member({ idNumber: '61082119750315234X', name: '李秀英', relation: '配偶' })] }),
  // In 二网格, with its own 联系干部.
  household({ code: 'H0008', headName: '王大', placement: place(V_LSJ, GRID2), contactStaff: 'qianjiu', members: [member({ idNumber: '610821200109094561', name: '王大', relation: '户主' })] }),
  // Another 张三 in the other 凉水井村.
  household({ code: 'H0009', headName: '张三', placement: place(V_LSJ2, null), members: [member({ idNumber: '610821196012120015', name: '张三', relation: '户主' })] }),
  // Two 刘五 in 高家堡村 whose IDs end alike: never a guess.
  household({ code: 'H0010', headName: '刘五', placement: place(V_GJB, null), members: [member({ idNumber: '610821198808087774', name: '刘五', relation: '户主' })] }),
  household({ code: 'H0011', headName: '刘五', placement: place(V_GJB, null), members: [member({ idNumber: '610821199002157774', name: '刘五', relation: '户主' })] }),
].map(({ id: _id, ...h }) => h);

export async function seedRegisters(db: Database): Promise<Record<string, number>> {
  return transaction(db, async (tx) => {
    await saveRegions(tx, [...PLACES, { code: GRID1, name: '凉水井一网格', level: 'grid', parentCode: V_LSJ, aliases: [] }, { code: GRID2, name: '凉水井二网格', level: 'grid', parentCode: V_LSJ, aliases: [] }], meta);
    await saveHouseholds(tx, HOUSEHOLDS, meta);
    await saveStaff(tx, ROSTER, meta);
    const ids: Record<string, number> = {};
    for (const h of HOUSEHOLDS) ids[h.code] = (await findHouseholdByCode(tx, h.code))!.id;
    return ids;
  });
}
