/**
 * The flows' read port, `env.data`: one interface per area, each in its own file, so the areas
 * grow without touching each other. Built per actor by src/bot/flow-data/index.ts.
 */
import type { CaseworkData } from './casework/data.js';
import type { DepartmentData } from './department/data.js';
import type { FarmerData } from './farmer/data.js';
import type { FieldData } from './field/data.js';
import type { OfficialData } from './official/data.js';

export interface FlowData extends FarmerData, FieldData, OfficialData, DepartmentData, CaseworkData {}
