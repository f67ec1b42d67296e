/**
 * `npx shouwang import households|staff|regions <file> [--by <UserID>]`: runs an import, prints
 * the report and writes it beside the file. Exit code 0 when every row was imported, 3 when some
 * rows were refused (the others are imported), 1 when the file could not be read at all.
 *
 * Order for a new city: regions, then staff, then households (联系干部 refers to staff).
 */
import { existsSync } from 'node:fs';
import { openDatabase } from '../../persistence/data-source.js';
import { importHouseholds, type ImportOptions, type ImportResult } from './households.js';
import { importRegions } from './regions.js';
import { importStaff } from './staff.js';
import { tableFormat, TableReadError } from './table-reader.js';

export const IMPORT_USAGE = 'import households|staff|regions <文件.xlsx|文件.csv> [--by 企业微信账号]';

const IMPORTERS = { households: importHouseholds, staff: importStaff, regions: importRegions } as const;
export type ImportKind = keyof typeof IMPORTERS;

export interface ImportCommandEnv {
  databaseUrl: string;
  now: () => number;
  tz: string;
  out: (line: string) => void;
}

/** Runs `import <kind> <file>`; returns the process exit code. */
export async function runImportCommand(args: readonly string[], env: ImportCommandEnv): Promise<number> {
  const [kind, file, ...rest] = args;
  if (!kind || !(kind in IMPORTERS) || !file) {
    env.out(`用法：npx shouwang ${IMPORT_USAGE}`);
    return 2;
  }
  if (!existsSync(file)) {
    env.out(`找不到文件：${file}`);
    return 1;
  }
  try {
    tableFormat(file);
  } catch (err) {
    if (!(err instanceof TableReadError)) throw err;
    env.out(`无法导入：${err.message}`);
    return 1;
  }
  const by = rest[0] === '--by' && rest[1] ? rest[1] : 'import';
  const db = await openDatabase(env.databaseUrl);
  try {
    const opts: ImportOptions = { now: env.now(), actor: by, tz: env.tz };
    const result: ImportResult<unknown> = await IMPORTERS[kind as ImportKind](db, file, opts);
    env.out(result.report.format(result.summary));
    return result.report.problemCount === 0 ? 0 : 3;
  } catch (err) {
    if (err instanceof TableReadError) {
      env.out(`无法导入：${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await db.destroy();
  }
}
