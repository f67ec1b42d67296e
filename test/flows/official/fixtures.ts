/**
 * A small city for the official flows' transcripts: 神木市 with 高家堡镇 (凉水井村 with two grids,
 * 新村), 店塔镇 (新村, 高家堡村) and 麟州街道; staff of every role; and an in-memory `OfficialData`
 * whose 附件1 numbers come from the real calculation (`computeProgress`) over a fixed set of
 * records, and which refuses places outside the asker's jurisdiction as the real port does.
 */
import { computeProgress, type ProgressInput, type ProgressReport, type ProgressRow } from '../../../src/domain/progress.js';
import type { Role } from '../../../src/domain/roles.js';
import type { Region } from '../../../src/domain/types.js';
import { DEFAULT_SUPERVISION_RULES, supervisionTargets } from '../../../src/domain/supervision.js';
import type {
  Answer, Confirmation, LeadLine, OfficialData, OfficialMap, OverdueView, Place, PlaceProgress, ProgressView, ReportingView, RosterPerson, StaffRosterView, SupervisionView, UnscreenedView, VillageWeekView, WeeklyReportView,
} from '../../../src/flows/official/data.js';
import { placeOf } from '../../../src/flows/official/place.js';
import type { Actor } from '../../../src/flows/types.js';

const R = (code: string, name: string, level: Region['level'], parentCode: string | null, aliases: string[] = []): Region => ({ code, name, level, parentCode, aliases });

export const CITY = '610821';
export const GJB = '610821101';
export const LSJ = '610821101201';
export const GJB_XC = '610821101202';
export const DT = '610821102';
export const DT_XC = '610821102201';
export const DT_GJB = '610821102202';
export const LZ = '610821103';
export const LZ_SQ = '610821103201';

export const REGIONS: Region[] = [
  R(CITY, '神木市', 'city', null, ['sm']),
  R(GJB, '高家堡镇', 'town', CITY, ['gjb']),
  R(LSJ, '凉水井村', 'village', GJB, ['lsj']),
  R(`${LSJ}-01`, '凉水井一网格', 'grid', LSJ),
  R(`${LSJ}-02`, '凉水井二网格', 'grid', LSJ),
  R(GJB_XC, '新村', 'village', GJB, ['xc']),
  R(DT, '店塔镇', 'town', CITY, ['dt']),
  R(DT_XC, '新村', 'village', DT, ['xc']),
  R(DT_GJB, '高家堡村', 'village', DT),
  R(LZ, '麟州街道', 'town', CITY, ['lz']),
  R(LZ_SQ, '麟州社区', 'village', LZ),
];

/** 2022-05-12 (Thursday) 10:00 in Shanghai: the week whose report is due Friday 5-13 08:00. */
export const T0 = Date.UTC(2022, 4, 12, 2, 0);
export const TODAY = '2022-05-12';
/** Friday 2022-05-13 08:00 in Shanghai, and its ISO week. */
export const DEADLINE = Date.UTC(2022, 4, 13, 0, 0);
export const WEEK = '2022-W19';

const staff = (userId: string, name: string, role: Role, level: 'city' | 'town' | 'village' | 'grid', code: string): Actor => ({
  sender: { channel: 'app', id: userId },
  staff: { userId, name, role, jurisdiction: { level, code } },
});

export const ACTORS = {
  town: staff('zhaoliu', '赵六', 'town_official', 'town', GJB),
  otherTown: staff('sunba', '孙八', 'town_official', 'town', DT),
  city: staff('qianqi', '钱七', 'city_bureau', 'city', CITY),
  admin: staff('admin1', '周管', 'admin', 'city', CITY),
  cadre: staff('liming', '李明', 'village_cadre', 'village', LSJ),
  team: staff('wuzu', '吴组', 'screening_team', 'village', LSJ),
  grid: staff('wangwu', '王五', 'grid_worker', 'grid', `${LSJ}-01`),
  department: staff('yibao', '医保张', 'department', 'city', CITY),
} as const;

