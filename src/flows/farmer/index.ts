/**
 * The farmers' conversations (微信客服) and the grid worker's confirmation of a binding, in the
 * order the registry lists them. The welcome is separate: it goes before the help flow.
 */
import type { Flow } from '../types.js';
import { bindConfirmFlow } from './bind-confirm.js';
import { bindFlow } from './bind.js';
import { declareFlow } from './declare.js';
import { personFlow } from './person.js';
import { policyFlow } from './policy.js';
import { statusFlow } from './status.js';

export { welcomeFlow } from './welcome.js';

// A request for a person first (“没人来” is not a new declaration); questions before the
// declaration (“申报要花钱不” asks, it does not declare).
export const farmerFlows: Flow[] = [personFlow, statusFlow, policyFlow, declareFlow, bindFlow, bindConfirmFlow];
