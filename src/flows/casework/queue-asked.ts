/**
 * A queue named first, then asked after (“市级审批还有几户没批”, “镇街审核有几件”, “审批的现在有多少”):
 * the queue's word, for the flows that open it (town-review.ts, city-approval.ts). What waits
 * asked with the word after (“有几户等着审批”) is casework()'s in ./common.ts.
 *
 * @example
 *   queueNamedThenAsked({ type: 'text', text: '市级审批还有几户没批' }, env)   // '市级审批'
 */
import type { Env, Input } from '../types.js';
import { normalize } from '../understand/index.js';

const NAMED_THEN_ASKED = /^(市级审批|市里审批|审批|镇街审核|镇上审核|镇里审核|审核)(?:的)?(?:现在|目前|今天)?(?:还)?(?:有|剩|剩下|差)?(?:几|多少|哪些|啥)(?:户|件|个|家|条)?(?:没批|没审|待批|待审|要批|要审|没有批|没有审|等着)?(?:的)?(?:了)?(?:吗|呢|啊)?[?？]?$/;

/** '市级审批' or '镇街审核' when the message names that queue and asks how much waits in it; else null. */
export function queueNamedThenAsked(input: Input, env: Env): '市级审批' | '镇街审核' | null {
  if (env.actor.sender.channel !== 'app' || input.type !== 'text') return null;
  const m = NAMED_THEN_ASKED.exec(normalize(input.text).replace(/\s+/g, ''));
  if (!m) return null;
  return (m[1] as string).endsWith('审批') ? '市级审批' : '镇街审核';
}
