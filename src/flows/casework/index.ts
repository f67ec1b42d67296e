/**
 * The casework flows (docs/CASEWORK.md): what happens to a case after the village's 研判会 and
 * 公示 — 镇街审核, 市级审批与公告, and the requests that change a subject later (风险消除, 清退;
 * 回退 comes from the 回头看, src/flows/field/review.ts). Transcripts: test/flows/casework/.
 */
import type { Flow } from '../types.js';
import { cityApprovalFlow } from './city-approval.js';
import { comparisonFlow } from './comparison.js';
import { eliminateFlow } from './eliminate.js';
import { townReviewFlow } from './town-review.js';
import { withdrawFlow } from './withdraw.js';

export const caseworkFlows: Flow[] = [townReviewFlow, cityApprovalFlow, eliminateFlow, withdrawFlow, comparisonFlow];
