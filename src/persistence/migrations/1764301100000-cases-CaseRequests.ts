import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/**
 * 风险消除 proposals, 回退 requests and 清退 written requests with their decisions (town, city),
 * and the written request's bytes kept as evidence. Append-only in spirit: a decision changes the
 * status and appends to `decisions`; every change also writes a history row.
 * `monitoring_subject.epidemic` marks an inclusion caused by the epidemic (附件1 其中因疫情纳入),
 * recorded when the city includes the household.
 */
export class CasesCaseRequests1764301100000 implements MigrationInterface {
  name = 'CasesCaseRequests1764301100000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'case_request',
      [
        c.id(), c.str('kind', 16), c.int('subject_id'), c.int('household_id'),
        c.str('city_code', 32), c.str('town_code', 32), c.str('village_code', 32), c.str('grid_code', 48, true),
        c.json('payload'), c.str('requested_by', 128), c.instant('requested_at'), c.day('day'), c.day('publicity_until', true),
        c.json('evidence', true), c.text('evidence_content', true), c.str('status', 16), c.json('decisions'),
        c.int('version'), c.instant('created_at'), c.instant('updated_at'),
      ],
      [{ columns: ['subject_id'] }, { columns: ['status', 'town_code'] }],
    );
    await qr.query(`ALTER TABLE monitoring_subject ADD COLUMN epidemic BOOLEAN NOT NULL DEFAULT 0`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('monitoring_subject', 'epidemic');
    await qr.dropTable('case_request');
  }
}
