/**
 * The demo city's casework, so that to-do lists, progress questions and the ledgers show numbers
 * from the first message: some screenings (附件2 and 附件3), four open risk leads (one from each
 * source, one of them unregistered; one fresh, one due soon, one overdue), an included and an
 * eliminated monitoring subject, and problems open and rectified.
 *
 * The farmers' own records go through the farmers' door (src/persistence/farmer.ts): 石秀英 came in
 * through her village's poster, asked to be bound to her household (confirmed by her grid worker)
 * and declared; 马小红, not on the household roster, declared too.
 *
 * Dates are counted back from `now` (a lead "found 13 days ago" is due soon whenever the sandbox
 * is started); everything else is fixed. Every record goes through the casework repositories, so
 * the rules, the history and the invariants apply exactly as for real work.
 *
 * @example
 *   await seedDemoCasework(tx, { now, campaign: '2026', householdIds });   // inside the seed's transaction
 */
import { LEAD_STEP } from '../../domain/catalog.js';
import { DEFAULT_LEAD_CONFIG } from '../../domain/lead.js';
import { DEFAULT_SUBJECT_CONFIG } from '../../domain/subject.js';
import type { FamilySituation, GeneralAnswers } from '../../domain/screening.js';
import { addDays, shanghaiDay, startOfShanghaiDay, type Day } from '../../domain/shanghai-days.js';
import type { Placement } from '../../domain/types.js';
import type { Tx } from '../../persistence/db.js';
import { createBindingRequest, decideBindingRecord, recordDeclaration, rememberEntry } from '../../persistence/farmer.js';
import { admitLeadRecord, decideLeadRecord, recordLeadStepRecord } from '../../persistence/leads.js';
import { openProblemRecord, rectifyProblemRecord } from '../../persistence/problems.js';
import { saveScreening } from '../../persistence/screenings.js';
import { eliminateSubjectRecord, includeSubjectRecord } from '../../persistence/subjects.js';
import { DEMO_OPEN_KFID, DEMO_STAFF, demoHouseholds, type DemoHousehold } from './demo-city.js';

export interface DemoCaseworkContext {
  now: number;
  /** The campaign key of the screenings (the campaign year, e.g. '2026'). */
  campaign: string;
  /** 户编号 → household id, as stored. */
  householdIds: ReadonlyMap<string, number>;
}

const no = { riskFound: false, riskDetails: null } as const;
/** 附件3 records: head of household, screener, days ago, answers, remark. */
const GENERAL_SCREENINGS: Array<[string, string, number, GeneralAnswers, string]> = [
  ['王满仓', 'liuhaiyan', 2, { method: 'home_visit', ...no, knowsPolicy: true }, ''],
  ['杨保平', 'zhangjun', 1, { method: 'phone', ...no, knowsPolicy: false }, '已电话讲解防返贫政策'],
  ['刘翠花', 'baiyulan', 5, { method: 'wechat', ...no, knowsPolicy: true }, ''],
  ['冯文斌', 'baiyulan', 13, { method: 'home_visit', riskFound: true, riskDetails: '儿子在外务工时受伤住院，花了两万多，暂时没了收入', knowsPolicy: true }, ''],
  ['石春燕', 'heyongqiang', 4, { method: 'home_visit', ...no, knowsPolicy: true }, ''],
  ['李彩霞', 'qiaojianhua', 2, { method: 'other', ...no, knowsPolicy: true }, '在村委会当面了解'],
];
/** 附件2 records (the household's own key groups): head, days ago, income in words and yuan. */
const KEY_GROUP_SCREENINGS: Array<[string, number, string, number]> = [
  ['高建国', 3, '种植玉米和务工，收入比去年略少', 31000],
  ['李玉林', 3, '特困供养金和养老金，一人生活', 9600],
];

/** Heads of the households the demo casework screens (the page suggests the others). */
export const DEMO_SCREENED_HEADS: ReadonlySet<string> = new Set([...GENERAL_SCREENINGS.map(([head]) => head), ...KEY_GROUP_SCREENINGS.map(([head]) => head)]);

/** A staff member as the farmers' records name who was told (userId, name, role). */
function worker(userId: string): { userId: string; name: string; role: string } {
  const s = DEMO_STAFF.find((x) => x.userId === userId);
  if (!s) throw new Error(`no demo staff member ${userId}`);
  return { userId, name: s.name, role: s.role };
}

const NO_FAMILY_COSTS: Omit<FamilySituation, 'income' | 'annualIncomeYuan'> = { schooling: '', schoolingCostYuan: null, illness: '', illnessCostYuan: null, disaster: '', disasterLossYuan: null };

