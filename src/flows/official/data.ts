/**
 * What the official flows read, through `env.data` (implemented in src/bot/flow-data/official.ts).
 * The port is built per actor and every method answers only within the asking actor's
 * jurisdiction: a place outside it gets `{ ok: false, reason: 'out_of_jurisdiction' }` and no
 * numbers. `at` is the flow's `env.now` (the port never reads the clock, so tests freeze it).
 *
 * Every number of 附件1 here comes from the one calculation (`placeReport`, counted by the
 * database with the numbers of `computeProgress`), the same call the xlsx export makes.
 *
 * @example
 *   const map = await env.data.officialMap();                       // names to resolve, and the asker's home place
 *   const r = await env.data.progress('610821101', env.now);
 *   if (r.ok) r.value.total.row.screened.households                 // 附件1 集中排查对象 户数 of 高家堡镇
 */
import type { HouseholdsPeople, ProgressRow } from '../../domain/progress.js';
import type { Level } from '../../domain/roles.js';
import type { Day } from '../../domain/shanghai-days.js';
import type { SupervisionTargets } from '../../domain/supervision.js';
import type { Region } from '../../domain/types.js';
import type { ExportForm } from '../understand/intents.js';

/** A city, town or village as the official flows name it. */
export interface Place {
  level: Exclude<Level, 'grid'>;
  code: string;
  name: string;
  /** The name with its town for a village (“高家堡镇凉水井村”), else the name. */
  label: string;
}

export type Denial = 'out_of_jurisdiction' | 'role' | 'not_found';
export type Answer<T> = { ok: true; value: T } | { ok: false; reason: Denial };
/** A form the records cannot fill faithfully: what to correct, one line each (Chinese). */
export type FileAnswer = Answer<FileView> | { ok: false; reason: 'invalid_input'; problems: string[] };

export interface OfficialMap {
  /** The city's regions (city, towns, villages, grids): names are public, numbers are not. */
  regions: Region[];
  /** The asker's own place (a grid worker's village; null for roles without one). */
  home: Place | null;
}

/** One place's 附件1 row, with its roster for coverage. */
export interface PlaceProgress {
  place: Place;
  row: ProgressRow;
  roster: HouseholdsPeople;
}

export interface ProgressView {
  reportDay: Day;
  total: PlaceProgress;
  /** The towns of the city, or the villages of a town (附件1 rows); empty for a village. */
  parts: PlaceProgress[];
  /** A village's grids: coverage only (附件1 has no grid rows). */
  grids: Array<{ code: string; name: string; screened: number; roster: number }>;
}

/** Whether a village (or town) has reported for the week whose Friday deadline is `deadline`. */
export interface Confirmation {
  byName: string;
  at: number;
}

export interface ReportingView {
  /** 'YYYY-Www' of the report deadline. */
  week: string;
  deadline: number;
  villages: Array<{ place: Place; town: Place; confirmed: Confirmation | null }>;
  /** City view: each town's own confirmation of its report. */
  towns: Array<{ place: Place; confirmed: Confirmation | null }>;
}

export interface LeadLine {
  id: number;
  village: Place;
  /** 户主 or declarant name (no ID numbers, no phones). */
  who: string;
  source: string;
  discoveredOn: Day;
  deadline: Day;
  /** 0 on the deadline day, negative when overdue. */
  daysLeft: number;
  /** The last step done (“入户核查”), or null. */
  lastStep: string | null;
}

export interface OverdueView {
  today: Day;
  /** “Due soon” means at most this many days left (the lead configuration). */
  dueSoonDays: number;
  overdue: LeadLine[];
  dueSoon: LeadLine[];
}

export interface SupervisionView {
  reportDay: Day;
  /** Villages by code, for the lists below. */
  villages: Record<string, Place>;
  targets: SupervisionTargets;
  expected: number;
}

/** A file (xlsx) or picture (png) ready to send. */
export interface FileView {
  fileName: string;
  contentBase64: string;
}

export interface WeeklyReportView {
  week: string;
  deadline: number;
  progress: ProgressView;
  reporting: ReportingView;
  /** The town's own confirmation of this week's report. */
  confirmed: Confirmation | null;
}

export interface VillageWeekView {
  week: string;
  deadline: number;
  village: PlaceProgress;
  openProblems: number;
  confirmed: Confirmation | null;
}

/** A grid worker or village cadre as the roster answer names them: the working phone is masked when shown. */
export interface RosterPerson {
  name: string;
  phone: string | null;
}

/** Who answers for the villages of a place: each grid's workers, and the village cadres. */
export interface StaffRosterView {
  villages: Array<{ village: Place; grids: Array<{ code: string; name: string; aliases: string[]; workers: RosterPerson[] }>; cadres: RosterPerson[] }>;
}

/** A village's households not yet screened in the campaign's window, by grid (a grid's name; null: no grid). */
export interface UnscreenedView {
  reportDay: Day;
  grids: Array<{ name: string | null; headNames: string[] }>;
}

export type ChartKind = 'coverage' | 'overdue';

export interface OfficialData {
  officialMap(): Promise<OfficialMap>;
  progress(code: string, at: number): Promise<Answer<ProgressView>>;
  reporting(code: string, at: number): Promise<Answer<ReportingView>>;
  overdueLeads(code: string, at: number): Promise<Answer<OverdueView>>;
  supervision(code: string, at: number): Promise<Answer<SupervisionView>>;
  exportForm(form: ExportForm, code: string, at: number): Promise<FileAnswer>;
  chart(kind: ChartKind, code: string, at: number): Promise<Answer<FileView>>;
  weeklyReport(townCode: string, at: number): Promise<Answer<WeeklyReportView>>;
  villageWeek(villageCode: string, at: number): Promise<Answer<VillageWeekView>>;
  /** The active grid workers and village cadres of the villages of `code` (a city, town or village). */
  staffRoster(code: string): Promise<Answer<StaffRosterView>>;
  /** The households of village `code` not yet screened in the campaign's window (附件1's complement). */
  unscreened(villageCode: string, at: number): Promise<Answer<UnscreenedView>>;
}
