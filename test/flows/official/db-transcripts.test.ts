/**
 * The official conversations on a real database (SQLite and MariaDB): the persistence-backed read
 * port (`createFlowData`), the real router and registry, and the official commands performed
 * between turns as the dispatcher would — each conversation replayed turn by turn with the stored
 * state put through JSON (test/helpers/converse.ts).
 *
 * The register and records are the official seed (./seed.ts) plus two leads written here: one in
 * 店塔镇 found 04-22 (overdue, for the city only) and one in 高家堡镇新村 found 04-28 (due in a day).
 * The 附件1 test holds the words of “高家堡镇进度” against the xlsx the same official exports:
 * the same numbers as the form, never a second calculation.
 */
import { beforeAll, expect, it } from 'vitest';
import { officialCommands } from '../../../src/bot/commands/official.js';
import { commandHandlers } from '../../../src/bot/dispatch/ports.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import { PROGRESS_COLUMNS } from '../../../src/domain/progress-columns.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor, Reply } from '../../../src/flows/types.js';
import { transaction } from '../../../src/persistence/db.js';
import { admitLeadRecord, recordLeadStepRecord } from '../../../src/persistence/leads.js';
import { confirmationHistory } from '../../../src/persistence/weekly-reports.js';
import { at, origin } from '../../helpers/casework.js';
import { converse, performOn, type RouteTurn } from '../../helpers/converse.js';
import { describeEachDatabase } from '../../helpers/db.js';
import { readXlsx, type ReadSheet, type ReadValue } from '../../helpers/xlsx.js';
import { ACTORS, DT, GJB, LSJ, T0, WEEK } from './fixtures.js';
import { md, noDigits, text } from './matchers.js';
import { HOUSEHOLDS, seedCity, type SeededIds } from './seed.js';

const HOUR = 3_600_000;
const handler = commandHandlers(officialCommands);

/** Matches anything and keeps it: a reply read further after the turn (the exported file). */
function keep<T = Reply>(): { matcher: { asymmetricMatch(v: T): boolean; toString(): string }; value(): T } {
  let held: T | undefined;
  return {
    matcher: { asymmetricMatch: (v: T) => ((held = v), true), toString: () => 'any reply (kept)' },
    value: () => {
      if (held === undefined) throw new Error('nothing kept');
      return held;
    },
  };
}

const GJB_PROGRESS = [
  '高家堡镇排查进度（截至5月12日）',
  '排查覆盖：3/5户（60.0%），共9人',
  '其中脱贫户1户3人，监测对象1户2人',
  '新纳入：边缘易致贫1户2人，脱贫不稳定0户0人，突发严重困难0户0人（其中因疫情1户）',
  '回头看0户：回退0户，清退0户',
  '排查问题1个：已整改0个，补正数据0个',
  '参与排查2人，专门部署：0/2个村，培训0人',
  '各村（覆盖率由低到高）：',
  '新村 0/1户（0.0%），问题1个（已整改0个）',
  '凉水井村 3/4户（75.0%），问题0个（已整改0个）',
  '发送“高家堡镇新村进度”看下一级；“进度图”看图；“导出附件1”下载表格。',
].join('\n');

const RULE = '（“已报”指村干部或排查小组成员发送“本周上报”核对确认了本村数字。）';
const outside = (name: string) => text(`${name}不在您的辖区（高家堡镇）内，无法查看。可以发送“高家堡镇进度”查看本辖区。`);

