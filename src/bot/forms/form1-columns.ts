/**
 * The column tree of 附件1 防止返贫监测帮扶集中排查工作进度统计表, rebuilt from the seed.
 *
 * ── How the seed's header reads ───────────────────────────────────────────────────────────
 * The text extraction flattened the merged header into three tab-separated lines of 29 cells
 * and a unit line (positions are cell indices of the extracted line):
 *
 *   line A  0 镇街 · 1 行政村 · 2 集中排查对象 · 12 “回头看”情况
 *   line B  2 其中： · 7 集中排查结果 · 12 问题整改 · 17 培训人数
 *   line C  2 是否专门安排部署 · 4 参与集中排查的各级部门总人数 · 6 脱贫户 · 8 监测对象 ·
 *           10 纳入边缘易致贫户数 · 12 纳入脱贫不稳定户数 · 14 纳入突发严重困难户数 ·
 *           16 其中因纳入 · 18 总数 · 20 回退 · 22 清退 · 24 排查问题总数 · 26 问题整改数 · 28 补正数据
 *   units   是/否 · 人数 · then 户数 人数 seven times · then 户数 twelve times
 *
 * The positions are not trustworthy (every name of line C got the same two-cell span, and line
 * B puts 集中排查结果 under 集中排查对象), but the left-to-right order within each line and the
 * unit line are. The unit line decides the leaves: one 是/否 column, one 人数 column, seven
 * 户数/人数 pairs, then single columns. Matching names to them in order:
 *
 *   garbled cell                        → column (unit)                  → Form1Row field
 *   镇街, 行政村 (A)                      → 镇街, 行政村 (no unit)          → townName, villageName
 *   是否专门安排部署 (C)                   → its own column (是/否)         → deployed
 *   参与集中排查的各级部门总人数 (C)        → its own column (人数)          → staff
 *   集中排查对象 (A)                      → pair 1 (户数, 人数)            → screened
 *   其中： (B) over 脱贫户, 监测对象 (C)    → pairs 2 and 3                  → screenedAlleviated, screenedSubjects
 *   集中排查结果 (B) over the 纳入… cells  → a group over pairs 4–7
 *     纳入边缘易致贫户数 (C)                →   pair 4                       → includedMarginal
 *     纳入脱贫不稳定户数 (C)                →   pair 5                       → includedUnstable
 *     纳入突发严重困难户数 (C)              →   pair 6                       → includedSudden
 *     其中因纳入 (C)                      →   pair 7, 其中因疫情纳入        → includedCovid
 *   “回头看”情况 (A) over 总数, 回退, 清退 (C)         → three columns (户数) → reviewTotal, reverted, withdrawn
 *   问题整改 (B) over 排查问题总数, 问题整改数, 补正数据 (C) → three columns (个) → problemsFound, problemsRectified, dataCorrections
 *   培训人数 (B)                          → its own column (人数)          → trained
 *
 * Decisions, and why:
 * - 集中排查对象 is a pair of its own beside the 其中： group (脱贫户, 监测对象): “其中” means "of
 *   which", so the total comes first and the breakdown follows; no word is invented for the total.
 * - 其中因纳入 lost a word between 因 and 纳入. It stands after the three 纳入 cells and before 总数,
 *   and the unit line gives it the seventh 户数/人数 pair, so it is a sub-count of the newly included
 *   (a 回头看 column would have come after 总数 and would count households only). We restore it as
 *   其中因疫情纳入: 2022 added key group ⑧ (因新冠肺炎疫情影响生产及就业) to the screening and COVID has
 *   no risk type of its own in the national system, so this column is the only place the number
 *   shows. The restored word is the one guess of this header: `FORM1_RESTORED_WORD`.
 * - The unit line runs 户数 to the table's edge (twelve cells for seven columns: padding). The three
 *   回头看 columns keep 户数. 问题整改 counts problems, not households (unit 个), and 培训人数 counts
 *   people (人数).
 * - Header: three rows (two label rows and the unit row), generated from the tree below.
 */
import { group, leaf, pair, type ColumnNode } from './columns.js';
import type { Form1Row } from './rows.js';

/** The word lost from “其中因纳入” in the seed's extraction, restored (see the reading above). */
export const FORM1_RESTORED_WORD = '疫情';

/** Prints 是否专门安排部署: 是/否 for a village, "deployed/all" villages above it. */
export function deployedText(deployed: Form1Row['deployed']): string {
  if (typeof deployed === 'boolean') return deployed ? '是' : '否';
  return `${deployed.yes}/${deployed.of}`;
}

/** The place cells of a row: the town subtotal says 小计, the city row 全市合计. */
export function form1Place(row: Form1Row): { town: string; village: string } {
  if (row.level === 'city') return { town: '全市合计', village: '' };
  if (row.level === 'town') return { town: row.townName, village: '小计' };
  return { town: row.townName, village: row.villageName };
}

export const FORM1_COLUMNS: ColumnNode<Form1Row>[] = [
  leaf('镇街', (r) => form1Place(r).town, { width: 12 }),
  leaf('行政村', (r) => form1Place(r).village, { width: 12 }),
  leaf('是否专门安排部署', (r) => deployedText(r.deployed), { unit: '是/否', width: 9 }),
  leaf('参与集中排查的各级部门总人数', (r) => r.staff, { unit: '人数', width: 11 }),
  pair('集中排查对象', (r) => r.screened),
  group('其中：', [pair('脱贫户', (r) => r.screenedAlleviated), pair('监测对象', (r) => r.screenedSubjects)]),
  group('集中排查结果', [
    pair('纳入边缘易致贫户数', (r) => r.includedMarginal),
    pair('纳入脱贫不稳定户数', (r) => r.includedUnstable),
    pair('纳入突发严重困难户数', (r) => r.includedSudden),
    pair(`其中因${FORM1_RESTORED_WORD}纳入`, (r) => r.includedCovid),
  ]),
  group('“回头看”情况', [
    leaf('总数', (r) => r.reviewTotal, { unit: '户数', width: 7 }),
    leaf('回退', (r) => r.reverted, { unit: '户数', width: 7 }),
    leaf('清退', (r) => r.withdrawn, { unit: '户数', width: 7 }),
  ]),
  group('问题整改', [
    leaf('排查问题总数', (r) => r.problemsFound, { unit: '个', width: 8 }),
    leaf('问题整改数', (r) => r.problemsRectified, { unit: '个', width: 8 }),
    leaf('补正数据', (r) => r.dataCorrections, { unit: '个', width: 8 }),
  ]),
  leaf('培训人数', (r) => r.trained, { unit: '人数', width: 8 }),
];
