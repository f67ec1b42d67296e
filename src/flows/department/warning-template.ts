/**
 * 预警模板: the warning list template (xlsx, with a 填写说明 sheet) sent into the chat, for the
 * departments and the city bureau who fill it in. Never waits.
 *
 * @example
 *   // 医保专干: “预警模板” → [文件] 部门预警名单模板.xlsx + how to fill it in
 */
import type { Flow } from '../types.js';
import { commandText, done, say, warningGuard } from './common.js';
import { TEXTS } from './texts.js';

const WORDS = /^(?:下载|获取|要|发|给我|给个|发个|发一下)?(?:一?个|一下)?(?:部门)?(?:预警)?(?:名单)?(?:表格)?模板$/;

/**
 * How the list is sent, asked (“这个月的预警名单怎么报给你们”, “预警名单咋提交”, “名单发哪里”): the
 * template and how to fill it in answer it.
 */
const HOW_TO_SEND = /(?:预警)?(?:名单|数据|人员|信息)(?:要|该|应该)?(?:怎么|咋|如何|怎样|咋样)(?:报|发|交|提交|报送|上报|传|给)|(?:名单|数据)(?:发|报|交|传)(?:到)?(?:哪|哪里|哪儿|给谁)|(?:怎么|咋|如何|怎样)(?:报|发|交|提交|报送|上报|传)(?:预警)?名单/;

export const warningTemplateFlow: Flow = {
  name: 'department/warning-template',
  title: '预警模板',
  version: 1,
  matches(input, env) {
    if (input.type !== 'text' || env.actor.sender.channel !== 'app') return false;
    const t = commandText(input.text);
    // “模板” alone belongs to whoever sends warnings; other staff must say 预警.
    return (WORDS.test(t) || HOW_TO_SEND.test(t.replace(/^(?:你好|您好)?(?:我是)?[\u4e00-\u9fa5]{0,6}?(?:局|办|委|部门|中心)的?/, ''))) && (t.includes('预警') || env.actor.staff?.role === 'department');
  },
  async start(_input, env) {
    const refused = warningGuard(env, '预警模板');
    if (refused) return refused;
    const file = await env.data.warningTemplate();
    return done({ type: 'reply', reply: { type: 'file', fileName: file.fileName, contentBase64: file.contentBase64 } }, say(TEXTS.templateSent));
  },
  step: () => done(),
};
