/** Every TypeORM EntitySchema of the application. Domain classes stay free of ORM decorators. */
import type { EntitySchema } from 'typeorm';
import { OutboxSchema } from './outbox.js';
import { caseworkSchemas } from './casework.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const schemas: Array<EntitySchema<any>> = [
  OutboxSchema,
  ...caseworkSchemas,
];
