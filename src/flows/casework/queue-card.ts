/**
 * The card that tells an official what waits for their level — pushed every morning by the
 * case-queue job and, to the city, as soon as a town approves — with one button that opens the
 * queue (镇街审核 or 市级审批), where each household then gets its own 同意/退回 card.
 *
 * @example
 *   queueCard('town', 'cq20220516ab', items)
 *   // card “镇街审核：待审核2件” · 王大山户 新增监测对象认定 … · [开始审核]
 */
import type { Reply } from '../types.js';
import { caseWhat, QUEUE_BUTTON } from './common.js';
import type { CaseItem } from './data.js';

/** Rows a card shows before “等N件”. */
const SHOWN = 5;

const WORDING = {
  town: { title: '镇街审核', waits: '待审核', desc: '公示期满，待镇街审核：请逐户同意或退回（退回须写理由）。', button: '开始审核' },
  city: { title: '市级审批', waits: '待审批', desc: '镇街已审核同意，待市级审批并公告：请逐户审批。', button: '开始审批' },
} as const;

export function queueCard(level: 'town' | 'city', taskId: string, items: readonly CaseItem[]): Reply {
  const w = WORDING[level];
  const title = `${w.title}：${w.waits}${items.length}件`;
  const rows = items.slice(0, SHOWN).map((i) => ({ key: `${i.headName}户`, value: `${i.villageName}，${caseWhat(i)}`.slice(0, 26) }));
  if (items.length > SHOWN) rows.push({ key: '另有', value: `${items.length - SHOWN}件` });
  return {
    type: 'card',
    card: { kind: 'button_interaction', taskId, title, desc: w.desc, lines: rows, buttons: [{ key: QUEUE_BUTTON[level], text: w.button, style: 1 }] },
    fallback: [title, ...rows.map((r) => `${r.key}：${r.value}`), w.desc, `请发送“${w.title}”逐户办理。`].join('\n'),
  };
}
