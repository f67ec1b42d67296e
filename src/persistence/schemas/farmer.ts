/**
 * EntitySchemas of the farmers' door (migration 1764300500000): poster entries, declarations and
 * binding requests. Rows are plain objects; src/persistence/farmer.ts turns them into the shapes
 * the bot reads.
 */
import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { col } from '../columns.js';
import type { PlacementColumns } from './casework.js';

const snake = (name: string, c: EntitySchemaColumnOptions): EntitySchemaColumnOptions => ({ ...c, name });

export interface FarmerEntryRow {
  id: number;
  externalUserId: string;
  villageCode: string;
  scene: string;
  enteredAt: number;
  createdAt: number;
  updatedAt: number;
}
export const FarmerEntrySchema = new EntitySchema<FarmerEntryRow>({
  name: 'FarmerEntry',
  tableName: 'farmer_entry',
  columns: {
    id: col.id(), externalUserId: snake('external_userid', col.str(128)), villageCode: snake('village_code', col.str(32)), scene: col.str(64),
    enteredAt: snake('entered_at', col.instant()), createdAt: snake('created_at', col.instant()), updatedAt: snake('updated_at', col.instant()),
  },
});

export interface FarmerDeclarationRow extends PlacementColumns {
  id: number;
  ref: string;
  externalUserId: string;
  openKfid: string | null;
  declarantName: string;
  idNumber: string | null;
  idTail: string | null;
  phone: string | null;
  householdId: number | null;
  /** The lead the declaration opened or joined; null when it went to an open subject (`subjectId`). */
  leadId: number | null;
  /** 'opened' | 'merged' | 'subject'. */
  leadKind: string;
  /** The open subject the declared risk was added to (the household was already monitored). */
  subjectId: number | null;
  words: string[];
  risks: unknown[];
  amounts: unknown[];
  suddenHardship: boolean;
  workers: unknown[];
  inboundId: number | null;
  createdAt: number;
}
export const FarmerDeclarationSchema = new EntitySchema<FarmerDeclarationRow>({
  name: 'FarmerDeclaration',
  tableName: 'farmer_declaration',
  columns: {
    id: col.id(), ref: col.str(32), externalUserId: snake('external_userid', col.str(128)), openKfid: snake('open_kfid', col.str(64, true)),
    declarantName: snake('declarant_name', col.str(64)), idNumber: snake('id_number', col.str(18, true)), idTail: snake('id_tail', col.str(6, true)), phone: col.str(20, true),
    cityCode: snake('city_code', col.str(32)), townCode: snake('town_code', col.str(32)), villageCode: snake('village_code', col.str(32)), gridCode: snake('grid_code', col.str(48, true)),
    householdId: snake('household_id', col.int(true)), leadId: snake('lead_id', col.int(true)), leadKind: snake('lead_kind', col.str(16)), subjectId: snake('subject_id', col.int(true)),
    words: col.json(), risks: col.json(), amounts: col.json(), suddenHardship: snake('sudden_hardship', col.bool()), workers: col.json(),
    inboundId: snake('inbound_id', col.int(true)), createdAt: snake('created_at', col.instant()),
  },
});

export interface FarmerBindingRow {
  id: number;
  ref: string;
  externalUserId: string;
  openKfid: string | null;
  name: string;
  idNumber: string | null;
  idTail: string;
  villageCode: string;
  matchedHouseholdId: number | null;
  householdId: number | null;
  status: string;
  workers: unknown[];
  requestedAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string;
  inboundId: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}
export const FarmerBindingSchema = new EntitySchema<FarmerBindingRow>({
  name: 'FarmerBinding',
  tableName: 'farmer_binding',
  columns: {
    id: col.id(), ref: col.str(32), externalUserId: snake('external_userid', col.str(128)), openKfid: snake('open_kfid', col.str(64, true)),
    name: col.str(64), idNumber: snake('id_number', col.str(18, true)), idTail: snake('id_tail', col.str(6)), villageCode: snake('village_code', col.str(32)),
    matchedHouseholdId: snake('matched_household_id', col.int(true)), householdId: snake('household_id', col.int(true)), status: col.str(16), workers: col.json(),
    requestedAt: snake('requested_at', col.instant()), decidedBy: snake('decided_by', col.str(128, true)), decidedAt: snake('decided_at', col.instant(true)), reason: col.text(),
    inboundId: snake('inbound_id', col.int(true)), version: col.int(), createdAt: snake('created_at', col.instant()), updatedAt: snake('updated_at', col.instant()),
  },
});

export const farmerSchemas = [FarmerEntrySchema, FarmerDeclarationSchema, FarmerBindingSchema];
