/**
 * `npx shouwang check [--scope city|town|village] [--place <名称>] [--day YYYY-MM-DD] [--open] [--by <账号>]`:
 * the county office's data-quality audit (DOMAIN.md “数据质量”, 应纳未纳, 风险消除简单化 …) over the
 * households of a place. The register is read page by page (one short transaction each, so the
 * bot keeps writing meanwhile); each household's records become the checks' facts
 * (src/domain/register-audit.ts) and the findings are printed by town → village, ID numbers
 * masked, with counts by 附件6 category and a total. Nothing is written without `--open`.
 *
 * Facts come from the household facts register (the latest value from any source: the roster
 * import, 入户 screenings — including the income a 重点户 screening of the campaign recorded — and
 * department lists) and the income register. Missing data (no income of the income year, 两不愁
 * 三保障 or 饮水 not recorded) is a data gap, reported once per village with its household count,
 * never as one problem per household, and never opened as problems.
 *
 * With `--open` the findings become problems of the 问题清单 (附件6) through
 * `openProblemsFromFindings`: responsible = the household's 联系干部, else a grid worker of its
 * grid, else a village cadre; deadline = the campaign's 信息修正 day while still ahead, else a
 * week; found by `--by` (default `system:check`). A finding already open is not opened again,
 * so a second run opens nothing new. `--open` checks as of today (`--day` may only be today).
 *
 * It also checks 家庭人口 as kept on each household (`households.people`, what the statistics
 * read) against a recount of the members, the register's counters (`register_count`,
 * src/persistence/register-counts.ts) against a recount of the households, and the screened
 * households kept for the statistics (`screened_household`, src/persistence/screened-households.ts)
 * against the screening records; `--open` counts the differing households again, then the
 * register's counters when they differ, builds a drifted campaign's rows again, and
 * builds those of the day's campaign when no answer has yet (after an upgrade, so the first answer
 * does not).
 *
 * @example
 *   npx shouwang check --scope town --place 高家堡
 *   npx shouwang check --open --by county01
 *   // 已登记到问题清单：新立 9 条，已在整改中 0 条 …
 */
import { PROBLEM_CATEGORY, type ProblemCategory } from '../../domain/catalog.js';
import { describeFault } from '../../domain/case-faults.js';
import { checkDuplicateIds, GUARANTEE_LABEL, type Finding } from '../../domain/data-quality.js';
import type { ActorRef } from '../../domain/lead.js';
import { checkIdNumber } from '../../domain/id-number.js';
import { maskIdNumber, maskText } from '../../domain/privacy.js';
import { auditBasis, checkRecords, GAP_CHECKS, problemDeadline, problemResponsible, type AuditBasis } from '../../domain/register-audit.js';
import { isDay, shanghaiDay } from '../../domain/shanghai-days.js';
import type { Household, Placement } from '../../domain/types.js';
import { getMonitoringLines } from '../../persistence/campaigns.js';
import { transaction, type Database } from '../../persistence/db.js';
import { householdFactsOf } from '../../persistence/household-facts.js';
import { peopleMiscounted, recountPeople } from '../../persistence/household-writes.js';
import { rebuildRegisterCounts, registerDrift } from '../../persistence/register-counts.js';
import { rebuildScreenedWindow, screenedDrift, type ScreenedDrift } from '../../persistence/screened-households.js';
import { keepWindowIn } from '../jobs/screened-window.js';
import { campaignWindow } from '../official/sources.js';
import { listHouseholds } from '../../persistence/households.js';
import { leadsOfHouseholds } from '../../persistence/leads.js';
import { openProblemsFromFindings } from '../../persistence/problems.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { isUniqueViolation, withRetry } from '../../persistence/sql.js';
import { listStaff } from '../../persistence/staff.js';
import { subjectsOfHouseholds } from '../../persistence/subjects.js';
import { parseOptions, placeCode, scopeArg, withDatabase, type CommandDeps, type OptionSpec } from '../cli-args.js';
import { campaignCode, campaignOf } from '../flow-data/field-views.js';

const SYNOPSIS = 'check [--scope city|town|village] [--place <名称>] [--day YYYY-MM-DD] [--open] [--by <账号>]';
export const CHECK_OPTIONS: OptionSpec = { values: ['scope', 'place', 'day', 'by'], switches: ['open'], positionals: 0 };
export const CHECK_USAGE = `  ${SYNOPSIS}   数据质量检查（应纳未纳、风险消除简单化、身份证号等），加 --open 登记到问题清单`;