describeEachDatabase('official conversations on the database', (db) => {
  let ids: SeededIds;
  const onDb = performOn(db.ds, handler);
  const talk = (actor: Actor, now: number, turns: RouteTurn[]) => converse(flows, { actor, now, data: createFlowData(db.ds())(actor), perform: onDb.perform(actor) }, turns);
  const history = (level: 'village' | 'town', code: string) => transaction(db.ds(), (tx) => confirmationHistory(tx, level, code));

  beforeAll(async () => {
    ids = await seedCity(db.ds());
    const placement = (code: string) => HOUSEHOLDS.find((h) => h.code === code)!.placement;
    await transaction(db.ds(), async (tx) => {
      // 孙六 (店塔镇新村): found 04-22, visited, past its 15 days on 05-07 — the city's, not 赵六's.
      const { lead } = await admitLeadRecord(tx, { householdId: ids.H6!, declarant: null, placement: placement('H6'), origin: origin('2022-04-22', { actor: 'sunba' }) }, DEFAULT_LEAD_CONFIG);
      await recordLeadStepRecord(tx, lead.id!, { step: 'home_visit', actor: 'sunba', at: at('2022-04-24'), note: '已入户', publicityUntil: null }, DEFAULT_LEAD_CONFIG);
      // 钱五 (高家堡镇新村): found 04-28, due 05-13 — one day left on T0.
      await admitLeadRecord(tx, { householdId: ids.H5!, declarant: null, placement: placement('H5'), origin: origin('2022-04-28', { actor: 'zhaoliu' }) }, DEFAULT_LEAD_CONFIG);
    });
  });

  it('who answers for a village: the roster within the jurisdiction, phones masked, another town refused', async () => {
    await talk(ACTORS.town, T0, [
      { say: '凉水井村网格员都是谁', waiting: null, replies: [text('高家堡镇凉水井村网格员和村干部\n凉水井一网格：王五（电话139****1111）\n凉水井二网格：暂无登记的网格员\n村干部：李明\n电话已隐去中间几位，完整号码请在企业微信通讯录里查看。')] },
      { say: '凉水井村第一网格谁负责', waiting: null, replies: [text(/^高家堡镇凉水井村第1网格的网格员\n凉水井一网格：王五（电话139\*\*\*\*1111）\n/)] },
      { say: '店塔镇有哪些网格员', waiting: null, replies: [outside('店塔镇')] },
    ]);
    await talk(ACTORS.cadre, T0, [{ say: '咱村网格员名单', waiting: null, replies: [text(/^高家堡镇凉水井村网格员和村干部\n凉水井一网格：王五（电话139\*\*\*\*1111）/)] }]);
  });

  it('this week against last week: the same counts up to today and up to last Sunday, by the records’ own days', async () => {
    // Thursday 05-12: every screening is of this week (05-09…05-11), none by Sunday 05-08.
    await talk(ACTORS.town, T0, [
      { say: '把上周和这周比一下', waiting: null, replies: [md(/^高家堡镇本周与上周对比（截至5月12日）\n截至上周日（5月8日）还没有排查记录，没有上周的数可比。\n截至今天：排查覆盖3\/5户（60\.0%），共9人；新纳入监测对象1户；排查问题1个（已整改0个）$/)] },
    ]);
    // A week on: the three were last week's, this week has none.
    await talk(ACTORS.town, T0 + 7 * 24 * HOUR, [
      {
        say: '这周比上周多排查了多少户',
        waiting: null,
        replies: [md(/^高家堡镇本周与上周对比（截至5月19日）\n排查覆盖：截至今天3\/5户（60\.0%），截至上周日（5月15日）3\/5户（60\.0%）\n本周新排查0户，上周新排查3户，比上周少3户\n/)],
      },
    ]);
  });

  it('a town official: the town’s progress, the drill-down to a village, and nothing of another town', async () => {
    await talk(ACTORS.town, T0, [
      { say: '高家堡镇进度', waiting: null, replies: [md(GJB_PROGRESS)] },
      { say: '本镇进度', waiting: null, replies: [md(GJB_PROGRESS)] },
      // As officials ask: their own town in their own words; a question word is never a place.
      { say: '咱镇排查了多少户了', waiting: null, replies: [md(GJB_PROGRESS)] },
      { say: '截至今天高家堡镇完成率是多少', waiting: null, replies: [md(GJB_PROGRESS)] },
      { say: '还有多少户没排查', waiting: null, replies: [md(GJB_PROGRESS.replace('\n', '\n还有2户没排查（花名册5户，已排查3户）。\n'))] },
      { say: '北京进度', waiting: null, replies: [text('没有找到“北京”这个地方，以下是您的辖区高家堡镇的情况（问别处请发镇街或村的全名，例如“高家堡镇进度”）：'), md(GJB_PROGRESS)] },
      // The drill-down the answer offers, then the village by its short name.
      { say: '高家堡镇新村进度', waiting: null, replies: [md(/^高家堡镇新村排查进度（截至5月12日）\n排查覆盖：0\/1户（0\.0%），共0人\n[\s\S]*\n排查问题1个：已整改0个，补正数据0个\n/)] },
      {
        say: '凉水井村进度',
        waiting: null,
        replies: [
          md(
            [
              '高家堡镇凉水井村排查进度（截至5月12日）',
              '排查覆盖：3/4户（75.0%），共9人',
              '其中脱贫户1户3人，监测对象1户2人',
              '新纳入：边缘易致贫1户2人，脱贫不稳定0户0人，突发严重困难0户0人（其中因疫情1户）',
              '回头看0户：回退0户，清退0户',
              '排查问题0个：已整改0个，补正数据0个',
              '参与排查2人，专门部署：否，培训0人',
              '各网格：',
              '凉水井二网格 1/2户（50.0%）',
              '凉水井一网格 2/2户（100.0%）',
              '“进度图”看图；“导出附件3”下载台账。',
            ].join('\n'),
          ),
        ],
      },
      // Another town — with records (店塔镇) or without (麟州街道) — is refused alike, by name only.
      { say: '店塔镇进度', waiting: null, replies: [outside('店塔镇')] },
      { say: '麟州街道进度', waiting: null, replies: [outside('麟州街道')] },
      { say: 'dt进度', waiting: null, replies: [noDigits] },
      { say: '店塔镇新村进度', waiting: null, replies: [outside('店塔镇新村')] },
      { say: '店塔镇超期线索', waiting: null, replies: [outside('店塔镇')] },
      { say: '店塔镇哪些村还没报', waiting: null, replies: [outside('店塔镇')] },
      // “全市” is answered with their own town, saying so.
      { say: '全市进度', waiting: null, replies: [text('您的辖区是高家堡镇，看不到全市的数据。以下是高家堡镇：'), md(GJB_PROGRESS)] },
      // Their own overdue leads: 孙六 of 店塔镇 is not among them.
      {
        say: '超期线索',
        waiting: null,
        replies: [
          md(
            [
              '高家堡镇超期风险线索（5月12日）',
              '已超期1条：',
              '凉水井村 赵四 超期7天（4月20日发现，5月5日截止；尚未入户核查）',
              '3天内到期1条：',
              '新村 钱五 还剩1天（4月28日发现，5月13日截止；尚未入户核查）',
              '从发现线索到认定完成不超过15天。发送“超期线索图”看图。',
            ].join('\n'),
          ),
        ],
      },
    ]);
  });

  it('the city bureau: 全市进度, 哪些村还没报, 超期线索, 零问题的村, and a place named twice', async () => {
    await talk(ACTORS.city, T0, [
      {
        say: '全市进度',
        waiting: null,
        replies: [
          md(
            [
              '神木市排查进度（截至5月12日）',
              '排查覆盖：4/7户（57.1%），共13人',
              '其中脱贫户1户3人，监测对象1户2人',
              '新纳入：边缘易致贫1户2人，脱贫不稳定0户0人，突发严重困难0户0人（其中因疫情1户）',
              '回头看0户：回退0户，清退0户',
              '排查问题1个：已整改0个，补正数据0个',
              '参与排查3人，专门部署：0/5个村，培训0人',
              '各镇街（覆盖率由低到高）：',
              '麟州街道 0/1户（0.0%），问题0个（已整改0个）',
              '高家堡镇 3/5户（60.0%），问题1个（已整改0个）',
              '店塔镇 1/1户（100.0%），问题0个（已整改0个）',
              '发送“麟州街道进度”看下一级；“进度图”看图；“导出附件1”下载表格。',
            ].join('\n'),
          ),
        ],
      },
      // The city's drill-down reaches 店塔镇, which the town official was refused.
      { say: '店塔镇进度', waiting: null, replies: [md(/^店塔镇排查进度（截至5月12日）\n排查覆盖：1\/1户（100\.0%），共4人\n[\s\S]*\n各村（覆盖率由低到高）：\n高家堡村 0户（无花名册），问题0个（已整改0个）\n新村 1\/1户（100\.0%），问题0个（已整改0个）\n/)] },
      {
        say: '哪些村还没报',
        waiting: null,
        replies: [
          md(
            [
              '神木市本周上报情况（5月13日 08:00截止）',
              '高家堡镇：2/2个村未报（凉水井村、新村），周报未确认',
              '店塔镇：2/2个村未报（新村、高家堡村），周报未确认',
              '麟州街道：1/1个村未报（麟州社区），周报未确认',
              '还没有镇街全部上报并确认。',
              RULE,
            ].join('\n'),
          ),
        ],
      },
      {
        say: '超期线索',
        waiting: null,
        replies: [
          md(
            [
              '神木市超期风险线索（5月12日）',
              '已超期2条：',
              '高家堡镇凉水井村 赵四 超期7天（4月20日发现，5月5日截止；尚未入户核查）',
              '店塔镇新村 孙六 超期5天（4月22日发现，5月7日截止；已到：入户核查）',
              '3天内到期1条：',
              '高家堡镇新村 钱五 还剩1天（4月28日发现，5月13日截止；尚未入户核查）',
              '从发现线索到认定完成不超过15天。发送“超期线索图”看图。',
            ].join('\n'),
          ),
        ],
      },
      {
        say: '零问题的村',
        waiting: null,
        replies: [md('神木市零问题的村（截至5月12日）\n共4个（全市5个村）：高家堡镇凉水井村、店塔镇新村、店塔镇高家堡村、麟州街道麟州社区\n一个问题都没报的村需要督导：请核实是否认真排查。')],
      },
      // “新村” is in two towns: the menu, a reply that picks none, then the pick.
      { say: '新村进度', waiting: 'official/progress:choose_place', replies: [{ type: 'menu', head: '“新村”有2个地方，您问的是哪一个？', items: [{ id: '610821101202', label: '高家堡镇新村' }, { id: '610821102201', label: '店塔镇新村' }], tail: '请回复序号或全名；发送“取消”退出。' }] },
      { say: '第九个', waiting: 'official/progress:choose_place', replies: [expect.objectContaining({ type: 'menu', head: '没看懂“第九个”。“新村”有2个地方，您问的是哪一个？' })] },
      { say: '2', waiting: null, replies: [md(/^店塔镇新村排查进度（截至5月12日）\n排查覆盖：1\/1户（100\.0%），共4人\n/)] },
      { say: '镇街排名', waiting: null, replies: [md(/^神木市各镇街排查通报（截至5月12日）\n1\. 店塔镇 覆盖100\.0%（1\/1户），未发现问题\n2\. 高家堡镇 覆盖60\.0%（3\/5户），问题整改0\.0%（0\/1个）\n3\. 麟州街道 覆盖0\.0%（0\/1户），未发现问题\n/)] },
      { say: '督导名单', waiting: null, replies: [md(/^神木市督导名单（截至5月12日）\n零问题的村（4个）：[^\n]*\n三类人员数异常：无\n进度偏慢（应达[\d.]+%左右，2个）：\n高家堡镇新村 覆盖0\.0%\n麟州街道麟州社区 覆盖0\.0%\n整改未完成（1个）：\n高家堡镇新村 未整改1个（超期1个）$/)] },
    ]);
  });

  it('the numbers of “高家堡镇进度” are the cells of the 附件1 the same official exports', async () => {
    const answer = keep();
    const file = keep();
    await talk(ACTORS.town, T0, [
      { say: '高家堡镇进度', waiting: null, replies: [answer.matcher] },
      // 导出 alone asks which form; a reply naming none is asked again.
      { say: '导出', waiting: 'official/export:choose_form', replies: [expect.objectContaining({ type: 'menu', head: '导出哪一张表？' })] },
      { say: '七', waiting: 'official/export:choose_form', replies: [expect.objectContaining({ type: 'menu', head: '没看懂“七”。导出哪一张表？' })] },
      { say: '1', waiting: null, replies: [text('已生成附件1 进度统计表（高家堡镇，截至5月12日），请查收文件。数字有误请在对应的事项中更正后重新导出。'), file.matcher] },
    ]);
    const reply = answer.value();
    const sent = file.value();
    if (reply.type !== 'markdown' || sent.type !== 'file') throw new Error(`unexpected replies ${reply.type}, ${sent.type}`);
    expect(sent.fileName).toBe('附件1_进度统计表_高家堡镇_2022-05-12.xlsx');
    const sheet = (await readXlsx(Buffer.from(sent.contentBase64, 'base64'))).sheet('进度统计表');
    const lines = reply.fallback.split('\n');

    const total = cells(sheet, '高家堡镇', '小计');
    expect(total['screened.households']).toBe(3);
    expect(lines.slice(1, 7)).toEqual([
      expect.stringMatching(new RegExp(`^排查覆盖：${total['screened.households']}/\\d+户（[\\d.]+%），共${total['screened.people']}人$`)),
      `其中脱贫户${total['screenedAlleviated.households']}户${total['screenedAlleviated.people']}人，监测对象${total['screenedSubjects.households']}户${total['screenedSubjects.people']}人`,
      `新纳入：边缘易致贫${total['includedMarginal.households']}户${total['includedMarginal.people']}人，脱贫不稳定${total['includedUnstable.households']}户${total['includedUnstable.people']}人，突发严重困难${total['includedSudden.households']}户${total['includedSudden.people']}人（其中因疫情${total['includedCovid.households']}户）`,
      `回头看${total.reviewTotal}户：回退${total.reverted}户，清退${total.withdrawn}户`,
      `排查问题${total.problemsFound}个：已整改${total.problemsRectified}个，补正数据${total.dataCorrections}个`,
      `参与排查${total.staff}人，专门部署：${total.deployed}个村，培训${total.trained}人`,
    ]);
    for (const village of ['凉水井村', '新村']) {
      const c = cells(sheet, '高家堡镇', village);
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${village} ${c['screened.households']}/\\d+户（[\\d.]+%），问题${c.problemsFound}个（已整改${c.problemsRectified}个）$`)));
    }
  });

  it('a village reports its week (a wrong answer, 取消, then 确认) and the town and the city see it', async () => {
    await talk(ACTORS.cadre, T0, [
      { say: '本周上报', waiting: 'official/village-report:confirm', replies: [md(/^高家堡镇凉水井村第19周上报（5月13日 08:00前报镇里）\n排查覆盖：3\/4户（75\.0%），共9人\n[\s\S]*\n未整改问题0个\n核对无误请回复“确认”上报；/)] },
      { say: '新村的数对吗', waiting: 'official/village-report:confirm', commands: [], replies: [text('没看懂“新村的数对吗”。核对无误请回复“确认”，暂不上报请回复“不”；发送“取消”退出。')] },
      { say: '取消', waiting: null, commands: [], replies: [text('已退出「本周上报」。')] },
    ]);
    expect(await history('village', LSJ)).toEqual([]);

    const exported = keep();
    const commands = await talk(ACTORS.cadre, T0 + HOUR, [
      { say: '本周上报', waiting: 'official/village-report:confirm' },
      { say: '确认', waiting: null, commands: [expect.objectContaining({ kind: 'official.confirmVillageWeek', villageCode: LSJ, week: WEEK })], replies: [text('已上报：高家堡镇凉水井村第19周数字（排查3户9人，问题0个）已于5月12日 11:00确认，镇里可以看到。如需更正，再发送“本周上报”重新确认。')] },
      { say: '导出附件1', waiting: null, replies: [expect.anything(), exported.matcher] },
    ]);
    const [stored] = await history('village', LSJ);
    expect(stored).toMatchObject({ week: WEEK, confirmedBy: 'liming', confirmedByName: '李明', confirmedAt: T0 + HOUR, inboundId: onDb.lastInbound(), figures: commands[0]!.figures });
    // What was confirmed is the village's row of its 附件1.
    const sent = exported.value();
    if (sent.type !== 'file') throw new Error(`expected a file, got ${sent.type}`);
    const sheet = (await readXlsx(Buffer.from(sent.contentBase64, 'base64'))).sheet('进度统计表');
    expect(stored!.figures).toEqual(Object.values(cells(sheet, '高家堡镇', '凉水井村')));

    await talk(ACTORS.town, T0 + 2 * HOUR, [
      { say: '哪些村还没报', waiting: null, replies: [md(['高家堡镇本周上报情况（5月13日 08:00截止）', '还没报的村（1/2个）：新村', '镇街周报：未确认（镇街干部发送“周报”核对确认）', RULE].join('\n'))] },
      { say: '周报', waiting: 'official/weekly-report:confirm', replies: [md(/^高家堡镇第19周周报（5月13日 08:00报市里）\n排查覆盖：3\/5户（60\.0%），共9人\n[\s\S]*\n还没报的村（1\/2个）：新村\n核对无误请回复“确认”（没报的村可以稍后补报）；/)] },
      { say: '好像不对', waiting: 'official/weekly-report:confirm', commands: [], replies: [text('没看懂“好像不对”。核对无误请回复“确认”，暂不上报请回复“不”；发送“取消”退出。')] },
      { say: '确认', waiting: null, commands: [expect.objectContaining({ kind: 'official.confirmTownWeek', townCode: GJB, week: WEEK })], replies: [text('已确认：高家堡镇第19周周报（排查3户，问题1个）已于5月12日 12:00确认，市里可以看到。如需更正，再发送“周报”重新确认。')] },
    ]);
    expect((await history('town', GJB)).map((r) => [r.confirmedBy, r.confirmedAt])).toEqual([['zhaoliu', T0 + 2 * HOUR]]);
    expect(await history('town', DT)).toEqual([]);

    await talk(ACTORS.city, T0 + 3 * HOUR, [
      { say: '周报', waiting: null, commands: [], replies: [text('「周报」由镇街干部办理，您的账号（市乡村振兴局）不能办理。')] },
      {
        say: '哪些村还没报',
        waiting: null,
        replies: [md(/^神木市本周上报情况（5月13日 08:00截止）\n高家堡镇：1\/2个村未报（新村），周报已由赵六于5月12日 12:00确认\n店塔镇：2\/2个村未报（新村、高家堡村），周报未确认\n/)],
      },
    ]);
  });
});

/** The 附件1 cells of a row of the sheet (found by its 镇街 and 行政村), by column key. */
function cells(sheet: ReadSheet, town: string, village: string): Record<string, ReadValue> {
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (sheet.text(r, 1) === town && sheet.text(r, 2) === village) {
      const row = sheet.row(r).slice(2, 2 + PROGRESS_COLUMNS.length);
      return Object.fromEntries(PROGRESS_COLUMNS.map((c, i) => [c.key, row[i] ?? null]));
    }
  }
  throw new Error(`no 附件1 row ${town} ${village}`);
}
