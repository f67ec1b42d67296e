/**
 * Choosing the monitoring subject a 回头看 (eliminated) or 跟进 (open) is about: by the name given
 * with the command, or from the list of those not yet done this campaign. Only subjects of the
 * asker's own area are ever listed or found.
 *
 * @example
 *   const r = await findSubjects(env, 'eliminated', '张三');
 *   // { kind: 'one', subject } | { kind: 'none', text } | { kind: 'many', candidates, text }
 */
import { CATEGORY, type Category, type Measure, type RiskType } from '../../domain/catalog.js';
import { shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import type { StableSince } from '../../domain/subject.js';
import type { Env } from '../types.js';
import { choiceOf, householdLabel, numbered } from './common.js';
import type { FieldSubject } from './data.js';
import { areaWord, nameIn } from './pick-household.js';

/** What a flow keeps of a subject in its state. */
export interface SubjectRef {
  id: number;
  householdId: number;
  headName: string;
  label: string;
  category: Category;
  includedOn: Day;
  since?: StableSince;
  eliminatedOn: Day | null;
  noLabour: boolean;
  risks: RiskType[];
  measuresDone: Measure[];
}

export const subjectRef = (s: FieldSubject): SubjectRef => ({
  id: s.id, headName: s.household.headName, householdId: s.household.id, label: householdLabel(s.household), category: s.category,
  includedOn: s.includedOn, since: s.since, eliminatedOn: s.eliminatedOn, noLabour: s.household.noLabour, risks: s.risks, measuresDone: s.measuresDone,
});

const KIND: Record<'eliminated' | 'open', string> = { eliminated: '已消除风险的监测对象', open: '风险未消除的监测对象' };
const LIST_MAX = 20;

export type SubjectPick =
  | { kind: 'one'; subject: SubjectRef }
  | { kind: 'none'; text: string; final: boolean }
  | { kind: 'many'; candidates: SubjectRef[]; text: string };

const line = (s: SubjectRef) => `${s.label}，${CATEGORY.label[s.category]}`;

/** Subjects named `name`, or (no name) those not yet recorded this campaign. */
export async function findSubjects(env: Env, status: 'eliminated' | 'open', name: string | null, verb: string): Promise<SubjectPick> {
  const area = areaWord(env);
  if (name) {
    const found = (await env.data.fieldSubjects(status, shanghaiDay(env.now), name)).map(subjectRef);
    if (found.length === 0) return { kind: 'none', final: false, text: `在您的${area}内没有找到“${name}”户的${KIND[status]}（${verb}只针对${KIND[status]}）。请核对姓名再发一次，或发送“取消”退出。` };
    if (found.length === 1) return { kind: 'one', subject: found[0]! };
    return { kind: 'many', candidates: found, text: `您的${area}内有${found.length}户对得上“${name}”：\n${numbered(found.map(line))}\n请回复序号。` };
  }
  const all = await env.data.fieldSubjects(status, shanghaiDay(env.now));
  const due = all.filter((s) => !s.recordedThisCampaign).map(subjectRef);
  if (all.length === 0) return { kind: 'none', final: true, text: `您的${area}内没有${KIND[status]}，无需${verb}。` };
  if (due.length === 0) return { kind: 'none', final: true, text: `您的${area}内${all.length}户${KIND[status]}本次都已${verb}。需要更正某一户，请发送“${verb} 户主姓名”。` };
  const shown = due.slice(0, LIST_MAX);
  const more = due.length > shown.length ? `\n还有${due.length - shown.length}户未列出，可直接回复户主姓名。` : '';
  return { kind: 'many', candidates: shown, text: `待${verb}的户（${due.length}户）：\n${numbered(shown.map(line))}${more}\n请回复序号或户主姓名。` };
}

/** The reply to a list: a number, or a name to look up. */
export function chosenSubject(text: string, candidates: SubjectRef[]): { subject: SubjectRef } | { name: string } | null {
  const n = choiceOf(text, candidates.length);
  if (n !== null) return { subject: candidates[n - 1]! };
  const name = nameIn(text);
  return name ? { name } : null;
}
