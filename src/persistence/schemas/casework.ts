/**
 * EntitySchemas of the casework tables (migrations 1764300400000–1764300404000). Rows are plain
 * objects; the repositories turn them into the domain's Lead, Subject, ScreeningRecord, Problem.
 */
import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { col } from '../columns.js';

const snake = (name: string, c: EntitySchemaColumnOptions): EntitySchemaColumnOptions => ({ ...c, name });

export interface PlacementColumns {
  cityCode: string;
  townCode: string;
  villageCode: string;
  gridCode: string | null;
}
const placementColumns = {
  cityCode: snake('city_code', col.str(32)),
  townCode: snake('town_code', col.str(32)),
  villageCode: snake('village_code', col.str(32)),
  gridCode: snake('grid_code', col.str(48, true)),
};
const versioned = {
  version: col.int(),
  createdAt: snake('created_at', col.instant()),
  updatedAt: snake('updated_at', col.instant()),
};
export interface Versioned {
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface RiskLeadRow extends PlacementColumns, Versioned {
  id: number;
  householdId: number | null;
  declarant: unknown;
  discoveredOn: string;
  deadline: string;
  suddenHardship: boolean;
  status: string;
  outcome: unknown;
  reliefs: unknown;
  mergedIntoId: number | null;
  openKey: string | null;
}
export const RiskLeadSchema = new EntitySchema<RiskLeadRow>({
  name: 'RiskLead',
  tableName: 'risk_lead',
  columns: {
    id: col.id(), householdId: snake('household_id', col.int(true)), declarant: col.json(true), ...placementColumns,
    discoveredOn: snake('discovered_on', col.day()), deadline: col.day(), suddenHardship: snake('sudden_hardship', col.bool()), status: col.str(16),
    outcome: col.json(true), reliefs: col.json(), mergedIntoId: snake('merged_into_id', col.int(true)), openKey: snake('open_key', col.str(190, true)), ...versioned,
  },
});

export interface RiskLeadOriginRow {
  id: number;
  leadId: number;
  seq: number;
  source: string;
  department: string | null;
  foundOn: string;
  note: string;
  actor: string;
  at: number;
}
export const RiskLeadOriginSchema = new EntitySchema<RiskLeadOriginRow>({
  name: 'RiskLeadOrigin',
  tableName: 'risk_lead_origin',
  columns: {
    id: col.id(), leadId: snake('lead_id', col.int()), seq: col.int(), source: col.str(24), department: col.str(32, true),
    foundOn: snake('found_on', col.day()), note: col.text(), actor: col.str(128), at: col.instant(),
  },
});

export interface RiskLeadStepRow {
  id: number;
  leadId: number;
  step: string;
  actor: string;
  at: number;
  day: string;
  note: string;
  skipped: boolean;
  publicityUntil: string | null;
}
export const RiskLeadStepSchema = new EntitySchema<RiskLeadStepRow>({
  name: 'RiskLeadStep',
  tableName: 'risk_lead_step',
  columns: {
    id: col.id(), leadId: snake('lead_id', col.int()), step: col.str(24), actor: col.str(128), at: col.instant(), day: col.day(),
    note: col.text(), skipped: col.bool(), publicityUntil: snake('publicity_until', col.day(true)),
  },
});

export interface SubjectRow extends PlacementColumns, Versioned {
  id: number;
  householdId: number;
  leadId: number | null;
  episode: number;
  previousSubjectId: number | null;
  category: string;
  includedOn: string;
  status: string;
  risks: unknown;
  measures: unknown;
  elimination: unknown;
  withdrawal: unknown;
  memberIds: unknown;
  /** Included because of the epidemic (附件1 其中因疫情纳入), as recorded at inclusion. */
  epidemic: boolean;
}
export const SubjectSchema = new EntitySchema<SubjectRow>({
  name: 'MonitoringSubject',
  tableName: 'monitoring_subject',
  columns: {
    id: col.id(), householdId: snake('household_id', col.int()), leadId: snake('lead_id', col.int(true)), episode: col.int(),
    previousSubjectId: snake('previous_subject_id', col.int(true)), category: col.str(24), includedOn: snake('included_on', col.day()), status: col.str(16),
    ...placementColumns, risks: col.json(), measures: col.json(), elimination: col.json(true), withdrawal: col.json(true), memberIds: snake('member_ids', col.json()), epidemic: col.bool(), ...versioned,
  },
});

export interface SubjectEventRow {
  id: number;
  subjectId: number;
  seq: number;
  kind: string;
  actor: string;
  at: number;
  day: string;
  reason: string;
  note: string;
}
export const SubjectEventSchema = new EntitySchema<SubjectEventRow>({
  name: 'SubjectEvent',
  tableName: 'subject_event',
  columns: {
    id: col.id(), subjectId: snake('subject_id', col.int()), seq: col.int(), kind: col.str(32), actor: col.str(128), at: col.instant(), day: col.day(),
    reason: col.text(), note: col.text(),
  },
});

export interface SubjectMemberRow {
  id: number;
  subjectId: number;
  idNumber: string;
  openKey: string | null;
}
export const SubjectMemberSchema = new EntitySchema<SubjectMemberRow>({
  name: 'SubjectMember',
  tableName: 'subject_member',
  columns: { id: col.id(), subjectId: snake('subject_id', col.int()), idNumber: snake('id_number', col.str(18)), openKey: snake('open_key', col.str(18, true)) },
});

export interface ScreeningRow extends PlacementColumns, Versioned {
  id: number;
  form: string;
  campaign: string;
  householdId: number;
  subjectId: number | null;
  screener: string;
  at: number;
  day: string;
  riskFound: boolean;
  answers: unknown;
  remark: string;
}
export const ScreeningSchema = new EntitySchema<ScreeningRow>({
  name: 'ScreeningRecord',
  tableName: 'screening_record',
  columns: {
    id: col.id(), form: col.str(12), campaign: col.str(32), householdId: snake('household_id', col.int()), subjectId: snake('subject_id', col.int(true)),
    ...placementColumns, screener: col.str(128), at: col.instant(), day: col.day(), riskFound: snake('risk_found', col.bool()), answers: col.json(), remark: col.text(), ...versioned,
  },
});

export interface ProblemRow extends PlacementColumns, Versioned {
  id: number;
  category: string;
  householdId: number | null;
  description: string;
  responsible: string;
  measure: string;
  deadline: string;
  status: string;
  foundOn: string;
  foundBy: string;
  source: string;
  findingKey: string | null;
  openFindingKey: string | null;
  rectification: unknown;
}
export const ProblemSchema = new EntitySchema<ProblemRow>({
  name: 'Problem',
  tableName: 'problem',
  columns: {
    id: col.id(), category: col.str(32), ...placementColumns, householdId: snake('household_id', col.int(true)), description: col.text(),
    responsible: col.str(128), measure: col.text(), deadline: col.day(), status: col.str(12), foundOn: snake('found_on', col.day()),
    foundBy: snake('found_by', col.str(128)), source: col.str(8), findingKey: snake('finding_key', col.str(190, true)),
    openFindingKey: snake('open_finding_key', col.str(190, true)), rectification: col.json(true), ...versioned,
  },
});

export const caseworkSchemas = [RiskLeadSchema, RiskLeadOriginSchema, RiskLeadStepSchema, SubjectSchema, SubjectEventSchema, SubjectMemberSchema, ScreeningSchema, ProblemSchema];
