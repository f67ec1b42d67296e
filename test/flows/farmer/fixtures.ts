/**
 * An in-memory FarmerData for the farmer flows' transcript tests: a small city with two towns and
 * two villages both called 凉水井村 (for ambiguity), one registered household, fixed staff, and
 * actors (a farmer on 微信客服, a grid worker, a village cadre, staff of another village).
 */
import { expect } from 'vitest';
import type { Region } from '../../../src/domain/types.js';
import type { BindingView, CaseWorker, DeclarationProgress, FarmerData, FarmerProfile, FarmerRoute, HouseholdCase, HouseholdRef } from '../../../src/flows/farmer/data.js';
import type { Actor } from '../../../src/flows/types.js';

/** 2022-05-09 09:00 Asia/Shanghai (a Monday of the campaign). */
export const T0 = Date.UTC(2022, 4, 9, 1, 0, 0);

export const V_LSJ = '610821101001'; // 高家堡镇凉水井村
export const V_GJB = '610821101002'; // 高家堡镇高家堡村
export const V_LSJ2 = '610821102003'; // 店塔镇凉水井村
export const V_SJT = '610821102001'; // 店塔镇石角塔村

export const PLACES: Region[] = [
  { code: '610821', name: '神木市', level: 'city', parentCode: null, aliases: ['sm'] },
  { code: '610821101', name: '高家堡镇', level: 'town', parentCode: '610821', aliases: ['gjb'] },
  { code: '610821102', name: '店塔镇', level: 'town', parentCode: '610821', aliases: ['dt'] },
  { code: V_LSJ, name: '凉水井村', level: 'village', parentCode: '610821101', aliases: [] },
  { code: V_GJB, name: '高家堡村', level: 'village', parentCode: '610821101', aliases: [] },
  { code: V_LSJ2, name: '凉水井村', level: 'village', parentCode: '610821102', aliases: [] },
  { code: V_SJT, name: '石角塔村', level: 'village', parentCode: '610821102', aliases: [] },
];

export const WANGWU: CaseWorker = { userId: 'wangwu', name: '王五', role: 'grid_worker' };
export const LIUQI: CaseWorker = { userId: 'liuqi', name: '刘七', role: 'village_cadre' };
export const SUNBA: CaseWorker = { userId: 'sunba', name: '孙八', role: 'grid_worker' };

/** The staff's working phones (not private: farmers are given them). */
export const PHONES: Record<string, string> = { wangwu: '13900001111', liuqi: '13900002222' };

/** Who is told about cases of each village. */
const WORKERS: Record<string, CaseWorker[]> = { [V_LSJ]: [WANGWU, LIUQI], [V_LSJ2]: [SUNBA], [V_GJB]: [] };

/** The one registered household: 户主张三 in 凉水井村 (高家堡镇), member ID …1234. */
export const HOUSEHOLD = { id: 7, code: 'H0007', headName: '张三', villageCode: V_LSJ, members: [{ name: '张三', idNumber: '610821198001011234' }, { name: '李秀英', idNumber: '61082119750315234X' }] };

export const farmer: Actor = { sender: { channel: 'kf', id: 'wmFarmer01', openKfId: 'wkVillage' }, staff: null };
export const gridWorker: Actor = { sender: { channel: 'app', id: 'wangwu' }, staff: { userId: 'wangwu', name: '王五', role: 'grid_worker', jurisdiction: { level: 'village', code: V_LSJ } } };
export const cadre: Actor = { sender: { channel: 'app', id: 'liuqi' }, staff: { userId: 'liuqi', name: '刘七', role: 'village_cadre', jurisdiction: { level: 'village', code: V_LSJ } } };
export const otherGridWorker: Actor = { sender: { channel: 'app', id: 'sunba' }, staff: { userId: 'sunba', name: '孙八', role: 'grid_worker', jurisdiction: { level: 'village', code: V_LSJ2 } } };
export const townOfficial: Actor = { sender: { channel: 'app', id: 'zhaoliu' }, staff: { userId: 'zhaoliu', name: '赵六', role: 'town_official', jurisdiction: { level: 'town', code: '610821101' } } };
export const stranger: Actor = { sender: { channel: 'app', id: 'nobody' }, staff: null };

