import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { c } from './helpers.js';

/**
 * 家庭人口 kept on the household: `households.people` is the number of its members who have not
 * left, written in the same transaction as every change of its members (`recountPeople`,
 * src/persistence/household-writes.ts) and checked against a recount by `npx shouwang check`.
 * NULL means "not counted yet" and the statistics count the members instead
 * (src/persistence/progress-sql.ts), so a household written by other means is never miscounted.
 *
 * The register index gains the column, so a place's households and people are read from the index
 * alone, and a second index finds the households not counted yet; screenings gain an index that lists a village's screened households of a window.
 * The existing households are counted once here.
 */
const PEOPLE_RECOUNT = `(SELECT COUNT(*) FROM members m WHERE m.household_id = households.id AND m.left_on IS NULL)`;

export class HouseholdPeople1764400100000 implements MigrationInterface {
  name = 'HouseholdPeople1764400100000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('households', new TableColumn(c.int('people', true)));
    await qr.query(`UPDATE households SET people = ${PEOPLE_RECOUNT}`);
    await qr.dropIndex('households', 'ix_households_village_grid_type');
    await qr.createIndex('households', new TableIndex({ name: 'ix_households_village_grid_type_people', columnNames: ['village_code', 'grid_code', 'type', 'town_code', 'city_code', 'people'] }));
    await qr.createIndex('households', new TableIndex({ name: 'ix_households_people_village', columnNames: ['people', 'village_code'] }));
    await qr.createIndex('screening_record', new TableIndex({ name: 'ix_screening_village_day_household', columnNames: ['campaign', 'village_code', 'day', 'household_id'] }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('screening_record', 'ix_screening_village_day_household');
    await qr.dropIndex('households', 'ix_households_people_village');
    await qr.dropIndex('households', 'ix_households_village_grid_type_people');
    await qr.createIndex('households', new TableIndex({ name: 'ix_households_village_grid_type', columnNames: ['village_code', 'grid_code', 'type', 'town_code', 'city_code'] }));
    await qr.dropColumn('households', 'people');
  }
}
