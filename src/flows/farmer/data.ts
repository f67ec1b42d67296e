/**
 * What the farmer flows read, through `env.data` (implemented in src/bot/flow-data/farmer.ts).
 * Every method answers only within the asking actor's jurisdiction (the port is built per actor).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FarmerData {}
