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

export const warningTemplateFlow: Flow = {
  name: 'department/warning-template',
  title: '预警模板',
  version: 1,
  matches(input, env) {
    if (input.type !== 'text' || env.actor.sender.channel !== 'app') return false;
    const t = commandText(input.text);
    // “模板” alone belongs to whoever sends warnings; other staff must say 预警.
    return WORDS.test(t) && (t.includes('预警') || env.actor.staff?.role === 'department');
  },
  async start(_input, env) {
    const refused = warningGuard(env, '预警模板');
    if (refused) return refused;
    const file = await env.data.warningTemplate();
    return done({ type: 'reply', reply: { type: 'file', fileName: file.fileName, contentBase64: file.contentBase64 } }, say(TEXTS.templateSent));
  },
  step: () => done(),
};
