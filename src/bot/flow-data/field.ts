/** The field part of the flows' read port, for one actor. */
import type { Actor } from '../../flows/types.js';
import type { FieldData } from '../../flows/field/data.js';
import type { Database } from '../../persistence/db.js';

export function fieldData(_db: Database, _actor: Actor): FieldData {
  return {};
}
