/** The DataSource for the TypeORM CLI (e.g. `npx typeorm-ts-node-esm migration:show -d ormconfig.ts`). */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/persistence/data-source.js';

export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'sqlite:data/shouwang.sqlite'));
