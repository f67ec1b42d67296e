/**
 * A 一般户排查 said about the record just made, with no household named: a correction after the
 * fact (“不对，是电话问的”, “刚才那个改成电话核实”, “刚才那户其实有风险 因病”) or another household
 * reported as that one (“杨建平家也一样”). Both are about the asker's latest record of the form,
 * made today within the last half hour (`AFTERWARDS_MS`); older than that, the household is asked,
 * never guessed.
 *
 * @example
 *   const last = await lastRecord(env);          // the asker's record of 王在田, saved 2 minutes ago
 *   correctionLine(reading)                       // { method: 'phone' } from “不对，是电话问的”
 */
import type { ScreeningMethod } from '../../domain/catalog.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import type { Env } from '../types.js';
import { SAME_AS_BEFORE, withoutCorrectionWords } from '../understand/corrections.js';
import type { ScreeningReading } from '../understand/screening-report.js';
import type { LastScreening } from './data.js';
import type { Line } from './screening-items.js';

/** How long after a record a correction naming no household is still taken to be about it. */
export const AFTERWARDS_MS = 30 * 60_000;

/** The asker's 一般户排查 record saved today within `AFTERWARDS_MS`, if any. */
export function lastRecord(env: Env): Promise<LastScreening | null> {
  return env.data.lastOwnScreening('general', env.now - AFTERWARDS_MS, shanghaiDay(env.now));
}

/**
 * The fields a correction says (its 备注 words are the correction's, not the household's): the
 * risk detail without the words that point back (“刚才那户其实，因病” → “因病”).
 */
export function correctionLine(reading: ScreeningReading): Line {
  const out: Line = {};
  for (const r of reading.reports) {
    if (r.method !== undefined) out.method = r.method;
    if (r.knowsPolicy !== undefined) out.knowsPolicy = r.knowsPolicy;
    if (r.risk !== undefined) {
      out.risk = r.risk;
      const detail = r.risk ? withoutCorrectionWords(r.riskDetail ?? '') : '';
      if (detail) out.riskDetail = detail;
      else delete out.riskDetail;
    }
  }
  return out;
}

/** “不是入户 是打电话”: the way taken back is no way said (only the one that replaces it is read). */
export function withoutDeniedWay(text: string): string {
  return text.replace(/(?:不是|没有|没)(?:入户|上门|走访|到户|打(?:的)?电话|电话|微信|视频)(?:的)?/g, ' ');
}

/** “杨建平家也一样”: households named, none of the form's fields said, and the words that refer to the one before. */
export function sameAsBefore(text: string, reading: ScreeningReading): boolean {
  return SAME_AS_BEFORE.test(text) && reading.words === 0 && reading.reports.some((r) => r.names.length > 0);
}

/**
 * What “也一样” takes from the record before: the way and the policy, and whether there is a risk —
 * but not the risk's details, which are the other household's (they are asked).
 */
export function lineLike(last: LastScreening): Line {
  const a = last.answers ?? {};
  const out: Line = {};
  if (typeof a.method === 'string') out.method = a.method as ScreeningMethod;
  if (typeof a.riskFound === 'boolean') out.risk = a.riskFound;
  if (typeof a.knowsPolicy === 'boolean') out.knowsPolicy = a.knowsPolicy;
  return out;
}
