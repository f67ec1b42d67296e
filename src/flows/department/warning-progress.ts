/**
 * 预警进度: where the warnings a department sent stand — how many it sent, how many were below
 * its threshold, and the leads they became (being verified, overdue, included, not included),
 * with the overdue ones named (name and masked ID: the department's own data). The city bureau
 * sees one line per department. A department sees the leads read only (access policy).
 *
 * @example
 *   // 医保专干: “预警进度”
 *   // → 医保预警核查进度（5月25日）：\n已报送 12 条（低于门槛仅登记 2 条），形成风险线索 9 条：…
 */
import { DEPARTMENT, LEAD_STEP } from '../../domain/catalog.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import type { Flow } from '../types.js';
import { commandText, done, say, warningGuard } from './common.js';
import type { DepartmentWarningProgress } from './data.js';
import { monthDay } from './texts.js';

const WORDS = /^(?:查|查看|看看)?(?:我们?|本部门|我们部门)?(?:报送?的|发的)?(?:部门)?预警(?:的)?(?:核查|核实|办理)?(?:进度|情况|进展|怎么样了|到哪了|到哪一步了)$/;
const MAX_OVERDUE = 10;

function leadsLine(p: DepartmentWarningProgress): string {
  const l = p.leads;
  const total = l.open + l.overdue + l.included + l.notIncluded;
  return `形成风险线索 ${total} 条：核实中 ${l.open}，已超期 ${l.overdue}，已纳入监测 ${l.included}，不纳入 ${l.notIncluded}`;
}

export function progressText(list: readonly DepartmentWarningProgress[], today: string, own: boolean): string {
  if (list.length === 0) return own ? '您的部门还没有报送过预警名单。把名单文件直接发给我即可（发送“预警模板”获取模板）。' : '还没有任何部门报送预警名单。';
  const lines: string[] = [];
  if (own) {
    const p = list[0] as DepartmentWarningProgress;
    lines.push(`${DEPARTMENT.label[p.department]}预警核查进度（${monthDay(today)}）：`);
    lines.push(`已报送 ${p.warnings} 条${p.belowThreshold ? `（低于门槛仅登记 ${p.belowThreshold} 条）` : ''}，${leadsLine(p)}。`);
  } else {
    lines.push(`部门预警核查进度（${monthDay(today)}）：`);
    for (const p of list) lines.push(`· ${DEPARTMENT.label[p.department]}：报送 ${p.warnings} 条，${leadsLine(p)}`);
  }
  const overdue = list.flatMap((p) => p.overdue.map((o) => ({ ...o, department: p.department })));
  if (overdue.length > 0) {
    lines.push('已超期的线索：');
    for (const o of overdue.slice(0, MAX_OVERDUE)) {
      const step = o.lastStep ? `已到：${LEAD_STEP.label[o.lastStep]}` : '尚未入户核查';
      lines.push(`· ${own ? '' : `${DEPARTMENT.label[o.department]} `}${o.name}（${o.maskedId}），${monthDay(o.warnedOn)}预警，${monthDay(o.deadline)}截止，${step}`);
    }
    if (overdue.length > MAX_OVERDUE) lines.push(`……另有 ${overdue.length - MAX_OVERDUE} 条`);
  }
  lines.push('识别认定由所在村办理，时限15天。');
  return lines.join('\n');
}

export const warningProgressFlow: Flow = {
  name: 'department/warning-progress',
  title: '预警进度',
  version: 1,
  matches(input, env) {
    if (input.type !== 'text' || env.actor.sender.channel !== 'app') return false;
    const t = commandText(input.text);
    // A department's own “进度” is about its warnings (it has no area to ask about).
    return WORDS.test(t) || (env.actor.staff?.role === 'department' && /^(?:核查)?进度$/.test(t));
  },
  async start(_input, env) {
    const refused = warningGuard(env, '预警进度');
    if (refused) return refused;
    const list = await env.data.warningProgress(env.now);
    if (list === null) return done(say('您的账号没有登记所属行业部门，无法查看预警进度。请联系管理员在人员名单中填写“行业部门”。'));
    return done(say(progressText(list, shanghaiDay(env.now), env.actor.staff?.role === 'department')));
  },
  step: () => done(),
};
