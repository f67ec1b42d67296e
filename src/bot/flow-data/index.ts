/**
 * Builds the flows' read port for one actor from the per-area parts. `media` fetches the files
 * people send (WeCom media/get); without it a file cannot be read.
 *
 * @example
 *   const data = createFlowData(db, { media: api })(actor);   // handed to the flow as env.data
 */
import type { FlowData } from '../../flows/data.js';
import type { Actor } from '../../flows/types.js';
import type { Database } from '../../persistence/db.js';
import type { WeComApi } from '../wecom/api-types.js';
import { caseworkData } from './casework.js';
import { departmentData } from './department.js';
import { farmerData } from './farmer.js';
import { fieldData } from './field.js';
import { officialData } from './official.js';

export function createFlowData(db: Database, opts: { media?: Pick<WeComApi, 'getMedia'> | null; tz?: string } = {}): (actor: Actor) => FlowData {
  return (actor) => ({ ...farmerData(db, actor), ...fieldData(db, actor), ...officialData(db, actor), ...departmentData(db, actor, { media: opts.media ?? null, tz: opts.tz }), ...caseworkData(db, actor, { media: opts.media ?? null }) });
}