export async function seedDemoCasework(tx: Tx, ctx: DemoCaseworkContext): Promise<void> {
  const today = shanghaiDay(ctx.now);
  /** hh:00 Shanghai time, `days` days before today. */
  const ago = (days: number, hh = 10): number => startOfShanghaiDay(addDays(today, -days)) + hh * 3_600_000;
  const households = new Map(demoHouseholds().map((h) => [h.headName, h]));
  const of = (head: string): { id: number; h: DemoHousehold } => {
    const h = households.get(head) as DemoHousehold;
    return { id: ctx.householdIds.get(h.code) as number, h };
  };
  const cfg = DEFAULT_LEAD_CONFIG;

  // 附件3 (general households) by the grid workers; one found risk 13 days ago and opened a lead.
  for (const [head, screener, days, answers, remark] of GENERAL_SCREENINGS) {
    const { id, h } = of(head);
    await saveScreening(tx, { form: 'general', campaign: ctx.campaign, householdId: id, placement: h.placement, screener, at: ago(days), remark, answers }, cfg);
  }
  // 附件2 (key groups) by the screening team of 石门村, not yet judged at the 研判会.
  for (const [head, days, income, annualIncomeYuan] of KEY_GROUP_SCREENINGS) {
    const { id, h } = of(head);
    const answers = { groups: h.keyGroups, family: { income, annualIncomeYuan, ...NO_FAMILY_COSTS }, verdict: null };
    await saveScreening(tx, { form: 'key_group', campaign: ctx.campaign, householdId: id, placement: h.placement, screener: 'maweidong', at: ago(days, 15), remark: '', answers }, cfg);
  }

  // Risk leads: a farmer's declaration (home visit done), a department warning now overdue, and a
  // declaration by someone not on the household roster (人户分离), linked to no household yet.
  // The farmers' declarations go through the farmers' door, so "我的申报到哪一步了" finds them.
  const shi = of('石秀英');
  const shiHead = shi.h.members[0] as DemoHousehold['members'][number];
  const declaredAt = ago(3, 20);
  await rememberEntry(tx, { externalUserId: 'wmDemoFarmer01', villageCode: shi.h.placement.villageCode, scene: shi.h.placement.villageCode, at: ago(30, 19) });
  const binding = { ref: 'BDDEMO01', externalUserId: 'wmDemoFarmer01', openKfId: DEMO_OPEN_KFID, name: shiHead.name, idNumber: null, idTail: shiHead.idNumber.slice(-4), villageCode: shi.h.placement.villageCode, matchedHouseholdId: shi.id, requestedAt: ago(30, 19) };
  await createBindingRequest(tx, binding, { actor: 'kf:wmDemoFarmer01', workers: [worker('liuhaiyan')], inboundId: null });
  await decideBindingRecord(tx, binding.ref, { decision: 'confirm', householdId: shi.id, actor: 'liuhaiyan', at: ago(29, 9) });
  const declared = await recordDeclaration(tx, {
    ref: 'SBDEMO01', externalUserId: 'wmDemoFarmer01', openKfId: DEMO_OPEN_KFID, name: shiHead.name, idNumber: null, idTail: shiHead.idNumber.slice(-4), phone: null,
    placement: shi.h.placement, householdId: shi.id, words: ['儿子腿脚残疾常年吃药，今年看病又花了一万多'], risks: [{ riskType: 'disability', evidence: ['残疾'] }, { riskType: 'illness', evidence: ['看病'] }],
    amounts: [{ value: 10000, text: '一万多', kind: 'medical', riskType: 'illness' }], suddenHardship: false, workers: [worker('liuhaiyan'), worker('shideming')], inboundId: null, actor: 'kf:wmDemoFarmer01', at: declaredAt,
  }, cfg);
  if (declared.kind !== 'subject') await recordLeadStepRecord(tx, declared.lead.id as number, { step: 'home_visit', actor: 'liuhaiyan', at: ago(2, 9), note: '已入户核实，情况属实' }, cfg);
  // The overdue warning is in 高家堡镇, so its town official sees one overdue and one due soon.
  const guoFg = of('郭富贵');
  await admitLeadRecord(tx, { householdId: guoFg.id, declarant: null, placement: guoFg.h.placement, origin: { source: 'department_warning', department: 'medical_insurance', foundOn: shanghaiDay(ago(17)), note: '医保报销后个人自付医疗费用4.2万元', actor: 'wumin', at: ago(17, 11) } }, cfg);
  const qianjin: Placement = { ...of('乔建国').h.placement, gridCode: null };
  await recordDeclaration(tx, {
    ref: 'SBDEMO02', externalUserId: 'wmDemoFarmer03', openKfId: DEMO_OPEN_KFID, name: '马小红', idNumber: null, idTail: '0426', phone: null,
    placement: qianjin, householdId: null, words: ['丈夫在工地摔伤了腰，家里没了收入'], risks: [{ riskType: 'accident', evidence: ['摔伤'] }],
    amounts: [], suddenHardship: true, workers: [worker('qiaojianhua'), worker('yangzhiwei')], inboundId: null, actor: 'kf:wmDemoFarmer03', at: ago(1, 19),
  }, cfg);

  // Monitoring subjects: 武改芳 included about a month ago; 郭保平 included long ago and since
  // eliminated, so that 回头看 (附件4) has someone to review.
  await includeFrom(tx, of('武改芳'), ago(40, 9), 'heyongqiang', { risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }, { measure: 'employment', status: 'pending' }] });
  const guo = await includeFrom(tx, of('郭保平'), ago(420, 9), 'suxiaomei', { risks: [{ type: 'disability', remark: null, disasterSubtype: null }], measures: [{ measure: 'comprehensive_security', status: 'done' }, { measure: 'public_welfare_job', status: 'done' }] });
  await eliminateSubjectRecord(
    tx,
    guo,
    { mode: 'assisted', cause: null, actor: 'lihongmei', at: ago(30, 10), note: '公益岗位收入稳定，残疾人补贴按月发放' },
    { wholeHouseholdNoLabour: false, perCapitaIncome: 9800, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] },
    DEFAULT_SUBJECT_CONFIG,
  );

  // Problems (附件6): two open, one rectified (对账销号).
  const zl = of('苏金凤');
  await openProblemRecord(tx, { category: 'data_quality', placement: zl.h.placement, householdId: zl.id, description: '苏金凤户2021年家庭收入数据缺失', responsible: 'baiyulan', measure: '入户核实收入后补录', deadline: addDays(today, 7), foundBy: 'guofuqiang', at: ago(6), source: 'manual', findingKey: null });
  const hy = of('武建国');
  await openProblemRecord(tx, { category: 'basic_needs', placement: hy.h.placement, householdId: hy.id, description: '房屋后墙出现裂缝，需鉴定住房安全', responsible: 'suxiaomei', measure: '联系住建部门鉴定，必要时纳入危房改造', deadline: addDays(today, 10), foundBy: 'suxiaomei', at: ago(4, 16), source: 'manual', findingKey: null });
  const sm = of('杨保平');
  const late = await openProblemRecord(tx, { category: 'grid_management', placement: { ...sm.h.placement, gridCode: null }, householdId: null, description: '第2网格有3户排查记录未及时录入', responsible: 'zhangjun', measure: '当天补录，每周五核对', deadline: addDays(today, -1), foundBy: 'shideming', at: ago(8), source: 'manual', findingKey: null });
  await rectifyProblemRecord(tx, late.id as number, { what: '已补录3户排查记录', by: 'zhangjun', at: ago(2, 17), dataCorrected: true });
}

