/**
 * Builds the flows' read port for one actor from the per-area parts.
 *
 * @example
 *   const data = createFlowData(db)(actor);   // handed to the flow as env.data
 */
import type { FlowData } from '../../flows/data.js';
import type { Actor } from '../../flows/types.js';
import type { Database } from '../../persistence/db.js';
import { farmerData } from './farmer.js';
import { fieldData } from './field.js';
import { officialData } from './official.js';

export function createFlowData(db: Database): (actor: Actor) => FlowData {
  return (actor) => ({ ...farmerData(db, actor), ...fieldData(db, actor), ...officialData(db, actor) });
}
