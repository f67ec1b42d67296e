/**
 * Portable table building for migrations: the same calls give the same schema on SQLite and on
 * MariaDB/MySQL. Use these rather than raw SQL so both engines stay in step.
 */
import { Table, TableIndex, type QueryRunner, type TableColumnOptions } from 'typeorm';

export const c = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
  int: (name: string, nullable = false, dflt?: number): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable, ...(dflt === undefined ? {} : { default: dflt }) }),
  instant: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable }),
  day: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '10', isNullable: nullable }),
  str: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
  /** Long text: MEDIUMTEXT on MySQL (TEXT stops at 64 KB), TEXT on SQLite. */
  text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  json: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  bool: (name: string): TableColumnOptions => ({ name, type: 'boolean', isNullable: false, default: false }),
};

export interface IndexSpec {
  columns: string[];
  unique?: boolean;
  name?: string;
}

/** Creates a table (utf8mb4 on MySQL, for names, emoji and rare characters) with its indices. */
export async function createTable(qr: QueryRunner, name: string, columns: TableColumnOptions[], indices: IndexSpec[] = []): Promise<void> {
  const mysql = qr.connection.options.type === 'mysql' || qr.connection.options.type === 'mariadb';
  const cols = columns.map((col) => (mysql && col.type === 'text' ? { ...col, type: 'mediumtext' } : col));
  await qr.createTable(new Table({ name, columns: cols, ...(mysql ? { engine: 'InnoDB' } : {}) }), false);
  if (mysql) {
    await qr.query(`ALTER TABLE \`${name}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  for (const ix of indices) {
    await qr.createIndex(
      name,
      new TableIndex({ name: ix.name ?? `${ix.unique ? 'uq' : 'ix'}_${name}_${ix.columns.join('_')}`.slice(0, 60), columnNames: ix.columns, isUnique: !!ix.unique }),
    );
  }
}
