/**
 * The official flows, in the order they are tried: the weekly confirmations and the questions
 * with their own words (图, 排名, 督导) before the questions `classifyIntent` reads (导出, 零问题,
 * 还没报, 超期, 进度). Appended to the registry as one block.
 */
import type { Flow } from '../types.js';
import { chartFlow } from './chart.js';
import { exportFormFlow } from './export-form.js';
import { notReportedFlow } from './not-reported.js';
import { overdueLeadsFlow } from './overdue-leads.js';
import { activityQuestionFlow } from './activity.js';
import { progressFlow } from './progress.js';
import { rankingFlow } from './ranking.js';
import { staffRosterFlow } from './staff-roster.js';
import { supervisionFlow } from './supervision.js';
import { unscreenedFlow } from './unscreened.js';
import { villageReportFlow } from './village-report.js';
import { weekCompareFlow } from './week-compare.js';
import { weeklyReportFlow } from './weekly-report.js';
import { zeroProblemFlow } from './zero-problem.js';

export const officialFlows: Flow[] = [
  // “这周比上周…” before the week's own confirmations and the plain progress question.
  weekCompareFlow,
  // “…网格员都是谁”, “…谁负责”: the roster, before a question word reads as progress.
  staffRosterFlow,
  // “哪些户没排查”: a list, before a question word reads as progress.
  unscreenedFlow,
  villageReportFlow,
  weeklyReportFlow,
  chartFlow,
  rankingFlow,
  supervisionFlow,
  exportFormFlow,
  zeroProblemFlow,
  notReportedFlow,
  overdueLeadsFlow,
  // “这个月培训了多少人”: before progress, which would read 培训 as a place.
  activityQuestionFlow,
  progressFlow,
];