/** How missing data is treated, printed under every report (see register-audit.ts). */
export const NOT_CHECKED = [
  '没有登记的收入、两不愁三保障、饮水安全、参保和救助情况按“不知道”处理：不当作有问题，也不当作已解决；各村的缺项在“数据缺口”中列出，请补录（花名册导入、入户排查或部门名单）后再查',
];

export interface CheckDeps extends CommandDeps {
  /** Households read per transaction (default 500). */
  pageSize?: number;
}

interface Checked {
  households: Map<number, Household>;
  findings: Finding[];
  /** Per village: households missing each kind of data (label → count). */
  gaps: Map<string, Map<string, number>>;
}

/**
 * The line about the kept screened households of the statistics (src/persistence/screened-households.ts,
 * the whole database): equal to the screening records, or how many households differ and, with
 * --open, that their campaign's rows were built again.
 */
function screenedLine(drift: readonly ScreenedDrift[], rebuilt: boolean): string {
  if (drift.length === 0) return '集中排查对象计数：与排查记录一致';
  const households = drift.reduce((n, d) => n + d.households, 0);
  const cells = drift.reduce((n, d) => n + d.cells, 0);
  const campaigns = drift.map((d) => `${d.campaign}年`).join('、');
  const what = [households ? `${households} 户` : '', cells ? `${cells} 个分组计数` : ''].filter(Boolean).join('、');
  return rebuilt
    ? `集中排查对象计数：${campaigns}有 ${what}与排查记录不一致，已按排查记录重建`
    : `集中排查对象计数：${campaigns}有 ${what}与排查记录不一致，统计会因此不准，加 --open 按排查记录重建`;
}

/** The line about the register's counters (src/persistence/register-counts.ts): in step with the households, or how many cells are not. */
function registerLine(cells: number, rebuilt: boolean): string {
  if (cells === 0) return '户数和人口计数：与户籍花名册一致';
  return rebuilt ? `户数和人口计数：${cells} 个分组计数与户籍花名册不一致，已按户籍花名册重算` : `户数和人口计数：${cells} 个分组计数与户籍花名册不一致，统计会因此不准，加 --open 按户籍花名册重算`;
}

