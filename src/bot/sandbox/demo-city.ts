/**
 * 示范市, the demo city of sandbox mode: three 镇街, seven villages, eight grids, forty households
 * with their members, staff of every role and three farmers. Everything is invented; the data is
 * fixed (no clock, no randomness), so every run and every test sees the same city.
 *
 * Region codes and the address part of every ID number start with 9999 — no province has the
 * code 99 — so nothing here can be mistaken for a real place or person. ID numbers still carry a
 * valid GB 11643 check character, so the bot treats them like real ones.
 *
 * @example
 *   DEMO_REGIONS.find((r) => r.aliases.includes('gjb'))?.name     // '高家堡镇'
 *   demoHouseholds()[1]                                            // 石秀英's household in 石门村, 第1网格
 *   demoIdNumber('19580312', 5)                                    // '999900195803120051'-like, valid checksum
 */
import { idCheckChar } from '../../domain/id-number.js';
import type { KeyGroup } from '../../domain/catalog.js';
import { KEY_GROUP } from '../../domain/catalog.js';
import type { HealthStatus, Household, LabourAbility, Member, Region, SchoolingStatus, Staff } from '../../domain/types.js';
import type { DemoFarmer } from './person.js';

export const DEMO_CITY_CODE = '999900';
/** The address code of every demo ID number (first six digits). */
export const DEMO_ID_PREFIX = '999900';
const T1 = '999900101';
const T2 = '999900102';
const T3 = '999900103';

const village = (code: string, name: string, parent: string, aliases: string[]): Region => ({ code, name, level: 'village', parentCode: parent, aliases });
const grid = (villageCode: string, n: number): Region => ({
  code: `${villageCode}-0${n}`,
  name: `第${n}网格`,
  level: 'grid',
  parentCode: villageCode,
  aliases: [`${n}网格`, `${'一二三'[n - 1]}网格`],
});

export const DEMO_REGIONS: Region[] = [
  { code: DEMO_CITY_CODE, name: '示范市', level: 'city', parentCode: null, aliases: ['示范', 'sfs'] },
  { code: T1, name: '高家堡镇', level: 'town', parentCode: DEMO_CITY_CODE, aliases: ['高家堡', 'gjb', 'gjbz'] },
  { code: T2, name: '柳树湾镇', level: 'town', parentCode: DEMO_CITY_CODE, aliases: ['柳树湾', 'lsw', 'lswz'] },
  { code: T3, name: '石河街道', level: 'town', parentCode: DEMO_CITY_CODE, aliases: ['石河', 'sh', 'shjd'] },
  village(`${T1}201`, '石门村', T1, ['石门', 'smc']),
  village(`${T1}202`, '枣林村', T1, ['枣林', 'zlc']),
  village(`${T1}203`, '河畔村', T1, ['河畔', 'hpc']),
  village(`${T2}201`, '前进村', T2, ['前进', 'qjc']),
  village(`${T2}202`, '红崖村', T2, ['红崖', 'hyc']),
  village(`${T3}201`, '东沟村', T3, ['东沟', 'dgc']),
  village(`${T3}202`, '西沟村', T3, ['西沟', 'xgc']),
  grid(`${T1}201`, 1),
  grid(`${T1}201`, 2),
  grid(`${T1}202`, 1),
  grid(`${T1}203`, 1),
  grid(`${T2}201`, 1),
  grid(`${T2}202`, 1),
  grid(`${T3}201`, 1),
  grid(`${T3}202`, 1),
];

/** The grids by a short key, with the grid worker who answers for each. */
export const DEMO_GRIDS = {
  sm1: { code: `${T1}201-01`, worker: 'liuhaiyan' },
  sm2: { code: `${T1}201-02`, worker: 'zhangjun' },
  zl: { code: `${T1}202-01`, worker: 'baiyulan' },
  hp: { code: `${T1}203-01`, worker: 'heyongqiang' },
  qj: { code: `${T2}201-01`, worker: 'qiaojianhua' },
  hy: { code: `${T2}202-01`, worker: 'suxiaomei' },
  dg: { code: `${T3}201-01`, worker: 'wuchangjiang' },
  xg: { code: `${T3}202-01`, worker: 'xueliping' },
} as const;
export type GridKey = keyof typeof DEMO_GRIDS;

const staff = (userId: string, name: string, phone: string, role: Staff['role'], level: Staff['jurisdiction']['level'], code: string, department: Staff['department'] = null): Staff => ({
  userId, name, phone, role, jurisdiction: { level, code }, active: true, department,
});

