/**
 * Every domain command a flow may emit, declared once: one zod schema per kind. The flows build
 * values of the `Command` type (a discriminated union on `kind`, inferred from the schemas), the
 * `{type:'command'}` effect carries it, and the handlers in src/bot/commands receive the parsed
 * value of their kind — so a field a flow emits that no handler reads, or one a handler needs that
 * the flow forgets, is a compile error rather than a silently stripped value.
 *
 * Who, when and why are never part of a command: the dispatcher gives them to the handler
 * (`ctx.actor`, `ctx.now`, `ctx.inboundId`), so no flow can claim to act for someone else.
 *
 * To add a command: add its schema to `COMMANDS` below (key = its `kind` literal), emit it from the
 * flow as a `Command`, and add the handler under the same key in src/bot/commands/<area>.ts; the
 * handler tables are checked to cover every kind.
 *
 * @example
 *   const c: Command = { kind: 'field.problem.rectify', problemId: 5, what: '已补录', dataCorrected: true };
 *   parseCommand(c)   // { ok: true, command: c }
 *   parseCommand({ kind: 'field.problem.rectify', problemId: 5 })   // { ok: false, kind: 'field.problem.rectify', issues: 'what: …' }
 */
import { z } from 'zod';
import { CATEGORY, DEPARTMENT, KEY_GROUP, LEAD_STEP, MEASURE, PROBLEM_CATEGORY, RISK_TYPE, SCREENING_METHOD, WITHDRAWAL_REASON } from '../domain/catalog.js';
import { checkIdNumber } from '../domain/id-number.js';
import { ROLES } from '../domain/roles.js';
import { isDay } from '../domain/shanghai-days.js';
import { CHECK_STEPS } from './field/data.js';

/** A zod enum of a catalogue's codes (the catalogues keep their codes as plain arrays). */
const oneOf = <K extends string>(codes: readonly K[]) => z.enum(codes as unknown as [K, ...K[]]);

const day = z.string().refine(isDay, '不是日期（YYYY-MM-DD）');
const id = z.number().int().positive();
const yuan = z.number().nonnegative().nullable();

// ── farmer (微信客服) ───────────────────────────────────────────────────────────────────────────
const placement = z.strictObject({ cityCode: z.string().min(1), townCode: z.string().min(1), villageCode: z.string().min(1), gridCode: z.string().nullable() });
/** A staff member a farmer's case was routed to (told at once). */
const caseWorker = z.strictObject({ userId: z.string(), name: z.string(), role: oneOf(ROLES) });
const declaredRisk = z.object({ riskType: oneOf(RISK_TYPE.codes), evidence: z.array(z.string()), disasterSubtype: z.string().optional(), remark: z.string().optional() });
const statedAmount = z.object({ value: z.number(), text: z.string(), kind: z.string(), riskType: z.string().optional(), per: z.enum(['day', 'month', 'year']).optional() });

const farmerDeclare = z.strictObject({
  kind: z.literal('farmer.declare'),
  ref: z.string().min(1).max(32),
  name: z.string().min(1).max(64),
  idNumber: z.string().length(18).nullable(),
  idTail: z.string().min(4).max(6).nullable(),
  phone: z.string().max(20).nullable(),
  placement,
  householdId: z.number().int().nullable(),
  words: z.array(z.string()).min(1),
  risks: z.array(declaredRisk),
  amounts: z.array(statedAmount),
  suddenHardship: z.boolean(),
  workers: z.array(caseWorker),
  openKfId: z.string().nullable(),
});

