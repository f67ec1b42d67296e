/**
 * The fixtures' small city written to a real database (SQLite or MariaDB) through the register
 * and casework repositories: regions, seven households, the staff roster, and the records of
 * the 2022 campaign up to Thursday 2022-05-12.
 *
 *   凉水井村 (4 households: 张大山, 李二牛 in grid 01; 王三, 赵四 in grid 02): 张大山, 李二牛 and 王三
 *   screened; 李二牛's screening found a risk (open lead, found 05-10); 王三 (key group ⑧) included
 *   as 边缘易致贫户 on 05-11 after a lead found 04-26; 赵四 has a lead found 04-20, overdue.
 *   高家堡镇新村 (钱五, not screened): one open 数据质量 problem, past its deadline.
 *   店塔镇新村 (孙六) screened; 店塔镇高家堡村, 麟州社区 (周七): nothing.
 */
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import type { ScreeningRecord } from '../../../src/domain/screening.js';
import type { Household, Placement, Staff } from '../../../src/domain/types.js';
import { transaction, type Database } from '../../../src/persistence/db.js';
import { saveHouseholds } from '../../../src/persistence/household-writes.js';
import { admitLeadRecord } from '../../../src/persistence/leads.js';
import { openProblemRecord } from '../../../src/persistence/problems.js';
import { saveRegions } from '../../../src/persistence/regions.js';
import { saveScreening } from '../../../src/persistence/screenings.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { includeSubjectRecord } from '../../../src/persistence/subjects.js';
import { at, includedLeadRecord, origin } from '../../helpers/casework.js';
import { idNumber, member } from '../../helpers/people.js';
import { CITY, DT, DT_XC, GJB, GJB_XC, LSJ, LZ, LZ_SQ, REGIONS } from './fixtures.js';

const meta = { actor: 'test', at: at('2022-04-20'), reason: '测试数据' };
const place = (townCode: string, villageCode: string, gridCode: string | null = null): Placement => ({ cityCode: CITY, townCode, villageCode, gridCode });

type HouseholdSeed = Omit<Household, 'id'>;
function home(code: string, head: string, p: Placement, size: number, extra: Partial<HouseholdSeed> = {}, seq = Number(code.slice(1))): HouseholdSeed {
  const members = [member({ idNumber: idNumber('19700101', seq * 10 + 1), name: head, relation: '户主' })];
  for (let i = 1; i < size; i++) members.push(member({ idNumber: idNumber('19950101', seq * 10 + 1 + i), name: `${head.slice(0, 1)}家${i}`, relation: '之子' }));
  return { code, headName: head, placement: p, type: 'general', alleviationYear: null, dibao: false, tekun: false, keyGroups: [], phone: `1380000000${seq}`, members, contactStaff: null, ...extra };
}

export const HOUSEHOLDS: HouseholdSeed[] = [
  home('H1', '张大山', place(GJB, LSJ, `${LSJ}-01`), 3, { type: 'alleviated', alleviationYear: 2016, keyGroups: ['kg1_alleviated'] }),
  home('H2', '李二牛', place(GJB, LSJ, `${LSJ}-01`), 4),
  home('H3', '王三', place(GJB, LSJ, `${LSJ}-02`), 2, { keyGroups: ['kg8_covid'] }),
  home('H4', '赵四', place(GJB, LSJ, `${LSJ}-02`), 5),
  home('H5', '钱五', place(GJB, GJB_XC), 2),
  home('H6', '孙六', place(DT, DT_XC), 4),
  home('H7', '周七', place(LZ, LZ_SQ), 1),
];

export const STAFF: Staff[] = [
  { userId: 'zhaoliu', name: '赵六', phone: null, role: 'town_official', jurisdiction: { level: 'town', code: GJB }, active: true },
  { userId: 'sunba', name: '孙八', phone: null, role: 'town_official', jurisdiction: { level: 'town', code: DT }, active: true },
  { userId: 'qianqi', name: '钱七', phone: null, role: 'city_bureau', jurisdiction: { level: 'city', code: CITY }, active: true },
  { userId: 'liming', name: '李明', phone: null, role: 'village_cadre', jurisdiction: { level: 'village', code: LSJ }, active: true },
  { userId: 'wangwu', name: '王五', phone: '13900001111', role: 'grid_worker', jurisdiction: { level: 'grid', code: `${LSJ}-01` }, active: true },
];

/** Household ids by 户编号 once seeded. */
export type SeededIds = Record<string, number>;

export async function seedCity(db: Database): Promise<SeededIds> {
  return transaction(db, async (tx) => {
    await saveRegions(tx, REGIONS, meta);
    const saved = await saveHouseholds(tx, HOUSEHOLDS, meta);
    const ids: SeededIds = Object.fromEntries(saved.map((s) => [s.code, s.id]));
    await saveStaff(tx, STAFF, meta);
    const p = (code: string) => HOUSEHOLDS.find((h) => h.code === code)!.placement;
    const general = (code: string, screener: string, day: string, risk: string | null): ScreeningRecord => ({
      form: 'general', campaign: '2022', householdId: ids[code]!, placement: p(code), screener, at: at(day), remark: '',
      answers: { method: 'home_visit', riskFound: risk !== null, riskDetails: risk, knowsPolicy: true },
    });
    await saveScreening(tx, general('H1', 'wangwu', '2022-05-09', null), DEFAULT_LEAD_CONFIG);
    await saveScreening(tx, general('H2', 'wangwu', '2022-05-10', '户主骑车摔伤住院'), DEFAULT_LEAD_CONFIG);
    await saveScreening(tx, general('H6', 'sunba', '2022-05-10', null), DEFAULT_LEAD_CONFIG);
    await saveScreening(
      tx,
      {
        form: 'key_group', campaign: '2022', householdId: ids.H3!, placement: p('H3'), screener: 'liming', at: at('2022-05-11', 9), remark: '',
        answers: { groups: ['kg8_covid'], family: { income: '疫情停工，收入减少', annualIncomeYuan: 5200, schooling: '', schoolingCostYuan: null, illness: '', illnessCostYuan: null, disaster: '', disasterLossYuan: null }, verdict: null },
      },
      DEFAULT_LEAD_CONFIG,
    );
    const lead = await includedLeadRecord(tx, ids.H3!, '2022-04-26', p('H3'));
    await includeSubjectRecord(tx, { leadId: lead.id!, memberIds: HOUSEHOLDS[2]!.members.map((m) => m.idNumber), risks: [{ type: 'other', remark: '疫情停工', disasterSubtype: null }], measures: [{ measure: 'employment', status: 'done' }], epidemic: true, actor: 'qianqi', at: at('2022-05-11', 15) });
    await admitLeadRecord(tx, { householdId: ids.H4!, declarant: null, placement: p('H4'), origin: origin('2022-04-20', { actor: 'wangwu' }) }, DEFAULT_LEAD_CONFIG);
    await openProblemRecord(tx, { category: 'data_quality', placement: p('H5'), householdId: ids.H5!, description: '钱五家缺2021年收入数据', responsible: 'zhaoliu', measure: '补录收入', deadline: '2022-05-11', foundBy: 'zhaoliu', at: at('2022-05-09'), source: 'manual', findingKey: null });
    return ids;
  });
}
