/**
 * What the casework flows read, through `env.data` (implemented in src/bot/flow-data/casework.ts),
 * within the asking actor's jurisdiction only: a town official sees the cases of their town, the
 * city bureau every case, a village cadre the households of their village.
 *
 * @example
 *   const queue = await env.data.caseQueue('town', '2022-05-20');   // leads past 公示, pending 风险消除/回退/清退
 *   const told = await env.data.caseContacts(7);                    // { village: ['wangwu', 'liucun'], town: ['zhaozhen'], city: ['chenjing'] }
 */
import type { CasePayload, Evidence } from '../../domain/case-request.js';
import type { Category, HouseholdType, LeadStep, RiskType } from '../../domain/catalog.js';
import type { Day } from '../../domain/shanghai-days.js';
import type { StableSince } from '../../domain/subject.js';

/** The campaign's rules the casework quotes and checks (one source: the stored campaign). */
export interface CaseCampaign {
  year: number;
  publicityMinDays: number;
  eliminationMinMonths: number;
  /** 回退/清退 written requests by this day. */
  rollbackBy: Day;
  /** The monitoring line of the campaign year (元/人/年). */
  incomeLine: number;
}

/** The household a case is about, as cards and notices name it (no personal data). */
export interface CaseHouseholdRef {
  householdId: number;
  headName: string;
  villageName: string;
  size: number;
}

/** One case waiting for a decision at the asker's level. */
export type CaseItem =
  | (CaseHouseholdRef & {
      type: 'lead';
      leadId: number;
      householdType: HouseholdType;
      /** The first find, e.g. '儿子住院花了两万'. */
      note: string;
      discoveredOn: Day;
      deadline: Day;
      publicityUntil: Day | null;
      /** Steps still missing before this level may decide (e.g. 信息比对 before 镇街审核). */
      missing: LeadStep[];
      /** Risk types read from the finds, first = main (for 纳入). */
      risks: RiskType[];
    })
  | (CaseHouseholdRef & {
      type: 'request';
      requestId: number;
      subjectId: number;
      category: Category;
      includedOn: Day;
      payload: CasePayload;
      requestedOn: Day;
      publicityUntil: Day | null;
      evidence: Evidence | null;
    });

/** A monitoring subject as the casework flows show it. */
export interface CaseSubject extends CaseHouseholdRef {
  id: number;
  category: Category;
  includedOn: Day;
  /** Since when the income must have been stable for 风险消除: 纳入, or the latest 回退 (absent = 纳入). */
  since?: StableSince;
  status: 'open' | 'eliminated';
  risks: RiskType[];
  /** 整户无劳动力 in the register (shown; the cadre still answers for the facts). */
  noLabour: boolean;
}

/** Who is told: the household's contact cadre and the village's cadres; the town's officials; the city bureau. */
export interface CaseContacts {
  village: string[];
  town: string[];
  city: string[];
}

/** An open lead of the asker's area, for 信息比对. */
export interface CaseLead extends CaseHouseholdRef {
  leadId: number;
  comparisonDone: boolean;
}

export type KeptEvidence = { ok: true; evidence: Evidence; contentBase64: string } | { ok: false; message: string };

export interface CaseworkData {
  caseCampaign(day: Day): Promise<CaseCampaign>;
  /** Cases waiting for the asker's level on `day` (town: 镇街审核; city: 市级审批). */
  caseQueue(level: 'town' | 'city', day: Day): Promise<CaseItem[]>;
  /** Subjects of the asker's area, by the head's (or a member's) name, of these statuses. */
  caseSubjects(name: string, statuses: ReadonlyArray<'open' | 'eliminated'>): Promise<CaseSubject[]>;
  /** Open leads of the asker's area whose household head (or a member) has this name. */
  caseLeads(name: string): Promise<CaseLead[]>;
  /** Who is told about a step of this household's case (UserIDs). */
  caseContacts(householdId: number): Promise<CaseContacts>;
  /** Fetches a written request sent in the chat (WeCom media/get) and keeps its bytes for the command. */
  keepEvidence(file: { mediaId: string; msgType: 'image' | 'file'; fileName: string | null }): Promise<KeptEvidence>;
}
