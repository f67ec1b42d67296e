/**
 * A farmer opens 微信客服 from a village's poster: the QR code's `scene_param` carries the village
 * code. The farmer is greeted by the village's name with the menu (one message: WeCom lets the
 * welcome_code answer once), and the village is remembered (command `farmer.remember_entry`) so a
 * declaration later starts with it filled in. An unknown scene gets the plain menu.
 *
 * Listed before the help flow in the registry, which answers entries without a scene.
 *
 * @example
 *   welcomeFlow.start({ type: 'event', event: 'enter_session', scene: '610821101001' }, env)
 *   // done: [command farmer.remember_entry, menu '您好！这里是高家堡镇凉水井村的防止返贫监测帮扶服务。…']
 */
import { FARMER_MENU } from '../help.js';
import type { Env, Flow, Input, StepResult } from '../types.js';
import { isFarmer, reply } from './common.js';
import { isVillage, villageLabel } from './places.js';

const NAME = 'farmer/welcome';

/** Scene parameters are free text set by whoever printed the poster: keep only a plain code. */
const SCENE = /^[0-9A-Za-z_-]{1,32}$/;

async function greet(input: Input, env: Env): Promise<StepResult> {
  const scene = input.type === 'event' ? (input.scene ?? '').trim() : '';
  const places = SCENE.test(scene) ? await env.data.farmerPlaces() : [];
  if (!isVillage(places, scene)) return { status: 'done', effects: [reply(FARMER_MENU)] };
  const head = `您好！这里是${villageLabel(places, scene)}的防止返贫监测帮扶服务。请点选您要办的事：`;
  return {
    status: 'done',
    effects: [
      { type: 'command', command: { kind: 'farmer.remember_entry', villageCode: scene, scene } },
      reply({ ...FARMER_MENU, head }),
    ],
  };
}

export const welcomeFlow: Flow = {
  name: NAME,
  title: '欢迎',
  version: 1,
  matches: (input, env) => isFarmer(env) && input.type === 'event' && input.event === 'enter_session' && !!input.scene,
  start: greet,
  // Never waits.
  step: (_state, input, env) => greet(input, env),
};