/** A lead found on `at`, walked through every step of the procedure, decided 纳入 and included. */
async function includeFrom(
  tx: Tx,
  { id, h }: { id: number; h: DemoHousehold },
  at: number,
  worker: string,
  plan: Pick<Parameters<typeof includeSubjectRecord>[1], 'risks' | 'measures'>,
): Promise<number> {
  const cfg = DEFAULT_LEAD_CONFIG;
  const found: Day = shanghaiDay(at);
  const { lead } = await admitLeadRecord(tx, { householdId: id, declarant: null, placement: h.placement, origin: { source: 'cadre_screening', department: null, foundOn: found, note: plan.risks[0]?.type === 'illness' ? '家人重病，医疗支出大' : '家人残疾，收入低', actor: worker, at } }, cfg);
  const leadId = lead.id as number;
  // 入户核查, 承诺授权, 信息比对 and 民主评议 on day 1, 公示 days 2–6, then one step a day.
  const dayOf: Record<string, number> = { home_visit: 1, consent: 1, data_comparison: 1, village_review: 1, publicity: 2, town_review: 7, city_approval: 8, announcement: 9, system_entry: 10 };
  for (const [i, step] of LEAD_STEP.codes.entries()) {
    const day = addDays(found, dayOf[step] as number);
    await recordLeadStepRecord(tx, leadId, { step, actor: step === 'town_review' ? 'zhaolei' : step === 'city_approval' ? 'chenjing' : worker, at: startOfShanghaiDay(day) + (9 + i) * 3_600_000, note: '', publicityUntil: step === 'publicity' ? addDays(day, 4) : null }, cfg);
  }
  const decidedAt = startOfShanghaiDay(addDays(found, 11)) + 10 * 3_600_000;
  const type = h.type;
  await decideLeadRecord(tx, leadId, { decision: 'include', category: type === 'alleviated' ? 'unstable_alleviated' : 'marginal', householdType: type, note: '', actor: 'chenjing', at: decidedAt });
  const subject = await includeSubjectRecord(tx, { leadId, memberIds: h.members.map((m) => m.idNumber), ...plan, actor: 'chenjing', at: decidedAt });
  return subject.id as number;
}
