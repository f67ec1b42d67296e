import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/**
 * 监测对象 (one row per episode), their state changes, and their members. `subject_member.open_key`
 * holds the ID number while the subject is 风险未消除 and is unique: one person, one open subject.
 */
export class MonitoringSubjects1764300402000 implements MigrationInterface {
  name = 'MonitoringSubjects1764300402000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'monitoring_subject',
      [
        c.id(), c.int('household_id'), c.int('lead_id', true), c.int('episode'), c.int('previous_subject_id', true),
        c.str('category', 24), c.day('included_on'), c.str('status', 16),
        c.str('city_code', 32), c.str('town_code', 32), c.str('village_code', 32), c.str('grid_code', 48, true),
        c.json('risks'), c.json('measures'), c.json('elimination', true), c.json('withdrawal', true), c.json('member_ids'),
        c.int('version', false, 1), c.instant('created_at'), c.instant('updated_at'),
      ],
      [
        { columns: ['household_id', 'episode'], unique: true },
        { columns: ['village_code', 'status'] },
        { columns: ['town_code', 'status'] },
      ],
    );
    await createTable(
      qr,
      'subject_event',
      [c.id(), c.int('subject_id'), c.int('seq'), c.str('kind', 32), c.str('actor', 128), c.instant('at'), c.day('day'), c.text('reason'), c.text('note')],
      [{ columns: ['subject_id', 'seq'], unique: true }, { columns: ['kind', 'day'] }],
    );
    await createTable(
      qr,
      'subject_member',
      [c.id(), c.int('subject_id'), c.str('id_number', 18), c.str('open_key', 18, true)],
      [{ columns: ['open_key'], unique: true }, { columns: ['subject_id'] }, { columns: ['id_number'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('subject_member');
    await qr.dropTable('subject_event');
    await qr.dropTable('monitoring_subject');
  }
}
