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
import { resolveRegion } from '../../domain/region-names.js';
import type { Level } from '../../domain/roles.js';
import { transaction, type Database } from '../../persistence/db.js';
import { openDatabase } from '../../persistence/data-source.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { buildFormFile, gatherForm, type PrintedForm } from './files.js';
import { campaignOn } from './sources.js';

export const EXPORT_USAGE = '用法：npx shouwang export <附件1–附件6> --scope <city|town|village> [--place <名称或代码>] [--week YYYY-Www] --out <文件.xlsx>';

export interface ExportDeps {
  /** An open database, or the URL to open one (the command line). */
  db?: Database;
  databaseUrl?: string;
  now: () => number;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Reads the form's name as people write it; null when it is not one of the six. */
export function formArg(s: string | undefined): PrintedForm | null {
  const m = /^(?:附件|form|attachment)?\s*([1-6一二三四五六])$/i.exec((s ?? '').trim());
  if (!m) return null;
  const n = '一二三四五六'.includes(m[1] as string) ? '一二三四五六'.indexOf(m[1] as string) + 1 : Number(m[1]);
  return `attachment${n}` as PrintedForm;
}

function options(args: string[]): { positional: string[]; flags: Map<string, string> } | string {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) return `--${name} 后面缺少值`;
    flags.set(name, value);
  }
  return { positional, flags };
}

/** Runs the command; returns the process exit code (0 done, 2 bad arguments, 1 failed). */
export async function runExportCommand(args: string[], deps: ExportDeps): Promise<number> {
  const parsed = options(args);
  if (typeof parsed === 'string') return fail(deps, parsed);
  const form = formArg(parsed.positional[0]);
  if (!form) return fail(deps, `不认识的表“${parsed.positional[0] ?? ''}”，可填 附件1 到 附件6`);
  const [level, inlinePlace] = (parsed.flags.get('scope') ?? '').split(':', 2) as [string, string | undefined];
  if (!['city', 'town', 'village'].includes(level)) return fail(deps, '--scope 须为 city、town 或 village');
  const out = parsed.flags.get('out');
  if (!out || !/\.xlsx$/i.test(out)) return fail(deps, '--out 须为 .xlsx 文件');
  const week = parsed.flags.get('week');
  if (week !== undefined && !mondayOfIsoWeek(week)) return fail(deps, `--week 须为“2022-W19”这样的周（收到“${week}”）`);
  const placeText = inlinePlace ?? parsed.flags.get('place');

  const db = deps.db ?? (await openDatabase(deps.databaseUrl ?? ''));
  try {
    const inputs = await transaction(db, async (tx) => {
      const tree = await loadRegionTree(tx);
      const candidates = [...tree.byCode.values()].filter((r) => r.level === level);
      let code: string;
      if (placeText) {
        const found = tree.byCode.get(placeText)?.level === level ? { status: 'found' as const, region: tree.byCode.get(placeText)! } : resolveRegion(tree, placeText, { level: level as Level });
        if (found.status === 'ambiguous') return `“${placeText}”有${found.candidates.length}个：${found.candidates.map((c) => `${c.name}（${c.code}）`).join('、')}，请写全名或代码`;
        if (found.status === 'not_found') return `没有找到${level === 'town' ? '镇街' : level === 'village' ? '村' : '市'}“${placeText}”`;
        code = found.region.code;
      } else if (candidates.length === 1) code = (candidates[0] as { code: string }).code;
      else return candidates.length === 0 ? '还没有导入区划（npx shouwang import regions <文件>）' : `请用 --place 指明是哪个${level === 'town' ? '镇街' : level === 'village' ? '村' : '市'}`;
      const today = dayOf(deps.now());
      let reportDay = today;
      if (week) {
        const monday = mondayOfIsoWeek(week) as string;
        reportDay = addDays(monday, (await campaignOn(tx, monday)).weekly.reportDeadline.weekday - 1);
      }
      return gatherForm(tx, tree, form, code, reportDay);
    });
    if (typeof inputs === 'string') return fail(deps, inputs);
    const file = await buildFormFile(inputs);
    await writeFile(out, file.content);
    deps.out(`已导出${form.replace('attachment', '附件')}（${inputs.pr.place.label}，截至${inputs.pr.window.to}）：${out}`);
    return 0;
  } finally {
    if (!deps.db) await db.destroy();
  }
}

function fail(deps: ExportDeps, message: string): number {
  deps.err(`${message}\n${EXPORT_USAGE}`);
  return 2;
}
