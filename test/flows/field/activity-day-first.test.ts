/**
 * 部署培训登记 with the day said before the command word (“三月十五号培训了8个人”, “3.15培训了20个人”,
 * “5月3日已部署”): that day is the activity's, never today's.
 */
import { describe, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { cadre, fakeFieldData, MONDAY, VILLAGE, world } from './world.js';
import { flows } from '../../../src/flows/registry.js';

const setup = () => ({ actor: cadre, now: MONDAY, data: fakeFieldData(world(), cadre) });
const record = (activity: string, day: string, people: number | null) => ({ kind: 'field.activity.record', activity, villageCodes: [VILLAGE], day, people });

describe('部署培训登记: the day said first', () => {
  it.each([
    ['三月十五号培训了8个人', record('training', '2022-03-15', 8)],
    ['3.15培训了20个人', record('training', '2022-03-15', 20)],
    ['5月3日 培训 12人', record('training', '2022-05-03', 12)],
    ['5月3日已部署', record('deployment', '2022-05-03', null)],
    ['三月十五号已部署', record('deployment', '2022-03-15', null)],
  ])('“%s”', async (said, command) => {
    await converse(flows, setup(), [{ say: said, waiting: null, commands: [command] }]);
  });
});
