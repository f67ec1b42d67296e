/**
 * The department part of the flows' read port, for one actor. A warning list sent as a file
 * message is fetched (WeCom media/get), read like the command line reads it
 * (src/bot/import/warnings.ts) and planned against the register (`planWarnings`) inside one read
 * transaction — nothing is written here; the flow's `department.import_warnings` command writes.
 *
 * Who may: a 行业部门 staff member (as their own department, from the staff table), the city
 * bureau and admins (any department: the 部门 column or the one the flow asks for) — the access
 * policy's `warning` resource. Everyone else is refused before anything is fetched.
 *
 * @example
 *   const data = departmentData(db, actor, { media: api });
 *   await data.previewWarningFile({ mediaId: '3a…', fileName: '5月医保预警.xlsx' }, null, now);
 */
import { MediaSizeError } from '../wecom/api.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideAccess } from '../../domain/access.js';
import { dayOf } from '../../domain/calendar.js';
import type { Department } from '../../domain/catalog.js';
import { countOutcomes, planWarnings, type WarningRow } from '../../domain/department-warning.js';
import type { LeadConfig } from '../../domain/lead.js';
import { addDays } from '../../domain/shanghai-days.js';
import type { DepartmentData, WarningFilePreview, WarningFileRead } from '../../flows/department/data.js';
import { WARNING_ROLES } from '../../flows/department/common.js';
import type { Actor } from '../../flows/types.js';
import { transaction, type Database, type Tx } from '../../persistence/db.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { listStaff } from '../../persistence/staff.js';
import { campaignOf, leadConfigOf } from './field-views.js';
import { viewerOf } from './viewer.js';
import { loadWarningLookups, warningProgress } from '../../persistence/warnings.js';
import { TableReadError } from '../import/table-reader.js';
import { templateXlsx } from '../import/templates.js';
import { readWarningTable } from '../import/warnings.js';
import { warningNotices, type NoticeSource } from '../import/warnings-notices.js';
import type { WeComApi } from '../wecom/api-types.js';

export interface DepartmentDataOptions {
  /** Fetches the files people send (null: no WeCom API wired, files cannot be read). */
  media: Pick<WeComApi, 'getMedia'> | null;
  lead?: LeadConfig;
  /** Rows a list sent in the chat may hold; longer lists go through the command line. */
  maxRows?: number;
  tz?: string;
}

const DEFAULT_MAX_ROWS = 3000;

