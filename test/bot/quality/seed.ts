/**
 * A small, deliberately dirty register for `npx shouwang check`: eleven households in 高家堡镇
 * 凉水井村 and two villages of 店塔镇, each with one thing wrong (or nothing), and the staff who
 * answer for them. What the import refuses (a bad check digit, two 户主, a duplicated ID number)
 * is written afterwards with plain SQL, as data that came from elsewhere would be.
 *
 * `DIRTY` says, per household, what the check must find — the test's expectation, written from
 * the seed, not from the command's output.
 *
 * @example
 *   const seeded = await seedDirtyRegister(db.ds());   // { ids: Map { 'H01' => 1, … }, duplicateStored: true | false }
 */
import type { ProblemCategory } from '../../../src/domain/catalog.js';
import { maskIdNumber } from '../../../src/domain/privacy.js';
import type { Household, Placement, Staff } from '../../../src/domain/types.js';
import type { FactKey } from '../../../src/domain/household-fact.js';
import { saveIncome } from '../../../src/persistence/campaigns.js';
import { recordHouseholdFacts } from '../../../src/persistence/household-facts.js';
import { ScreeningSchema } from '../../../src/persistence/schemas/casework.js';
import { transaction, type Database } from '../../../src/persistence/db.js';
import { saveHouseholds } from '../../../src/persistence/household-writes.js';
import { admitLeadRecord, decideLeadRecord } from '../../../src/persistence/leads.js';
import { saveRegions } from '../../../src/persistence/regions.js';
import { isUniqueViolation } from '../../../src/persistence/sql.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { eliminateSubjectRecord, includeSubjectRecord } from '../../../src/persistence/subjects.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import { at, includedLeadRecord, origin } from '../../helpers/casework.js';
import { badChecksum, idNumber, member, staffMember } from '../../helpers/people.js';
import { STAFF as FIELD_STAFF } from '../../flows/field/seed.js';
import { DEMO, DEMO_REGIONS, demoTree } from '../../helpers/regions.js';
import { orm } from '../../helpers/db.js';

const GRID1: Placement = { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 };
const GRID2: Placement = { ...GRID1, gridCode: DEMO.lsjGrid2 };
const LSJ_NO_GRID: Placement = { ...GRID1, gridCode: null };
const DT_GJB: Placement = { cityCode: DEMO.city, townCode: DEMO.dianta, villageCode: DEMO.dtGjbVillage, gridCode: null };
const DT_XINCUN: Placement = { ...DT_GJB, villageCode: DEMO.dtXincun };

/** The first ID born on `birth` whose check character is X (the lower-case x is the duplicate's disguise). */
function idEndingInX(birth: string): string {
  for (let seq = 1; seq < 1000; seq++) if (idNumber(birth, seq).endsWith('X')) return idNumber(birth, seq);
  throw new Error('no X');
}

export const ID = {
  wangFang: idNumber('19660606', 62),
  wangDashan: idEndingInX('19550707'),
  zhaoXiaoliu: idNumber('19950808', 81),
  zhouMei: idNumber('19680303', 32),
};
export const BAD_ID = badChecksum(ID.wangFang);

const couple = (head: string, headBirth: string, spouse: string, spouseId: string) => [
  member({ idNumber: idNumber(headBirth, 11), name: head, relation: '户主' }),
  member({ idNumber: spouseId, name: spouse, relation: '配偶' }),
];
let seq = 100;
const spouseId = () => idNumber('19750505', (seq += 2));

const h = (code: string, headName: string, placement: Placement, members: Household['members'], extra: Partial<Household> = {}): Omit<Household, 'id'> => ({
  code, headName, placement, type: 'general', alleviationYear: null, dibao: false, tekun: false, keyGroups: [], phone: null, contactStaff: null, members, ...extra,
});

