/**
 * `npx shouwang import households|staff|regions|warnings <file> [--by <UserID>] [--department <部门>]`:
 * runs an import, prints the report and writes it beside the file. Exit code 0 when every row was
 * imported, 3 when some rows were refused (the others are imported), 1 when the file could not be
 * read at all, 2 when the command is written wrong.
 *
 * Order for a new city: regions, then staff, then households (联系干部 refers to staff); warnings
 * any time after (they find people in the households). `--department` (warnings only) names the
 * list's department by code or Chinese name; a `--by` who is 行业部门 staff imports as their own.
 */
import { existsSync } from 'node:fs';
import { openDatabase } from '../../persistence/data-source.js';
import { importHouseholds, type ImportResult } from './households.js';
import { importRegions } from './regions.js';
import { importStaff } from './staff.js';
import { tableFormat, TableReadError } from './table-reader.js';
import { importWarnings, type WarningImportOptions } from './warnings.js';
import { warningImportDepartment } from './warnings-command.js';

export const IMPORT_USAGE = 'import households|staff|regions|warnings <文件.xlsx|文件.csv> [--by 企业微信账号] [--department 部门（仅 warnings）]';

const IMPORTERS = { households: importHouseholds, staff: importStaff, regions: importRegions, warnings: importWarnings } as const;
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
  const flags = readFlags(rest);
  if (!flags.ok || (flags.department !== undefined && kind !== 'warnings')) {
    env.out(flags.ok ? '--department 只用于 import warnings' : flags.message);
    env.out(`用法：npx shouwang ${IMPORT_USAGE}`);
    return 2;
  }
  const by = flags.by ?? 'import';
  const db = await openDatabase(env.databaseUrl);
  try {
    const opts: WarningImportOptions = { now: env.now(), actor: by, tz: env.tz };
    if (kind === 'warnings') {
      const d = await warningImportDepartment(db, by, flags.department);
      if (!d.ok) {
        env.out(d.message);
        return 2;
      }
      opts.department = d.department;
      opts.onlyDepartment = d.only;
    }
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

/** `--by X` and `--department X`, in any order; anything else is a mistake. */
function readFlags(rest: readonly string[]): { ok: true; by?: string; department?: string } | { ok: false; message: string } {
  const out: { by?: string; department?: string } = {};
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if ((flag !== '--by' && flag !== '--department') || !value || value.startsWith('--')) return { ok: false, message: `无法识别的参数：${rest.slice(i).join(' ')}` };
    out[flag === '--by' ? 'by' : 'department'] = value;
  }
  return { ok: true, ...out };
}
