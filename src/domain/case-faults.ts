/**
 * Refusals and warnings of the casework rules (leads, subjects, screenings, problems), as codes
 * with one Chinese message each. Rules return codes; only the edge turns them into words, through
 * `describeFault`, so a message can be reworded without touching a rule or a test of a rule.
 *
 * @example
 *   const r = recordStep(lead, { step: 'publicity', ... });
 *   if (!r.ok) reply(r.faults.map(describeFault).join('\n'));
 *   describeFault({ code: 'LEAD.PUBLICITY_TOO_SHORT', params: { days: 3, min: 5 } })
 *   // '公示期只有3天，至少需要5天。'
 */

export const CASE_MESSAGES = {
  // 通用
  'CASE.NOT_FOUND': '找不到这条{what}记录。',
  'CASE.CHANGED_MEANWHILE': '这条记录刚被别人修改过，请刷新后重试。',
  // 风险线索
  'LEAD.SUBJECT_REQUIRED': '线索要么关联已登记的农户，要么写明申报人姓名、身份证后几位和所在村。',
  'LEAD.DECLARANT_INVALID': '申报人信息不完整：需要姓名、所在村，以及身份证号后4至6位（实在没有时用申报编号）。',
  'LEAD.BAD_DAY': '日期“{day}”不是有效日期（格式：2022-05-20）。',
  'LEAD.FOUND_IN_FUTURE': '发现日期{day}晚于今天，请核对。',
  'LEAD.DEPARTMENT_REQUIRED': '部门筛查预警需要写明预警部门。',
  'LEAD.HOUSEHOLD_MONITORED': '该户已是风险未消除的监测对象，新发现的风险补充到该户，不再新开线索。',
  'LEAD.CLOSED': '这条线索已办结（{status}），不能再修改。',
  'LEAD.STEP_REPEATED': '“{step}”已经登记过，不能重复登记。',
  'LEAD.STEP_OUT_OF_ORDER': '还不能登记“{step}”：下一步应是“{expected}”。',
  'LEAD.SKIP_NOT_ALLOWED': '只有“信息比对”在已比对过（如新纳入低保）时可以跳过，“{step}”不能跳过。',
  'LEAD.SKIP_REASON_REQUIRED': '跳过信息比对需要写明原因（例如：新纳入低保时已比对）。',
  'LEAD.STEP_BEFORE_DISCOVERY': '“{step}”的日期{day}早于线索发现日期{discoveredOn}。',
  'LEAD.STEP_BEFORE_PREVIOUS': '“{step}”的时间早于上一步“{previous}”。',
  'LEAD.PUBLICITY_END_REQUIRED': '登记公示需要写明公示截止日期。',
  'LEAD.PUBLICITY_TOO_SHORT': '公示期只有{days}天，至少需要{min}天。',
  'LEAD.PUBLICITY_NOT_OVER': '公示到{until}才结束，镇街审核需在公示期满后进行。',
  'LEAD.STEPS_INCOMPLETE': '认定程序还没走完，缺少：{missing}。',
  'LEAD.HOUSEHOLD_UNKNOWN': '申报人尚未关联到登记农户，纳入前请先关联农户。',
  'LEAD.CATEGORY_MISMATCH': '{category}只能是{required}，该户是{actual}。',
  'LEAD.REASON_REQUIRED': '不纳入需要写明理由。',
  'LEAD.ALREADY_LINKED': '这条线索已关联农户，不能再改关联。',
  'LEAD.HOUSEHOLD_HAS_OPEN_LEAD': '该户已有一条未办结的线索，请合并到那条线索。',
  'LEAD.MERGE_SELF': '不能把线索合并到它自己。',
  'LEAD.RELIEF_NOT_SUDDEN': '只有疑似突发严重困难的线索可以先行救助。',
  'LEAD.RELIEF_WHAT_REQUIRED': '先行救助需要写明救助内容。',
  'LEAD.DEADLINE_PASSED': '线索已超过{deadlineDays}天认定时限（截止{deadline}），已超期{days}天。',
  'LEAD.DUE_SOON': '线索还剩{days}天到期（截止{deadline}）。',
  // 监测对象
  'SUBJECT.LEAD_NOT_INCLUDED': '只有认定结果为“纳入”的线索才能新增监测对象。',
  'SUBJECT.OTHER_HOUSEHOLD': '上一轮监测记录属于另一户，不能接续。',
  'SUBJECT.ALREADY_OPEN': '该户已是风险未消除的监测对象，不能重复纳入。',
  'SUBJECT.NO_MEMBERS': '监测对象至少要有一名家庭成员。',
  'SUBJECT.MEMBER_REPEATED': '成员{id}重复列出，一人只算一次。',
  'SUBJECT.MEMBER_IN_OTHER_SUBJECT': '成员{id}已在另一户风险未消除的监测对象中，一人只能在一户。',
  'SUBJECT.WITHDRAWN': '该户已清退，不能再变更。',
  'SUBJECT.NOT_OPEN': '只有风险未消除的监测对象才能标注风险消除。',
  'SUBJECT.RISK_FOUND_NOT_OPEN': '只有风险未消除的监测对象才能补充新发现的风险；风险已消除或已清退的户请按新线索重新识别。',
  'SUBJECT.NOT_ELIMINATED': '只有已标注风险消除的监测对象才能回退。',
  'SUBJECT.WITHDRAWAL_PENDING': '该户已有清退申请在办理中。',
  'SUBJECT.WITHDRAWAL_REASON_INVALID': '清退原因不在规定的选项中。',
  'SUBJECT.WITHDRAWAL_NOTE_REQUIRED': '清退原因选“其他”时需要写明情况。',
  'SUBJECT.REQUEST_DATE_INVALID': '书面申请日期“{day}”无效或晚于今天。',
  'SUBJECT.NO_WITHDRAWAL_REQUEST': '还没有清退的书面申请。',
  'SUBJECT.APPROVAL_REPEATED': '这一级已经审批过了。',
  'SUBJECT.TOWN_APPROVAL_FIRST': '清退需先经镇街审核，再报市级审批。',
  'SUBJECT.APPROVAL_BEFORE_REQUEST': '审批日期早于书面申请日期。',
  'SUBJECT.REJECTION_REASON_REQUIRED': '不同意清退需要写明理由。',
  // 风险消除
  'ELIM.NATURAL_CAUSE_REQUIRED': '自然消除需要写明原因（成员去世、迁出或整户消亡）。',
  'ELIM.CAUSE_NOT_NATURAL': '帮扶消除不填自然消除的原因；风险是自然消失的，请选“自然消除”。',
  'ELIM.NO_LABOUR': '整户无劳动力，不能标注风险消除，应继续落实兜底保障。',
  'ELIM.INCOME_UNKNOWN': '还没有登记家庭收入，不能判断能否风险消除。',
  // Income still within the monitoring range (at the line included, `isWithinLine`).
  'ELIM.BELOW_LINE': '人均纯收入{income}元，未超过监测标准{line}元，不能标注风险消除。',
  'ELIM.GUARANTEES_UNSOLVED': '“三保障”还有未解决的问题，不能标注风险消除。',
  'ELIM.WATER_UNSAFE': '饮水安全还没有保障，不能标注风险消除。',
  'ELIM.RISK_REMAINS': '风险“{risks}”仍然存在，不能标注风险消除。',
  // {since}: 纳入, or 回退 when the subject was reverted since (the months start again).
  'ELIM.TOO_SOON': '{since}未满{months}个月，最早{earliest}才能标注风险消除。',
  // 风险消除、回退、清退的申请与审批
  'REQUEST.PENDING': '该户已有一件“{kind}”在办理中，请等镇街（或市级）处理后再申请。',
  'REQUEST.NOT_PENDING': '这件申请已处理过了（{status}）。',
  'REQUEST.PUBLICITY_NOT_OVER': '公示到{until}才结束，期满后才能审核。',
  'REQUEST.RETURN_REASON_REQUIRED': '退回或不同意需要写明理由。',
  'REQUEST.WRONG_LEVEL': '这件申请现在应由{level}处理。',
  'REQUEST.EVIDENCE_REQUIRED': '清退需要书面申请：请发送申请书的照片或文件。',
  'REQUEST.AFTER_DEADLINE': '回退、清退书面申请须在{deadline}前报送，今天（{today}）已过截止日，不能再申请。',
  'REQUEST.NOT_ELIMINATED': '只有已标注风险消除的监测对象才能申请回退。',
  // 排查与回头看台账
  'SCREENING.METHOD_INVALID': '排查方式只能是入户、电话、微信或其他。',
  'SCREENING.RISK_DETAILS_REQUIRED': '近期发生风险选“是”时，需要详细记录风险情况。',
  'SCREENING.GROUPS_REQUIRED': '对象类型至少选一项（1至10）。',
  'SCREENING.GROUP_INVALID': '对象类型只能是1至10。',
  'SCREENING.GROUP_DUPLICATE': '对象类型有重复。',
  'SCREENING.FAMILY_INCOME_REQUIRED': '家庭情况需要记录家庭收入情况。',
  'SCREENING.AMOUNT_INVALID': '金额需要是不小于0的数字。',
  'SCREENING.RELABEL_NOTE_REQUIRED': '需要重新标注或备注时，请写明要改什么。',
  'SCREENING.INCLUDED_ON_INVALID': '纳入时间不是有效日期。',
  'SCREENING.RISKS_COUNT': '风险类型需要1至{max}个。',
  'SCREENING.ASSISTANCE_NOT_IMPLEMENTED': '帮扶措施尚未落实，请跟进。',
  'SCREENING.NO_MEASURES': '还没有已落实的帮扶措施。',
  'SCREENING.SUBJECT_MISMATCH': '台账中的监测对象与该户对不上。',
  'SCREENING.SUBJECT_NOT_ELIMINATED': '“回头看”台账只登记已标注风险消除的监测对象。',
  'SCREENING.SUBJECT_NOT_OPEN': '未消除风险台账只登记风险未消除的监测对象。',
  'SCREENING.VERDICT_FORM': '只有十类人群排查记录才有会议研判结论。',
  // 问题清单与整改
  'PROBLEM.CATEGORY_INVALID': '问题类型不在问题清单的八个方面之内。',
  'PROBLEM.VILLAGE_REQUIRED': '问题需要落到具体的村。',
  'PROBLEM.DESCRIPTION_REQUIRED': '请写明具体问题。',
  'PROBLEM.RESPONSIBLE_REQUIRED': '请明确整改责任人。',
  'PROBLEM.MEASURE_REQUIRED': '请写明整改措施。',
  'PROBLEM.DEADLINE_INVALID': '完成时限“{day}”无效或早于发现日期{foundOn}。',
  'PROBLEM.ALREADY_RECTIFIED': '这个问题已经整改销号了。',
  'PROBLEM.RECTIFICATION_REQUIRED': '销号前请写明整改了什么。',
  'PROBLEM.RECTIFIER_REQUIRED': '销号需要记录整改人。',
  'PROBLEM.RECTIFIED_BEFORE_FOUND': '整改日期早于发现日期{foundOn}。',
  // 数据质量与审计发现（自动生成问题）
  'QUALITY.ID_INVALID': '{name}户：成员{member}的身份证号{id}有误（{problem}）。',
  'QUALITY.ID_DUPLICATE': '{name}户：身份证号{id}重复登记（共{count}处）。',
  'QUALITY.NO_HEAD': '{name}户：没有登记户主。',
  'QUALITY.SEVERAL_HEADS': '{name}户：登记了{count}个户主。',
  'QUALITY.INCOME_MISSING': '{name}户：缺少家庭收入信息。',
  'QUALITY.GUARANTEES_MISSING': '{name}户：缺少{fields}信息。',
  'QUALITY.RISK_OTHER_NO_REMARK': '{name}户：风险类型为“其他”但没有备注具体情况。',
  'QUALITY.CATEGORY_TYPE_MISMATCH': '{name}户：监测对象类别与户类型矛盾（{category}只能是{required}，该户是{actual}）。',
  'QUALITY.DISABILITY_NO_DISABLED_MEMBER': '{name}户：风险类型为“{risk}”，但家庭成员中没有残疾人。',
  'QUALITY.SCHOOLING_NO_STUDENT': '{name}户：风险类型为“{risk}”，但家庭成员中没有在校生（也没有辍学的孩子）。',
  'QUALITY.ONLY_COMPREHENSIVE': '{name}户：有劳动能力却只靠综合保障兜底，没有开发式帮扶（“一兜了之”）。',
  'QUALITY.ELIMINATED_TOO_SOON': '{name}户：{sinceDay}{since}，{eliminatedOn}即标注风险消除，不满{months}个月。',
  'QUALITY.ELIMINATED_BELOW_LINE': '{name}户：已标注风险消除，但人均纯收入{income}元未超过监测范围{line}元。',
  'QUALITY.ELIMINATED_NO_LABOUR': '{name}户：整户无劳动力却已标注风险消除，应回退。',
  'QUALITY.ELIMINATED_GUARANTEES_UNSOLVED': '{name}户：已标注风险消除，但仍存在{items}问题。',
  'QUALITY.MISSED_CANDIDATE': '{name}户：{signals}，既未纳入监测也没有不纳入的理由（疑似“应纳未纳”）。',
  'QUALITY.OUTSIDE_LOOP': '{name}户：已享受救助但未识别为监测对象（疑似“体外循环”）。',
  // 农户绑定家庭
  'BINDING.INVALID': '绑定申请信息不完整：需要姓名、身份证号（或后4位）和所在村。',
  'BINDING.NOT_PENDING': '这个绑定申请已经处理过了（{status}）。',
  'BINDING.HOUSEHOLD_REQUIRED': '确认绑定需要指明是哪一户（户编号）。',
  'BINDING.REASON_REQUIRED': '退回绑定申请需要写明原因。',
  // 风险类型与帮扶措施
  'RISK.NONE': '至少要填一个风险类型（第一个为主要风险）。',
  'RISK.TOO_MANY': '风险类型最多{max}个，现在有{count}个。',
  'RISK.DUPLICATE': '风险类型“{risk}”重复了。',
  'RISK.OTHER_NEEDS_REMARK': '风险类型选“其他”时需要写明具体情况。',
  'RISK.DISASTER_NEEDS_SUBTYPE': '“因自然灾害”需要选灾害类型（洪涝、地质、旱灾、气象、生物、地震、其他）。',
  'MEASURE.DUPLICATE': '帮扶措施“{measure}”重复了。',
  'MEASURE.ONLY_COMPREHENSIVE': '该户有劳动能力却只靠综合保障兜底，没有开发式帮扶（“一兜了之”），应优先落实产业、就业等开发式帮扶。',
  'MEASURE.RISK_UNANSWERED': '风险“{risk}”还没有对应的帮扶措施（可选：{expected}）。',
} as const;

