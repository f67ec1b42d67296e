import type { FlowData } from '../../src/flows/data.js';
import { describe, expect, it } from 'vitest';
import { replay } from '../helpers/transcript.js';
import { fallbackReplies, FARMER_MENU, helpFlow } from '../../src/flows/help.js';
import type { Actor, Env } from '../../src/flows/types.js';
import type { Role } from '../../src/domain/roles.js';

const T0 = 1_764_302_400_000;
const staff = (role: Role, name: string): Actor => ({ sender: { channel: 'app', id: `u-${role}` }, staff: { userId: `u-${role}`, name, role, jurisdiction: { level: 'village', code: '610821101001' } } });
const farmer: Actor = { sender: { channel: 'kf', id: 'wmFarmerLi', openKfId: 'wkHelp' }, staff: null };
const stranger: Actor = { sender: { channel: 'app', id: 'newbie' }, staff: null };
const text = (pattern: RegExp) => ({ type: 'text', text: expect.stringMatching(pattern) });

describe('help flow transcripts', () => {
  it.each<[Role, string, string]>([
    ['grid_worker', '网格员', '排查 张三 入户 无风险 了解政策'],
    ['village_cadre', '村干部', '本村进度'],
    ['screening_team', '排查小组成员', '重点户排查'],
    ['town_official', '镇街干部', '哪些村还没报'],
    ['city_bureau', '市乡村振兴局', '镇街排名'],
    ['department', '行业部门', '发送预警名单文件'],
    ['admin', '管理员', '人员名单'],
  ])('%s (%s) gets the menu of their role', async (role, label, line) => {
    await replay(helpFlow, { actor: staff(role, '李明'), now: T0 }, [
      { say: '帮助', status: 'done', replies: [text(new RegExp(`^您好，李明（${label}）。您可以对我说：\\n(· [^\\n]*\\n)*· [^\\n]*${line}[^\\n]*\\n[\\s\\S]*“取消”`))] },
      { say: ' 菜单 ', status: 'done', replies: [text(new RegExp(line))] },
      { say: 'HELP', status: 'done' },
      { say: '？', status: 'done' },
      { say: '?', status: 'done' },
      { say: '帮助一下', status: 'not-matched' },
    ]);
  });

  it('a farmer gets the clickable menu, also when entering a session from a poster', async () => {
    await replay(helpFlow, { actor: farmer, now: T0 }, [
      { say: '帮助', status: 'done', replies: [FARMER_MENU] },
      { input: { type: 'event', event: 'enter_session', scene: '610821101001' }, status: 'done', replies: [FARMER_MENU] },
      { say: '我家房子漏雨', status: 'not-matched' },
    ]);
    expect(FARMER_MENU.items.map((i) => i.label)).toEqual(['申报困难', '查询进度', '政策问答', '绑定我家', '找网格员']);
  });

  it('someone not on the roster is told how to get registered', async () => {
    await replay(helpFlow, { actor: stranger, now: T0 }, [
      { say: '帮助', status: 'done', replies: [text(/^您好！您的企业微信账号（newbie）还不在守望的人员名单中.*请联系所在镇街或村的管理员，把您的企业微信账号加入人员名单后再试。$/)] },
      { input: { type: 'event', event: 'subscribe' }, status: 'done', replies: [text(/人员名单/)] },
      { input: { type: 'event', event: 'enter_agent' }, status: 'not-matched' },
    ]);
  });
});

describe('answers when nothing matched', () => {
  const env = (actor: Actor): Env => ({ now: T0, tz: 'Asia/Shanghai', actor, newId: (p) => p, data: {} as FlowData });
  it.each<[string, Actor, Parameters<typeof fallbackReplies>[0], unknown[]]>([
    ['staff text', staff('grid_worker', '王五'), { type: 'text', text: '随便说说' }, [{ type: 'text', text: '没太明白“随便说说”。发送“帮助”查看您可以办的事。' }]],
    ['an ID number is masked', staff('grid_worker', '王五'), { type: 'text', text: '61082119800101123X' }, [{ type: 'text', text: '没太明白“6108**********123X”。发送“帮助”查看您可以办的事。' }]],
    ['long text is cut by characters', staff('grid_worker', '王五'), { type: 'text', text: '😀'.repeat(25) }, [{ type: 'text', text: `没太明白“${'😀'.repeat(20)}…”。发送“帮助”查看您可以办的事。` }]],
    ['a picture', staff('grid_worker', '王五'), { type: 'file', msgType: 'image', mediaId: 'm' }, [{ type: 'text', text: '这类消息暂时还看不懂。请发文字，或发送“帮助”查看您可以办的事。' }]],
    ['an event stays silent', staff('grid_worker', '王五'), { type: 'event', event: 'enter_agent' }, []],
    ['a card click stays silent', staff('grid_worker', '王五'), { type: 'card', taskId: 't', eventKey: 'k' }, []],
    ['a farmer gets the menu', farmer, { type: 'text', text: '你好' }, [FARMER_MENU]],
    ['a stranger gets the registration hint', stranger, { type: 'text', text: '你好' }, [{ type: 'text', text: expect.stringContaining('人员名单') }]],
  ])('%s', (_name, actor, input, expected) => {
    expect(fallbackReplies(input, env(actor))).toEqual(expected);
  });
});
