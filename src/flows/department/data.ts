/**
 * What the department flows read, through `env.data` (implemented in
 * src/bot/flow-data/department.ts). Built per actor: a 行业部门 staff member reads their own
 * department's warnings only; 市乡村振兴局 and 管理员 read every department's. Nothing here writes:
 * a previewed file is imported by the `department.import_warnings` command.
 *
 * @example
 *   const r = await env.data.previewWarningFile({ mediaId: 'm1', fileName: '5月医保预警.xlsx' }, null, env.now);
 *   // { ok: true, preview: { fileName, rowsRead: 8, counts: { opened: 3, … }, refused: [{ row: 4, reason: '…' }], notices: [...], rows: [...] } }
 *   // { ok: false, kind: 'needs_department', message: '…' }   (a city bureau's file without 部门)
 */
import type { Department } from '../../domain/catalog.js';
import type { WarningOutcome, WarningProgress, WarningRow, WarningThreshold } from '../../domain/department-warning.js';
import type { Role } from '../../domain/roles.js';
import type { Day } from '../../domain/shanghai-days.js';

/** A staff member told about warnings in their area (grid worker, village cadre; town official when nobody covers the village). */
export interface NoticeRecipient {
  userId: string;
  name: string;
  role: Role;
}

/** One warning as the responsible staff read it (the person's ID masked). */
export interface WarningNoticeItem {
  department: Department;
  warnedOn: Day;
  /** The warned person. */
  person: string;
  maskedId: string;
  /** The household's head when the person is on the register; null for a person not on it. */
  householdHead: string | null;
  villageName: string;
  reason: string;
  /** "自付费用23,456元", when the row carried an amount. */
  amountText: string | null;
  /** 'subject': the household is already an open monitoring subject; the find was added to it (no lead, no clock). */
  outcome: 'opened' | 'merged' | 'subject';
  /** The lead's deadline when it opened now (a merged find keeps the open lead's clock). */
  deadline: Day | null;
}

/** One notice: everything of one file that concerns one staff member. */
export interface WarningNotice {
  to: NoticeRecipient;
  items: WarningNoticeItem[];
}

/** What importing a file would do, read before anything is written. */
export interface WarningFilePreview {
  fileName: string;
  /** The departments of the readable rows (the list's own, for the summary). */
  departments: Department[];
  /** Data rows read (blank rows skipped). */
  rowsRead: number;
  counts: Record<WarningOutcome, number>;
  /** Rows not imported, by row number, with the reason (ID numbers masked). */
  refused: Array<{ row: number; reason: string }>;
  /** The thresholds that held rows back (for the summary). */
  thresholds: Array<{ department: Department; threshold: WarningThreshold }>;
  notices: WarningNotice[];
  /** The rows to import (everything readable), carried by the import command. */
  rows: WarningRow[];
}

export type WarningFileRead =
  | { ok: true; preview: WarningFilePreview }
  /**
   * not_allowed: the asker may not send warnings; no_department: a 行业部门 account without its
   * department; needs_department: rows without 部门 and nobody said which; download: the file
   * could not be fetched; unreadable: not a table, or no header; too_many_rows: for the command line.
   */
  | { ok: false; kind: 'not_allowed' | 'no_department' | 'needs_department' | 'download' | 'unreadable' | 'too_many_rows'; message: string };

/** Where one department's warnings stand (the domain's `WarningProgress`). */
export type DepartmentWarningProgress = WarningProgress;

export interface DepartmentData {
  /** The department the asking 行业部门 staff member speaks for; null for anyone else or when not set. */
  myDepartment(): Promise<Department | null>;
  /**
   * Fetches a file sent in the chat (media/get) and works out what importing it would do, as
   * `department` (a 行业部门 always as their own; the city may name one, or rely on the 部门 column).
   */
  previewWarningFile(file: { mediaId: string; fileName: string | null }, department: Department | null, now: number): Promise<WarningFileRead>;
  /** The warning list template as an xlsx, for the chat. */
  warningTemplate(): Promise<{ fileName: string; contentBase64: string }>;
  /** The asker's department's warnings (the city: every department's); null when the asker may not see them. */
  warningProgress(now: number): Promise<DepartmentWarningProgress[] | null>;
}