/** Runs the command; returns the exit code (0 done, 1 refused, 2 mistyped). */
export async function runCheckCommand(args: readonly string[], deps: CheckDeps): Promise<number> {
  const parsed = parseOptions(args, CHECK_OPTIONS);
  if (typeof parsed === 'string') return mistyped(deps, parsed);
  const scope = scopeArg(parsed, 'city');
  if (!scope.ok) return mistyped(deps, scope.message);
  const today = shanghaiDay(deps.now());
  const day = parsed.flags.get('day') ?? today;
  if (!isDay(day)) return mistyped(deps, `--day 须为“2022-05-20”这样的日期（收到“${day}”）`);
  const open = parsed.switches.has('open');
  if (open && day !== today) return mistyped(deps, `加 --open 时按今天（${today}）检查，--day 请省略`);
  const by: ActorRef = parsed.flags.has('by') ? (parsed.flags.get('by') as string).trim() : 'system:check';
  if (!by) return mistyped(deps, '--by 后面请写操作人的企业微信账号');

  return withDatabase(deps, async (db) => {
    const setup = await transaction(db, async (tx) => {
      const tree = await loadRegionTree(tx);
      const place = placeCode(tree, scope.level, scope.placeText);
      const campaign = await campaignOf(tx, day);
      return { tree, place, campaign, basis: auditBasis(campaign, await getMonitoringLines(tx), day), roster: open ? await listStaff(tx) : [] };
    });
    const { tree, place, campaign, basis } = setup;
    if (!place.ok) return place.noRegions ? refused(deps, place.message) : mistyped(deps, place.message);
    if (!basis.ok) return refused(deps, `还没有设定${basis.missingLineYear}年的监测标准，请先设定：npx shouwang settings line ${basis.missingLineYear} <元>`);

    const checked = await checkPlace(db, { level: scope.level, code: place.code }, basis.basis, campaignCode(campaign), deps.pageSize ?? 500);
    const name = (code: string | null) => (code === null ? '' : (tree.byCode.get(code)?.name ?? code));
    const b = basis.basis;
    deps.out(`数据质量检查：${name(place.code)}，${day}（${campaign.name}：收入年度${b.incomeYear}年，监测标准${b.line}元，纳入满${b.subjectConfig.minMonthsBeforeElimination}个月方可风险消除）`);
    report(deps, checked, name);
    const miscounted = await transaction(db, (tx) => peopleMiscounted(tx, { level: scope.level, code: place.code }));
    if (!open) {
      deps.out(miscounted.length ? `家庭人口计数：${miscounted.length} 户与成员表不一致，统计会因此不准，加 --open 按成员表重算` : '家庭人口计数：与成员表一致');
      deps.out(registerLine((await transaction(db, registerDrift)).cells, false));
      deps.out(screenedLine(await transaction(db, screenedDrift), false));
      deps.out('以上为预览，未写入。加 --open 登记到问题清单（附件6）。');
      return 0;
    }
    for (let i = 0; i < miscounted.length; i += 500) await transaction(db, (tx) => recountPeople(tx, miscounted.slice(i, i + 500)));
    deps.out(miscounted.length ? `家庭人口计数：已按成员表重算 ${miscounted.length} 户` : '家庭人口计数：与成员表一致');
    // After 家庭人口 is right: the counters are recounted from what the households now hold.
    const registerCells = (await transaction(db, registerDrift)).cells;
    if (registerCells > 0) await transaction(db, rebuildRegisterCounts);
    deps.out(registerLine(registerCells, true));
    const drift = await transaction(db, screenedDrift);
    for (const d of drift) await transaction(db, (tx) => rebuildScreenedWindow(tx, d.campaign, d.from));
    deps.out(screenedLine(drift, true));
    // The window of the day's campaign kept from now on, if the sweeper has not built it yet (after an upgrade).
    const from = campaignWindow(campaign, day).from;
    if (await transaction(db, (tx) => keepWindowIn(tx, campaign, day))) {
      deps.out(`集中排查对象计数：已按排查记录建立${campaign.year}年统计窗口（${from}起）的按户计数`);
    }

    const where = new Map<number, { placement: Placement; responsible: ActorRef }>();
    for (const f of checked.findings) {
      const h = checked.households.get(f.householdId) as Household;
      const who = problemResponsible(setup.roster, h.placement, h.contactStaff);
      if (who) where.set(h.id, { placement: h.placement, responsible: who.userId });
    }
    const deadline = problemDeadline(campaign, today);
    const ctx = { where, deadline, foundBy: by, at: deps.now() };
    const sum = { opened: 0, alreadyOpen: 0, unplaced: 0 };
    for (let i = 0; i < checked.findings.length; i += 100) {
      const r = await openChunk(db, checked.findings.slice(i, i + 100), ctx);
      sum.opened += r.opened.length;
      sum.alreadyOpen += r.alreadyOpen;
      sum.unplaced += r.unplaced;
    }
    const nobody = [...new Set(checked.findings.filter((f) => !where.has(f.householdId)).map((f) => (checked.households.get(f.householdId) as Household).placement.villageCode))];
    deps.out(
      `已登记到问题清单：新立 ${sum.opened} 条，已在整改中 ${sum.alreadyOpen} 条` +
        (sum.unplaced ? `，${sum.unplaced} 条因所在村没有在册的网格员或村干部未登记（${nobody.map(name).join('、')}）` : '') +
        (sum.opened ? `。完成时限 ${deadline}，发现人 ${by}。` : '。'),
    );
    return 0;
  });
}

/** Reads the place's households page by page and runs the checks; duplicates across the place at the end. */
async function checkPlace(db: Database, node: { level: 'city' | 'town' | 'village'; code: string }, basis: AuditBasis, campaign: string, pageSize: number): Promise<Checked> {
  const households = new Map<number, Household>();
  const findings: Finding[] = [];
  const gaps = new Map<string, Map<string, number>>();
  const gap = (village: string, label: string) => {
    const m = gaps.get(village) ?? new Map<string, number>();
    m.set(label, (m.get(label) ?? 0) + 1);
    gaps.set(village, m);
  };
  for (let afterId = 0; ; ) {
    const page = await transaction(db, async (tx) => {
      const hs = await listHouseholds(tx, node, { limit: pageSize, afterId });
      const ids = hs.map((h) => h.id);
      // The income register is read as facts too (source 'income_record'), so `incomes` stays empty.
      const [facts, subjects, leads] = [await householdFactsOf(tx, ids, { screenings: { campaign, incomeYear: basis.incomeYear } }), await subjectsOfHouseholds(tx, ids), await leadsOfHouseholds(tx, ids)];
      return hs.map((h) => ({ household: h, incomes: [], facts: facts.get(h.id) ?? [], subjects: subjects.get(h.id) ?? [], leads: leads.get(h.id) ?? [] }));
    });
    for (const r of page) {
      households.set(r.household.id, r.household);
      for (const f of checkRecords(r, basis)) {
        if (!GAP_CHECKS.has(f.code)) findings.push(f);
        else if (f.code === 'QUALITY.INCOME_MISSING') gap(r.household.placement.villageCode, `${basis.incomeYear}年家庭收入`);
        else for (const label of String(f.params?.fields ?? '').split('、').filter(Boolean)) gap(r.household.placement.villageCode, label);
      }
    }
    if (page.length < pageSize) break;
    afterId = (page.at(-1) as { household: Household }).household.id;
  }
  findings.push(...checkDuplicateIds([...households.values()]));
  // Report order (town, village, household; a household's own findings before its duplicates),
  // which is also the order the problems are opened in.
  const at = (f: Finding) => (households.get(f.householdId) as Household).placement;
  findings.sort((a, b) => at(a).townCode.localeCompare(at(b).townCode) || at(a).villageCode.localeCompare(at(b).villageCode) || a.householdId - b.householdId);
  return { households, findings, gaps };
}

