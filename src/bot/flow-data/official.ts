/** The official part of the flows' read port, for one actor. */
import type { Actor } from '../../flows/types.js';
import type { OfficialData } from '../../flows/official/data.js';
import type { Database } from '../../persistence/db.js';

export function officialData(_db: Database, _actor: Actor): OfficialData {
  return {};
}
