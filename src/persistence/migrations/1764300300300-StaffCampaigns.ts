import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

/** The staff roster, campaign configurations by year and the monitoring line by year. */
export class StaffCampaigns1764300300300 implements MigrationInterface {
  name = 'StaffCampaigns1764300300300';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'staff',
      [
        c.id(),
        c.str('user_id', 64),
        c.str('name', 64),
        c.str('phone', 32, true),
        c.str('role', 16),
        c.str('level', 8),
        c.str('jurisdiction_code', 32),
        c.str('department', 24, true),
        { ...c.bool('active'), default: true },
        c.instant('created_at'),
        c.instant('updated_at'),
      ],
      [{ columns: ['user_id'], unique: true }, { columns: ['jurisdiction_code'] }],
    );
    await createTable(qr, 'campaigns', [c.id(), c.int('year'), c.json('config'), c.instant('created_at'), c.instant('updated_at')], [{ columns: ['year'], unique: true }]);
    await createTable(
      qr,
      'monitoring_lines',
      [c.id(), c.int('year'), { name: 'line_fen', type: 'bigint', isNullable: false }, c.instant('created_at'), c.instant('updated_at')],
      [{ columns: ['year'], unique: true }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('monitoring_lines');
    await qr.dropTable('campaigns');
    await qr.dropTable('staff');
  }
}