export function placementOf(villageCode: string) {
  const v = PLACES.find((r) => r.code === villageCode);
  return { cityCode: '610821', townCode: v?.parentCode ?? '', villageCode, gridCode: null };
}

export interface FakeOptions {
  profile?: Partial<FarmerProfile>;
  declarations?: DeclarationProgress[];
  householdCases?: HouseholdCase[];
  bindings?: Array<BindingView & { villageCode: string }>;
  lines?: Array<{ year: number; line: number }>;
}

/**
 * The fake port for `actor`. Staff see bindings and households of villages their jurisdiction
 * covers (village level only in these tests); farmers see their own declarations.
 */
export function fakeData(actor: Actor, o: FakeOptions = {}): FarmerData {
  const covers = (villageCode: string) => {
    const j = actor.staff?.jurisdiction;
    if (!j) return false;
    return j.level === 'village' ? j.code === villageCode : j.level === 'town' ? placementOf(villageCode).townCode === j.code : j.level === 'city';
  };
  return {
    farmerPlaces: async () => PLACES,
    farmerProfile: async () => ({ entryVillage: null, bound: null, ...o.profile }),
    routeFarmerCase: async (who): Promise<FarmerRoute | null> => {
      if (!PLACES.some((r) => r.code === who.villageCode && r.level === 'village')) return null;
      const matched =
        who.villageCode === HOUSEHOLD.villageCode &&
        HOUSEHOLD.members.some((m) => m.name === who.name && (who.idNumber ? m.idNumber === who.idNumber : !!who.idTail && m.idNumber.endsWith(who.idTail)));
      return {
        placement: placementOf(who.villageCode),
        householdId: matched ? HOUSEHOLD.id : null,
        household: matched ? { code: HOUSEHOLD.code, headName: HOUSEHOLD.headName } : null,
        workers: WORKERS[who.villageCode] ?? [],
      };
    },
    myDeclarations: async () => (actor.sender.channel === 'kf' ? (o.declarations ?? []) : []),
    myHouseholdCases: async () => (actor.sender.channel === 'kf' ? (o.householdCases ?? []) : []),
    farmerPolicyFacts: async () => ({ lines: o.lines ?? [{ year: 2021, line: 6000 }, { year: 2022, line: 6700 }], visitWithinDays: 3, deadlineDays: 15 }),
    bindingForStaff: async (ref) => {
      const b = (o.bindings ?? []).find((x) => x.ref === ref);
      return b && covers(b.villageCode) ? b : null;
    },
    farmerContacts: async (villageCode) => {
      const profile = { entryVillage: null, bound: null, ...o.profile };
      const village = villageCode ?? profile.bound?.villageCode ?? o.declarations?.[0]?.villageCode ?? profile.entryVillage;
      if (!village || !PLACES.some((r) => r.code === village && r.level === 'village')) return null;
      return { villageCode: village, people: (WORKERS[village] ?? []).map((w) => ({ ...w, phone: PHONES[w.userId] ?? null })) };
    },
    householdForStaff: async (code): Promise<HouseholdRef | null> =>
      code === HOUSEHOLD.code && covers(HOUSEHOLD.villageCode) ? { id: HOUSEHOLD.id, code: HOUSEHOLD.code, headName: HOUSEHOLD.headName, placement: placementOf(HOUSEHOLD.villageCode) } : null,
  };
}

export const text = (t: string | RegExp) => ({ type: 'text', text: typeof t === 'string' ? t : expect.stringMatching(t) });
export const nudge = (at: number) => ({ type: 'timer', key: 'nudge', dueAt: at + 10 * 60_000 });
