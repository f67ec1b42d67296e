/**
 * `import regions <file>`: a county's hierarchy, one row per path (市 / 镇街 / 行政村 / 网格, each
 * with name, code and aliases). A node named on several rows is one node (its aliases merged).
 * Bad nodes are reported with the row that named them and left out with everything below them;
 * the rest is checked as one tree and saved in one transaction. A file without the 网格 columns
 * sets its city to three levels (no grids).
 *
 * @example
 *   const { counts } = await importRegions(db, 'regions.csv', { now: Date.now(), actor: 'import' });
 */
import { basename } from 'node:path';
import { LEVEL_LABEL, LEVELS_WITHOUT_GRID, regionProblemText } from '../../domain/hierarchy.js';
import { toHalfWidth } from '../../domain/id-number.js';
import type { Level } from '../../domain/roles.js';
import type { Region } from '../../domain/types.js';
import { transaction, type Database } from '../../persistence/db.js';
import { RegionTreeError, saveRegions } from '../../persistence/regions.js';
import { REGION_COLUMNS, type Keys } from './columns.js';
import type { ImportOptions, ImportResult } from './households.js';
import { readRecords, type ImportRecord } from './records.js';
import { ImportReport, type RowProblem } from './report.js';

type Key = Keys<typeof REGION_COLUMNS>;

export interface RegionImportCounts {
  rows: number;
  rowsRejected: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

const LEVEL_KEYS: ReadonlyArray<readonly [Level, Key, Key, Key]> = [
  ['city', 'city', 'cityCode', 'cityAliases'],
  ['town', 'town', 'townCode', 'townAliases'],
  ['village', 'village', 'villageCode', 'villageAliases'],
  ['grid', 'grid', 'gridCode', 'gridAliases'],
];

const splitAliases = (s: string) => toHalfWidth(s).split(/[、,;；\s]+/).map((a) => a.trim()).filter((a) => a !== '');

interface Node {
  region: Region;
  row: number;
}

export async function importRegions(db: Database, file: string, opts: ImportOptions): Promise<ImportResult<RegionImportCounts>> {
  const report = await ImportReport.open(file, opts);
  try {
    const counts: RegionImportCounts = { rows: 0, rowsRejected: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const nodes = new Map<string, Node>();
    const problems: RowProblem[] = [];
    let hasGridColumn = false;
    for await (const rec of readRecords(file, REGION_COLUMNS, report.listUnknownColumns)) {
      counts.rows++;
      hasGridColumn = rec.has('grid') || rec.has('gridCode');
      const rowProblems = readPath(rec, nodes);
      if (rowProblems.length > 0) {
        counts.rowsRejected++;
        problems.push({ row: rec.row, message: rowProblems.join('；') });
      }
    }
    if (!hasGridColumn) for (const n of nodes.values()) if (n.region.level === 'city') n.region.levels = [...LEVELS_WITHOUT_GRID];
    const meta = { actor: opts.actor, at: opts.now, reason: `导入区划 ${basename(file)}` };
    // Leave out what breaks the tree (and everything below it) until the rest holds together.
    for (;;) {
      try {
        const r = await transaction(db, (tx) => saveRegions(tx, [...nodes.values()].map((n) => n.region), meta));
        Object.assign(counts, { created: r.created, updated: r.updated, unchanged: r.unchanged });
        break;
      } catch (err) {
        if (!(err instanceof RegionTreeError)) throw err;
        for (const p of err.problems) {
          const n = nodes.get(p.region);
          if (!n) continue;
          problems.push({ row: n.row, key: p.region, message: `${regionProblemText(p)}，该区划及其下级未导入` });
          counts.rejected += dropWithDescendants(nodes, p.region);
        }
      }
    }
    await report.add(problems);
    const summary = [
      `导入区划：${basename(file)}`,
      `读取 ${counts.rows} 行；区划：新增 ${counts.created}，更新 ${counts.updated}，无变化 ${counts.unchanged}，未导入 ${counts.rejected}`,
    ];
    return { counts, report, summary };
  } finally {
    await report.close();
  }
}

/** Reads the nodes named on one row into `nodes`; returns the row's problems (its nodes are then not added). */
function readPath(rec: ImportRecord<Key>, nodes: Map<string, Node>): string[] {
  const problems: string[] = [];
  const path: Region[] = [];
  let gap: Level | null = null;
  for (const [level, nameKey, codeKey, aliasKey] of LEVEL_KEYS) {
    const name = rec.get(nameKey).trim();
    const code = toHalfWidth(rec.get(codeKey)).trim();
    if (name === '' && code === '') {
      gap ??= level;
      continue;
    }
    if (gap) problems.push(`填了${LEVEL_LABEL[level]}却没有填${LEVEL_LABEL[gap]}`);
    if (name === '') problems.push(`${LEVEL_LABEL[level]}代码 ${code} 缺少名称`);
    if (code === '') problems.push(`${LEVEL_LABEL[level]}「${name}」缺少代码`);
    const parent = path[path.length - 1];
    path.push({ code, name, level, parentCode: parent ? parent.code : null, aliases: splitAliases(rec.get(aliasKey)) });
  }
  for (const r of path) {
    const known = nodes.get(r.code)?.region;
    if (known && (known.name !== r.name || known.parentCode !== r.parentCode || known.level !== r.level)) {
      problems.push(`代码 ${r.code} 在第 ${nodes.get(r.code)?.row} 行是「${known.name}」，此处是「${r.name}」（或上级不同）`);
    }
  }
  if (problems.length > 0) return problems;
  for (const r of path) {
    const known = nodes.get(r.code);
    if (known) known.region.aliases = [...new Set([...known.region.aliases, ...r.aliases])];
    else nodes.set(r.code, { region: r, row: rec.row });
  }
  return [];
}

function dropWithDescendants(nodes: Map<string, Node>, code: string): number {
  if (!nodes.delete(code)) return 0;
  let n = 1;
  for (const [c, node] of [...nodes]) if (node.region.parentCode === code) n += dropWithDescendants(nodes, c);
  return n;
}
