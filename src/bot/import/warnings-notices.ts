/**
 * Who is told about the warnings of a file, and what each of them reads about: the responsible
 * staff of every affected household or village (src/domain/farmer-routing.ts — the household's
 * 联系干部 or the grid's / village's grid workers, then the village cadres; town officials when
 * nobody covers the village), grouped so that each person gets ONE notice per file.
 *
 * @example
 *   warningNotices([{ outcome: 'opened', target, warning, deadline: '2022-06-04' }], roster, tree, thresholds)
 *   // [{ to: { userId: 'wangwu', name: '王五', role: 'grid_worker' }, items: [{ person: '张三', householdHead: '张三', villageName: '凉水井村', … }] }]
 */
import { formatYuan, type DepartmentWarning, type WarningTarget, type WarningThresholds } from '../../domain/department-warning.js';
import { responsibleStaff } from '../../domain/farmer-routing.js';
import type { RegionTree } from '../../domain/hierarchy.js';
import { maskIdNumber } from '../../domain/privacy.js';
import type { Day } from '../../domain/calendar.js';
import type { Staff } from '../../domain/types.js';
import type { WarningNotice, WarningNoticeItem } from '../../flows/department/data.js';

export interface NoticeSource {
  /** A lead opened or joined, or (the household is an open monitoring subject) the find added to the subject. */
  outcome: 'opened' | 'merged' | 'subject';
  target: WarningTarget;
  warning: DepartmentWarning;
  /** The lead's deadline when it opened; null for a find merged into an open lead. */
  deadline: Day | null;
}

export function noticeItem(s: NoticeSource, tree: RegionTree, thresholds: WarningThresholds): WarningNoticeItem {
  const w = s.warning;
  return {
    department: w.department,
    warnedOn: w.warnedOn,
    person: w.name,
    maskedId: maskIdNumber(w.idNumber),
    householdHead: s.target.kind === 'household' ? s.target.headName : null,
    villageName: tree.byCode.get(s.target.placement.villageCode)?.name ?? s.target.placement.villageCode,
    reason: w.reason,
    amountText: w.amountYuan === null ? null : `${thresholds[w.department]?.amountLabel ?? '金额'}${formatYuan(w.amountYuan)}`,
    outcome: s.outcome,
    deadline: s.outcome === 'opened' ? s.deadline : null,
  };
}

/** One notice per responsible staff member, in the order they first appear; items in file order. */
export function warningNotices(sources: readonly NoticeSource[], roster: readonly Staff[], tree: RegionTree, thresholds: WarningThresholds): WarningNotice[] {
  const byUser = new Map<string, WarningNotice>();
  for (const s of sources) {
    const contact = s.target.kind === 'household' ? s.target.contactStaff : null;
    const item = noticeItem(s, tree, thresholds);
    for (const staff of responsibleStaff(roster, tree, s.target.placement, contact)) {
      let n = byUser.get(staff.userId);
      if (!n) byUser.set(staff.userId, (n = { to: { userId: staff.userId, name: staff.name, role: staff.role }, items: [] }));
      n.items.push(item);
    }
  }
  return [...byUser.values()];
}
