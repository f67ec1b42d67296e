/** The farmer part of the flows' read port, for one actor. */
import type { Actor } from '../../flows/types.js';
import type { FarmerData } from '../../flows/farmer/data.js';
import type { Database } from '../../persistence/db.js';

export function farmerData(_db: Database, _actor: Actor): FarmerData {
  return {};
}
