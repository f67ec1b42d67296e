/**
 * The staff roster as the dispatcher's `StaffDirectory`: an app sender is staff when an active
 * row of the `staff` table (imported with `npx shouwang import staff`) has their UserID.
 */
import type { StaffActor } from '../../flows/types.js';
import { autocommit, type Database } from '../../persistence/db.js';
import { getStaff } from '../../persistence/staff.js';
import type { StaffDirectory } from './ports.js';

export class RosterStaffDirectory implements StaffDirectory {
  constructor(private readonly db: Database) {}

  async find(userId: string): Promise<StaffActor | null> {
    const s = await getStaff(autocommit(this.db), userId);
    if (!s || !s.active) return null;
    return { userId: s.userId, name: s.name, role: s.role, jurisdiction: s.jurisdiction };
  }
}
