/**
 * A queue named first, then asked after (“市级审批还有几户没批”, “镇街审核有几件”, “审批的现在有多少”):
 * the queue's word, for the flows that open it (town-review.ts, city-approval.ts). What waits
 * asked with the word after (“有几户等着审批”) is casework()'s in ./common.ts. A second question
 * joined to the queue's (“…审核 顺便看下超期的”) is answered too (`withSecondAnswer`).
 *
 * @example
 *   queueNamedThenAsked({ type: 'text', text: '市级审批还有几户没批' }, env)   // '市级审批'
 */
import { officialFlows } from '../official/index.js';
import type { Effect, Env, Input, StepResult } from '../types.js';
import { normalize } from '../understand/index.js';

const NAMED_THEN_ASKED = /^(市级审批|市里审批|审批|镇街审核|镇上审核|镇里审核|审核)(?:的)?(?:现在|目前|今天)?(?:还)?(?:有|剩|剩下|差)?(?:几|多少|哪些|啥)(?:户|件|个|家|条)?(?:没批|没审|待批|待审|要批|要审|没有批|没有审|等着)?(?:的)?(?:了)?(?:吗|呢|啊)?[?？]?$/;

/** '市级审批' or '镇街审核' when the message names that queue and asks how much waits in it; else null. */
export function queueNamedThenAsked(input: Input, env: Env): '市级审批' | '镇街审核' | null {
  if (env.actor.sender.channel !== 'app' || input.type !== 'text') return null;
  const m = NAMED_THEN_ASKED.exec(normalize(input.text).replace(/\s+/g, ''));
  if (!m) return null;
  return (m[1] as string).endsWith('审批') ? '市级审批' : '镇街审核';
}

/** What joins a second question to the first: “顺便看下”, “另外”, “还有”, “再查下”. */
const JOINED = /[\s,，。;；]+(?:顺便|顺带|另外|还有|再|同时)(?:帮我|给我|也)?(?:看下|看一下|看看|查下|查一下|说下|说一下|问下|问一下)?/;

/**
 * The queue's answer, and with it the answer to a second question joined to the first (“有几户
 * 等着镇上审核 顺便看下超期的”) when an official question answers it at once; the second is said
 * after a queue that is done and before the first case of one that waits (so the case card stays last).
 */
export async function withSecondAnswer(first: StepResult, input: Input, env: Env): Promise<StepResult> {
  if (input.type !== 'text') return first;
  const m = JOINED.exec(input.text);
  if (!m || m.index === 0) return first;
  const second: Input = { type: 'text', text: input.text.slice(m.index + m[0].length).trim() };
  if (second.text.length < 2) return first;
  const flow = officialFlows.find((f) => f.matches(second, env));
  if (!flow) return first;
  const answered = await flow.start(second, env);
  if (answered.status !== 'done') return first;
  const also: Effect[] = answered.effects;
  return { ...first, effects: first.status === 'done' ? [...first.effects, ...also] : [...also, ...first.effects] };
}
