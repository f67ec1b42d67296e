import { EntitySchema } from 'typeorm';
import { bigintNumber, col } from '../columns.js';

export interface StaffRow {
  id: number;
  userId: string;
  name: string;
  phone: string | null;
  role: string;
  level: string;
  jurisdictionCode: string;
  department: string | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export const StaffSchema = new EntitySchema<StaffRow>({
  name: 'Staff',
  tableName: 'staff',
  columns: {
    id: col.id(),
    userId: { ...col.str(64), name: 'user_id' },
    name: col.str(64),
    phone: col.str(32, true),
    role: col.str(16),
    level: col.str(8),
    jurisdictionCode: { ...col.str(32), name: 'jurisdiction_code' },
    department: col.str(24, true),
    active: { ...col.bool(), default: true },
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});

export interface CampaignRow {
  id: number;
  year: number;
  config: unknown;
  createdAt: number;
  updatedAt: number;
}

export const CampaignSchema = new EntitySchema<CampaignRow>({
  name: 'Campaign',
  tableName: 'campaigns',
  columns: {
    id: col.id(),
    year: col.int(),
    config: col.json(),
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});

export interface MonitoringLineRow {
  id: number;
  year: number;
  lineFen: number;
  createdAt: number;
  updatedAt: number;
}

export const MonitoringLineSchema = new EntitySchema<MonitoringLineRow>({
  name: 'MonitoringLine',
  tableName: 'monitoring_lines',
  columns: {
    id: col.id(),
    year: col.int(),
    lineFen: { type: 'bigint', name: 'line_fen', transformer: bigintNumber },
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});
