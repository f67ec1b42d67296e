/**
 * A second question joined to a question about a review queue (“…审核 顺便看下超期的”) is answered
 * too (`withSecondAnswer`), for the flows that open the queues (town-review.ts, city-approval.ts);
 * the queue itself is recognized by casework() in ./common.ts, however it is asked.
 *
 * @example
 *   return withSecondAnswer(await openTownQueue(env), input, env);
 */
import { officialFlows } from '../official/index.js';
import type { Effect, Env, Input, StepResult } from '../types.js';

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