export const HOUSEHOLDS: Array<Omit<Household, 'id'>> = [
  h('H01', '张三', GRID1, couple('张三', '19700101', '李秀英', spouseId()), { phone: '13812345678' }),
  h('H02', '李四', GRID1, couple('李四', '19650505', '王芳', ID.wangFang), { contactStaff: 'zhoujie' }),
  h('H03', '王大山', GRID1, [member({ idNumber: ID.wangDashan, name: '王大山', relation: '户主' }), member({ idNumber: spouseId(), name: '刘桂兰', relation: '配偶' })]),
  h('H04', '赵六', GRID2, [member({ idNumber: idNumber('19701010', 13), name: '赵六', relation: '户主' }), member({ idNumber: ID.zhaoXiaoliu, name: '赵小六', relation: '之子' })]),
  h('H05', '孙七', GRID1, couple('孙七', '19661111', '周梅', ID.zhouMei)),
  h('H06', '周八', GRID2, couple('周八', '19720202', '吴兰', spouseId())),
  h('H07', '吴九', LSJ_NO_GRID, couple('吴九', '19730303', '郑红', spouseId())),
  h('H08', '郑十', DT_GJB, couple('郑十', '19740404', '钱芳', spouseId())),
  h('H09', '钱一', GRID1, couple('钱一', '19750101', '孙丽', spouseId())),
  h('H10', '冯二', GRID2, couple('冯二', '19760101', '何英', spouseId())),
  h('H11', '陈三', DT_XINCUN, [
    member({ idNumber: idNumber('19800101', 11), name: '陈三', relation: '户主' }),
    member({ idNumber: idNumber('20100301', 21), name: '陈小三', relation: '之子', labour: 'none', schooling: 'dropout' }),
  ]),
];

/** The field tests' roster (grid workers of both 凉水井村 grids, its cadre, a screening team, a town official, a department) and a cadre of 店塔镇高家堡村; nobody in 店塔镇新村. */
export const STAFF: Staff[] = [...FIELD_STAFF, staffMember('gaocun', '高村', 'village_cadre', 'village', DEMO.dtGjbVillage)];

export interface Expected {
  household: string;
  text: string;
  category: ProblemCategory;
  /** Null: nobody on the roster in that village (the problem is not opened). */
  responsible: string | null;
  /** Only where the register can hold it (see `seedDirtyRegister`). */
  sqliteOnly?: boolean;
}

const dup = maskIdNumber(ID.wangDashan);
/** What the check must find, household by household, in register order. */
export const DIRTY: Expected[] = [
  { household: 'H02', text: `李四户：成员王芳的身份证号${maskIdNumber(BAD_ID)}有误（身份证号校验位不对（可能有数字录错））。`, category: 'data_quality', responsible: 'zhoujie' },
  { household: 'H03', text: `王大山户：身份证号${dup}重复登记（共2处）。`, category: 'data_quality', responsible: 'wangwu', sqliteOnly: true },
  { household: 'H04', text: `赵六户：身份证号${dup}重复登记（共2处）。`, category: 'data_quality', responsible: 'zhoujie', sqliteOnly: true },
  { household: 'H05', text: '孙七户：登记了2个户主。', category: 'data_quality', responsible: 'wangwu' },
  { household: 'H06', text: '周八户：收入在监测范围内，既未纳入监测也没有不纳入的理由（疑似“应纳未纳”）。', category: 'missed_or_outside', responsible: 'zhoujie' },
  { household: 'H07', text: '吴九户：2021-08-12纳入，2021-11-20即标注风险消除，不满6个月。', category: 'income_not_stable', responsible: 'liucun' },
  { household: 'H07', text: '吴九户：已标注风险消除，但人均纯收入5000元未超过监测范围6700元。', category: 'income_not_stable', responsible: 'liucun' },
  { household: 'H11', text: '陈三户：有适龄子女辍学，既未纳入监测也没有不纳入的理由（疑似“应纳未纳”）。', category: 'missed_or_outside', responsible: null },
  { household: 'H08', text: '郑十户：收入在监测范围内，既未纳入监测也没有不纳入的理由（疑似“应纳未纳”）。', category: 'missed_or_outside', responsible: 'gaocun' },
];

const year2021 = (wage: number) => ({ period: { from: '2021-01-01', to: '2021-12-31' }, wage, business: 0, property: 0, transfer: 0, businessCost: 0 });
/**
 * Household income of 2021 (two members each): 20000 is 10000 a head, above the 6700 line; 10000 is
 * 5000, within it. H01's comes from the roster import (with its 两不愁三保障), H06's from a 重点户
 * screening (8000: within the range), H04 has none (a data gap).
 */
const INCOME: Record<string, number> = { H02: 20000, H03: 20000, H05: 20000, H07: 10000, H08: 10000, H09: 10000, H10: 10000, H11: 30000 };

/**
 * The data gaps `check` must report, per village: households missing each kind of data. Every
 * household but H01 lacks 两不愁三保障 and 饮水; H04 lacks income.
 */
export const GAPS: Record<string, string> = {
  凉水井村: '缺2021年家庭收入 1 户，缺两不愁 8 户，缺义务教育 8 户，缺基本医疗 8 户，缺住房安全 8 户，缺饮水安全 8 户',
  高家堡村: '缺两不愁 1 户，缺义务教育 1 户，缺基本医疗 1 户，缺住房安全 1 户，缺饮水安全 1 户',
  新村: '缺两不愁 1 户，缺义务教育 1 户，缺基本医疗 1 户，缺住房安全 1 户，缺饮水安全 1 户',
};

