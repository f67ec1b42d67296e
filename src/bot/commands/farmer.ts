/**
 * The domain commands of the farmer flows: kind → function(tx, command, ctx). Each checks its
 * payload (zod) and who may do it, then writes through src/persistence/farmer.ts in the dispatch
 * transaction; `ctx` gives who (the actor), when (now) and why (the inbound row).
 *
 * - `farmer.remember_entry`: a farmer came in through a village poster (kf only);
 * - `farmer.declare`: 农户自主申报 → a risk lead (source 农户自主申报) and the declaration row (kf only);
 * - `farmer.request_binding`: a farmer asks to be bound to a household (kf only);
 * - `farmer.decide_binding`: a grid worker or village cadre whose jurisdiction covers the request
 *   confirms (with a household they may change) or refuses it (app staff only).
 */
import { z } from 'zod';
import { RISK_TYPE, type RiskType } from '../../domain/catalog.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { campaignOf, leadConfigOf } from '../flow-data/field-views.js';
import type { Role } from '../../domain/roles.js';
import { createBindingRequest, decideBindingRecord, recordDeclaration, rememberEntry } from '../../persistence/farmer.js';
import type { Command, CommandContext, CommandFn } from '../dispatch/ports.js';
import { decidableBinding, writableHousehold } from '../flow-data/farmer.js';

/** A command a flow sent that its sender may not give, or with a payload that does not fit. */
export class FarmerCommandError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
    this.name = 'FarmerCommandError';
  }
}

const placement = z.object({ cityCode: z.string().min(1), townCode: z.string().min(1), villageCode: z.string().min(1), gridCode: z.string().nullable() });
const worker = z.object({ userId: z.string(), name: z.string(), role: z.string() });
const risk = z.object({ riskType: z.enum(RISK_TYPE.codes as [RiskType, ...RiskType[]]), evidence: z.array(z.string()), disasterSubtype: z.string().optional(), remark: z.string().optional() });
const amount = z.object({ value: z.number(), text: z.string(), kind: z.string(), riskType: z.string().optional() });

const declareSchema = z.object({
  ref: z.string().min(1).max(32),
  name: z.string().min(1).max(64),
  idNumber: z.string().length(18).nullable(),
  idTail: z.string().min(4).max(6).nullable(),
  phone: z.string().max(20).nullable(),
  placement,
  householdId: z.number().int().nullable(),
  words: z.array(z.string()).min(1),
  risks: z.array(risk),
  amounts: z.array(amount),
  suddenHardship: z.boolean(),
  workers: z.array(worker),
  openKfId: z.string().nullable(),
});
const entrySchema = z.object({ villageCode: z.string().min(1).max(32), scene: z.string().max(64) });
const bindingSchema = z.object({
  ref: z.string().min(1).max(32),
  name: z.string().min(1).max(64),
  idNumber: z.string().length(18).nullable(),
  idTail: z.string().min(4).max(6),
  villageCode: z.string().min(1),
  householdId: z.number().int().nullable(),
  workers: z.array(worker),
  openKfId: z.string().nullable(),
});
const decisionSchema = z.object({ ref: z.string().min(1), decision: z.enum(['confirm', 'reject']), householdId: z.number().int().nullable(), reason: z.string() });

function parse<T>(schema: z.ZodType<T>, cmd: Command): T {
  const r = schema.safeParse(cmd);
  if (!r.success) throw new FarmerCommandError('FARMER.BAD_COMMAND', `${cmd.kind}: ${r.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return r.data;
}

/** The farmer behind a kf command (farmer commands come only from 微信客服). */
function farmerOf(ctx: CommandContext, kind: string): string {
  if (ctx.actor.sender.channel !== 'kf') throw new FarmerCommandError('FARMER.NOT_A_FARMER', kind);
  return ctx.actor.sender.id;
}

/** Who may decide a binding. */
export const BINDING_DECIDERS: readonly Role[] = ['grid_worker', 'village_cadre'];

export const farmerCommands: Record<string, CommandFn> = {
  'farmer.remember_entry': async (tx, cmd, ctx) => {
    const c = parse(entrySchema, cmd);
    await rememberEntry(tx, { externalUserId: farmerOf(ctx, cmd.kind), villageCode: c.villageCode, scene: c.scene, at: ctx.now });
  },
  'farmer.declare': async (tx, cmd, ctx) => {
    const c = parse(declareSchema, cmd);
    const id = farmerOf(ctx, cmd.kind);
    // The campaign's own identification limit (one source for every lead, however it was found).
    await recordDeclaration(tx, { ...c, externalUserId: id, inboundId: ctx.inboundId, actor: `kf:${id}`, at: ctx.now }, leadConfigOf(await campaignOf(tx, shanghaiDay(ctx.now))));
  },
  'farmer.request_binding': async (tx, cmd, ctx) => {
    const c = parse(bindingSchema, cmd);
    const id = farmerOf(ctx, cmd.kind);
    await createBindingRequest(
      tx,
      { ref: c.ref, externalUserId: id, openKfId: c.openKfId, name: c.name, idNumber: c.idNumber, idTail: c.idTail, villageCode: c.villageCode, matchedHouseholdId: c.householdId, requestedAt: ctx.now },
      { actor: `kf:${id}`, workers: c.workers, inboundId: ctx.inboundId },
    );
  },
  'farmer.decide_binding': async (tx, cmd, ctx) => {
    const c = parse(decisionSchema, cmd);
    const staff = ctx.actor.staff;
    if (ctx.actor.sender.channel !== 'app' || !staff || !BINDING_DECIDERS.includes(staff.role)) throw new FarmerCommandError('FARMER.NOT_A_DECIDER', cmd.kind);
    // The flow asked the read port already; the write checks again, inside its own transaction.
    if (!(await decidableBinding(tx, ctx.actor, c.ref))) throw new FarmerCommandError('FARMER.NOT_ALLOWED', `${cmd.kind} ${c.ref}`);
    if (c.decision === 'confirm' && c.householdId !== null && !(await writableHousehold(tx, ctx.actor, { id: c.householdId }))) {
      throw new FarmerCommandError('FARMER.NOT_ALLOWED', `${cmd.kind} ${c.ref}: household ${c.householdId}`);
    }
    const d = c.decision === 'confirm' ? { decision: 'confirm' as const, householdId: c.householdId, actor: staff.userId, at: ctx.now } : { decision: 'reject' as const, reason: c.reason, actor: staff.userId, at: ctx.now };
    await decideBindingRecord(tx, c.ref, d);
  },
};
