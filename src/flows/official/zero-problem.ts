/**
 * 零问题的村: villages that have reported no problem at all in the campaign — a 督导 target (a
 * village that found nothing was probably not looked at closely). Same rule and numbers as the
 * 督导名单 (src/domain/supervision.ts), answered on its own because officials ask it on its own.
 *
 * @example
 *   // 赵六 (高家堡镇): “零问题的村”
 *   // → **高家堡镇零问题的村**（截至5月13日）\n共2个（全镇2个村）：凉水井村、新村 …
 */
import { classifyIntent } from '../understand/intents.js';
import { readOfficialAsk } from '../understand/official-asks.js';
import { denialText } from './place.js';
import { placeQuestion } from './question.js';
import { villageName } from './supervision.js';
import { chineseDay, markdownReply, nameList, reply, say } from './words.js';
import { POLICY } from '../../domain/roles.js';

export const zeroProblemFlow = placeQuestion({
  name: 'official/zero-problem',
  title: '零问题的村',
  askWord: '零问题的村',
  version: 1,
  roles: POLICY.oversee,
  read(text, staff) {
    if (readOfficialAsk(text) !== null) return null;
    const intent = classifyIntent(text, staff.role);
    return intent.kind === 'zero_problem' ? { scope: intent.scope, params: {} } : null;
  },
  async answer(place, _params, env) {
    if (place.level === 'village') return [say(`“零问题的村”按镇街或全市查看。可以发送“${place.label}进度”查看该村的问题数。`)];
    const r = await env.data.supervision(place.code, env.now);
    if (!r.ok) return [say(denialText(r.reason, place, env.actor.staff!))];
    const view = r.value;
    const all = Object.keys(view.villages).length;
    const zero = view.targets.zeroProblem.map((c) => villageName(view, c, place));
    const lines = zero.length
      ? [`共${zero.length}个（${place.level === 'city' ? '全市' : '全镇'}${all}个村）：${nameList(zero, 60)}`, '一个问题都没报的村需要督导：请核实是否认真排查。']
      : [`没有零问题的村，${all}个村都报了问题。`];
    return [reply(markdownReply(`**${place.label}零问题的村**（截至${chineseDay(view.reportDay)}）`, lines))];
  },
});
