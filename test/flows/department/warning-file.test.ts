/**
 * Transcripts of 报送部门预警: a department sends its list (summary, one import command, one notice
 * per responsible person), the city sends one without 部门 (asked which; a wrong answer, then a
 * colloquial one), a file replacing the waiting one, nothing to write, unreadable and expired
 * files, and everyone who may not send warnings.
 */
import { describe, expect, it } from 'vitest';
import type { Department } from '../../../src/domain/catalog.js';
import { warningFileFlow } from '../../../src/flows/department/warning-file.js';
import type { WarningFileRead } from '../../../src/flows/department/data.js';
import { replay } from '../../helpers/transcript.js';
import { cityBureau, fakeDepartment, farmer, gridWorker, mayList, stranger, T0, yibao, ZHANG, LI } from './fixtures.js';

const file = (mediaId: string, fileName = '5月医保预警.xlsx') => ({ type: 'file' as const, msgType: 'file' as const, mediaId, fileName });
const ok = (d: Department | null = null, fileName?: string): WarningFileRead => {
  const p = mayList(fileName);
  return { ok: true, preview: d ? { ...p, departments: [d], rows: p.rows.map((r) => ({ ...r, warning: { ...r.warning, department: d } })) } : p };
};

const SUMMARY = [
  '已收到医保预警名单「5月医保预警.xlsx」，读取 7 行：',
  '新开风险线索 2 条，并入已有线索 1 条，低于门槛仅登记 1 条，以前已导入 1 条（未重复生成），未导入 2 行。',
  '（医保自付费用低于10,000元的只登记、不生成线索。）',
  '未导入的行：',
  '· 第 4 行：身份证号校验位不对（可能有数字录错）',
  '· 第 7 行：身份证号 6108**********1234 不在户籍名册中，且行政村「不存在村」在「高家堡镇」下找不到，无法确定所在村',
  '改正后重新发送整个文件即可，已导入的不会重复。',
  '已通知 1 个村的网格员和村干部（共 2 人）入户核实，15天内完成识别认定。发送“预警进度”可查看核查进度。',
].join('\n');

const NOTICE = [
  '【部门筛查预警】名单「5月医保预警.xlsx」中有 3 条预警涉及您负责的农户：',
  `1. 张三户（凉水井村）：张三（6108**********${ZHANG.slice(-4)}），医保5月20日预警：住院自付费用高，自付费用23,456元。已生成风险线索，6月4日前完成识别认定。`,
  `2. 张三户（凉水井村）：李四（6108**********${LI.slice(-4)}），医保5月21日预警：门诊慢病，自付费用12,000元。已并入该户正在办理的风险线索。`,
  '3. 王小（6108**********1516，未在户籍名册，凉水井村），医保5月20日预警：意外受伤住院。已生成风险线索，6月4日前完成识别认定。',
  '请尽快入户核实，并登记核查结果；发送“待办”查看。',
].join('\n');

const text = (t: string) => ({ type: 'text', text: t });