const V = (villageCode: string, townCode: string) => ({ cityCode: CITY, townCode, villageCode });
const h = (householdId: number, villageCode: string, type: 'alleviated' | 'general', people: number) => ({ householdId, villageCode, type, people });

/** Records of the campaign: 凉水井村 screened 3 of 4, 高家堡镇新村 1 of 2, 店塔镇 some, 麟州 none. */
export const INPUT: ProgressInput = {
  window: { from: '2022-04-25', to: TODAY },
  villages: [V(LSJ, GJB), V(GJB_XC, GJB), V(DT_XC, DT), V(DT_GJB, DT), V(LZ_SQ, LZ)],
  roster: [
    h(1, LSJ, 'alleviated', 3), h(2, LSJ, 'general', 4), h(3, LSJ, 'general', 2), h(4, LSJ, 'general', 5),
    h(5, GJB_XC, 'general', 2), h(6, GJB_XC, 'alleviated', 3),
    h(7, DT_XC, 'general', 4), h(8, DT_GJB, 'general', 1),
    h(9, LZ_SQ, 'general', 2),
  ],
  deployments: [{ villageCode: LSJ, day: '2022-04-28' }],
  screenings: [
    { householdId: 1, villageCode: LSJ, screener: 'wangwu', day: '2022-05-09' },
    { householdId: 2, villageCode: LSJ, screener: 'wangwu', day: '2022-05-10' },
    { householdId: 3, villageCode: LSJ, screener: 'liming', day: '2022-05-11' },
    { householdId: 5, villageCode: GJB_XC, screener: 'wangwu', day: '2022-05-11' },
    { householdId: 7, villageCode: DT_XC, screener: 'sunba', day: '2022-05-11' },
    { householdId: 8, villageCode: DT_GJB, screener: 'sunba', day: '2022-05-11' },
  ],
  keyGroups: [{ householdId: 2, groups: ['kg8_covid'] }],
  subjects: [
    { id: 11, householdId: 2, category: 'marginal', includedOn: '2022-05-11', status: 'open', events: [], withdrawal: null, epidemic: true },
    { id: 12, householdId: 1, category: 'unstable_alleviated', includedOn: '2021-03-01', status: 'eliminated', events: [{ kind: 'revert', actor: 'x', at: 0, day: '2022-05-10', reason: 'unstable', note: '' }], withdrawal: null },
  ],
  reviews: [{ subjectId: 12, householdId: 1, day: '2022-05-10' }],
  problems: [],
  trainings: [{ villageCode: LSJ, people: 1, day: '2022-04-29' }],
};

export const REPORT: ProgressReport = computeProgress(INPUT);

/** The roster of a place (households, people). */
function rosterOf(code: string): { households: number; people: number } {
  const villages = new Set(INPUT.villages.filter((v) => v.villageCode === code || v.townCode === code || v.cityCode === code).map((v) => v.villageCode));
  const rows = INPUT.roster.filter((r) => villages.has(r.villageCode));
  return { households: rows.length, people: rows.reduce((n, r) => n + r.people, 0) };
}

function rowOf(code: string): ProgressRow | undefined {
  return code === CITY ? REPORT.city : REPORT.towns.find((t) => t.townCode === code) ?? REPORT.villages.find((v) => v.villageCode === code);
}

export const place = (code: string): Place => placeOf(REGIONS.find((r) => r.code === code)!, REGIONS)!;
const part = (code: string): PlaceProgress => ({ place: place(code), row: rowOf(code)!, roster: rosterOf(code) });

/** Whether `code` is the actor's jurisdiction or lies below it. */
export function within(actor: Actor, code: string): boolean {
  const j = actor.staff?.jurisdiction.code;
  for (let r = REGIONS.find((x) => x.code === code); r; r = REGIONS.find((x) => x.code === r!.parentCode)) if (r.code === j) return true;
  return false;
}

