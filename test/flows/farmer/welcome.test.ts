import { describe, it } from 'vitest';
import { FARMER_MENU } from '../../../src/flows/help.js';
import { welcomeFlow } from '../../../src/flows/farmer/welcome.js';
import { replay } from '../../helpers/transcript.js';
import { fakeData, farmer, gridWorker, T0, V_LSJ } from './fixtures.js';

const enter = (scene?: string) => ({ type: 'event' as const, event: 'enter_session', ...(scene === undefined ? {} : { scene }) });

describe('welcome from a village poster', () => {
  it('greets by the village’s name with the menu and remembers the village', async () => {
    await replay(welcomeFlow, { actor: farmer, now: T0, data: fakeData(farmer) }, [
      {
        input: enter(V_LSJ),
        status: 'done',
        commands: [{ kind: 'farmer.remember_entry', villageCode: V_LSJ, scene: V_LSJ }],
        replies: [{ ...FARMER_MENU, head: '您好！这里是高家堡镇凉水井村的防止返贫监测帮扶服务。请点选您要办的事：' }],
      },
    ]);
  });

  it('an unknown or odd scene gets the plain menu and nothing is remembered; no scene is left to the help flow', async () => {
    await replay(welcomeFlow, { actor: farmer, now: T0, data: fakeData(farmer) }, [
      { input: enter('610821999999'), status: 'done', commands: [], replies: [FARMER_MENU] },
      { input: enter('610821101 OR 1=1'), status: 'done', commands: [], replies: [FARMER_MENU] },
      { input: enter('610821101'), status: 'done', commands: [], replies: [FARMER_MENU] },
      { input: enter(), status: 'not-matched' },
      { input: enter(''), status: 'not-matched' },
      { say: '你好', status: 'not-matched' },
    ]);
    await replay(welcomeFlow, { actor: gridWorker, now: T0, data: fakeData(gridWorker) }, [{ input: enter(V_LSJ), status: 'not-matched' }]);
  });
});
