import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { RosterStaffDirectory } from '../../../src/bot/dispatch/roster.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { transaction } from '../../../src/persistence/db.js';

describeEachDatabase('the staff roster as the dispatcher sees it', (db) => {
  it('finds active staff by UserID, and nobody else', async () => {
    await transaction(db.ds(), (tx) =>
      saveStaff(
        tx,
        [
          { userId: 'wangwu', name: '王五', phone: '13800000001', role: 'grid_worker', jurisdiction: { level: 'village', code: '610821101201' }, active: true },
          { userId: 'left', name: '赵六', phone: null, role: 'village_cadre', jurisdiction: { level: 'village', code: '610821101201' }, active: false },
        ],
        { actor: 'import', at: 1_700_000_000_000, reason: '测试' },
      ),
    );
    const roster = new RosterStaffDirectory(db.ds());
    expect(await roster.find('wangwu')).toEqual({ userId: 'wangwu', name: '王五', role: 'grid_worker', jurisdiction: { level: 'village', code: '610821101201' } });
    expect(await roster.find('left')).toBeNull();
    expect(await roster.find('nobody')).toBeNull();
  });
});