export const DEMO_STAFF: Staff[] = [
  staff('liuhaiyan', '刘海燕', '13000000101', 'grid_worker', 'grid', DEMO_GRIDS.sm1.code),
  staff('zhangjun', '张军', '13000000102', 'grid_worker', 'grid', DEMO_GRIDS.sm2.code),
  staff('baiyulan', '白玉兰', '13000000103', 'grid_worker', 'grid', DEMO_GRIDS.zl.code),
  staff('heyongqiang', '贺永强', '13000000104', 'grid_worker', 'grid', DEMO_GRIDS.hp.code),
  staff('qiaojianhua', '乔建华', '13000000105', 'grid_worker', 'grid', DEMO_GRIDS.qj.code),
  staff('suxiaomei', '苏晓梅', '13000000106', 'grid_worker', 'grid', DEMO_GRIDS.hy.code),
  staff('wuchangjiang', '武长江', '13000000107', 'grid_worker', 'grid', DEMO_GRIDS.dg.code),
  staff('xueliping', '薛丽萍', '13000000108', 'grid_worker', 'grid', DEMO_GRIDS.xg.code),
  staff('shideming', '石德明', '13000000201', 'village_cadre', 'village', `${T1}201`),
  staff('guofuqiang', '郭富强', '13000000202', 'village_cadre', 'village', `${T1}202`),
  staff('fengguiying', '冯桂英', '13000000203', 'village_cadre', 'village', `${T1}203`),
  staff('yangzhiwei', '杨志伟', '13000000204', 'village_cadre', 'village', `${T2}201`),
  staff('lihongmei', '李红梅', '13000000205', 'village_cadre', 'village', `${T2}202`),
  staff('wangjianjun', '王建军', '13000000206', 'village_cadre', 'village', `${T3}201`),
  staff('zhangcuiping', '张翠萍', '13000000207', 'village_cadre', 'village', `${T3}202`),
  staff('maweidong', '马卫东', '13000000301', 'screening_team', 'village', `${T1}201`),
  staff('huwenjing', '胡文静', '13000000302', 'screening_team', 'village', `${T2}201`),
  staff('zhaolei', '赵磊', '13000000401', 'town_official', 'town', T1),
  staff('sunli', '孙丽', '13000000402', 'town_official', 'town', T2),
  staff('zhoubin', '周斌', '13000000403', 'town_official', 'town', T3),
  staff('chenjing', '陈静', '13000000501', 'city_bureau', 'city', DEMO_CITY_CODE),
  staff('linzhiyuan', '林志远', '13000000502', 'city_bureau', 'city', DEMO_CITY_CODE),
  staff('wumin', '吴敏', '13000000601', 'department', 'city', DEMO_CITY_CODE, 'medical_insurance'),
  staff('hantao', '韩涛', '13000000602', 'department', 'city', DEMO_CITY_CODE, 'civil_affairs'),
  staff('xuqiang', '徐强', '13000000701', 'admin', 'city', DEMO_CITY_CODE),
];

/**
 * A household in one line: grid, head's name, sex and birth year, 脱贫年度 (0 = 一般农户),
 * recorded key groups (①–⑩ as numbers), the family, and 低保/特困 flags.
 *
 * Family tokens, head first: H head, S spouse, p elderly parent, a adult child, c child in
 * compulsory school, h high school, v vocational school, u college, k pre-school child.
 * A suffix marks health: !c chronic illness, !s serious illness, !d disability.
 */
type Spec = [GridKey, string, 'M' | 'F', number, number, string, string, ('dibao' | 'tekun')?];

