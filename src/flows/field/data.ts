/**
 * What the field flows read, through `env.data` (implemented in src/bot/flow-data/field.ts).
 * Every method answers only within the asking actor's jurisdiction (the port is built per actor):
 * a household, subject, lead or problem outside it is simply not there — the flows cannot tell
 * "does not exist" from "not yours", so nobody learns anything about a household they may not see.
 *
 * @example
 *   const [h] = await env.data.findHouseholds('张三');     // only in the grid worker's own grid
 *   const mine = await env.data.screenedToday(h.id, 'general', '2022-05-09');   // { id: 4, riskFound: false } → a new report overwrites it
 */
import type { VillageActivity } from '../../domain/campaign-activity.js';
import type { DerivedKeyGroup } from '../../domain/household.js';
import type { Category, HouseholdType, KeyGroup, KeyGroupBasis, LeadStep, Measure, ProblemCategory, RiskType } from '../../domain/catalog.js';
import type { ScreeningForm } from '../../domain/screening.js';
import type { Day } from '../../domain/shanghai-days.js';
import type { StableSince } from '../../domain/subject.js';

/** The campaign the field works in now (集中排查) and the dates the flows quote. */
export interface FieldCampaign {
  /** Stored on every screening record, e.g. '2022'. */
  code: string;
  name: string;
  /** The weekly village 研判会: ISO weekday (4 = Thursday) and wall-clock time 'HH:mm'. */
  meeting: { weekday: number; time: string };
  /** 回退/清退 written requests are due at the city by this day (seed: 05-25). */
  rollbackRequestsBy: Day;
  /** Corrections are due by this day (seed: 06-05); the default deadline of a reported problem. */
  correctionsBy: Day;
  /** The campaign's rules, one source for every flow: days from a lead to its decision (seed: 15), */
  identificationLimitDays: number;
  /** shortest 公示 in days (≥ 5), */
  publicityMinDays: number;
  /** 对象类型②'s income year and monitoring line (none when the campaign year has no line). */
  keyGroupBasis?: KeyGroupBasis;
  /** months from 纳入 to the earliest 风险消除 (6). */
  eliminationMinMonths: number;
}

/** A household as the field flows show it. */
export interface FieldHousehold {
  id: number;
  headName: string;
  /** The member whose name matched, when it was not the head's. */
  matchedMember: string | null;
  villageCode: string;
  villageName: string;
  gridName: string | null;
  /** 家庭人口 (members still in the household). */
  size: number;
  /** Unmasked: the flows mask it in every reply. */
  phone: string | null;
  type: HouseholdType;
  keyGroups: KeyGroup[];
  /** 整户无劳动力. */
  noLabour: boolean;
}

/** The asker's own record of a household made today, which a new report of the same form overwrites. */
export interface TodaysScreening {
  id: number;
  /** Whether it found risk (then a lead was opened, and correcting the record does not close it). */
  riskFound: boolean;
  /** What it recorded (the form's answers), shown as “before” when a new report would replace it. */
  answers?: Record<string, unknown>;
}

/** The asker's latest record of a form, with its household: what a correction naming no household is about. */
export interface LastScreening extends TodaysScreening {
  household: FieldHousehold;
  /** When it was saved (or last corrected). */
  at: number;
  /** The record's own day (said for the screening, else the day it was saved). */
  day: Day;
  remark: string;
}

/** Everyone of the asker's area by name (heads and active members), and the region tree's place names. */
export interface FieldRoster {
  households: Array<{ id: number; headName: string; members: string[] }>;
  places: string[];
}

/** An open risk lead, as the field sees it. */
export interface FieldLead {
  id: number;
  householdId: number;
  headName: string;
  discoveredOn: Day;
  deadline: Day;
  /** The step the procedure expects next (null when all are recorded). */
  nextStep: LeadStep | null;
  /** What was found (the first origin's note). */
  note: string;
  /** The steps before 民主评议 not yet recorded (入户核查, 承诺授权, 信息比对), in order. */
  pending: CheckStep[];
}

/** How a decided lead ended: 认定纳入 (its category) or 不纳入 (the reason), and the day. */
export type LeadEnd = { decision: 'include'; category: Category; day: Day } | { decision: 'exclude'; reason: string; day: Day };

/** The steps of a lead a grid worker or cadre reports done before the village's 研判会 (field/lead-visit). */
export const CHECK_STEPS = ['home_visit', 'consent', 'data_comparison'] as const satisfies readonly LeadStep[];
export type CheckStep = (typeof CHECK_STEPS)[number];

