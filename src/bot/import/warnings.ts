/**
 * `import warnings <file> [--department 医保] [--by UserID]`: a department's warning list
 * (部门筛查预警), streamed and written in batches (one transaction each). Every readable row is
 * planned by the domain (`planWarnings`: lead opened, merged into the household's open lead, below
 * the threshold, imported before, refused) and written by `recordWarnings`; the responsible grid
 * workers and village cadres get one notice per batch each (outbox rows in the same transaction),
 * delivered by the server's outbox sender. Re-importing the same file opens nothing new.
 *
 * `readWarningTable` is shared with the chat (src/bot/flow-data/department.ts): a file sent as a
 * message is read the same way.
 *
 * @example
 *   const { counts, report, summary } = await importWarnings(db, '5月医保预警.xlsx', { now: Date.now(), actor: 'yibao01', department: 'medical_insurance', onlyDepartment: 'medical_insurance' });
 */
import { basename } from 'node:path';
import { dayOf } from '../../domain/calendar.js';
import type { Department } from '../../domain/catalog.js';
import { countOutcomes, duplicateReason, planWarnings, warningKey, type WarningOutcome, type WarningRow } from '../../domain/department-warning.js';
import type { LeadConfig } from '../../domain/lead.js';
import { risksOfNote } from '../../flows/understand/risks.js';
import { campaignOf, leadConfigOf } from '../flow-data/field-views.js';
import { noticeText, countsText } from '../../flows/department/texts.js';
import { transaction, type Database } from '../../persistence/db.js';
import { storeOutbound } from '../../persistence/outbox.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { withRetry } from '../../persistence/sql.js';
import { listStaff } from '../../persistence/staff.js';
import { loadWarningLookups, recordWarnings } from '../../persistence/warnings.js';
import type { ImportOptions, ImportResult } from './households.js';
import { readRecords } from './records.js';
import { ImportReport, type RowProblem } from './report.js';
import { warningNotices, type NoticeSource } from './warnings-notices.js';
import { parseWarningRow, WARNING_COLUMNS, type WarningParseContext } from './warnings-rows.js';

export interface WarningImportOptions extends ImportOptions {
  /** The department of the list: fills empty 部门 cells. */
  department?: Department | null;
  /** The only department allowed (the importing 行业部门's own): rows naming another are refused. */
  onlyDepartment?: Department | null;
  /** Warning rows per transaction (default 500). */
  batchRows?: number;
  lead?: LeadConfig;
}

export interface WarningImportCounts extends Record<WarningOutcome, number> {
  /** Data rows read. */
  rows: number;
  /** Staff members notified (each gets one notice per batch of the file). */
  notified: number;
}

/** One row of a warning table as read: the checked warning, or why it cannot be read. */
export type WarningTableRow = { row: number; ok: true; value: WarningRow } | { row: number; ok: false; problems: string[]; departmentMissing: boolean };

/** The rows of a warning table (xlsx or csv), checked one by one. Throws TableReadError when it is not a table. */
export async function* readWarningTable(file: string, ctx: WarningParseContext, onHeader?: Parameters<typeof readRecords>[2]): AsyncGenerator<WarningTableRow> {
  for await (const rec of readRecords(file, WARNING_COLUMNS, onHeader)) {
    const parsed = parseWarningRow(rec, ctx);
    if (parsed.ok) yield { row: rec.row, ok: true, value: parsed.row };
    else yield { row: rec.row, ok: false, problems: parsed.problems, departmentMissing: ctx.department === null && rec.get('department') === '' };
  }
}

export async function importWarnings(db: Database, file: string, opts: WarningImportOptions): Promise<ImportResult<WarningImportCounts>> {
  const report = await ImportReport.open(file, opts);
  try {
    const counts: WarningImportCounts = { rows: 0, notified: 0, ...countOutcomes([]) };
    const fileName = basename(file);
    const ctx: WarningParseContext = { today: dayOf(opts.now, opts.tz), department: opts.department ?? null, only: opts.onlyDepartment ?? null };
    // The campaign's identification limit, as for every lead (opts.lead overrides it in tests).
    const cfg = opts.lead ?? leadConfigOf(await campaignOf(db.manager, ctx.today));
    const [tree, roster] = [await loadRegionTree(db.manager), await listStaff(db.manager)];
    const firstRow = new Map<string, number>();
    const told = new Set<string>();
    let batch: WarningRow[] = [];
    let problems: RowProblem[] = [];
    const flush = async () => {
      const written = await withRetry(() =>
        transaction(db, async (tx) => {
          const lookups = await loadWarningLookups(tx, batch);
          const recorded = await recordWarnings(tx, planWarnings(batch, lookups), { actor: opts.actor, at: opts.now, fileName, inboundId: null }, cfg, lookups.thresholds, risksOfNote);
          const sources = recorded.flatMap((r): NoticeSource[] =>
            r.outcome === 'opened' || r.outcome === 'merged' ? [{ outcome: r.outcome, target: r.target, warning: r.warning, deadline: r.deadline }]
            : r.outcome === 'subject' ? [{ outcome: r.outcome, target: r.target, warning: r.warning, deadline: null }]
            : [],
          );
          const notices = warningNotices(sources, roster, tree, lookups.thresholds);
          await storeOutbound(tx, notices.map((n) => ({ channel: 'app' as const, recipient: n.to.userId, payload: { type: 'text', text: noticeText(n, fileName) } })), opts.now);
          return { recorded, notified: notices.map((n) => n.to.userId) };
        }),
      );
      for (const r of written.recorded) {
        counts[r.outcome]++;
        // planWarnings refuses here only what the register cannot place (duplicates were caught below).
        if (r.outcome === 'refused') problems.push({ row: r.row, message: r.reason });
      }
      for (const userId of written.notified) told.add(userId);
      counts.notified = told.size;
      await report.add(problems);
      batch = [];
      problems = [];
    };
    for await (const r of readWarningTable(file, ctx, report.listUnknownColumns)) {
      counts.rows++;
      if (!r.ok) {
        counts.refused++;
        problems.push({ row: r.row, message: r.problems.join('；') });
        continue;
      }
      const key = warningKey(r.value.warning);
      const earlier = firstRow.get(key);
      if (earlier !== undefined) {
        counts.refused++;
        problems.push({ row: r.row, message: duplicateReason(earlier) });
        continue;
      }
      firstRow.set(key, r.row);
      batch.push(r.value);
      if (batch.length >= (opts.batchRows ?? 500)) await flush();
    }
    await flush();
    const summary = [
      `导入部门预警：${fileName}`,
      `读取 ${counts.rows} 行：${countsText(counts)}`,
      ...(counts.notified > 0 ? [`已通知 ${counts.notified} 人（所在村的网格员、村干部），由发件箱发出`] : []),
    ];
    return { counts, report, summary };
  } finally {
    await report.close();
  }
}
