import { describe, it } from 'vitest';
import { policyFlow, TOPIC_MENU } from '../../../src/flows/farmer/policy.js';
import { replay } from '../../helpers/transcript.js';
import { fakeData, farmer, gridWorker, T0, text } from './fixtures.js';

const setup = (lines?: Array<{ year: number; line: number }>, now = T0) => ({ actor: farmer, now, data: fakeData(farmer, lines ? { lines } : {}) });
const click = (menuId: string) => ({ type: 'text' as const, text: '', menuId });

describe('政策问答 transcripts', () => {
  it('the menu click and a general question offer the topics; each topic is answered in plain words', async () => {
    await replay(policyFlow, setup(), [
      { input: click('policy'), status: 'done', replies: [TOPIC_MENU] },
      { say: '政策', status: 'done', replies: [TOPIC_MENU] },
      { input: click('policy:monitoring'), status: 'done', replies: [text(/^防止返贫监测，就是对脱贫户和普通农户常看一看：收入够不够、孩子上学、看病有没有保障、住房安不安全/)] },
      { say: '什么是监测', status: 'done', replies: [text(/^防止返贫监测/)] },
      { input: click('policy:measures'), status: 'done', replies: [text(/^纳入监测后，会按您家的困难“缺什么补什么”[\s\S]*雨露计划[\s\S]*具体措施由村里研判后和您商量确定。\n家里有困难，发“申报困难”或直接说说情况；想找人问，发“找网格员”。$/)] },
      { say: '纳入了有什么补助', status: 'done', replies: [text(/缺什么补什么/)] },
      { say: '怎么申报', status: 'done', replies: [text('申报很简单：点“申报困难”，说说家里遇到的困难，留下姓名和联系方式就行，不用准备材料（记得身份证号更好），没在户籍上也可以报，不收任何费用。\n网格员会在3天内上门核实，村里评议、公示后，15天内有认定结果。')] },
    ]);
  });

  it('the income line is the configured one of the current year, said honestly when the year has none yet', async () => {
    await replay(policyFlow, setup(), [
      { say: '今年的标准是多少', status: 'done', replies: [text(/^2022年的监测收入标准是：家庭人均纯收入每人每年6700元。\n但不只看收入：因病、因灾、因意外/)] },
    ]);
    await replay(policyFlow, setup(undefined, Date.UTC(2023, 2, 1, 2)), [
      { input: click('policy:standard'), status: 'done', replies: [text(/^2023年的标准省里还没公布，2022年是每人每年6700元；新标准公布后按新的执行。/)] },
    ]);
    await replay(policyFlow, setup([]), [{ say: '收入线多少', status: 'done', replies: [text(/^2022年的监测收入标准省里还没公布，公布后按新标准执行/)] }]);
  });

  it('does not take an account of hardship, other menus, or staff', async () => {
    await replay(policyFlow, setup(), [
      { say: '听说有补贴，俺家房子塌了', status: 'not-matched' },
      { input: click('declare'), status: 'not-matched' },
      { input: click('policy:unknown'), status: 'done', replies: [TOPIC_MENU] },
    ]);
    await replay(policyFlow, { actor: gridWorker, now: T0, data: fakeData(gridWorker) }, [{ say: '政策', status: 'not-matched' }]);
  });
});
