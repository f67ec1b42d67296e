/**
 * 部署和培训 asked as a question: the place's two 附件1 columns, with the villages not deployed
 * and each village's count for a town; asked by a cadre of their village; never the whole
 * progress report and never 培训 read as a place. A training told (with its count) is not this.
 */
import { describe, expect, it } from 'vitest';
import { activityQuestionFlow } from '../../../src/flows/official/activity.js';
import { flows } from '../../../src/flows/registry.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, T0 } from './fixtures.js';
import { md } from './matchers.js';
import { routedTalk } from './routed.js';

const GJB = ['高家堡镇部署和培训（截至5月12日）', '专门部署：1/2个村（还没部署：新村）', '培训：1人', '各村：', '凉水井村：已部署，培训1人', '新村：未部署，培训0人', '登记发送“已部署 村名 日期”“培训 村名 日期 人数”。'].join('\n');

describe('部署和培训', () => {
  it.each(['全镇培训了多少人', '这个月培训了几个人', '高家堡镇部署了没有', '哪些村还没部署', '高家堡镇培训情况'])('a town official: “%s” answers the town’s deployment and training', async (said) => {
    await replay(activityQuestionFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [{ say: said, status: 'done', replies: [md(GJB)] }]);
  });

  it('a village cadre asks of their own village; through the router, not as progress of a place called 培训', async () => {
    const talk = routedTalk(ACTORS.cadre, fakeData(ACTORS.cadre));
    for (const said of ['这个月培训了多少人', '我们村部署了没有', '本周培训了几个人']) {
      const { replies } = await talk.say(said);
      expect(replies, said).toEqual([expect.stringMatching(/^高家堡镇凉水井村部署和培训（截至5月12日）\n专门部署：已部署\n培训：1人\n/)]);
    }
  });

  it('a training or deployment told is the field flow’s, not a question', () => {
    const env = { actor: ACTORS.cadre, now: T0, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeData(ACTORS.cadre) } as never;
    for (const t of ['培训 凉水井村 5月10日 12人', '今天培训了十二个人', '已部署 凉水井村 5月9日', '高家堡镇进度']) expect(activityQuestionFlow.matches({ type: 'text', text: t }, env), t).toBe(false);
    expect(flows.find((f) => f.matches({ type: 'text', text: '这个月培训了多少人' }, env))?.name).toBe('official/activity');
  });
});
