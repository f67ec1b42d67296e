import { EntitySchema } from 'typeorm';
import { bigintNumber, col } from '../columns.js';

export interface HouseholdRow {
  id: number;
  code: string;
  headName: string;
  cityCode: string;
  townCode: string;
  villageCode: string;
  gridCode: string | null;
  type: string;
  alleviationYear: number | null;
  dibao: boolean;
  tekun: boolean;
  keyGroups: string[];
  phone: string | null;
  contactStaff: string | null;
  /** 家庭人口: members not left, kept by every write of members; null = not counted yet. */
  people: number | null;
  createdAt: number;
  updatedAt: number;
}

export const HouseholdSchema = new EntitySchema<HouseholdRow>({
  name: 'Household',
  tableName: 'households',
  columns: {
    id: col.id(),
    code: col.str(64),
    headName: { ...col.str(64), name: 'head_name' },
    cityCode: { ...col.str(32), name: 'city_code' },
    townCode: { ...col.str(32), name: 'town_code' },
    villageCode: { ...col.str(32), name: 'village_code' },
    gridCode: { ...col.str(32, true), name: 'grid_code' },
    type: col.str(12),
    alleviationYear: { ...col.int(true), name: 'alleviation_year' },
    dibao: col.bool(),
    tekun: col.bool(),
    keyGroups: { ...col.json(), name: 'key_groups' },
    phone: col.str(32, true),
    contactStaff: { ...col.str(64, true), name: 'contact_staff' },
    people: col.int(true),
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});

export interface MemberRow {
  id: number;
  householdId: number;
  idNumber: string;
  name: string;
  relation: string;
  labour: string;
  health: string;
  schooling: string;
  phone: string | null;
  leftOn: string | null;
  leftReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export const MemberSchema = new EntitySchema<MemberRow>({
  name: 'Member',
  tableName: 'members',
  columns: {
    id: col.id(),
    householdId: { ...col.int(), name: 'household_id' },
    idNumber: { ...col.str(18), name: 'id_number' },
    name: col.str(64),
    relation: col.str(32),
    labour: col.str(8),
    health: col.str(16),
    schooling: col.str(16),
    phone: col.str(32, true),
    leftOn: { ...col.day(true), name: 'left_on' },
    leftReason: { ...col.str(255, true), name: 'left_reason' },
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});

export interface IncomeRow {
  id: number;
  householdId: number;
  periodFrom: string;
  periodTo: string;
  wageFen: number;
  businessFen: number;
  propertyFen: number;
  transferFen: number;
  businessCostFen: number;
  createdAt: number;
  updatedAt: number;
}

const fen = (name: string) => ({ type: 'bigint' as const, name, transformer: bigintNumber, default: 0 });

export const IncomeSchema = new EntitySchema<IncomeRow>({
  name: 'IncomeRecord',
  tableName: 'income_records',
  columns: {
    id: col.id(),
    householdId: { ...col.int(), name: 'household_id' },
    periodFrom: { ...col.day(), name: 'period_from' },
    periodTo: { ...col.day(), name: 'period_to' },
    wageFen: fen('wage_fen'),
    businessFen: fen('business_fen'),
    propertyFen: fen('property_fen'),
    transferFen: fen('transfer_fen'),
    businessCostFen: fen('business_cost_fen'),
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});
