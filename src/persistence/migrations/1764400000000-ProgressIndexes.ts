import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes for 附件1 counted by the database (src/persistence/progress-sql.ts): each lets one of its
 * grouped queries read an index alone — people per household, whether a household was screened in
 * the window or has a subject, who screened in a village, 回头看 rows, a subject's 回退 events.
 */
const INDEXES: Array<{ table: string; name: string; columns: string[] }> = [
  { table: 'members', name: 'ix_members_household_left', columns: ['household_id', 'left_on'] },
  { table: 'households', name: 'ix_households_village_grid_type', columns: ['village_code', 'grid_code', 'type', 'town_code', 'city_code'] },
  { table: 'screening_record', name: 'ix_screening_household_day', columns: ['campaign', 'household_id', 'day', 'village_code'] },
  { table: 'screening_record', name: 'ix_screening_village_screener_day', columns: ['campaign', 'village_code', 'screener', 'day'] },
  { table: 'screening_record', name: 'ix_screening_form_village_day', columns: ['campaign', 'form', 'village_code', 'day'] },
  { table: 'monitoring_subject', name: 'ix_subject_household_status', columns: ['household_id', 'status', 'village_code'] },
  { table: 'subject_event', name: 'ix_subject_event_subject_kind_day', columns: ['subject_id', 'kind', 'day'] },
];

export class ProgressIndexes1764400000000 implements MigrationInterface {
  name = 'ProgressIndexes1764400000000';

  async up(qr: QueryRunner): Promise<void> {
    for (const ix of INDEXES) await qr.createIndex(ix.table, new TableIndex({ name: ix.name, columnNames: ix.columns }));
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const ix of [...INDEXES].reverse()) await qr.dropIndex(ix.table, ix.name);
  }
}
