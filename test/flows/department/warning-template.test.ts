/**
 * Transcripts of 预警模板: the template as a file with how to fill it in; “模板” alone only from a
 * department; refused to staff who do not send warnings.
 */
import { describe, it } from 'vitest';
import { warningTemplateFlow } from '../../../src/flows/department/warning-template.js';
import { replay } from '../../helpers/transcript.js';
import { cityBureau, fakeDepartment, farmer, gridWorker, T0, yibao } from './fixtures.js';

const FILE = { type: 'file', fileName: '部门预警名单模板.xlsx', contentBase64: 'UEsDBA==' };
const HOW = { type: 'text', text: '这是预警名单模板：第一行是表头，下面是示例行（请删掉后填写）；“填写说明”页列出每一列的写法。填好后把文件直接发给我。' };

describe('预警模板', () => {
  it('a department gets the template, however it asks', async () => {
    const { data } = fakeDepartment({});
    await replay(warningTemplateFlow, { actor: yibao, now: T0, data }, [
      { say: '预警模板', status: 'done', replies: [FILE, HOW] },
      { say: '发个模板吧', status: 'done', replies: [FILE, HOW] },
      { say: '给个模板', status: 'done', replies: [FILE, HOW] },
      { say: '模板。', status: 'done', replies: [FILE, HOW] },
      { say: '你好 我是医保局的 这个月的预警名单怎么报给你们', status: 'done', replies: [FILE, HOW] },
      { say: '名单咋提交', status: 'done', replies: [FILE, HOW] },
      { say: '数据发哪里', status: 'done', replies: [FILE, HOW] },
    ]);
  });

  it('the city asks with 预警; its bare “模板” is not this flow', async () => {
    const { data } = fakeDepartment({});
    await replay(warningTemplateFlow, { actor: cityBureau, now: T0, data }, [
      { say: '下载预警名单模板', status: 'done', replies: [FILE, HOW] },
      { say: '模板', status: 'not-matched' },
      { say: '名单怎么报', status: 'not-matched' },
    ]);
  });

  it('unauthorized: a grid worker is told who sends warnings; a farmer is not answered here', async () => {
    const { data } = fakeDepartment({});
    await replay(warningTemplateFlow, { actor: gridWorker, now: T0, data }, [
      { say: '预警模板', status: 'done', replies: [{ type: 'text', text: '「预警模板」是行业部门和市乡村振兴局的功能，您的角色（网格员）用不到。发送“帮助”查看您可以办的事。' }] },
    ]);
    await replay(warningTemplateFlow, { actor: farmer, now: T0, data }, [{ say: '预警模板', status: 'not-matched' }]);
  });
});
