/**
 * The name understanding as the farmer's declaration uses it: names with 有 are taken at once
 * (they were asked again forever), and a village said at the name question is not a name.
 */
import { describe, expect, it } from 'vitest';
import { declareFlow } from '../../../src/flows/farmer/declare.js';
import { replay } from '../../helpers/transcript.js';
import { fakeData, farmer, T0, text, V_LSJ } from '../farmer/fixtures.js';

const setup = () => ({ actor: farmer, now: T0, data: fakeData(farmer, { profile: { entryVillage: V_LSJ } }) });
const ASK_NAME = '请问申报人叫什么名字？';

describe('names in the farmer declaration', () => {
  it('马有福 and 刘有才 are names', async () => {
    await replay(declareFlow, setup(), [
      { say: '俺家老汉住院了', status: 'waiting', state: { node: 'name' } },
      { say: '马有福', status: 'waiting', state: { node: 'id', data: expect.objectContaining({ name: '马有福' }) } },
    ]);
    await replay(declareFlow, setup(), [
      { say: '俺家老汉住院了', status: 'waiting', state: { node: 'name' } },
      { say: '我叫刘有才', status: 'waiting', state: { node: 'id', data: expect.objectContaining({ name: '刘有才' }) } },
    ]);
  });

  it('a village of the region tree is not taken for the declarant’s name', async () => {
    await replay(declareFlow, setup(), [
      { say: '俺家老汉住院了', status: 'waiting', state: { node: 'name' } },
      { say: '凉水井', status: 'waiting', state: { node: 'name' }, replies: [text(new RegExp(ASK_NAME))] },
    ]);
  });
});
