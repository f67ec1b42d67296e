/**
 * Column conventions shared by every schema and migration, so SQLite and MariaDB/MySQL agree:
 * - instants are epoch milliseconds in a BIGINT (no time-zone conversion anywhere in the driver);
 * - calendar days are 'YYYY-MM-DD' strings (Asia/Shanghai days, decided by the domain);
 * - structured values are JSON text (`simple-json`);
 * - ids are auto-increment integers.
 */
import type { EntitySchemaColumnOptions, ValueTransformer } from 'typeorm';

/** MySQL returns BIGINT as a string; every instant we store fits in a JS number. */
export const bigintNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};

export const col = {
  id: (): EntitySchemaColumnOptions => ({ type: 'integer', primary: true, generated: 'increment' }),
  int: (nullable = false): EntitySchemaColumnOptions => ({ type: 'integer', nullable }),
  /** An instant, epoch ms. */
  instant: (nullable = false): EntitySchemaColumnOptions => ({ type: 'bigint', nullable, transformer: bigintNumber }),
  /** A calendar day 'YYYY-MM-DD'. */
  day: (nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length: 10, nullable }),
  str: (length: number, nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length, nullable }),
  text: (nullable = false): EntitySchemaColumnOptions => ({ type: 'text', nullable }),
  json: (nullable = false): EntitySchemaColumnOptions => ({ type: 'simple-json', nullable }),
  bool: (): EntitySchemaColumnOptions => ({ type: 'boolean', default: false }),
  money: (nullable = true): EntitySchemaColumnOptions => ({ type: 'integer', nullable }),
};
