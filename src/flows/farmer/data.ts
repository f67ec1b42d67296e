/**
 * What the farmer flows read, through `env.data` (implemented in src/bot/flow-data/farmer.ts).
 * Every method answers only within the asking actor's jurisdiction (the port is built per actor):
 * a farmer (微信客服) reads their own declarations, their own binding and the public place names;
 * a staff member reads the binding requests of their own area.
 *
 * Routing answers (`routeFarmerCase`) are for the flow to address notices; whether a household
 * matched is never told to the farmer (a person outside a household's jurisdiction learns nothing
 * about it, not even whether it exists).
 *
 * @example
 *   const route = await env.data.routeFarmerCase({ name: '张三', idTail: '1234', idNumber: null, villageCode: '610821101001' });
 *   // { placement, householdId: 7 | null, householdHead: '张三' | null, workers: [{ userId: 'wangwu', name: '王五', role: 'grid_worker' }] }
 */
import type { Category, LeadSource, LeadStep, RiskType } from '../../domain/catalog.js';
import type { Role } from '../../domain/roles.js';
import type { Day } from '../../domain/shanghai-days.js';
import type { Placement, Region } from '../../domain/types.js';

/** A staff member a farmer's case is routed to (told at once by an app message). */
export interface CaseWorker {
  userId: string;
  name: string;
  role: Role;
}

/** Where a farmer's declaration or binding request goes. */
export interface FarmerRoute {
  placement: Placement;
  /** The one household whose member matches name + ID tail (or the whole ID) in the village; else null. */
  householdId: number | null;
  /** For the staff notice only (never for the farmer): the matched household's head and 户编号. */
  household: { code: string; headName: string } | null;
  /** The responsible grid worker(s) first, then the village cadre(s); never empty when anyone covers the village. */
  workers: CaseWorker[];
  /**
   * The matched household is already an open monitoring subject (风险未消除): its risk types. A
   * declaration then adds to the subject (no new identification, no 15-day clock). Absent otherwise.
   */
  openSubject?: { risks: RiskType[] } | null;
}

/** What the bot knows of the farmer writing (their own data only). */
export interface FarmerProfile {
  /** The village of the poster (QR code `scene_param`) the farmer last came in through, if known. */
  entryVillage: string | null;
  /**
   * The household the farmer is bound to, confirmed by a grid worker, with the name and ID tail
   * the farmer gave when binding (so a declaration does not ask them again).
   */
  bound: { householdId: number; villageCode: string; headName: string; name?: string; idTail?: string } | null;
}

/** A staff member a farmer may call: their working phone is not private (staff are reached by it). */
export interface ContactPerson extends CaseWorker {
  phone: string | null;
}

/** Who looks after a farmer: their village and its grid worker(s) first, then the village cadre(s). */
export interface FarmerContacts {
  villageCode: string;
  people: ContactPerson[];
}

/** How far a declaration has come, as the farmer may see it. */
export type DeclarationStage =
  /** Received; nothing recorded yet (or the case is a household's older case the farmer may not see). */
  | { kind: 'received' }
  /** The last step of the 识别认定 procedure recorded, and its day. */
  | { kind: 'step'; step: LeadStep; day: Day }
  | { kind: 'included'; category: Category; day: Day }
  | { kind: 'not_included'; reason: string; day: Day }
  /** The household was already an open monitoring subject: the declared risk was added to it (no new identification). */
  | { kind: 'added_to_subject'; day: Day };

/** One of the farmer's own declarations. */
export interface DeclarationProgress {
  ref: string;
  declaredOn: Day;
  villageCode: string;
  riskTypes: RiskType[];
  /** The farmer's name as declared (used to tell their own declarations from other people's). */
  declarantName: string;
  stage: DeclarationStage;
  /** The 15-day deadline of the decision. */
  deadline: Day;
  /** Who handles it (the grid worker first told). */
  handler: { name: string; role: Role } | null;
}

/** A case of the household the farmer is bound to (found by a cadre, a department, or declared by someone else). */
export interface HouseholdCase {
  source: LeadSource;
  /** The day the risk was found. */
  foundOn: Day;
  stage: DeclarationStage;
  deadline: Day;
}

/** Plain facts for the policy answers; configuration, not code. */
export interface FarmerPolicyFacts {
  /** 监测收入标准 by year (yuan per person per year). */
  lines: ReadonlyArray<{ year: number; line: number }>;
  /** Years whose line is the demo city's example (invented for trying the bot): never told as the official figure. */
  demoLineYears?: readonly number[];
  /** The promise made to a declaring farmer: a home visit within this many days. */
  visitWithinDays: number;
  /** From lead to decision (seed: 15). */
  deadlineDays: number;
  /**
   * The 突发严重困难 hint's line in yuan: the configured 医保 warning threshold (large out-of-pocket
   * medical cost, `settings threshold 医保`); absent: the default of declaration.ts.
   */
  suddenHintMinYuan?: number;
}

/** A binding request as the staff member deciding it sees it (their own area only). */
export interface BindingView {
  ref: string;
  status: 'pending' | 'confirmed' | 'rejected' | 'superseded';
  /** The farmer's 微信客服 identity, to tell them the result. */
  farmer: { externalUserId: string; openKfId: string | null };
  name: string;
  idTail: string;
  villageCode: string;
  /** The household matched when the request came in, if one did. */
  household: { id: number; code: string; headName: string } | null;
  decidedBy: string | null;
  decidedAt: number | null;
}

/** A household a staff member names by 户编号, inside their jurisdiction only. */
export interface HouseholdRef {
  id: number;
  code: string;
  headName: string;
  placement: Placement;
}

export interface FarmerData {
  /** Towns and villages (names and aliases) a farmer may name; public information. */
  farmerPlaces(): Promise<Region[]>;
  /** The farmer's own profile (entry village, binding). Empty for staff. */
  farmerProfile(): Promise<FarmerProfile>;
  /** Routes a farmer's case in a village (null when the village is not in the register). */
  routeFarmerCase(who: { name: string; idTail: string | null; idNumber: string | null; villageCode: string }): Promise<FarmerRoute | null>;
  /** The asking farmer's own declarations, newest first; never anyone else's. */
  myDeclarations(): Promise<DeclarationProgress[]>;
  /**
   * The cases of the household the farmer is bound to (newest first), other than those their own
   * declarations already show; empty when the farmer is not bound.
   */
  myHouseholdCases(): Promise<HouseholdCase[]>;
  /** Facts for the policy answers. */
  farmerPolicyFacts(): Promise<FarmerPolicyFacts>;
  /**
   * The people who look after the asking farmer: of `villageCode` when given, else of the bound
   * household, else of the village of their latest declaration or poster; null when no village is known.
   */
  farmerContacts(villageCode?: string): Promise<FarmerContacts | null>;
  /** A binding request by its reference, when the asking staff member may decide it; else null. */
  bindingForStaff(ref: string): Promise<BindingView | null>;
  /** A household by 户编号 inside the asking staff member's jurisdiction; else null. */
  householdForStaff(code: string): Promise<HouseholdRef | null>;
}
