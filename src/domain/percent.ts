/**
 * A share as people read it: a percentage with one decimal, rounded half up (15 of 22 →
 * 68.2%, as a calculator shows it). Only a complete share reads 100%: 999.6 of 1000 would round
 * to 100.0% and hide the one household left, so anything short of 1 stops at 99.9%.
 *
 * @example
 *   formatPercent(15 / 22)      // '68.2%'
 *   formatPercent(0.8)          // '80.0%'
 *   formatPercent(9999 / 10000) // '99.9%'
 */
export function formatPercent(ratio: number): string {
  const tenths = Math.round(ratio * 1000 + 1e-9);
  const shown = ratio < 1 && tenths >= 1000 ? 999 : tenths;
  return `${(shown / 10).toFixed(1)}%`;
}
