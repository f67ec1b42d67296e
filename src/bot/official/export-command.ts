/**
 * `npx shouwang export <表> --scope <city|town|village> [--place <名称或代码>] [--week YYYY-Www] --out <文件.xlsx>`:
 * the same workbook as the chat's “导出附件1”, from the same call (files.ts → sources.ts).
 *
 * - <表>: 附件1…附件6, form1…form6, attachment1…attachment6 or 1…6.
 * - --scope city: the city (the only one stored, or the one --place names); town / village need
 *   --place (a name as people type it, an alias, or a code), or `--scope town:高家堡镇`.
 * - --week: the ISO week whose Friday report is wanted (the report day is that week's report
 *   deadline day, Friday in the seed); default: today.
 * Phones in the ledgers are masked, as in the chat.
 *
 * @example
 *   npx shouwang export 附件1 --scope town --place 高家堡 --week 2022-W19 --out 高家堡镇附件1.xlsx
 *   // 已导出附件1（高家堡镇，截至2022-05-13）：高家堡镇附件1.xlsx
 */
import { writeFile } from 'node:fs/promises';
import { addDays, dayOf, mondayOfIsoWeek } from '../../domain/calendar.js';
import { transaction } from '../../persistence/db.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { parseOptions, placeCode, scopeArg, withDatabase, type CommandDeps, type OptionSpec } from '../cli-args.js';
import { buildFormFile, gatherForm, type PrintedForm } from './files.js';
import { campaignOn } from './sources.js';

export const EXPORT_USAGE = '用法：npx shouwang export <附件1–附件6> --scope <city|town|village> [--place <名称或代码>] [--week YYYY-Www] --out <文件.xlsx>';

export type ExportDeps = CommandDeps;

export const EXPORT_OPTIONS: OptionSpec = { values: ['scope', 'place', 'week', 'out'], positionals: 1 };

/** Reads the form's name as people write it; null when it is not one of the six. */
export function formArg(s: string | undefined): PrintedForm | null {
  const m = /^(?:附件|form|attachment)?\s*([1-6一二三四五六])$/i.exec((s ?? '').trim());
  if (!m) return null;
  const n = '一二三四五六'.includes(m[1] as string) ? '一二三四五六'.indexOf(m[1] as string) + 1 : Number(m[1]);
  return `attachment${n}` as PrintedForm;
}

/** Runs the command; returns the process exit code (0 done, 2 bad arguments, 1 failed). */
export async function runExportCommand(args: string[], deps: ExportDeps): Promise<number> {
  const parsed = parseOptions(args, EXPORT_OPTIONS);
  if (typeof parsed === 'string') return fail(deps, parsed);
  const form = formArg(parsed.positional[0]);
  if (!form) return fail(deps, `不认识的表“${parsed.positional[0] ?? ''}”，可填 附件1 到 附件6`);
  const scope = scopeArg(parsed);
  if (!scope.ok) return fail(deps, scope.message);
  const out = parsed.flags.get('out');
  if (!out || !/\.xlsx$/i.test(out)) return fail(deps, '--out 须为 .xlsx 文件');
  const week = parsed.flags.get('week');
  if (week !== undefined && !mondayOfIsoWeek(week)) return fail(deps, `--week 须为“2022-W19”这样的周（收到“${week}”）`);

  return withDatabase(deps, async (db) => {
    const inputs = await transaction(db, async (tx) => {
      const tree = await loadRegionTree(tx);
      const place = placeCode(tree, scope.level, scope.placeText);
      if (!place.ok) return place.message;
      const today = dayOf(deps.now());
      let reportDay = today;
      if (week) {
        const monday = mondayOfIsoWeek(week) as string;
        reportDay = addDays(monday, (await campaignOn(tx, monday)).weekly.reportDeadline.weekday - 1);
      }
      return gatherForm(tx, tree, form, place.code, reportDay);
    });
    if (typeof inputs === 'string') return fail(deps, inputs);
    const file = await buildFormFile(inputs);
    await writeFile(out, file.content);
    deps.out(`已导出${form.replace('attachment', '附件')}（${inputs.pr.place.label}，截至${inputs.pr.window.to}）：${out}`);
    return 0;
  });
}

function fail(deps: ExportDeps, message: string): number {
  deps.err(`${message}\n${EXPORT_USAGE}`);
  return 2;
}
