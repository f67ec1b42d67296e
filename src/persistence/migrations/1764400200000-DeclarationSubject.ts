import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { c } from './helpers.js';

/**
 * A farmer's declaration for a household that is already an open monitoring subject (风险未消除)
 * opens no lead: the risk is added to the subject. The declaration then keeps the subject it went
 * to (`subject_id`) and no lead (`lead_id` NULL, `lead_kind` 'subject').
 */
export class DeclarationSubject1764400200000 implements MigrationInterface {
  name = 'DeclarationSubject1764400200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.changeColumn('farmer_declaration', 'lead_id', new TableColumn(c.int('lead_id', true)));
    await qr.addColumn('farmer_declaration', new TableColumn(c.int('subject_id', true)));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('farmer_declaration', 'subject_id');
    await qr.changeColumn('farmer_declaration', 'lead_id', new TableColumn(c.int('lead_id')));
  }
}
