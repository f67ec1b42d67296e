/**
 * The DataSource for the TypeORM CLI, for looking at the schema by hand (a development tool: the
 * bot itself migrates with `npx shouwang migrate`, under a database lock). For example:
 *
 *   DATABASE_URL=mysql://user:pass@host:3306/shouwang node --import tsx node_modules/typeorm/cli.js migration:show -d ormconfig.ts
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/persistence/data-source.js';

export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'sqlite:data/shouwang.sqlite'));
