/**
 * Understanding Chinese free text, for the conversations. Pure: no I/O, no clock ("today" is an
 * argument), imports only the domain and its own files. Every parser reads the normalized text
 * and leaves the original untouched for storage; quotes (risk evidence, amounts) are cut from
 * the original so the person's own words are kept.
 *
 * @example
 *   import { parseYesNo, parseAmount, parseMultiSelect, classifyIntent } from './understand/index.js';
 *   parseYesNo('嗯，没有风险')                      // 'no'
 *   parseAmount('看病花了三万多')?.value             // 30000 (approx: 'more')
 *   parseMultiSelect('1、3、5', 10)                 // { ok: true, values: [1, 3, 5] }
 *   classifyIntent('高家堡镇进度', 'town_official') // { kind: 'progress', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } }
 */

/** Full-width → half-width, punctuation and whitespace; `normalize('１、３')` → '1、3'. */
export { normalize, normalizeWithOffsets, quoteOriginal, type NormalizedText } from './normalize.js';
/** 是/否: `parseYesNo('没有')` → 'no'; `readYesNo('有，儿子住院了')` → { answer: 'yes', rest: '儿子住院了' }. */
export { parseYesNo, readYesNo, type YesNo, type YesNoOptions, type YesNoReading } from './yes-no.js';
/** Numbers: `parseChineseNumber('两千五')` → { value: 2500 }. */
export { parseChineseNumber, type Quantity } from './numbers.js';
/** Money and counts: `parseAmount('花了三万多')`, `parseCount('5口人')` → { value: 5, unit: '口人' }. */
export {
  findAmounts, findQuantities, parseAmount, parseCount, PEOPLE_UNITS,
  type Amount, type AmountKind, type Count, type QuantitySpan,
} from './quantities.js';
/** Options: `parseMultiSelect('一三五', 10)` → { ok: true, values: [1, 3, 5] }. */
export { parseMultiSelect, type MultiSelect, type MultiSelectProblem } from './multi-select.js';
/** 身份证号, its tail, mobiles: `extractIdTail('尾号123x')` → '123X'. */
export { extractIdNumber, extractIdTail, extractPhone, type IdExtraction, type PhoneExtraction } from './identity.js';
/** Names: `extractName('户主李四')` → { name: '李四', who: 'head' }. */
export { extractName, type NameWho } from './names.js';
/** Days: `parseDay('上周四', '2022-05-12')` → '2022-05-05'. */
export { parseDay } from './dates.js';
/** Places: `resolveRegion('gjb', regions)` → { kind: 'one', region: 高家堡镇, by: 'alias', matched: 'gjb' }. */
export { resolveRegion, type MatchStrength, type RegionResolution, type ResolveRegionOptions } from './regions.js';
/** Officials' own questions: `readOfficialAsk('进度图')` → { view: 'chart', chart: 'coverage', scope: { kind: 'own' } }. */
export { readOfficialAsk, type OfficialAsk, type OfficialView } from './official-asks.js';
/** Officials' questions in their own words: `readOfficialQuestion('咱镇排查了多少户了')` → { kind: 'progress', scope: { kind: 'own' } }. */
export { questionScope, readOfficialQuestion, type OfficialQuestion } from './official-questions.js';
/** Facts beside the risks: `readIncome('一年收入就两千五')`, `readLabour('瘫在炕上')`, `readAssistanceRequest('想申请低保')`. */
export {
  looksLikeHardshipAccount, readAssistanceRequest, readIncome, readLabour, suddenHardshipHint, withRepeatedCosts,
  ASSISTANCE_LABEL, type AssistanceKind, type IncomeStatement, type LabourReading,
} from './facts.js';
/** Risks: `classifyRisks('没水喝')` → [{ riskType: 'drinking_water', evidence: ['没水喝'] }]. */
export { classifyRisks, extractAmounts, unclearClosures, type RiskAmount, type RiskMention, type UnclearClosure } from './risks.js';
/** Top-level intents: `classifyIntent('取消', 'farmer')` → { kind: 'cancel' }. */
export {
  areaScope, classifyIntent, splitAside,
  type AreaScope, type Asker, type ExportForm, type Intent, type IntentKind, type PolicyTopic,
} from './intents.js';
/** 排查 reports in the worker's own words, read with the area's roster: `readScreeningReports('马有福家已入户，没问题，政策都知道', roster)`. */
export { readScreeningReports, type NameMention, type ScreeningReading, type ScreeningReport, type ScreeningRoster } from './screening-report.js';
/** Typed-wrong names: `soundsAlike('张晶', '张静')` → true; `nameSlip('刘有财', '刘有才')` → true. */
export { looksLikeSlip, nameSlip, soundsAlike } from './name-sounds.js';