/** The extension to read a downloaded file with: its name's, else what its first bytes say. */
function tableExtension(fileName: string, content: Buffer): string {
  const named = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (named) return named;
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (content.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return 'xls';
  return 'csv';
}

const fail = (kind: Extract<WarningFileRead, { ok: false }>['kind'], message: string): WarningFileRead => ({ ok: false, kind, message });

export function departmentData(db: Database, actor: Actor, opts: DepartmentDataOptions): DepartmentData {
  const read = <T>(fn: (tx: Tx) => Promise<T>) => transaction(db, fn);
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;

  /** Reads a downloaded table into checked rows and the rows refused while reading. */
  async function readTable(fileName: string, content: Buffer, department: Department | null, only: Department | null, today: string) {
    const dir = await mkdtemp(join(tmpdir(), 'shouwang-warnings-'));
    try {
      const path = join(dir, `list.${tableExtension(fileName, content)}`);
      await writeFile(path, content);
      const rows: WarningRow[] = [];
      const refused: Array<{ row: number; reason: string }> = [];
      let rowsRead = 0;
      let departmentMissing = false;
      for await (const r of readWarningTable(path, { today, department, only })) {
        if (++rowsRead > maxRows) return { tooMany: true as const };
        if (r.ok) rows.push(r.value);
        else {
          refused.push({ row: r.row, reason: r.problems.join('；') });
          departmentMissing ||= r.departmentMissing;
        }
      }
      return { tooMany: false as const, rows, refused, rowsRead, departmentMissing };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    myDepartment: () =>
      read(async (tx) => {
        const v = await viewerOf(tx, actor);
        return v?.staff.role === 'department' ? (v.staff.department ?? null) : null;
      }),

    async previewWarningFile(file, asked, now) {
      const viewer = await read((tx) => viewerOf(tx, actor));
      if (!viewer || !viewer.staff.active || !WARNING_ROLES.includes(viewer.staff.role)) return fail('not_allowed', '部门预警名单由行业部门或市乡村振兴局报送，您不能报送。');
      const own = viewer.staff.role === 'department' ? (viewer.staff.department ?? null) : null;
      if (viewer.staff.role === 'department' && !own) return fail('no_department', '您的账号没有登记所属行业部门，名单无法导入。请联系管理员在人员名单中填写“行业部门”。');
      const department = own ?? asked;
      if (department && !decideAccess(viewer, 'write', { kind: 'warning', department }).allowed) return fail('not_allowed', '只能报送本部门的预警名单。');
      if (!opts.media) return fail('download', '暂时无法读取文件（未连接企业微信）。请稍后再试，或请市乡村振兴局用命令行导入。');
      let got;
      try {
        got = await opts.media.getMedia(file.mediaId);
      } catch (e) {
        if (e instanceof MediaSizeError) return fail('download', `无法读取这个文件：${e.message}。请分成几个文件发送。`);
        return fail('download', '文件下载失败（文件可能已过期）。请重新发送一次。');
      }
      const fileName = file.fileName ?? got.fileName ?? '预警名单';
      const today = dayOf(now, opts.tz);
      let table;
      try {
        table = await readTable(fileName, got.content, department, own, today);
      } catch (e) {
        if (e instanceof TableReadError) return fail('unreadable', `名单「${fileName}」无法导入：${e.message}`);
        throw e;
      }
      if (table.tooMany) return fail('too_many_rows', `名单「${fileName}」超过 ${maxRows} 行，请分成几个文件发送，或请市乡村振兴局用命令行导入。`);
      if (table.departmentMissing && department === null) return fail('needs_department', '部门列为空');
      const preview = await read(async (tx): Promise<WarningFilePreview> => {
        const lookups = await loadWarningLookups(tx, table.rows);
        // The deadline the notices quote is the campaign's (as the import command will set it).
        const cfg = opts.lead ?? leadConfigOf(await campaignOf(tx, today));
        const plan = planWarnings(table.rows, lookups);
        const sources = plan.flatMap((p): NoticeSource[] =>
          p.outcome === 'opened' || p.outcome === 'merged' || p.outcome === 'subject' ? [{ outcome: p.outcome, target: p.target, warning: p.warning, deadline: p.outcome === 'opened' ? addDays(p.warning.warnedOn, cfg.deadlineDays) : null }] : [],
        );
        const notices = warningNotices(sources, await listStaff(tx), await loadRegionTree(tx), lookups.thresholds);
        const counts = countOutcomes(plan);
        counts.refused += table.refused.length;
        const refused = [...table.refused, ...plan.flatMap((p) => (p.outcome === 'refused' ? [{ row: p.row, reason: p.reason }] : []))].sort((a, b) => a.row - b.row);
        const below = [...new Set(plan.flatMap((p) => (p.outcome === 'below_threshold' ? [p.warning.department] : [])))];
        return {
          fileName, departments: [...new Set(table.rows.map((r) => r.warning.department))], rowsRead: table.rowsRead, counts, refused, notices,
          thresholds: below.flatMap((d) => { const t = lookups.thresholds[d]; return t ? [{ department: d, threshold: t }] : []; }),
          rows: plan.flatMap((p) => (p.outcome === 'opened' || p.outcome === 'merged' || p.outcome === 'subject' || p.outcome === 'below_threshold' ? [{ row: p.row, warning: p.warning }] : [])),
        };
      });
      return { ok: true, preview };
    },

    async warningTemplate() {
      return { fileName: '部门预警名单模板.xlsx', contentBase64: (await templateXlsx('warnings')).toString('base64') };
    },

    warningProgress: (now) =>
      read(async (tx) => {
        const viewer = await viewerOf(tx, actor);
        if (!viewer || !viewer.staff.active) return null;
        const today = dayOf(now, opts.tz);
        if (viewer.staff.role === 'department') return viewer.staff.department ? warningProgress(tx, viewer.staff.department, today) : null;
        return WARNING_ROLES.includes(viewer.staff.role) ? warningProgress(tx, null, today) : null;
      }),
  };
}
