// Every weight, bound and constant of the pricing model in one place, so tuning it is one reviewed diff and an
// explanation can quote the numbers it used. The model is multiplicative: listing = anchor × demand × reputation ×
// scarcity (then the tier floor); an auction is derived from the listing and the anchor.

export type AnchorLevel = "track" | "creator" | "tier" | "global" | "floor";

export interface Bounds {
  min: number;
  max: number;
}

export interface PricingModel {
  anchor: {
    /** A sale's weight halves every `halfLifeDays`: last month's market says more than last year's. */
    halfLifeDays: number;
    /** Sales older than this are not read at all (their weight would be below 2^-12 anyway). */
    lookbackDays: number;
    /** A level (track, creator, tier, global) is used only with at least this many sales: fewer cannot outvote an
     * outlier. */
    minSales: number;
    /** Sales outside [median ÷ band, median × band] of the time-weighted median are outliers and dropped. */
    outlierBand: number;
    /** How much a level's sales say about this track (the confidence's ceiling at that level). */
    levelConfidence: Record<AnchorLevel, number>;
    /** Confidence grows as n / (n + halfConfidenceSales) with n the time-weighted count of sales used. */
    halfConfidenceSales: number;
  };
  demand: {
    /** Weights of the log-ratios of the track's signals to its tier's medians (sum to 1). Unique listeners weigh
     * most: they are the hardest to inflate. `plays30d` must weigh at least as much as `growth`, so that more plays
     * in the month (a lower growth ratio) never lowers the price. */
    weights: { plays7d: number; plays30d: number; uniqueListeners30d: number; saves30d: number; growth: number };
    /** multiplier = exp(elasticity × score): 0.5 makes 4× the tier's demand worth about 2×. */
    elasticity: number;
    bounds: Bounds;
  };
  reputation: {
    /** The score of a creator the reputation index does not know yet (and the score that leaves prices alone). */
    neutralScore: number;
    /** Piecewise linear: score 0 → atZero, neutralScore → 1, score 1 → atOne. */
    atZero: number;
    atOne: number;
  };
  scarcity: {
    /** Weights of the share of the creator's other tracks and of the tier's other tracks that are listed now. */
    weights: { creatorListedShare: number; tierListedShare: number };
    /** The listed share that leaves prices alone: fewer listed → above 1×, more → below. */
    neutralListedShare: number;
    /** multiplier = exp(elasticity × (neutralListedShare − weighted listed share)). */
    elasticity: number;
    bounds: Bounds;
  };
  auction: {
    /** startPrice = listing × startPremium: the auction starts above the fixed price and lets demand find it. */
    startPremium: number;
    /** The reserve is at least anchor × reserveAnchorFactor: never far below what comparable tracks sold for. */
    reserveAnchorFactor: number;
    /** startPrice ≥ reserve × minStartOverReserve, so a high seller reserve still leaves a falling price. */
    minStartOverReserve: number;
    /** Below this confidence the curve is exponential: it spends equal time on every price ratio, a search over
     * orders of magnitude when the price is uncertain; above it, linear (the price is roughly known). */
    exponentialBelowConfidence: number;
    /** duration = base × (1 + uncertaintyStretch × (1 − confidence)) ÷ demand multiplier, within bounds. */
    baseDurationSeconds: number;
    uncertaintyStretch: number;
    /** Inside the DutchAuction's [MIN_DURATION 10 min, MAX_DURATION 30 days]; whole minutes. */
    durationBounds: Bounds;
  };
}

export const PRICING_MODEL: PricingModel = deepFreeze({
  anchor: {
    halfLifeDays: 30,
    lookbackDays: 365,
    minSales: 3,
    outlierBand: 3,
    levelConfidence: { track: 1, creator: 0.8, tier: 0.55, global: 0.3, floor: 0 },
    halfConfidenceSales: 5,
  },
  demand: {
    weights: { plays7d: 0.25, plays30d: 0.2, uniqueListeners30d: 0.3, saves30d: 0.15, growth: 0.1 },
    elasticity: 0.5,
    bounds: { min: 0.5, max: 3 },
  },
  reputation: { neutralScore: 0.5, atZero: 0.8, atOne: 1.5 },
  scarcity: {
    weights: { creatorListedShare: 0.6, tierListedShare: 0.4 },
    neutralListedShare: 0.2,
    elasticity: 2,
    bounds: { min: 0.75, max: 1.5 },
  },
  auction: {
    startPremium: 1.5,
    reserveAnchorFactor: 0.7,
    minStartOverReserve: 1.1,
    exponentialBelowConfidence: 0.5,
    baseDurationSeconds: 2 * 86_400,
    uncertaintyStretch: 1,
    durationBounds: { min: 3_600, max: 7 * 86_400 },
  },
});

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === "object" && child !== null) deepFreeze(child);
  return Object.freeze(value);
}
