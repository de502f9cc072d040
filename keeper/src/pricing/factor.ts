// What the three multipliers (demand, reputation, scarcity) share: a score from weighted signals, a formula from
// score to multiplier, bounds, and one rounding to fixed point. The fixed-point value is the one applied, so it is
// also the one the explanation reports.

import { fromFixed, toFixed } from "./fixed-point.ts";
import type { Bounds } from "./parameters.ts";
import type { FactorSignal, PricingFactor } from "./types.ts";

export function boundedFactor(
  name: PricingFactor["name"],
  signals: FactorSignal[],
  formula: string,
  bounds: Bounds,
  multiplierOf: (score: number) => number,
): PricingFactor {
  const score = signals.reduce((sum, signal) => sum + signal.contribution, 0);
  const unbounded = multiplierOf(score);
  const multiplierFixed = toFixed(Math.min(bounds.max, Math.max(bounds.min, unbounded)));
  return { name, signals, score, formula, bounds, unbounded, multiplierFixed, multiplier: fromFixed(multiplierFixed) };
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
