import { beforeAll, expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { actorOf, seedField, type SeededIds } from './seed.js';
import { fieldCommands } from '../../../src/bot/commands/field.js';
import { commandHandlers } from '../../../src/bot/dispatch/ports.js';
import { MEETING_AGENDA_TIMER, onMeetingAgendaTimer, scheduleMeetingAgenda } from '../../../src/bot/jobs/meeting-agenda.js';
import { transaction } from '../../../src/persistence/db.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { fireDueTimers, findTimer } from '../../../src/persistence/timer.js';

const MONDAY = Date.UTC(2022, 4, 9, 1, 0, 0);
/** Thursday 2022-05-12 08:10 and the next Thursday, Asia/Shanghai. */
const THU_0810 = Date.UTC(2022, 4, 12, 0, 10);
const NEXT_THU_0810 = Date.UTC(2022, 4, 19, 0, 10);

describeEachDatabase('the Thursday agenda push', (db) => {
  let ids: SeededIds;
  const timer = () => transaction(db.ds(), (tx) => findTimer(tx, MEETING_AGENDA_TIMER.channel, MEETING_AGENDA_TIMER.sender, MEETING_AGENDA_TIMER.name));
  const outbox = () => transaction(db.ds(), (tx) => orm(tx).getRepository(OutboxSchema).find({ order: { id: 'ASC' } }));
  /** One sweeper round as the lead wires it: fire due timers, hand ours to the job. */
  const sweep = (now: number) =>
    transaction(db.ds(), async (tx) => {
      const handled: boolean[] = [];
      for (const t of await fireDueTimers(tx, 'sweeper-a', now, 50)) handled.push(await onMeetingAgendaTimer(tx, t, now));
      return handled;
    });

  beforeAll(async () => {
    ids = await seedField(db.ds());
    await transaction(db.ds(), (tx) =>
      commandHandlers(fieldCommands).handle(tx, { kind: 'field.screening.save', form: 'general', campaign: '2022', householdId: ids.zhangsan, remark: '', answers: { method: 'home_visit', riskFound: true, riskDetails: '儿子住院花了两万', knowsPolicy: true } }, { actor: actorOf('wangwu'), now: MONDAY, inboundId: 1 }),
    );
  });

  it('is a timer row for the meeting weekday morning, scheduled once however often instances start', async () => {
    expect(await transaction(db.ds(), (tx) => scheduleMeetingAgenda(tx, MONDAY))).toBe(THU_0810);
    expect(await transaction(db.ds(), (tx) => scheduleMeetingAgenda(tx, MONDAY + 60_000))).toBe(THU_0810);
    expect(await timer()).toMatchObject({ status: 'pending', dueAt: THU_0810, payload: { meetingDay: '2022-05-12' } });
    expect(await sweep(THU_0810 - 1)).toEqual([]);
  });

  it('on Thursday morning every cadre of the village gets the agenda, once; the next week is scheduled', async () => {
    expect(await sweep(THU_0810 + 5_000)).toEqual([true]);
    const sent = await outbox();
    expect(sent.map((o) => o.recipient).sort()).toEqual(['chendui', 'liucun']);
    expect(sent[0]!.payload).toEqual({ type: 'text', text: '今天是本村研判会日。\n凉水井村5月12日（周四）研判会待研判1户：\n1. 张三户（4口人）\n   · 风险线索：儿子住院花了两万，还剩12天（5月24日截止）\n会上请发送“研判会”，逐户记录结论（拟纳入/不纳入及理由）。' });
    expect(await timer()).toMatchObject({ status: 'pending', dueAt: NEXT_THU_0810, payload: { meetingDay: '2022-05-19' } });
    // The same timer handled twice (a retried transaction) sends nothing twice.
    await transaction(db.ds(), (tx) => onMeetingAgendaTimer(tx, { ...MEETING_AGENDA_TIMER, payload: { meetingDay: '2022-05-12' } }, THU_0810 + 9_000));
    expect(await outbox()).toHaveLength(2);
  });

  it('a push found days late is skipped, not sent stale; other timers are not the job’s', async () => {
    expect(await transaction(db.ds(), (tx) => onMeetingAgendaTimer(tx, { ...MEETING_AGENDA_TIMER, payload: { meetingDay: '2022-05-19' } }, NEXT_THU_0810 + 86_400_000))).toBe(true);
    expect(await outbox()).toHaveLength(2);
    expect(await transaction(db.ds(), (tx) => onMeetingAgendaTimer(tx, { channel: 'app', sender: 'wangwu', name: 'expiry', payload: null }, THU_0810))).toBe(false);
  });
});
