/**
 * The region register. `saveRegions` checks the whole resulting tree (what is stored plus what
 * comes in) with the domain rules before writing anything; nodes are matched by code, changes of
 * name, aliases or parent are updates with history. Nothing is deleted.
 *
 * @example
 *   await saveRegions(tx, regionsFromFile, { actor: 'import', at: now, reason: '导入区划 regions.csv' });
 *   const tree = await loadRegionTree(tx);
 */
import { buildRegionTree, type RegionProblem, type RegionTree } from '../domain/hierarchy.js';
import type { Region } from '../domain/types.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { recordHistories, type ChangeMeta, type HistoryEntry } from './history.js';
import { RegionSchema, type RegionRow } from './schemas/regions.js';
import { cached, markChanged } from './table-cache.js';

/** The stored regions would not form a valid tree. */
export class RegionTreeError extends Error {
  constructor(readonly problems: RegionProblem[]) {
    super(`REGION.INVALID_TREE: ${problems.map((p) => p.code).join(', ')}`);
    this.name = 'RegionTreeError';
  }
}

function toRegion(r: RegionRow): Region {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, aliases: r.aliases ?? [], ...(r.levels ? { levels: r.levels as Region['levels'] } : {}) };
}

/** Every stored region, in the order they were first stored. */
export async function loadRegions(tx: Tx): Promise<Region[]> {
  const rows = await em(tx).getRepository(RegionSchema).find({ order: { id: 'ASC' } });
  return rows.map(toRegion);
}

/** The stored hierarchy as a tree (an empty tree when nothing is stored); kept until the table changes (table-cache.ts). */
export async function loadRegionTree(tx: Tx): Promise<RegionTree> {
  return cached(tx, 'regions', 'tree', async () => {
    const built = buildRegionTree(await loadRegions(tx));
    if (!built.ok) throw new RegionTreeError(built.problems);
    return built.tree;
  });
}

export interface SaveRegionsResult {
  created: number;
  updated: number;
  unchanged: number;
}

const snapshot = (r: Region) => ({ name: r.name, level: r.level, parentCode: r.parentCode, aliases: r.aliases, levels: r.levels ?? null });

/** Adds or updates regions by code; throws RegionTreeError (nothing written) if the result is not a valid tree. */
export async function saveRegions(tx: Tx, incoming: readonly Region[], meta: ChangeMeta): Promise<SaveRegionsResult> {
  const stored = await loadRegions(tx);
  const merged = new Map(stored.map((r) => [r.code, r]));
  for (const r of incoming) merged.set(r.code, { ...r, aliases: [...new Set(r.aliases.map((a) => a.trim()).filter((a) => a !== ''))] });
  const built = buildRegionTree([...merged.values()]);
  if (!built.ok) throw new RegionTreeError(built.problems);

  const repo = em(tx).getRepository(RegionSchema);
  markChanged('regions');
  const before = new Map(stored.map((r) => [r.code, r]));
  const history: HistoryEntry[] = [];
  const result: SaveRegionsResult = { created: 0, updated: 0, unchanged: 0 };
  const seen = new Set<string>();
  for (const code of incoming.map((r) => r.code)) {
    if (seen.has(code)) continue;
    seen.add(code);
    const next = merged.get(code) as Region;
    const prev = before.get(code);
    if (!prev) {
      await repo.insert({ ...snapshot(next), code, levels: next.levels ?? null, createdAt: meta.at, updatedAt: meta.at });
      history.push({ ...meta, entity: 'region', entityId: code, before: null, after: snapshot(next) });
      result.created++;
    } else if (JSON.stringify(snapshot(prev)) !== JSON.stringify(snapshot(next))) {
      await repo.update({ code }, { ...snapshot(next), levels: next.levels ?? null, updatedAt: meta.at });
      history.push({ ...meta, entity: 'region', entityId: code, before: snapshot(prev), after: snapshot(next) });
      result.updated++;
    } else {
      result.unchanged++;
    }
  }
  await recordHistories(tx, history);
  return result;
}
