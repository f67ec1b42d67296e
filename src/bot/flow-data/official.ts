/**
 * The official part of the flows' read port, for one actor.
 *
 * Interim: the registers (regions, households, staff, campaign calendar) are not on this branch
 * yet, so no place is known and every question is answered “not found”. Replaced by the
 * register-backed port when they land.
 */
import type { Actor } from '../../flows/types.js';
import type { OfficialData } from '../../flows/official/data.js';
import type { Database } from '../../persistence/db.js';

export function officialData(_db: Database, _actor: Actor): OfficialData {
  const none = async () => ({ ok: false as const, reason: 'not_found' as const });
  return {
    officialMap: async () => ({ regions: [], home: null }),
    progress: none,
    reporting: none,
    overdueLeads: none,
    supervision: none,
    exportForm: none,
    chart: none,
    weeklyReport: none,
    villageWeek: none,
  };
}
