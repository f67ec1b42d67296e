/**
 * A small register on a real test database for the field tests: the demo regions (凉水井村 with
 * two grids, in 高家堡镇), five households — one of them a key-group household with a member
 * named like another household's head — and the staff who work there, from a 网格员 to a 行业部门.
 *
 * @example
 *   const ids = await seedField(db.ds());   // { zhangsan: 1, lisi: 2, wangdashan: 3, zhaoliu: 4, sunqi: 5 }
 */
import type { Household, Placement, Staff } from '../../../src/domain/types.js';
import type { Actor, StaffActor } from '../../../src/flows/types.js';
import { DEFAULT_SUBJECT_CONFIG } from '../../../src/domain/subject.js';
import { transaction, type Tx, type Database } from '../../../src/persistence/db.js';
import { eliminateSubjectRecord, includeSubjectRecord } from '../../../src/persistence/subjects.js';
import { includedLeadRecord } from '../../helpers/casework.js';
import { saveHouseholds } from '../../../src/persistence/household-writes.js';
import { saveRegions } from '../../../src/persistence/regions.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { idNumber, member, staffMember as staff } from '../../helpers/people.js';
import { DEMO, DEMO_REGIONS, demoTree } from '../../helpers/regions.js';

export const PLACE1: Placement = { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 };
export const PLACE2: Placement = { ...PLACE1, gridCode: DEMO.lsjGrid2 };

const base = (code: string, headName: string, placement: Placement, members: Household['members'], extra: Partial<Household> = {}): Omit<Household, 'id'> => ({
  code, headName, placement, type: 'general', alleviationYear: null, dibao: false, tekun: false, keyGroups: [], phone: null, contactStaff: null, members, ...extra,
});

export const HOUSEHOLDS: Array<Omit<Household, 'id'>> = [
  base('H01', '张三', PLACE1, [member({ idNumber: idNumber('19700101', 11), name: '张三', relation: '户主' }), member({ idNumber: idNumber('19720202', 22), name: '李秀英', relation: '配偶' }), member({ idNumber: idNumber('19980303', 31), name: '张小军', relation: '之子' }), member({ idNumber: idNumber('20000404', 41), name: '张小丽', relation: '之女' })], { phone: '13812345678' }),
  base('H02', '李四', PLACE1, [member({ idNumber: idNumber('19650505', 51), name: '李四', relation: '户主' }), member({ idNumber: idNumber('19660606', 62), name: '王芳', relation: '配偶' })]),
  base('H03', '王大山', PLACE1, [member({ idNumber: idNumber('19550707', 71), name: '王大山', relation: '户主' }), member({ idNumber: idNumber('19800808', 81), name: '李四', relation: '女婿' }), member({ idNumber: idNumber('19560909', 92), name: '刘桂兰', relation: '配偶', health: 'serious_illness' })], {
    type: 'alleviated', alleviationYear: 2019, dibao: true, phone: '13900001111',
  }),
  base('H04', '赵六', PLACE2, [member({ idNumber: idNumber('19701010', 13), name: '赵六', relation: '户主' })]),
  base('H05', '孙七', PLACE1, [member({ idNumber: idNumber('19401111', 15), name: '孙七', relation: '户主', labour: 'none' })]),
];

export const STAFF: Staff[] = [
  staff('wangwu', '王五', 'grid_worker', 'grid', DEMO.lsjGrid1),
  staff('zhoujie', '周杰', 'grid_worker', 'grid', DEMO.lsjGrid2),
  staff('liucun', '刘村', 'village_cadre', 'village', DEMO.lsj),
  staff('chendui', '陈队', 'screening_team', 'village', DEMO.lsj),
  staff('zhaozhen', '赵镇', 'town_official', 'town', DEMO.gjb),
  staff('yibao1', '钱医保', 'department', 'city', DEMO.city, { department: 'medical_insurance' }),
];

/** The actor the dispatcher would build for a seeded staff member. */
export function actorOf(userId: string): Actor {
  const s = STAFF.find((x) => x.userId === userId);
  if (!s) throw new Error(`no staff ${userId}`);
  const staffActor: StaffActor = { userId: s.userId, name: s.name, role: s.role, jurisdiction: s.jurisdiction };
  return { sender: { channel: 'app', id: s.userId }, staff: staffActor };
}

export const farmerActor: Actor = { sender: { channel: 'kf', id: 'wmFarmer01', openKfId: 'wkHelp' }, staff: null };

export interface SeededIds {
  zhangsan: number;
  lisi: number;
  wangdashan: number;
  zhaoliu: number;
  sunqi: number;
}

/** Writes the register (regions, households, staff) and returns the household ids. */
export async function seedField(ds: Database, at = Date.UTC(2022, 3, 1)): Promise<SeededIds> {
  const meta = { actor: 'import', at, reason: '测试数据' };
  const saved = await transaction(ds, async (tx) => {
    await saveRegions(tx, DEMO_REGIONS, meta);
    await saveStaff(tx, STAFF, meta, demoTree());
    return saveHouseholds(tx, HOUSEHOLDS, meta);
  });
  const id = (code: string) => saved.find((s) => s.code === code)!.id;
  return { zhangsan: id('H01'), lisi: id('H02'), wangdashan: id('H03'), zhaoliu: id('H04'), sunqi: id('H05') };
}

/** 孙七: included in 2021 and eliminated after 8 months, so due a 回头看 in the 2022 campaign. */
export async function eliminatedSunqi(tx: Tx, ids: SeededIds): Promise<void> {
  const lead = await includedLeadRecord(tx, ids.sunqi, '2021-01-04', PLACE1);
  const s = await includeSubjectRecord(tx, { leadId: lead.id!, memberIds: [HOUSEHOLDS[4]!.members[0]!.idNumber], risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }], actor: 'city1', at: Date.UTC(2021, 0, 20) });
  const facts = { wholeHouseholdNoLabour: false, perCapitaIncome: 9000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] };
  await eliminateSubjectRecord(tx, s.id!, { mode: 'assisted', cause: null, actor: 'city1', at: Date.UTC(2021, 9, 1), note: '' }, facts, DEFAULT_SUBJECT_CONFIG);
}
