import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

const placement = () => [c.str('city_code', 32), c.str('town_code', 32), c.str('village_code', 32), c.str('grid_code', 48, true)];

/**
 * 风险线索, their finds (origins) and the steps of the procedure. `open_key` is set only while a
 * lead is open, and unique: the database itself refuses a second open lead for one household.
 */
export class RiskLeads1764300401000 implements MigrationInterface {
  name = 'RiskLeads1764300401000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'risk_lead',
      [
        c.id(), c.int('household_id', true), c.json('declarant', true), ...placement(),
        c.day('discovered_on'), c.day('deadline'), c.bool('sudden_hardship'), c.str('status', 16),
        c.json('outcome', true), c.json('reliefs'), c.int('merged_into_id', true), c.str('open_key', 190, true),
        c.int('version', false, 1), c.instant('created_at'), c.instant('updated_at'),
      ],
      [
        { columns: ['open_key'], unique: true },
        { columns: ['village_code', 'status'] },
        { columns: ['town_code', 'status'] },
        { columns: ['status', 'deadline'] },
        { columns: ['household_id'] },
      ],
    );
    await createTable(
      qr,
      'risk_lead_origin',
      [c.id(), c.int('lead_id'), c.int('seq'), c.str('source', 24), c.str('department', 32, true), c.day('found_on'), c.text('note'), c.str('actor', 128), c.instant('at')],
      [{ columns: ['lead_id', 'seq'], unique: true }],
    );
    await createTable(
      qr,
      'risk_lead_step',
      [c.id(), c.int('lead_id'), c.str('step', 24), c.str('actor', 128), c.instant('at'), c.day('day'), c.text('note'), c.bool('skipped'), c.day('publicity_until', true)],
      [{ columns: ['lead_id', 'step'], unique: true }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('risk_lead_step');
    await qr.dropTable('risk_lead_origin');
    await qr.dropTable('risk_lead');
  }
}