// ── field (网格员、村干部、排查小组、镇街) ─────────────────────────────────────────────────────────
// `correction`: the person's words when they corrected their record in a message of its own (kept in the history's reason).
// `day`: the day the screening was made when it was said (“上礼拜四入的户”); checked by the handler (not in the future, the campaign's year).
const screeningBase = { kind: z.literal('field.screening.save'), campaign: z.string().min(1), householdId: id, remark: z.string(), correction: z.string().max(200).optional(), day: day.optional() };
const familySituation = z.strictObject({
  income: z.string(), annualIncomeYuan: yuan, schooling: z.string(), schoolingCostYuan: yuan,
  illness: z.string(), illnessCostYuan: yuan, disaster: z.string(), disasterLossYuan: yuan,
});
const screeningSave = z.discriminatedUnion('form', [
  z.strictObject({
    ...screeningBase,
    form: z.literal('general'),
    answers: z.strictObject({ method: oneOf(SCREENING_METHOD.codes), riskFound: z.boolean(), riskDetails: z.string().nullable(), knowsPolicy: z.boolean() }),
  }),
  z.strictObject({
    ...screeningBase,
    form: z.literal('key_group'),
    answers: z.strictObject({ groups: z.array(oneOf(KEY_GROUP.codes)).min(1), family: familySituation, verdict: z.null(), riskFound: z.boolean(), riskDetails: z.string().nullable() }),
  }),
  z.strictObject({
    ...screeningBase,
    form: z.literal('review'),
    answers: z.strictObject({
      subjectId: id, category: oneOf(CATEGORY.codes), incomeStable: z.boolean(), measuresImplemented: z.boolean(), guaranteesStable: z.boolean(),
      eliminationStable: z.boolean(), needsRelabel: z.boolean(), relabelNote: z.string().nullable(), needsWithdrawal: z.boolean(),
      newRisk: z.boolean().optional(), newRiskDetails: z.string().nullable().optional(),
    }),
  }),
  z.strictObject({
    ...screeningBase,
    form: z.literal('follow_up'),
    answers: z.strictObject({
      subjectId: id, includedOn: day, risks: z.array(oneOf(RISK_TYPE.codes)), measuresInPlace: z.array(oneOf(MEASURE.codes)),
      assistanceImplemented: z.boolean(), meetsEliminationStandard: z.boolean(),
    }),
  }),
]);

// ── department (行业部门预警) ─────────────────────────────────────────────────────────────────────
const departmentWarning = z.strictObject({
  department: oneOf(DEPARTMENT.codes),
  warnedOn: day,
  name: z.string().trim().min(1).max(32),
  idNumber: z.string().refine((s) => { const c = checkIdNumber(s); return c.ok && c.value === s; }, '身份证号不合校验'),
  townName: z.string().max(64),
  villageName: z.string().max(64),
  reason: z.string().min(1).max(200),
  amountYuan: z.number().min(0).max(1e9).nullable(),
  remark: z.string().max(500),
});

// ── official (周报确认) ───────────────────────────────────────────────────────────────────────────
const week = z.string().regex(/^\d{4}-W\d{2}$/);
/** The 附件1 cells confirmed, in column order. */
const figures = z.array(z.union([z.string().max(16), z.number().int().min(0)])).min(1).max(40);

/** The one table: kind → schema. Each schema's `kind` literal must equal its key (checked below). */
// ── casework (镇街审核, 市级审批与公告, 风险消除, 回退, 清退, 信息比对): docs/CASEWORK.md ───────────────────
const eliminationFacts = z.strictObject({
  wholeHouseholdNoLabour: z.boolean(), perCapitaIncome: z.number().nonnegative().nullable(), incomeLine: z.number().positive(),
  threeGuaranteesSecured: z.boolean(), drinkingWaterSafe: z.boolean(), risksRemaining: z.array(z.string()),
});
const casePayload = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('elimination'), mode: z.enum(['assisted', 'natural']), cause: z.enum(['member_died', 'member_left', 'household_dissolved']).nullable(), facts: eliminationFacts, note: z.string() }),
  z.strictObject({ kind: z.literal('withdrawal'), reason: oneOf(WITHDRAWAL_REASON.codes), note: z.string() }),
]);
/** The written request of a 清退, kept as evidence (its bytes travel base64 in `evidenceContent`). */
const caseEvidence = z.strictObject({ mediaId: z.string().min(1), msgType: z.enum(['image', 'file']), fileName: z.string().min(1), bytes: z.number().int().positive(), sha256: z.string().length(64) });