describe('报送部门预警', () => {
  it('a department sends its list: a summary, one import command, one notice per responsible person', async () => {
    const port = fakeDepartment({ m1: () => ok() }, { own: 'medical_insurance' });
    await replay(warningFileFlow, { actor: yibao, now: T0, data: port.data }, [
      {
        input: file('m1'),
        status: 'done',
        replies: [text(SUMMARY)],
        commands: [{ kind: 'department.import_warnings', fileName: '5月医保预警.xlsx', rows: mayList().rows }],
        sends: [
          { to: { channel: 'app', id: 'wangwu' }, reply: text(NOTICE) },
          { to: { channel: 'app', id: 'liucun' }, reply: text(NOTICE) },
        ],
      },
    ]);
    // A department's own list is read as its own: the flow never names a department for it.
    expect(port.asked).toEqual([['m1', null]]);
  });

  it('asked how to send one (colloquially), the answer says what to send; a picture is not a list', async () => {
    const port = fakeDepartment({}, { own: 'medical_insurance' });
    await replay(warningFileFlow, { actor: yibao, now: T0, data: port.data }, [
      { say: '预警名单怎么报？', status: 'done', replies: [text(expect.stringMatching(/^请把预警名单（xlsx 或 csv 文件）直接发给我：列为 部门、预警日期、姓名、身份证号/) as unknown as string)] },
      { input: { type: 'file', msgType: 'image', mediaId: 'pic' }, status: 'done', replies: [text('请发送 xlsx 或 csv 格式的预警名单文件（图片、语音、视频无法导入）。')] },
      { say: '报送预警', status: 'done' },
    ]);
    expect(port.asked).toEqual([]);
  });

  it('the city sends a list without 部门: asked which; a wrong answer is asked again; “民政局的” imports it as 民政', async () => {
    const port = fakeDepartment({ c1: (d) => (d ? ok(d, '汇总.csv') : { ok: false, kind: 'needs_department', message: '部门列为空' }) });
    const ask = '名单「汇总.csv」中有的行没有填写部门。请问这是哪个部门的预警？请回复部门名称：医保、民政、残联、教育、人社、住建、水利、应急管理、公安、农业农村。';
    await replay(warningFileFlow, { actor: cityBureau, now: T0, data: port.data }, [
      { input: file('c1', '汇总.csv'), status: 'waiting', replies: [text(ask)], state: { node: 'department', data: { mediaId: 'c1', fileName: '汇总.csv', tries: 0 } } },
      { say: '不知道', status: 'waiting', replies: [text('没看懂“不知道”。请回复部门名称，如“医保”“民政”，或发送“取消”退出。')], state: { data: { mediaId: 'c1', fileName: '汇总.csv', tries: 1 } } },
      { say: '民政局的', status: 'done', replies: [text(expect.stringMatching(/^已收到民政预警名单「汇总\.csv」，读取 7 行：/) as unknown as string)], commands: [expect.objectContaining({ kind: 'department.import_warnings', fileName: '汇总.csv' })] },
    ]);
    expect(port.asked).toEqual([['c1', null], ['c1', 'civil_affairs']]);
  });

  it('a correction: while the department is asked, a corrected file replaces the waiting one; a number picks from the list', async () => {
    const port = fakeDepartment({
      c1: () => ({ ok: false, kind: 'needs_department', message: '部门列为空' }),
      c2: (d) => (d ? ok(d, '汇总2.xlsx') : { ok: false, kind: 'needs_department', message: '部门列为空' }),
    });
    await replay(warningFileFlow, { actor: cityBureau, now: T0, data: port.data }, [
      { input: file('c1', '汇总.xlsx'), status: 'waiting' },
      { input: file('c2', '汇总2.xlsx'), status: 'waiting', replies: [text(expect.stringMatching(/^名单「汇总2\.xlsx」中有的行没有填写部门/) as unknown as string)], state: { data: { mediaId: 'c2', fileName: '汇总2.xlsx', tries: 0 } } },
      { say: '２', status: 'done', replies: [text(expect.stringMatching(/^已收到民政预警名单「汇总2\.xlsx」/) as unknown as string)] },
    ]);
    expect(port.asked.at(-1)).toEqual(['c2', 'civil_affairs']);
  });

  it('three answers that name no department end the talk politely; nothing is imported', async () => {
    const port = fakeDepartment({ c1: () => ({ ok: false, kind: 'needs_department', message: '部门列为空' }) });
    await replay(warningFileFlow, { actor: cityBureau, now: T0, data: port.data }, [
      { input: file('c1'), status: 'waiting' },
      { say: '嗯', status: 'waiting' },
      { input: { type: 'event', event: 'enter_agent' }, status: 'waiting', replies: [text(expect.stringMatching(/^名单「5月医保预警\.xlsx」中有的行没有填写部门/) as unknown as string)] },
      { say: '医院', status: 'waiting' },
      { say: '都有', status: 'done', replies: [text('还是没看懂是哪个部门。名单没有导入；请在文件的“部门”列填好后重新发送。')], commands: [] },
    ]);
  });

  it('nothing new to write (all imported before): the summary says so and no command is given', async () => {
    const seenAll: WarningFileRead = { ok: true, preview: { ...mayList(), departments: [], counts: { opened: 0, merged: 0, subject: 0, below_threshold: 0, seen: 5, refused: 0 }, refused: [], thresholds: [], notices: [], rows: [] } };
    const port = fakeDepartment({ m1: () => seenAll }, { own: 'medical_insurance' });
    await replay(warningFileFlow, { actor: yibao, now: T0, data: port.data }, [
      { input: file('m1'), status: 'done', replies: [text('已收到预警名单「5月医保预警.xlsx」，读取 7 行：\n以前已导入 5 条（未重复生成）。')], commands: [], sends: [] },
    ]);
  });

  it('an expired or unreadable file is answered with what to do', async () => {
    const port = fakeDepartment({ bad: () => ({ ok: false, kind: 'unreadable', message: '名单「旧表.xls」无法导入：不支持 .xls 格式，请在 Excel/WPS 中“另存为” .xlsx 或 .csv 后再导入' }) }, { own: 'medical_insurance' });
    await replay(warningFileFlow, { actor: yibao, now: T0, data: port.data }, [
      { input: file('gone'), status: 'done', replies: [text('文件下载失败（文件可能已过期）。请重新发送一次。')], commands: [] },
      { input: file('bad', '旧表.xls'), status: 'done', replies: [text('名单「旧表.xls」无法导入：不支持 .xls 格式，请在 Excel/WPS 中“另存为” .xlsx 或 .csv 后再导入')] },
    ]);
  });

  it('unauthorized: a grid worker’s table is refused before anything is read; farmers’ files are not this flow’s; strangers get the roster answer', async () => {
    const port = fakeDepartment({ m1: () => ok() });
    await replay(warningFileFlow, { actor: gridWorker, now: T0, data: port.data }, [
      { input: file('m1'), status: 'done', replies: [text('部门预警名单由行业部门或市乡村振兴局报送，您的角色不能报送。发送“帮助”查看您可以办的事。')], commands: [], sends: [] },
      // Another kind of file from a grid worker (a photo of a house) is not a warning list.
      { input: { type: 'file', msgType: 'file', mediaId: 'p', fileName: '房屋.pdf' }, status: 'not-matched' },
    ]);
    await replay(warningFileFlow, { actor: farmer, now: T0, data: port.data }, [{ input: file('m1'), status: 'not-matched' }]);
    await replay(warningFileFlow, { actor: stranger, now: T0, data: port.data }, [{ input: file('m1'), status: 'done', replies: [text(expect.stringMatching(/^您好！您的企业微信账号（nobody）还不在守望的人员名单中/) as unknown as string)] }]);
    expect(port.asked).toEqual([]);
  });
});
