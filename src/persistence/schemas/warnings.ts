/**
 * EntitySchemas of the department warnings (migration 1764300710000): the imported warning rows
 * and the configured amount thresholds. src/persistence/warnings.ts turns them into domain shapes.
 */
import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { col } from '../columns.js';

const snake = (name: string, c: EntitySchemaColumnOptions): EntitySchemaColumnOptions => ({ ...c, name });

export interface DepartmentWarningRow {
  id: number;
  /** sha256 (hex) of `warningKey`: department + ID number + day + reason. */
  warningKey: string;
  department: string;
  warnedOn: string;
  idNumber: string;
  name: string;
  townName: string;
  villageName: string;
  reason: string;
  amountFen: number | null;
  remark: string;
  householdId: number | null;
  cityCode: string | null;
  townCode: string | null;
  villageCode: string | null;
  gridCode: string | null;
  /** opened | merged | below_threshold. */
  outcome: string;
  leadId: number | null;
  fileName: string;
  actor: string;
  inboundId: number | null;
  createdAt: number;
}
export const DepartmentWarningSchema = new EntitySchema<DepartmentWarningRow>({
  name: 'DepartmentWarning',
  tableName: 'department_warning',
  columns: {
    id: col.id(), warningKey: snake('warning_key', col.str(64)), department: col.str(24), warnedOn: snake('warned_on', col.day()),
    idNumber: snake('id_number', col.str(18)), name: col.str(64), townName: snake('town_name', col.str(64)), villageName: snake('village_name', col.str(64)),
    reason: col.text(), amountFen: snake('amount_fen', col.instant(true)), remark: col.text(),
    householdId: snake('household_id', col.int(true)), cityCode: snake('city_code', col.str(32, true)), townCode: snake('town_code', col.str(32, true)),
    villageCode: snake('village_code', col.str(32, true)), gridCode: snake('grid_code', col.str(48, true)),
    outcome: col.str(16), leadId: snake('lead_id', col.int(true)),
    fileName: snake('file_name', col.str(255)), actor: col.str(128), inboundId: snake('inbound_id', col.int(true)), createdAt: snake('created_at', col.instant()),
  },
});

export interface WarningThresholdRow {
  id: number;
  department: string;
  /** Null: this department has no threshold (overrides a built-in default). */
  minFen: number | null;
  amountLabel: string;
  createdAt: number;
  updatedAt: number;
}
export const WarningThresholdSchema = new EntitySchema<WarningThresholdRow>({
  name: 'WarningThreshold',
  tableName: 'warning_threshold',
  columns: {
    id: col.id(), department: col.str(24), minFen: snake('min_fen', col.instant(true)), amountLabel: snake('amount_label', col.str(16)),
    createdAt: snake('created_at', col.instant()), updatedAt: snake('updated_at', col.instant()),
  },
});

export const warningSchemas = [DepartmentWarningSchema, WarningThresholdSchema];