/** A monitoring subject of the asker's area (eliminated for 回头看, open for 跟进). */
export interface FieldSubject {
  id: number;
  household: FieldHousehold;
  category: Category;
  includedOn: Day;
  /** Since when the income must have been stable for 风险消除: 纳入, or the latest 回退 (absent = 纳入). */
  since?: StableSince;
  status: 'open' | 'eliminated';
  eliminatedOn: Day | null;
  risks: RiskType[];
  /** Measures recorded as 已实施. */
  measuresDone: Measure[];
  /** A 回头看 (eliminated) or 跟进 (open) record exists already in this campaign. */
  recordedThisCampaign: boolean;
}

/** A household on the village 研判会 agenda: a key-group screening awaiting its verdict, an open lead, or both. */
export interface AgendaItem {
  /** Null for a declaration by someone not yet linked to a registered household. */
  householdId: number | null;
  headName: string;
  size: number;
  /** The 附件2 record awaiting 会议研判结论 (null when the household comes only with a lead). */
  screening: { id: number; day: Day; groups: KeyGroup[]; riskFound: boolean | null; summary: string } | null;
  /** The open lead not yet through 民主评议 (null when none is open). */
  lead: { id: number; discoveredOn: Day; deadline: Day; note: string; stepsDone: LeadStep[] } | null;
}

/** "我的待办": what is waiting for the asker in their area. */
export interface FieldTodo {
  /** Households not screened this campaign: how many, and the first names (roster order). */
  unscreened: { total: number; names: string[] };
  /** Open leads with 入户核查, 承诺授权 or 信息比对 still to record, soonest deadline first. */
  awaitingChecks: FieldLead[];
  /** Eliminated subjects with no 回头看 this campaign. */
  dueReview: Array<{ subjectId: number; headName: string; eliminatedOn: Day | null }>;
}

/** A village of the asker's area (where a problem is). */
export interface FieldVillage {
  code: string;
  name: string;
}

/** An open problem of the asker's area (问题清单). */
export interface FieldProblem {
  id: number;
  category: ProblemCategory;
  villageName: string;
  headName: string | null;
  description: string;
  measure: string;
  deadline: Day;
  foundOn: Day;
}

export interface FieldData {
  /** The campaign running on `day` (the flows pass today, Asia/Shanghai). */
  fieldCampaign(day: Day): Promise<FieldCampaign>;
  /** Key groups ② and ⑥ the register's data implies for the household on `day` and no tag says (`derivedKeyGroups`); none outside the asker's area. */
  derivedKeyGroups(householdId: number, day: Day): Promise<DerivedKeyGroup[]>;
  /** Households whose head or a member has exactly this name, in the asker's area only. */
  findHouseholds(name: string): Promise<FieldHousehold[]>;
  /** The names of the asker's area, the dictionary a report is read with (empty outside any area). */
  fieldRoster(): Promise<FieldRoster>;
  /** The asker's own record of this household and form made on `day` (today), if any. */
  screenedToday(householdId: number, form: ScreeningForm, day: Day): Promise<TodaysScreening | null>;
  /** The asker's latest record of `form` saved today at or after `since` (a household of their area), if any. */
  /** The asker's latest record of `form` saved since `since` (whatever its own day); the household as of `day`. */
  lastOwnScreening(form: ScreeningForm, since: number, day: Day): Promise<LastScreening | null>;
  /** The household's open lead, if any. */
  openLeadOf(householdId: number): Promise<FieldLead | null>;
  /** How the household's last decided lead ended (认定纳入 with its category, or 不纳入 with the reason), if any. */
  lastLeadEnd(householdId: number): Promise<LeadEnd | null>;
  /** Eliminated (回头看) or open (跟进) subjects of the area as of `day`, optionally only households named `name`. */
  fieldSubjects(status: 'eliminated' | 'open', day: Day, name?: string): Promise<FieldSubject[]>;
  /** The asker's to-do list as of `day`. */
  fieldTodo(day: Day): Promise<FieldTodo>;
  /** The 研判会 agenda of the asker's village as of `day`. */
  meetingAgenda(day: Day): Promise<AgendaItem[]>;
  /** Villages of the area; with `name`, those it names (aliases understood). */
  fieldVillages(name?: string): Promise<FieldVillage[]>;
  /** Open problems of the area, oldest first. */
  openProblems(): Promise<FieldProblem[]>;
  /** Where these villages stand with 动员部署 and 培训 in the campaign of `day`; villages outside the area are absent. */
  villageActivities(villageCodes: readonly string[], day: Day): Promise<Map<string, VillageActivity>>;
}
