/**
 * The field flows' test world: one village (凉水井村) with two grids, a few households, the staff
 * who work there, a farmer and a department user, and an in-memory `FieldData` that answers, like
 * the real port, only within the asker's jurisdiction. Time is frozen on a campaign Monday.
 *
 * @example
 *   const data = fakeFieldData(world(), gridWorker);
 *   await replay(generalScreeningFlow, { actor: gridWorker, now: MONDAY, data }, turns);
 */
import type { FieldData, FieldHousehold, FieldLead, FieldProblem, FieldSubject, AgendaItem, FieldVillage, LeadEnd } from '../../../src/flows/field/data.js';
import type { Actor } from '../../../src/flows/types.js';
import type { CaseworkData } from '../../../src/flows/casework/data.js';
import type { Role, Jurisdiction } from '../../../src/domain/roles.js';
import type { ScreeningForm } from '../../../src/domain/screening.js';
import { shanghaiDay } from '../../../src/domain/shanghai-days.js';
import type { VillageActivity } from '../../../src/domain/campaign-activity.js';
import type { KeyGroup } from '../../../src/domain/catalog.js';

/** 2022-05-09 09:00 Asia/Shanghai, a Monday; the 研判会 is on Thursday 05-12. */
export const MONDAY = Date.UTC(2022, 4, 9, 1, 0, 0);
export const HOUR = 3_600_000;

export const CITY = '610821';
export const TOWN = '610821101';
export const VILLAGE = '610821101001';
export const GRID1 = '610821101001-01';
export const GRID2 = '610821101001-02';

const staff = (id: string, name: string, role: Role, jurisdiction: Jurisdiction): Actor => ({ sender: { channel: 'app', id }, staff: { userId: id, name, role, jurisdiction } });
export const gridWorker = staff('wangwu', '王五', 'grid_worker', { level: 'grid', code: GRID1 });
export const cadre = staff('liucun', '刘村', 'village_cadre', { level: 'village', code: VILLAGE });
export const teamMember = staff('chendui', '陈队', 'screening_team', { level: 'village', code: VILLAGE });
/** A 驻村工作队员 of the 排查小组 assigned to one grid (回头看 is the team's, not the grid worker's). */
export const gridTeamMember = staff('sundui', '孙队', 'screening_team', { level: 'grid', code: GRID1 });
export const townOfficial = staff('zhaozhen', '赵镇', 'town_official', { level: 'town', code: TOWN });
export const departmentUser = staff('yibao1', '钱医保', 'department', { level: 'city', code: CITY });
export const farmer: Actor = { sender: { channel: 'kf', id: 'wmFarmer01', openKfId: 'wkHelp' }, staff: null };
export const stranger: Actor = { sender: { channel: 'app', id: 'newbie' }, staff: null };

type WorldHousehold = FieldHousehold & { gridCode: string | null; townCode: string; members: string[] };

export interface World {
  households: WorldHousehold[];
  /** The asker's records of today by `householdId:form`; `at` (when saved) makes one the latest for `lastOwnScreening`. */
  todays: Map<string, { id: number; riskFound: boolean; answers?: Record<string, unknown>; at?: number }>;
  leads: FieldLead[];
  /** How a household's last decided lead ended, by household id. */
  leadEnds?: Map<number, LeadEnd>;
  subjects: Array<Omit<FieldSubject, 'household'> & { householdId: number }>;
  agenda: AgendaItem[];
  problems: Array<FieldProblem & { villageCode: string; gridCode: string | null }>;
  /** 动员部署 / 培训 reports so far, by village code. */
  activities: Map<string, VillageActivity>;
  /** The campaign's rules when a test sets them (else the seed's 15 days, 5 days, 6 months). */
  campaign?: { identificationLimitDays: number; publicityMinDays: number; eliminationMinMonths: number };
  /** 对象类型②'s year and line (default: the seed's 2021 and 6700; null: the year has no line). */
  keyGroupBasis?: { incomeYear: number; line: number } | null;
  /** Key groups the register's data implies, by household id (`derivedKeyGroups`). */
  derived?: Record<number, Array<{ group: KeyGroup; reason: string }>>;
}

const household = (id: number, headName: string, gridCode: string | null, extra: Partial<WorldHousehold> = {}): WorldHousehold => ({
  id, headName, matchedMember: null, villageCode: VILLAGE, villageName: '凉水井村', gridName: gridCode === GRID1 ? '一组' : gridCode === GRID2 ? '二组' : null,
  size: 3, phone: null, type: 'general', keyGroups: [], noLabour: false, gridCode, townCode: TOWN, members: [], ...extra,
});

export function world(): World {
  return {
    households: [
      household(1, '张三', GRID1, { size: 4, phone: '13812345678', members: ['李秀英', '张小军'] }),
      household(2, '李四', GRID1, { size: 2 }),
      household(3, '王大山', GRID1, { size: 5, members: ['李四'], keyGroups: ['kg1_alleviated', 'kg4_dibao'], type: 'alleviated', phone: '13900001111' }),
      household(4, '赵六', GRID2, { size: 3 }),
      household(5, '孙七', GRID1, { size: 1, noLabour: true }),
    ],
    todays: new Map(),
    leads: [],
    subjects: [],
    agenda: [],
    problems: [],
    activities: new Map(),
  };
}

