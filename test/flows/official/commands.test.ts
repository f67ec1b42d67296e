import { expect, it } from 'vitest';
import { officialCommands } from '../../../src/bot/commands/official.js';
import type { CommandContext } from '../../../src/bot/dispatch/ports.js';
import { transaction } from '../../../src/persistence/db.js';
import { confirmationHistory, latestConfirmations } from '../../../src/persistence/weekly-reports.js';
import { describeEachDatabase } from '../../helpers/db.js';
import { ACTORS, GJB, LSJ, T0, WEEK } from './fixtures.js';

const ctx = (actor: CommandContext['actor'], now = T0, inboundId = 7): CommandContext => ({ actor, now, inboundId });
const village = (figures: Array<string | number> = ['是', 2, 3, 9]) => ({ kind: 'official.confirmVillageWeek', villageCode: LSJ, week: WEEK, figures });

describeEachDatabase('official commands', (db) => {
  it('a village confirmation is stored with who, when, why and the figures; a second one corrects it', async () => {
    await transaction(db.ds(), (tx) => officialCommands['official.confirmVillageWeek']!(tx, village(), ctx(ACTORS.cadre)));
    await transaction(db.ds(), (tx) => officialCommands['official.confirmVillageWeek']!(tx, village(['是', 2, 4, 12]), ctx(ACTORS.team, T0 + 60_000, 8)));
    const latest = await transaction(db.ds(), (tx) => latestConfirmations(tx, WEEK, 'village', [LSJ, 'nowhere']));
    expect([...latest.keys()]).toEqual([LSJ]);
    expect(latest.get(LSJ)).toMatchObject({ confirmedBy: 'wuzu', confirmedByName: '吴组', confirmedAt: T0 + 60_000, inboundId: 8, figures: ['是', 2, 4, 12] });
    const trail = await transaction(db.ds(), (tx) => confirmationHistory(tx, 'village', LSJ));
    expect(trail.map((r) => [r.confirmedBy, r.inboundId])).toEqual([['liming', 7], ['wuzu', 8]]);
  });

  it('a town official confirms their town, for that week only', async () => {
    await transaction(db.ds(), (tx) => officialCommands['official.confirmTownWeek']!(tx, { kind: 'official.confirmTownWeek', townCode: GJB, week: WEEK, figures: ['1/2', 2] }, ctx(ACTORS.town)));
    expect((await transaction(db.ds(), (tx) => latestConfirmations(tx, WEEK, 'town', [GJB]))).get(GJB)).toMatchObject({ confirmedByName: '赵六', level: 'town' });
    expect((await transaction(db.ds(), (tx) => latestConfirmations(tx, '2022-W20', 'town', [GJB]))).size).toBe(0);
  });

  it.each([
    ['a town official for a village', 'official.confirmVillageWeek', village(), ACTORS.town, 'OFFICIAL.NOT_ALLOWED'],
    ['a cadre of another village', 'official.confirmVillageWeek', { ...village(), villageCode: '610821101202' }, ACTORS.cadre, 'OFFICIAL.NOT_ALLOWED'],
    ['another town', 'official.confirmTownWeek', { kind: 'official.confirmTownWeek', townCode: '610821102', week: WEEK, figures: [1] }, ACTORS.town, 'OFFICIAL.NOT_ALLOWED'],
    ['a farmer', 'official.confirmVillageWeek', village(), { sender: { channel: 'kf' as const, id: 'wm1' }, staff: null }, 'OFFICIAL.NOT_ALLOWED'],
    ['a malformed week', 'official.confirmVillageWeek', { ...village(), week: '19' }, ACTORS.cadre, 'OFFICIAL.BAD_COMMAND'],
    ['negative figures', 'official.confirmVillageWeek', village([-1]), ACTORS.cadre, 'OFFICIAL.BAD_COMMAND'],
  ])('refuses %s and writes nothing', async (_name, kind, command, actor, code) => {
    const before = await transaction(db.ds(), (tx) => confirmationHistory(tx, 'village', (command as { villageCode?: string }).villageCode ?? 'x'));
    await expect(transaction(db.ds(), (tx) => officialCommands[kind]!(tx, command as never, ctx(actor)))).rejects.toMatchObject({ code });
    const after = await transaction(db.ds(), (tx) => confirmationHistory(tx, 'village', (command as { villageCode?: string }).villageCode ?? 'x'));
    expect(after).toHaveLength(before.length);
  });
});
