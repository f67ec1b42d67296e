import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { queueCard } from '../../../src/flows/casework/queue-card.js';
import { flows } from '../../../src/flows/registry.js';
import { cityBureau, fakeCasework, leadItem, MAY_17, townOfficial, withdrawalItem } from './fake.js';

describe('the pushed queue card', () => {
  it('names what waits and opens the queue with one button', () => {
    const r = queueCard('town', 'cq1', [leadItem(), withdrawalItem]);
    expect(r).toEqual({
      type: 'card',
      card: {
        kind: 'button_interaction', taskId: 'cq1', title: '镇街审核：待审核2件', desc: '公示期满，待镇街审核：请逐户同意或退回（退回须写理由）。',
        lines: [{ key: '张三户', value: '凉水井村，新增监测对象认定' }, { key: '王大山户', value: '凉水井村，清退（优亲厚友/虚报）' }],
        buttons: [{ key: 'casework:town_review', text: '开始审核', style: 1 }],
      },
      fallback: '镇街审核：待审核2件\n张三户：凉水井村，新增监测对象认定\n王大山户：凉水井村，清退（优亲厚友/虚报）\n公示期满，待镇街审核：请逐户同意或退回（退回须写理由）。\n请发送“镇街审核”逐户办理。',
    });
    const many = queueCard('city', 'cq2', Array.from({ length: 7 }, (_, i) => leadItem({ leadId: i + 1 })));
    expect(many.type === 'card' && many.card.lines?.at(-1)).toEqual({ key: '另有', value: '2件' });
  });

  it('pressing its button starts 镇街审核 (or 市级审批) with the first household’s card, with nothing else open', async () => {
    await converse(flows, { actor: townOfficial, now: MAY_17, data: fakeCasework({ town: [leadItem()] }) }, [
      { input: { type: 'card', taskId: 'cq1', eventKey: 'casework:town_review' }, waiting: 'casework/town-review:decide', replies: [{ type: 'text', text: '待镇街审核1件，下面逐户审核。' }, expect.anything(), expect.objectContaining({ type: 'card' })] },
    ]);
    await converse(flows, { actor: cityBureau, now: MAY_17, data: fakeCasework({ city: [leadItem()] }) }, [
      { input: { type: 'card', taskId: 'cq2', eventKey: 'casework:city_approval' }, waiting: 'casework/city-approval:decide' },
    ]);
  });
});
