import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The bytes of files and images to send, kept out of the outbox rows (a row holds a reference).
 * One row per distinct content (sha256): the same 附件1 sent to five officials is stored once.
 * LONGBLOB on MySQL (a BLOB stops at 64 KB), BLOB on SQLite.
 */
export class Pipe2OutboxMedia1764301400000 implements MigrationInterface {
  name = 'Pipe2OutboxMedia1764301400000';

  async up(qr: QueryRunner): Promise<void> {
    const mysql = qr.connection.options.type === 'mysql' || qr.connection.options.type === 'mariadb';
    await qr.createTable(
      new Table({
        name: 'outbox_media',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'sha256', type: 'varchar', length: '64', isNullable: false },
          { name: 'bytes', type: 'integer', isNullable: false },
          { name: 'content', type: mysql ? 'longblob' : 'blob', isNullable: false },
          { name: 'created_at', type: 'bigint', isNullable: false },
        ],
        ...(mysql ? { engine: 'InnoDB' } : {}),
      }),
      false,
    );
    await qr.createIndex('outbox_media', new TableIndex({ name: 'uq_outbox_media_sha256', columnNames: ['sha256'], isUnique: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('outbox_media');
  }
}
