import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { c } from './helpers.js';

/**
 * The last answer a flow asked to be remembered, kept with the conversation (`recall`): an
 * official's follow-up that names only what changed (“凉水井村的呢”) is answered as the same kind of
 * question (docs/OFFICIALS.md “Follow-up questions”). Null when nothing is remembered.
 */
export class ConversationRecall1765300000000 implements MigrationInterface {
  name = 'ConversationRecall1765300000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('conversation', new TableColumn(c.json('recall', true)));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('conversation', 'recall');
  }
}
