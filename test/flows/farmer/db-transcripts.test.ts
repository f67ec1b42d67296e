/**
 * The farmer conversations on a real database (SQLite and MariaDB): the persistence-backed read
 * port, the real router and registry, and the farmer commands performed between turns in one
 * transaction as the dispatcher would — each conversation replayed turn by turn with the stored
 * state put through JSON — then what the database holds: the lead a declaration opened (农户自主申报,
 * 15 days), the declaration with who was told, the history rows (who, when, why), the binding
 * requested by a farmer and confirmed by the grid worker. The tests build on each other in order
 * (the progress a farmer reads is that of the lead declared before).
 *
 * The notices to the grid worker and the village cadre are `send` effects the dispatcher puts in
 * the outbox (not commands): here it is the declaration's `workers` column that records who was told.
 */
import { beforeAll, expect, it } from 'vitest';
import { farmerCommands } from '../../../src/bot/commands/farmer.js';
import { commandHandlers } from '../../../src/bot/dispatch/ports.js';
import { RosterStaffDirectory } from '../../../src/bot/dispatch/roster.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import { STATUS_TEXTS } from '../../../src/flows/farmer/status.js';
import { BIND_TEXTS } from '../../../src/flows/farmer/bind.js';
import { CONFIRM_TEXTS } from '../../../src/flows/farmer/bind-confirm.js';
import { FARMER_MENU } from '../../../src/flows/help.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor, Env, Flow } from '../../../src/flows/types.js';
import { setMonitoringLine } from '../../../src/persistence/campaigns.js';
import { historyOf } from '../../../src/persistence/case-history.js';
import { transaction } from '../../../src/persistence/db.js';
import { boundHouseholdOf, declarationsOf, entryVillageOf, getBindingByRef } from '../../../src/persistence/farmer.js';
import { getLead, recordLeadStepRecord } from '../../../src/persistence/leads.js';
import { RiskLeadSchema } from '../../../src/persistence/schemas/casework.js';
import { FarmerBindingSchema, FarmerDeclarationSchema } from '../../../src/persistence/schemas/farmer.js';
import { at } from '../../helpers/casework.js';
import { converse, performOn, type RouteTurn } from '../../helpers/converse.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { placementOf, T0, V_LSJ } from './fixtures.js';
import { GRID1, seedRegisters } from './registers.js';

const DAY = 86_400_000;
const text = (t: string | RegExp) => ({ type: 'text', text: typeof t === 'string' ? t : expect.stringMatching(t) });
const handler = commandHandlers(farmerCommands);
const kf = (id: string): Actor => ({ sender: { channel: 'kf', id, openKfId: 'wkVillage' }, staff: null });
const worker = (userId: string, name: string, role: string) => ({ userId, name, role });
const WANGWU = worker('wangwu', '王五', 'grid_worker');
const QIANJIU = worker('qianjiu', '钱九', 'grid_worker');
const LIUQI = worker('liuqi', '刘七', 'village_cadre');
const welcome = { ...FARMER_MENU, head: '您好！这里是高家堡镇凉水井村的防止返贫监测帮扶服务。请点选您要办的事：' };

/**
 * converse numbers ids from 1 in every conversation, but the references it makes (SB…, BD…) are
 * unique in the database — the dispatcher derives them from the inbound row. Each conversation
 * that submits something gets its own hundred (block 3: SB301, SB302…); the flows are the real ones.
 */
function numbered(block: number): Flow[] {
  const shift = (env: Env): Env => ({ ...env, newId: (prefix) => env.newId(prefix).replace(/\d+$/, (n) => String(block * 100 + Number(n))) });
  return flows.map((f) => ({ ...f, start: (input, env) => f.start(input, shift(env)), step: (state, input, env) => f.step(state, input, shift(env)) }));
}

