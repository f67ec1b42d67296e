/**
 * 帮助 / 菜单: what each kind of user can say to the bot, and the answers for people the bot
 * cannot place (not on the staff roster) or did not understand.
 *
 * Staff get the list of what their role may do (`HELP_LINES`, generated per role from the policy
 * table and checked against the flows by test/flows/help.test.ts); farmers (微信客服) get a
 * clickable menu. Never waits, so it has no state.
 *
 * @example
 *   helpFlow.start({ type: 'text', text: '帮助' }, env)
 *   // { status: 'done', effects: [{ type: 'reply', reply: { type: 'text', text: '您好，王五（网格员）…' } }] }
 */
import { maskText } from '../domain/privacy.js';
import { may, ROLE_LABEL, type Ability, type Level, type Role } from '../domain/roles.js';
import type { Env, Flow, Input, Reply, StepResult } from './types.js';

/** Words that ask for the menu (compared after trimming, case-insensitive). */
export const HELP_WORDS = ['帮助', '菜单', 'help', '？', '?'];

/**
 * What staff can say, one line per thing: the flow that answers it (its `name`), the row of the
 * policy table (src/domain/roles.ts) that says who may, the words to send and what they do. A
 * role's 帮助 lists the lines its role may use, in this order; `say` by jurisdiction level names
 * the sender's own place (“本村进度” / “本镇进度”), and a level without words gets no line.
 * Alternatives are separated by “ / ”. test/flows/help.test.ts sends every phrase of every role's
 * menu through the flows as that role and fails when a phrase does not start its flow, or is
 * refused — so help lists only what works. Add a line here when a flow is added.
 */
export interface HelpLine {
  flow: string;
  ability: Ability;
  say: string | Partial<Record<Level, string>>;
  does: string;
}

/** A file sent in the chat (not words): the test sends a file of this name. */
export const FILE_PHRASE = '（直接发送预警名单文件）';

export const HELP_LINES: readonly HelpLine[] = [
  { flow: 'field/general-screening', ability: 'screen_general', say: '排查 张三 入户 无风险 了解政策', does: '一句话报一户一般户排查（附件3）' },
  { flow: 'field/general-screening', ability: 'screen_general', say: '王满仓家入户了 没问题 政策知道', does: '也可以用自己的话报，一条消息里可以说几户' },
  { flow: 'field/general-screening', ability: 'screen_general', say: '排查', does: '逐项填报一户的一般户排查（附件3）' },
  { flow: 'field/key-group-screening', ability: 'screen_key_group', say: '重点户排查', does: '十类人群和特殊对象排查（附件2）' },
  { flow: 'field/review', ability: 'review', say: '回头看', does: '已消除风险户的回头看（附件4）' },
  { flow: 'field/follow-up', ability: 'follow_up', say: '跟踪', does: '未消除风险户的帮扶跟踪（附件5）' },
  { flow: 'field/todo', ability: 'todo', say: '待办', does: '还没排查的户、快到期的事项' },
  { flow: 'field/meeting', ability: 'hold_meeting', say: '研判会', does: '本周研判会：逐户记录拟纳入 / 不纳入' },
  { flow: 'field/problem-report', ability: 'report_problem', say: '报问题', does: '登记发现的问题（附件6）' },
  { flow: 'field/problem-fix', ability: 'report_problem', say: '整改', does: '问题整改完成后销号' },
  { flow: 'field/activity', ability: 'report_activity', say: { village: '已部署 / 培训 12人', town: '部署 全镇 / 培训 12人' }, does: '登记动员部署和培训人数（附件1）' },
  { flow: 'casework/comparison', ability: 'record_comparison', say: '信息比对 张三', does: '登记信息比对已完成（与认定程序同步，镇街审核前完成）' },
  { flow: 'casework/eliminate', ability: 'propose_case', say: '风险消除 张三 / 自然消除 张三', does: '核实情况后申请风险消除（公示后报镇街审核）' },
  { flow: 'casework/withdraw', ability: 'propose_case', say: '清退 张三', does: '附书面申请（照片或文件）申请清退' },
  { flow: 'casework/town-review', ability: 'town_review', say: '镇街审核', does: '公示期满的认定、风险消除、回退、清退，逐户同意或退回' },
  { flow: 'casework/city-approval', ability: 'city_approve', say: '市级审批', does: '镇街审核后的新增监测对象审批公告、清退审批' },
  { flow: 'official/village-report', ability: 'confirm_village_week', say: { village: '本周上报' }, does: '核对并确认本村本周的进度数字' },
  { flow: 'official/weekly-report', ability: 'confirm_town_week', say: { town: '周报' }, does: '核对并确认周五8点前上报的进度统计表和问题清单（附件1、附件6）' },
  { flow: 'official/progress', ability: 'view_reports', say: { village: '本村进度', town: '本镇进度', city: '全市进度' }, does: '排查覆盖和进度（也可说某镇、某村的名字加“进度”）' },
  { flow: 'official/not-reported', ability: 'view_reports', say: { town: '哪些村还没报', city: '哪些村还没报' }, does: '本周还没上报的村' },
  { flow: 'official/overdue-leads', ability: 'view_reports', say: '超期线索', does: '快到或超过15天的风险线索' },
  { flow: 'official/export', ability: 'view_reports', say: '导出 附件1', does: '导出表格文件（附件1–6、问题台账）' },
  { flow: 'official/ranking', ability: 'oversee', say: { town: '排名', city: '镇街排名' }, does: '通报排名' },
  { flow: 'official/supervision', ability: 'oversee', say: '督导名单', does: '零问题村、三类人员异常村、进度慢和整改未完成的村' },
  { flow: 'department/warning-file', ability: 'send_warnings', say: FILE_PHRASE, does: 'xlsx 或 csv，收到后转为风险线索并跟踪' },
  { flow: 'department/warning-template', ability: 'send_warnings', say: '预警模板', does: '获取预警名单的表格模板' },
  { flow: 'department/warning-progress', ability: 'send_warnings', say: '预警进度', does: '已报送预警的核查进度' },
];