const SPECS: Spec[] = [
  ['sm1', '高建国', 'M', 1966, 2019, '1 2', 'H S!c c u'],
  ['sm1', '石秀英', 'F', 1958, 2016, '1 5', 'H a!d'],
  ['sm1', '王满仓', 'M', 1972, 0, '', 'H S c c'],
  ['sm1', '李玉林', 'M', 1949, 0, '3', 'H', 'tekun'],
  ['sm1', '贺永胜', 'M', 1980, 0, '', 'H S k p'],
  ['sm1', '杨建平', 'M', 1986, 0, '', 'H S c'],
  ['sm2', '高志强', 'M', 1975, 2020, '1 6', 'H S h c c'],
  ['sm2', '张桂兰', 'F', 1962, 0, '4', 'H S!s', 'dibao'],
  ['sm2', '杨保平', 'M', 1985, 0, '', 'H S k'],
  ['sm2', '郭长青', 'M', 1955, 2018, '1', 'H S'],
  ['sm2', '白海军', 'M', 1978, 0, '9', 'H S c p!c'],
  ['zl', '郭富贵', 'M', 1968, 2019, '1 2', 'H S u'],
  ['zl', '刘翠花', 'F', 1970, 0, '', 'H S a'],
  ['zl', '乔振华', 'M', 1982, 0, '7 8', 'H S c k'],
  ['zl', '苏金凤', 'F', 1952, 0, '4 5', 'H!d', 'dibao'],
  ['zl', '薛立新', 'M', 1976, 2017, '1', 'H S h'],
  ['zl', '冯文斌', 'M', 1990, 0, '', 'H S k'],
  ['hp', '武改芳', 'F', 1965, 0, '10', 'H S!s a'],
  ['hp', '高长青', 'M', 1960, 2016, '1', 'H S'],
  ['hp', '石春燕', 'F', 1988, 0, '', 'H S c'],
  ['hp', '杨玉梅', 'F', 1950, 0, '3', 'H', 'tekun'],
  ['hp', '王立新', 'M', 1973, 0, '6', 'H S c c h'],
  ['qj', '乔建国', 'M', 1964, 2019, '1 10', 'H!s S a'],
  ['qj', '李彩霞', 'F', 1979, 0, '', 'H S c'],
  ['qj', '张满仓', 'M', 1958, 0, '2', 'H S'],
  ['qj', '刘振华', 'M', 1983, 0, '7', 'H S k k'],
  ['qj', '贺丽娟', 'F', 1975, 2018, '1 4', 'H c', 'dibao'],
  ['qj', '白永胜', 'M', 1969, 0, '', 'H S a'],
  ['qj', '苏志强', 'M', 1987, 0, '8', 'H S k'],
  ['hy', '杨海霞', 'F', 1972, 2020, '1', 'H S u'],
  ['hy', '郭保平', 'M', 1956, 0, '5', 'H S!d'],
  ['hy', '王春燕', 'F', 1984, 0, '', 'H S c'],
  ['hy', '武建国', 'M', 1961, 0, '9', 'H S p'],
  ['hy', '冯玉林', 'M', 1947, 2016, '1 3', 'H', 'tekun'],
  ['dg', '薛桂兰', 'F', 1966, 0, '', 'H S a'],
  ['dg', '高文斌', 'M', 1981, 2019, '1 6', 'H S c c c'],
  ['dg', '李长青', 'M', 1953, 0, '4', 'H S!c', 'dibao'],
  ['dg', '张金凤', 'F', 1977, 0, '', 'H S h'],
  ['xg', '刘立新', 'M', 1970, 0, '2 7', 'H S v'],
  ['xg', '石满仓', 'M', 1963, 2017, '1', 'H S'],
  ['xg', '贺翠花', 'F', 1959, 0, '', 'H S!c'],
];

const SURNAMES = ['王', '李', '张', '刘', '杨', '郭', '白', '贺', '乔', '苏', '武', '薛', '冯', '马', '田'];
const MALE = ['建军', '志刚', '海生', '永平', '保国', '长富', '满堂', '玉山', '立强', '振国', '文清', '富有'];
const FEMALE = ['秀兰', '桂英', '玉兰', '翠英', '春花', '改梅', '海燕', '丽芳', '彩云', '金花'];
const CHILDREN = ['子轩', '雨涵', '浩然', '欣怡', '俊杰', '梓涵', '博文', '佳怡', '思远', '语桐', '晨阳', '一诺'];

/** Birth year and 在校情况 of each family token. */
const TOKEN: Record<string, { born: (head: number) => number; schooling: SchoolingStatus; relation: string }> = {
  S: { born: (h) => h + 2, schooling: 'none', relation: '配偶' },
  p: { born: (h) => h - 26, schooling: 'none', relation: '父母' },
  a: { born: (h) => h + 25, schooling: 'none', relation: '子女' },
  c: { born: () => 2014, schooling: 'compulsory', relation: '子女' },
  h: { born: () => 2008, schooling: 'high_school', relation: '子女' },
  v: { born: () => 2008, schooling: 'vocational', relation: '子女' },
  u: { born: () => 2005, schooling: 'college', relation: '子女' },
  k: { born: () => 2021, schooling: 'preschool', relation: '子女' },
};
const HEALTH: Record<string, HealthStatus> = { c: 'chronic_illness', s: 'serious_illness', d: 'disabled' };

