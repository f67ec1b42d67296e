/**
 * Data-quality and audit checks (DOMAIN.md "数据质量" and the seed's audit findings) that open
 * problems automatically. Pure: the register facts come in, findings with codes go out; each
 * finding names its 附件6 category and a stable key, so running the checks again does not open
 * the same problem twice.
 *
 * @example
 *   checkHousehold(facts, DEFAULT_SUBJECT_CONFIG)
 *   // [{ code: 'QUALITY.NO_HEAD', category: 'data_quality', householdId: 7, key: 'QUALITY.NO_HEAD:7', params: { name: '张三' } }]
 *   describeFault(finding) // '张三户：没有登记户主。'
 */
import { RISK_TYPE, type ProblemCategory } from './catalog.js';
import type { CaseCode, Fault } from './case-faults.js';
import { isActive, isHead } from './household.js';
import { leansOnSecurityOnly } from './risk-profile.js';
import { isWithinLine } from './income.js';
import { checkIdNumber, ID_PROBLEM_LABEL, normalizeIdNumber } from './id-number.js';
import { checkCategory } from './lead.js';
import { maskIdNumber } from './privacy.js';
import { addMonths } from './shanghai-days.js';
import { stableSince, STABLE_SINCE_LABEL, type Subject, type SubjectConfig } from './subject.js';
import type { Household } from './types.js';

export interface Finding extends Fault {
  category: ProblemCategory;
  householdId: number;
  /** Stable identity of the finding (code, household, detail). */
  key: string;
}

/** 两不愁, 三保障 and 饮水: true secured, false a problem, null not recorded. */
export interface Guarantees {
  /** 两不愁: 不愁吃、不愁穿. */
  basicNeeds: boolean | null;
  education: boolean | null;
  medical: boolean | null;
  housing: boolean | null;
  water: boolean | null;
}

/** What the registers know about one household, as the checks need it. */
export interface QualityFacts {
  household: Household;
  perCapitaIncome: number | null;
  incomeLine: number;
  guarantees: Guarantees;
  wholeHouseholdNoLabour: boolean;
  /** The household's latest monitoring subject, if any. */
  subject: Subject | null;
  hasOpenLead: boolean;
  /**
   * A written reason for not monitoring the household (the campaign's): a lead closed 不纳入 with its
   * reason, or an approved 清退. Silences 应纳未纳 and 体外循环.
   */
  exclusionRecorded: boolean;
  /** Risk signals beyond income and guarantees (DOMAIN.md 应纳未纳). */
  uninsuredMember: boolean;
  schoolDropout: boolean;
  departmentWarning: boolean;
  /** 临时救助, 医疗救助 or a new 低保 received (体外循环 when never identified). */
  reliefReceived: boolean;
}

const CATEGORY_OF: Partial<Record<CaseCode, ProblemCategory>> = {
  'QUALITY.ONLY_COMPREHENSIVE': 'policy_implementation',
  'QUALITY.ELIMINATED_NO_LABOUR': 'policy_implementation',
  'QUALITY.ELIMINATED_TOO_SOON': 'income_not_stable',
  'QUALITY.ELIMINATED_BELOW_LINE': 'income_not_stable',
  'QUALITY.ELIMINATED_GUARANTEES_UNSOLVED': 'basic_needs',
  'QUALITY.MISSED_CANDIDATE': 'missed_or_outside',
  'QUALITY.OUTSIDE_LOOP': 'missed_or_outside',
};

function finding(code: CaseCode, h: Household, detail: string, params: Record<string, string | number> = {}): Finding {
  return { code, category: CATEGORY_OF[code] ?? 'data_quality', householdId: h.id, key: `${code}:${h.id}${detail ? `:${detail}` : ''}`, params: { name: h.headName, ...params } };
}

export const GUARANTEE_LABEL: Record<keyof Guarantees, string> = { basicNeeds: '两不愁', education: '义务教育', medical: '基本医疗', housing: '住房安全', water: '饮水安全' };

/** Every check that looks at one household. */
export function checkHousehold(f: QualityFacts, cfg: SubjectConfig): Finding[] {
  const h = f.household;
  const out: Finding[] = [];
  for (const m of h.members) {
    const r = checkIdNumber(m.idNumber);
    if (!r.ok) out.push(finding('QUALITY.ID_INVALID', h, maskIdNumber(m.idNumber), { id: maskIdNumber(m.idNumber), member: m.name, problem: ID_PROBLEM_LABEL[r.reason] }));
  }
  // A household nobody is left in (整户消亡: the last member died or moved away; members are never
  // deleted) has no head, income or 三保障 to record: asking for them would only be noise.
  if (h.members.some(isActive)) {
    // The head as the roster writes it (户主, 本人 …), among members still in the household: a
    // deceased 户主 marked left beside the new one is not two heads.
    const heads = h.members.filter((m) => isActive(m) && isHead(m)).length;
    if (heads === 0) out.push(finding('QUALITY.NO_HEAD', h, ''));
    if (heads > 1) out.push(finding('QUALITY.SEVERAL_HEADS', h, '', { count: heads }));
    if (f.perCapitaIncome === null) out.push(finding('QUALITY.INCOME_MISSING', h, ''));
    const missing = (Object.keys(GUARANTEE_LABEL) as Array<keyof Guarantees>).filter((k) => f.guarantees[k] === null);
    if (missing.length) out.push(finding('QUALITY.GUARANTEES_MISSING', h, missing.join(','), { fields: missing.map((k) => GUARANTEE_LABEL[k]).join('、') }));
  }
  out.push(...checkSubject(f, cfg));
  return out;
}

