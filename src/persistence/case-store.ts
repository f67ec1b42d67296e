/**
 * Small shared pieces of the casework repositories: region filters, placement columns, and the
 * optimistic version check that keeps two transactions from overwriting each other's change.
 */
import type { EntitySchema, ObjectLiteral } from 'typeorm';
import { CaseError } from '../domain/case-faults.js';
import type { Level } from '../domain/roles.js';
import type { Placement } from '../domain/types.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import type { PlacementColumns } from './schemas/casework.js';

/** A region of the hierarchy: the level and its code. */
export interface RegionRef {
  level: Level;
  code: string;
}

export const REGION_COLUMN: Record<Level, keyof PlacementColumns> = { city: 'cityCode', town: 'townCode', village: 'villageCode', grid: 'gridCode' };

export const placementColumns = (p: Placement): PlacementColumns => ({ cityCode: p.cityCode, townCode: p.townCode, villageCode: p.villageCode, gridCode: p.gridCode });
export const placementOf = (r: PlacementColumns): Placement => ({ cityCode: r.cityCode, townCode: r.townCode, villageCode: r.villageCode, gridCode: r.gridCode });

/**
 * Updates one row only if nobody changed it since it was read (`version` unchanged), bumping the
 * version; otherwise throws CASE.CHANGED_MEANWHILE so the caller's transaction rolls back and the
 * change can be retried on fresh data.
 */
export async function updateVersioned<T extends ObjectLiteral & { version: number }>(tx: Tx, schema: EntitySchema<T>, id: number, version: number, values: Partial<T>): Promise<void> {
  const res = await em(tx)
    .createQueryBuilder()
    .update(schema)
    .set({ ...values, version: version + 1 } as never)
    .where('id = :id AND version = :version', { id, version })
    .execute();
  if (res.affected !== 1) throw new CaseError([{ code: 'CASE.CHANGED_MEANWHILE' }]);
}

export function notFound(what: string): CaseError {
  return new CaseError([{ code: 'CASE.NOT_FOUND', params: { what } }]);
}
