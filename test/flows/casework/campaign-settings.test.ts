/**
 * One source for the campaign's rules: a campaign stored with a 10-day identification limit, a
 * 7-day 公示 and 12 months before 风险消除 is what the screening echo, the farmer's declaration,
 * the 研判会's 公示 check and the follow-up message use — not the seed's 15 days, 5 days, 6 months.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/db.js';
import { converse, performOn } from '../../helpers/converse.js';
import { replay } from '../../helpers/transcript.js';
import { actorOf, farmerActor, PLACE1, seedField, type SeededIds } from '../field/seed.js';
import { cadre, fakeFieldData, MONDAY, world } from '../field/world.js';
import { at } from '../../helpers/casework.js';
import { createCommands } from '../../../src/bot/commands/index.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import { DEFAULT_CAMPAIGN_2022 } from '../../../src/domain/campaign.js';
import { followUpFlow } from '../../../src/flows/field/follow-up.js';
import { flows } from '../../../src/flows/registry.js';
import { saveCampaign, setMonitoringLine } from '../../../src/persistence/campaigns.js';
import { loadRegionTree } from '../../../src/persistence/regions.js';
import { gatherForm } from '../../../src/bot/official/files.js';
import { DEMO } from '../../helpers/regions.js';
import { transaction } from '../../../src/persistence/db.js';
import { leadsOfHousehold } from '../../../src/persistence/leads.js';

const text = (t: unknown) => ({ type: 'text', text: t });
const SETTINGS = { identificationLimitDays: 10, publicityMinDays: 7, eliminationMinMonths: 12 };

describeEachDatabase('the campaign’s settings are used everywhere', (db) => {
  let ids: SeededIds;
  const commands = createCommands();
  const onDb = performOn(db.ds, commands);
  const talk = (userId: string, now: number, turns: Parameters<typeof converse>[2]) => {
    const actor = actorOf(userId);
    return converse(flows, { actor, now, data: createFlowData(db.ds())(actor), perform: onDb.perform(actor) }, turns);
  };

  beforeAll(async () => {
    ids = await seedField(db.ds());
    await transaction(db.ds(), (tx) => saveCampaign(tx, { ...DEFAULT_CAMPAIGN_2022, ...SETTINGS }, { actor: 'chenjing', at: Date.UTC(2022, 3, 1), reason: '测试' }));
  });

  it('the screening echo and the lead: 10 days; the 研判会 asks for a 7-day 公示', async () => {
    await talk('wangwu', at('2022-05-09'), [{ say: '排查 张三 入户 有风险 儿子住院花了两万 了解政策', waiting: null, replies: [text(expect.stringContaining('5月19日（周四）前完成认定'))] }]);
    expect((await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.zhangsan)))[0]!.deadline).toBe('2022-05-19');
    await talk('liucun', at('2022-05-12', 16), [
      { say: '研判会', waiting: 'field/meeting:verdict' },
      { say: '拟纳入 儿子住院自付两万', waiting: 'field/meeting:steps' },
      { say: '是', waiting: 'field/meeting:publicity', replies: [expect.objectContaining({ card: expect.objectContaining({ desc: '今天起公示到5月18日（周三）？', buttons: [expect.objectContaining({ text: '公示7天' }), expect.anything()] }) })] },
      { say: '5月16日', waiting: 'field/meeting:publicity', replies: [text('公示期只有5天，至少需要7天。'), expect.anything()] },
      { say: '是', waiting: null },
    ]);
    const [lead] = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.zhangsan));
    expect(lead!.steps.find((s) => s.step === 'publicity')?.publicityUntil).toBe('2022-05-18');
  });

  it('附件2 of 2023 names key group ② by the 2023 campaign’s income year and line', async () => {
    await transaction(db.ds(), (tx) => setMonitoringLine(tx, 2023, 7100, { actor: 'chenjing', at: Date.UTC(2023, 0, 1), reason: '测试' }));
    const tree = await transaction(db.ds(), (tx) => loadRegionTree(tx));
    const f = await transaction(db.ds(), (tx) => gatherForm(tx, tree, 'attachment2', DEMO.gjb, '2023-05-10'));
    expect(f.keyGroupBasis).toEqual({ incomeYear: 2022, line: 7100 });
  });

  it('a farmer’s declaration opens its lead with the campaign’s limit', async () => {
    await transaction(db.ds(), (tx) =>
      commands.handle(tx, {
        kind: 'farmer.declare', openKfId: 'wkHelp', ref: 'SB9', name: '李四', idNumber: null, idTail: '0512', phone: null, placement: PLACE1, householdId: ids.lisi, words: ['老伴住院了'],
        risks: [{ riskType: 'illness', evidence: ['住院'] }], amounts: [], suddenHardship: false, workers: [],
      }, { actor: farmerActor, now: at('2022-05-10'), inboundId: 900 }),
    );
    expect((await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.lisi)))[0]!.deadline).toBe('2022-05-20');
  });
});

it('the follow-up message quotes the campaign’s months before 风险消除', async () => {
  const w = world();
  w.campaign = SETTINGS;
  w.subjects.push({ id: 21, householdId: 2, category: 'marginal', includedOn: '2022-01-10', status: 'open', eliminatedOn: null, risks: ['illness'], measuresDone: ['health'], recordedThisCampaign: false });
  await replay(followUpFlow, { actor: cadre, now: MONDAY, data: fakeFieldData(w, cadre) }, [
    { say: '跟进 李四', status: 'waiting' },
    { say: '对', status: 'waiting' },
    { say: '是', status: 'waiting' },
    { say: '达到了', status: 'done', replies: [text(expect.stringContaining('纳入满12个月（1月10日（周二）起）方可消除。'))] },
  ]);
});