export function progressView(code: string): ProgressView {
  const children = REGIONS.filter((r) => r.parentCode === code && r.level !== 'grid').map((r) => r.code);
  const grids = REGIONS.filter((r) => r.parentCode === code && r.level === 'grid').map((r) => ({ code: r.code, name: r.name, screened: r.code.endsWith('01') ? 2 : 1, roster: 2 }));
  return { reportDay: TODAY, total: part(code), parts: children.map(part), grids };
}

/** Confirmations of week 19: 凉水井村 and both 店塔镇 villages reported; 店塔镇 confirmed its report. */
export const CONFIRMED: Record<string, Confirmation> = {
  [LSJ]: { byName: '李明', at: Date.UTC(2022, 4, 11, 8, 20) },
  [DT_XC]: { byName: '陈九', at: Date.UTC(2022, 4, 10, 9, 5) },
  [DT_GJB]: { byName: '陈九', at: Date.UTC(2022, 4, 10, 9, 7) },
  [DT]: { byName: '孙八', at: Date.UTC(2022, 4, 11, 12, 40) },
};

const villagesUnder = (code: string) => INPUT.villages.filter((v) => v.villageCode === code || v.townCode === code || v.cityCode === code);

export function reportingView(code: string, confirmed: Record<string, Confirmation> = CONFIRMED): ReportingView {
  const villages = villagesUnder(code).map((v) => ({ place: place(v.villageCode), town: place(v.townCode), confirmed: confirmed[v.villageCode] ?? null }));
  const towns = [...new Set(villagesUnder(code).map((v) => v.townCode))].map((t) => ({ place: place(t), confirmed: confirmed[t] ?? null }));
  return { week: WEEK, deadline: DEADLINE, villages, towns };
}

const lead = (id: number, villageCode: string, who: string, discoveredOn: string, deadline: string, daysLeft: number, lastStep: string | null): LeadLine => ({
  id, village: place(villageCode), who, source: '干部排查', discoveredOn, deadline, daysLeft, lastStep,
});
export const LEADS: LeadLine[] = [
  lead(1, LSJ, '张三', '2022-04-20', '2022-05-05', -7, '入户核查'),
  lead(2, GJB_XC, '李四', '2022-04-25', '2022-05-10', -2, null),
  lead(3, LSJ, '王二', '2022-04-28', '2022-05-13', 1, '村级民主评议'),
  lead(4, DT_XC, '赵大', '2022-04-22', '2022-05-07', -5, '农户承诺授权'),
];

export function overdueView(code: string): OverdueView {
  const mine = LEADS.filter((l) => villagesUnder(code).some((v) => v.villageCode === l.village.code));
  return { today: TODAY, dueSoonDays: 3, overdue: mine.filter((l) => l.daysLeft < 0), dueSoon: mine.filter((l) => l.daysLeft >= 0) };
}

/** Subject households per village, and open / overdue problems, for the 督导 rules. */
const SUBJECTS: Record<string, number> = { [LSJ]: 2, [GJB_XC]: 0, [DT_XC]: 0, [DT_GJB]: 0, [LZ_SQ]: 0 };
const OPEN_PROBLEMS: Record<string, [number, number]> = { [GJB_XC]: [2, 1] };

export function supervisionView(code: string): SupervisionView {
  const villages = villagesUnder(code).map((v) => part(v.villageCode));
  const [open, overdue] = [(c: string) => OPEN_PROBLEMS[c]?.[0] ?? 0, (c: string) => OPEN_PROBLEMS[c]?.[1] ?? 0];
  const figures = villages.map((v) => ({ code: v.place.code, row: v.row, roster: v.roster, subjects: SUBJECTS[v.place.code] ?? 0, openProblems: open(v.place.code), overdueProblems: overdue(v.place.code) }));
  const expected = 0.6;
  return { reportDay: TODAY, villages: Object.fromEntries(villages.map((v) => [v.place.code, v.place])), targets: supervisionTargets(figures, expected, { ...DEFAULT_SUPERVISION_RULES, abnormalMinRoster: 2 }), expected };
}