/** One transaction of problems; a run racing this one on the same finding makes it start over and find it open. */
async function openChunk(db: Database, findings: Finding[], ctx: Parameters<typeof openProblemsFromFindings>[2]): ReturnType<typeof openProblemsFromFindings> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withRetry(() => transaction(db, (tx) => openProblemsFromFindings(tx, findings, ctx)));
    } catch (e) {
      if (attempt >= 3 || !isUniqueViolation(e)) throw e;
    }
  }
}

function report(deps: CheckDeps, c: Checked, name: (code: string | null) => string): void {
  const of = (f: Finding) => c.households.get(f.householdId) as Household;
  const townOf = new Map([...c.households.values()].map((h) => [h.placement.villageCode, h.placement.townCode]));
  const byTown = new Map<string, Map<string, Finding[]>>();
  const village = (townCode: string, villageCode: string) => {
    const villages = byTown.get(townCode) ?? new Map<string, Finding[]>();
    byTown.set(townCode, villages);
    if (!villages.has(villageCode)) villages.set(villageCode, []);
    return villages.get(villageCode) as Finding[];
  };
  for (const f of c.findings) village(of(f).placement.townCode, of(f).placement.villageCode).push(f);
  for (const v of [...c.gaps.keys()].sort()) village(townOf.get(v) as string, v);
  const householdCount = (fs: Finding[]) => new Set(fs.map((f) => f.householdId)).size;
  for (const [town, villages] of [...byTown].sort(([a], [b]) => a.localeCompare(b))) {
    deps.out(name(town));
    for (const [v, fs] of [...villages].sort(([a], [b]) => a.localeCompare(b))) {
      deps.out(fs.length > 0 ? `  ${name(v)}：${householdCount(fs)} 户 ${fs.length} 条` : `  ${name(v)}：未发现问题`);
      // maskText as a last guard: a finding's text never carries a full ID number or phone. The
      // 户编号 is not personal data (and often all digits: masking it would hide the household),
      // unless an office used the 户主's ID number as the 户编号.
      for (const f of fs) deps.out(`    [${shownCode(of(f).code)}] ${maskText(describeFault(f))}`);
      const gaps = c.gaps.get(v);
      if (gaps) deps.out(`    数据缺口：${[...gaps].sort(([a], [b]) => gapRank(a) - gapRank(b)).map(([label, n]) => `缺${label} ${n} 户`).join('，')}`);
    }
  }
  if (c.findings.length === 0) deps.out('未发现问题。');
  const counts = new Map<ProblemCategory, number>();
  for (const f of c.findings) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
  const byCategory = PROBLEM_CATEGORY.codes.filter((k) => counts.has(k)).map((k) => `${PROBLEM_CATEGORY.label[k]} ${counts.get(k)} 条`);
  if (byCategory.length) deps.out(`按问题类型（附件6）：${byCategory.join('；')}`);
  deps.out(`合计：${c.findings.length} 条问题，涉及 ${householdCount(c.findings)} 户；共检查 ${c.households.size} 户。`);
  if (c.gaps.size > 0) deps.out(`数据缺口：${c.gaps.size} 个村有未登记的信息（见各村“数据缺口”），不登记为问题。`);
  deps.out(`说明：\n${NOT_CHECKED.map((t) => `  - ${t}`).join('\n')}`);
}

/** Income first, then 两不愁, 三保障 and 饮水 in their usual order. */
const GAP_ORDER = Object.values(GUARANTEE_LABEL);
const gapRank = (label: string) => GAP_ORDER.indexOf(label);

const shownCode = (code: string): string => (checkIdNumber(code).ok ? maskIdNumber(code) : code);

function mistyped(deps: CheckDeps, message: string): number {
  deps.err(`${message}\n用法：npx shouwang ${SYNOPSIS}`);
  return 2;
}

function refused(deps: CheckDeps, message: string): number {
  deps.err(message);
  return 1;
}
