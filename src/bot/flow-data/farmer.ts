/**
 * The farmer part of the flows' read port, for one actor. A farmer (微信客服) reads only their own
 * declarations and binding; a staff member reads binding requests of their own area.
 */
import { addDays, shanghaiDay } from '../../domain/shanghai-days.js';
import { DEFAULT_LEAD_CONFIG, type Lead } from '../../domain/lead.js';
import type { Actor } from '../../flows/types.js';
import type { CaseWorker, DeclarationProgress, DeclarationStage, FarmerData } from '../../flows/farmer/data.js';
import { transaction, type Database, type Tx } from '../../persistence/db.js';
import { boundHouseholdOf, declarationsOf } from '../../persistence/farmer.js';
import { getLead } from '../../persistence/leads.js';
import type { FarmerDeclarationRow } from '../../persistence/schemas/farmer.js';

/** Settings of the farmers' answers (configuration, not code). */
export interface FarmerSettings {
  visitWithinDays: number;
  deadlineDays: number;
}

export const DEFAULT_FARMER_SETTINGS: FarmerSettings = { visitWithinDays: 3, deadlineDays: DEFAULT_LEAD_CONFIG.deadlineDays };

/** The lead a declaration ended up in (a merged lead points to the one that absorbed it). */
async function finalLead(tx: Tx, id: number): Promise<Lead | null> {
  let lead = await getLead(tx, id);
  for (let hops = 0; lead?.status === 'merged' && lead.mergedIntoId !== null && hops < 5; hops++) lead = await getLead(tx, lead.mergedIntoId);
  return lead;
}

function stageOf(lead: Lead): DeclarationStage {
  const o = lead.outcome;
  if (o?.decision === 'include') return { kind: 'included', category: o.category, day: o.day };
  if (o?.decision === 'exclude') return { kind: 'not_included', reason: o.reason, day: o.day };
  const last = lead.steps[lead.steps.length - 1];
  return last ? { kind: 'step', step: last.step, day: last.day } : { kind: 'received' };
}

/**
 * What a farmer may see of one of their declarations. The lead's progress is shown when the
 * declaration opened it, or when the farmer is bound to its household; a declaration that joined
 * another household's open lead shows only "received" (that lead is not the farmer's to follow).
 */
async function progressOf(tx: Tx, row: FarmerDeclarationRow, boundHouseholdId: number | null, s: FarmerSettings): Promise<DeclarationProgress> {
  const lead = await finalLead(tx, row.leadId);
  const declaredOn = shanghaiDay(row.createdAt);
  const visible = !!lead && ((row.leadKind === 'opened' && lead.id === row.leadId) || (boundHouseholdId !== null && lead.householdId === boundHouseholdId));
  const workers = row.workers as CaseWorker[];
  const handler = workers.find((w) => w.role === 'grid_worker') ?? workers[0] ?? null;
  return {
    ref: row.ref,
    declaredOn,
    villageCode: row.villageCode,
    riskTypes: (row.risks as Array<{ riskType: DeclarationProgress['riskTypes'][number] }>).map((r) => r.riskType),
    declarantName: row.declarantName,
    stage: visible && lead ? stageOf(lead) : { kind: 'received' },
    deadline: visible && lead ? lead.deadline : addDays(declaredOn, s.deadlineDays),
    handler: handler ? { name: handler.name, role: handler.role } : null,
  };
}

export function farmerData(db: Database, actor: Actor, settings: FarmerSettings = DEFAULT_FARMER_SETTINGS): FarmerData {
  const farmerId = actor.sender.channel === 'kf' ? actor.sender.id : null;
  const notWired = (what: string) => async (): Promise<never> => {
    throw new Error(`${what}: the registers are not wired yet`);
  };
  return {
    farmerPlaces: notWired('farmerPlaces'),
    farmerProfile: notWired('farmerProfile'),
    routeFarmerCase: notWired('routeFarmerCase'),
    householdForStaff: notWired('householdForStaff'),
    bindingForStaff: notWired('bindingForStaff'),
    async myDeclarations() {
      if (!farmerId) return [];
      return transaction(db, async (tx) => {
        const bound = await boundHouseholdOf(tx, farmerId);
        const rows = await declarationsOf(tx, farmerId);
        const out: DeclarationProgress[] = [];
        for (const row of rows) out.push(await progressOf(tx, row, bound?.householdId ?? null, settings));
        return out;
      });
    },
    async farmerPolicyFacts() {
      return { lines: [], visitWithinDays: settings.visitWithinDays, deadlineDays: settings.deadlineDays };
    },
  };
}