describeEachDatabase('farmer conversations on the database', (db) => {
  let ids: Record<string, number> = {};
  const onDb = performOn(db.ds, handler);
  /** The actor the dispatcher builds for an app sender: the active roster row, else no staff. */
  const staffActor = async (userId: string): Promise<Actor> => ({ sender: { channel: 'app', id: userId }, staff: await new RosterStaffDirectory(db.ds()).find(userId) });
  const talk = (actor: Actor, now: number, turns: RouteTurn[], block = 0) =>
    converse(numbered(block), { actor, now, data: createFlowData(db.ds())(actor), perform: onDb.perform(actor) }, turns);
  const declarations = (externalUserId: string) => transaction(db.ds(), (tx) => declarationsOf(tx, externalUserId));
  const lead = (id: number) => transaction(db.ds(), async (tx) => (await getLead(tx, id))!);
  const history = (entity: 'risk_lead' | 'farmer_declaration' | 'farmer_binding', id: number) =>
    transaction(db.ds(), async (tx) => (await historyOf(tx, entity, id)).map((h) => ({ actor: h.actor, at: h.at, reason: h.reason })));
  const counts = () => transaction(db.ds(), async (tx) => ({
    leads: await orm(tx).getRepository(RiskLeadSchema).count(),
    declarations: await orm(tx).getRepository(FarmerDeclarationSchema).count(),
    bindings: await orm(tx).getRepository(FarmerBindingSchema).count(),
  }));

  beforeAll(async () => {
    ids = await seedRegisters(db.ds());
  });

  it('“俺家老汉住院了花了三万多” from a village poster: the household’s lead opened (农户自主申报, 15 days), the declaration with who was told, the trail', async () => {
    const farmer = kf('wmFarmer01');
    const commands = await talk(farmer, T0, [
      { input: { type: 'event', event: 'enter_session', scene: V_LSJ }, waiting: null, replies: [welcome], commands: [{ kind: 'farmer.remember_entry', villageCode: V_LSJ, scene: V_LSJ }] },
      { say: '俺家老汉住院了花了三万多', after: 60_000, waiting: 'farmer/declare:name', replies: [text('记下了：因病。\n请问申报人叫什么名字？\n（回复“取消”可退出）')] },
      { say: '我叫张三', after: 120_000, waiting: 'farmer/declare:id' },
      { say: '610821198001011234', after: 180_000, waiting: 'farmer/declare:phone', replies: [text('好的，身份证号6108**********1234。\n留个手机号吧，方便网格员联系您；不方便就回“没有”。')] },
      // The village comes from the poster, remembered in the database two turns before.
      { say: '13812345678', after: 240_000, waiting: 'farmer/declare:confirm', replies: [expect.objectContaining({ type: 'menu', head: expect.stringMatching(/^好的，电话138\*\*\*\*5678。\n请核对您的申报：\n申报人：张三\n身份证：6108\*{10}1234\n电话：138\*{4}5678\n地址：高家堡镇凉水井村\n困难：因病（住院）\n金额：三万多（因病）\n/) })] },
      { say: '确认', after: 300_000, waiting: null, replies: [text('已提交！申报编号：SB101。\n网格员王五会在3天内上门核实，村里评议、公示后，15天内（5月24日前）给出认定结果。\n想知道办到哪一步，随时发“查询进度”。')] },
    ], 1);
    expect(commands.map((c) => c.kind)).toEqual(['farmer.remember_entry', 'farmer.declare']);
    expect(await transaction(db.ds(), (tx) => entryVillageOf(tx, 'wmFarmer01'))).toBe(V_LSJ);

    const [row, ...more] = await declarations('wmFarmer01');
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      ref: 'SB101', declarantName: '张三', idNumber: '610821198001011234', idTail: '1234', phone: '13812345678', openKfid: 'wkVillage', householdId: ids.H0007, leadKind: 'opened',
      villageCode: V_LSJ, gridCode: GRID1, words: ['俺家老汉住院了花了三万多'], risks: [{ riskType: 'illness', evidence: ['住院'] }], suddenHardship: true, createdAt: T0 + 300_000,
    });
    // Who was told: the grid worker of the household's grid and the village cadre (the notices go to them).
    expect(row!.workers).toEqual([WANGWU, LIUQI]);
    expect(row!.inboundId).toBe(onDb.lastInbound());

    const opened = await lead(row!.leadId!);
    expect(opened).toMatchObject({ householdId: ids.H0007, declarant: null, status: 'open', discoveredOn: '2022-05-09', deadline: '2022-05-24', suddenHardship: true, steps: [] });
    expect(opened.placement).toEqual({ ...placementOf(V_LSJ), gridCode: GRID1 });
    expect(opened.origins).toEqual([
      { source: 'self_declared', department: null, foundOn: '2022-05-09', actor: 'kf:wmFarmer01', at: T0 + 300_000, note: '农户自主申报SB101：因病；金额三万多。农户原话：“俺家老汉住院了花了三万多”' },
    ]);
    expect(await history('risk_lead', row!.leadId!)).toEqual([{ actor: 'kf:wmFarmer01', at: T0 + 300_000, reason: '新线索：农户自主申报' }]);
    expect(await history('farmer_declaration', row!.id)).toEqual([{ actor: 'kf:wmFarmer01', at: T0 + 300_000, reason: `农户自主申报SB101（线索${row!.leadId!}，新线索）` }]);
  });

  it('a household not on the register (ID tail only, no phone, the village said, a policy question in between): a lead all the same, keyed by the declarant, every grid worker of the village told', async () => {
    const neighbour = kf('wmFarmer02');
    await transaction(db.ds(), (tx) => setMonitoringLine(tx, 2022, 6900, { actor: 'city1', at: T0, reason: '测试：本年度监测线' }));
    const before = await counts();
    await talk(neighbour, T0 + DAY, [
      { say: '娃上大学学费交不起', waiting: 'farmer/declare:name', replies: [text('记下了：因学。\n请问申报人叫什么名字？\n（回复“取消”可退出）')] },
      // A question in between is answered from the line stored in the database; the declaration waits.
      { say: '今年的标准是多少', waiting: 'farmer/declare:name', replies: [text(/^2022年的监测收入标准是：家庭人均纯收入每人每年6900元。[\s\S]*想找人问，发“找网格员”。$/), text('接着刚才的「申报困难」：\n记下了：因学。\n请问申报人叫什么名字？')] },
      { say: '李四', waiting: 'farmer/declare:id' },
      { say: '身份证后四位5678', waiting: 'farmer/declare:phone', replies: [text('好的，身份证后4位5678。\n留个手机号吧，方便网格员联系您；不方便就回“没有”。')] },
      { say: '没有', waiting: 'farmer/declare:village', replies: [text('好的，不留电话也行。\n您家在哪个镇、哪个村？（比如：高家堡镇凉水井村）')] },
      { say: '高家堡镇凉水井村', waiting: 'farmer/declare:confirm', replies: [expect.objectContaining({ type: 'menu', head: expect.stringMatching(/^好的，高家堡镇凉水井村。\n请核对您的申报：\n申报人：李四\n身份证：后4位5678\n电话：未提供\n地址：高家堡镇凉水井村\n困难：因学/) })] },
      { input: { type: 'text', text: '对，提交', menuId: 'declare:yes' }, waiting: null, replies: [text('已提交！申报编号：SB201。\n网格员钱九会在3天内上门核实，村里评议、公示后，15天内（5月25日前）给出认定结果。\n想知道办到哪一步，随时发“查询进度”。')] },
    ], 2);
    expect(await counts()).toEqual({ ...before, leads: before.leads + 1, declarations: before.declarations + 1 });

    const [row] = await declarations('wmFarmer02');
    expect(row).toMatchObject({ ref: 'SB201', declarantName: '李四', idNumber: null, idTail: '5678', phone: null, householdId: null, leadKind: 'opened', villageCode: V_LSJ, gridCode: null, suddenHardship: false });
    // Unmatched: every active grid worker of the village (周十 is inactive) and the cadre.
    expect(row!.workers).toEqual([QIANJIU, WANGWU, LIUQI]);
    const opened = await lead(row!.leadId!);
    expect(opened).toMatchObject({ householdId: null, declarant: { name: '李四', idTail: '5678', villageCode: V_LSJ }, status: 'open', discoveredOn: '2022-05-10', deadline: '2022-05-25' });
    expect(opened.origins.map((o) => [o.source, o.actor, o.note])).toEqual([['self_declared', 'kf:wmFarmer02', '农户自主申报SB201：因学。农户原话：“娃上大学学费交不起”']]);
    expect((await history('farmer_declaration', row!.id)).map((h) => [h.actor, h.reason])).toEqual([['kf:wmFarmer02', `农户自主申报SB201（线索${row!.leadId!}，新线索）`]]);
  });

  it('“我的申报到哪一步了”: the step reached and its day, who handles it, the deadline — and nothing of anyone else’s', async () => {
    await talk(kf('wmFarmer01'), T0 + DAY, [
      { say: '我的申报到哪一步了', waiting: null, replies: [text('您的申报（编号SB101，5月9日提交，因病）：\n进度：已受理，等待网格员入户核查\n负责人：网格员王五\n认定时限：5月24日前')] },
    ]);
    // Meanwhile the grid worker visits the household.
    const [row] = await declarations('wmFarmer01');
    await transaction(db.ds(), (tx) => recordLeadStepRecord(tx, row!.leadId!, { step: 'home_visit', actor: 'wangwu', at: at('2022-05-10', 15), note: '已入户' }, DEFAULT_LEAD_CONFIG));
    await talk(kf('wmFarmer01'), T0 + 2 * DAY, [
      { input: { type: 'text', text: '查询进度', menuId: 'progress' }, waiting: null, replies: [text('您的申报（编号SB101，5月9日提交，因病）：\n进度：已完成“入户核查”（5月10日）。接下来：请您（或家人代签）签一份同意核对家庭信息的承诺书\n负责人：网格员王五\n认定时限：5月24日前')] },
    ]);
    // The neighbour sees their own declaration only; asking about 张三’s — by name or by number — is refused alike.
    await talk(kf('wmFarmer02'), T0 + 2 * DAY, [
      { say: '进度', waiting: null, replies: [text('您的申报（编号SB201，5月10日提交，因学）：\n进度：已受理，等待网格员入户核查\n负责人：网格员钱九\n认定时限：5月25日前')] },
      { say: '帮我查一下张三家的申报到哪了', waiting: null, replies: [text(STATUS_TEXTS.othersRefused)] },
      { say: '查询 SB101', waiting: null, replies: [text(STATUS_TEXTS.refNotYours('SB101'))] },
      { say: '查询 SB999', waiting: null, replies: [text(STATUS_TEXTS.refNotYours('SB999'))] },
    ]);
    await talk(kf('wmNobody'), T0 + 2 * DAY, [{ say: '我的申报到哪一步了', waiting: null, replies: [text(STATUS_TEXTS.none)] }]);
  });

  it('“取消” midway: the declaration is left and nothing is written', async () => {
    const before = await counts();
    const commands = await talk(kf('wmFarmer03'), T0, [
      { say: '房子裂了个大缝，下雨就漏', waiting: 'farmer/declare:name', replies: [text('记下了：因安全住房。\n请问申报人叫什么名字？\n（回复“取消”可退出）')] },
      { say: '王秀兰', waiting: 'farmer/declare:id' },
      { say: '610821198001011234', waiting: 'farmer/declare:phone' },
      { say: '取消', waiting: null, replies: [text('已退出「申报困难」。')] },
      { say: '继续', waiting: null, replies: [text('没有可以继续的事项。发送“帮助”查看可以办的事。')] },
    ], 3);
    expect(commands).toEqual([]);
    expect(await counts()).toEqual(before);
    expect(await declarations('wmFarmer03')).toEqual([]);
  });

  it('a binding: the farmer asks from the poster, the grid worker confirms by the card; the farmer then follows the household’s case', async () => {
    const spouse = kf('wmSpouse');
    await talk(spouse, T0 + 2 * DAY, [
      { input: { type: 'event', event: 'enter_session', scene: V_LSJ }, waiting: null, replies: [welcome] },
      { input: { type: 'text', text: '绑定我家', menuId: 'bind' }, waiting: 'farmer/bind:name', replies: [text(`${BIND_TEXTS.intro}\n${BIND_TEXTS.name}\n（回复“取消”可退出）`)] },
      { say: '李秀英', waiting: 'farmer/bind:id', replies: [text(BIND_TEXTS.id)] },
      { say: '61082119750315234x', waiting: 'farmer/bind:confirm', replies: [expect.objectContaining({ type: 'menu', head: '请核对：\n姓名：李秀英\n身份证：6108**********234X\n村：高家堡镇凉水井村\n确认提交绑定申请吗？' })] },
      { input: { type: 'text', text: '确认提交', menuId: 'bind:yes' }, waiting: null, replies: [text(BIND_TEXTS.submitted('BD401'))] },
      // Not bound yet: the farmer has nothing to follow.
      { say: '查询进度', waiting: null, replies: [text(STATUS_TEXTS.none)] },
    ], 4);
    const requested = await transaction(db.ds(), (tx) => getBindingByRef(tx, 'BD401'));
    expect(requested).toMatchObject({
      status: 'pending', externalUserId: 'wmSpouse', openKfId: 'wkVillage', name: '李秀英', idNumber: '61082119750315234X', idTail: '234X', villageCode: V_LSJ,
      matchedHouseholdId: ids.H0007, householdId: null, decidedBy: null, workers: [WANGWU, LIUQI],
    });
    expect(await transaction(db.ds(), (tx) => boundHouseholdOf(tx, 'wmSpouse'))).toBeNull();

    // A grid worker of another village presses nothing open to them; 王五 confirms with the card.
    await talk(await staffActor('sunba'), T0 + 3 * DAY, [
      { input: { type: 'card', taskId: 'bind-BD401-1', eventKey: 'confirm' }, waiting: null, commands: [], replies: [text(CONFIRM_TEXTS.notFound('BD401'))] },
    ]);
    await talk(await staffActor('wangwu'), T0 + 3 * DAY, [
      {
        input: { type: 'card', taskId: 'bind-BD401-1', eventKey: 'confirm' },
        waiting: null,
        commands: [{ kind: 'farmer.decide_binding', ref: 'BD401', decision: 'confirm', householdId: ids.H0007, reason: '' }],
        replies: [text(CONFIRM_TEXTS.confirmed('BD401', '李秀英', '张三', 'H0007'))],
      },
    ]);
    expect(await transaction(db.ds(), (tx) => boundHouseholdOf(tx, 'wmSpouse'))).toMatchObject({ ref: 'BD401', status: 'confirmed', householdId: ids.H0007, decidedBy: 'wangwu', decidedAt: T0 + 3 * DAY });
    expect(await history('farmer_binding', requested!.id!)).toEqual([
      { actor: 'kf:wmSpouse', at: T0 + 2 * DAY, reason: '申请绑定家庭BD401' },
      { actor: 'wangwu', at: T0 + 3 * DAY, reason: `确认绑定到农户${ids.H0007}` },
    ]);
    // The cadre’s card of the same request comes too late: already decided, nothing written.
    await talk(await staffActor('liuqi'), T0 + 3 * DAY + 60_000, [
      { input: { type: 'card', taskId: 'bind-BD401-2', eventKey: 'reject' }, waiting: null, commands: [], replies: [text(CONFIRM_TEXTS.decided('BD401', '确认', '5月12日'))] },
    ]);
    expect((await history('farmer_binding', requested!.id!)).length).toBe(2);

    // Bound: the household’s case (declared by another WeChat) shows, without who declared it or its number.
    await talk(spouse, T0 + 4 * DAY, [
      { say: '查询进度', waiting: null, replies: [text('您家的帮扶事项（农户自主申报，5月9日发现）：\n进度：已完成“入户核查”（5月10日）。接下来：请您（或家人代签）签一份同意核对家庭信息的承诺书\n认定时限：5月24日前')] },
      { say: '绑定我家', waiting: null, replies: [text(BIND_TEXTS.already('高家堡镇凉水井村', '张三'))] },
    ]);
  });

  it('an unfinished declaration waits for days (“俺回来了，刚才说到哪了” after two hours), then expires politely; nothing is written', async () => {
    const before = await counts();
    const commands = await talk(kf('wmFarmer05'), T0, [
      { say: '家里的羊死了一大半', waiting: 'farmer/declare:name', replies: [text('记下了：因产业项目失败。\n请问申报人叫什么名字？\n（回复“取消”可退出）')] },
      { say: '俺叫刘老四', waiting: 'farmer/declare:id' },
      { say: '俺回来了，刚才说到哪了', after: 2 * 3_600_000, waiting: 'farmer/declare:id', replies: [text('您正在「申报困难」中：'), text(/^请发申报人的身份证号/)] },
      { expire: true, after: 7 * DAY, waiting: null, replies: [text('「申报困难」已经7天没有回复，已自动结束。需要时请重新开始。')] },
      { say: '继续', waiting: null, replies: [text('没有可以继续的事项。发送“帮助”查看可以办的事。')] },
    ], 5);
    expect(commands).toEqual([]);
    expect(await counts()).toEqual(before);
    expect(await declarations('wmFarmer05')).toEqual([]);
  });
});
