import type { FlowData } from '../../src/flows/data.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../helpers/transcript.js';
import { describeEachDatabase } from '../helpers/db.js';
import { fallbackReplies, FARMER_MENU, FILE_PHRASE, HELP_LINES, helpFlow, menuLines, phraseOf } from '../../src/flows/help.js';
import { flows } from '../../src/flows/registry.js';
import type { Actor, Env, Input } from '../../src/flows/types.js';
import { may, ROLES, type Level, type Role } from '../../src/domain/roles.js';
import { route } from '../../src/bot/dispatch/router.js';
import { createFlowData } from '../../src/bot/flow-data/index.js';
import { DEMO_STAFF } from '../../src/bot/sandbox/demo-city.js';
import { seedDemoCity } from '../../src/bot/sandbox/seed.js';

const T0 = 1_764_302_400_000;
const LEVEL_OF: Record<Role, Level> = { grid_worker: 'grid', village_cadre: 'village', screening_team: 'village', town_official: 'town', city_bureau: 'city', department: 'city', admin: 'city' };
const CODE_OF: Record<Level, string> = { grid: '610821101001-01', village: '610821101001', town: '610821101', city: '610821' };
const staff = (role: Role, name: string): Actor => ({ sender: { channel: 'app', id: `u-${role}` }, staff: { userId: `u-${role}`, name, role, jurisdiction: { level: LEVEL_OF[role], code: CODE_OF[LEVEL_OF[role]] } } });
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
    ['admin', '管理员', '全市进度'],
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

  it('one’s own name sent as a hello or a sign-in (“李明”, “你好，我是李明”) gets the menu; another name does not', async () => {
    await replay(helpFlow, { actor: staff('grid_worker', '李明'), now: T0 }, [
      { say: '李明', status: 'done', replies: [text(/^您好，李明（网格员）。您可以对我说：/)] },
      { say: '你好，我是李明', status: 'done' },
      { say: '李明报到', status: 'done' },
      { say: '李明家', status: 'not-matched' },
      { say: '王芳', status: 'not-matched' },
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

describe('the menus', () => {
  it('list, for each role, only what its row of the policy table allows, and name a flow that exists', () => {
    const names = new Set(flows.map((f) => f.name));
    for (const line of HELP_LINES) expect(names, line.flow).toContain(line.flow);
    expect(menuLines('grid_worker', 'grid').map(([say]) => say)).toEqual(['排查 张三 入户 无风险 了解政策', '王满仓家入户了 没问题 政策知道', '排查', '待办', '报问题', '整改', '信息比对 张三']);
    expect(menuLines('village_cadre', 'village').map(([say]) => say)).toContain('本村进度');
    expect(menuLines('town_official', 'town').map(([say]) => say)).toContain('本镇进度');
    expect(menuLines('department', 'city').map(([say]) => say)).toEqual([FILE_PHRASE, '预警模板', '预警进度']);
    for (const role of ROLES) expect(menuLines(role, role === 'grid_worker' ? 'grid' : 'city').length, role).toBeGreaterThan(0);
  });

  it('tell the administrator that the roster, the register and the calendar are done on the server, not in the chat', async () => {
    const admin: Actor = { sender: { channel: 'app', id: 'u-admin' }, staff: { userId: 'u-admin', name: '徐强', role: 'admin', jurisdiction: { level: 'city', code: '610821' } } };
    await replay(helpFlow, { actor: admin, now: T0 }, [{ say: '帮助', status: 'done', replies: [text(/· 全市进度 —— [\s\S]*\n人员名单、户籍花名册的导入和时间节点的设置在服务器上办理：npx shouwang import staff\|households <文件>、npx shouwang settings。\n/)] }]);
    const phrases = menuLines('admin', 'city').map(([say]) => say);
    for (const gone of ['人员名单', '导入户籍', '时间节点']) expect(phrases).not.toContain(gone);
  });
});

/** 2026-05-12 10:00 Asia/Shanghai, a Tuesday in the demo campaign. */
const DEMO_NOW = Date.UTC(2026, 4, 12, 2, 0, 0);
/** Replies that mean “not understood” or “not for you”. */
const REFUSED = /没太明白|看不懂|不能办理|用不到|不能报送|发送“帮助”查看/;

describeEachDatabase('help tells the truth: every phrase of every role’s menu starts its flow for that role', (db) => {
  beforeAll(async () => {
    await seedDemoCity(db.ds(), { now: DEMO_NOW });
  });

  it.each(ROLES.map((r) => [r]))('%s', async (role) => {
    const s = DEMO_STAFF.find((x) => x.role === role)!;
    const actor: Actor = { sender: { channel: 'app', id: s.userId }, staff: { userId: s.userId, name: s.name, role: s.role, jurisdiction: s.jurisdiction } };
    const env: Env = { now: DEMO_NOW, tz: 'Asia/Shanghai', actor, newId: (p) => `${p}1`, data: createFlowData(db.ds())(actor) };
    let tried = 0;
    for (const line of HELP_LINES.filter((l) => may(role, l.ability))) {
      for (const phrase of phraseOf(line, s.jurisdiction.level)?.split(' / ') ?? []) {
        const input: Input = phrase === FILE_PHRASE ? { type: 'file', msgType: 'file', mediaId: 'm1', fileName: '医保预警名单.xlsx' } : { type: 'text', text: phrase };
        expect(flows.find((f) => f.matches(input, env))?.name, `${role}: ${phrase}`).toBe(line.flow);
        const r = await route({ flows, conversation: { state: null, prompt: null, suspended: null, version: 0 }, input, env, expiryMinutes: 30 });
        const said = r.effects.flatMap((e) => (e.type === 'reply' ? [JSON.stringify(e.reply)] : [])).join('\n');
        expect(said, `${role}: ${phrase}`).not.toMatch(REFUSED);
        expect(said.length, `${role}: ${phrase}`).toBeGreaterThan(0);
        tried++;
      }
    }
    expect(tried).toBe(menuLines(role, s.jurisdiction.level).flatMap(([say]) => say.split(' / ')).length);
  });

  it('the report in a grid worker’s own words that 帮助 shows is read as a whole report, not asked again', async () => {
    const s = DEMO_STAFF.find((x) => x.role === 'grid_worker')!;
    const actor: Actor = { sender: { channel: 'app', id: s.userId }, staff: { userId: s.userId, name: s.name, role: s.role, jurisdiction: s.jurisdiction } };
    const env: Env = { now: DEMO_NOW, tz: 'Asia/Shanghai', actor, newId: (p) => `${p}1`, data: createFlowData(db.ds())(actor) };
    const phrase = menuLines('grid_worker', 'grid').map(([say]) => say).find((say) => /家入户了/.test(say))!;
    const r = await route({ flows, conversation: { state: null, prompt: null, suspended: null, version: 0 }, input: { type: 'text', text: phrase }, env, expiryMinutes: 30 });
    expect(r.next.state).toBeNull();
    expect(r.effects.filter((e) => e.type === 'command')).toHaveLength(1);
    expect(r.effects).toContainEqual({ type: 'reply', reply: text(/^已登记一般户排查（附件3）：\n户主：王满仓户[\s\S]*排查方式：入户\n近期是否发生风险：否\n是否基本了解防返贫政策：是/) });
  });

  it('farmer: every item of the 微信客服 menu, clicked or typed, starts a farmer flow', async () => {
    const actor: Actor = { sender: { channel: 'kf', id: 'wmDemoFarmer02', openKfId: 'wkDemo' }, staff: null };
    const env: Env = { now: DEMO_NOW, tz: 'Asia/Shanghai', actor, newId: (p) => `${p}1`, data: createFlowData(db.ds())(actor) };
    for (const item of FARMER_MENU.items) {
      for (const input of [{ type: 'text', text: item.label, menuId: item.id }, { type: 'text', text: item.label }] satisfies Input[]) {
        expect(flows.find((f) => f.matches(input, env))?.name, JSON.stringify(input)).toMatch(/^farmer\//);
      }
    }
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
