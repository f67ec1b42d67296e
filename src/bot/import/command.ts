/**
 * `npx shouwang import households|staff|regions|warnings|facts <file> [--by <UserID>] [--department <部门>]
 * [--report-dir <目录>] [--id-regions <区划代码表>]`: runs an import, prints the report and writes
 * the full report csv into the report folder (default: the working directory — never beside the
 * input). Exit code 0 when every row was imported, 3 when some rows were refused (the others are
 * imported), 1 when the file could not be read at all, 2 when the command is written wrong.
 *
 * `--id-regions` (households only) names a text or csv file of GB/T 2260 address codes, one
 * 6-digit code at the start of each line: ID numbers whose first six digits are not in it are
 * refused. Without it the address part of an ID number is not checked.
 *
 * Order for a new city: regions, then staff, then households (联系干部 refers to staff); warnings
 * and a department's facts list (`facts`, facts.ts) any time after (they find people in the
 * households). `--department` (warnings, facts) names the list's department by code or Chinese
 * name; for warnings, a `--by` who is 行业部门 staff imports as their own.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseDepartment } from '../../domain/staff.js';
import { openDatabase } from '../../persistence/data-source.js';
import { importFacts } from './facts.js';
import { importHouseholds, type ImportResult } from './households.js';
import { importRegions } from './regions.js';
import { importStaff } from './staff.js';
import { tableFormat, TableReadError } from './table-reader.js';
import { importWarnings, type WarningImportOptions } from './warnings.js';
import { warningImportDepartment } from './warnings-command.js';

export const IMPORT_USAGE =
  'import households|staff|regions|warnings|facts <文件.xlsx|文件.csv> [--by 企业微信账号] [--department 部门（warnings、facts）] [--report-dir 报告目录] [--id-regions 区划代码表（仅 households）]';

const IMPORTERS = { households: importHouseholds, staff: importStaff, regions: importRegions, warnings: importWarnings, facts: importFacts } as const;
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
  const misplaced = !flags.ok ? null : flags.department !== undefined && kind !== 'warnings' && kind !== 'facts' ? '--department 只用于 import warnings 和 import facts' : flags.idRegions !== undefined && kind !== 'households' ? '--id-regions 只用于 import households' : null;
  if (!flags.ok || misplaced) {
    env.out(flags.ok ? (misplaced as string) : flags.message);
    env.out(`用法：npx shouwang ${IMPORT_USAGE}`);
    return 2;
  }
  if (flags.reportDir !== undefined && !(existsSync(flags.reportDir) && statSync(flags.reportDir).isDirectory())) {
    env.out(`报告目录不存在：${flags.reportDir}`);
    return 2;
  }
  const regionCodes = flags.idRegions === undefined ? undefined : readRegionCodes(flags.idRegions);
  if (regionCodes !== undefined && !(regionCodes instanceof Set)) {
    env.out(regionCodes);
    return 2;
  }
  const by = flags.by ?? 'import';
  const db = await openDatabase(env.databaseUrl);
  try {
    const opts: WarningImportOptions = { now: env.now(), actor: by, tz: env.tz, ...(flags.reportDir ? { reportDir: flags.reportDir } : {}), ...(regionCodes ? { idRegionCodes: regionCodes } : {}) };
    if (kind === 'facts' && flags.department !== undefined) {
      const d = parseDepartment(flags.department);
      if (!d.ok) {
        env.out(d.message);
        return 2;
      }
      opts.department = d.value;
    }
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

const FLAGS = { '--by': 'by', '--department': 'department', '--report-dir': 'reportDir', '--id-regions': 'idRegions' } as const;
type Flags = Partial<Record<(typeof FLAGS)[keyof typeof FLAGS], string>>;

/** `--by`, `--department`, `--report-dir`, `--id-regions`, each with a value, in any order; anything else is a mistake. */
function readFlags(rest: readonly string[]): ({ ok: true } & Flags) | { ok: false; message: string } {
  const out: Flags = {};
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i] as string, rest[i + 1]];
    if (!(flag in FLAGS) || !value || value.startsWith('--')) return { ok: false, message: `无法识别的参数：${rest.slice(i).join(' ')}` };
    out[FLAGS[flag as keyof typeof FLAGS]] = value;
  }
  return { ok: true, ...out };
}

/** The 6-digit address codes at the start of each line of a code table; a message when there are none. */
function readRegionCodes(file: string): Set<string> | string {
  if (!existsSync(file)) return `找不到区划代码表：${file}`;
  const codes = new Set(readFileSync(file, 'utf8').split(/\r?\n/).map((l) => /^\uFEFF?\s*"?(\d{6})(?!\d)/.exec(l)?.[1]).filter((c): c is string => c !== undefined));
  return codes.size > 0 ? codes : `区划代码表 ${file} 中没有找到6位区划代码（每行以代码开头，如“610821,神木市”）`;
}
