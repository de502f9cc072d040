// Step 2: the demand multiplier. Each count (plays this week and this month, unique listeners, saves) is compared
// on a log scale with the median of the other tracks of the track's tier (of all other tracks if the tier has no
// other, 0 if there is none): ln((1 + track) ÷ (1 + median)), so 10× the tier's plays counts as much above as a
// tenth counts below, and the +1 keeps tracks nobody played finite. Growth (this week against the month's weekly
// pace) is compared with steady (1). The weighted score becomes exp(elasticity × score), bounded.
//
// Monotone in the track's own demand: the medians leave the track out, so they do not move with it; raising a count
// raises its log-ratio; and plays30d weighs at least as much as growth, so more plays in the month outweigh the lower
// growth ratio they cause (d/dx of w30·ln(1 + x) is at least that of wg·ln(1 + 7x/30) when w30 ≥ wg).

import { InvalidMarketDataError } from "./errors.ts";
import { boundedFactor, median } from "./factor.ts";
import { formatNumber } from "./format.ts";
import type { PricingModel } from "./parameters.ts";
import type { FactorSignal, PricingFactor, TrackDemand } from "./types.ts";

const COUNTS = ["plays7d", "plays30d", "uniqueListeners30d", "saves30d"] as const;
const WEEK_SHARE_OF_MONTH = 7 / 30;
const NO_DEMAND: TrackDemand = { plays7d: 0, plays30d: 0, uniqueListeners30d: 0, saves30d: 0 };

export function demandFactor(
  trackId: string,
  tierTrackIds: ReadonlySet<string>,
  allTrackIds: readonly string[],
  demand: ReadonlyMap<string, TrackDemand>,
  params: PricingModel["demand"],
): PricingFactor {
  const own = demandOf(trackId, demand);
  const tierOthers = [...tierTrackIds].filter((id) => id !== trackId);
  const peers = tierOthers.length > 0 ? tierOthers : allTrackIds.filter((id) => id !== trackId);
  const peerDemand = peers.map((id) => demandOf(id, demand));
  const peerNote =
    tierOthers.length > 0
      ? `median of the tier's ${peers.length} other tracks`
      : peers.length > 0
        ? `alone in its tier: median of all ${peers.length} other tracks`
        : "no other track: compared with 0";
  const signals: FactorSignal[] = COUNTS.map((name) => {
    const reference = peerDemand.length > 0 ? median(peerDemand.map((entry) => entry[name])) : 0;
    const weight = params.weights[name];
    const contribution = weight * Math.log((1 + own[name]) / (1 + reference));
    return { name, value: own[name], reference, weight, contribution, note: peerNote };
  });
  const growth = (1 + own.plays7d) / (1 + own.plays30d * WEEK_SHARE_OF_MONTH);
  signals.push({
    name: "growth",
    value: growth,
    reference: 1,
    weight: params.weights.growth,
    contribution: params.weights.growth * Math.log(growth),
    note: "(1 + plays7d) ÷ (1 + plays30d × 7/30): this week against the month's weekly pace",
  });
  const formula = `exp(${formatNumber(params.elasticity)} × Σ weight × ln((1 + track) ÷ (1 + median)))`;
  return boundedFactor("demand", signals, formula, params.bounds, (score) => Math.exp(params.elasticity * score));
}

function demandOf(trackId: string, demand: ReadonlyMap<string, TrackDemand>): TrackDemand {
  const entry = demand.get(trackId) ?? NO_DEMAND;
  for (const name of COUNTS) {
    const value = entry[name];
    if (!Number.isFinite(value) || value < 0) {
      throw new InvalidMarketDataError(`demand of track ${trackId}: ${name} ${value} is not a count`);
    }
  }
  return entry;
}
