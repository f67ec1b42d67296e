/**
 * 报送部门预警: a 行业部门 staff member (or the city bureau) sends the warning list as a file
 * message. The list is fetched and read (env.data.previewWarningFile, nothing written yet); the
 * sender gets a short summary — rows read, leads opened, merged, below threshold, imported before,
 * refused with reasons (ID numbers masked) — and the import runs as one command in the same
 * transaction as the notices: each responsible grid worker or village cadre gets ONE notice for
 * the file, listing every warning in their area.
 *
 * A 行业部门 imports as its own department (rows naming another are refused). The city may send
 * any department's list: the 部门 column says whose, or — when rows leave it empty — the flow asks
 * once (node `department`, state `{ mediaId, fileName, tries }`).
 *
 * @example
 *   // 医保专干 sends 5月医保预警.xlsx
 *   // → 已收到医保预警名单「5月医保预警.xlsx」，读取 8 行：\n新开风险线索 3 条，…
 *   //   command department.import_warnings { fileName, rows }, and one `send` per grid worker / cadre
 */
import { DEPARTMENT, type Department } from '../../domain/catalog.js';
import { parseDepartment } from '../../domain/staff.js';
import type { Effect, Env, Flow, Input, StepResult } from '../types.js';
import { commandText, done, say, waiting, warningGuard } from './common.js';
import type { WarningFilePreview } from './data.js';
import { noticeText, summaryText, TEXTS } from './texts.js';

const NODE = 'department';
const MAX_TRIES = 3;
const TABLE_FILE = /\.(xlsx|xls|csv|et|wps)$/i;
/** “报送预警”, “导入预警名单”, “部门预警怎么报” … (not 预警模板 / 预警进度, their own flows). */
const ASK = /^(?:怎么|如何)?(?:报送|上报|导入|提交|发送|发|报)?(?:部门)?预警(?:名单|清单)?(?:怎么报|怎么发|怎么导入|怎么上报)?$/;

interface WaitData {
  mediaId: string;
  fileName: string | null;
  tries: number;
}

/** Numbered choice ("1"–"10") or a department's name ("医保", "医保局"). */
function readDepartment(text: string): Department | null {
  const t = commandText(text);
  if (/^\d{1,2}$/.test(t)) return DEPARTMENT.codes[Number(t) - 1] ?? null;
  const parsed = parseDepartment(t.replace(/(的|的预警|预警)$/, ''));
  return parsed.ok ? parsed.value : null;
}

function importEffects(p: WarningFilePreview): Effect[] {
  const effects: Effect[] = [say(summaryText(p, p.departments))];
  const writes = p.counts.opened + p.counts.merged + p.counts.below_threshold;
  if (writes > 0) effects.push({ type: 'command', command: { kind: 'department.import_warnings', fileName: p.fileName, rows: p.rows } });
  for (const n of p.notices) effects.push({ type: 'send', to: { channel: 'app', id: n.to.userId }, reply: { type: 'text', text: noticeText(n, p.fileName) } });
  return effects;
}

async function importFile(env: Env, file: { mediaId: string; fileName: string | null }, department: Department | null, tries = 0): Promise<StepResult> {
  const r = await env.data.previewWarningFile(file, department, env.now);
  if (r.ok) return done(...importEffects(r.preview));
  if (r.kind === 'needs_department') {
    const data: WaitData = { ...file, tries };
    return waiting(warningFileFlow, NODE, data, env, [say(TEXTS.askDepartment(file.fileName ?? '预警名单'))]);
  }
  return done(say(r.message));
}

function fileOf(input: Input): { mediaId: string; fileName: string | null } | null {
  return input.type === 'file' && input.msgType === 'file' ? { mediaId: input.mediaId, fileName: input.fileName ?? null } : null;
}

export const warningFileFlow: Flow = {
  name: 'department/warning-file',
  title: '报送部门预警',
  version: 1,

  matches(input, env) {
    if (env.actor.sender.channel !== 'app') return false;
    if (input.type === 'text') return ASK.test(commandText(input.text));
    if (input.type !== 'file') return false;
    // A table is taken from anyone (and refused when they may not send warnings); any other file only from a department.
    if (input.msgType !== 'file') return env.actor.staff?.role === 'department';
    return !input.fileName || TABLE_FILE.test(input.fileName) || env.actor.staff?.role === 'department';
  },

  async start(input, env) {
    const refused = warningGuard(env);
    if (refused) return refused;
    const file = fileOf(input);
    if (file) return importFile(env, file, null);
    return done(say(input.type === 'file' ? TEXTS.notAFile : TEXTS.howToSend));
  },

  async step(state, input, env) {
    const data = state.data as unknown as WaitData;
    // A new file replaces the one waiting for its department.
    const file = fileOf(input);
    if (file) return importFile(env, file, null);
    if (input.type !== 'text') return waiting(warningFileFlow, NODE, data, env, [say(TEXTS.askDepartment(data.fileName ?? '预警名单'))]);
    const department = readDepartment(input.text);
    if (department) return importFile(env, { mediaId: data.mediaId, fileName: data.fileName }, department, data.tries);
    const tries = data.tries + 1;
    if (tries >= MAX_TRIES) return done(say('还是没看懂是哪个部门。名单没有导入；请在文件的“部门”列填好后重新发送。'));
    return waiting(warningFileFlow, NODE, { ...data, tries }, env, [say(TEXTS.departmentNotUnderstood(input.text))]);
  },
};