export function weeklyView(code: string, confirmed: Record<string, Confirmation> = CONFIRMED): WeeklyReportView {
  return { week: WEEK, deadline: DEADLINE, progress: progressView(code), reporting: reportingView(code, confirmed), confirmed: confirmed[code] ?? null };
}

export function villageWeekView(code: string, confirmed: Record<string, Confirmation> = CONFIRMED): VillageWeekView {
  return { week: WEEK, deadline: DEADLINE, village: part(code), openProblems: OPEN_PROBLEMS[code]?.[0] ?? 0, confirmed: confirmed[code] ?? null };
}

/** The roster: 王五 in 凉水井一网格, nobody in 二网格, 李明 the cadre of 凉水井村; 孙九 in 店塔镇新村. */
export const ROSTER: Record<string, { grids: Record<string, RosterPerson[]>; cadres: RosterPerson[] }> = {
  [LSJ]: { grids: { [`${LSJ}-01`]: [{ name: '王五', phone: '13900001111' }], [`${LSJ}-02`]: [] }, cadres: [{ name: '李明', phone: '13900002222' }] },
  [DT_XC]: { grids: {}, cadres: [{ name: '孙九', phone: null }] },
};

export function staffRosterView(code: string): StaffRosterView {
  return {
    villages: villagesUnder(code).map((v) => ({
      village: place(v.villageCode),
      grids: REGIONS.filter((r) => r.level === 'grid' && r.parentCode === v.villageCode).map((g) => ({ code: g.code, name: g.name, aliases: g.aliases, workers: ROSTER[v.villageCode]?.grids[g.code] ?? [] })),
      cadres: ROSTER[v.villageCode]?.cadres ?? [],
    })),
  };
}

/** Households not screened yet: two in 凉水井一网格, one without a grid; 高家堡镇新村 none. */
export const UNSCREENED: Record<string, UnscreenedView['grids']> = {
  [LSJ]: [{ name: '凉水井一网格', headNames: ['张三', '李四'] }, { name: null, headNames: ['王大山'] }],
};

/** Stand-ins for the xlsx and png bytes (the real ones are tested with the bot). */
export const XLSX_B64 = Buffer.from('PK-xlsx').toString('base64');
export const PNG_B64 = Buffer.from('PNG-chart').toString('base64');

const refuse = <T>(): Answer<T> => ({ ok: false, reason: 'out_of_jurisdiction' });

/** The in-memory port for one actor; `over` replaces single methods (canned views per test). */
export function fakeData(actor: Actor, over: Partial<OfficialData> = {}): OfficialData {
  const home = (): Place | null => {
    const j = actor.staff?.jurisdiction;
    if (!j || actor.staff?.role === 'department' || j.level === 'grid') return null;
    return place(j.code);
  };
  const guard = async <T>(code: string, make: () => T | Promise<T>): Promise<Answer<T>> => (within(actor, code) ? { ok: true, value: await make() } : refuse<T>());
  return {
    officialMap: async (): Promise<OfficialMap> => ({ regions: REGIONS, home: home() }),
    progress: (code) => guard(code, () => progressView(code)),
    reporting: (code) => guard(code, () => reportingView(code)),
    overdueLeads: (code) => guard(code, () => overdueView(code)),
    supervision: (code) => guard(code, () => supervisionView(code)),
    exportForm: (form, code) => guard(code, () => ({ fileName: `${form}_${place(code).label}_${TODAY}.xlsx`, contentBase64: XLSX_B64 })),
    chart: (kind, code) => guard(code, () => ({ fileName: `${place(code).label}_${kind}_${TODAY}.png`, contentBase64: PNG_B64 })),
    weeklyReport: (code) => guard(code, () => weeklyView(code)),
    villageWeek: (code) => guard(code, () => villageWeekView(code)),
    staffRoster: (code) => guard(code, () => staffRosterView(code)),
    unscreened: (code) => guard(code, () => ({ reportDay: TODAY, grids: UNSCREENED[code] ?? [] })),
    ...over,
  };
}