function covers(j: Jurisdiction, h: { gridCode: string | null; villageCode: string; townCode?: string }): boolean {
  if (j.level === 'grid') return h.gridCode === j.code;
  if (j.level === 'village') return h.villageCode === j.code;
  if (j.level === 'town') return (h.townCode ?? TOWN) === j.code;
  return true;
}

/** The in-memory read port for `actor`: everything outside the actor's jurisdiction is invisible. */
export function fakeFieldData(w: World, actor: Actor): FieldData & Pick<CaseworkData, 'caseContacts'> {
  const j = actor.staff?.jurisdiction ?? { level: 'grid', code: '-' };
  const mine = () => (actor.staff ? w.households.filter((h) => covers(j, h)) : []);
  const view = (h: WorldHousehold, matched: string | null = null): FieldHousehold => {
    const { gridCode: _g, townCode: _t, members: _m, ...rest } = h;
    return { ...rest, matchedMember: matched };
  };
  const byId = (id: number) => mine().find((h) => h.id === id);
  const subjects = (status: 'eliminated' | 'open', name?: string): FieldSubject[] =>
    w.subjects.flatMap((s) => {
      const h = byId(s.householdId);
      if (!h || s.status !== status || (name && h.headName !== name && !h.members.includes(name))) return [];
      const { householdId: _h, ...rest } = s;
      return [{ ...rest, household: view(h) }];
    });
  return {
    // Who is told about a case step (the 回头看's 回退 request): the village cadre and the town.
    caseContacts: async (householdId) => (byId(householdId) ? { village: ['liucun'], town: ['zhaozhen'], city: [] } : { village: [], town: [], city: [] }),
    derivedKeyGroups: async (householdId: number) => w.derived?.[householdId] ?? [],
    fieldCampaign: async () => ({ code: '2022', name: '2022年防止返贫监测帮扶集中排查', meeting: { weekday: 4, time: '15:00' }, rollbackRequestsBy: '2022-05-25', correctionsBy: '2022-06-05', identificationLimitDays: w.campaign?.identificationLimitDays ?? 15, publicityMinDays: w.campaign?.publicityMinDays ?? 5, eliminationMinMonths: w.campaign?.eliminationMinMonths ?? 6, ...(w.keyGroupBasis === null ? {} : { keyGroupBasis: w.keyGroupBasis ?? { incomeYear: 2021, line: 6700 } }) }),
    findHouseholds: async (name) =>
      mine().flatMap((h) => (h.headName === name ? [view(h)] : h.members.includes(name) ? [view(h, name)] : [])),
    fieldRoster: async () => ({ households: mine().map((h) => ({ id: h.id, headName: h.headName, members: h.members })), places: ['凉水井村', '高家畔村', '高家堡镇'] }),
    screenedToday: async (householdId: number, form: ScreeningForm) => (byId(householdId) ? (w.todays.get(`${householdId}:${form}`) ?? null) : null),
    lastOwnScreening: async (form: ScreeningForm, since: number) => {
      const last = [...w.todays.entries()]
        .map(([key, r]) => ({ householdId: Number(key.split(':')[0]), form: key.split(':')[1], ...r }))
        .filter((r) => r.form === form && r.at !== undefined && r.at >= since && byId(r.householdId))
        .sort((a, b) => (a.at as number) - (b.at as number))
        .at(-1);
      return last ? { id: last.id, riskFound: last.riskFound, answers: last.answers ?? {}, at: last.at as number, day: shanghaiDay(last.at as number), remark: '', household: view(byId(last.householdId) as WorldHousehold) } : null;
    },
    openLeadOf: async (householdId) => (byId(householdId) ? (w.leads.find((l) => l.householdId === householdId) ?? null) : null),
    lastLeadEnd: async (householdId) => (byId(householdId) ? (w.leadEnds?.get(householdId) ?? null) : null),
    fieldSubjects: async (status, _day, name) => subjects(status, name),
    fieldTodo: async () => {
      const screened = new Set([...w.todays.keys()].map((k) => Number(k.split(':')[0])));
      const open = mine().filter((h) => !screened.has(h.id));
      return {
        unscreened: { total: open.length, names: open.map((h) => h.headName) },
        awaitingChecks: w.leads.filter((l) => byId(l.householdId) && l.pending.length > 0),
        dueReview: subjects('eliminated').filter((s) => !s.recordedThisCampaign).map((s) => ({ subjectId: s.id, headName: s.household.headName, eliminatedOn: s.eliminatedOn })),
      };
    },
    meetingAgenda: async () => (j.level === 'village' ? w.agenda : []),
    fieldVillages: async (name?: string): Promise<FieldVillage[]> => {
      const all = [{ code: VILLAGE, name: '凉水井村' }, { code: '610821101002', name: '高家畔村' }].filter((v) => j.level === 'town' || v.code === VILLAGE);
      return name ? all.filter((v) => v.name === name || v.name.startsWith(name)) : all;
    },
    openProblems: async () => w.problems.filter((p) => covers(j, p)).map(({ villageCode: _v, gridCode: _g, ...p }) => p),
    villageActivities: async (codes) => {
      const mine = new Set((await fakeFieldData(w, actor).fieldVillages()).map((v) => v.code));
      return new Map(codes.filter((c) => mine.has(c)).map((c) => [c, w.activities.get(c) ?? { deployedOn: null, trained: null }]));
    },
  };
}
