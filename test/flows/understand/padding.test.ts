import { describe, expect, it } from 'vitest';
import { withoutPadding } from '../../../src/flows/understand/padding.js';

describe('withoutPadding: what surrounds a request and asks nothing', () => {
  it.each([
    ['你好 本周上报', '本周上报'],
    ['各位领导好，咱镇进度', '咱镇进度'],
    ['Hi 这周研判会要研判哪几户', '这周研判会要研判哪几户'],
    ['@守望 开研判会', '开研判会'],
    ['【研判会】今天下午三点 村委会', '研判会 今天下午三点 村委会'],
    ['嗯 那个 我的任务', '我的任务'],
    ['请问贺是成家线索走到哪一步了', '贺是成家线索走到哪一步了'],
    ['领导好 麻烦问下 咱镇进度', '咱镇进度'],
    ['这周的数 报一下 嗯 就是周报', '这周的数 报一下 周报'],
    ['白秀兰家入户✅ 无风险✅ 政策了解✅', '白秀兰家入户 无风险 政策了解'],
    ['【求助】我家老人病重住院 急需帮助🙏🙏', '求助 我家老人病重住院 急需帮助'],
  ])('%j → %j', (text, plain) => {
    expect(withoutPadding(text)).toBe(plain);
  });

  it.each(['那个问题处理好了', '你好', '嗯', '👍', '排查 马有福 入户 无风险 了解政策', '请问'])('%j keeps its words (nothing but padding, or 那个 pointing at something)', (text) => {
    expect(withoutPadding(text)).toBe(text);
  });
});
