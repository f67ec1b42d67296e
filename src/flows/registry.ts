/**
 * The one list of flows, in priority order: when no flow is waiting, the first whose `matches`
 * is true starts. Every flow listed here must have a transcript test in test/flows/<name>.test.ts
 * (test/flows/registry.test.ts fails otherwise).
 */
import { caseworkFlows } from './casework/index.js';
import { departmentFlows } from './department/index.js';
import { farmerFlows, welcomeFlow } from './farmer/index.js';
import { activityFlow } from './field/activity.js';
import { followUpFlow } from './field/follow-up.js';
import { generalScreeningFlow } from './field/general-screening.js';
import { keyGroupScreeningFlow } from './field/key-group-screening.js';
import { leadStatusFlow } from './field/lead-status.js';
import { leadVisitFlow } from './field/lead-visit.js';
import { meetingFlow } from './field/meeting.js';
import { meetingTalkFlow } from './field/meeting-talk.js';
import { problemFixFlow } from './field/problem-fix.js';
import { problemReportFlow } from './field/problem-report.js';
import { recordCorrectionFlow } from './field/record-correction.js';
import { reviewFlow } from './field/review.js';
import { todoFlow } from './field/todo.js';
import { helpFlow } from './help.js';
import { officialFlows } from './official/index.js';
import type { Flow } from './types.js';

export const flows: Flow[] = [
  // Farmers entering from a village poster (enter_session with a scene) are welcomed by name;
  // help answers every other entry.
  welcomeFlow,
  helpFlow,
  // Casework after the 研判会 (镇街审核, 市级审批, 风险消除, 清退): test/flows/casework/.
  ...caseworkFlows,
  // Field (grid workers, cadres, screening teams): test/flows/field/.
  keyGroupScreeningFlow,
  // Before the general screening: a lead's 入户核查, 承诺授权, 信息比对 told done (“冯文斌家那个线索 入户核查过了 …”),
  // and (before the officials' 超期线索) where one household's lead stands (“冯文斌家那个线索到哪一步了”).
  leadVisitFlow,
  leadStatusFlow,
  // Before the general screening: a correction after the fact of 附件2/4/5 (the general one is handed on).
  recordCorrectionFlow,
  generalScreeningFlow,
  reviewFlow,
  followUpFlow,
  todoFlow,
  // Before the 研判会: its day said moved, it said over, its 公示 said posted — nothing recorded.
  meetingTalkFlow,
  meetingFlow,
  problemReportFlow,
  problemFixFlow,
  activityFlow,
  // Farmers (微信客服) and the grid worker's confirmation of a binding: test/flows/farmer/.
  ...farmerFlows,
  // Departments and the city bureau: warning lists, the template, their progress: test/flows/department/.
  // Before the officials: “预警进度” is about the warnings, not a place called 预警.
  ...departmentFlows,
  // Officials (towns, the city, village reports): test/flows/official/.
  ...officialFlows,
];