/** A valid ID number with the demo address code, born on `yyyymmdd`; `seq` (0–499) makes it unique. */
export function demoIdNumber(yyyymmdd: string, seq: number, male: boolean): string {
  const order = String(seq * 2 + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `${DEMO_ID_PREFIX}${yyyymmdd}${order}`;
  return first17 + idCheckChar(first17);
}

function labourOf(born: number, health: HealthStatus, schooling: SchoolingStatus): LabourAbility {
  if (schooling !== 'none' || born >= 2006) return 'none';
  if (health === 'serious_illness' || health === 'disabled') return born < 1960 ? 'none' : 'weak';
  return born < 1957 ? 'weak' : 'normal';
}

export type DemoHousehold = Omit<Household, 'id'>;

const placementOf = (g: GridKey) => {
  const code = DEMO_GRIDS[g].code;
  const villageCode = code.slice(0, 12);
  return { cityCode: DEMO_CITY_CODE, townCode: villageCode.slice(0, 9), villageCode, gridCode: code };
};

/** The forty demo households (户编号 = village code + 3 digits), members included. */
export function demoHouseholds(): DemoHousehold[] {
  const perVillage = new Map<string, number>();
  return SPECS.map(([g, headName, sex, headBorn, year, groups, family, flag], i) => {
    const placement = placementOf(g);
    const n = (perVillage.get(placement.villageCode) ?? 0) + 1;
    perVillage.set(placement.villageCode, n);
    const surname = headName.slice(0, 1);
    const members: Member[] = family.split(' ').map((token, j) => {
      const [kind, mark] = token.split('!') as [string, string | undefined];
      const health = mark ? (HEALTH[mark] as HealthStatus) : 'healthy';
      const t = kind === 'H' ? { born: () => headBorn, schooling: 'none' as const, relation: '户主' } : (TOKEN[kind] as (typeof TOKEN)[string]);
      const born = t.born(headBorn);
      // Spouses are of the other sex; parents and children alternate, head's surname.
      const male = kind === 'H' ? sex === 'M' : kind === 'S' ? sex !== 'M' : (i + j) % 2 === 0;
      const given = kind === 'S' || kind === 'p' ? (male ? MALE : FEMALE)[(i + j) % (male ? MALE.length : FEMALE.length)] : CHILDREN[(i * 3 + j) % CHILDREN.length];
      const name = kind === 'H' ? headName : `${kind === 'S' ? (SURNAMES[(i * 7 + 3) % SURNAMES.length] as string) : surname}${given}`;
      const mmdd = `${String(((i + j * 5) % 12) + 1).padStart(2, '0')}${String(((i * 7 + j * 3) % 28) + 1).padStart(2, '0')}`;
      return {
        idNumber: demoIdNumber(`${born}${mmdd}`, i * 6 + j, male),
        name,
        relation: t.relation,
        labour: labourOf(born, health, t.schooling),
        health,
        schooling: t.schooling,
        phone: kind === 'H' ? `1390000${String(1000 + i)}` : null,
      };
    });
    const keyGroups = groups === '' ? [] : groups.split(' ').map((k) => KEY_GROUP.codes[Number(k) - 1] as KeyGroup);
    return {
      code: `${placement.villageCode}${String(n).padStart(3, '0')}`,
      headName,
      placement,
      type: year > 0 ? 'alleviated' : 'general',
      alleviationYear: year > 0 ? year : null,
      dibao: flag === 'dibao',
      tekun: flag === 'tekun',
      keyGroups,
      phone: `1390000${String(1000 + i)}`,
      members,
      contactStaff: DEMO_GRIDS[g].worker,
    };
  });
}

/** The 微信客服 account of the sandbox (the fake WeCom's default). */
export const DEMO_OPEN_KFID = 'wkShouwangKf';

/** The demo farmers (微信客服 users): one bound to their household, one registered, one not on the roster. */
export const DEMO_FARMERS: DemoFarmer[] = [
  { externalUserId: 'wmDemoFarmer01', name: '石秀英', villageCode: `${T1}201`, boundHouseholdCode: `${T1}201002`, note: '户籍在册，已绑定本户' },
  { externalUserId: 'wmDemoFarmer02', name: '乔振华', villageCode: `${T1}202`, boundHouseholdCode: null, note: '户籍在册，尚未绑定' },
  { externalUserId: 'wmDemoFarmer03', name: '马小红', villageCode: `${T2}201`, boundHouseholdCode: null, note: '不在户籍花名册（人户分离）' },
];
