// Step 4: the scarcity multiplier. A buyer who wants this track can also buy the creator's other tracks or the
// tier's other tracks that are on sale now; the more of them are listed (as a share of how many exist), the less
// this one can ask. The weighted listed share is compared with a neutral share: exp(elasticity × (neutral − share)),
// bounded. Only the other tracks count, so listing this track itself changes nothing, and listing any other
// comparable track can only lower the multiplier.

import type { Comparables } from "./comparables.ts";
import { boundedFactor } from "./factor.ts";
import { formatNumber } from "./format.ts";
import type { PricingModel } from "./parameters.ts";
import type { FactorSignal, PricingFactor } from "./types.ts";

export function scarcityFactor(
  comparables: Comparables,
  listedNow: ReadonlySet<string>,
  params: PricingModel["scarcity"],
): PricingFactor {
  const ownId = comparables.track.trackId;
  const signal = (name: keyof PricingModel["scarcity"]["weights"], ids: ReadonlySet<string>, whose: string) => {
    const others = [...ids].filter((id) => id !== ownId);
    const listed = others.filter((id) => listedNow.has(id)).length;
    const share = others.length > 0 ? listed / others.length : 0;
    const weight = params.weights[name];
    const note = `${listed} of the ${whose}'s ${others.length} other tracks listed now`;
    return { name, value: share, weight, contribution: weight * share, note } satisfies FactorSignal;
  };
  const signals = [
    signal("creatorListedShare", comparables.creatorTrackIds, "creator"),
    signal("tierListedShare", comparables.tierTrackIds, "tier"),
  ];
  const formula =
    `exp(${formatNumber(params.elasticity)} × (${formatNumber(params.neutralListedShare)} − ` +
    `Σ weight × listed share))`;
  return boundedFactor("scarcity", signals, formula, params.bounds, (score) =>
    Math.exp(params.elasticity * (params.neutralListedShare - score)),
  );
}