export type CaseCode = keyof typeof CASE_MESSAGES;

export interface Fault {
  code: CaseCode;
  params?: Record<string, string | number>;
}

/** A rule's answer: the new value, or every reason it was refused. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; faults: Fault[] };

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function refuse<T = never>(code: CaseCode, params?: Fault['params']): Outcome<T> {
  return { ok: false, faults: [params ? { code, params } : { code }] };
}

export function refuseAll<T = never>(faults: Fault[]): Outcome<T> {
  return { ok: false, faults };
}

/** The Chinese sentence for a fault, with its parameters filled in. */
export function describeFault(f: Fault): string {
  return CASE_MESSAGES[f.code].replace(/\{(\w+)\}/g, (m, k: string) => (f.params && k in f.params ? String(f.params[k]) : m));
}

/** Thrown by repositories when a rule refuses, so the surrounding transaction rolls back. */
export class CaseError extends Error {
  constructor(readonly faults: Fault[]) {
    super(faults.map((f) => f.code).join(', '));
    this.name = 'CaseError';
  }
  get code(): CaseCode {
    return (this.faults[0] as Fault).code;
  }
}

/** The value of an outcome, or a thrown CaseError. */
export function unwrap<T>(o: Outcome<T>): T {
  if (!o.ok) throw new CaseError(o.faults);
  return o.value;
}