function checkSubject(f: QualityFacts, cfg: SubjectConfig): Finding[] {
  const h = f.household;
  const s = f.subject;
  const out: Finding[] = [];
  if (!s || s.status === 'withdrawn') {
    const signals = [
      f.perCapitaIncome !== null && isWithinLine(f.perCapitaIncome, f.incomeLine) ? '收入在监测范围内' : null,
      f.guarantees.basicNeeds === false ? '两不愁未解决' : null,
      f.guarantees.education === false ? '义务教育无保障' : null,
      f.guarantees.medical === false ? '基本医疗无保障' : null,
      f.guarantees.housing === false ? '住房不安全' : null,
      f.guarantees.water === false ? '饮水不安全' : null,
      f.uninsuredMember ? '有成员未参保' : null,
      f.schoolDropout ? '有适龄子女辍学' : null,
      f.departmentWarning ? '有部门预警' : null,
    ].filter((x): x is string => x !== null);
    if (signals.length && !f.hasOpenLead && !f.exclusionRecorded) out.push(finding('QUALITY.MISSED_CANDIDATE', h, '', { signals: signals.join('、') }));
    // 体外循环 is help without the monitoring procedure: a case under way (先行救助 of a 突发 case) or
    // assessed and not included with its written reason (a 不纳入, an approved 清退) is inside it.
    if (f.reliefReceived && !f.hasOpenLead && !f.exclusionRecorded) out.push(finding('QUALITY.OUTSIDE_LOOP', h, ''));
    return out;
  }
  for (const r of s.risks) {
    if (r.type === 'other' && !r.remark?.trim()) out.push(finding('QUALITY.RISK_OTHER_NO_REMARK', h, ''));
  }
  const mismatch = checkCategory(s.category, h.type);
  if (mismatch) out.push(finding('QUALITY.CATEGORY_TYPE_MISMATCH', h, '', mismatch.params));
  if (s.risks.some((r) => r.type === 'disability') && !h.members.some((m) => isActive(m) && m.health === 'disabled')) {
    out.push(finding('QUALITY.DISABILITY_NO_DISABLED_MEMBER', h, '', { risk: RISK_TYPE.label.disability }));
  }
  // 因学 needs a member in school (from 学前 to 大学) — or a dropout, whose schooling is the very risk.
  if (s.risks.some((r) => r.type === 'schooling') && !h.members.some((m) => isActive(m) && m.schooling !== 'none')) {
    out.push(finding('QUALITY.SCHOOLING_NO_STUDENT', h, '', { risk: RISK_TYPE.label.schooling }));
  }
  if (!f.wholeHouseholdNoLabour && leansOnSecurityOnly(s.measures)) {
    out.push(finding('QUALITY.ONLY_COMPREHENSIVE', h, ''));
  }
  if (s.status === 'eliminated' && s.elimination && s.elimination.cause !== 'household_dissolved') {
    const since = stableSince(s);
    const earliest = addMonths(since.day, cfg.minMonthsBeforeElimination);
    if (s.elimination.day < earliest) {
      out.push(finding('QUALITY.ELIMINATED_TOO_SOON', h, '', { sinceDay: since.day, since: STABLE_SINCE_LABEL[since.after], eliminatedOn: s.elimination.day, months: cfg.minMonthsBeforeElimination }));
    }
    if (f.perCapitaIncome !== null && isWithinLine(f.perCapitaIncome, f.incomeLine)) out.push(finding('QUALITY.ELIMINATED_BELOW_LINE', h, '', { income: f.perCapitaIncome, line: f.incomeLine }));
    if (f.wholeHouseholdNoLabour) out.push(finding('QUALITY.ELIMINATED_NO_LABOUR', h, ''));
    const unsolved = (Object.keys(GUARANTEE_LABEL) as Array<keyof Guarantees>).filter((k) => f.guarantees[k] === false);
    if (unsolved.length || f.uninsuredMember || f.schoolDropout) {
      const items = [...unsolved.map((k) => GUARANTEE_LABEL[k]), ...(f.uninsuredMember ? ['未参保'] : []), ...(f.schoolDropout ? ['辍学'] : [])];
      out.push(finding('QUALITY.ELIMINATED_GUARANTEES_UNSOLVED', h, '', { items: items.join('、') }));
    }
  }
  return out;
}

/**
 * ID numbers that appear more than once across households (or twice in one) among members still
 * there — one who left (分户, 婚嫁, 死亡, 迁出) is not a copy: one finding per household holding a copy.
 */
export function checkDuplicateIds(households: Household[]): Finding[] {
  const seen = new Map<string, Household[]>();
  for (const h of households) {
    for (const m of h.members.filter(isActive)) {
      // The register's own normalization (full-width, spaces, dashes, lower-case x) before comparing.
      const id = normalizeIdNumber(m.idNumber);
      if (!id) continue;
      seen.set(id, [...(seen.get(id) ?? []), h]);
    }
  }
  const out: Finding[] = [];
  for (const [id, hs] of seen) {
    if (hs.length < 2) continue;
    const distinct = [...new Map(hs.map((h) => [h.id, h])).values()];
    for (const h of distinct) out.push(finding('QUALITY.ID_DUPLICATE', h, maskIdNumber(id), { id: maskIdNumber(id), count: hs.length }));
  }
  return out;
}