/** What the administrator does on the server, not in the chat (said under their menu). */
const ADMIN_NOTE = '人员名单、户籍花名册的导入和时间节点的设置在服务器上办理：npx shouwang import staff|households <文件>、npx shouwang settings。';

/** The words of a line for someone at this level; null when the line has none for it. */
export function phraseOf(line: HelpLine, level: Level): string | null {
  return typeof line.say === 'string' ? line.say : (line.say[level] ?? null);
}

/** The lines of one role's menu: [what to send, what it does], in HELP_LINES order. */
export function menuLines(role: Role, level: Level): Array<[string, string]> {
  return HELP_LINES.flatMap((l) => {
    const say = may(role, l.ability) ? phraseOf(l, level) : null;
    return say === null ? [] : [[say, l.does] as [string, string]];
  });
}

/** The farmer's menu (微信客服 msgmenu); a click comes back as text with this menu id. */
export const FARMER_MENU: Extract<Reply, { type: 'menu' }> = {
  type: 'menu',
  head: '您好！这里是防止返贫监测帮扶服务。请点选您要办的事：',
  items: [
    { id: 'declare', label: '申报困难' },
    { id: 'progress', label: '查询进度' },
    { id: 'policy', label: '政策问答' },
    { id: 'bind', label: '绑定我家' },
    { id: 'person', label: '找网格员' },
  ],
  tail: '也可以直接说说您家遇到的困难，我们会转给村里的网格员；回复序号也行。',
};

const FOOTER = '正在办的事项可随时发送“取消”退出，被打断后发送“继续”接着办。';

function staffMenu(env: Env): Reply {
  const staff = env.actor.staff;
  if (!staff) return notRegistered(env);
  const lines = menuLines(staff.role, staff.jurisdiction.level).map(([say, what]) => `· ${say} —— ${what}`);
  const note = staff.role === 'admin' ? [ADMIN_NOTE] : [];
  return { type: 'text', text: [`您好，${staff.name}（${ROLE_LABEL[staff.role]}）。您可以对我说：`, ...lines, ...note, FOOTER].join('\n') };
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

/** One's own name sent as a hello or a sign-in (“刘海燕”, “我是刘海燕”, “你好，我是刘海燕 报到”). */
function ownNameSaid(text: string, env: Env): boolean {
  const name = env.actor.staff?.name;
  if (!name || env.actor.sender.channel !== 'app') return false;
  const t = text.replace(/[\s,，。.!！~～、]/g, '').replace(/^(?:你好|您好|领导好|大家好)?(?:我是|我叫|俺是)?/, '').replace(/(?:报到|来了|在)$/, '');
  return t === name;
}

function isHelpRequest(input: Input, env: Env): boolean {
  if (input.type === 'text') return HELP_WORDS.includes(input.text.trim().toLowerCase()) || ownNameSaid(input.text, env);
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
