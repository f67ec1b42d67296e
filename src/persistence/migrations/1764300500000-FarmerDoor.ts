import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, createTable } from './helpers.js';

const placement = () => [c.str('city_code', 32), c.str('town_code', 32), c.str('village_code', 32), c.str('grid_code', 48, true)];

/**
 * The farmers' door (微信客服): the village poster a farmer came in through, their declarations
 * (农户自主申报, each tied to the risk lead it opened or joined, with the farmer's own words), and
 * their requests to be bound to a household with the grid worker's decision.
 */
export class FarmerDoor1764300500000 implements MigrationInterface {
  name = 'FarmerDoor1764300500000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'farmer_entry',
      [c.id(), c.str('external_userid', 128), c.str('village_code', 32), c.str('scene', 64), c.instant('entered_at'), c.instant('created_at'), c.instant('updated_at')],
      [{ columns: ['external_userid'], unique: true }],
    );
    await createTable(
      qr,
      'farmer_declaration',
      [
        c.id(), c.str('ref', 32), c.str('external_userid', 128), c.str('open_kfid', 64, true),
        c.str('declarant_name', 64), c.str('id_number', 18, true), c.str('id_tail', 6, true), c.str('phone', 20, true),
        ...placement(), c.int('household_id', true), c.int('lead_id'), c.str('lead_kind', 16),
        c.json('words'), c.json('risks'), c.json('amounts'), c.bool('sudden_hardship'), c.json('workers'),
        c.int('inbound_id', true), c.instant('created_at'),
      ],
      [{ columns: ['ref'], unique: true }, { columns: ['external_userid'] }, { columns: ['lead_id'] }],
    );
    await createTable(
      qr,
      'farmer_binding',
      [
        c.id(), c.str('ref', 32), c.str('external_userid', 128), c.str('open_kfid', 64, true),
        c.str('name', 64), c.str('id_number', 18, true), c.str('id_tail', 6), c.str('village_code', 32),
        c.int('matched_household_id', true), c.int('household_id', true), c.str('status', 16), c.json('workers'),
        c.instant('requested_at'), c.str('decided_by', 128, true), c.instant('decided_at', true), c.text('reason'),
        c.int('inbound_id', true), c.int('version', false, 1), c.instant('created_at'), c.instant('updated_at'),
      ],
      [{ columns: ['ref'], unique: true }, { columns: ['external_userid', 'status'] }, { columns: ['village_code', 'status'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('farmer_binding');
    await qr.dropTable('farmer_declaration');
    await qr.dropTable('farmer_entry');
  }
}
