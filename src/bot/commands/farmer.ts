/**
 * The domain commands of the farmer flows: kind → function(tx, command, ctx). Each checks its
 * payload (zod) and who may do it, then writes through src/persistence/farmer.ts in the dispatch
 * transaction; `ctx` gives who (the actor), when (now) and why (the inbound row).
 *
 * - `farmer.remember_entry`: a farmer came in through a village poster (kf only);
 * - `farmer.declare`: 农户自主申报 → a risk lead (source 农户自主申报) and the declaration row (kf only);
 * - `farmer.request_binding`: a farmer asks to be bound to a household (kf only);
 * - `farmer.decide_binding`: a grid worker or village cadre whose jurisdiction covers the request
 *   confirms (with a household they may change) or refuses it (app staff only);
 * - `farmer.add_to_declaration`: a retelling joined to the farmer's own open declaration (kf only);
 * - `farmer.chase`: “没人来” about the farmer's own declaration, kept on it and its lead (kf only);
 * - `farmer.ask_person`: the farmer asked for a person, who was told (kf only);
 * - `farmer.unfinished`: a declaration left a day unfinished, handed to the grid worker (kf only).
 */
import { may } from '../../domain/roles.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { campaignOf, leadConfigOf } from '../flow-data/field-views.js';
import { createBindingRequest, decideBindingRecord, recordDeclaration, rememberEntry } from '../../persistence/farmer.js';
import { addToDeclaration, chaseDeclaration, recordFarmerContact } from '../../persistence/farmer-talk.js';
import type { CommandContext } from '../dispatch/ports.js';
import { decidableBinding, writableHousehold } from '../flow-data/farmer.js';
import { checkedHandlers, type KindsOf } from './define.js';

/** A command a flow sent that its sender may not give, or with a payload that does not fit. */
export class FarmerCommandError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
    this.name = 'FarmerCommandError';
  }
}

/** The farmer behind a kf command (farmer commands come only from 微信客服). */
function farmerOf(ctx: CommandContext, kind: string): string {
  if (ctx.actor.sender.channel !== 'kf') throw new FarmerCommandError('FARMER.NOT_A_FARMER', kind);
  return ctx.actor.sender.id;
}

export const farmerCommands = checkedHandlers<KindsOf<'farmer'>>({
  'farmer.remember_entry': async (tx, c, ctx) => {
    await rememberEntry(tx, { externalUserId: farmerOf(ctx, c.kind), villageCode: c.villageCode, scene: c.scene, at: ctx.now });
  },
  'farmer.declare': async (tx, { kind, ...c }, ctx) => {
    // The campaign's own identification limit; who declared is the kf sender the dispatcher vouches for (recorded as the lead origin's and the history's actor).
    const id = farmerOf(ctx, kind);
    await recordDeclaration(tx, { ...c, externalUserId: id, inboundId: ctx.inboundId, actor: `kf:${id}`, at: ctx.now }, leadConfigOf(await campaignOf(tx, shanghaiDay(ctx.now))));
  },
  'farmer.request_binding': async (tx, c, ctx) => {
    const id = farmerOf(ctx, c.kind);
    await createBindingRequest(
      tx,
      { ref: c.ref, externalUserId: id, openKfId: c.openKfId, name: c.name, idNumber: c.idNumber, idTail: c.idTail, villageCode: c.villageCode, matchedHouseholdId: c.householdId, requestedAt: ctx.now },
      { actor: `kf:${id}`, workers: c.workers, inboundId: ctx.inboundId },
    );
  },
  'farmer.add_to_declaration': async (tx, c, ctx) => {
    const id = farmerOf(ctx, c.kind);
    await addToDeclaration(tx, { ref: c.ref, words: c.words, risks: c.risks, amounts: c.amounts, assistance: c.assistance, externalUserId: id, actor: `kf:${id}`, at: ctx.now });
  },
  'farmer.chase': async (tx, c, ctx) => {
    const id = farmerOf(ctx, c.kind);
    await chaseDeclaration(tx, { ref: c.ref, words: c.words, externalUserId: id, actor: `kf:${id}`, at: ctx.now });
  },
  'farmer.ask_person': async (tx, c, ctx) => {
    const id = farmerOf(ctx, c.kind);
    await recordFarmerContact(tx, { kind: 'ask_person', externalUserId: id, villageCode: c.villageCode, words: [c.words], told: [], ask: c.ask, actor: `kf:${id}`, at: ctx.now });
  },
  'farmer.unfinished': async (tx, c, ctx) => {
    const id = farmerOf(ctx, c.kind);
    await recordFarmerContact(tx, { kind: 'unfinished', externalUserId: id, villageCode: c.villageCode, words: c.words, told: c.workers.map((w) => w.userId), name: c.name, actor: `kf:${id}`, at: ctx.now });
  },
  'farmer.decide_binding': async (tx, c, ctx) => {
    const staff = ctx.actor.staff;
    if (ctx.actor.sender.channel !== 'app' || !staff || !may(staff.role, 'decide_binding')) throw new FarmerCommandError('FARMER.NOT_A_DECIDER', c.kind);
    // The flow asked the read port already; the write checks again, inside its own transaction.
    if (!(await decidableBinding(tx, ctx.actor, c.ref))) throw new FarmerCommandError('FARMER.NOT_ALLOWED', `${c.kind} ${c.ref}`);
    if (c.decision === 'confirm' && c.householdId !== null && !(await writableHousehold(tx, ctx.actor, { id: c.householdId }))) {
      throw new FarmerCommandError('FARMER.NOT_ALLOWED', `${c.kind} ${c.ref}: household ${c.householdId}`);
    }
    const d = c.decision === 'confirm' ? { decision: 'confirm' as const, householdId: c.householdId, actor: staff.userId, at: ctx.now } : { decision: 'reject' as const, reason: c.reason, actor: staff.userId, at: ctx.now };
    await decideBindingRecord(tx, c.ref, d);
  },}, (kind, issues) => new FarmerCommandError('FARMER.BAD_COMMAND', `${kind}: ${issues}`));
