// Step 3: the reputation multiplier. The creators' reputation scores (QualityIndex.score, 0..1, computed by the
// reward epochs) are averaged by each creator's revenue share, and the average maps piecewise linearly onto
// [atZero, atOne] through 1× at the neutral score. A creator the index does not know yet counts as neutral: new
// creators are neither rewarded nor punished for having no history.

import type { TrackInfo } from "../domain.ts";
import { InvalidMarketDataError } from "./errors.ts";
import { boundedFactor } from "./factor.ts";
import { formatNumber } from "./format.ts";
import type { PricingModel } from "./parameters.ts";
import type { FactorSignal, PricingFactor } from "./types.ts";

export function reputationFactor(
  creators: TrackInfo["creators"],
  reputation: ReadonlyMap<string, number>,
  params: PricingModel["reputation"],
): PricingFactor {
  const totalBps = creators.reduce((sum, creator) => sum + creator.shareBps, 0);
  const signals: FactorSignal[] = creators.map((creator) => {
    const known = reputation.get(creator.account);
    if (known !== undefined && !(known >= 0 && known <= 1)) {
      throw new InvalidMarketDataError(`reputation of ${creator.account}: ${known} is outside [0, 1]`);
    }
    const score = known ?? params.neutralScore;
    const weight = totalBps > 0 ? creator.shareBps / totalBps : 1 / creators.length;
    const note = known === undefined ? "not in the reputation index yet: neutral score" : undefined;
    return {
      name: `creator ${creator.account}`,
      value: score,
      weight,
      contribution: weight * score,
      ...(note === undefined ? {} : { note }),
    };
  });
  if (signals.length === 0) {
    signals.push({ name: "no creators", value: params.neutralScore, weight: 1, contribution: params.neutralScore });
  }
  const { neutralScore, atZero, atOne } = params;
  const formula =
    `piecewise linear in the share-weighted score: 0 → ${formatNumber(atZero)}, ` +
    `${formatNumber(neutralScore)} → 1, 1 → ${formatNumber(atOne)}`;
  return boundedFactor("reputation", signals, formula, { min: atZero, max: atOne }, (score) =>
    score <= neutralScore
      ? atZero + ((1 - atZero) * score) / neutralScore
      : 1 + ((atOne - 1) * (score - neutralScore)) / (1 - neutralScore),
  );
}
