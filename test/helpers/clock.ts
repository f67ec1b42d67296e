/**
 * A frozen clock for tests: `now()` stays put until the test moves it.
 *
 * @example
 *   const clock = frozenClock(Date.UTC(2022, 4, 9, 1, 0));   // 2022-05-09 09:00 Asia/Shanghai
 *   clock.advance(61_000);
 */
export interface FrozenClock {
  now: () => number;
  advance: (ms: number) => void;
  set: (t: number) => void;
}

export function frozenClock(start: number): FrozenClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (v) => {
      t = v;
    },
  };
}

/** 2022-05-09 09:00 in Asia/Shanghai, a Monday of the 2022 screening campaign. */
export const CAMPAIGN_MONDAY = Date.UTC(2022, 4, 9, 1, 0, 0);
