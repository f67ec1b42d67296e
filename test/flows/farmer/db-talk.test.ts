/**
 * The farmer's conversation on a real database (SQLite and MariaDB): a person asked for (the
 * working phones come from the staff roster; the trail is a history row), a draft left a day and
 * handed to the grid worker (“农户未完成申报”, with who was told), then finished; a retelling
 * joined to the open declaration (no second lead), and “没人来” kept on the declaration and its
 * lead. The real router, registry, read port and command handlers, turn by turn.
 */
import { beforeAll, expect, it } from 'vitest';
import { farmerCommands } from '../../../src/bot/commands/farmer.js';
import { commandHandlers } from '../../../src/bot/dispatch/ports.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor } from '../../../src/flows/types.js';
import { historyOf } from '../../../src/persistence/case-history.js';
import { transaction } from '../../../src/persistence/db.js';
import { declarationsOf } from '../../../src/persistence/farmer.js';
import { listHistory } from '../../../src/persistence/history.js';
import { RiskLeadSchema } from '../../../src/persistence/schemas/casework.js';
import { converse, performOn, type RouteTurn } from '../../helpers/converse.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { T0, V_LSJ } from './fixtures.js';
import { seedRegisters } from './registers.js';

const DAY = 86_400_000;
const text = (t: string | RegExp) => ({ type: 'text', text: typeof t === 'string' ? t : expect.stringMatching(t) });
const kf = (id: string): Actor => ({ sender: { channel: 'kf', id, openKfId: 'wkVillage' }, staff: null });
const handoff = { type: 'timeout' as const, key: 'f:handoff', payload: { flow: 'farmer/declare', data: null } };

describeEachDatabase('the farmer’s conversation on the database', (db) => {
  const onDb = performOn(db.ds, commandHandlers(farmerCommands));
  const talk = (actor: Actor, now: number, turns: RouteTurn[]) => converse(flows, { actor, now, data: createFlowData(db.ds())(actor), perform: onDb.perform(actor) }, turns);
  const trail = (entity: string, id: string | number) => transaction(db.ds(), async (tx) => (await listHistory(tx, entity, id)).map((h) => ({ actor: h.actor, reason: h.reason, after: h.after })));
  const leads = () => transaction(db.ds(), (tx) => orm(tx).getRepository(RiskLeadSchema).count());

  beforeAll(async () => {
    await seedRegisters(db.ds());
  });

  it('“俺们村网格员是谁，电话多少” from a poster: the names and working phones from the roster; the request kept', async () => {
    const farmer = kf('wmTalk01');
    await talk(farmer, T0, [
      { input: { type: 'event', event: 'enter_session', scene: V_LSJ } },
      {
        say: '俺们村网格员是谁，电话多少',
        waiting: null,
        replies: [text('您村（高家堡镇凉水井村）的网格员钱九，电话未登记；网格员王五，电话13900001111；村干部刘七，电话13900002222。\n已经告诉他们您在找人，他们会尽快联系您；着急的话可以直接打电话。')],
        commands: [{ kind: 'farmer.ask_person', villageCode: V_LSJ, words: '俺们村网格员是谁，电话多少', ask: 'person' }],
      },
    ]);
    expect(await trail('farmer_contact', 'wmTalk01')).toEqual([{ actor: 'kf:wmTalk01', reason: '农户找人，已告知网格员和村干部', after: { villageCode: V_LSJ, words: ['俺们村网格员是谁，电话多少'], told: [], ask: 'person' } }]);
  });

  it('a declaration left a day is handed to the grid worker, resumed with “继续” and finished: one lead', async () => {
    const farmer = kf('wmTalk02');
    const before = await leads();
    await talk(farmer, T0, [
      { input: { type: 'event', event: 'enter_session', scene: V_LSJ } },
      { say: '老伴腿摔断了，干不了活', waiting: 'farmer/declare:name' },
      { say: '李秀英', waiting: 'farmer/declare:id' },
      { input: handoff, after: DAY, waiting: 'farmer/declare:id', replies: [text(/^您的申报还没填完。为了不耽误，已先把您说的情况转给网格员钱九，他会联系您。/)] },
      { say: '继续', after: DAY + 3_600_000, waiting: 'farmer/declare:id', replies: [text('您正在「申报困难」中：'), text(/\n请发申报人的身份证号/)] },
      { say: '234X', after: DAY + 3_700_000, waiting: 'farmer/declare:phone' },
      { say: '没有', after: DAY + 3_800_000, waiting: 'farmer/declare:confirm' },
      { say: '对，提交', after: DAY + 3_900_000, waiting: null, replies: [text(/^已提交！申报编号：SB/)] },
    ]);
    expect(await trail('farmer_draft', 'wmTalk02')).toEqual([
      { actor: 'kf:wmTalk02', reason: '农户未完成申报，转网格员联系', after: { villageCode: V_LSJ, words: ['老伴腿摔断了，干不了活'], told: ['qianjiu', 'wangwu', 'liuqi'], name: '李秀英' } },
    ]);
    const [row] = await transaction(db.ds(), (tx) => declarationsOf(tx, 'wmTalk02'));
    expect(row).toMatchObject({ declarantName: '李秀英', idTail: '234X', words: ['老伴腿摔断了，干不了活'] });
    expect(await leads()).toBe(before + 1);
  });

  it('retelling the open declaration’s hardship joins it (no second lead); “没人来” is kept on the declaration and its lead', async () => {
    const farmer = kf('wmTalk02');
    const before = await leads();
    await talk(farmer, T0 + 3 * DAY, [
      { say: '老伴又疼得下不了炕，看病又花了五千', waiting: null, replies: [text(/^这件事已经补充到您5月10日的申报（编号SB\d+）里了，不用重新申报，也不重新计时；网格员会一并核实。/)] },
      { say: '都好几天了也没人来', waiting: null, replies: [text(/^让您久等了，很抱歉。\n您的申报（编号SB\d+，5月10日提交/)] },
    ]);
    expect(await leads()).toBe(before);
    const [row] = await transaction(db.ds(), (tx) => declarationsOf(tx, 'wmTalk02'));
    const onDeclaration = await transaction(db.ds(), async (tx) => (await historyOf(tx, 'farmer_declaration', row!.id)).map((h) => h.reason));
    expect(onDeclaration).toEqual([expect.stringMatching(/^农户自主申报SB/), `农户补充情况（${row!.ref}，并入原申报）`, `农户催办（${row!.ref}）`]);
    const onLead = await transaction(db.ds(), async (tx) => (await historyOf(tx, 'risk_lead', row!.leadId!)).map((h) => h.reason));
    expect(onLead.slice(-2)).toEqual([`农户补充情况（${row!.ref}，并入原申报）`, `农户催办（${row!.ref}）`]);
  });
});