export interface Seeded {
  ids: Map<string, number>;
  /** Whether the register accepted the duplicated ID number (SQLite: a lower-case x slips past its unique index). */
  duplicateStored: boolean;
}

export async function seedDirtyRegister(ds: Database): Promise<Seeded> {
  const meta = { actor: 'import', at: at('2021-03-01'), reason: '测试数据' };
  const ids = await transaction(ds, async (tx) => {
    await saveRegions(tx, DEMO_REGIONS, meta);
    await saveStaff(tx, STAFF, meta, demoTree());
    const saved = await saveHouseholds(tx, HOUSEHOLDS, meta);
    const byCode = new Map(saved.map((s) => [s.code, s.id]));
    for (const [code, wage] of Object.entries(INCOME)) await saveIncome(tx, byCode.get(code) as number, year2021(wage), { ...meta, at: at('2022-03-01') });
    const h01 = byCode.get('H01') as number;
    const fact = (key: FactKey, value: string) => ({ householdId: h01, key, value, source: 'import' as const, sourceRef: '花名册.xlsx', asOf: '2022-04-01' });
    await recordHouseholdFacts(
      tx,
      [fact('income', JSON.stringify({ year: 2021, wage: 20000, business: 0, property: 0, transfer: 0, businessCost: 0 })), ...(['basic_needs', 'education', 'medical', 'housing', 'water', 'insured'] as const).map((k) => fact(k, 'yes'))],
      { actor: 'import', at: at('2022-04-01') },
    );
    const answers = { groups: [], family: { income: '务工收入减少', annualIncomeYuan: 8000, schooling: '', schoolingCostYuan: null, illness: '', illnessCostYuan: null, disaster: '', disasterLossYuan: null }, verdict: null };
    await orm(tx).getRepository(ScreeningSchema).save({ form: 'key_group', campaign: '2022', householdId: byCode.get('H06') as number, subjectId: null, ...GRID2, screener: 'zhoujie', at: at('2022-05-06'), day: '2022-05-06', riskFound: false, answers, remark: '', version: 1, createdAt: at('2022-05-06'), updatedAt: at('2022-05-06') });
    return byCode;
  });
  const id = (code: string) => ids.get(code) as number;
  await transaction(ds, async (tx) => {
    // H07: 纳入 2021-08-12, marked eliminated three months later on facts that did not hold.
    const lead = await includedLeadRecord(tx, id('H07'), '2021-08-01', LSJ_NO_GRID);
    const members = (HOUSEHOLDS.find((x) => x.code === 'H07') as Household).members.map((m) => m.idNumber);
    const s = await includeSubjectRecord(tx, { leadId: lead.id as number, memberIds: members, risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }], actor: 'city1', at: at('2021-08-13') });
    await eliminateSubjectRecord(tx, s.id as number, { mode: 'assisted', cause: null, actor: 'town1', at: at('2021-11-20'), note: '' },
      { wholeHouseholdNoLabour: false, perCapitaIncome: 8000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] }, { minMonthsBeforeElimination: 3 });
    // H09: within the range, but 不纳入 with a reason; H10: within the range, a lead open.
    const h09 = await admitLeadRecord(tx, { householdId: id('H09'), declarant: null, placement: GRID1, origin: origin('2022-05-03') }, DEFAULT_LEAD_CONFIG);
    await decideLeadRecord(tx, h09.lead.id as number, { decision: 'exclude', reason: '家中两人稳定务工，经村级评议不纳入', actor: 'liucun', at: at('2022-05-10') });
    await admitLeadRecord(tx, { householdId: id('H10'), declarant: null, placement: GRID2, origin: origin('2022-05-15') }, DEFAULT_LEAD_CONFIG);
  });
  // What the import refuses, written as data from elsewhere would be.
  await orm(ds).query('UPDATE members SET id_number = ? WHERE id_number = ?', [BAD_ID, ID.wangFang]);
  await orm(ds).query("UPDATE members SET relation = '户主' WHERE id_number = ?", [ID.zhouMei]);
  const duplicateStored = await orm(ds).query('UPDATE members SET id_number = ? WHERE id_number = ?', [ID.wangDashan.toLowerCase(), ID.zhaoXiaoliu]).then(
    () => true,
    (e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
      return false;
    },
  );
  return { ids, duplicateStored };
}
