/**
 * The domain commands of the official flows: kind → function(tx, command, ctx).
 *
 * - `official.confirmVillageWeek` { villageCode, week, figures }: a village cadre or screening-team
 *   member of that village confirms its figures for the report week (“本周上报”).
 * - `official.confirmTownWeek` { townCode, week, figures }: a town official of that town confirms
 *   the town's Friday report (“周报”).
 * Each appends a `weekly_confirmation` row with who (UserID and name), when, the inbound message
 * that caused it, and the 附件1 cells confirmed. The flows check the role and place first; the
 * handlers check again (a command is a write: it must never rest on the flow alone).
 *
 * @example
 *   await officialCommands['official.confirmVillageWeek'](tx, { kind: 'official.confirmVillageWeek',
 *     villageCode: '610821101201', week: '2022-W19', figures: ['是', 2, 3, 9] }, { actor, now, inboundId: 42 });
 */
import { POLICY, type Role } from '../../domain/roles.js';
import { recordConfirmation } from '../../persistence/weekly-reports.js';
import type { CommandContext } from '../dispatch/ports.js';
import { checkedHandlers, type KindsOf } from './define.js';

/** A command the actor may not perform, or with a malformed payload. */
export class OfficialCommandError extends Error {
  constructor(readonly code: 'OFFICIAL.NOT_ALLOWED' | 'OFFICIAL.BAD_COMMAND', message: string) {
    super(`${code}: ${message}`);
    this.name = 'OfficialCommandError';
  }
}

/** The confirming staff member: of one of `roles`, with exactly this place as jurisdiction. */
function confirmer(ctx: CommandContext, roles: readonly Role[], code: string): { userId: string; name: string } {
  const s = ctx.actor.staff;
  if (!s || !roles.includes(s.role) || s.jurisdiction.code !== code) throw new OfficialCommandError('OFFICIAL.NOT_ALLOWED', `${ctx.actor.sender.id} may not confirm ${code}`);
  return { userId: s.userId, name: s.name };
}

export const officialCommands = checkedHandlers<KindsOf<'official'>>({
  'official.confirmVillageWeek': async (tx, c, ctx) => {
    const who = confirmer(ctx, POLICY.confirm_village_week, c.villageCode);
    await recordConfirmation(tx, { level: 'village', regionCode: c.villageCode, week: c.week, confirmedBy: who.userId, confirmedByName: who.name, confirmedAt: ctx.now, inboundId: ctx.inboundId, figures: c.figures });
  },
  'official.confirmTownWeek': async (tx, c, ctx) => {
    const who = confirmer(ctx, POLICY.confirm_town_week, c.townCode);
    await recordConfirmation(tx, { level: 'town', regionCode: c.townCode, week: c.week, confirmedBy: who.userId, confirmedByName: who.name, confirmedAt: ctx.now, inboundId: ctx.inboundId, figures: c.figures });
  },}, (kind, issues) => new OfficialCommandError('OFFICIAL.BAD_COMMAND', `${kind}: ${issues}`));
