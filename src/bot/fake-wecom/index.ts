/**
 * The fake WeCom: an HTTP server playing WeCom's API with its rules and failures, a delivery log
 * of what each person received, and a callback sender playing WeCom calling the bot.
 * Used by the tests and by sandbox mode.
 *
 * @example
 *   const fake = new FakeWeCom({ corpId, agentId, secret });
 *   const apiBase = await fake.start();
 *   const callbacks = new CallbackSender(fake.state, { url, token, encodingAesKey, timeoutMs: 200 });
 */
export { FakeWeCom } from './server.js';
export { FakeWeComState, type Delivery, type DroppedMessage, type FakeWeComOptions, type KfSession } from './state.js';
export { CallbackSender, type CallbackResult, type CallbackSenderOptions, type PassiveReply } from './callback-sender.js';