export const COMMANDS = {
  /** A farmer came in through a village poster (kf only). */
  'farmer.remember_entry': z.strictObject({ kind: z.literal('farmer.remember_entry'), villageCode: z.string().min(1).max(32), scene: z.string().max(64) }),
  /** 农户自主申报 → a risk lead (source 农户自主申报) and the declaration row (kf only). */
  'farmer.declare': farmerDeclare,
  /** A farmer asks to be bound to a household (kf only). */
  'farmer.request_binding': z.strictObject({
    kind: z.literal('farmer.request_binding'),
    ref: z.string().min(1).max(32),
    name: z.string().min(1).max(64),
    idNumber: z.string().length(18).nullable(),
    idTail: z.string().min(4).max(6),
    villageCode: z.string().min(1),
    householdId: z.number().int().nullable(),
    workers: z.array(caseWorker),
    openKfId: z.string().nullable(),
  }),
  /** A grid worker or village cadre confirms (with a household) or refuses a binding request. */
  'farmer.decide_binding': z.strictObject({
    kind: z.literal('farmer.decide_binding'), ref: z.string().min(1), decision: z.enum(['confirm', 'reject']), householdId: z.number().int().nullable(), reason: z.string(),
  }),
  /** A retelling joined to the farmer's own open declaration (kf only): no second lead. */
  'farmer.add_to_declaration': z.strictObject({
    kind: z.literal('farmer.add_to_declaration'), ref: z.string().min(1).max(32), words: z.array(z.string()).min(1), risks: z.array(declaredRisk), amounts: z.array(statedAmount), assistance: z.boolean(),
  }),
  /** “没人来” about the farmer's own declaration, kept on it and on its lead (kf only). */
  'farmer.chase': z.strictObject({ kind: z.literal('farmer.chase'), ref: z.string().min(1).max(32), words: z.string().min(1).max(2000) }),
  /** The farmer asked for a person, who was told (kf only). */
  'farmer.ask_person': z.strictObject({ kind: z.literal('farmer.ask_person'), villageCode: z.string().min(1).max(32), words: z.string().max(2000), ask: z.string().max(32) }),
  /** A declaration left a day unfinished, handed to the grid worker (kf only). */
  'farmer.unfinished': z.strictObject({ kind: z.literal('farmer.unfinished'), villageCode: z.string().min(1).max(32), words: z.array(z.string()), name: z.string().max(64).nullable(), workers: z.array(caseWorker) }),
  /** 附件2–5: a same-day report by the same person overwrites; a risk opens or joins a lead. */
  'field.screening.save': screeningSave,
  /** 会议研判结论: 拟纳入 (the confirmed earlier steps, 民主评议, 公示) or 不纳入 (the lead closed with the reason). */
  'field.meeting.verdict': z.strictObject({
    kind: z.literal('field.meeting.verdict'),
    householdId: id.nullable(),
    screeningId: id.nullable(),
    leadId: id.nullable(),
    verdict: z.enum(['propose_include', 'not_include']),
    reason: z.string(),
    confirmedSteps: z.array(oneOf(LEAD_STEP.codes)),
    publicityUntil: day.nullable(),
  }),
  /** 问题清单: a problem found, with its 整改措施 and 整改时限. */
  'field.problem.open': z.strictObject({
    kind: z.literal('field.problem.open'),
    category: oneOf(PROBLEM_CATEGORY.codes),
    villageCode: z.string().min(1),
    householdId: id.nullable(),
    description: z.string().min(1),
    measure: z.string().min(1),
    deadline: day,
  }),
  /** 对账销号: a problem rectified. */
  'field.problem.rectify': z.strictObject({ kind: z.literal('field.problem.rectify'), problemId: id, what: z.string().min(1), dataCorrected: z.boolean() }),
  /** 入户核查, 承诺授权, 信息比对 of an open lead done: each step recorded, in order, with what was said of it. */
  'field.lead.steps': z.strictObject({
    kind: z.literal('field.lead.steps'),
    leadId: id,
    steps: z
      .array(z.strictObject({ step: z.enum(CHECK_STEPS), note: z.string().max(500), skipped: z.boolean() }))
      .min(1)
      .max(3),
  }),
  /** 动员部署 / 培训人数 reports (附件1). */
  'field.activity.record': z.strictObject({
    kind: z.literal('field.activity.record'),
    activity: z.enum(['deployment', 'deployment_void', 'training']),
    villageCodes: z.array(z.string().min(1)).min(1),
    day,
    people: z.number().int().nullable(),
  }),
  /** A village cadre or screening-team member of that village confirms its figures for the report week. */
  'official.confirmVillageWeek': z.strictObject({ kind: z.literal('official.confirmVillageWeek'), villageCode: z.string().min(1).max(32), week, figures }),
  /** A town official confirms the town's Friday report. */
  'official.confirmTownWeek': z.strictObject({ kind: z.literal('official.confirmTownWeek'), townCode: z.string().min(1).max(32), week, figures }),
  /** A warning list a 行业部门 (or the city bureau) sent in the chat, already read and checked by the read port. */
  'department.import_warnings': z.strictObject({
    kind: z.literal('department.import_warnings'),
    fileName: z.string().min(1).max(255),
    rows: z.array(z.strictObject({ row: z.number().int().min(1), warning: departmentWarning })).min(1).max(10_000),
  }),
  /** 镇街审核 of an identification after its 公示: approved, or returned to the village with the reason. */
  'casework.lead.town_review': z.strictObject({ kind: z.literal('casework.lead.town_review'), leadId: id, approve: z.boolean(), reason: z.string() }),
  /** 市级审批与公告: included (category, 因疫情 or not) and the subject created, or 不予纳入 with the reason. */
  'casework.lead.city_decide': z.strictObject({ kind: z.literal('casework.lead.city_decide'), leadId: id, include: z.boolean(), category: oneOf(CATEGORY.codes).nullable(), epidemic: z.boolean(), reason: z.string() }),
  /** A 风险消除 proposal (with the facts asked) or a 清退 written request. */
  'casework.request.open': z.strictObject({
    kind: z.literal('casework.request.open'), subjectId: id, payload: casePayload, publicityUntil: day.nullable(), evidence: caseEvidence.optional(), evidenceContent: z.string().optional(),
  }),
  /** The town's or the city's decision on a 风险消除, 回退 or 清退 request. */
  'casework.request.decide': z.strictObject({ kind: z.literal('casework.request.decide'), requestId: id, level: z.enum(['town', 'city']), approve: z.boolean(), reason: z.string() }),
  /** The 回退 a 回头看 asks for (nothing when one is already pending). */
  'casework.revert.request': z.strictObject({ kind: z.literal('casework.revert.request'), subjectId: id, reason: z.enum(['unstable', 'no_labour']), note: z.string() }),
  /** 信息比对 recorded (it runs alongside the procedure, before 镇街审核). */
  'casework.lead.comparison': z.strictObject({ kind: z.literal('casework.lead.comparison'), leadId: id }),
} satisfies { [K in string]: z.ZodType<{ kind: K }> };

export type CommandKind = keyof typeof COMMANDS;
export type CommandOf<K extends CommandKind> = z.infer<(typeof COMMANDS)[K]>;
export type Command = { [K in CommandKind]: CommandOf<K> }[CommandKind];

/** What arrives from outside the type system (a test, a stored effect): checked before it is performed. */
export type UncheckedCommand = { kind: string } & Record<string, unknown>;

export type ParsedCommand = { ok: true; command: Command } | { ok: false; kind: string; issues: string };

export function isCommandKind(kind: string): kind is CommandKind {
  return Object.hasOwn(COMMANDS, kind);
}

/** Checks a command against its kind's schema; `issues` names each bad field (path: message). */
export function parseCommand(raw: UncheckedCommand): ParsedCommand {
  if (!isCommandKind(raw.kind)) return { ok: false, kind: raw.kind, issues: 'unknown kind' };
  const r = (COMMANDS[raw.kind] as z.ZodType<Command>).safeParse(raw);
  if (r.success) return { ok: true, command: r.data };
  return { ok: false, kind: raw.kind, issues: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}
