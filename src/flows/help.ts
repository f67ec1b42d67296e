/**
 * 帮助 / 菜单: what each kind of user can say to the bot, and the answers for people the bot
 * cannot place (not on the staff roster) or did not understand.
 *
 * Staff get a short list for their role (commands are listed as the product has them, SPEC.md);
 * farmers (微信客服) get a clickable menu. Never waits, so it has no state.
 *
 * @example
 *   helpFlow.start({ type: 'text', text: '帮助' }, env)
 *   // { status: 'done', effects: [{ type: 'reply', reply: { type: 'text', text: '您好，王五（网格员）…' } }] }
 */
import { maskText } from '../domain/privacy.js';
import { ROLE_LABEL, type Role } from '../domain/roles.js';
import type { Env, Flow, Input, Reply, StepResult } from './types.js';

/** Words that ask for the menu (compared after trimming, case-insensitive). */
export const HELP_WORDS = ['帮助', '菜单', 'help', '？', '?'];

/** One line per thing a role can say: [what to send, what it does]. */
export const ROLE_MENU: Record<Role, Array<[string, string]>> = {
  grid_worker: [
    ['排查 张三 入户 无风险 了解政策', '一句话报一户一般户排查（附件3）'],
    ['排查', '逐项填报一户的排查'],
    ['报问题', '登记排查中发现的问题（附件6）'],
    ['待办', '还没排查的户、快到期的事项'],
  ],
  village_cadre: [
    ['排查', '填报一般户排查（附件3）'],
    ['回头看', '已消除风险户的回头看（附件4）'],
    ['跟踪', '未消除风险户的帮扶跟踪（附件5）'],
    ['报问题', '登记发现的问题（附件6）'],
    ['研判会', '本周四研判会的待研判名单'],
    ['本村进度', '本村排查覆盖和未排查的户'],
    ['已部署 / 培训 12人', '登记本村动员部署和培训人数（附件1）'],
    ['风险消除 张三', '核实情况后申请风险消除（公示后报镇街审核）'],
    ['清退 张三', '附书面申请（照片或文件）申请清退'],
  ],
  screening_team: [
    ['重点户排查', '十类人群和特殊对象排查（附件2）'],
    ['研判会', '记录本周研判结论：拟纳入 / 不纳入'],
    ['回头看', '已消除风险户的回头看（附件4）'],
    ['跟踪', '未消除风险户的帮扶跟踪（附件5）'],
    ['报问题', '登记发现的问题（附件6）'],
  ],
  town_official: [
    ['本镇进度', '各村排查进度（也可说“高家堡镇进度”）'],
    ['哪些村还没报', '本周还没上报的村'],
    ['周报', '核对并确认周五8点前上报的进度统计表和问题清单（附件1、附件6）'],
    ['超期线索', '快到或超过15天的风险线索'],
    ['导出 附件1', '导出表格文件'],
    ['部署 全镇 / 培训 凉水井村 12人', '登记各村动员部署和培训人数（附件1）'],
    ['镇街审核', '公示期满的认定、风险消除、回退、清退，逐户同意或退回'],
  ],
  city_bureau: [
    ['全市进度', '各镇街排查进度'],
    ['镇街排名', '通报排名'],
    ['超期线索', '快到或超过15天的风险线索'],
    ['督导名单', '零问题村、三类人员异常村、进度慢和整改未完成的村'],
    ['导出 附件1', '导出表格文件（附件1–6、问题台账）'],
    ['预警进度', '各行业部门预警的核查进度（部门预警名单文件可直接发来导入）'],
    ['市级审批', '镇街审核后的新增监测对象审批公告、清退审批'],
  ],
  department: [
    ['（直接发送预警名单文件）', 'xlsx 或 csv，收到后转为风险线索并跟踪'],
    ['预警模板', '获取预警名单的表格模板'],
    ['预警进度', '已报送预警的核查进度'],
  ],
  admin: [
    ['人员名单', '查看或导入人员名单（发送 xlsx）'],
    ['导入户籍', '导入户籍花名册'],
    ['时间节点', '查看或设置本次排查的时间节点'],
    ['全市进度', '各镇街排查进度'],
  ],
};

/** The farmer's menu (微信客服 msgmenu); a click comes back as text with this menu id. */
export const FARMER_MENU: Extract<Reply, { type: 'menu' }> = {
  type: 'menu',
  head: '您好！这里是防止返贫监测帮扶服务。请点选您要办的事：',
  items: [
    { id: 'declare', label: '申报困难' },
    { id: 'progress', label: '查询进度' },
    { id: 'policy', label: '政策问答' },
    { id: 'bind', label: '绑定我家' },
  ],
  tail: '也可以直接说说您家遇到的困难，我们会转给村里的网格员。',
};

const FOOTER = '正在办的事项可随时发送“取消”退出，被打断后发送“继续”接着办。';

function staffMenu(env: Env): Reply {
  const staff = env.actor.staff;
  if (!staff) return notRegistered(env);
  const lines = ROLE_MENU[staff.role].map(([say, what]) => `· ${say} —— ${what}`);
  return { type: 'text', text: [`您好，${staff.name}（${ROLE_LABEL[staff.role]}）。您可以对我说：`, ...lines, FOOTER].join('\n') };
}

/** For an app sender who is not on the staff roster. */
export function notRegistered(env: Env): Reply {
  return {
    type: 'text',
    text: `您好！您的企业微信账号（${env.actor.sender.id}）还不在守望的人员名单中，暂时无法使用。请联系所在镇街或村的管理员，把您的企业微信账号加入人员名单后再试。`,
  };
}

/** The menu for whoever is asking. */
export function menuFor(env: Env): Reply {
  return env.actor.sender.channel === 'kf' ? FARMER_MENU : staffMenu(env);
}

/**
 * What to answer when no flow took the input. Events, card clicks and timeouts get nothing
 * (they are not someone waiting for an answer).
 */
export function fallbackReplies(input: Input, env: Env): Reply[] {
  if (input.type !== 'text' && input.type !== 'file' && input.type !== 'unsupported') return [];
  if (env.actor.sender.channel === 'kf') return [FARMER_MENU];
  if (!env.actor.staff) return [notRegistered(env)];
  if (input.type === 'text') {
    // Cut by characters, not UTF-16 units, so an emoji is never split in half.
    const chars = Array.from(maskText(input.text.trim()));
    const said = chars.slice(0, 20).join('') + (chars.length > 20 ? '…' : '');
    return [{ type: 'text', text: `没太明白“${said}”。发送“帮助”查看您可以办的事。` }];
  }
  return [{ type: 'text', text: '这类消息暂时还看不懂。请发文字，或发送“帮助”查看您可以办的事。' }];
}

function isHelpRequest(input: Input, env: Env): boolean {
  if (input.type === 'text') return HELP_WORDS.includes(input.text.trim().toLowerCase());
  if (input.type === 'event') return (env.actor.sender.channel === 'kf' && input.event === 'enter_session') || input.event === 'subscribe';
  return false;
}

function answer(env: Env): StepResult {
  return { status: 'done', effects: [{ type: 'reply', reply: menuFor(env) }] };
}

export const helpFlow: Flow = {
  name: 'help',
  title: '帮助',
  version: 1,
  matches: isHelpRequest,
  start: (_input, env) => answer(env),
  // Never waits; a stray step (e.g. an old state) just shows the menu again.
  step: (_state, _input, env) => answer(env),
};
