/**
 * The village the grid-worker corpus is spoken in: 凉水井村 (高家堡镇) with two grids and 26
 * households, named the way people of northern Shaanxi are named — with 有/在/是/和 in them
 * (马有福, 刘有才, 王在田, 李和平, 贺是成, 苏和), sound-alike pairs in the same village (张静/张晶,
 * 刘军/刘君, 陈兰/程岚), compound and local surnames (呼延平, 折二娃, 訾来福, 拓永胜), and members
 * whose names differ from the heads'. Place names of the tree (马家沟村, 石门村) look like names on
 * purpose.
 *
 * @example
 *   const ids = await seedCorpusVillage(ds);   // Map 户主 → household id
 */
import type { Household, Placement, Region, Staff } from '../../src/domain/types.js';
import { buildRegionTree } from '../../src/domain/hierarchy.js';
import type { Actor } from '../../src/flows/types.js';
import { transaction, type Database } from '../../src/persistence/db.js';
import { saveHouseholds } from '../../src/persistence/household-writes.js';
import { saveRegions } from '../../src/persistence/regions.js';
import { saveStaff } from '../../src/persistence/staff.js';
import { idNumber, member, staffMember } from '../helpers/people.js';

const r = (code: string, name: string, level: Region['level'], parentCode: string | null, aliases: string[] = []): Region => ({ code, name, level, parentCode, aliases });

export const CORPUS_REGIONS: Region[] = [
  r('610821', '神木市', 'city', null),
  r('610821101', '高家堡镇', 'town', '610821', ['gjb']),
  r('610821101201', '凉水井村', 'village', '610821101'),
  r('610821101201-01', '凉水井一网格', 'grid', '610821101201'),
  r('610821101201-02', '凉水井二网格', 'grid', '610821101201'),
  r('610821101202', '马家沟村', 'village', '610821101'),
  r('610821101203', '石门村', 'village', '610821101'),
  r('610821102', '店塔镇', 'town', '610821'),
  r('610821102201', '贺家畔村', 'village', '610821102'),
];

const GRID1: Placement = { cityCode: '610821', townCode: '610821101', villageCode: '610821101201', gridCode: '610821101201-01' };
const GRID2: Placement = { ...GRID1, gridCode: '610821101201-02' };

/** 户主 and the other members (relation), by grid. */
export const CORPUS_HOUSEHOLDS: Array<[string, 1 | 2, Array<[string, string]>]> = [
  ['马有福', 1, [['张秀英', '配偶'], ['马小军', '之子']]],
  ['刘有才', 1, [['王桂花', '配偶'], ['刘晓东', '之子']]],
  ['张静', 1, [['李建军', '配偶'], ['李思雨', '之女']]],
  ['张晶', 1, [['赵凤英', '之母']]],
  ['王在田', 1, [['刘翠兰', '配偶'], ['王海', '之子']]],
  ['李和平', 1, [['高兰英', '配偶']]],
  ['贺是成', 1, [['贺娟', '之女']]],
  ['杨建平', 1, [['冯玉梅', '配偶'], ['杨帆', '之子']]],
  ['高志明', 1, [['高小燕', '之女']]],
  ['乔振华', 1, [['乔丽', '之女']]],
  ['白秀兰', 1, [['白文斌', '之子']]],
  ['陈兰', 1, [['郭峰', '配偶']]],
  ['折二娃', 1, [['折改莲', '配偶']]],
  ['刘军', 1, [['刘佳', '之女']]],
  ['程岚', 2, [['孙宏伟', '配偶']]],
  ['刘君', 2, [['马翠萍', '配偶']]],
  ['薛有亮', 2, [['薛宁', '之子']]],
  ['拓永胜', 2, [['拓雪梅', '之女']]],
  ['郝在明', 2, [['郝强', '之子']]],
  ['訾来福', 2, [['訾文', '之子']]],
  ['呼延平', 2, [['李秀珍', '配偶']]],
  ['霍金山', 2, [['霍小兵', '之子']]],
  ['石海燕', 2, [['苏建国', '配偶']]],
  ['苏和', 2, [['苏玲', '之女']]],
  ['贺永胜', 2, [['贺东', '之子']]],
  ['杨建国', 2, [['杨蕾', '之女']]],
];

const STAFF: Staff[] = [
  staffMember('wg01', '刘海燕', 'grid_worker', 'grid', GRID1.gridCode as string),
  staffMember('cgb01', '石德明', 'village_cadre', 'village', GRID1.villageCode),
  staffMember('zj01', '韩志远', 'town_official', 'town', GRID1.townCode),
  staffMember('sj01', '闫卫东', 'city_bureau', 'city', GRID1.cityCode),
];

/** Who speaks: the grid worker of 一网格, the village cadre, the town official of 高家堡镇 (镇街审核), the city bureau (市级审批). */
export const SPEAKERS = { grid: 'wg01', cadre: 'cgb01', town: 'zj01', city: 'sj01' } as const;

export function speaker(who: keyof typeof SPEAKERS): Actor {
  const s = STAFF.find((x) => x.userId === SPEAKERS[who]) as Staff;
  return { sender: { channel: 'app', id: s.userId }, staff: { userId: s.userId, name: s.name, role: s.role, jurisdiction: s.jurisdiction } };
}

/** Writes regions, staff and households; returns 户主 → household id and household id → every name in it. */
export async function seedCorpusVillage(ds: Database): Promise<{ ids: Map<string, number>; names: Map<number, string[]> }> {
  const meta = { actor: 'import', at: Date.UTC(2022, 2, 1), reason: '测试数据' };
  const built = buildRegionTree(CORPUS_REGIONS);
  if (!built.ok) throw new Error('corpus regions invalid');
  let seq = 100;
  const households: Array<Omit<Household, 'id'>> = CORPUS_HOUSEHOLDS.map(([head, grid, others], i) => ({
    code: `C${String(i + 1).padStart(2, '0')}`, headName: head, placement: grid === 1 ? GRID1 : GRID2, type: 'general', alleviationYear: null, dibao: false, tekun: false, keyGroups: [], phone: null, contactStaff: null,
    members: [member({ idNumber: idNumber('19600101', seq++), name: head, relation: '户主' }), ...others.map(([name, relation]) => member({ idNumber: idNumber('19850101', seq++), name, relation }))],
  }));
  const saved = await transaction(ds, async (tx) => {
    await saveRegions(tx, CORPUS_REGIONS, meta);
    await saveStaff(tx, STAFF, meta, built.tree);
    return saveHouseholds(tx, households, meta);
  });
  const ids = new Map<string, number>();
  const names = new Map<number, string[]>();
  CORPUS_HOUSEHOLDS.forEach(([head, , others], i) => {
    const id = saved.find((s) => s.code === `C${String(i + 1).padStart(2, '0')}`)?.id as number;
    ids.set(head, id);
    names.set(id, [head, ...others.map(([n]) => n)]);
  });
  return { ids, names };
}
