import { beforeAll, describe, expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { includedLeadRecord } from '../../helpers/casework.js';
import { HOUSEHOLDS, PLACE1, seedField, type SeededIds } from '../../flows/field/seed.js';
import { MEETING_AGENDA_TIMER, onMeetingAgendaTimer } from '../../../src/bot/jobs/meeting-agenda.js';
import { measureReminders } from '../../../src/flows/casework/measure-reminders.js';
import { transaction } from '../../../src/persistence/db.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { includeSubjectRecord } from '../../../src/persistence/subjects.js';

/** Thursday 2022-05-12, 08:10 Asia/Shanghai: the agenda's run. */
const THU = Date.UTC(2022, 4, 12, 0, 10);

describe('the weekly 帮扶 reminder', () => {
  it('lists, per responsible person, each household’s planned measures not yet implemented', () => {
    const out = measureReminders([
      { household: { headName: '王大山', villageName: '凉水井村' }, pending: ['employment', 'health'], responsible: ['wangwu', 'liucun'] },
      { household: { headName: '李四', villageName: '凉水井村' }, pending: ['industry'], responsible: ['liucun', 'liucun'] },
      { household: { headName: '赵六', villageName: '新村' }, pending: [], responsible: ['zhoujie'] },
    ]);
    expect(out.map((m) => m.to)).toEqual(['liucun', 'wangwu']);
    expect(out[0]!.reply).toEqual({ type: 'text', text: '【帮扶措施提醒】您负责的2户监测对象还有计划的帮扶措施未落实：\n1. 王大山户（凉水井村）：就业帮扶、健康帮扶\n2. 李四户（凉水井村）：产业帮扶\n请尽快落实；落实后发送“跟进 户主姓名”登记。' });
    expect(measureReminders([])).toEqual([]);
  });
});

describeEachDatabase('the 帮扶 reminder goes out with the Thursday agenda', (db) => {
  let ids: SeededIds;
  const outbox = () => transaction(db.ds(), (tx) => orm(tx).getRepository(OutboxSchema).find({ order: { id: 'ASC' } }));
  beforeAll(async () => {
    ids = await seedField(db.ds());
    await transaction(db.ds(), async (tx) => {
      // 王大山: 健康帮扶 done, 就业帮扶 planned. 李四: every measure done — no reminder.
      const l1 = await includedLeadRecord(tx, ids.wangdashan, '2022-03-01', PLACE1);
      await includeSubjectRecord(tx, { leadId: l1.id!, memberIds: [HOUSEHOLDS[2]!.members[0]!.idNumber], risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }, { measure: 'employment', status: 'pending' }], actor: 'city1', at: Date.UTC(2022, 2, 15) });
      const l2 = await includedLeadRecord(tx, ids.lisi, '2022-03-01', PLACE1);
      await includeSubjectRecord(tx, { leadId: l2.id!, memberIds: [HOUSEHOLDS[1]!.members[0]!.idNumber], risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }], actor: 'city1', at: Date.UTC(2022, 2, 15) });
    });
  });

  it('the grid worker and the village cadre of 王大山 are reminded of 就业帮扶, once per meeting day', async () => {
    await transaction(db.ds(), (tx) => onMeetingAgendaTimer(tx, { ...MEETING_AGENDA_TIMER, payload: { meetingDay: '2022-05-12' } }, THU));
    await transaction(db.ds(), (tx) => onMeetingAgendaTimer(tx, { ...MEETING_AGENDA_TIMER, payload: { meetingDay: '2022-05-12' } }, THU + 5_000));
    const reminders = (await outbox()).filter((o) => String((o.payload as { text?: string }).text ?? '').startsWith('【帮扶措施提醒】'));
    expect(reminders.map((o) => o.recipient).sort()).toEqual(['liucun', 'wangwu']);
    expect((reminders[0]!.payload as { text: string }).text).toContain('1. 王大山户（凉水井村）：就业帮扶\n');
    expect(JSON.stringify(reminders.map((o) => o.payload))).not.toContain('李四户');
  });
});
